"""What the search app hooks into: ``post_migrate``, for ``flush`` of the test database and for
an index rebuild that a migration asked for (see below).

No model signal keeps the index: each service that changes indexed content calls the indexer at
the end of its transaction (``kyodo.search.indexing``).
"""

from __future__ import annotations

# The databases whose index a migration of this run asked to rebuild (rebuild_after_migrate).
_REBUILD: set[str] = set()


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


def rebuild_after_migrate(alias: str) -> None:
    """For a migration that changes what the index holds: rebuild the index of ``alias`` once
    every migration of this ``migrate`` has run. The rebuild reads today's models (events,
    minutes, groups …), whose tables a migration in the middle of the run may not have yet."""
    _REBUILD.add(alias)


def rebuild_in_migration(apps, schema_editor) -> None:
    """A migration's ``RunPython`` for a change of what the index holds: the index of the
    default database rebuilt after the last migration of this run (a scratch database, as
    ``kyodo backup --verify`` makes, and an empty index are left alone)."""
    if schema_editor.connection.alias != "default":
        return
    if not apps.get_model("search", "SearchDocument").objects.exists():
        return
    rebuild_after_migrate(schema_editor.connection.alias)


def _rebuild_after_migrate(sender, using="default", **kwargs):
    if using not in _REBUILD:
        return
    _REBUILD.discard(using)
    from kyodo.search.indexing import reindex_all

    reindex_all()
