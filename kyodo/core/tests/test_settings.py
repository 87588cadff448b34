import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from kyodo import env


def test_env_bool_rejects_nonsense_with_the_variable_name(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured) as raised:
        env.env_bool("DEBUG", False)
    assert str(raised.value) == (
        "DEBUG には true か false（1/0、yes/no、on/off も可）を指定してください（指定値：'maybe'）。"
    )


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), ("off", False)])
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)
    assert env.env_bool("DEBUG", not expected) is expected


def test_env_int_rejects_words(monkeypatch):
    monkeypatch.setenv("OUTBOX_MAX_ATTEMPTS", "ten")
    with pytest.raises(ImproperlyConfigured) as raised:
        env.env_int("OUTBOX_MAX_ATTEMPTS", 8)
    assert str(raised.value) == (
        "OUTBOX_MAX_ATTEMPTS には整数（半角数字）を指定してください（指定値：'ten'）。"
    )


def test_env_int_below_its_minimum_names_it(monkeypatch):
    monkeypatch.setenv("PAGE_CACHE_SECONDS", "-1")
    with pytest.raises(ImproperlyConfigured) as raised:
        env.env_int("PAGE_CACHE_SECONDS", 60, minimum=0)
    assert str(raised.value) == (
        "PAGE_CACHE_SECONDS には 0 以上の整数を指定してください（指定値：'-1'）。"
    )


def test_database_url_for_mysql_is_refused(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://root:secret@localhost/kyodo")
    with pytest.raises(ImproperlyConfigured) as raised:
        env.env_database("DATABASE_URL", "sqlite:///x.sqlite3")
    assert str(raised.value) == (
        "DATABASE_URL には SQLite か PostgreSQL を指定してください"
        "（指定値：'mysql://root:***@localhost/kyodo'）。sqlite:///パス または "
        "postgres://ユーザー@ホスト:ポート/データベース名 の形で書きます。"
    )


def test_a_postgresql_url_without_a_database_name_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://kyodo:pw@db.example.jp:5432")
    with pytest.raises(ImproperlyConfigured) as raised:
        env.env_database("DATABASE_URL", "sqlite:///x.sqlite3")
    assert str(raised.value) == (
        "DATABASE_URL にデータベース名がありません（指定値：'postgres://kyodo:***@db.example.jp:5432'）。"
        "sqlite:///パス または postgres://ユーザー@ホスト:ポート/データベース名 の形で、"
        "最後にデータベース名を付けて指定してください。"
    )


def test_sqlite_gets_wal_and_immediate_transactions():
    config = env.env_database("UNSET_DATABASE_URL_FOR_TEST", "sqlite:////tmp/k.sqlite3")
    assert config["NAME"] == "/tmp/k.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgresql_binds_parameters_on_the_server_unless_told_not_to(monkeypatch):
    url = "postgres://kyodo@db.example.jp:5432/kyodo"
    config = env.env_database("UNSET_DATABASE_URL_FOR_TEST", url, conn_max_age=600)
    assert config["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 5}
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (600, True)
    monkeypatch.setenv("DB_PREPARED_STATEMENTS", "false")
    assert env.env_database("UNSET_DATABASE_URL_FOR_TEST", url).get("OPTIONS", {}) == {}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements and JIT: PostgreSQL only"
)
@pytest.mark.django_db
def test_postgresql_connections_prepare_repeated_statements_without_jit():
    assert connection.features.uses_server_side_binding
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        for _ in range(6):  # psycopg prepares a statement on its fifth run on a connection
            cursor.execute("SELECT COUNT(*) FROM core_center WHERE id > %s", [0])
        cursor.execute(
            "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%FROM core_center WHERE id > $1%"],
        )
        assert cursor.fetchone() == (1,)


def test_email_url_smtp_with_starttls(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://user:secret@mail.example.jp:587/?tls=True")
    config = env.env_email("EMAIL_URL", "console://")
    assert config["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config["OPTIONS"] == {
        "host": "mail.example.jp",
        "port": 587,
        "username": "user",
        "password": "secret",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 20,
    }


def test_email_url_with_unknown_scheme_is_refused(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "pigeon://roof")
    with pytest.raises(ImproperlyConfigured) as raised:
        env.env_email("EMAIL_URL", "console://")
    assert str(raised.value) == (
        "EMAIL_URL は smtp://ユーザー:パスワード@ホスト:ポート（TLS は smtps://…、STARTTLS は末尾に"
        " ?tls=True）、または console://（画面に表示するだけ） の形で指定してください"
        "（指定値：'pigeon://roof'）。"
    )


def test_email_url_with_a_port_that_is_no_number_hides_the_password(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://kyodo:secret@mail.example.jp:smtp")
    with pytest.raises(ImproperlyConfigured) as raised:
        env.env_email("EMAIL_URL", "console://")
    assert "secret" not in str(raised.value)
    assert str(raised.value).startswith(
        "EMAIL_URL はメールサーバーの URL として読めません"
        "（指定値：'smtp://kyodo:***@mail.example.jp:smtp'）。"
    )


def _kyodo(*args, extra_env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    } | extra_env
    return subprocess.run(
        [sys.executable, "-m", "kyodo", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    result = _kyodo(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        extra_env={
            "DEBUG": "false",
            "SECRET_KEY": "x7#Gm2!pQ9z" * 6,
            "ALLOWED_HOSTS": "kyodo.example.jp",
            "HTTPS": "true",
            "EMAIL_URL": "smtp://kyodo:secret@mail.example.jp:587/?tls=True",
            "KYODO_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a_bad_setting_stops_the_command_with_a_clear_message(tmp_path):
    result = _kyodo("check", extra_env={"DEBUG": "perhaps", "KYODO_VAR_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr == (
        "設定に誤りがあります（環境変数）：DEBUG には true か false（1/0、yes/no、on/off も可）を"
        "指定してください（指定値：'perhaps'）。\n"
    )


def test_runserver_serves_the_apps_static_files_without_collectstatic(tmp_path):
    # With DEBUG off (the default), `kyodo runserver` answered 500 on every page: the manifest
    # storage wanted collectstatic's manifest. Other commands keep the manifest.
    code = (
        "import sys; sys.argv = ['kyodo', {command!r}]; from kyodo import settings as s; "
        "print(s.WHITENOISE_USE_FINDERS, s.STORAGES['staticfiles']['BACKEND'])"
    )
    env = {**os.environ, "KYODO_VAR_DIR": str(tmp_path), "DEBUG": "false"}
    env.pop("WHITENOISE_USE_FINDERS", None)
    env.pop("STATIC_MANIFEST", None)
    printed = {
        command: subprocess.run(
            [sys.executable, "-c", code.format(command=command)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for command in ("runserver", "serve")
    }
    assert printed == {
        "runserver": "True django.contrib.staticfiles.storage.StaticFilesStorage",
        "serve": "False kyodo.core.staticfiles.StaticFilesStorage",
    }
