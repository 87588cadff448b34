"""Operator fixes in one process: the access log's masking covers every tokenised public URL, a
sign-in with Redis down is the 503 page, a backup names the file missing from MEDIA_ROOT."""

from __future__ import annotations

import re
import socket

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kyodo.core.serving import mask_secrets

SECRET_PARAMETERS = {"token", "uidb64"}


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def test_every_tokenised_public_url_is_masked_in_the_access_log():
    secret_routes = [
        route
        for route in _routes()
        if SECRET_PARAMETERS & set(re.findall(r"<(?:\w+:)?(\w+)>", route))
    ]
    assert len(secret_routes) >= 8, secret_routes
    for route in secret_routes:
        path = "/" + re.sub(
            r"<(?:(\w+):)?(\w+)>",
            lambda m: "42" if m.group(1) == "int" else f"S3cr3t{m.group(2)}Zq",
            route,
        )
        line = f'GET {path}?x=1 HTTP/1.1" 200 "https://kyodo.example.jp{path}"'
        masked = mask_secrets(line)
        assert "S3cr3t" not in masked, (route, masked)
        assert "…" in masked
    assert mask_secrets("/events/applications/abc/cancel/") == "/events/applications/…/cancel/"
    assert mask_secrets("/groups/apply/12/abc/") == "/groups/apply/12/…/"
    assert mask_secrets("/accounts/login/?next=%2Fevents%2Fapplications%2Fabc%2F") == (
        "/accounts/login/?next=%2Fevents%2Fapplications%2F…%2F"
    )
    # Pages of their own and everything else stay readable.
    for path in ("/confirm/sent/", "/accounts/reset/sent/", "/groups/apply/sent/", "/events/14/"):
        assert mask_secrets(path) == path


def test_the_logging_filter_masks_djangos_own_lines():
    import logging

    from kyodo.core.serving import MaskSecretsFilter

    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
        ("/events/applications/S3cr3t/cancel/",), None,
    )  # fmt: skip
    assert MaskSecretsFilter().filter(record)
    assert record.getMessage() == "Internal Server Error: /events/applications/…/cancel/"


@pytest.fixture
def redis_down(settings):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/5",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    settings.CACHES = {**settings.CACHES, "ratelimit": redis}
    from django.core.cache import caches

    caches._settings = None  # the handler reads CACHES again
    try:
        del caches._connections.ratelimit
    except AttributeError:
        pass
    return port


@pytest.mark.django_db
def test_signin_with_redis_down_is_the_503_page_with_retry_after(client, make_user, redis_down):
    from django.utils.translation import gettext

    make_user("sato")
    response = client.post(
        "/accounts/login/", {"username": "sato", "password": "correct-horse-battery-9"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert gettext("The service is temporarily unavailable") in response.content.decode()
    # A public form's counter (a middleware's, before the view: handler500) too.
    client.raise_request_exception = False
    response = client.post("/contact/", {"name": "x"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


@pytest.mark.django_db(transaction=True)
def test_backup_names_the_file_missing_from_media_root(settings, tmp_path):
    from django.core.files.base import ContentFile

    from kyodo.core.backup import BackupError, backup_write
    from kyodo.website.models import NewsAttachment, NewsPost

    settings.MEDIA_ROOT = tmp_path / "media"
    post = NewsPost.objects.create(title="お知らせ", body="本文")
    attachment = NewsAttachment(post=post, title="資料")
    attachment.file.save("test.pdf", ContentFile(b"%PDF-1.4"), save=True)
    name = attachment.file.name
    (tmp_path / "media" / name).unlink()
    with pytest.raises(BackupError) as error:
        backup_write(tmp_path / "b.zip")
    assert str(error.value.message) == (
        f"次のファイルがありません（MEDIA_ROOT={tmp_path / 'media'}）：{name}。"
        "データベースが名前を記録しているファイルです。ファイルの保存場所"
        "（MEDIA_ROOT / STORAGE_URL）を確認してください。"
    )
