"""The one thing the search app hooks into: ``flush`` of the test database (see below).

No model signal keeps the index: each service that changes indexed content calls the indexer at
the end of its transaction (``kyodo.search.indexing``).
"""

from __future__ import annotations


def _after_flush(sender, using="default", **kwargs):
    """``flush`` (as transactional tests run it) empties the documents but not the FTS5 table,
    whose stale rows would then answer for new documents that reuse their ids: empty it too."""
    from django.db import connections

    from kyodo.search import engine

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = connection.introspection.table_names()
    if engine.FTS not in tables or engine.TABLE not in tables:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {engine.TABLE} LIMIT 1")
        if cursor.fetchone() is None:
            cursor.execute(f"INSERT INTO {engine.FTS}({engine.FTS}) VALUES ('delete-all')")
