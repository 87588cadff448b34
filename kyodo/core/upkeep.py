"""What a database wants after a bulk load (the demo, a restore): PostgreSQL's planner
statistics and, for the demo, its dead row versions cleared.

A bulk load leaves PostgreSQL without statistics on the new rows, and the demo, which writes
and rewrites its search documents and minutes as it builds them, leaves about four dead row
versions for each live one in the search table: every index-only scan then visits the heap, and
a search's first walk cost 1.1 ms of the server's CPU instead of 0.4 ms. Autovacuum sees to
both within minutes where it runs; a freshly loaded demo or restored center should not wait for
it, nor depend on it being on. SQLite needs neither.
"""

from __future__ import annotations

from django.db import connections


def after_bulk_load(using: str = "default", *, vacuum: bool = False) -> bool:
    """``ANALYZE`` (``VACUUM (ANALYZE)`` with ``vacuum``) the whole database on PostgreSQL.
    Not inside a transaction, where VACUUM cannot run and statistics would see rows not yet
    committed: returns whether it ran."""
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
    return True
