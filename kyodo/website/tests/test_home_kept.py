"""The home page keeps its introduction and the day's events until the next write
(kyodo.core.memo); the news are read each time. (These tests commit: inside a test's transaction
nothing is kept.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.core import memo
from kyodo.core.models import Center
from kyodo.events.models import Event
from kyodo.website.models import Page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _nothing_kept(monkeypatch, tmp_path):
    # A generation of this test's own: the other test processes' writes do not move it.
    monkeypatch.setattr("kyodo.core.cache.generation_path", lambda: tmp_path / "generation")
    monkeypatch.setattr("kyodo.core.cache.page_cache", lambda: None)  # every page rendered
    memo.forget()
    yield
    memo.forget()


def test_the_home_page_reads_only_the_news_until_a_write(client):
    Center.objects.create(name="センター")
    Page.objects.create(slug=Page.Slug.HOME, title="ようこそ", body="はじめの言葉")
    Event.objects.create(
        title="最初の講座", kind="lecture", date=timezone.localdate(), status="published"
    )
    assert "最初の講座" in client.get("/").text
    with CaptureQueriesContext(connection) as queries:
        text = client.get("/").text
    assert ("最初の講座" in text, "はじめの言葉" in text, len(queries)) == (True, True, 1)
    Event.objects.create(
        title="次の講座",
        kind="lecture",
        date=timezone.localdate() + timedelta(days=1),
        status="published",
    )
    Page.objects.filter(slug=Page.Slug.HOME).update(body="新しい言葉")
    text = client.get("/").text
    assert ("次の講座" in text, "新しい言葉" in text) == (True, True)
