"""Once an event's day is past (or it is recorded as held), the public pages say it has ended
(「この事業は終了しました。」) instead of its applications and places left; the event list, the event
page and the calendar are checked."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from kyodo.events import services
from kyodo.events.models import Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db

ENDED = "<dt>状態</dt>\n  <dd>この事業は終了しました。</dd>"


@pytest.fixture
def past(make_event) -> Event:
    """「会計講座中級編」, 3 days ago: capacity 20, 12 people confirmed, applications were open
    from 10 days before."""
    today = timezone.localdate()
    event = make_event(capacity_people=20, applications_open_on=today - timedelta(days=10))
    apply(event, 1, kind="group", group_name="風の会", people=11)
    apply(event, 2)
    Event.objects.filter(pk=event.pk).update(date=today - timedelta(days=3))
    event.refresh_from_db()
    return event


def _month_list(client, event: Event) -> str:
    return client.get(f"/events/?month={event.date:%Y-%m}").text


def test_the_page_of_a_past_event_says_it_has_ended_without_places(
    client, past, django_assert_num_queries
):
    # The center, the event with its guests (no counts, no form of registered groups).
    with django_assert_num_queries(2):
        response = client.get(f"/events/{past.pk}/")

    assert response.status_code == 200
    assert ENDED in response.text
    assert "<dt>定員</dt>\n  <dd>20人</dd>" in response.text
    for gone in ("現在の申し込み", "残り", "申込期間", 'id="apply-heading"', "受付は終了しました"):
        assert gone not in response.text, gone


def test_the_month_list_says_a_past_event_has_ended(client, past):
    text = _month_list(client, past)

    assert "会計講座中級編" in text
    assert ENDED in text
    assert "現在の申し込み" not in text
    assert "残り" not in text


def test_the_calendar_links_a_past_event_and_shows_no_places(client, past):
    text = client.get(f"/events/calendar/{past.date.year}/{past.date.month}/").text

    assert f'<a href="/events/{past.pk}/">午後7時 会計講座中級編</a>' in text
    assert "残り" not in text
    assert "現在の申し込み" not in text


def test_an_event_held_today_has_ended_too(client, make_event, staff_user):
    # Over by its end time (00:01): recorded as held, it has ended. (Held before its end, at the
    # door, it has not: tests/test_eventday19.py.)
    # No times while applying (an event at 19:00 stops taking applications at 19:00).
    event = make_event(
        capacity_people=20, date=timezone.localdate(), start_time=None, end_time=None
    )
    apply(event, 1)
    Event.objects.filter(pk=event.pk).update(start_time=time(0, 0), end_time=time(0, 1))
    services.event_record_attendance(actor=staff_user, event=event, walk_in_people=3)

    response = client.get(f"/events/{event.pk}/")

    assert ENDED in response.text
    assert "残り" not in response.text
    assert ENDED in client.get("/events/").text


def test_an_event_of_today_still_shows_its_places(client, make_event):
    # Without a start time: whatever the hour the test runs, it has not begun.
    event = make_event(
        capacity_people=20, date=timezone.localdate(), start_time=None, end_time=None
    )
    apply(event, 1)

    response = client.get(f"/events/{event.pk}/")

    assert "<dt>現在の申し込み</dt>\n  <dd>1人、残り19席</dd>" in response.text
    assert "この事業は終了しました。" not in response.text
    assert 'id="apply-heading"' in response.text


def test_a_past_cancelled_event_says_it_was_cancelled_not_ended(client, make_event):
    event = make_event(status=Event.Status.CANCELLED, capacity_people=20)
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate() - timedelta(days=3))

    response = client.get(f"/events/{event.pk}/")

    assert "この事業は中止になりました。" in response.text
    assert "この事業は終了しました。" not in response.text
    assert "残り" not in response.text


def test_a_past_event_without_applications_says_it_has_ended(client, make_event):
    event = make_event(accepts_applications=False)
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate() - timedelta(days=1))

    assert ENDED in client.get(f"/events/{event.pk}/").text


def test_the_event_says_so_itself(make_event, past):
    today = make_event(date=timezone.localdate())

    assert (past.has_ended, past.shows_application_counts) == (True, False)
    assert (today.has_ended, today.shows_application_counts) == (False, True)
