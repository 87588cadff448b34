"""Settings for several hosts, read in a fresh process as a host would read them: nothing but
Python without CACHE_URL and STORAGE_URL; Redis for pages, their generation and sessions with
CACHE_URL; S3 with STORAGE_URL; kept database connections."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from kyodo import env

SHOW = """
import json
from django.conf import settings
print(json.dumps({
    "caches": {k: [v["BACKEND"].rsplit(".", 1)[-1], v.get("KEY_PREFIX", "")]
               for k, v in settings.CACHES.items()},
    "sessions": settings.SESSION_ENGINE,
    "storage": settings.STORAGES["default"]["BACKEND"],
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
}))
"""


def settings_with(tmp_path, **variables) -> dict:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "CACHE_URL",
            "STORAGE_URL",
            "DB_CONN_MAX_AGE",
            "CACHE_KEY_PREFIX",
            "PAGE_CACHE_SECONDS",
        }
    }
    environment.update(KYODO_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="kyodo.settings")
    environment.update(variables)
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{SHOW}"],
        env=environment, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def test_one_host_needs_nothing_but_python(tmp_path):
    assert settings_with(tmp_path) == {
        "caches": {
            "default": ["LocMemCache", ""],
            "ratelimit": ["DatabaseCache", ""],
            "pages": ["LocMemCache", ""],
        },
        "sessions": "kyodo.core.session_store",  # Django's database sessions
        "storage": "django.core.files.storage.FileSystemStorage",
        "conn_max_age": 600,
    }


def test_several_hosts_share_redis_and_s3(tmp_path):
    assert settings_with(
        tmp_path,
        CACHE_URL="redis://cache.example.jp:6379/0",
        CACHE_KEY_PREFIX="nishitokyo",
        STORAGE_URL="s3://kyodo-files/nishitokyo",
        DB_CONN_MAX_AGE="0",
    ) == {
        "caches": {
            "default": ["LocMemCache", ""],
            "ratelimit": ["RedisCache", "nishitokyo"],
            "pages": ["RedisCache", "nishitokyo-pages"],
            "sessions": ["RedisCache", "nishitokyo-sessions"],
        },
        "sessions": "django.contrib.sessions.backends.cached_db",
        "storage": "storages.backends.s3.S3Storage",
        "conn_max_age": 0,
    }


def test_a_cache_url_that_is_not_redis_stops_start_up_by_name(tmp_path):
    environment = dict(os.environ, KYODO_VAR_DIR=str(tmp_path), CACHE_URL="memcached://x:11211")
    result = subprocess.run(
        [sys.executable, "-m", "kyodo", "check"], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr == (
        "設定に誤りがあります（環境変数）：CACHE_URL は redis://ホスト:6379/0 の形で指定してください"
        "（指定値：'memcached://x:11211'）。TLS では rediss://…、1台のサーバーで動かすときは "
        "CACHE_URL を空にします。\n"
    )


def test_postgresql_connections_are_kept_and_checked_before_reuse():
    config = env.env_database(
        "UNSET_DATABASE_URL_FOR_TEST", "postgres://kyodo@db.example.jp:5432/kyodo", conn_max_age=600
    )
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (600, True)
    config = env.env_database(
        "UNSET_DATABASE_URL_FOR_TEST", "postgres://kyodo@db.example.jp:5432/kyodo", conn_max_age=0
    )
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (0, False)
