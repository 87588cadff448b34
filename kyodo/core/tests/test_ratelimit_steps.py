"""The steps of a public form that write nothing (確認, 「修正する」) have a limit of their own,
generous but finite (session 21); a bad TRUSTED_PROXIES set after start-up is refused in Japanese,
as at start-up."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from kyodo.core import ratelimit
from kyodo.core.tests.test_no_english import page_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(staff_user):
    """A published event a week from today, open for applications, 100 places."""
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.events import services

    return services.event_create(
        actor=staff_user,
        kind="lecture",
        title="会計講座中級編",
        date=timezone.localdate() + timedelta(days=7),
        capacity_people=100,
        status="published",
    )


def _form(n: int) -> dict:
    return {
        "kind": "individual",
        "name": f"申込者{n}",
        "email": f"person{n}@example.jp",
        "consent": "on",
    }


def test_the_steps_limit_is_120_an_hour_per_page_unless_rate_limits_name_one():
    rates = {"events:detail": "20/h", "default": "30/h"}
    assert ratelimit.steps_limit("events:detail", rates) == ("events:detail#steps", "120/h")
    assert ratelimit.steps_limit("events:detail", rates | {"steps": "300/h"}) == (
        "events:detail#steps",
        "300/h",
    )


def test_confirming_and_correcting_count_against_their_own_limit(
    client, database_counters, event, settings
):
    settings.RATE_LIMITS = {"events:detail": "20/h", "default": "30/h", "steps": "3/h"}
    url = f"/events/{event.pk}/"

    statuses = [
        client.post(url, _form(1) | {"step": "confirm"}).status_code,
        client.post(url, _form(1) | {"step": "edit"}).status_code,
        client.post(url, _form(1) | {"step": "confirm"}).status_code,
        client.post(url, _form(1) | {"step": "confirm"}).status_code,
    ]

    assert statuses == [200, 200, 200, 429]
    refused = client.post(url, _form(1) | {"step": "edit"})
    assert refused.status_code == 429
    assert refused["Retry-After"].isdigit()
    assert (
        "<p>短い間にお使いの接続からこのフォームの確認や修正が何度も行われたため、この操作は"
        "受け付けませんでした。まだ何も送信していません。</p>" in refused.text
    )
    assert page_words(refused.text) == []
    # Applying itself counts against the page's own limit, untouched by the steps.
    assert client.post(url, _form(1) | {"step": "send"}).status_code == 302
    assert event.applications.count() == 1
    # Another address has counters of its own.
    other = client.post(url, _form(2) | {"step": "confirm"}, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


def test_the_applications_limit_still_holds_while_the_steps_show(client, event, settings):
    # The page's limit reached: the 確認 step still shows (it writes nothing), 完了 is refused.
    settings.RATE_LIMITS = {"events:detail": "1/h", "default": "30/h"}
    url = f"/events/{event.pk}/"
    assert client.post(url, _form(1) | {"step": "send"}).status_code == 302
    assert client.post(url, _form(2) | {"step": "confirm"}).status_code == 200
    refused = client.post(url, _form(2) | {"step": "send"})
    assert refused.status_code == 429
    assert "短い間にお使いの接続から多くの送信があったため" in refused.text


def test_a_bad_trusted_proxy_set_after_start_up_is_refused_in_japanese(settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", " proxy.example "]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1")

    with pytest.raises(ImproperlyConfigured) as refused:
        ratelimit.client_address(request)

    assert str(refused.value) == (
        "TRUSTED_PROXIES の 'proxy.example' はIPアドレスでもネットワーク（192.0.2.0/24 など）でも"
        "ありません。プロキシのアドレスをカンマ区切りで指定してください（既定：127.0.0.1,::1）。"
    )
