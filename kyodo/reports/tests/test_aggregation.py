"""The report counted by the database equals a plain count in Python, on random data.

A seeded generator makes two years of a small center: groups with random registration histories
(re-registrations and same-day changes included), events of every status with or without a
series and attendance, applications of every kind and status, consultations with one or two
topics. Every month's report is compared, field by field, with the figures counted in Python
from all the rows, and each report takes the same number of queries.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.consultations.models import Category, Consultation, ConsultationCategory
from kyodo.core.months import Month
from kyodo.core.text import gojuon_order
from kyodo.events.models import Application, Event, EventKind, EventSeries, Feedback
from kyodo.organizations.models import Organization, OrganizationStatusChange
from kyodo.reports.report import (
    CategoryCount,
    FeedbackCounts,
    HeldEvent,
    MonthlyReport,
    MonthTotals,
    NewRegistration,
    UpcomingEvent,
)
from kyodo.reports.selectors import TREND_MONTHS, UPCOMING_DAYS, monthly_report

pytestmark = pytest.mark.django_db

START = date(2010, 4, 1)
DAYS = 730
QUERIES = 15  # 11 for the report, 4 to find the center's first record


def _generate(rng: random.Random, staff) -> None:
    Kind = OrganizationStatusChange.Kind
    readings = [f"だんたい{rng.randrange(5)}" for _ in range(40)]  # shared: ties go by pk
    organizations = Organization.objects.bulk_create(
        Organization(
            name=f"団体{n}",
            name_reading=reading,
            reading_key=reading,
            reading_order=gojuon_order(reading),
            legal_form=Organization.LegalForm.VOLUNTARY,
            status=Organization.Status.REGISTERED,
        )
        for n, reading in enumerate(readings)
    )
    changes = []
    for org in organizations:
        day = START + timedelta(days=rng.randrange(-60, DAYS))
        for _ in range(rng.randrange(0, 6)):
            kind = rng.choice(list(Kind.values))
            changes.append(
                OrganizationStatusChange(organization=org, kind=kind, effective_date=day)
            )
            day += timedelta(days=rng.choice([0, 0, 3, 40, 200]))
    OrganizationStatusChange.objects.bulk_create(changes)

    series = [EventSeries.objects.create(name=f"連続講座{n}", next_number=99) for n in range(2)]
    events = []
    for n in range(120):
        in_series = rng.random() < 0.3
        people, groups = rng.randrange(0, 30), rng.randrange(0, 5)
        events.append(
            Event(
                title=rng.choice(["", f"講座{n}"]) if in_series else f"講座{n}",
                series=series[n % 2] if in_series else None,
                series_number=n + 1 if in_series else None,
                kind=EventKind.LECTURE,
                date=START + timedelta(days=rng.randrange(DAYS + 90)),
                start_time=time(rng.choice([10, 14, 19])),
                status=rng.choice(list(Event.Status.values)),
                attendance_people=rng.choice([None, people]),
                attendance_groups=rng.choice([None, groups]),
            )
        )
    events = Event.objects.bulk_create(events)
    applications = []
    for event in events:
        for n in range(rng.randrange(0, 6)):
            status = rng.choice(list(Application.Status.values))
            group = rng.random() < 0.3
            applications.append(
                Application(
                    event=event,
                    kind=Application.Kind.GROUP if group else Application.Kind.INDIVIDUAL,
                    group_name="グループ" if group else "",
                    people=rng.randrange(1, 6),
                    status=status,
                    waitlist_position=n + 1 if status == Application.Status.WAITLISTED else None,
                    name="申込者",
                )
            )
    applications = Application.objects.bulk_create(applications)
    # Questionnaires of every state: asked only, answered with or without a 満足度.
    asked_at = datetime(2011, 1, 1, 9, tzinfo=UTC)
    feedback = []
    for application in applications:
        if rng.random() < 0.6:
            answered = rng.random() < 0.6
            feedback.append(
                Feedback(
                    application=application,
                    event=application.event,
                    requested_at=asked_at,
                    answered_at=asked_at if answered else None,
                    satisfaction=rng.choice([None, 1, 2, 3, 4, 5]) if answered else None,
                )
            )
    Feedback.objects.bulk_create(feedback)

    consultations = []
    for n in range(150):
        example = rng.choice(["", f"例{n}。"])  # an example is not always used in the report
        consultations.append(
            Consultation(
                received_on=START + timedelta(days=rng.randrange(DAYS)),
                channel=Consultation.Channel.VISIT,
                client_type=Consultation.ClientType.GROUP,
                summary="相談",
                staff=staff,
                use_in_report=bool(example) and rng.random() < 0.5,
                report_example=example,
            )
        )
    consultations = Consultation.objects.bulk_create(consultations)
    ConsultationCategory.objects.bulk_create(
        ConsultationCategory(consultation=c, category=category)
        for c in consultations
        for category in rng.sample(list(Category.values), rng.randrange(1, 3))
    )


class Rows:
    """Every row the report is made of, loaded once."""

    def __init__(self):
        self.events = sorted(
            Event.objects.select_related("series").prefetch_related("applications", "feedback"),
            key=lambda e: (e.date, e.start_time, e.pk),
        )
        self.history: dict[int, list[OrganizationStatusChange]] = {}
        for change in OrganizationStatusChange.objects.all():
            self.history.setdefault(change.organization_id, []).append(change)
        self.organizations = list(Organization.objects.all())
        self.consultations = list(Consultation.objects.prefetch_related("categories"))


def _by_python(month: Month, rows: Rows, today: date) -> MonthlyReport:
    """The report compiled on ``today`` counted the plain way: every row filtered and counted
    in Python."""
    # The trend: 12 months, none before the month of the first record (the earliest day of any
    # row, or of its entry) unless that is after ``month``.
    days = [today]
    days += [e.date for e in rows.events] + [c.received_on for c in rows.consultations]
    days += [c.effective_date for changes in rows.history.values() for c in changes]
    days += [
        timezone.localdate(r.created_at)
        for r in [*rows.events, *rows.organizations, *rows.consultations]
    ]
    first = min(month, max(month.back(TREND_MONTHS - 1), Month.containing(min(days))))
    window = [first]
    while window[-1] < month:
        window.append(window[-1].next())

    events, history = rows.events, rows.history
    organizations, consultations = rows.organizations, rows.consultations
    # Held: over by the moment the report is compiled at (now today, else the end of the day),
    # public and not cancelled, whether or not attendance was recorded.
    moment = (
        timezone.now()
        if today == timezone.localdate()
        else datetime.combine(
            today + timedelta(days=1), time(0), tzinfo=timezone.get_current_timezone()
        )
    )

    def over(e: Event) -> bool:
        return e.end_moment <= moment

    held = [
        e
        for e in events
        if e.status not in (Event.Status.CANCELLED, Event.Status.DRAFT) and over(e)
    ]

    def in_(e_date, m: Month) -> bool:
        return m.first_day <= e_date <= m.last_day

    def first_registration(org_pk: int, start: date, end: date) -> date | None:
        days = [
            c.effective_date
            for c in history.get(org_pk, [])
            if c.kind == "registered" and start <= c.effective_date <= end
        ]
        return min(days, default=None)

    new = sorted(
        (
            (day, org.reading_order, org.pk, org.name)
            for org in organizations
            if (day := first_registration(org.pk, month.first_day, month.last_day))
        ),
    )
    in_window = Counter(
        Month.containing(day)
        for org in organizations
        if (day := first_registration(org.pk, first.first_day, month.last_day))
    )

    def registered(org_pk: int) -> bool:
        before = [c for c in history.get(org_pk, []) if c.effective_date <= month.last_day]
        if not before:
            return False
        last = max(before, key=lambda c: (c.effective_date, c.pk))
        return last.kind in OrganizationStatusChange.ACTIVE_KINDS

    in_month = [c for c in consultations if in_(c.received_on, month)]
    topics = Counter(t.category for c in in_month for t in c.categories.all())

    # 今後の事業: after the month once it is over; from today (and no longer the events of today
    # that are over) while it runs; from its first day before it begins.
    in_progress_or_before = today <= month.last_day
    upcoming_from = (
        max(today, month.first_day) if in_progress_or_before else month.last_day + timedelta(days=1)
    )
    upcoming_to = month.last_day + timedelta(days=UPCOMING_DAYS)
    upcoming = []
    for e in events:
        if not (upcoming_from <= e.date <= upcoming_to):
            continue
        if e.status in (Event.Status.CANCELLED, Event.Status.DRAFT):
            continue
        if in_progress_or_before and over(e):
            continue
        apps = list(e.applications.all())
        confirmed = [a for a in apps if a.status == "confirmed"]
        upcoming.append(
            UpcomingEvent(
                name=e.name,
                held_on=e.date,
                confirmed_people=sum(a.people for a in confirmed),
                confirmed_groups=sum(1 for a in confirmed if a.kind == "group"),
                application_count=sum(1 for a in apps if a.status in ("confirmed", "waitlisted")),
                waitlisted_count=sum(1 for a in apps if a.status == "waitlisted"),
            )
        )

    def feedback(e: Event) -> FeedbackCounts:
        answers = [f for f in e.feedback.all() if f.answered_at is not None]
        return FeedbackCounts(
            asked=len(e.feedback.all()),
            answered=len(answers),
            levels=tuple(sum(1 for f in answers if f.satisfaction == n) for n in (5, 4, 3, 2, 1)),
        )

    return MonthlyReport(
        month=month,
        events_held=[
            HeldEvent(e.name, e.date, e.attendance_people, e.attendance_groups, feedback(e))
            for e in held
            if in_(e.date, month)
        ],
        new_registrations=[NewRegistration(name, day) for day, _, _, name in new],
        registered_total=sum(1 for org in organizations if registered(org.pk)),
        consultation_total=len(in_month),
        consultations_by_category=[
            CategoryCount(value, str(Category(value).label), topics[value])
            for value in Category.values
            if topics[value]
        ],
        several_categories=sum(1 for c in in_month if len(c.categories.all()) > 1),
        consultation_examples=[
            c.report_example
            for c in sorted(in_month, key=lambda c: (c.received_on, c.pk))
            if c.use_in_report and c.report_example
        ],
        upcoming_events=upcoming,
        trend=[
            MonthTotals(
                month=m,
                events_held=sum(1 for e in held if in_(e.date, m)),
                attendance_people=sum(e.attendance_people or 0 for e in held if in_(e.date, m)),
                new_registrations=in_window[m],
                consultations=sum(1 for c in consultations if in_(c.received_on, m)),
            )
            for m in window
        ],
        compiled_on=today,
        upcoming_from=upcoming_from,
        upcoming_to=upcoming_to,
    )


@pytest.mark.parametrize(
    ("seed", "today"),
    # compiled after every month, and on a day that leaves months before, during and after it
    [(2010, date(2026, 12, 6)), (2011, date(2026, 12, 6)), (2010, date(2011, 6, 15))],
)
def test_every_month_equals_a_plain_count_in_python(seed, today, staff_user):
    _generate(random.Random(seed), staff_user)
    month, last = Month(2010, 3), Month(2012, 5)
    rows, compared = Rows(), 0
    while month <= last:
        with CaptureQueriesContext(connection) as queries:
            report = monthly_report(month=month, today=today)
        assert len(queries) == QUERIES, month
        assert report == _by_python(month, rows, today), month
        compared += 1
        month = month.next()
    assert compared == 27
    # The data is not trivial: the comparison saw held events, new groups and live applications.
    assert Event.objects.filter(status=Event.Status.HELD).count() > 20
    assert OrganizationStatusChange.objects.filter(kind="registered").count() > 20
    answered = Feedback.objects.filter(event__status="held", answered_at__isnull=False)
    assert answered.exclude(satisfaction=None).count() > 5
