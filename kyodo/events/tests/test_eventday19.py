"""The event day at the reception desk (session 19 audit): checking people in before the start
does not end the event; cancellations at the door still work and move the waiting list until the
event begins; applications close at the start; two devices checking in do not undo each other's
marks; the check-in list is in gojūon order with the readings; one person however her name is
spaced."""

from __future__ import annotations

import re
from datetime import time

import pytest
from django.utils import timezone

from kyodo.events import services
from kyodo.events.exceptions import ApplicationsClosed, InvalidApplication
from kyodo.events.models import Application, Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# Today, late (not begun whenever the tests run before 23:58) or at midnight (begun).
LATE = {"start_time": time(23, 58), "end_time": time(23, 59)}
BEGUN = {"start_time": time(0, 0), "end_time": time(23, 59)}


def _today(event, **times):
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate(), **times)
    event.refresh_from_db()
    return event


def _check_in(staff_client, event, marks: dict, shown: dict | None = None):
    """POST the attendance page as a browser would: each select with the value the page showed
    beside it (``shown``: what the page showed when it was loaded)."""
    data = {"walk_in_people": "", "initial-walk_in_people": "", "walk_in_groups": "",
            "initial-walk_in_groups": ""}  # fmt: skip
    for application in event.applications.filter(status="confirmed"):
        key = f"attendance_{application.pk}"
        before = (shown or {}).get(application.pk, "")
        data[key] = marks.get(application.pk, before)
        data[f"initial-{key}"] = before
    return staff_client.post(f"/staff/events/{event.pk}/attendance/", data)


def test_checking_in_before_the_start_does_not_end_the_event(client, staff_client, make_event):
    event = make_event(capacity_people=2)
    first, second = apply(event, 1), apply(event, 2)
    waiting = apply(event, 3)
    assert waiting.status == "waitlisted"
    event = _today(event, **LATE)
    response = _check_in(staff_client, event, {first.pk: "attended"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.attendance_people, event.has_ended) == ("held", 1, False)
    page = client.get(f"/events/{event.pk}/").text
    assert "この事業は終了しました" not in page
    assert client.get(f"/api/v1/events/{event.pk}").json()["state"] == "scheduled"
    # A cancellation at the door still goes through, and the waiting list moves up.
    services.application_cancel(actor=None, application=second)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_once_begun_applications_close_and_a_place_given_up_is_not_mailed_on(
    staff_user, make_event
):
    event = make_event(capacity_people=1)
    seated, waiting = apply(event, 1), apply(event, 2)
    event = _today(event, **BEGUN)
    assert event.has_started and event.application_refusal() == "not_closed"
    with pytest.raises(ApplicationsClosed):
        apply(event, 3)
    services.application_cancel(actor=staff_user, application=seated)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.waitlist_position) == ("waitlisted", 1)
    assert Application.objects.count() == 2


def test_two_devices_checking_in_keep_each_other_s_marks(staff_client, make_event):
    event = make_event(capacity_people=10)
    tanaka = apply(event, 1, name="田中 一郎", name_reading="たなか いちろう")
    sato = apply(event, 2, name="佐藤 花子", name_reading="さとう はなこ")
    event = _today(event, **LATE)
    # Both pages loaded with nobody marked; A marks 田中, then B (stale page) marks 佐藤.
    assert _check_in(staff_client, event, {tanaka.pk: "attended"}).status_code == 302
    assert _check_in(staff_client, event, {sato.pk: "attended"}).status_code == 302
    assert dict(event.applications.values_list("name", "attendance")) == {
        "田中 一郎": "attended",
        "佐藤 花子": "attended",
    }
    event.refresh_from_db()
    assert event.attendance_people == 2
    # B corrects 田中 to absent from a page that showed him attended: that is a real change.
    _check_in(staff_client, event, {tanaka.pk: "no_show"}, shown={tanaka.pk: "attended"})
    tanaka.refresh_from_db()
    assert tanaka.attendance == "no_show"


def test_the_check_in_list_is_in_gojuon_order_with_the_readings(staff_client, make_event):
    event = make_event(capacity_people=10)
    apply(event, 1, name="渡辺 健", name_reading="わたなべ けん")
    apply(event, 2, name="青木 優", name_reading="あおき ゆう")
    apply(event, 3, name="長谷川 直子", name_reading="はせがわ なおこ")
    event = _today(event, **LATE)
    page = staff_client.get(f"/staff/events/{event.pk}/attendance/").text
    labels = re.findall(r'<label for="id_attendance_\d+">([^<]+)</label>', page)
    assert labels == ["青木 優（あおき ゆう）", "長谷川 直子（はせがわ なおこ）",
                      "渡辺 健（わたなべ けん）"]  # fmt: skip


@pytest.mark.parametrize("again", ["田中　一郎", "田中一郎", "田中 一郎"])
def test_one_person_however_her_name_is_spaced(make_event, again):
    event = make_event(capacity_people=10)
    apply(event, 1, name="田中 一郎", email="tanaka1@example.jp")
    with pytest.raises(InvalidApplication) as refused:
        apply(event, 1, name=again, email="TANAKA1@example.jp")
    assert refused.value.message == "この事業にはすでにお申し込みいただいています。"
    # Another person of the family, at the same address, may apply.
    assert apply(event, 1, name="田中 花子", email="tanaka1@example.jp").status == "confirmed"
