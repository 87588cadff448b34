"""The page cache with CACHE_URL: its generation is a Redis key every host reads, and a Redis
that cannot be reached makes pages rendered, never an error page or a stale page."""

from __future__ import annotations

import hashlib
import socket
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.core import cache as page_cache
from kyodo.core.tests.test_hosts import REDIS_URL

pytestmark = pytest.mark.django_db(transaction=True)


def _redis_cache(location: str, prefix: str, **options) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": prefix,
        "OPTIONS": options,
    }


@pytest.fixture
def redis_caches(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(f"This test needs Redis at {REDIS_URL}: {exc}")
    prefix = f"kyodo-test-{uuid.uuid4().hex[:12]}"
    settings.CACHE_URL = REDIS_URL
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": _redis_cache(REDIS_URL, prefix),
        "pages": _redis_cache(REDIS_URL, prefix + "-pages"),
    }
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def _news(title: str):
    from kyodo.website.models import NewsPost

    return NewsPost.objects.create(
        title=title,
        body="本文",
        published_at=timezone.now() - timedelta(hours=1),
        is_published=True,
    )


def test_the_generation_is_a_redis_key_moved_by_a_committed_write(redis_caches):
    import redis

    first = page_cache.current_generation()
    stored = redis.Redis.from_url(REDIS_URL).get(f"{redis_caches}:1:page-generation")
    assert stored is not None
    assert page_cache.current_generation() == first
    _news("桜まつりのお知らせ")
    assert page_cache.current_generation().split(".")[0] != first.split(".")[0]


def test_a_page_is_kept_in_redis_and_a_write_makes_it_stale(client, redis_caches):
    import redis

    from kyodo.website.models import NewsPost

    post = _news("桜まつりのお知らせ")
    assert "桜まつりのお知らせ" in client.get("/news/").text
    keys = [
        key.decode() for key in redis.Redis.from_url(REDIS_URL).scan_iter(f"{redis_caches}-pages:*")
    ]
    assert len(keys) == 1
    # The page's address is in the key as a digest (kyodo.core.cache.cache_key).
    address = hashlib.blake2b(b"http://testserver/news/?", digest_size=16).hexdigest()
    assert keys[0].endswith(f":ja:{address}")
    assert "桜まつりのお知らせ" in client.get("/news/").text

    NewsPost.objects.filter(pk=post.pk).update(title="桜まつりのお知らせ（改）")
    assert "桜まつりのお知らせ（改）" in client.get("/news/").text


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_redis_makes_pages_rendered_not_an_error(client, settings):
    nowhere = f"redis://127.0.0.1:{_closed_port()}/0"
    settings.CACHE_URL = nowhere
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": _redis_cache(nowhere, "kyodo", socket_connect_timeout=0.5),
        "pages": _redis_cache(nowhere, "kyodo-pages", socket_connect_timeout=0.5),
    }
    _news("桜まつりのお知らせ")
    response = client.get("/news/")
    assert response.status_code == 200
    assert "桜まつりのお知らせ" in response.text
    _news("会場変更のお知らせ")
    assert "会場変更のお知らせ" in client.get("/news/").text
