"""Kyodo's SQLite backend (kyodo/core/backends/sqlite3/base.py): writers queue on a file lock
beside the database instead of SQLite's busy handler. Real database files of the test's own,
two connections as two workers have them (threads here: the lock is per open file, so two
connections of one process queue as two processes do)."""

from __future__ import annotations

import fcntl
import os
import threading
import time

import pytest
from django.db import OperationalError
from django.db.utils import load_backend

ENGINE = "kyodo.core.backends.sqlite3"


def wrapper(path, *, timeout: float = 30, alias: str = "queued"):
    settings = {
        "ENGINE": ENGINE,
        "NAME": str(path),
        "OPTIONS": {
            "timeout": timeout,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    return load_backend(ENGINE).DatabaseWrapper(settings, alias=alias)


@pytest.fixture(autouse=True)
def _own_files(django_db_blocker):
    # Databases of the test's own, not the test database: pytest-django's guard does not apply.
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "queue.sqlite3"
    setup = wrapper(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE t (n integer, who text)")
    setup.close()
    return path


def lock_is_free(path) -> bool:
    fd = os.open(f"{path}-writers", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def test_the_default_database_is_kyodos(settings):
    from kyodo.env import env_database

    assert env_database("NO_SUCH_VARIABLE", "sqlite:///x.sqlite3")["ENGINE"] == ENGINE


def test_a_transaction_holds_the_queue_until_it_commits(database):
    first = wrapper(database, alias="first")
    first.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1, 'first')")
    assert lock_is_free(database) is False
    first.commit()
    assert lock_is_free(database) is True
    first.set_autocommit(True)
    first.rollback()  # nothing open: still free
    assert lock_is_free(database) is True
    first.close()


def test_a_second_writer_waits_in_the_queue_and_goes_on_at_the_commit(database):
    first, order = wrapper(database, alias="first"), []
    first.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1, 'first')")

    def second_writer():
        second = wrapper(database, alias="second")
        with second.cursor() as cursor:  # a write outside a transaction: queued too
            cursor.execute("INSERT INTO t VALUES (2, 'second')")
        order.append("second wrote")
        second.close()

    thread = threading.Thread(target=second_writer)
    thread.start()
    time.sleep(0.3)
    assert order == []  # still waiting behind the open transaction
    order.append("first commits")
    first.commit()
    thread.join(timeout=10)
    assert order == ["first commits", "second wrote"]
    with first.cursor() as cursor:
        cursor.execute("SELECT n, who FROM t ORDER BY n")
        assert cursor.fetchall() == [(1, "first"), (2, "second")]
    first.set_autocommit(True)
    first.close()


def test_a_writer_that_cannot_have_the_queue_gets_sqlites_error_after_the_timeout(database):
    first = wrapper(database, alias="first")
    first.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1, 'first')")
    second = wrapper(database, timeout=0.2, alias="second")
    started = time.monotonic()
    with pytest.raises(OperationalError, match="database is locked"), second.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (2, 'second')")
    # The queue's timeout, then SQLite's: never a wait without end.
    assert 0.35 < time.monotonic() - started < 5
    second.close()
    first.rollback()
    first.set_autocommit(True)
    with first.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone() == (0,)
    assert lock_is_free(database) is True
    first.close()


def test_an_in_memory_database_has_no_queue():
    memory = wrapper(":memory:", alias="memory")
    with memory.cursor() as cursor:
        cursor.execute("CREATE TABLE t (n integer)")
        cursor.execute("INSERT INTO t VALUES (1)")
    assert memory.writers is None
    memory.close()
