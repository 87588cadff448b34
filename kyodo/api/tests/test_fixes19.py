"""Open data, session 19: the places left and the waiting list in the API as the event's page
shows them, and the event page's 「カレンダーに追加」 link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.events import services
from kyodo.events.models import Event

pytestmark = pytest.mark.django_db


def _event(actor, **values) -> Event:
    values = {"kind": "lecture", "status": Event.Status.PUBLISHED, **values}
    return services.event_create(actor=actor, **values)


def _apply(event, name, people=1, kind="individual"):
    return services.application_submit(
        actor=None, event=event, kind=kind, name=name, email="a@example.jp", people=people,
        group_name="ひばりの会" if kind == "group" else "",
    )  # fmt: skip


def _counts(client, event):
    item = client.get(f"/api/v1/events/{event.pk}").json()
    return item["places_left"], item["group_places_left"], item["waiting_list"]


def test_the_api_gives_the_places_left_and_the_waiting_list_as_the_page_does(client, staff_user):
    today = timezone.localdate()
    event = _event(staff_user, title="定員3名の講座", date=today + timedelta(days=7),
                   capacity_people=3, capacity_groups=1)  # fmt: skip
    assert _counts(client, event) == (3, 1, 0)
    _apply(event, "山田花子")
    _apply(event, "ひばりの会 代表", people=2, kind="group")
    assert _counts(client, event) == (0, 0, 0)
    _apply(event, "佐藤一郎")
    assert _counts(client, event) == (0, 0, 1)
    page = client.get(event.get_absolute_url()).text
    assert "満席、キャンセル待ち1件" in page and "残り0" not in page  # 「満席」 (events24)
    # The list agrees with the one event.
    listed = {item["id"]: item for item in client.get("/api/v1/events").json()["items"]}
    assert (listed[event.pk]["places_left"], listed[event.pk]["waiting_list"]) == (0, 1)


def test_no_counts_where_the_page_shows_none(client, staff_user):
    today = timezone.localdate()
    open_ended = _event(staff_user, title="定員なし", date=today + timedelta(days=7))
    past = _event(
        staff_user, title="終わった講座", date=today - timedelta(days=7), capacity_people=5
    )
    free = _event(staff_user, kind="festival", title="まつり", date=today + timedelta(days=3),
                  accepts_applications=False, capacity_people=100)  # fmt: skip
    cancelled = _event(staff_user, title="中止", date=today + timedelta(days=9), capacity_people=5)
    services.event_cancel(actor=staff_user, event=cancelled)
    assert _counts(client, open_ended) == (None, None, 0)
    for event in (past, free, cancelled):
        assert _counts(client, event) == (None, None, None), event.title


def test_the_event_page_offers_its_calendar_file_until_it_ends(client, staff_user):
    today = timezone.localdate()
    coming = _event(staff_user, title="来週の講座", date=today + timedelta(days=7))
    past = _event(staff_user, title="先月の講座", date=today - timedelta(days=30))
    link = f'<a href="/calendar/events/{coming.pk}.ics">カレンダーに追加</a>'
    assert link in client.get(coming.get_absolute_url()).text
    assert "カレンダーに追加" not in client.get(past.get_absolute_url()).text
    response = client.get(f"/calendar/events/{coming.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:来週の講座" in response.text


def test_a_meeting_with_confirmed_minutes_keeps_the_venue_they_name(client, demo):
    from kyodo.committees.models import Meeting
    from kyodo.core.models import Venue

    ninth = Meeting.objects.get(committee__slug="unei", fiscal_year=2010, number=9)
    assert client.get(f"/api/v1/meetings/{ninth.pk}").json()["venue"] == "イングビル3階 第1会議室"
    Venue.objects.filter(pk=ninth.venue_id).update(name="改名会議室A")
    assert client.get(f"/api/v1/meetings/{ninth.pk}").json()["venue"] == "イングビル3階 第1会議室"
    listed = {m["id"]: m for m in client.get("/api/v1/meetings?fiscal_year=2010").json()["items"]}
    assert listed[ninth.pk]["venue"] == "イングビル3階 第1会議室"
    # A meeting to come shows its venue as it is now.
    coming = Meeting.objects.filter(status="scheduled", venue__isnull=False).first()
    if coming is not None:
        expected = coming.venue.name
        assert client.get(f"/api/v1/meetings/{coming.pk}").json()["venue"] == expected


def test_statements_by_committee(client, demo):
    items = client.get("/api/v1/statements?committee=unei").json()["items"]
    assert items and {item["committee_slug"] for item in items} == {"unei"}
    response = client.get("/api/v1/statements?committee=nothing")
    assert response.status_code == 400
    assert (
        "委員会の略称（committee）「nothing」はありません。使える略称：unei（運営委員会）。"
        in (response.json()["detail"])
    )


def test_a_post_to_public_files_is_told_405_not_403(client, demo):
    from kyodo.committees.models import Minutes

    ninth = Minutes.objects.get(meeting__fiscal_year=2010, meeting__number=9,
                                meeting__committee__slug="unei")  # fmt: skip
    csrf_client = type(client)(enforce_csrf_checks=True)
    for url in (f"/committee/minutes/{ninth.pk}/versions/1/document.json",
                f"/opendata/minutes/{ninth.pk}/download.pdf", "/opendata/events.csv"):  # fmt: skip
        response = csrf_client.post(url)
        assert response.status_code == 405, url
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert csrf_client.get(url).status_code == 200
