"""Sign-in slows guessing with a growing delay per address and per account, and cannot be used
to keep a person out (issue 18)."""

import pytest
from django.test import Client

from kyodo.conftest import PASSWORD
from kyodo.core import signin
from kyodo.core.signin import delay_after

WRONG = "正しいユーザー名とパスワードを入力してください"


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by hand."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(signin.time, "time", lambda: now[0])
    return now


def sign_in(client, username, password, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_the_delay_grows_and_stays_short_for_an_account():
    assert [delay_after(n, free=5, longest=60) for n in range(4, 12)] == [
        0, 2, 4, 8, 16, 32, 60, 60,
    ]  # fmt: skip


def test_after_the_free_failures_an_account_waits_a_growing_delay_not_a_lock(
    client, staff_user, clock
):
    for _ in range(5):
        assert WRONG in sign_in(client, "staff1", "wrong").text
    # The fifth failure started a 2-second delay: even the right password waits, unchecked.
    waiting = sign_in(client, "staff1", PASSWORD)
    assert waiting.status_code == 429
    assert "2 秒間ログインを止めています" in waiting.text
    assert waiting["Retry-After"] == "2"
    clock[0] += 2
    assert WRONG in sign_in(client, "staff1", "wrong").text  # the sixth: now 4 seconds
    clock[0] += 3
    assert sign_in(client, "staff1", PASSWORD).status_code == 429
    clock[0] += 1
    # After the short wait the owner gets in, and the count starts again.
    assert sign_in(client, "staff1", PASSWORD).status_code == 302
    assert signin.seconds_to_wait(_request(), "staff1") == 0


def test_an_attacker_cannot_keep_the_owner_out_for_more_than_a_minute(staff_user, clock, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    attacker = Client()
    # Many guesses, from many addresses behind the proxy (each address stays under its limit).
    for n in range(40):
        sign_in(attacker, "staff1", "guess", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        clock[0] += 61
    owner = Client()
    # The owner, from home, waits at most the account's longest delay.
    assert signin.seconds_to_wait(_request(), "staff1") <= 60
    clock[0] += 60
    assert sign_in(owner, "staff1", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302


def test_an_address_trying_many_names_is_slowed_and_others_are_not(
    staff_user, make_user, clock, settings
):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    make_user("other", full_name="他の人")
    sprayer = Client()
    for n in range(20):
        sign_in(sprayer, f"user{n}", "password1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    # The 20th failure from that address started its delay, whatever name it tries next.
    refused = sign_in(sprayer, "other", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert refused.status_code == 429
    # Behind the same proxy, another visitor is a different address and signs in at once.
    visitor = Client()
    assert (
        sign_in(visitor, "other", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302
    )


def test_the_header_is_ignored_from_a_client_that_is_not_the_proxy(staff_user, clock, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    attacker = Client()
    for n in range(20):
        # A forged header per request would dodge the address limit if it were believed.
        sign_in(attacker, f"user{n}", "x", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert sign_in(attacker, "staff1", PASSWORD).status_code == 429


def _request():
    from django.test import RequestFactory

    return RequestFactory().post("/accounts/login/", REMOTE_ADDR="203.0.113.250")
