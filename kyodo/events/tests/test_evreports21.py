"""The newcomer's findings on events (session 21, helper evreports):

5. with both capacities (2人 / 1団体), a group's people take places for people too: the pages now
   say so after the places left and above the application forms (the rule is unchanged);
6. attendance typed before the start on the day is not refused (reception checks people in at
   the door), but the page says the event has not begun and the report counts it only once over;
   "held" and "over" are one condition in SQL and in Python (``Event.end_moment``);
14. 申込日時 on the staff page in 和暦 with the weekday and the time; the CSVs in ISO
   (「2026-12-07 20:10」, Japan's time), as every export writes dates;
7. the capacity and attendance numbers as typed (「２０」「３人」), shown back when the form returns.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone

from kyodo.events.models import Application, Event, EventKind, Feedback, ended_condition
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db

NOTE = "（団体でお申し込みの方も、参加人数分の席を使います）"
FORM_NOTE = (
    "定員は人数と団体数の両方にあります。団体でのお申し込みは、団体の枠を1つと、参加人数分の席を"
    "使います。"
)
ALL_WAIT = "（これからのお申し込みは、個人も団体もキャンセル待ちになります）"


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _so_far(page: str) -> str:
    """The text of 現在の申し込み in the event's facts."""
    return re.search(r"<dt>現在の申し込み</dt>\s*<dd>(.*?)</dd>", page, re.S).group(1)


# --- 5. a group's people take places for people -------------------------------------------------


def test_with_both_capacities_the_places_left_say_a_group_takes_places(
    client, staff_client, make_event
):
    event = make_event(capacity_people=2, capacity_groups=1)
    apply(event, 1)

    def pages() -> tuple[str, str]:
        return (
            _so_far(client.get(f"/events/{event.pk}/").text),
            _so_far(staff_client.get(f"/staff/events/{event.pk}/").text),
        )

    assert pages() == (f"1人、残り1席{NOTE}、残り1団体",) * 2
    apply(event, 2)
    assert pages() == (f"2人、満席{ALL_WAIT}",) * 2  # 「満席」 (tests/test_events24_newcomer.py)
    # The rule itself is unchanged: a registered group's 3 people wait, its group place unused.
    group = apply(event, 3, kind="group", group_name="ひばりの会", people=3)
    assert (group.status, group.waitlist_position) == ("waitlisted", 1)


@pytest.mark.parametrize(
    ("capacities", "so_far"),
    [
        ({"capacity_people": 2}, "1人、残り1席"),
        ({"capacity_groups": 1}, "1人、残り1団体"),
        ({}, "1人"),
    ],
)
def test_with_one_capacity_nothing_more_is_said(
    client, staff_client, make_event, capacities, so_far
):
    event = make_event(**capacities)
    apply(event, 1)
    assert _so_far(client.get(f"/events/{event.pk}/").text) == so_far
    assert FORM_NOTE not in client.get(f"/events/{event.pk}/").text
    assert FORM_NOTE not in staff_client.get(f"/staff/events/{event.pk}/applications/new/").text


def test_the_application_forms_say_it_above_the_fields(client, staff_client, make_event):
    event = make_event(capacity_people=20, capacity_groups=5)
    public = client.get(f"/events/{event.pk}/").text
    apply_section = public[public.index('<section aria-labelledby="apply-heading">') :]
    assert apply_section.index(FORM_NOTE) < apply_section.index("<form")
    staff = staff_client.get(f"/staff/events/{event.pk}/applications/new/").text
    assert f'<p class="help">{FORM_NOTE}</p>' in staff
    assert staff.index(FORM_NOTE) < staff.index('<form method="post" novalidate>')


# --- 6. attendance before the start; held by the end --------------------------------------------


def _today(event: Event, **times) -> Event:
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate(), **times)
    event.refresh_from_db()
    return event


def test_before_the_start_the_attendance_page_warns_and_still_records(staff_client, make_event):
    event = make_event(capacity_people=10)
    first = apply(event, 1)
    # Today, late: not begun whenever the tests run before 23:58.
    event = _today(event, start_time=time(23, 58), end_time=time(23, 59))
    page = staff_client.get(f"/staff/events/{event.pk}/attendance/").text
    assert (
        "まだ開始時刻（午後11時58分）前です。来場した方の出欠は今から記録できます。月次報告では、"
        "終了時刻を過ぎてから実施した事業として数えます。"
    ) in page
    response = staff_client.post(
        f"/staff/events/{event.pk}/attendance/",
        {
            f"attendance_{first.pk}": "attended",
            f"initial-attendance_{first.pk}": "",
            "walk_in_people": "",
            "initial-walk_in_people": "",
            "walk_in_groups": "",
            "initial-walk_in_groups": "",
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.attendance_people) == ("held", 1)
    # Recorded, but not over: not held for the reports.
    assert not Event.objects.held().filter(pk=event.pk).exists()


def test_once_begun_the_page_says_nothing_of_the_kind(staff_client, make_event):
    event = _today(make_event(capacity_people=10), start_time=time(0, 0), end_time=time(23, 59))
    assert "まだ開始時刻" not in staff_client.get(f"/staff/events/{event.pk}/attendance/").text


def test_over_in_sql_is_over_in_python():
    tz = timezone.get_current_timezone()
    day = date(2026, 12, 7)
    times = [
        (None, None),
        (time(10), None),
        (time(18), time(20)),
        (None, time(20)),
        (time(0), time(0, 1)),
    ]
    for offset in (-1, 0, 1):
        for start, end in times:
            Event.objects.create(
                title=f"{offset} {start} {end}",
                kind=EventKind.LECTURE,
                date=day + timedelta(days=offset),
                start_time=start,
                end_time=end,
                status=Event.Status.PUBLISHED,
            )
    events = list(Event.objects.all())
    for moment in (
        datetime(2026, 12, 7, 0, 0, tzinfo=tz),
        datetime(2026, 12, 7, 0, 1, tzinfo=tz),
        datetime(2026, 12, 7, 19, 59, 59, tzinfo=tz),
        datetime(2026, 12, 7, 20, 0, tzinfo=tz),
        datetime(2026, 12, 7, 14, 30, tzinfo=UTC),  # 23:30 in Tokyo
        datetime(2026, 12, 7, 15, 0, tzinfo=UTC),  # midnight in Tokyo
    ):
        over = {e.pk for e in events if e.end_moment <= moment}
        assert (
            set(Event.objects.filter(ended_condition(moment)).values_list("pk", flat=True)) == over
        )
        assert set(Event.objects.held(moment).values_list("pk", flat=True)) == over
    # At 20:00 on the day: the day before, and the day's 18:00–20:00 and 0:00–0:01.
    at_20 = datetime(2026, 12, 7, 20, 0, tzinfo=tz)
    assert sorted(Event.objects.held(at_20).values_list("title", flat=True)) == sorted(
        ["-1 None None", "-1 10:00:00 None", "-1 18:00:00 20:00:00", "-1 None 20:00:00",
         "-1 00:00:00 00:01:00", "0 18:00:00 20:00:00", "0 None 20:00:00", "0 00:00:00 00:01:00"]
    )  # fmt: skip


def test_drafts_and_cancelled_events_are_never_held():
    for status in Event.Status.values:
        Event.objects.create(
            title=status, kind=EventKind.LECTURE, date=date(2026, 12, 1), status=status
        )
    assert sorted(Event.objects.held().values_list("title", flat=True)) == ["held", "published"]


# --- 14. 申込日時 on the page and in the CSVs -----------------------------------------------------


def test_applied_at_in_wareki_with_the_weekday_and_in_iso_in_the_csv(staff_client, make_event):
    event = make_event(capacity_people=1)
    first, second = apply(event, 1), apply(event, 2)
    Application.objects.filter(pk=first.pk).update(
        created_at=datetime(2026, 12, 7, 11, 10, tzinfo=UTC)  # 20:10 in Tokyo
    )
    Application.objects.filter(pk=second.pk).update(
        created_at=datetime(2026, 12, 6, 15, 5, tzinfo=UTC),  # 0:05 on the 7th in Tokyo
        promoted_at=datetime(2026, 12, 7, 0, 30, tzinfo=UTC),
    )
    page = staff_client.get(f"/staff/events/{event.pk}/").text
    assert "<td>令和8年12月7日(月) 午後8時10分</td>" in page
    assert "<td>令和8年12月7日(月) 午前0時5分</td>" in page
    assert "（令和8年12月7日(月) 午前9時30分、" in page

    response = staff_client.get(f"/staff/events/{event.pk}/applications.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "申込日時"
    assert sorted(row[0] for row in rows[1:]) == ["2026-12-07 00:05", "2026-12-07 20:10"]


def test_the_questionnaire_csv_writes_its_times_likewise(staff_client, make_event):
    event = make_event(capacity_people=5)
    application = apply(event, 1)
    Feedback.objects.create(
        application=application,
        event=event,
        requested_at=datetime(2026, 12, 8, 1, 0, tzinfo=UTC),
        answered_at=datetime(2026, 12, 8, 12, 45, tzinfo=UTC),  # 21:45 in Tokyo
        satisfaction=5,
    )
    response = staff_client.get(f"/staff/events/{event.pk}/feedback.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["番号", "回答日時"]
    assert rows[1][:4] == ["1", "2026-12-08 21:45", "とても満足", "5"]


# --- 7. numbers as typed --------------------------------------------------------------------------


def _event_data(**overrides) -> dict:
    from kyodo.events.tests.test_staff import event_data

    return event_data(**overrides)


def test_capacities_in_full_width_are_taken_and_shown_back(staff_client):
    # Another field wrong: the capacities come back as typed, in text boxes with numeric keys.
    response = staff_client.post(
        "/staff/events/new/",
        _event_data(capacity_people="２０", capacity_groups="５団", date="平成23年2月30日"),
    )
    assert response.status_code == 400
    assert (
        '<input type="text" name="capacity_people" value="２０" inputmode="numeric"'
        in response.text
    )
    assert 'value="５団"' in response.text
    assert "数字で入力してください（例：15）。" in response.text
    assert Event.objects.count() == 0

    response = staff_client.post(
        "/staff/events/new/", _event_data(capacity_people="２０人", capacity_groups="５")
    )
    assert response.status_code == 302
    assert Event.objects.values_list("capacity_people", "capacity_groups").get() == (20, 5)


def test_walk_ins_in_full_width_are_recorded(staff_client, make_event):
    event = _today(make_event(capacity_people=10), start_time=time(0, 0), end_time=time(23, 59))
    response = staff_client.post(
        f"/staff/events/{event.pk}/attendance/",
        {"walk_in_people": "３人", "initial-walk_in_people": "", "walk_in_groups": "１",
         "initial-walk_in_groups": ""},
    )  # fmt: skip
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.walk_in_people, event.walk_in_groups, event.attendance_people) == (3, 1, 3)
    # A wrong number comes back as typed, with the message; nothing changes.
    response = staff_client.post(
        f"/staff/events/{event.pk}/attendance/",
        {"walk_in_people": "三人", "initial-walk_in_people": "3", "walk_in_groups": "１",
         "initial-walk_in_groups": "1"},
    )  # fmt: skip
    assert response.status_code == 400
    assert 'value="三人"' in response.text
    assert "数字で入力してください（例：15）。" in response.text
    event.refresh_from_db()
    assert (event.walk_in_people, event.walk_in_groups, event.attendance_people) == (3, 1, 3)


def test_with_no_group_place_left_the_groups_waiting_list_says_enough(client, make_event):
    event = make_event(capacity_people=20, capacity_groups=1)
    apply(event, 1, kind="group", group_name="ひばりの会", people=2)
    assert _so_far(client.get(f"/events/{event.pk}/").text) == (
        "2人（1団体）、残り18席、団体枠は満席（団体でのお申し込みはキャンセル待ちになります）"
    )
