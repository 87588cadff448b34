"""The public page cache (kyodo.core.cache): fast for visitors, never someone else's page."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.utils import timezone, translation

from kyodo.core import cache as page_cache
from kyodo.events import services
from kyodo.events.models import Application, Event, EventKind

# Committed data only: the cache stays out of open transactions, so these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture(autouse=True)
def _empty_cache(settings, tmp_path):
    # A generation file of this test's own: another test process writing to its database (the
    # suite runs in parallel) must not make these pages stale between two requests.
    settings.VAR_DIR = tmp_path
    caches["pages"].clear()
    yield
    caches["pages"].clear()
    translation.deactivate()  # a request in English leaves English active in this thread


@pytest.fixture
def event(staff_user) -> Event:
    return services.event_create(
        actor=staff_user,
        status=Event.Status.PUBLISHED,
        title="会計講座中級編",
        kind=EventKind.LECTURE,
        date=timezone.localdate() + timedelta(days=7),
        start_time=time(19, 0),
        end_time=time(21, 0),
        venue_text="イングビル3階 第1会議室",
        capacity_people=20,
    )


def cached_pages() -> int:
    return len(caches["pages"]._cache)


def application(n: int, token: str) -> dict[str, str]:
    return {
        "csrfmiddlewaretoken": token,
        "kind": "individual",
        "name": f"申込者{n}",
        "email": f"person{n}@example.jp",
        "consent": "on",
        "step": "send",  # the 確認 page's button
    }


def test_an_anonymous_page_is_cached_and_served_from_the_cache(client, event):
    first = client.get(f"/events/{event.pk}/")
    assert first.status_code == 200
    assert cached_pages() == 1

    # Served from the cache: a database query here would fail the assertion.
    other = Client()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        second = other.get(f"/events/{event.pk}/")
    assert len(queries) == 0
    assert second.status_code == 200
    assert "会計講座中級編" in second.text
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in second


def test_a_save_through_a_service_shows_at_once(client, event, staff_user):
    assert "会計講座中級編" in client.get(f"/events/{event.pk}/").text

    services.event_update(actor=staff_user, event=event, title="会計講座上級編")

    text = client.get(f"/events/{event.pk}/").text
    assert "会計講座上級編" in text
    assert "会計講座中級編" not in text


def test_a_queryset_update_without_signals_shows_at_once(client, event):
    assert "会計講座中級編" in client.get("/events/").text

    Event.objects.filter(pk=event.pk).update(title="簿記講座")

    text = client.get("/events/").text
    assert "簿記講座" in text
    assert "会計講座中級編" not in text


def test_writes_to_sessions_and_the_audit_log_leave_the_cache_alone(client, event, staff_user):
    from kyodo.core.audit import audit_log

    client.get("/events/")
    generation = page_cache.current_generation()
    audit_log(actor=staff_user, action="kyodo.test.nothing", obj=event, changes={})
    assert page_cache.current_generation() == generation
    Event.objects.filter(pk=event.pk).update(title="簿記講座")
    assert page_cache.current_generation() != generation


def test_a_rolled_back_savepoint_moves_the_generation(event):
    generation = page_cache.current_generation()
    with transaction.atomic():
        sid = transaction.savepoint_create()
        transaction.savepoint_rollback(sid)
    assert page_cache.current_generation() != generation


def test_a_signed_in_user_never_gets_the_anonymous_page(client, event, staff_user):
    anonymous = client.get("/").text
    assert cached_pages() == 1

    signed_in = Client()
    signed_in.force_login(staff_user)
    text = signed_in.get("/").text
    assert "ログアウト" in text
    assert "ログアウト" not in anonymous


def test_a_signed_in_users_page_is_never_cached_for_others(event, staff_user):
    signed_in = Client()
    signed_in.force_login(staff_user)
    assert signed_in.get("/").status_code == 200
    assert signed_in.get(f"/events/{event.pk}/").status_code == 200
    assert cached_pages() == 0

    text = Client().get("/").text
    assert "ログアウト" not in text


def test_each_visitor_gets_a_csrf_token_of_their_own_and_can_apply(event):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page1 = first.get(f"/events/{event.pk}/")
    page2 = second.get(f"/events/{event.pk}/")  # from the cache
    assert cached_pages() == 1
    token1, token2 = TOKEN_RE.search(page1.text)[1], TOKEN_RE.search(page2.text)[1]
    assert "%%kyodo-csrf-token%%" not in page2.text
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert token1 != token2

    # Each token works with its own cookie, and not with the other visitor's.
    assert second.post(f"/events/{event.pk}/", application(2, token1)).status_code == 403
    assert second.post(f"/events/{event.pk}/", application(2, token2)).status_code == 302
    assert first.post(f"/events/{event.pk}/", application(1, token1)).status_code == 302
    assert Application.objects.filter(event=event).count() == 2


def test_the_message_after_applying_is_shown_not_a_cached_page(client, event):
    token = TOKEN_RE.search(client.get(f"/events/{event.pk}/").text)[1]
    response = client.post(f"/events/{event.pk}/", application(1, token), follow=True)
    assert response.status_code == 200
    message = "お申し込みを受け付けました。確認のメールをお送りしました。"
    assert message in response.text
    # The next visit, without the message, shows no message.
    assert message not in client.get(f"/events/{event.pk}/").text


@pytest.mark.parametrize(
    "url",
    [
        "/events/?q=x",  # a query string outside the whitelist
        "/events/?page=" + "9" * 30,  # a whitelisted parameter with an overlong value
        "/accounts/login/",
        "/api/v1/events",
        "/healthz",
    ],
)
def test_pages_outside_the_rules_are_not_cached(client, event, url):
    client.get(url)
    assert cached_pages() == 0


def test_a_never_cache_page_is_not_cached(client, event):
    applied = services.application_submit(
        actor=None, event=event, kind="individual", name="申込者", email="a@example.jp"
    )
    assert client.get(f"/events/applications/{applied.token}/cancel/").status_code == 200
    assert cached_pages() == 0


def test_a_visitor_with_a_session_cookie_goes_past_the_cache(client, event):
    client.get(f"/events/{event.pk}/")
    assert cached_pages() == 1
    Event.objects.filter(pk=event.pk).update(title="簿記講座")
    other = Client()
    other.cookies["sessionid"] = "whatever"
    assert "簿記講座" in other.get(f"/events/{event.pk}/").text
    assert cached_pages() == 1  # the answer to a request with a session is not kept


def test_each_language_has_its_own_page(client, event):
    # English only by the visitor's choice (the language cookie), never by Accept-Language.
    japanese = client.get("/events/", headers={"accept-language": "en"})
    chose_english = Client()
    chose_english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = chose_english.get("/events/")
    assert japanese["Content-Language"] == "ja"
    assert english["Content-Language"] == "en"
    assert cached_pages() == 2


def test_a_rolled_back_write_leaves_no_stale_page(client, staff_user):
    with transaction.atomic():
        sid = transaction.savepoint_create()
        services.event_create(
            actor=staff_user,
            status=Event.Status.PUBLISHED,
            title="幻の講座",
            kind=EventKind.LECTURE,
            date=timezone.localdate() + timedelta(days=7),
        )
        assert "幻の講座" in client.get("/events/").text
        transaction.savepoint_rollback(sid)
    assert "幻の講座" not in client.get("/events/").text


def test_other_processes_see_the_write_when_it_is_committed(event):
    path = page_cache.generation_path()
    with transaction.atomic():
        shared = path.read_text()
        Event.objects.filter(pk=event.pk).update(title="簿記講座")
        Event.objects.filter(pk=event.pk).update(theme="複式簿記")
        assert path.read_text() == shared  # not committed: other processes cannot see it
    assert path.read_text() != shared


def test_the_generation_is_written_in_place_a_new_value_each_time(event):
    # No temporary file renamed over it (about 1.3 ms a commit): the same file, the same
    # length, never empty, so a reader never sees a value that comes back.
    path = page_cache.generation_path()
    inode = path.stat().st_ino
    seen = {path.read_text()}
    for _ in range(5):
        page_cache.bump_generation()
        value = path.read_text()
        assert len(value) == 16 and value not in seen
        seen.add(value)
    assert path.stat().st_ino == inode
    assert [p.name for p in path.parent.iterdir() if "generation" in p.name] == [path.name]


def test_a_page_asked_for_inside_an_open_transaction_is_not_kept(client, event):
    with transaction.atomic():
        assert "会計講座中級編" in client.get(f"/events/{event.pk}/").text
    assert cached_pages() == 0


@pytest.mark.parametrize(
    ("sql", "moved"),
    [
        ('INSERT INTO "events_application" ("a") VALUES (%s)', ("",)),
        ('INSERT INTO "core_auditentry" ("a") VALUES (%s)', ()),
        ('UPDATE "core_center" SET "name" = %s', ("", "core_center")),
        # kyodo.core.statements.insert_together on PostgreSQL: every table the clauses write.
        (
            'WITH kyodo_row_0 AS (INSERT INTO "events_application" ("a") VALUES (%s) RETURNING '
            '"events_application"."id"), kyodo_row_1 AS (INSERT INTO "core_auditentry" ("a") '
            'VALUES (%s) RETURNING "core_auditentry"."id") SELECT (SELECT * FROM kyodo_row_0), '
            "(SELECT * FROM kyodo_row_1)",
            ("",),
        ),
        (
            'WITH r AS (INSERT INTO "core_outboxmessage" ("a") VALUES (%s) RETURNING "id") '
            'UPDATE "core_center" SET "name" = %s',
            ("", "core_center"),
        ),
        ('WITH a AS (DELETE FROM "core_auditentry") SELECT 1', ()),
        # Reading only, locking included.
        ('WITH a AS (SELECT "id" FROM "events_event" FOR UPDATE) SELECT * FROM a', ()),
        ('SELECT "id" FROM "events_event" WHERE "id" = %s FOR UPDATE OF "events_event"', ()),
    ],
)
def test_the_generations_a_statement_moves(sql, moved):
    assert page_cache._generations_moved(sql) == moved


def test_rows_written_together_show_at_once(client, event):
    from kyodo.core.audit import audit_entry
    from kyodo.core.statements import insert_together

    assert "会計講座中級編" in client.get("/events/").text
    other = Event(
        title="簿記講座",
        kind=EventKind.LECTURE,
        status=Event.Status.PUBLISHED,
        date=timezone.localdate() + timedelta(days=8),
    )
    insert_together([other, audit_entry(actor=None, action="kyodo.test.written", changes={})])
    assert "簿記講座" in client.get("/events/").text


def test_a_query_with_spaces_or_control_characters_makes_a_safe_key(client, event):
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)  # memcached would refuse such a key
        first = client.get("/events/", {"page": " 1 "})
        again = Client().get("/events/", {"page": " 1 "})
        plain = Client().get("/events/", {"page": "1"})
    assert (first.status_code, again.status_code, plain.status_code) == (200, 200, 200)
    keys = list(caches["pages"]._cache)
    assert len(keys) == 2  # 「 1 」 and 「1」 are two addresses; the second 「 1 」 was served
    for key in keys:
        assert all(32 < ord(c) < 127 for c in key), key
        assert re.fullmatch(r":1:page:[0-9a-f.]+:ja:[0-9a-f]{32}", key), key
