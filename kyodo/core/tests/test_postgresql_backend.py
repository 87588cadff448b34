"""Kyodo's PostgreSQL backend (kyodo/core/backends/postgresql/base.py): the health check of a kept
connection asks the server only when the server has said something, and closed cursors serve
the next statements. Against the real server, each test on a connection of its own; the other
side of each check is seen from a third connection (``pg_stat_activity``)."""

from __future__ import annotations

import datetime
import time

import psycopg
import pytest
from django.db import ProgrammingError, connection
from django.db.utils import load_backend

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Kyodo's PostgreSQL backend: PostgreSQL only"
)


@pytest.fixture
def kept(db):
    """A connection of its own, kept between requests and checked before each, as in the web
    workers (DB_CONN_MAX_AGE, CONN_HEALTH_CHECKS)."""
    settings = dict(connection.settings_dict)
    settings.update({"CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True})
    wrapper = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias="kept")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


@pytest.fixture
def observer(db):
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    with psycopg.connect(**params, autocommit=True) as conn:
        yield conn


def last_statement(observer, pid: int) -> str | None:
    row = observer.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
    return row[0] if row else None


def test_the_backend_is_kyodos():
    assert connection.settings_dict["ENGINE"] == "kyodo.core.backends.postgresql"


def test_a_quiet_kept_connection_passes_its_check_without_a_statement(kept, observer):
    with kept.cursor() as cursor:
        cursor.execute("SELECT 'kyodo-marker'")
        assert cursor.fetchone() == ("kyodo-marker",)
    raw, pid = kept.connection, kept.connection.info.backend_pid
    kept.close_if_unusable_or_obsolete()  # the end of a request
    assert kept.health_check_done is False

    kept.close_if_health_check_failed()  # the next request's first statement

    assert kept.health_check_done is True
    assert kept.connection is raw
    # Django's check would have sent SELECT 1; the server saw nothing after the marker.
    assert last_statement(observer, pid) == "SELECT 'kyodo-marker'"


def test_a_connection_the_server_dropped_is_replaced_before_it_is_used(kept, observer):
    pid = kept.connection.info.backend_pid
    kept.close_if_unusable_or_obsolete()
    assert observer.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone() == (True,)
    for _ in range(100):  # the server ends the backend, then the socket says so
        if last_statement(observer, pid) is None:
            break
        time.sleep(0.05)

    kept.close_if_health_check_failed()

    assert kept.connection is None  # closed by the check, not by a failed request
    with kept.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_closed_cursors_serve_the_next_statements(kept):
    with kept.cursor() as first:
        first.execute("SELECT 1")
        assert first.fetchall() == [(1,)]
        used = first.cursor
    with kept.cursor() as second:
        assert second.cursor is used  # kept, not made again
        with pytest.raises(ProgrammingError, match="no result available"):
            second.fetchall()  # nothing of the previous statement, as on a new cursor
        second.execute("SELECT %s::timestamptz", ["2011-02-25 19:00:00+09:00"])
        assert second.fetchone() == (datetime.datetime(2011, 2, 25, 10, 0, tzinfo=datetime.UTC),)
    # Two cursors open at once (an iterator reading in chunks while its loop queries) are two.
    with kept.cursor() as outer, kept.cursor() as inner:
        assert outer.cursor is not inner.cursor
        outer.execute("SELECT generate_series(1, 3)")
        inner.execute("SELECT 'inner'")
        assert inner.fetchone() == ("inner",)
        assert outer.fetchall() == [(1,), (2,), (3,)]
