"""A lost database connection gives a 503 page in Japanese, not the error page or a traceback.

The failures are real: a connection to a database that is not there (a SQLite file in a missing
directory, or a PostgreSQL port nobody listens on). The whole restart under load is in
`python -m bench.faults`.
"""

from __future__ import annotations

import socket

import pytest
from django.db import OperationalError, ProgrammingError, connection
from django.db.utils import load_backend

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
