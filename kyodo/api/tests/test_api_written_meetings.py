"""How a meeting is held, in the API: a meeting held in writing (書面開催) says so next to its
venue, with the day its written votes close, and its confirmed minutes say so too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.models import Membership
from kyodo.committees.tests.conftest import _fast_passwords, committee, staff, written  # noqa: F401
from kyodo.committees.tests.test_votes import confirm_written

pytestmark = pytest.mark.django_db


def test_the_schema_lists_how_a_meeting_is_held(client, db):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    meeting = schema["MeetingOut"]["properties"]
    assert list(meeting) == [
        "id", "committee", "committee_slug", "fiscal_year", "number", "title", "date",
        "start_time", "end_time", "venue", "held_in_writing", "votes_close_on", "status",
        "minutes_url",
    ]  # fmt: skip
    assert meeting["held_in_writing"]["type"] == "boolean"
    assert meeting["votes_close_on"]["anyOf"] == [
        {"format": "date", "type": "string"},
        {"type": "null"},
    ]
    assert "held_in_writing" in schema["MeetingOut"]["required"]
    minutes = schema["MinutesOut"]["properties"]
    assert minutes["held_in_writing"]["type"] == "boolean"
    assert list(minutes).index("held_in_writing") == list(minutes).index("venue") + 1


def test_a_meeting_held_in_writing_says_so_with_its_closing_day(client, written, staff):  # noqa: F811
    close = timezone.localdate() + timedelta(days=7)
    body = client.get(f"/api/v1/meetings/{written.pk}").json()
    assert (body["venue"], body["held_in_writing"], body["votes_close_on"]) == (
        "",
        True,
        close.isoformat(),
    )
    # A meeting in a room: not in writing, no closing day; its venue as before.
    room = services.meeting_create(
        actor=staff, committee=written.committee, date=timezone.localdate() + timedelta(days=30)
    )
    listed = {m["id"]: m for m in client.get("/api/v1/meetings").json()["items"]}
    assert (listed[room.pk]["venue"], listed[room.pk]["held_in_writing"],
            listed[room.pk]["votes_close_on"]) == ("未定", False, None)  # fmt: skip
    assert listed[written.pk]["held_in_writing"] is True


def test_confirmed_minutes_of_a_meeting_held_in_writing(client, written, staff, committee):  # noqa: F811
    confirm_written(staff, committee, written)
    body = client.get(f"/api/v1/minutes/{written.pk}").json()
    assert (body["venue"], body["held_in_writing"]) == ("", True)
    assert body["date"] == (timezone.localdate() + timedelta(days=7)).isoformat()
    assert body["attendees"] == ["有賀", "坂口", "田辺"]
    assert [
        (item["title"], item["decision"]["outcome"], item["decision"]["votes_for"])
        for section in body["sections"]
        for item in section["items"]
        if item["decision"]
    ] == [
        ("第8回会議録の承認について", "approved", 3),
        ("社会福祉協議会の担当理事候補について", "approved", 3),
    ]
    assert Membership.objects.count() == 4
