"""Reading settings from the environment: safe local defaults, and a clear error on a bad value.

Settings must fail at start-up with a message naming the variable, not later with a confusing
traceback deep inside a request. The messages are Japanese, as the operator who reads them is:
the variable, the form expected and the value given (its password masked), for example
「CACHE_URL は redis://ホスト:6379/0 の形で指定してください（指定値: 'memcached://x'）。」
`kyodo` prints them as one line (kyodo/__main__.py).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def masked(url: str) -> str:
    """``url`` with the password of its user replaced by ``***``, for messages and logs:
    ``postgres://kyodo:secret@db/kyodo`` → ``postgres://kyodo:***@db/kyodo``."""
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, at, host = rest.rpartition("@")
    if ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}://{credentials}{at}{host}"


def given(raw: str) -> str:
    """「（指定値: 'memcached://x'）」: the value as the operator typed it, password masked."""
    return f"（指定値：{masked(raw)!r}）"


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} には true か false（1/0、yes/no、on/off も可）を指定してください{given(raw)}。"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} には整数（半角数字）を指定してください{given(raw)}。"
        ) from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(
            f"{name} には {minimum} 以上の整数を指定してください{given(raw)}。"
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


_DATABASE_FORMS = "sqlite:///パス または postgres://ユーザー@ホスト:ポート/データベース名"


def env_database(name: str, default: str, *, conn_max_age: int = 0) -> dict:
    raw = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(
            raw, conn_max_age=conn_max_age, conn_health_checks=conn_max_age > 0
        )
    except Exception:  # the library raises several types for a bad URL
        # Not the library's own message: it lists every backend it knows (mysql, oracle …),
        # which Kyodo does not support.
        raise ImproperlyConfigured(
            f"{name} の値 {masked(raw)!r} はデータベースの URL として読めません。"
            f"{_DATABASE_FORMS} の形で指定してください。"
        ) from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock when a
        # transaction begins, so concurrent writers queue (busy timeout) instead of failing with
        # "database is locked" half-way through.
        config["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_HEALTH_CHECKS"] = False
        # Django's backend, the writers of every process queued on a file lock instead of
        # SQLite's sleeps (kyodo/core/backends/sqlite3/base.py).
        config["ENGINE"] = "kyodo.core.backends.sqlite3"
    elif engine == "django.db.backends.postgresql":
        if not config.get("NAME"):
            # Django would say in English, at the first query, that NAME is missing.
            raise ImproperlyConfigured(
                f"{name} にデータベース名がありません{given(raw)}。{_DATABASE_FORMS} の形で、"
                "最後にデータベース名を付けて指定してください。"
            )
        # Parameters bound by the server, so that psycopg prepares a statement on its fifth run
        # on a connection: the pages' statements, compiled once by Kyodo (kyodo.core.statements),
        # are then parsed and planned once per connection instead of once per request.
        # DB_PREPARED_STATEMENTS=false behind a pooler that cannot keep them (PgBouncer in
        # transaction mode before 1.21, or without max_prepared_statements).
        if env_bool("DB_PREPARED_STATEMENTS", True):
            config.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
        # Django's backend, its health check asking the server only when the server has spoken
        # (kyodo/core/backends/postgresql/base.py).
        config["ENGINE"] = "kyodo.core.backends.postgresql"
    else:
        raise ImproperlyConfigured(
            f"{name} には SQLite か PostgreSQL を指定してください{given(raw)}。"
            f"{_DATABASE_FORMS} の形で書きます。"
        )
    return config


def env_storage(name: str, *, endpoint_url: str = "", region_name: str = "") -> dict:
    """The STORAGES["default"] entry: the local disk (MEDIA_ROOT) without a URL, S3-compatible
    object storage (django-storages) for ``s3://bucket`` or ``s3://bucket/prefix``."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    parts = urlsplit(raw)
    if parts.scheme != "s3" or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name} は s3://バケット名 または s3://バケット名/フォルダ の形で指定してください"
            f"{given(raw)}。接続先は STORAGE_ENDPOINT_URL、鍵は AWS_ACCESS_KEY_ID と"
            f" AWS_SECRET_ACCESS_KEY に指定します。このサーバーのディスクに置くときは {name} を"
            "空にします。"
        )
    if endpoint_url and not endpoint_url.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            "STORAGE_ENDPOINT_URL は http://… または https://… の形で指定してください"
            f"{given(endpoint_url)}。"
        )
    options = {
        "bucket_name": parts.netloc,
        "location": parts.path.strip("/"),
        # Private files: no public ACL, no public URL; Kyodo streams every download itself.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    if endpoint_url:
        options["endpoint_url"] = endpoint_url
    if region_name:
        options["region_name"] = region_name
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


_EMAIL_FORMS = (
    "smtp://ユーザー:パスワード@ホスト:ポート（TLS は smtps://…、STARTTLS は末尾に ?tls=True）、"
    "または console://（画面に表示するだけ）"
)


def env_email(name: str, default: str) -> dict:
    """The MAILERS["default"] entry (Django 6.1's mail configuration) for a mail URL."""
    raw = os.environ.get(name) or default
    if raw.startswith("console:"):
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if raw.startswith("locmem:"):
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if not raw.startswith(("smtp:", "smtps:", "submission:")):
        raise ImproperlyConfigured(f"{name} は {_EMAIL_FORMS} の形で指定してください{given(raw)}。")
    try:
        parsed = dj_email_url.parse(raw)
    except Exception:  # the library's English: a port that is no number, and others
        raise ImproperlyConfigured(
            f"{name} はメールサーバーの URL として読めません{given(raw)}。"
            f"{_EMAIL_FORMS} の形で、ポートは数字で指定してください。"
        ) from None
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parsed["EMAIL_HOST"],
            "port": parsed["EMAIL_PORT"],
            "username": parsed["EMAIL_HOST_USER"] or "",
            "password": parsed["EMAIL_HOST_PASSWORD"] or "",
            "use_tls": bool(parsed["EMAIL_USE_TLS"]),
            "use_ssl": bool(parsed["EMAIL_USE_SSL"]),
            "timeout": parsed.get("EMAIL_TIMEOUT") or 20,
        },
    }


def local_secret_key(var_dir: Path) -> str:
    """A random key kept in var/ so a local install needs no configuration and stays stable."""
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


def env_rates(name: str, default: dict[str, str]) -> dict[str, str]:
    """Rate limits by URL name from ``"organizations:apply=10/h,default=30/h"``, over ``default``.

    Each rate is a count per period (``10/h``, ``5/10m``, ``100/d``); a bad one fails at start-up.
    """
    raw = os.environ.get(name)
    rates = dict(default)
    if raw:
        for part in raw.split(","):
            if not part.strip():
                continue
            key, _, rate = part.partition("=")
            if not key.strip() or not rate.strip():
                raise ImproperlyConfigured(
                    f"{name} は URL名=回数/期間 をカンマ区切りで指定してください{given(part)}。"
                    "例：organizations:apply=10/h,default=30/h"
                )
            rates[key.strip()] = rate.strip()
    for key, rate in rates.items():
        try:
            parse_rate(rate)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} の {key} の制限 {rate!r} は読めません。回数/期間 の形で、期間は s（秒）、"
                "m（分）、h（時間）、d（日）で指定してください（例：10/h、5/10m、100/d）。"
            ) from None
    return rates


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/h"`` → (10, 3600); also ``"5/10m"``. Raises ValueError for anything else."""
    count, _, period = rate.strip().partition("/")
    number = ""
    while period[: len(number) + 1].isdigit() and len(number) < len(period):
        number = period[: len(number) + 1]
    unit = period[len(number) :]
    if not count.isdigit() or unit not in _PERIODS or (number and int(number) < 1):
        raise ValueError(f"制限として読めません：{rate!r}（10/h、5/10m、100/d のように書きます）")
    return int(count), int(number or 1) * _PERIODS[unit]
