"""A lost database connection gives a 503 page in Japanese, not the error page or a traceback.

The failures are real: a connection to a database that is not there (a SQLite file in a missing
directory, or a PostgreSQL port nobody listens on). The whole restart under load is in
`python -m bench.faults`.
"""

from __future__ import annotations

import socket

import pytest
from django.db import (
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    close_old_connections,
    connection,
)
from django.db.utils import load_backend
from django.test import Client

from kyodo.core.middleware import DatabaseUnavailableMiddleware


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unreachable_database_error() -> OperationalError:
    settings = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings["NAME"] = "/nonexistent/kyodo/db.sqlite3"
    else:
        settings.update({"HOST": "127.0.0.1", "PORT": closed_port()})
    settings["TEST"] = {}
    broken = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias="broken")
    try:
        with pytest.raises(OperationalError) as info:
            broken.ensure_connection()
    finally:
        broken.close()
    return info.value


@pytest.mark.django_db
def test_an_unreachable_database_gives_a_503_page_in_japanese(rf):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = rf.post("/events/1/")
    request.LANGUAGE_CODE = "ja"

    response = middleware.process_exception(request, unreachable_database_error())

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "<h1>ただいま一時的にご利用いただけません</h1>" in text
    assert "データベースに一時的に接続できないため、何も保存されていません。" in text
    assert "Traceback" not in text
    assert 'lang="ja"' in text


@pytest.mark.django_db
def test_a_bad_query_is_not_disguised_as_an_outage(rf):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    with pytest.raises((OperationalError, ProgrammingError)) as info:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_anywhere")
    assert middleware.process_exception(rf.get("/"), info.value) is None
    assert middleware.process_exception(rf.get("/"), ValueError("not a database error")) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_statements_a_migration_made_stale_give_a_503_and_a_new_connection(rf):
    """A column's type changed under a statement prepared on this connection (an upgrade's
    migration, before the web workers restart): PostgreSQL refuses the statement on every run
    until the connection is replaced. The visitor gets the 503 page, the connection is closed at
    the end of the request, and the next request prepares the statement again."""
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    query = "SELECT id, amount FROM kyodo_probe WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE kyodo_probe (id integer, amount integer)")
        cursor.execute("INSERT INTO kyodo_probe VALUES (1, 7)")
    try:
        with connection.cursor() as cursor:
            for _ in range(6):  # prepared from the fifth run on
                cursor.execute(query, [1])
        # The migration runs in another process (on this connection psycopg would forget its
        # prepared statements after an ALTER).
        migrating = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
            dict(connection.settings_dict), alias="migrating"
        )
        try:
            with migrating.cursor() as cursor:
                cursor.execute("ALTER TABLE kyodo_probe ALTER COLUMN amount TYPE bigint")
        finally:
            migrating.close()
        with pytest.raises(NotSupportedError) as info:
            with connection.cursor() as cursor:
                cursor.execute(query, [1])
        request = rf.get("/staff/")
        request.LANGUAGE_CODE = "ja"

        response = middleware.process_exception(request, info.value)

        assert (response.status_code, response["Retry-After"]) == (503, "30")
        assert "<h1>ただいま一時的にご利用いただけません</h1>" in response.content.decode()
        # The end of the request (or the task worker's next task) closes the connection, so
        # the next request opens a new one.
        assert connection.settings_dict["CONN_MAX_AGE"] == 600  # kept otherwise
        close_old_connections()
        assert connection.connection is None
        with connection.cursor() as cursor:
            for _ in range(6):
                cursor.execute(query, [1])
            assert cursor.fetchall() == [(1, 7)]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE kyodo_probe")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a server that goes away: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_public_form_sent_while_the_database_is_away_gets_the_503_page(
    monkeypatch, database_counters
):
    # The per-address limit of public forms counts in a database row before the view runs;
    # Django turns a middleware's exception into its error page (handler500).
    client = Client(raise_request_exception=False)  # as the server answers, not re-raised
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", closed_port())
    try:
        response = client.post("/events/1/", {"kind": "individual", "name": "青木"})
    finally:
        connection.close()
    assert response.status_code == 503
    assert "データベースに一時的に接続できないため、何も保存されていません。" in response.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a server that goes away: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_signed_in_page_while_the_database_is_away_gets_the_503_page(monkeypatch, staff_user):
    # The session is read by a middleware before the view.
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", closed_port())
    try:
        response = client.get("/staff/")
    finally:
        connection.close()
    assert response.status_code == 503
    assert "データベースに一時的に接続できないため、何も保存されていません。" in response.text


@pytest.mark.django_db
def test_any_other_failure_is_still_the_error_page(rf):
    from kyodo.core.views.public import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "申し訳ありません。問題が発生しました。" in response.content.decode()
