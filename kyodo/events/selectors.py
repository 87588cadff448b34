"""Reads of the events app. The monthly report calls ``events_held_between`` and
``upcoming_events_with_applications``; keep their names and fields."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Sum, When
from django.utils import timezone

from kyodo.core.conditions import holds
from kyodo.core.memo import until_next_write
from kyodo.core.models import Venue
from kyodo.core.months import Month
from kyodo.core.statements import Prepared
from kyodo.events.models import (
    Application,
    Event,
    EventSeries,
    Feedback,
    Guest,
    Satisfaction,
    ended_condition,
    visible_condition,
)

CONFIRMED = Q(applications__status=Application.Status.CONFIRMED)
WAITLISTED = Q(applications__status=Application.Status.WAITLISTED)
CANCELLED = Q(applications__status=Application.Status.CANCELLED)
GROUP = Q(applications__kind=Application.Kind.GROUP)


def _counts() -> dict:
    return {
        "confirmed_people": Sum("applications__people", filter=CONFIRMED, default=0),
        "confirmed_groups": Count("applications", filter=CONFIRMED & GROUP),
        "confirmed_count": Count("applications", filter=CONFIRMED),
        "application_count": Count("applications", filter=CONFIRMED | WAITLISTED),
        "waitlisted_count": Count("applications", filter=WAITLISTED),
        "waitlisted_people": Sum("applications__people", filter=WAITLISTED, default=0),
        "waitlisted_groups": Count("applications", filter=WAITLISTED & GROUP),
        "cancelled_count": Count("applications", filter=CANCELLED),
    }


def with_counts(events: QuerySet[Event], *names: str) -> QuerySet[Event]:
    """Annotate each event with its applications counted by status, in one query.

    ``confirmed_people``, ``confirmed_groups``, ``application_count`` (confirmed + waiting),
    ``waitlisted_count``, ``waitlisted_people``, ``cancelled_count``; only ``names`` when given.
    Only one related table is joined, so the sums are not multiplied.
    """
    counts = _counts()
    return events.annotate(**{name: counts[name] for name in names or counts})


# What each count of ``with_counts`` adds up, for ``_count_columns``: the statuses and the kind
# (None: any) of the applications counted, and whether their people are summed (else counted).
_COUNTED: dict[str, tuple[frozenset[str], str | None, bool]] = {
    "confirmed_people": (frozenset({Application.Status.CONFIRMED}), None, True),
    "confirmed_groups": (frozenset({Application.Status.CONFIRMED}), Application.Kind.GROUP, False),
    "confirmed_count": (frozenset({Application.Status.CONFIRMED}), None, False),
    "application_count": (
        frozenset({Application.Status.CONFIRMED, Application.Status.WAITLISTED}),
        None,
        False,
    ),
    "waitlisted_count": (frozenset({Application.Status.WAITLISTED}), None, False),
    "waitlisted_people": (frozenset({Application.Status.WAITLISTED}), None, True),
    "waitlisted_groups": (
        frozenset({Application.Status.WAITLISTED}),
        Application.Kind.GROUP,
        False,
    ),
    "cancelled_count": (frozenset({Application.Status.CANCELLED}), None, False),
}


# The counts the public pages show (kyodo/events/facts.py): ``places_left`` and
# ``group_places_left`` come from the first two.
PUBLIC_COUNTS = ("confirmed_people", "confirmed_groups", "waitlisted_count")


def _count_columns(names: tuple[str, ...]) -> tuple[list[str], list]:
    """SQL columns ``kyodo_<name>`` giving the counts ``with_counts`` annotates (``names``) of
    the applications of the event ``e`` of the statement (None for a sum of nothing), and their
    parameters."""
    table = connection.ops.quote_name(Application._meta.db_table)
    columns, params = [], []
    for name in names:
        statuses, kind, of_people = _COUNTED[name]
        columns.append(
            f"(SELECT {'SUM(people)' if of_people else 'COUNT(*)'} FROM {table} "
            f"WHERE event_id = e.id AND status IN ({', '.join(['%s'] * len(statuses))})"
            f"{' AND kind = %s' if kind else ''}) AS kyodo_{name}"
        )
        params += [*sorted(statuses), *([kind] if kind else [])]
    return columns, params


def _base() -> QuerySet[Event]:
    return Event.objects.select_related("series", "venue").prefetch_related(
        Prefetch("guests", queryset=Guest.objects.order_by("position", "pk"))
    )


# What the public pages show of a guest (kyodo/events/facts.py), in the model's field order as
# ``Model.from_db`` takes them; its other fields load if read.
_GUEST_FIELDS = ("id", "event_id", "name", "affiliation", "role")


def attach_list_details(
    events: list[Event], names: tuple[str, ...] = (), *, shown_only: bool = True
) -> list[Event]:
    """Give each of ``events`` what the public list shows besides its own fields: its series'
    and venue's names (``event.series``, ``event.venue``; their other fields load if read), its
    ``guest_list`` (kyodo/events/facts.py shows it) in ``Guest`` order, and the counts
    ``with_counts`` annotates (``names``; by default those the public pages show,
    ``PUBLIC_COUNTS``) with the same values, on the events that show them
    (``Event.shows_application_counts``) unless ``shown_only`` is false.

    One query for a page of events: a row per guest (a LEFT JOIN) with its event's names and
    counts. Cheaper than ``select_related``, ``prefetch_related`` and an annotation (which makes
    the database group the events' own rows); in SQL of its own, as building the ORM's query
    took longer than running it."""
    names = names or PUBLIC_COUNTS
    guests: dict[int, list[Guest]] = {event.pk: [] for event in events}
    details: dict[int, tuple] = {}
    if guests:
        quote = connection.ops.quote_name
        counts, params = _count_columns(names)
        marks = ", ".join(["%s"] * len(guests))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, {', '.join(f'g.{quote(name)}' for name in _GUEST_FIELDS)}, "
                f"s.name, v.name, {', '.join(counts)} FROM {quote(Event._meta.db_table)} e "
                f"LEFT JOIN {quote(EventSeries._meta.db_table)} s ON s.id = e.series_id "
                f"LEFT JOIN {quote(Venue._meta.db_table)} v ON v.id = e.venue_id "
                f"LEFT JOIN {quote(Guest._meta.db_table)} g ON g.event_id = e.id "
                f"WHERE e.id IN ({marks}) ORDER BY g.position, g.id",
                [*params, *guests],
            )
            rows = cursor.fetchall()
        end = 1 + len(_GUEST_FIELDS)
        for row in rows:
            details[row[0]] = row[end:]
            if row[1] is not None:
                guests[row[0]].append(Guest.from_db(connection.alias, _GUEST_FIELDS, row[1:end]))
    for event in events:
        series_name, venue_name, *totals = details[event.pk]
        if event.series_id is not None:
            event.series = EventSeries.from_db(
                connection.alias, ["id", "name"], [event.series_id, series_name]
            )
        if event.venue_id is not None:
            event.venue = Venue.from_db(
                connection.alias, ["id", "name"], [event.venue_id, venue_name]
            )
        event.guest_list = guests[event.pk]
        if event.shows_application_counts or not shown_only:
            for name, value in zip(names, totals, strict=True):
                setattr(event, name, value or 0)
    return events


def events_held_between(start: date, end: date, *, now: datetime | None = None) -> QuerySet[Event]:
    """Events held from ``start`` to ``end`` (both included) by ``now`` (``Event.objects.held``:
    over by their end, attendance recorded or not), in date order, for reports.

    ``attendance_people`` and ``attendance_groups`` are fields of the event (None when not
    recorded); guests are prefetched and application counts annotated as in ``with_counts``.
    """
    return with_counts(_held_between(start, end, now=now, events=_base())).order_by(
        "date", "start_time", "pk"
    )


def _upcoming_for_report(events: QuerySet[Event], after: date, limit_days: int) -> QuerySet[Event]:
    """Of ``events``, those the monthly report lists as coming (今後の事業と申込状況), said once
    for its page and every download: from the day after ``after`` up to ``limit_days`` later,
    public (``Event.objects.visible``: never a draft) and not cancelled."""
    return (
        events.visible()
        .filter(date__gt=after, date__lte=after + timedelta(days=limit_days))
        .exclude(status=Event.Status.CANCELLED)
    )


def upcoming_events_with_applications(after: date, limit_days: int = 60) -> QuerySet[Event]:
    """The events of ``_upcoming_for_report`` (published, from the day after ``after`` up to
    ``limit_days`` later; drafts and cancelled events left out), with their guests and their
    application counts: ``confirmed_people``, ``confirmed_groups`` and ``application_count``
    (confirmed + waiting).
    """
    return with_counts(_upcoming_for_report(_base(), after, limit_days)).order_by(
        "date", "start_time", "pk"
    )


# What the monthly report reads of an event: its name (title, series and number), date and
# attendance. Loading only these keeps a report of a busy month cheap.
_REPORT_FIELDS = (
    "title",
    "series",
    "series_number",
    "series__name",
    "date",
    "start_time",
    "attendance_people",
    "attendance_groups",
)


def _held_between(
    start: date, end: date, *, now: datetime | None, events: QuerySet[Event] | None = None
) -> QuerySet[Event]:
    # Held by the end time, not by the status: attendance typed at the door before the start
    # does not make an event held, and one over without attendance recorded was held all the same.
    events = Event.objects.all() if events is None else events
    return events.held(now).filter(date__gte=start, date__lte=end)


def held_events_for_report(
    start: date, end: date, *, now: datetime | None = None
) -> QuerySet[Event]:
    """The events of ``events_held_between`` with only what a report reads (``name``, ``date``,
    ``attendance_people``, ``attendance_groups``), without guests or application counts."""
    return (
        _held_between(start, end, now=now)
        .select_related("series")
        .only(*_REPORT_FIELDS)
        .order_by("date", "start_time", "pk")
    )


def held_totals_by_month(
    start: date, end: date, *, now: datetime | None = None
) -> dict[date, tuple[int, int]]:
    """``{first day of month: (events held, attendance in people)}`` for the events of
    ``events_held_between(start, end, now=now)``, counted by the database; months without any
    left out. Attendance not recorded counts as 0."""
    # Grouped by day (at most a few hundred rows), then by month here: SQLite has no native
    # month truncation, and calling Django's Python one for every event costs more.
    totals: dict[date, tuple[int, int]] = {}
    for day, n, people in (
        _held_between(start, end, now=now)
        .order_by()
        .values_list("date")
        .annotate(n=Count("pk"), people=Sum("attendance_people", default=0))
    ):
        events, attendance = totals.get(day.replace(day=1), (0, 0))
        totals[day.replace(day=1)] = (events + n, attendance + people)
    return totals


def upcoming_events_for_report(
    after: date, limit_days: int = 60, *, not_ended_at: datetime | None = None
) -> QuerySet[Event]:
    """The events of ``upcoming_events_with_applications`` with only what a report reads:
    ``name``, ``date``, ``confirmed_people``, ``confirmed_groups`` and ``application_count``;
    with ``not_ended_at``, those not over by then (a report compiled during its month: an event
    of today that has ended is held, one that has not is still to come, attendance recorded or
    not)."""
    events = Event.objects.select_related("series")
    if not_ended_at is not None:
        events = events.exclude(ended_condition(not_ended_at))
    return with_counts(
        _upcoming_for_report(events, after, limit_days).only(*_REPORT_FIELDS),
        "confirmed_people",
        "confirmed_groups",
        "application_count",
    ).order_by("date", "start_time", "pk")


def public_events(*, today: date | None = None) -> QuerySet[Event]:
    """Listed events (``Event.objects.listed``) for the public list; counts only, no applicants."""
    return with_counts(_base().listed(today)).order_by("date", "start_time", "pk")


def public_event_list(
    *,
    kind: str = "",
    month: Month | None = None,
    open_now: bool = False,
    today: date | None = None,
) -> QuerySet[Event]:
    """The public event list, filtered; the filters combine.

    Without a month: the listed events (from today on, as ``public_events``).
    With a month: every visible event of that month (held ones too, drafts never).
    ``open_now`` keeps the events that take applications today.

    Only the events' own fields: the list shows a page of it, given its series' and venue's
    names, guests and counts by ``attach_list_details``.
    """
    today = today or timezone.localdate()
    events = Event.objects.listed(today) if month is None else public_events_in_month(month)
    if kind:
        events = events.filter(kind=kind)
    if open_now:
        events = events.open_for_applications(today)
    return events.order_by("date", "start_time", "pk")


def public_events_in_month(month: Month) -> QuerySet[Event]:
    """Visible events of one calendar month, by date and time: the events' own fields (what
    the list shows of their series, venue, guests and counts: ``attach_list_details``)."""
    following = month.next()
    return _events_between(month.first_day, following.first_day if following else None)


def _events_between(first: date, before: date | None) -> QuerySet[Event]:
    events = Event.objects.visible().filter(date__gte=first)
    if before is not None:
        events = events.filter(date__lt=before)
    return events.order_by("date", "start_time", "pk")


def _calendar_events(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("series").only(
        "date", "start_time", "title", "series", "series_number", "series__name", "status"
    )


# A month of the calendar, compiled once per process (kyodo.core.statements).
_CALENDAR_MONTH = Prepared(
    lambda first, before: _calendar_events(_events_between(first, before)),
    first=date(2000, 4, 1),
    before=date(2000, 5, 1),
)


def public_calendar_events(month: Month) -> list[Event]:
    """The events of ``public_events_in_month`` with only what the calendar shows: date, time,
    name (title, series and number) and status; no guests, venue or counts."""
    following = month.next()
    if following is None:  # December 9999: no month after it
        return list(_calendar_events(public_events_in_month(month)))
    return _CALENDAR_MONTH.objects(first=month.first_day, before=following.first_day)


def _public_event_months() -> list[Month]:
    dates = Event.objects.visible().dates("date", "month", order="ASC")
    return [Month.containing(d) for d in dates]


def public_event_months() -> list[Month]:
    """The months with visible events, oldest first (for the month filter). Kept until the next
    write (``until_next_write``): it changes only when an event does."""
    return list(until_next_write("events.public_event_months", _public_event_months))


def public_event(pk: int) -> Event | None:
    """One visible event with its guests (``guest_list``) and the counts its page shows:
    ``confirmed_people``, ``confirmed_groups`` (so ``places_left`` and ``group_places_left``)
    and ``waitlisted_count``, when it shows them (``Event.shows_application_counts``; a
    cancelled event or one without applications has none: ``places_left`` is None).

    One query: the event, the names of its series and venue, a row per guest (a LEFT JOIN) and
    the counts (``_count_columns``). Every application posted reads it first. In SQL of its
    own: building it with the ORM took longer than running it."""
    if not -(2**63) <= pk < 2**63:
        return None  # no such row (the ORM says so too); SQLite would raise OverflowError
    quote = connection.ops.quote_name
    counts, params = _count_columns(PUBLIC_COUNTS)
    columns = ", ".join(f"e.{quote(field.column)}" for field in Event._meta.concrete_fields)
    guests = ", ".join(f"g.{quote(name)} AS kyodo_guest_{name}" for name in _GUEST_FIELDS)
    sql = (
        f"SELECT {columns}, s.name AS kyodo_series_name, v.name AS kyodo_venue_name, "
        f"{guests}, {', '.join(counts)} FROM {quote(Event._meta.db_table)} e "
        f"LEFT JOIN {quote(EventSeries._meta.db_table)} s ON s.id = e.series_id "
        f"LEFT JOIN {quote(Venue._meta.db_table)} v ON v.id = e.venue_id "
        f"LEFT JOIN {quote(Guest._meta.db_table)} g ON g.event_id = e.id "
        "WHERE e.id = %s ORDER BY g.position, g.id"
    )
    # Event.objects.raw, not a cursor: the event's fields go through the database's converters
    # (aware datetimes, booleans on SQLite) as the ORM's do.
    rows = list(Event.objects.raw(sql, [*params, pk], using=connection.alias))
    if not rows or not holds(visible_condition(), rows[0]):
        return None
    event = attach_series_and_venue(rows[0])
    event.guest_list = [
        Guest.from_db(
            connection.alias,
            _GUEST_FIELDS,
            [getattr(row, f"kyodo_guest_{name}") for name in _GUEST_FIELDS],
        )
        for row in rows
        if row.kyodo_guest_id is not None
    ]
    if event.shows_application_counts:
        for name in PUBLIC_COUNTS:
            setattr(event, name, getattr(event, f"kyodo_{name}") or 0)
    return event


# What the home page shows of an event: date, time, name (title, series and number) and venue.
_HOME_FIELDS = (
    "date",
    "start_time",
    "title",
    "series",
    "series_number",
    "series__name",
    "venue",
    "venue__name",
    "venue_text",
)


def upcoming_events(*, limit: int, today: date | None = None) -> list[Event]:
    """The first ``limit`` events of ``public_events`` with only what the home page shows (date,
    time, name, venue): no counts, no guests, no other field."""
    return _home_statements(limit)[0].objects(today=today or timezone.localdate())


def recent_events(*, limit: int) -> list[Event]:
    """The latest visible events, newest first (the home page between programmes), with only
    what the home page shows, as ``upcoming_events``."""
    return _home_statements(limit)[1].objects()


@functools.cache
def _home_statements(limit: int) -> tuple[Prepared, Prepared]:
    # The home page's events, compiled once per process and limit (kyodo.core.statements).
    upcoming = Prepared(
        lambda today: (
            Event.objects.listed(today)
            .select_related("series", "venue")
            .only(*_HOME_FIELDS)
            .order_by("date", "start_time", "pk")[:limit]
        ),
        today=date(2000, 4, 1),
    )
    recent = Prepared(
        lambda: (
            Event.objects.visible()
            .select_related("series", "venue")
            .only(*_HOME_FIELDS)
            .order_by("-date", "-start_time", "-pk")[:limit]
        )
    )
    return upcoming, recent


def attach_series_and_venue(event: Event) -> Event:
    """Give an event read by SQL of its own (with ``kyodo_series_name`` and ``kyodo_venue_name``
    columns) its series and venue, with the names only (their other fields load if read)."""
    if event.series_id is not None:
        event.series = EventSeries.from_db(
            connection.alias, ["id", "name"], [event.series_id, event.kyodo_series_name]
        )
    if event.venue_id is not None:
        event.venue = Venue.from_db(
            connection.alias, ["id", "name"], [event.venue_id, event.kyodo_venue_name]
        )
    return event


def group_events(organization, *, today: date | None = None) -> QuerySet[Event]:
    """Listed events a registered group takes part in, through the collaboration register
    (共催, 実行委員会 …): what the group's public page shows. Who applied is never shown."""
    return (
        _base()
        .listed(today)
        .filter(collaborations__organizations=organization)
        .distinct()
        .order_by("date", "start_time", "pk")
    )


def group_has_events(organization_id: int, *, today: date | None = None) -> bool:
    """Whether ``group_events`` has any: most groups have none, and the group page asks first.
    Compiled once per process (kyodo.core.statements)."""
    return bool(
        _GROUP_HAS_EVENTS.rows(organization_id=organization_id, today=today or timezone.localdate())
    )


_GROUP_HAS_EVENTS = Prepared(
    lambda organization_id, today: (
        group_events(organization_id, today=today).order_by().values_list("pk")[:1]
    ),
    organization_id=1,
    today=date(2000, 4, 1),
)


def staff_events(*, past: bool = False, today: date | None = None) -> QuerySet[Event]:
    """Every event for staff: upcoming ones first-soonest, or past ones latest first."""
    today = today or timezone.localdate()
    events = with_counts(Event.objects.select_related("series", "venue"))
    if past:
        return events.filter(date__lt=today).order_by("-date", "-start_time", "-pk")
    return events.filter(date__gte=today).order_by("date", "start_time", "pk")


def staff_event(pk: int) -> Event | None:
    return with_counts(_base().filter(pk=pk)).first()


def event_applications(event: Event) -> QuerySet[Application]:
    """An event's applications: confirmed and waiting first (in their order), then cancelled."""
    cancelled_last = Case(When(status=Application.Status.CANCELLED, then=1), default=0)
    return event.applications.select_related("organization").order_by(
        cancelled_last, F("waitlist_position").asc(nulls_first=True), "created_at", "pk"
    )


def event_applications_marked(event: Event) -> list[Application]:
    """``event_applications`` with what the staff's event page marks on each (two queries):
    ``promotion_mail``, the status of the mail telling one moved up from the waiting list
    (``OutboxMessage.Status``, "" without one); ``same_email``, how many other applications
    not cancelled have the same e-mail address (one person applying twice); ``not_promoted``,
    a waiting one whose event has ended (no place freed up)."""
    from django.contrib.contenttypes.models import ContentType

    from kyodo.core.models import OutboxMessage

    applications = list(event_applications(event))
    promoted = [str(a.pk) for a in applications if a.promoted_at is not None]
    mails: dict[str, str] = {}
    if promoted:
        rows = OutboxMessage.objects.filter(
            content_type=ContentType.objects.get_for_model(Application),
            object_id__in=promoted,
            kind="events.application_promoted",
        ).order_by("created_at", "pk")
        mails = dict(rows.values_list("object_id", "status"))
    emails: dict[str, int] = {}
    for application in applications:
        if application.email and application.status != Application.Status.CANCELLED:
            key = application.email.upper()
            emails[key] = emails.get(key, 0) + 1
    ended = event.has_ended
    for application in applications:
        application.promotion_mail = mails.get(str(application.pk), "")
        application.same_email = (
            emails.get(application.email.upper(), 1) - 1
            if application.email and application.status != Application.Status.CANCELLED
            else 0
        )
        application.not_promoted = ended and application.status == Application.Status.WAITLISTED
    return applications


@dataclass(frozen=True)
class SeriesDate:
    """One public date (回) of a series, as its other dates' pages list it."""

    pk: int
    number: int
    date: date
    title: str
    cancelled: bool

    def get_absolute_url(self) -> str:
        from kyodo.core.links import reverse_once

        return reverse_once("events:detail", args=[self.pk])


@dataclass(frozen=True)
class SeriesDates:
    """A series' description and its public dates in order (全N回: ``len(dates)``)."""

    description: str
    dates: list[SeriesDate]


def _all_series_dates() -> dict[int, SeriesDates]:
    rows = (
        Event.objects.visible()
        .filter(series__isnull=False)
        .order_by("series_number", "date", "pk")
        .values_list(
            "series_id", "pk", "series_number", "date", "title", "status", "series__description"
        )
    )
    series: dict[int, SeriesDates] = {}
    for series_id, pk, number, day, title, status, description in rows:
        entry = series.setdefault(series_id, SeriesDates(description=description, dates=[]))
        entry.dates.append(SeriesDate(pk, number, day, title, status == Event.Status.CANCELLED))
    return series


def series_dates(series_id: int | None) -> SeriesDates | None:
    """The public dates of a series (drafts left out), for the page of each: kept until the
    next write (``until_next_write``), so a date's page reads nothing more for it."""
    if series_id is None:
        return None
    return until_next_write("events.series_dates", _all_series_dates).get(series_id)


def all_series() -> QuerySet[EventSeries]:
    return EventSeries.objects.annotate(event_count=Count("events")).order_by(
        "name_reading", "name"
    )


def registered_groups():
    """Registered groups (``Organization.objects.listed``) applicants can choose from, in
    gojūon order of their reading: never applications, suspended or withdrawn groups."""
    from kyodo.organizations.models import Organization

    return Organization.objects.listed().order_by("reading_order", "pk")


# --- the questionnaire after an event -----------------------------------------------------------


@dataclass(frozen=True)
class FeedbackSummary:
    """What staff read of an event's questionnaire: how many were asked and answered, the
    満足度 distribution (best level first: level, label, count) and mean, and the answers."""

    asked: int
    answered: int
    distribution: list[tuple[int, str, int]]
    rated: int
    mean: Decimal | None
    answers: list[Feedback]
    # Of those asked: the applications of people applying alone, and of groups (a group's
    # application is asked once for all who came with it).
    asked_individuals: int = 0
    asked_groups: int = 0

    @property
    def comments(self) -> list[Feedback]:
        return [f for f in self.answers if f.good_points or f.requests]


def feedback_summary(event: Event) -> FeedbackSummary:
    """The questionnaire of ``event`` in two queries (the counts, the answers)."""
    asked, answered, levels = feedback_counts([event.pk]).get(event.pk, NO_FEEDBACK)
    distribution = [
        (level, str(label), count)
        for (level, label), count in zip(Satisfaction.choices, levels, strict=True)
    ]
    groups = feedback_asked_groups(event) if asked else 0
    return FeedbackSummary(
        asked=asked,
        answered=answered,
        distribution=distribution,
        rated=sum(levels),
        mean=satisfaction_mean(levels),
        answers=feedback_answers(event),
        asked_individuals=asked - groups,
        asked_groups=groups,
    )


def feedback_asked_groups(event: Event) -> int:
    """How many of the applications asked for feedback about ``event`` are groups'."""
    return Feedback.objects.filter(event=event, application__kind=Application.Kind.GROUP).count()


# Asked, answered, and the answers at each 満足度 level (best first) of an event never asked.
NO_FEEDBACK = (0, 0, (0,) * len(Satisfaction.values))


def feedback_counts(events) -> dict[int, tuple[int, int, tuple[int, ...]]]:
    """(asked, answered, answers at each 満足度 level, best first) of each of ``events`` (ids or
    a queryset of ids) that was asked, in one query whatever their number: a row is a request
    sent, ``answered_at`` an answer and ``satisfaction`` its optional 満足度."""
    answered = Q(answered_at__isnull=False)
    rows = (
        Feedback.objects.filter(event__in=events)
        .order_by()
        .values("event_id")
        .annotate(
            asked=Count("pk"),
            answered=Count("pk", filter=answered),
            **{
                f"level{level}": Count("pk", filter=answered & Q(satisfaction=level))
                for level in Satisfaction.values
            },
        )
    )
    return {
        row["event_id"]: (
            row["asked"],
            row["answered"],
            tuple(row[f"level{level}"] for level in Satisfaction.values),
        )
        for row in rows
    }


def satisfaction_mean(levels) -> Decimal | None:
    """The mean 満足度 to one decimal (half up) of the answers at each level (best first, as
    :func:`feedback_counts` gives them); None without a rated answer (it is optional)."""
    rated = sum(levels)
    if not rated:
        return None
    total = sum(level * n for level, n in zip(Satisfaction.values, levels, strict=True))
    return (Decimal(total) / rated).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def feedback_answers(event: Event) -> list[Feedback]:
    """The answers to the questionnaire of ``event``, in the order they came."""
    return list(
        Feedback.objects.filter(event=event, answered_at__isnull=False).order_by(
            "answered_at", "pk"
        )
    )


def feedback_by_token(token: str) -> Feedback | None:
    """The questionnaire behind a participant's personal link, with its event."""
    return (
        Feedback.objects.select_related("event", "event__series", "event__venue", "application")
        .filter(application__token=token)
        .first()
    )
