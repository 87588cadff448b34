"""An operator's first hour, in Japanese, with real `kyodo` processes: a mistake in the
environment is one Japanese line naming the variable, the form expected and the value found (its
password masked), exit status 1, and nothing done; Kyodo's own commands explain themselves and
refuse a mistyped command line in Japanese; `make install-prod` installs no test tools while
`make install`, `make run` and `make test` stay as they were."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# Every variable the settings read, left out of the children's environment unless a test sets it.
CLEARED = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DEBUG",
    "DATABASE_URL",
    "CACHE_URL",
    "HTTPS",
    "SECRET_KEY",
    "SITE_URL",
    "LOG_LEVEL",
    "WEB_WORKERS",
    "STORAGE_URL",
    "EMAIL_URL",
    "RATE_LIMITS",
}
PREFIX = "設定に誤りがあります（環境変数）："


def _kyodo(tmp_path: Path, *args: str, **variables: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environment.update(KYODO_VAR_DIR=str(tmp_path / "var"), **variables)
    return subprocess.run(
        [sys.executable, "-m", "kyodo", *args],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"CACHE_URL": "memcached://:secret@cache:11211"},
            "CACHE_URL は redis://ホスト:6379/0 の形で指定してください"
            "（指定値：'memcached://:***@cache:11211'）。TLS では rediss://…、1台のサーバーで"
            "動かすときは CACHE_URL を空にします。",
        ),
        (
            {"DATABASE_URL": "mysql://kyodo:secret@db/kyodo"},
            "DATABASE_URL には SQLite か PostgreSQL を指定してください"
            "（指定値：'mysql://kyodo:***@db/kyodo'）。sqlite:///パス または "
            "postgres://ユーザー@ホスト:ポート/データベース名 の形で書きます。",
        ),
        (
            {"STORAGE_URL": "https://files.example.jp/kyodo"},
            "STORAGE_URL は s3://バケット名 または s3://バケット名/フォルダ の形で指定してください"
            "（指定値：'https://files.example.jp/kyodo'）。接続先は STORAGE_ENDPOINT_URL、鍵は "
            "AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY に指定します。このサーバーのディスクに"
            "置くときは STORAGE_URL を空にします。",
        ),
        (
            {"HTTPS": "true"},
            "SECRET_KEY を指定してください。HTTPS=true（本番）では、セッションやリンクの署名に"
            "使う長いランダムな値が必要です（すべてのホストで同じ値。例：python3 -c "
            "'import secrets; print(secrets.token_urlsafe(50))' で作れます）。",
        ),
        (
            {"HTTPS": "yes please"},
            "HTTPS には true か false（1/0、yes/no、on/off も可）を指定してください"
            "（指定値：'yes please'）。",
        ),
        (
            {"PAGE_CACHE_SECONDS": "1分"},
            "PAGE_CACHE_SECONDS には整数（半角数字）を指定してください（指定値：'1分'）。",
        ),
        (
            {"SIGNIN_DELAY_SECONDS": "0"},
            "SIGNIN_DELAY_SECONDS には 1 以上の整数を指定してください（指定値：'0'）。",
        ),
        (
            {"TRUSTED_PROXIES": "127.0.0.1,nginx"},
            "TRUSTED_PROXIES の 'nginx' はIPアドレスでもネットワーク（192.0.2.0/24 など）でも"
            "ありません。プロキシのアドレスをカンマ区切りで指定してください（既定：127.0.0.1,::1）。",
        ),
        (
            {"RATE_LIMITS": "organizations:apply=10/week"},
            "RATE_LIMITS の organizations:apply の制限 '10/week' は読めません。回数/期間 の形で、"
            "期間は s（秒）、m（分）、h（時間）、d（日）で指定してください（例：10/h、5/10m、100/d）。",
        ),
        (
            {"SITE_URL": "kyodo.example.jp"},
            "SITE_URL は利用者が開くアドレスを https://kyodo.example.jp の形で指定してください"
            "（指定値：'kyodo.example.jp'）。メールで送るリンクはこのアドレスで始まります。",
        ),
        (
            {"LOG_LEVEL": "verbose"},
            "LOG_LEVEL には DEBUG、INFO、WARNING、ERROR、CRITICAL のどれかを指定してください"
            "（指定値：'verbose'）。",
        ),
    ],
)
def test_a_bad_setting_is_one_japanese_line_and_nothing_is_done(tmp_path, variables, message):
    result = _kyodo(tmp_path, "migrate", **variables)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", PREFIX + message + "\n")
    assert not (tmp_path / "var" / "kyodo.sqlite3").exists()


@pytest.mark.parametrize("command", ["serve", "migrate"])
def test_serve_and_migrate_with_a_database_url_without_a_name(tmp_path, command):
    result = _kyodo(tmp_path, command, DATABASE_URL="postgres://kyodo:secret@127.0.0.1:5432")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        PREFIX + "DATABASE_URL にデータベース名がありません"
        "（指定値：'postgres://kyodo:***@127.0.0.1:5432'）。sqlite:///パス または "
        "postgres://ユーザー@ホスト:ポート/データベース名 の形で、最後にデータベース名を付けて"
        "指定してください。\n"
    )


def test_serve_with_workers_that_are_no_number(tmp_path):
    result = _kyodo(tmp_path, "serve", WEB_WORKERS="two")
    assert (result.returncode, result.stderr) == (
        1,
        PREFIX + "WEB_WORKERS には整数（半角数字）を指定してください（指定値：'two'）。\n",
    )


def test_production_with_its_secret_key_and_a_lower_case_log_level_starts(tmp_path):
    result = _kyodo(
        tmp_path,
        "check",
        HTTPS="true",
        SECRET_KEY="x7#Gm2!pQ9z" * 6,
        LOG_LEVEL="info",
        SITE_URL="https://kyodo.example.jp/",
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert not (tmp_path / "var" / "secret_key").exists()  # the generated key is not made


def test_a_failing_command_prints_its_japanese_line_alone(tmp_path):
    # Not migrated: Django would write 「CommandError: 」 before the message.
    result = _kyodo(tmp_path, "serve", "--bind", "127.0.0.1:0")
    assert result.returncode == 1
    assert result.stderr.startswith("データベースに未適用のマイグレーションが"), result.stderr
    assert "CommandError" not in result.stderr and "Traceback" not in result.stderr


# --- --help and the command line -----------------------------------------------------------------

KYODO_COMMANDS = [
    "backup",
    "db_worker",
    "demo",
    "events",
    "import-minutes",
    "import_minutes",
    "minutes",
    "outbox",
    "periodic",
    "report",
    "restore",
    "search",
    "serve",
    "setup",
]
# What may stay in Latin letters: the names of commands, options, values and variables the
# operator types, formats and programs.
LATIN = re.compile(
    r"kyodo [a-z_-]+|kyodo\.settings|--?[a-z][a-z-]*|\b[A-Z][A-Z0-9_]+\b|`[^`]*`|\{[^}]*\}|"
    r"\b(?:kyodo|Kyodo|gunicorn|WhiteNoise|Web|Python|Markdown|JSON|PDF|"
    r"flush|status|anonymise|export|verify|import|import-minutes|reindex|monthly|"
    r"pdf|docx|html|text|csv|tsv|txt|md|xlsx|zip|markdown|newest|read|failed|"
    r"entry|minutes|event|group|news|page|case|report|deliberation|discussion|other|"
    r"default|true|false)\b"
)


@pytest.mark.parametrize("command", KYODO_COMMANDS)
def test_kyodo_commands_explain_themselves_in_japanese(tmp_path, command):
    result = _kyodo(tmp_path, command, "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"使い方：kyodo {command} ")
    assert "\n引数:\n" in text or "\nオプション:\n" in text
    assert "  -h, --help            この説明を表示して終了します。\n" in text
    words = re.findall(r"[A-Za-z]{2,}", LATIN.sub(" ", text))
    assert words == [], (command, words)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["outbox", "send"],
            "{flush,status} に 'send' は指定できません（指定できるのは 'flush', 'status'）",
        ),
        (["outbox"], "次の引数を指定してください：{flush,status}"),
        (["periodic", "--every", "毎分"], "--every には数字を指定してください（'毎分'）"),
        (
            ["setup", "--center", "みなと"],
            "次の引数を指定してください：--staff-username, --staff-name",
        ),
        (["backup", "a.zip", "b.zip"], "使えない引数があります：b.zip"),
        (["minutes", "export", "--meeting", "2010-9"], "次の引数を指定してください：--format"),
    ],
)
def test_a_mistyped_command_line_is_refused_in_japanese(tmp_path, args, error):
    result = _kyodo(tmp_path, *args)
    assert result.returncode == 2
    assert result.stderr.startswith("使い方：kyodo "), result.stderr
    prog = " ".join(["kyodo", *args[:2]] if args[0] == "minutes" else ["kyodo", args[0]])
    assert result.stderr.splitlines()[-1] == f"{prog}: エラー：{error}"


# --- make install-prod -----------------------------------------------------------------------------


def _make_n(target: str) -> list[str]:
    # Not as a sub-make of `make test` (which would print "Entering directory" lines).
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BIND", "KYODO_BIND", "MAKELEVEL", "MAKEFLAGS", "MFLAGS")
    }
    environment.pop("SITE_URL", None)
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", target, "PYTHON=/usr/bin/python3"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_install_prod_installs_no_test_tools():
    assert _make_n("install-prod") == [
        'test -n "/usr/bin/python3" || (echo "Kyodo には Python 3.12 以上が必要です" >&2; exit 1)',
        "test -x .venv/bin/python || /usr/bin/python3 -m venv .venv",
        ".venv/bin/python -m pip install --quiet --upgrade pip",
        ".venv/bin/python -m pip install --quiet -e .",
        "command -v msgfmt >/dev/null || .venv/bin/python -m pip install --quiet 'polib>=1.2'",
        "touch .venv/.installed-prod",
        ".venv/bin/python scripts/compile-messages",
    ]


def test_install_run_and_test_are_as_before():
    install = _make_n("install")
    assert ".venv/bin/python -m pip install --quiet -e '.[dev]'" in install
    assert _make_n("run")[-4:] == [
        ".venv/bin/kyodo migrate --noinput",
        # The demo's mail links to where the site is served (the same SITE_URL as the server).
        "SITE_URL='http://127.0.0.1:8000' .venv/bin/kyodo demo",
        ".venv/bin/kyodo collectstatic --noinput -v 0",
        "SITE_URL='http://127.0.0.1:8000' .venv/bin/kyodo serve --bind '127.0.0.1:8000'",
    ]
    assert _make_n("test")[-2:] == ["scripts/system-packages", ".venv/bin/pytest -n 2"]


def test_the_test_tools_are_an_extra_not_a_dependency():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    tools = {"pytest", "pytest-django", "pytest-xdist", "ruff", "playwright", "moto", "polib"}
    names = {re.split(r"[<>=\[ ]", requirement)[0] for requirement in project["dependencies"]}
    extras = {re.split(r"[<>=\[ ]", r)[0] for r in project["optional-dependencies"]["dev"]}
    assert names & tools == set()
    assert tools <= extras
