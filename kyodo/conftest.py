"""Fixtures shared by every app's tests: people in each role, the demo center, a real SMTP server
and a real browser."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kyodo.core.roles import Role, grant_role

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    # A test database file left by an interrupted run keeps its -wal/-shm beside it, and SQLite
    # then reports "disk I/O error" on the new file: start from nothing.
    from pathlib import Path

    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        name = database.get("TEST", {}).get("NAME")
        for suffix in ("", "-wal", "-shm", "-journal"):
            if name:
                Path(name + suffix).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; in tests it only costs minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    # Production serves hashed files collected into var/static; tests serve the sources.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True, scope="session")
def _static_root_exists():
    # WhiteNoise warns "No directory at …/static/" when the live server starts on a clone where
    # collectstatic never ran (tests serve the sources, above).
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _rate_limits_of_this_test(settings):
    # Rate-limit counters and sign-in delays start from nothing in every test (a cache of the
    # test's own; the database cache of production is tested where it matters).
    import uuid

    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"ratelimit-{uuid.uuid4().hex}",
        },
    }


@pytest.fixture
def make_user(db, django_user_model):
    def make(username: str, *roles: Role, superuser: bool = False, **extra):
        extra.setdefault("email", f"{username}@example.jp")
        extra.setdefault("full_name", username)
        if superuser:
            user = django_user_model.objects.create_superuser(username, password=PASSWORD, **extra)
        else:
            user = django_user_model.objects.create_user(username, password=PASSWORD, **extra)
        for role in roles:
            grant_role(user, role)
        return user

    return make


@pytest.fixture
def staff_user(make_user):
    return make_user("staff1", Role.STAFF, full_name="中澤")


@pytest.fixture
def member_user(make_user):
    return make_user("member1", Role.MEMBER, full_name="熊田")


@pytest.fixture
def group_user(make_user):
    return make_user("group1", Role.GROUP, full_name="風の会")


@pytest.fixture
def superuser(make_user):
    return make_user("root1", superuser=True)


@pytest.fixture
def demo(db):
    from kyodo.core.demo import load_demo

    load_demo()


# --- a real SMTP server on loopback -------------------------------------------------------------


@dataclass
class SMTPServer:
    host: str
    port: int
    messages: list = field(default_factory=list)
    refuse_next: int = 0
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def by_recipient(self, address: str) -> list:
        return [m for m in self.messages if address in m["rcpt_tos"]]


class _Handler:
    def __init__(self, server: SMTPServer, refuse_recipients: set[str]):
        self.server = server
        self.refuse_recipients = refuse_recipients

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.server.lock:
            if self.server.refuse_next > 0:
                self.server.refuse_next -= 1
                self.server.refused += 1
                return "451 4.3.0 Temporarily unable to accept mail, try again later"
            from email import message_from_bytes, policy

            parsed = message_from_bytes(envelope.content, policy=policy.default)
            self.server.messages.append({"rcpt_tos": list(envelope.rcpt_tos), "message": parsed})
        return "250 Message accepted for delivery"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings) -> Iterator[SMTPServer]:
    """An aiosmtpd server on 127.0.0.1; Django's SMTP backend is pointed at it."""
    from aiosmtpd.controller import Controller

    state = SMTPServer(host="127.0.0.1", port=_free_port())
    refuse: set[str] = set()
    controller = Controller(_Handler(state, refuse), hostname="127.0.0.1", port=state.port)
    controller.start()
    state.refuse_recipients = refuse  # tests add addresses the server rejects with 550
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
        }
    }
    yield state
    controller.stop()


# --- a real browser -----------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make from
    # the same thread are still synchronous, so Django's async-safety guard is lifted for them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def own_generation(monkeypatch, tmp_path):
    """A page-cache generation of the test's own, nothing kept by kyodo.core.memo before or after:
    the other test processes' writes do not move it (for tests of what is kept until a write)."""
    from kyodo.core import memo

    monkeypatch.setattr(
        "kyodo.core.cache._generation_file",
        lambda var_dir, table: str(tmp_path / f"generation{table}"),
    )
    memo.forget()
    yield
    memo.forget()


@pytest.fixture
def database_counters(settings):
    """Rate-limit counters as in production by default: Django's database cache, shared by every
    process (the tests' settings may point elsewhere)."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kyodo_ratelimit",
            "TIMEOUT": 86400,
        },
    }
