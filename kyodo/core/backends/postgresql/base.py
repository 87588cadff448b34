"""Django's PostgreSQL backend, with the health check of a kept connection asking the server
only when the server has said something; its connections run without JIT and are replaced
when a migration made their prepared statements stale.

``ENGINE = "kyodo.core.backends.postgresql"`` (kyodo.env sets it for a ``postgres://`` URL). Django checks
a kept connection before the first statement of each request (``CONN_HEALTH_CHECKS``) with a
``SELECT 1``: one more round trip on every request, about a tenth of a signed-in page's time
under load. A connection between two requests is idle: the server sends nothing on it unless it
goes away (a restart, ``pg_terminate_backend``, ``idle_session_timeout``: a FATAL message, then
the end of the stream) or a ``NOTIFY`` arrives (Kyodo listens to none). So the socket is polled
first, without waiting: nothing to read means the server has not dropped the connection, and
only a socket with something to read, or a connection psycopg already knows is broken, gets
Django's ``SELECT 1`` (which then fails, and the connection is replaced before the request uses
it, as before). A server that vanished without a word (a host powered off, a cut network) is
found by the request's first statement, as Django's check would have found it: the request is
answered with the 503 page and the connection replaced (kyodo.core.middleware).
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq

from kyodo.core.statements import replace_after_stale_plans

__all__ = ["DatabaseWrapper"]


def _has_input(fd: int) -> bool:
    """Whether the socket ``fd`` has something to read (data, the end of the stream or an
    error), without waiting."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.features.uses_server_side_binding:
            # With prepared statements, a connection whose statements a migration made stale is
            # replaced (kyodo.core.statements).
            self.execute_wrappers.append(replace_after_stale_plans)

    def init_connection_state(self):
        super().init_connection_state()
        # No JIT compilation: Kyodo's statements are small and indexed, but the search's index
        # statements pass ``jit_above_cost`` by the planner's estimates, and compiling one took
        # 20 ms where running it takes 3. A session SET, not a startup option, so that poolers
        # refusing ``options`` still connect.
        with self.connection.cursor() as cursor:
            cursor.execute("SET jit = off")

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.cursor_factory = _SPARE[connection.cursor_factory]
        connection._kyodo_spare_cursors = []
        return connection

    def create_cursor(self, name=None):
        spares = getattr(self.connection, "_kyodo_spare_cursors", None)
        if name or not spares:
            return super().create_cursor(name)
        cursor = spares.pop()
        tzloader = cursor.adapters.get_loader(base.TIMESTAMPTZ_OID, base.Format.TEXT)
        if self.timezone != tzloader.timezone:
            base.register_tzloader(self.timezone, cursor)
        return cursor

    def _set_autocommit(self, autocommit):
        connection = self.connection
        pipeline = connection._pipeline
        if (
            pipeline is not None
            and not pipeline.command_queue
            and not pipeline.result_queue
            and connection.pgconn.transaction_status == pq.TransactionStatus.IDLE
        ):
            # In a pipeline (kyodo.core.statements.pipelined) with nothing sent and no
            # transaction open, psycopg would wait for an empty round trip to the server only
            # to find that no transaction is open: at the start of every transaction in a
            # pipeline and once more after its commit.
            connection._autocommit = bool(autocommit)
            return
        super()._set_autocommit(autocommit)

    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed:
            return False
        pgconn = connection.pgconn
        if (
            pgconn.status == pq.ConnStatus.OK
            and pgconn.transaction_status == pq.TransactionStatus.IDLE
        ):
            try:
                quiet = not _has_input(pgconn.socket)
            except (OSError, ValueError, base.Database.Error):  # no socket any more
                return False
            if quiet:
                return True
        return super().is_usable()


def _spare(cursor_class):
    """A subclass of the psycopg cursor ``cursor_class`` whose close() keeps it for the next
    statement on the same connection."""

    class SpareCursor(cursor_class):
        def close(self):
            spares = getattr(self._conn, "_kyodo_spare_cursors", None)
            if spares is None or self._closed or len(spares) >= 4:
                return super().close()
            self._reset()
            spares.append(self)

    return SpareCursor


_SPARE = {cls: _spare(cls) for cls in (base.ServerBindingCursor, base.Cursor)}
