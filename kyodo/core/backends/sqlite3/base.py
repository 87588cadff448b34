"""Django's SQLite backend, with the writers of every process queued on a file lock.

``ENGINE = "kyodo.core.backends.sqlite3"`` (kyodo.env sets it for a ``sqlite://`` URL). SQLite
lets one writer at a time hold its database; a writer that finds it taken waits in SQLite's busy
handler, which sleeps 1, 2, 5, 10 … ms between tries, whatever the holder needs: with two web
workers each writing for about a millisecond per application, the machine sat idle 44 % of the
time (the applications' rate was bound by those sleeps, not by the processors).

So every write transaction (``BEGIN IMMEDIATE``, which Kyodo's settings make the start of every
transaction) and every write outside one takes an exclusive ``flock`` on a file beside the
database first, and gives it back at ``COMMIT`` or ``ROLLBACK``: writers queue there, and the
next tries again a fraction of a millisecond after the last one is done. Readers do not take it
(WAL lets them read during a write). A writer that cannot have the lock within the database's
``timeout`` goes on without it, and SQLite's own busy handler decides as before (a second
connection writing while this thread holds a transaction open gets SQLite's "database is
locked" after the timeout, never a wait without end). An in-memory database has no file and no
queue.
"""

from __future__ import annotations

import fcntl
import os
import re
import time

from django.db.backends.sqlite3 import base

__all__ = ["DatabaseWrapper"]

_WRITE_RE = re.compile(r"\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
# The waits between two tries: short, as the holder needs about a millisecond.
FIRST_WAIT = 0.00005
LONGEST_WAIT = 0.0002


class WriterQueue:
    """An exclusive ``flock`` on ``path``, held by one connection at a time."""

    def __init__(self, path: str):
        self.path = path
        self.fd: int | None = None
        self.held = False

    def acquire(self, timeout: float) -> None:
        """Hold the lock, or give up after ``timeout`` seconds (SQLite's busy handler then
        decides)."""
        if self.held:
            return
        if self.fd is None:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        deadline = None
        wait = FIRST_WAIT
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                now = time.monotonic()
                if deadline is None:
                    deadline = now + timeout
                elif now >= deadline:
                    return
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
            else:
                self.held = True
                return

    def release(self) -> None:
        if self.held:
            self.held = False
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def close(self) -> None:
        self.release()
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _create_private(name: str) -> None:
    """Create a new database file readable by its owner only (0600; SQLite gives its -wal and
    -shm files the same mode): it holds password hashes and personal data, as the backups (0600)
    do. An existing file keeps its mode; a folder that does not exist is not made (SQLite then
    refuses to open the database, as before: KYODO_VAR_DIR is made by the settings)."""
    if not name or name.startswith("file:") or os.path.exists(name):
        return
    if not os.path.isdir(os.path.dirname(os.path.abspath(name))):
        return
    try:
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600))
    except FileExistsError:
        pass  # another process made it meanwhile


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.writers: WriterQueue | None = None
        self.execute_wrappers.append(self._queue_autocommit_write)

    def get_new_connection(self, conn_params):
        if not self.is_in_memory_db():
            _create_private(str(conn_params.get("database", "")))
        connection = super().get_new_connection(conn_params)
        if self.writers is None and not self.is_in_memory_db():
            self.writers = WriterQueue(f"{self.settings_dict['NAME']}-writers")
        return connection

    def _timeout(self) -> float:
        return float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))

    def _start_transaction_under_autocommit(self):
        queued = self.writers is not None and self.transaction_mode == "IMMEDIATE"
        if queued:
            self.writers.acquire(self._timeout())
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            if queued:
                self.writers.release()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writers()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writers()

    def _close(self):
        try:
            return super()._close()
        finally:
            if self.writers is not None:
                self.writers.close()
                self.writers = None

    def _release_writers(self):
        if self.writers is not None:
            self.writers.release()

    def _queue_autocommit_write(self, execute, sql, params, many, context):
        # A write outside a transaction is a transaction of its own: queued the same way (not
        # when already queued, as inside an explicit BEGIN).
        writers = self.writers
        if writers is None or self.in_atomic_block or writers.held or not _WRITE_RE.match(sql):
            return execute(sql, params, many, context)
        writers.acquire(self._timeout())
        try:
            return execute(sql, params, many, context)
        finally:
            writers.release()
