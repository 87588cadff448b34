"""Kyodo on two hosts: two gunicorn servers, each with its own VAR_DIR and port, one database (the
test database), one Redis (CACHE_URL) and one S3 server (STORAGE_URL). A write through one host is
never served stale by the other, a session started on one is valid on the other, and a file
uploaded through one downloads through the other.

Redis must run at 127.0.0.1:6379 (it does on the development and CI machines); without it these
tests fail with a message saying so, they are not skipped.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from kyodo.core.tests.test_security_uploads import pdf_bytes
from kyodo.core.tests.test_storage_s3 import BUCKET, _client, _free_port, s3_endpoint

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

__all__ = ["s3_endpoint"]  # a fixture, used by name

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
PASSWORD = "kyodo-hosts-password-9"


@pytest.fixture
def redis_url() -> str:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(
            f"These tests need Redis at {REDIS_URL} (set TEST_REDIS_URL to use another): {exc}"
        )
    return REDIS_URL


@pytest.fixture
def key_prefix() -> Iterator[str]:
    """Keys of this test's own (tests running in parallel share the Redis), removed after it."""
    import uuid

    import redis

    prefix = f"kyodo-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


def database_url() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    user = config.get("USER") or ""
    if config.get("PASSWORD"):
        user += f":{config['PASSWORD']}"
    return f"postgres://{user}@{config.get('HOST') or '127.0.0.1'}:{config.get('PORT') or 5432}/{config['NAME']}"


@dataclass
class Host:
    name: str
    base: str
    process: subprocess.Popen


@pytest.fixture
def hosts(tmp_path, redis_url, key_prefix, s3_endpoint) -> Iterator[tuple[Host, Host]]:
    from kyodo.core.tests.test_storage_s3 import PREFIX

    s3 = _client(s3_endpoint)
    if BUCKET not in {b["Name"] for b in s3.list_buckets().get("Buckets", [])}:
        s3.create_bucket(Bucket=BUCKET)
    started = []
    try:
        for name in ("a", "b"):
            port = _free_port()
            env = dict(os.environ)
            env.update(
                KYODO_VAR_DIR=str(tmp_path / name),
                DATABASE_URL=database_url(),
                CACHE_URL=redis_url,
                CACHE_KEY_PREFIX=key_prefix,
                PAGE_CACHE_SECONDS="300",
                STORAGE_URL=f"s3://{BUCKET}/{PREFIX}-hosts",
                STORAGE_ENDPOINT_URL=s3_endpoint,
                STORAGE_REGION="us-east-1",
                AWS_ACCESS_KEY_ID="kyodo-test",
                AWS_SECRET_ACCESS_KEY="kyodo-test-secret",
                SECRET_KEY="the-same-secret-key-on-every-host-of-this-test",
                STATIC_MANIFEST="false",
                WHITENOISE_USE_FINDERS="true",
                LOG_LEVEL="ERROR",
            )
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "kyodo.wsgi:application", "--bind",
                 f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
                env=env, cwd=ROOT,
            )  # fmt: skip
            started.append(Host(name, f"http://127.0.0.1:{port}", process))
        for host in started:
            _wait_for(host)
        yield started[0], started[1]
    finally:
        for host in started:
            host.process.terminate()
        for host in started:
            host.process.wait(timeout=20)


def _wait_for(host: Host) -> None:
    import time

    import requests

    deadline = time.monotonic() + 60
    while True:
        if host.process.poll() is not None:
            pytest.fail(f"host {host.name} stopped at start-up (exit {host.process.returncode})")
        try:
            if requests.get(host.base + "/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"host {host.name} did not answer within 60 s")
        time.sleep(0.2)


def _form_fields(page: str) -> dict[str, str]:
    """The hidden fields of the page's POST form (CSRF token, edit version …)."""
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", page):
        if 'type="hidden"' not in tag:
            continue
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    return fields


def _sign_in(session, host: Host, username: str) -> None:
    page = session.get(host.base + "/accounts/login/")
    assert page.status_code == 200
    data = _form_fields(page.text) | {"username": username, "password": PASSWORD}
    response = session.post(host.base + "/accounts/login/", data=data, allow_redirects=False)
    assert response.status_code == 302, response.text[:500]


def _news_titles(page: str) -> list[str]:
    return re.findall(r"(桜まつり[^<]*)<", page)


@pytest.fixture
def staff_and_post(make_user, settings):
    """A staff member who signs in with PASSWORD (hashed as in production, so that both hosts
    check it) and a published news item."""
    from kyodo.core.roles import Role
    from kyodo.website.models import NewsPost

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    staff = make_user("hosts-staff", Role.STAFF, full_name="中澤")
    staff.set_password(PASSWORD)
    staff.save()
    post = NewsPost.objects.create(
        title="桜まつりのお知らせ",
        body="本文",
        published_at=timezone.now() - timedelta(hours=1),
        is_published=True,
    )
    return staff, post


def test_a_write_through_one_host_is_never_served_stale_by_the_other(hosts, staff_and_post):
    import requests

    from kyodo.website.models import NewsPost

    a, b = hosts
    _staff, post = staff_and_post

    visitor = requests.Session()
    # Behind the proxy every host gets the site's own name, as here.
    visitor.headers["Host"] = "localhost"
    assert _news_titles(visitor.get(b.base + "/news/").text) == ["桜まつりのお知らせ"]
    # A change the hosts cannot see (written by this test's own process, outside CACHE_URL):
    # host B keeps serving its cached page, and host A serves the same page from Redis, so the
    # page cache is really in use and shared.
    NewsPost.objects.filter(pk=post.pk).update(title="桜まつりのお知らせ（改）")
    assert _news_titles(visitor.get(b.base + "/news/").text) == ["桜まつりのお知らせ"]
    assert _news_titles(visitor.get(a.base + "/news/").text) == ["桜まつりのお知らせ"]

    # Staff sign in through host A and publish a news item there.
    staff_session = requests.Session()
    _sign_in(staff_session, a, "hosts-staff")
    form = staff_session.get(a.base + "/staff/site/news/new/")
    assert form.status_code == 200
    published = timezone.localtime(timezone.now() - timedelta(minutes=5))
    data = _form_fields(form.text) | {
        "title": "桜まつりの会場変更",
        "body": "会場が変わりました。",
        "published_at": published.strftime("%Y-%m-%dT%H:%M"),
        "is_published": "on",
    }
    saved = staff_session.post(a.base + "/staff/site/news/new/", data=data, allow_redirects=False)
    assert saved.status_code == 302, saved.text[:500]

    # Host B's next page has both: the new item and the change it had not seen.
    assert _news_titles(visitor.get(b.base + "/news/").text) == [
        "桜まつりの会場変更",
        "桜まつりのお知らせ（改）",
    ]
    # The staff session started on host A is valid on host B (sessions shared).
    home = staff_session.get(b.base + "/staff/", allow_redirects=False)
    assert home.status_code == 200
    assert "中澤" in home.text


def test_a_file_uploaded_through_one_host_downloads_through_the_other(
    hosts, staff_and_post, settings, s3_endpoint
):
    import requests

    from kyodo.core.tests.test_storage_s3 import PREFIX
    from kyodo.website.models import NewsAttachment

    a, b = hosts
    _staff, post = staff_and_post
    staff_session = requests.Session()
    _sign_in(staff_session, a, "hosts-staff")
    form = staff_session.get(f"{a.base}/staff/site/news/{post.pk}/")
    assert form.status_code == 200
    token = _form_fields(form.text)["csrfmiddlewaretoken"]
    pdf = pdf_bytes()
    response = staff_session.post(
        f"{a.base}/staff/site/news/{post.pk}/attach/",
        data={"csrfmiddlewaretoken": token, "title": "会場図"},
        files={"file": ("会場図.pdf", pdf, "application/pdf")},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    attachment = NewsAttachment.objects.get()
    key = f"{PREFIX}-hosts/{attachment.file.name}"
    stored = _client(s3_endpoint).get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert stored == pdf
    assert not (Path(settings.MEDIA_ROOT) / attachment.file.name).exists()

    download = requests.get(f"{b.base}/news/{post.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.content == pdf
