"""Reads for the monthly report (a fixed number of queries, 11, whatever the month holds, and 4
more to find the center's first record when the caller has not) and the fiscal year's (likewise).

The 12-month trend is counted by the database; only the month's own events, new groups and
upcoming events are loaded, with just the fields the report shows.

The figures come from the other apps' selectors (organizations, events, consultations), so that
each app alone decides what "registered" or "held" means.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from kyodo.consultations import selectors as consultations
from kyodo.consultations.models import Category
from kyodo.core.months import FIRST_YEAR, LAST_YEAR, Month
from kyodo.core.wareki import fiscal_year, fiscal_year_range
from kyodo.events import selectors as events
from kyodo.events.models import Event, end_of_day
from kyodo.organizations import selectors as organizations
from kyodo.reports.report import (
    CategoryCount,
    FeedbackCounts,
    FiscalYearReport,
    FormCount,
    HeldEvent,
    MonthlyReport,
    MonthTotals,
    NewRegistration,
    UpcomingEvent,
)

TREND_MONTHS = 12
# 今後の事業 reach this many days after the month: what the committee meeting after it hears
# about (報告事項 2); see upcoming_window.
UPCOMING_DAYS = 60
# The report index offers this month and up to this many months before it, and this fiscal
# year and up to this many before it; none before the center's first record.
RECENT_MONTHS = 12
RECENT_FISCAL_YEARS = 4


def upcoming_window(month: Month, today: date) -> tuple[date, date]:
    """The first and last day of the events a report of ``month`` compiled on ``today`` lists as
    今後の事業: up to ``UPCOMING_DAYS`` after the month in any case; from the day after the month
    once the month is over (the events the committee meeting after it hears about, 「1月以降の
    事業」 in the seed's report of December), but from ``today`` while the month is in progress
    (its events not held yet come first) and from its first day before it has begun."""
    end = month.last_day + timedelta(days=UPCOMING_DAYS)
    if today > month.last_day:
        return month.last_day + timedelta(days=1), end
    return max(today, month.first_day), end


def compiled_at(today: date) -> datetime:
    """The moment a report compiled on ``today`` counts events as held by (an event is held once
    its end has come, ``Event.objects.held``): now for a report compiled today, the end of
    ``today`` for one compiled as of another day."""
    if today == timezone.localdate():
        return timezone.now()
    return end_of_day(today)


def monthly_report(
    *,
    month: Month,
    today: date | None = None,
    first_day: date | None = None,
    now: datetime | None = None,
) -> MonthlyReport:
    """Compile the report of ``month`` on ``today`` (the local date by default) and the trend of
    the 12 months ending with it, none before the month of the center's first record
    (``first_day``, :func:`first_record_day` when not given: four more queries).

    An event is held (実施した事業) once it has ended by ``now`` (:func:`compiled_at` of
    ``today`` when not given); while the month runs, its events not ended yet are 今後の事業,
    whether or not attendance was recorded."""
    if today is None:
        today = timezone.localdate(now) if now is not None else timezone.localdate()
    now = now or compiled_at(today)
    if first_day is None:
        first_day = first_record_day(today=today)
    trend = _month_totals(trend_start(month, first_day=first_day), month, now=now)
    new = [
        NewRegistration(name=org.name, registered_on=getattr(org, "registered_on", None))
        for org in organizations.new_registrations_between(month.first_day, month.last_day).only(
            "name"
        )
    ]
    examples = [
        c.report_example
        for c in consultations.report_examples_between(start=month.first_day, end=month.last_day)
    ]
    upcoming_from, upcoming_to = upcoming_window(month, today)
    coming = events.upcoming_events_for_report(
        upcoming_from - timedelta(days=1),
        limit_days=(upcoming_to - upcoming_from).days + 1,
        # Compiled before the month is over: an event of today that has ended is held, no
        # longer to come (after the month, events are listed as the meeting hears of them).
        not_ended_at=now if today <= month.last_day else None,
    )
    upcoming = [
        UpcomingEvent(
            name=event.name,
            held_on=event.date,
            confirmed_people=event.confirmed_people or 0,
            confirmed_groups=event.confirmed_groups or 0,
            application_count=event.application_count or 0,
            waitlisted_count=event.waitlisted_count or 0,
        )
        for event in events.with_counts(coming, "waitlisted_count")
    ]
    return MonthlyReport(
        month=month,
        events_held=_held_events(month.first_day, month.last_day, now=now),
        new_registrations=new,
        registered_total=organizations.registered_count_on(month.last_day),
        consultation_total=trend[-1].consultations,
        consultations_by_category=_categories(month.first_day, month.last_day),
        several_categories=_several_categories(month.first_day, month.last_day),
        consultation_examples=examples,
        upcoming_events=upcoming,
        trend=trend,
        compiled_on=today,
        upcoming_from=upcoming_from,
        upcoming_to=upcoming_to,
    )


def first_record_day(*, today: date) -> date:
    """The day of the center's first record, in four queries: the earliest date of an event, a
    group's registration history, a consultation or a meeting, or the day one was entered,
    whichever comes first; ``today`` for a center with none yet (or only future ones)."""
    from kyodo.committees.models import Meeting
    from kyodo.consultations.models import Consultation
    from kyodo.organizations.models import Organization

    found = [
        Event.objects.aggregate(day=Min("date"), entered=Min("created_at")),
        Organization.objects.aggregate(
            day=Min("status_changes__effective_date"), entered=Min("created_at")
        ),
        Consultation.objects.aggregate(day=Min("received_on"), entered=Min("created_at")),
        Meeting.objects.aggregate(day=Min("date"), entered=Min("created_at")),
    ]
    days = [row["day"] for row in found if row["day"] is not None]
    days += [timezone.localdate(row["entered"]) for row in found if row["entered"] is not None]
    return min([today, *days])


def first_report_month(*, today: date, first_day: date) -> Month:
    """The earliest month the reports offer, link to or chart: that of the center's first
    record (``first_day``), or ``today``'s for a center with none yet."""
    return Month.containing(min(first_day, today))


def first_report_year(*, today: date, first_day: date) -> int:
    """The earliest fiscal year the reports offer or link to: the year of
    :func:`first_report_month`."""
    first = first_report_month(today=today, first_day=first_day)
    return max(fiscal_year(first.first_day), FIRST_YEAR)


def trend_start(month: Month, *, first_day: date) -> Month:
    """The first month of the trend ending with ``month``: ``TREND_MONTHS`` back, but not before
    the month of the first record (nor the calendar's first), and never after ``month``."""
    back = month.back(TREND_MONTHS - 1) or Month(FIRST_YEAR, 1)
    return min(month, max(back, Month.containing(first_day)))


def report_months(*, today: date, first_day: date) -> list[Month]:
    """The months the report index offers, latest first: ``today``'s (in progress), then up to
    ``RECENT_MONTHS`` before it, none before the month of ``first_day`` (the first record)."""
    first = first_report_month(today=today, first_day=first_day)
    months = [Month.containing(today)]
    while len(months) <= RECENT_MONTHS:
        previous = months[-1].previous()
        if previous is None or previous < first:
            break
        months.append(previous)
    return months


def report_fiscal_years(*, today: date, first_day: date) -> list[int]:
    """The fiscal years the report index offers, latest first: ``today``'s (in progress), then
    up to ``RECENT_FISCAL_YEARS`` before it, none before the year of ``first_day``."""
    this_year = fiscal_year(today)
    first = max(
        first_report_year(today=today, first_day=first_day), this_year - RECENT_FISCAL_YEARS
    )
    return list(range(this_year, first - 1, -1))


def fiscal_year_report(*, fiscal_year: int, today: date) -> FiscalYearReport | None:
    """The figures of ``fiscal_year`` (April–March) up to ``today``'s month; None for a year
    that has not begun or is outside the calendar."""
    if not FIRST_YEAR <= fiscal_year < LAST_YEAR:
        return None
    start, end = fiscal_year_range(fiscal_year)
    if start > today:
        return None
    first, through = Month.containing(start), Month.containing(min(end, today))
    last_day = through.last_day
    now = compiled_at(today)
    return FiscalYearReport(
        fiscal_year=fiscal_year,
        first=first,
        through=through,
        months=_month_totals(first, through, now=now),
        registered_at_start=organizations.registered_count_on(start - timedelta(days=1)),
        registered_at_end=organizations.registered_count_on(last_day),
        events_held=_held_events(start, last_day, now=now),
        consultations_by_category=_categories(start, last_day),
        several_categories=_several_categories(start, last_day),
        compiled_on=today,
        **_collaboration(fiscal_year),
    )


def _month_totals(first: Month, last: Month, *, now: datetime) -> list[MonthTotals]:
    """The totals of each month from ``first`` to ``last`` (events held by ``now``), counted by
    the database in three queries (a busy year holds hundreds of events, and the reports read
    only their totals)."""
    months = [first]
    while months[-1] < last:
        months.append(months[-1].next())
    held_by_month = events.held_totals_by_month(first.first_day, last.last_day, now=now)
    new_by_month = Counter(
        Month.containing(day)
        for day in organizations.registration_dates_between(first.first_day, last.last_day)
    )
    consultations_by_month = consultations.counts_by_month_between(
        start=first.first_day, end=last.last_day
    )
    totals = []
    for m in months:
        events_held, attendance_people = held_by_month.get(m.first_day, (0, 0))
        totals.append(
            MonthTotals(
                month=m,
                events_held=events_held,
                attendance_people=attendance_people,
                new_registrations=new_by_month.get(m, 0),
                consultations=consultations_by_month.get(m.first_day, 0),
            )
        )
    return totals


def _held_events(start: date, end: date, *, now: datetime) -> list[HeldEvent]:
    """The events held between ``start`` and ``end`` by ``now``, with what the reports show of
    them (in two queries: the events, their questionnaires)."""
    held = events.held_events_for_report(start, end, now=now)
    feedback = _feedback_by_event(held)
    return [
        HeldEvent(
            name=event.name,
            held_on=event.date,
            people=event.attendance_people,
            groups=event.attendance_groups,
            feedback=feedback.get(event.pk, FeedbackCounts()),
        )
        for event in held
    ]


def _feedback_by_event(held) -> dict[int, FeedbackCounts]:
    """The questionnaire counts of the ``held`` events, in one query whatever their number."""
    return {
        pk: FeedbackCounts(asked=asked, answered=answered, levels=levels)
        for pk, (asked, answered, levels) in events.feedback_counts(held.values("pk")).items()
    }


def _categories(start: date, end: date) -> list[CategoryCount]:
    return [
        CategoryCount(category=value, label=str(Category(value).label), count=n)
        for value, n in consultations.category_counts_between(start=start, end=end)
    ]


def _several_categories(start: date, end: date) -> int:
    """The consultations between ``start`` and ``end`` given more than one category (one
    query): each is counted under every one of its categories (``_categories``), so that the
    counts by category add up to more than the consultations, and the report says why."""
    from kyodo.consultations.models import Consultation

    return (
        Consultation.objects.filter(received_on__gte=start, received_on__lte=end)
        .order_by()
        .annotate(categories_given=Count("categories"))
        .filter(categories_given__gt=1)
        .count()
    )


def _collaboration(fiscal_year: int) -> dict:
    """The collaboration register's records running in the year, by form (those with any), and
    the total of the forms it counts as 協働, as the register's own statistics count them."""
    from kyodo.collaboration.statistics import compute

    stats = compute(fiscal_year=fiscal_year)
    return {
        "collaboration_by_form": [
            FormCount(label=str(row.label), count=row.count, counted=row.counted)
            for row in stats.by_form
            if row.count
        ],
        "collaboration_total": stats.total,
    }


# --- the report a committee meeting heard -------------------------------------------------------


def presented_monthly_report(presented, *, today: date | None = None) -> MonthlyReport:
    """The report a meeting heard: as it was handed out once frozen (no other row is read, but
    for a report frozen before the center's name was kept with it: :func:`center_name_at`),
    compiled live from today's rows before that."""
    from dataclasses import replace

    from kyodo.reports.frozen import report_from_dict

    if presented.is_frozen:
        report = report_from_dict(presented.figures)
        if report.center_name is None:
            report = replace(report, center_name=center_name_at(presented.frozen_at))
        return report
    return monthly_report(month=presented.report_month, today=today)


def center_name_at(moment: datetime) -> str:
    """The name the center had at ``moment``, for a report handed out then whose figures (of
    format 1 or 2) do not keep it: the former name of its first rename after ``moment``, as the
    audit log recorded it (kyodo.core.center.center_update writes ``{"name": [old, new]}``),
    else today's; "" without a center. The audit log is never rewritten, so the name found
    stays the same whatever the center is called later (two queries)."""
    from django.contrib.contenttypes.models import ContentType

    from kyodo.core.models import AuditEntry, Center

    center = Center.objects.current()
    if center is None:
        return ""
    renames = AuditEntry.objects.filter(
        action="kyodo.core.center.updated",
        content_type=ContentType.objects.get_for_model(Center),
        object_id=str(center.pk),
        created_at__gt=moment,
        changes__has_key="name",
    ).order_by("created_at", "pk")
    for changes in renames.values_list("changes", flat=True)[:1]:
        old = changes["name"]
        if isinstance(old, list) and old and isinstance(old[0], str):
            return old[0]
    return center.name


def meeting_presented_reports(meeting) -> list:
    """The monthly reports attached to ``meeting``'s agenda items, in agenda order, each with
    its item (one query)."""
    from kyodo.reports.models import PresentedReport

    return list(
        PresentedReport.objects.filter(item__meeting=meeting)
        .select_related("item")
        .order_by("item__category", "item__number")
    )


# --- the report a meeting heard, as members and the public read it ------------------------------


@dataclass(frozen=True)
class HeardReport:
    """A monthly report a meeting heard, handed out (frozen), as its members and the public are
    shown it: the figures as they were handed out, never compiled again."""

    presented: object  # kyodo.reports.models.PresentedReport
    title: str  # 「月次報告 令和2年12月分」
    url: str  # its public page; "" while the meeting's minutes are not published
    csv_url: str
    # The tables (exports.rendered_public) where there is no public page to link to yet: the
    # members' page of a meeting whose minutes are not published.
    doc: object | None = None


def heard_reports_exist(meeting: str = "pk"):
    """Whether the meeting ``meeting`` names (an ``OuterRef`` path) heard a report handed out:
    annotated as ``has_heard_reports`` on the query that loads a page's meeting or minutes,
    :func:`heard_reports` then asks the database nothing for a meeting without one."""
    from django.db.models import Exists, OuterRef

    from kyodo.reports.models import PresentedReport

    return Exists(
        PresentedReport.objects.filter(item__meeting=OuterRef(meeting), frozen_at__isnull=False)
    )


def heard_reports(meeting, *, minutes=None, with_figures: bool = False) -> list[HeardReport]:
    """The frozen monthly reports of ``meeting``'s agenda items, in agenda order (one query,
    none when ``has_heard_reports`` (:func:`heard_reports_exist`) was annotated False on
    ``meeting`` or ``minutes``), with their public page once its minutes (``minutes``, else
    ``meeting.minutes``) are published; ``with_figures`` adds the tables of those without one.
    A report not handed out yet is never shown: its figures are live and can still change."""
    from kyodo.reports.exports import public_title, rendered_public
    from kyodo.reports.frozen import report_from_dict

    if not getattr(minutes, "has_heard_reports", True) or not getattr(
        meeting, "has_heard_reports", True
    ):
        return []
    if minutes is None:
        try:
            minutes = meeting.minutes
        except ObjectDoesNotExist:
            minutes = None
    published = minutes is not None and minutes.is_published
    found = []
    for presented in meeting_presented_reports(meeting):
        if not presented.is_frozen:
            continue
        url = csv_url = ""
        if published:
            url = reverse("committees:minutes-report", args=[minutes.pk, presented.pk])
            csv_url = reverse("committees:minutes-report-csv", args=[minutes.pk, presented.pk])
        doc = None
        if with_figures and not published:
            doc = rendered_public(report_from_dict(presented.figures))
        found.append(
            HeardReport(
                presented=presented,
                title=public_title(presented.report_month),
                url=url,
                csv_url=csv_url,
                doc=doc,
            )
        )
    return found


def published_heard_reports():
    """Every frozen report heard at a meeting whose minutes are published, the reports that have
    a public page (:func:`published_heard_report`), each annotated with ``minutes_pk`` for its
    address; oldest first. sitemap.xml lists them."""
    from django.db.models import F

    from kyodo.committees.models import minutes_published_q
    from kyodo.reports.models import PresentedReport

    return (
        PresentedReport.objects.filter(frozen_at__isnull=False)
        .filter(minutes_published_q("item__meeting__minutes__"))
        .annotate(minutes_pk=F("item__meeting__minutes"))
        .order_by("pk")
    )


def published_heard_report(*, minutes_pk: int, pk: int):
    """The frozen report ``pk`` heard at the meeting of the published minutes ``minutes_pk``,
    with its item, meeting, committee and minutes (one query); None for any other (a report
    not handed out, of another meeting, or of minutes not published)."""
    from kyodo.committees.models import minutes_published_q
    from kyodo.reports.models import PresentedReport

    return (
        PresentedReport.objects.select_related(
            "item__meeting__committee", "item__meeting__minutes__current_version"
        )
        .filter(pk=pk, item__meeting__minutes=minutes_pk, frozen_at__isnull=False)
        .filter(minutes_published_q("item__meeting__minutes__"))
        .first()
    )
