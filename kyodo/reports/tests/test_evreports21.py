"""An event is held by its end, not by its attendance (session 21, newcomer's finding 6).

On 2026-12-07 the newcomer recorded attendance at about 20:10 for an event starting at 21:00: the
monthly report listed it under 実施した事業, while the 18:00–20:00 event of the same day, over but
without attendance, stayed under 今後の事業. The report now splits by the end (its end time on its
day, the end of its day without one, in Japan's time): held once over, attendance recorded or not
(shown as not recorded), still to come until then. A report handed out keeps its stored figures.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from kyodo.core.months import Month
from kyodo.events.models import Event, EventKind
from kyodo.reports.exports import rendered
from kyodo.reports.report import HeldEvent, UpcomingEvent
from kyodo.reports.selectors import compiled_at, monthly_report, presented_monthly_report
from kyodo.reports.services import report_text

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 7)
DECEMBER = Month(2026, 12)


def _at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _event(title: str, on: date = DAY, status: str = Event.Status.PUBLISHED, **fields) -> Event:
    return Event.objects.create(
        title=title, kind=EventKind.LECTURE, date=on, status=status, **fields
    )


@pytest.fixture
def evening():
    """The newcomer's day: a salon over at 20:00 without attendance, a lecture at 21:00 whose
    attendance was typed at 20:10 (3 people, 1 group), and a meeting from 10:00 without an end
    time."""
    _event("夕方のサロン", start_time=time(18), end_time=time(20))
    _event(
        "夜の講座",
        status=Event.Status.HELD,
        start_time=time(21),
        end_time=time(22),
        attendance_people=3,
        attendance_groups=1,
    )
    _event("終わりの決まっていない交流会", start_time=time(10))
    _event("中止した講座", status=Event.Status.CANCELLED, start_time=time(10), end_time=time(11))
    _event("下書きの講座", status=Event.Status.DRAFT, start_time=time(10), end_time=time(11))


def _split(report) -> tuple[list[HeldEvent], list[str]]:
    return report.events_held, [e.name for e in report.upcoming_events]


def test_at_20_10_the_salon_is_held_and_the_lecture_is_still_to_come(evening):
    report = monthly_report(month=DECEMBER, now=_at(20, 10))

    held, upcoming = _split(report)
    assert held == [HeldEvent("夕方のサロン", DAY, None, None)]
    assert upcoming == ["終わりの決まっていない交流会", "夜の講座"]
    assert (report.compiled_on, report.upcoming_from) == (DAY, DAY)
    assert report_text(report).splitlines()[0] == "12月に実施した事業は「夕方のサロン」の1件。"
    # The salon's attendance is said to be missing, not counted as 0.
    assert rendered(report).sections[0].rows[1:4] == [
        ["実施した事業", 1],
        ["参加者数（人）", "未記録"],
        ["参加者数が未記録の事業", 1],
    ]


def test_the_lecture_is_held_once_it_has_ended_and_the_day_s_meeting_at_midnight(evening):
    at_22 = monthly_report(month=DECEMBER, now=_at(22))
    assert [e.name for e in at_22.events_held] == ["夕方のサロン", "夜の講座"]
    assert at_22.events_held[1] == HeldEvent("夜の講座", DAY, 3, 1)
    assert [e.name for e in at_22.upcoming_events] == ["終わりの決まっていない交流会"]
    # One minute before 22:00 the lecture is still to come, attendance recorded or not.
    assert [e.name for e in monthly_report(month=DECEMBER, now=_at(21, 59)).events_held] == [
        "夕方のサロン"
    ]
    # Without an end time, an event ends with its day.
    next_morning = monthly_report(month=DECEMBER, now=_at(0, 0, date(2026, 12, 8)))
    assert [e.name for e in next_morning.events_held] == [
        "終わりの決まっていない交流会",
        "夕方のサロン",
        "夜の講座",
    ]
    assert next_morning.upcoming_events == []
    # The trend counts the same events, attendance not recorded as 0.
    assert (next_morning.trend[-1].events_held, next_morning.trend[-1].attendance_people) == (3, 3)


def test_a_report_compiled_as_of_another_day_counts_what_was_over_by_its_end(evening):
    assert compiled_at(date(2026, 12, 6)) == _at(0, 0, DAY)
    as_of_the_day_before = monthly_report(month=DECEMBER, today=date(2026, 12, 6))
    assert as_of_the_day_before.events_held == []
    assert [e.name for e in as_of_the_day_before.upcoming_events] == [
        "終わりの決まっていない交流会",
        "夕方のサロン",
        "夜の講座",
    ]
    # After the month, the meeting hears of the events after it; December's are all held.
    january = monthly_report(month=Month(2027, 1), today=date(2027, 1, 10))
    assert january.events_held == []
    december = monthly_report(month=DECEMBER, today=date(2027, 1, 10))
    assert [(e.name, e.people, e.groups) for e in december.events_held] == [
        ("終わりの決まっていない交流会", None, None),
        ("夕方のサロン", None, None),
        ("夜の講座", 3, 1),
    ]


def test_an_event_of_the_month_not_over_is_listed_with_its_applications(evening):
    report = monthly_report(month=DECEMBER, now=_at(20, 10))
    assert report.upcoming_events[1] == UpcomingEvent("夜の講座", DAY, 0, 0, 0, 0)


def test_a_report_handed_out_keeps_its_figures(december, staff_user):
    from kyodo.committees.models import AgendaItem, Committee, Meeting, Minutes
    from kyodo.core.models import Center
    from kyodo.reports.services import presented_report_attach, presented_report_freeze

    committee = Committee.objects.create(
        center=Center.objects.create(name="センター"), name="運営委員会", slug="unei"
    )
    meeting = Meeting.objects.create(
        committee=committee, fiscal_year=2010, number=9, date=date(2011, 1, 18), start_time=time(19)
    )
    Minutes.objects.create(meeting=meeting)
    item = AgendaItem.objects.create(
        meeting=meeting, category=AgendaItem.Category.REPORT, number=1, title="業務報告について"
    )
    presented = presented_report_attach(actor=staff_user, item=item, month=Month(2010, 12))
    presented = presented_report_freeze(actor=staff_user, presented=presented)
    handed_out = [e.name for e in presented_monthly_report(presented).events_held]
    assert handed_out == ["会計講座", "実行委員会", "説明会"]

    # An event of December found later, over and never recorded: the live report counts it,
    # the report handed out does not.
    _event("後から入力した講座", on=date(2010, 12, 20), start_time=time(14), end_time=time(16))
    presented.refresh_from_db()
    assert [e.name for e in presented_monthly_report(presented).events_held] == handed_out
    live = monthly_report(month=Month(2010, 12))
    assert [e.name for e in live.events_held] == [
        "会計講座",
        "実行委員会",
        "説明会",
        "後から入力した講座",
    ]
