"""A write that holds a hot row lock, committed without keeping the lock through the disk write.

Every application to an event locks the event's row, so that its places are counted by one
applicant at a time. On PostgreSQL the lock lasts until the commit has returned, and a commit
waits for its WAL to reach the disk (``fdatasync``, 1–4 ms here): applications to one event
were serialised by the disk, one flush each, at about 300 a second however many cores the
server has.

``atomic_release_early()`` is ``transaction.atomic()`` for such a write. On PostgreSQL its
transaction commits with ``synchronous_commit`` off, which releases the locks as soon as the
commit is written to the WAL buffers, and then, before the caller goes on, waits for the WAL to
be flushed past that commit: a transactional WAL message (``pg_logical_emit_message``, no table,
any ``wal_level``, no privilege) committed synchronously, whose flush covers every record before
it. So the caller answers only once its rows are on disk, as with a synchronous commit, while
the next applicant already counts the places; waiting applicants' flushes are grouped by the
server. A crash between the two loses the write before anyone was told it succeeded, and
every later commit with it (the WAL is flushed in order): none that depends on it survives.

Inside an outer transaction (a service called by another, a test's) it is a plain
``transaction.atomic()``: the outer one commits. On SQLite it is ``transaction.atomic()``.

``atomic_release_early(setting_by_caller=True)`` leaves the setting to the caller: the
block gives the column to select (``ASYNC_COLUMN``; None where nothing is to be set) and one of
the caller's statements in the block selects it, one round trip fewer for an application, which
sent ten.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

# Commits this transaction when the WAL holding it is flushed, in one statement: the setting is
# local to the statement's own (implicit) transaction, whatever the session's default.
FLUSH_SQL = (
    "SELECT set_config('synchronous_commit', 'on', true), "
    "pg_logical_emit_message(true, 'kyodo', '')"
)
ASYNC_COLUMN = "set_config('synchronous_commit', 'off', true)"
ASYNC_SQL = f"SELECT {ASYNC_COLUMN}"


@contextmanager
def atomic_release_early(
    using: str | None = None, *, setting_by_caller: bool = False
) -> Iterator[str | None]:
    """The block, committed early (see the module); gives ``ASYNC_COLUMN`` when the caller
    asked to select it in one of its statements and it is needed, otherwise None."""
    connection = transaction.get_connection(using)
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield None
        return
    with transaction.atomic(using=using):
        if not setting_by_caller:
            with connection.cursor() as cursor:
                cursor.execute(ASYNC_SQL)
        # The first of the commit's hooks: the other hooks run once the write is on disk.
        transaction.on_commit(lambda: _flush(connection), using=using)
        yield ASYNC_COLUMN if setting_by_caller else None


def _flush(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(FLUSH_SQL)
        # Its answer read: in a pipeline (kyodo.core.statements.pipelined) the statement is
        # only sent, and the commit's other hooks must wait for the disk.
        cursor.fetchone()
