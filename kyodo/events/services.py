"""Every write of the events app: series, events, guests, applications, attendance, notes.

Places are decided the way pretix decides quotas (``base/services/locking.py``): lock the event
row, recount what is taken, then write; never check first and act later. On PostgreSQL the lock
is ``SELECT … FOR UPDATE`` on the event; on SQLite ``select_for_update`` does nothing, but the
project opens every transaction with ``BEGIN IMMEDIATE`` (see ``kyodo/env.py``), so writers
queue one behind the other and the recount is just as safe. ``tests/test_concurrency.py``
holds both to it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count, F, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from kyodo.core.audit import audit_entry, audit_log, diff_fields
from kyodo.core.mail import mail_message, render_mail
from kyodo.core.models import AuditEntry, Center, OutboxMessage, Venue
from kyodo.core.outbox import outbox_blank_about, outbox_message, outbox_queued, outbox_written
from kyodo.core.roles import Role, require_role
from kyodo.core.services import UNCHANGED, Unchanged, given, update_fields
from kyodo.core.statements import Prepared, insert_together, next_id_sql, pipelined
from kyodo.core.text import normalize_name, normalize_reading
from kyodo.core.transactions import atomic_release_early
from kyodo.events.exceptions import (
    ApplicationAlreadyCancelled,
    ApplicationsClosed,
    ApplicationsNotOpenYet,
    EventCancelled,
    FeedbackClosed,
    InvalidApplication,
    InvalidEvent,
    InvalidFeedback,
)
from kyodo.events.models import (
    FEEDBACK_TEXT_MAX,
    Application,
    Event,
    EventKind,
    EventNote,
    EventSeries,
    Feedback,
    Guest,
    Satisfaction,
)
from kyodo.search import indexing

if TYPE_CHECKING:
    from kyodo.core.models import User
    from kyodo.organizations.models import Organization

logger = logging.getLogger("kyodo.events")

DEFAULT_ANONYMISE_AFTER_DAYS = 365


# --- series ------------------------------------------------------------------------------------

SERIES_FIELDS = ["name", "name_reading", "kind", "description", "next_number"]


def series_create(
    *,
    actor: User,
    name: str,
    kind: str = EventKind.OTHER,
    name_reading: str = "",
    description: str = "",
    next_number: int = 1,
) -> EventSeries:
    """Create a series; its next event will be number ``next_number`` (第N回)."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        if EventSeries.objects.filter(name=name).exists():
            raise InvalidEvent(_("A series with this name already exists."))
        series = EventSeries.objects.create(
            name=name,
            name_reading=name_reading,
            kind=kind,
            description=description,
            next_number=max(next_number, 1),
        )
        audit_log(
            actor=actor,
            action="kyodo.events.series.created",
            obj=series,
            changes=diff_fields(None, series, SERIES_FIELDS),
        )
    return series


def series_update(
    *,
    actor: User,
    series: EventSeries,
    name: str | Unchanged = UNCHANGED,
    name_reading: str | Unchanged = UNCHANGED,
    kind: str | Unchanged = UNCHANGED,
    description: str | Unchanged = UNCHANGED,
    next_number: int | Unchanged = UNCHANGED,
) -> EventSeries:
    """Change a series' name, reading, kind, description or next number."""
    require_role(actor, Role.STAFF)

    def check(series: EventSeries, _before: EventSeries) -> None:
        if (
            EventSeries.objects.filter(name=series.name).exclude(pk=series.pk).exists()
        ):  # the unique constraint would say so too, but not in Japanese
            raise InvalidEvent(_("A series with this name already exists."))
        used = series.events.aggregate(top=Max("series_number"))["top"] or 0
        if series.next_number <= used:
            raise InvalidEvent(
                _("The next number must be greater than %(used)s, the last one used.")
                % {"used": used}
            )

    with transaction.atomic():
        series, _changes = update_fields(
            actor=actor,
            instance=series,
            values=given(
                name=name,
                name_reading=name_reading,
                kind=kind,
                description=description,
                next_number=next_number,
            ),
            fields=SERIES_FIELDS,
            action="kyodo.events.series.updated",
            before_save=check,
        )
        indexing.index(series)
    return series


def _take_series_number(series: EventSeries) -> int:
    """The next number of ``series``, taken under a lock on the series row.

    Two staff creating the 4th meeting at once must not both get 第4回: the series row is the
    counter, locked, and the unique constraint on (series, number) stands behind it.
    """
    locked = EventSeries.objects.select_for_update().get(pk=series.pk)
    used = Event.objects.filter(series=locked).aggregate(top=Max("series_number"))["top"] or 0
    number = max(locked.next_number, used + 1)
    EventSeries.objects.filter(pk=locked.pk).update(next_number=number + 1)
    series.next_number = number + 1
    return number


# --- events ------------------------------------------------------------------------------------

EVENT_FIELDS = [
    "series",
    "title",
    "kind",
    "theme",
    "description",
    "venue",
    "venue_text",
    "date",
    "start_time",
    "end_time",
    "capacity_people",
    "capacity_groups",
    "accepts_applications",
    "applications_open_on",
    "applications_close_on",
    "feedback_enabled",
]


def _validate_event(event: Event) -> None:
    if not event.title.strip() and event.series_id is None:
        raise InvalidEvent(_("Give the event a title or put it in a series."))
    if event.start_time and event.end_time and event.end_time <= event.start_time:
        raise InvalidEvent(_("The event must end after it starts."))
    opens, closes = event.applications_open_on, event.applications_close_on
    if opens and closes and closes < opens:
        raise InvalidEvent(_("Applications cannot close before they open."))
    if closes and closes > event.date:
        raise InvalidEvent(_("Applications cannot close after the day of the event."))
    # Opening after the day would publish an event whose form never opens.
    if opens and opens > event.date:
        raise InvalidEvent(_("Applications cannot open after the day of the event."))
    if event.venue_id and event.venue_text:
        raise InvalidEvent(_("Choose a venue from the list or type one, not both."))


def event_create(
    *,
    actor: User,
    kind: str,
    date: date,
    title: str = "",
    series: EventSeries | None = None,
    theme: str = "",
    description: str = "",
    venue: Venue | None = None,
    venue_text: str = "",
    start_time: time | None = None,
    end_time: time | None = None,
    capacity_people: int | None = None,
    capacity_groups: int | None = None,
    accepts_applications: bool = True,
    applications_open_on: date | None = None,
    applications_close_on: date | None = None,
    feedback_enabled: bool = True,
    status: str = Event.Status.DRAFT,
) -> Event:
    """Create an event; in a series it gets the series' next number (第N回) automatically."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        event = Event(
            series=series,
            title=title,
            kind=kind,
            theme=theme,
            description=description,
            venue=venue,
            venue_text=venue_text,
            date=date,
            start_time=start_time,
            end_time=end_time,
            capacity_people=capacity_people,
            capacity_groups=capacity_groups,
            accepts_applications=accepts_applications,
            applications_open_on=applications_open_on,
            applications_close_on=applications_close_on,
            feedback_enabled=feedback_enabled,
            status=status,
        )
        _validate_event(event)
        if series is not None:
            event.series_number = _take_series_number(series)
        event.save()
        audit_log(
            actor=actor,
            action="kyodo.events.event.created",
            obj=event,
            changes=diff_fields(None, event, [*EVENT_FIELDS, "series_number", "status"]),
        )
        indexing.index(event)
    return event


def event_update(
    *,
    actor: User,
    event: Event,
    series: EventSeries | Unchanged | None = UNCHANGED,
    title: str | Unchanged = UNCHANGED,
    kind: str | Unchanged = UNCHANGED,
    theme: str | Unchanged = UNCHANGED,
    description: str | Unchanged = UNCHANGED,
    venue: Venue | Unchanged | None = UNCHANGED,
    venue_text: str | Unchanged = UNCHANGED,
    date: date | Unchanged = UNCHANGED,
    start_time: time | Unchanged | None = UNCHANGED,
    end_time: time | Unchanged | None = UNCHANGED,
    capacity_people: int | Unchanged | None = UNCHANGED,
    capacity_groups: int | Unchanged | None = UNCHANGED,
    accepts_applications: bool | Unchanged = UNCHANGED,
    applications_open_on: date | Unchanged | None = UNCHANGED,
    applications_close_on: date | Unchanged | None = UNCHANGED,
    feedback_enabled: bool | Unchanged = UNCHANGED,
) -> Event:
    """Change an event. Moving it to another series gives it that series' next number; more
    places move people up from the waiting list at once."""
    require_role(actor, Role.STAFF)

    def check(event: Event, before: Event) -> None:
        _validate_event(event)
        _check_capacity_holds_confirmed(event, before)
        if event.series_id != before.series_id:
            event.series_number = _take_series_number(event.series) if event.series else None

    told: list[int] = []

    def tell_applicants(event: Event, before: Event) -> dict:
        # Those who applied (confirmed or waiting) hear of a new day, time or venue, as the
        # committee's members do of a meeting's; the audit row says how many.
        if not moved(event, before) or event.status == Event.Status.CANCELLED:
            return {}
        if event.status == Event.Status.HELD and event.has_ended:
            return {}  # a record corrected afterwards: nobody is coming any more
        count = 0
        for application in changed_recipients(event).select_related("organization"):
            application.event = event
            _mail(application, "event_changed", before=before)
            count += 1
        told.append(count)
        return {"applicants_told": count} if count else {}

    with transaction.atomic():
        event, _changes = update_fields(
            actor=actor,
            instance=event,
            values=given(
                series=series,
                title=title,
                kind=kind,
                theme=theme,
                description=description,
                venue=venue,
                venue_text=venue_text,
                date=date,
                start_time=start_time,
                end_time=end_time,
                capacity_people=capacity_people,
                capacity_groups=capacity_groups,
                accepts_applications=accepts_applications,
                applications_open_on=applications_open_on,
                applications_close_on=applications_close_on,
                feedback_enabled=feedback_enabled,
            ),
            fields=[*EVENT_FIELDS, "series_number"],
            action="kyodo.events.event.updated",
            before_save=check,
            audit_extra=tell_applicants,
        )
        indexing.index(event)
        if event.status in (Event.Status.DRAFT, Event.Status.PUBLISHED):
            _promote_from_waitlist(event, actor=actor)
    # How many were mailed of a new day, time or venue (the staff page says so).
    event.applicants_told = told[0] if told else 0
    return event


# What an applicant is told of when it changes: the event's day, times and venue.
WHEN_WHERE = ("date", "start_time", "end_time", "venue_id", "venue_text")


def moved(event: Event, before: Event) -> bool:
    """Whether ``event``'s day, time or venue differ from ``before``'s."""
    return any(getattr(event, name) != getattr(before, name) for name in WHEN_WHERE)


def changed_recipients(event: Event):
    """Who is mailed when the event's day, time or venue change: the confirmed and waiting
    applications with an e-mail address (personal data kept), in the order they came."""
    return (
        event.applications.filter(
            status__in=[Application.Status.CONFIRMED, Application.Status.WAITLISTED],
            anonymised_at__isnull=True,
        )
        .exclude(email="")
        .order_by("pk")
    )


def _check_capacity_holds_confirmed(event: Event, before: Event) -> None:
    """Refuse a capacity cut below the places already confirmed (the public page would say
    「定員 5人 現在の申し込み 10人」). Counted under the event's lock (``update_fields`` holds it),
    and only for a capacity that changes: an event already over it keeps its other edits."""
    people, groups = event.capacity_people, event.capacity_groups
    people_cut = people is not None and people != before.capacity_people
    groups_cut = groups is not None and groups != before.capacity_groups
    if not people_cut and not groups_cut:
        return
    taken = _count_taken(event)
    if people_cut and taken.people > people:
        raise InvalidEvent(
            _(
                "Applications for %(n)s people are already confirmed, so the capacity cannot be "
                "less than %(n)s people."
            )
            % {"n": taken.people},
            field="capacity_people",
        )
    if groups_cut and taken.groups > groups:
        raise InvalidEvent(
            _(
                "Applications from %(n)s groups are already confirmed, so the capacity cannot be "
                "less than %(n)s groups."
            )
            % {"n": taken.groups},
            field="capacity_groups",
        )


def event_publish(*, actor: User, event: Event) -> Event:
    """Show a draft event on the public site."""
    return _event_set_status(
        actor=actor, event=event, status=Event.Status.PUBLISHED, allowed_from=[Event.Status.DRAFT]
    )


def event_unpublish(*, actor: User, event: Event) -> Event:
    """Take a published event off the public site again (back to draft)."""
    return _event_set_status(
        actor=actor, event=event, status=Event.Status.DRAFT, allowed_from=[Event.Status.PUBLISHED]
    )


def _event_set_status(*, actor: User, event: Event, status: str, allowed_from: list[str]) -> Event:
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        event = _lock_event(event.pk)
        if event.status not in allowed_from:
            raise InvalidEvent(_("The event's status does not allow this."))
        previous = event.status
        event.status = status
        event.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=actor,
            action=f"kyodo.events.event.{status}",
            obj=event,
            changes={"status": [previous, status]},
        )
        indexing.index(event)
    return event


def event_cancel(*, actor: User, event: Event) -> Event:
    """Cancel an event: it stays on the site as cancelled and every applicant is told by mail.

    A draft without applications has never been on the site: cancelling it would publish it as
    cancelled (list, CSV, calendar file), so it is refused and the draft is deleted instead
    (:func:`event_delete`). A draft with applications took them while it was published (only a
    published event takes any), so it is cancelled and its applicants told."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        event = _lock_event(event.pk)
        if event.status in (Event.Status.CANCELLED, Event.Status.HELD):
            raise InvalidEvent(_("The event's status does not allow this."))
        if event.status == Event.Status.DRAFT and not event.applications.exists():
            raise InvalidEvent(
                _(
                    "A draft has never been on the public site, so it cannot be cancelled. "
                    "Delete it instead."
                )
            )
        previous = event.status
        event.status = Event.Status.CANCELLED
        event.save(update_fields=["status", "updated_at"])
        open_applications = event.applications.exclude(status=Application.Status.CANCELLED)
        for application in open_applications.select_related("organization"):
            if application.email:
                _mail(application, "event_cancelled")
        audit_log(
            actor=actor,
            action="kyodo.events.event.cancelled",
            obj=event,
            changes={"status": [previous, Event.Status.CANCELLED]},
        )
        # A draft cancelled (it had applications) is public again: search says so too.
        indexing.index(event)
    return event


def event_delete(*, actor: User, event: Event) -> None:
    """Delete a draft made by mistake: only a draft without applications (one that took any was
    published, and is cancelled instead). Its guests and notes go with it; in a series, the
    number it took is given to the next event again when it was the last one taken."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        event = _lock_event(event.pk)
        if event.status != Event.Status.DRAFT or event.applications.exists():
            raise InvalidEvent(_("Only a draft event without applications can be deleted."))
        changes = diff_fields(None, event, [*EVENT_FIELDS, "series_number", "status"])
        if event.series_id is not None:
            # Locked, as _take_series_number locks it: nobody takes a number meanwhile.
            series = EventSeries.objects.select_for_update().get(pk=event.series_id)
            if series.next_number == event.series_number + 1:
                EventSeries.objects.filter(pk=series.pk).update(next_number=event.series_number)
                changes["series_next_number"] = [series.next_number, event.series_number]
        if collaborations := sorted(event.collaborations.values_list("pk", flat=True)):
            changes["collaborations"] = collaborations
        audit_log(actor=actor, action="kyodo.events.event.deleted", obj=event, changes=changes)
        indexing.forget(event)
        event.delete()


def event_record_attendance(
    *,
    actor: User,
    event: Event,
    attendance: dict[int, str] | None = None,
    walk_in_people: int | None = None,
    walk_in_groups: int | None = None,
) -> Event:
    """Record who came, from the event's day on (the day itself included): attended / no-show
    for each confirmed application, and the people and groups who came without applying.

    The event becomes held. Its totals are derived, never typed: the people of the applications
    marked as attended plus the walk-ins, and likewise for groups. A total stays empty when
    nothing counts towards it (an event of groups has no count of people).

    Before the start on its day too, on purpose: reception checks people in at the door as they
    arrive (the attendance page says the event has not begun). The status ``held`` says only
    that attendance was recorded; the reports count an event as held once it has ended
    (``Event.objects.held``), and the public pages say it has ended by its end time
    (``Event.has_ended``).
    """
    require_role(actor, Role.STAFF)
    attendance = attendance or {}
    if (walk_in_people is not None and walk_in_people < 0) or (
        walk_in_groups is not None and walk_in_groups < 0
    ):
        raise InvalidEvent(_("Attendance cannot be negative."))
    valid = set(Application.Attendance.values)
    if any(value not in valid for value in attendance.values()):
        raise InvalidEvent(_("Unknown attendance value."))
    marked: dict[str, str] = {}

    def derive(event: Event, before: Event) -> None:
        # The checks, each application's attendance, then the totals from them and the walk-ins.
        if before.status == Event.Status.CANCELLED:
            raise EventCancelled()
        if event.date > timezone.localdate():
            raise InvalidEvent(_("Attendance can be recorded only on or after the day."))
        for pk, value in attendance.items():
            updated = (
                event.applications.filter(pk=pk, status=Application.Status.CONFIRMED)
                .exclude(attendance=value)
                .update(attendance=value)
            )
            if updated:
                marked[f"application {pk}"] = value
        if not _derive_attendance(event, walk_in_people, walk_in_groups):
            raise InvalidEvent(_("Mark who came, or give the number who came without applying."))

    with transaction.atomic():
        event, _changes = update_fields(
            actor=actor,
            instance=event,
            values={
                "status": Event.Status.HELD,
                "walk_in_people": walk_in_people,
                "walk_in_groups": walk_in_groups,
            },
            fields=[
                "status",
                "attendance_people",
                "attendance_groups",
                "walk_in_people",
                "walk_in_groups",
            ],
            action="kyodo.events.event.attendance_recorded",
            before_save=derive,
            audit_extra=lambda _event, _before: marked,
        )
    return event


def _derive_attendance(
    event: Event, walk_in_people: int | None, walk_in_groups: int | None
) -> bool:
    """Set ``event``'s totals from the applications marked as attended and the numbers who came
    without applying; False (nothing set) when nobody counts towards them."""
    came = event.applications.filter(
        status=Application.Status.CONFIRMED, attendance=Application.Attendance.ATTENDED
    ).aggregate(
        people=Sum("people", default=0),
        groups=Count("pk", filter=Q(kind=Application.Kind.GROUP)),
        any=Count("pk"),
    )
    if not came["any"] and walk_in_people is None and walk_in_groups is None:
        return False
    event.attendance_people = (
        came["people"] + (walk_in_people or 0)
        if came["any"] or walk_in_people is not None
        else None
    )
    event.attendance_groups = (
        came["groups"] + (walk_in_groups or 0)
        if came["groups"] or walk_in_groups is not None
        else None
    )
    return True


# --- guests ------------------------------------------------------------------------------------

GUEST_FIELDS = ["name", "name_reading", "affiliation", "role", "position"]


def guest_add(
    *,
    actor: User,
    event: Event,
    name: str,
    role: str = Guest.Role.GUEST,
    name_reading: str = "",
    affiliation: str = "",
    position: int | None = None,
) -> Guest:
    """Add a guest or speaker; without a position, after the ones already listed."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        event = _lock_event(event.pk)
        if position is None:
            position = (event.guests.aggregate(top=Max("position"))["top"] or 0) + 1
        guest = Guest.objects.create(
            event=event,
            name=name,
            name_reading=name_reading,
            affiliation=affiliation,
            role=role,
            position=position,
        )
        audit_log(
            actor=actor,
            action="kyodo.events.guest.added",
            obj=guest,
            changes={"event": event.pk, **diff_fields(None, guest, GUEST_FIELDS)},
        )
        # Search finds an event by its guests' names.
        indexing.index(event)
    return guest


def guest_update(
    *,
    actor: User,
    guest: Guest,
    name: str | Unchanged = UNCHANGED,
    name_reading: str | Unchanged = UNCHANGED,
    affiliation: str | Unchanged = UNCHANGED,
    role: str | Unchanged = UNCHANGED,
    position: int | Unchanged = UNCHANGED,
) -> Guest:
    """Change a guest's name, reading, affiliation, role or place in the list."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        guest, _changes = update_fields(
            actor=actor,
            instance=guest,
            values=given(
                name=name,
                name_reading=name_reading,
                affiliation=affiliation,
                role=role,
                position=position,
            ),
            fields=GUEST_FIELDS,
            action="kyodo.events.guest.updated",
        )
        # Search finds an event by its guests' names.
        indexing.index(guest.event)
    return guest


def guest_remove(*, actor: User, guest: Guest) -> None:
    """Take a guest off the event."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="kyodo.events.guest.removed",
            obj=guest,
            changes={"event": guest.event_id, "name": guest.name},
        )
        event = guest.event
        guest.delete()
        indexing.index(event)


# --- notes -------------------------------------------------------------------------------------


def note_add(*, actor: User, event: Event, kind: str, text: str) -> EventNote:
    """Record feedback (感想) or a follow-up request (要望) heard at an event."""
    require_role(actor, Role.STAFF)
    if kind not in EventNote.Kind.values or not text.strip():
        raise InvalidEvent(_("Write the note."))
    with transaction.atomic():
        note = EventNote.objects.create(event=event, kind=kind, text=text.strip(), created_by=actor)
        audit_log(
            actor=actor,
            action="kyodo.events.note.added",
            obj=note,
            changes={"event": event.pk, "kind": kind, "text": note.text},
        )
    return note


def note_remove(*, actor: User, note: EventNote) -> None:
    """Delete a note recorded by mistake."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="kyodo.events.note.removed",
            obj=note,
            changes={"event": note.event_id, "kind": note.kind, "text": note.text},
        )
        note.delete()


# --- applications ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taken:
    """Places taken by confirmed applications, counted under the event's lock."""

    people: int
    groups: int
    waiting: int  # the waiting list is numbered 1, 2, 3 …: its last place is its length
    already_applied: bool = False  # only looked up when asked for (see _count_taken)
    group_applied: bool = False  # likewise: the registered group has an application already
    # The ids for the new rows, when asked for (see _send_count): application, mail, audit row.
    next_ids: tuple[int, ...] = ()


def _lock_event(pk: int) -> Event:
    # Must run inside transaction.atomic(): the lock lasts until the transaction ends.
    return (
        Event.objects.select_for_update(of=("self",)).select_related("series", "venue").get(pk=pk)
    )


def _lock_event_to_apply(pk: int) -> Callable[[], Event]:
    """:func:`_lock_event` for an application, sent now; calling what this returns reads the
    event (inside :func:`kyodo.core.statements.pipelined`, after the block). Its statement is
    compiled once (building the ORM's query took three times as long as running it, while other
    applicants wait): the event with the names of its series and venue, all the confirmation
    mail shows of them (their other fields load if read). Must run inside
    transaction.atomic()."""
    locked = _EVENT_TO_APPLY.first_later(pk=pk)

    def result() -> Event:
        event = locked()
        if event is None:
            raise Event.DoesNotExist
        return event

    return result


_EVENT_TO_APPLY = Prepared(
    lambda pk: (
        Event.objects.select_for_update(of=("self",))
        .select_related("series", "venue")
        .only(*(field.name for field in Event._meta.concrete_fields), "series__name", "venue__name")
        .filter(pk=pk)
    ),
    pk=1,
)


# The rows an application writes, whose ids its count draws (_send_count's ``next_ids``).
_NEW_ROWS = (Application, OutboxMessage, AuditEntry)


def _count_taken(
    event: Event,
    *,
    applicant: tuple[str, str] | None = None,
    organization_id: int | None = None,
) -> Taken:
    """What is taken and who waits (see :func:`_send_count`), counted now."""
    return _send_count(
        event.pk,
        capacity_people=event.capacity_people is not None,
        capacity_groups=event.capacity_groups is not None,
        applicant=applicant,
        organization_id=organization_id,
    )()


def _send_count(
    event_pk: int,
    *,
    capacity_people: bool = True,
    capacity_groups: bool = True,
    applicant: tuple[str, str] | None = None,
    organization_id: int | None = None,
    next_ids: bool = False,
    also: str | None = None,
) -> Callable[[], Taken]:
    """The count of what is taken and who waits, sent now; calling what this returns reads it
    (inside :func:`kyodo.core.statements.pipelined`, after the block). With
    ``capacity_people``/``capacity_groups`` the confirmed places/groups are counted (an event
    without that capacity needs neither; an application, whose count is sent before its event is
    read, counts both); with ``applicant`` (e-mail, name) also whether that person has an
    application (not cancelled) already, and with ``organization_id`` whether that registered
    group has one (whoever sent it: one group takes one group's place); with ``next_ids`` the ids
    for the new application, its mail and its audit row (``kyodo.core.statements.next_id_sql``),
    so that they are written in one statement whose answer is not waited for. ``also``: one more column to select, its value
    unused (the transaction's setting of :func:`kyodo.core.transactions.atomic_release_early`).

    One statement of index lookups, so that an application costs the same with thousands
    waiting: the waiting list's last place (index ``events_application_waitlist``, read
    backwards: ``ORDER BY … LIMIT 1`` rather than ``MAX``, which PostgreSQL without statistics
    reads whole), the confirmed places and the applicant (index ``events_application_event``:
    the event, a status, ``UPPER(email)`` as ``email__iexact`` compares) and the group (the
    index of its foreign key). In SQL of its own: building it with the ORM took
    longer than running it.
    """
    table = connection.ops.quote_name(Application._meta.db_table)
    # The statuses and the kind written into the statement, not sent as parameters: a generic
    # plan of the prepared statement, should PostgreSQL choose one, can then read the waiting
    # list's partial index, whose condition a parameter could not be shown to meet.
    confirmed = f"'{Application.Status.CONFIRMED}'"
    waitlisted = f"'{Application.Status.WAITLISTED}'"
    parts = [
        f"(SELECT waitlist_position FROM {table} WHERE event_id = %s AND status = {waitlisted} "
        f"ORDER BY waitlist_position DESC LIMIT 1)",
    ]
    params: list = [event_pk]
    if capacity_people:
        parts.append(
            f"(SELECT SUM(people) FROM {table} WHERE event_id = %s AND status = {confirmed})"
        )
        params += [event_pk]
    if capacity_groups:
        parts.append(
            f"(SELECT COUNT(*) FROM {table} WHERE event_id = %s AND status = {confirmed} "
            f"AND kind = '{Application.Kind.GROUP}')"
        )
        params += [event_pk]
    if applicant is not None:
        parts.append(
            f"(SELECT COUNT(*) FROM {table} WHERE event_id = %s "
            f"AND status IN ({confirmed}, {waitlisted}) AND UPPER(email) = UPPER(%s) "
            f"AND REPLACE(REPLACE(name, ' ', ''), '\u3000', '') = %s)"
        )
        # One person however the name is spaced: 「田中 一郎」「田中　一郎」「田中一郎」. The
        # statuses named (not "not cancelled") so that the index is read on all three columns.
        email, name = applicant
        unspaced = name.replace(" ", "").replace("\u3000", "")
        params += [event_pk, email, unspaced]
    if organization_id is not None:
        parts.append(
            f"(SELECT COUNT(*) FROM {table} WHERE organization_id = %s AND event_id = %s "
            f"AND status IN ({confirmed}, {waitlisted}))"
        )
        params += [organization_id, event_pk]
    if next_ids:
        for model in _NEW_ROWS:
            column, column_params = next_id_sql(model)
            parts.append(column)
            params += column_params
    if also is not None:
        parts.append(also)
    cursor = connection.cursor()
    try:
        cursor.execute("SELECT " + ", ".join(parts), params)
    except BaseException:
        cursor.close()
        raise

    def result() -> Taken:
        with cursor:
            row = list(cursor.fetchone())
        waiting = row.pop(0) or 0
        people = (row.pop(0) or 0) if capacity_people else 0
        groups = (row.pop(0) or 0) if capacity_groups else 0
        already = bool(row.pop(0)) if applicant is not None else False
        group_applied = bool(row.pop(0)) if organization_id is not None else False
        new_ids = tuple(row[: len(_NEW_ROWS)]) if next_ids else ()
        return Taken(
            people=people,
            groups=groups,
            waiting=waiting,
            already_applied=already,
            group_applied=group_applied,
            next_ids=new_ids,
        )

    return result


def _fits(event: Event, taken: Taken, *, people: int, is_group: bool) -> bool:
    # A group's people take places for people too, besides its place for groups: the facts say
    # so where both capacities are set (facts.py, docs/center-work.md "Capacity").
    if event.capacity_people is not None and taken.people + people > event.capacity_people:
        return False
    if is_group and event.capacity_groups is not None:
        return taken.groups + 1 <= event.capacity_groups
    return True


class WaitReason:
    """Why an application goes on the waiting list, as :func:`waitlist_reason` says it: what the
    confirmation and the 確認 page tell the applicant, each true of that application."""

    FULL = "full"  # no place for people is left
    GROUP_FULL = "group_full"  # no place for groups is left (a group's application)
    TOO_MANY = "too_many"  # places are left, fewer than the application's people
    QUEUE = "queue"  # it would fit, but others wait already and nobody overtakes them


def waitlist_reason(
    event: Event, *, people_taken: int, groups_taken: int, waiting: int, people: int, is_group: bool
) -> str:
    """Why an application of ``people`` (a group's or a person's) waits, from the places taken
    and the number waiting (:class:`WaitReason`; "" when it would not wait). The first that
    holds, in the order of :class:`WaitReason`: with no place left, 「席がない」 is said rather
    than 「先にキャンセル待ちの方がいる」, which is true too."""
    capacity = event.capacity_people
    people_left = None if capacity is None else max(capacity - people_taken, 0)
    if people_left == 0:
        return WaitReason.FULL
    if is_group and event.capacity_groups is not None and groups_taken >= event.capacity_groups:
        return WaitReason.GROUP_FULL
    if people_left is not None and people > people_left:
        return WaitReason.TOO_MANY
    if waiting:
        return WaitReason.QUEUE
    return ""


def check_accepting(event: Event, *, today: date | None = None) -> None:
    """Raise, with the reason, unless ``event`` takes applications today: the rule is
    ``events.models.application_conditions``, which ``Event.objects.open_for_applications``
    filters by too."""
    match event.application_refusal(today):
        case None:
            return
        case "not_cancelled":
            raise EventCancelled()
        case "opened":
            raise ApplicationsNotOpenYet(
                _("Applications open on %(date)s.") % {"date": _wareki(event.applications_open_on)}
            )
        case "not_closed":
            raise ApplicationsClosed(_("Applications for this event have closed."))
        case _:  # "published": a draft, or not taking applications
            raise ApplicationsClosed()


# The event as this process last locked it for an application, and whether that application was
# confirmed, by event (the most recent few): what an application's confirmation is written from
# before the lock (``_early_confirmation``).
_LOCKED: dict[int, tuple[Event, str]] = {}
_LOCKED_KEPT = 64
_LOCKED_WRITE = threading.Lock()  # for a server with threads: one writer of _LOCKED at a time


def _last_locked(event: Event, status: str, reason: str = "") -> None:
    with _LOCKED_WRITE:
        _LOCKED.pop(event.pk, None)
        _LOCKED[event.pk] = (event, status, reason)
        while len(_LOCKED) > _LOCKED_KEPT:
            del _LOCKED[next(iter(_LOCKED))]


def _event_as_mailed(event: Event) -> tuple:
    """Every field of the event ``_lock_event_to_apply`` reads, with its series' and venue's
    names: all the confirmation can show of it."""
    return (
        *(getattr(event, field.attname) for field in Event._meta.concrete_fields),
        event.series.name if event.series_id else None,
        event.venue.name if event.venue_id else None,
    )


# Where the waiting list's place goes in a confirmation composed before it is known: no form
# field accepts a NUL character, so no name or title contains this.
_POSITION = "\x00position\x00"


@dataclass
class _EarlyConfirmation:
    """A confirmation written before the event was locked, from ``event`` as last locked,
    for an application with ``status`` (a waiting one's place written as ``_POSITION``) and,
    waiting, the ``reason`` it waits for (:func:`waitlist_reason`)."""

    message: OutboxMessage
    event: tuple
    status: str
    reason: str = ""

    def used_for(self, application: Application) -> OutboxMessage | None:
        """The message, for ``application`` with the status, the reason to wait and the event
        it was written for (its place on the waiting list put in); None otherwise (it is
        written again under the lock)."""
        if application.status != self.status:
            return None
        if getattr(application, "waitlist_reason", "") != self.reason:
            return None
        if _event_as_mailed(application.event) != self.event:
            return None
        message = self.message
        if self.status == Application.Status.WAITLISTED:
            position = str(application.waitlist_position)
            message.subject = message.subject.replace(_POSITION, position)
            message.body = message.body.replace(_POSITION, position)
            if "\x00" in message.subject or "\x00" in message.body:
                return None  # the subject was cut inside the mark (a title of 300 characters)
        message.object_id = str(application.pk)
        return message


# Where each applicant's own details go in the confirmation composed as a form letter (see
# ``_letter``): marks of NUL characters, like ``_POSITION``.
_NAME, _GROUP, _PEOPLE, _CANCEL = (
    "\x00name\x00",
    "\x00group\x00",
    "\x00people\x00",
    "\x00cancel\x00",
)


@dataclass(frozen=True)
class _Letter:
    """The confirmation of an event as mailed, for a status and a kind of applicant, rendered
    once with marks for the applicant's own details (and a waiting one's place)."""

    event: tuple
    status: str
    is_group: bool
    center: Center | None
    subject: str
    body: str
    reason: str = ""  # why a waiting one waits (waitlist_reason): the letter says it

    def fits(
        self, event: tuple, status: str, is_group: bool, center: Center | None, reason: str = ""
    ) -> bool:
        # The center as read (kept until its row is written): the same object, not an equal one.
        return (
            self.center is center
            and self.status == status
            and self.is_group == is_group
            and self.reason == reason
            and self.event == event
        )


_LETTERS: dict[int, _Letter] = {}


def _letter(event: Event, status: str, is_group: bool, center, reason: str = "") -> _Letter:
    """The confirmation for ``event`` (as last locked) as a form letter, rendered again only
    when the event as mailed, the status, the reason to wait, the kind of applicant or the
    center changed: a rush of applications renders the templates once, not once each."""
    mailed = _event_as_mailed(event)
    letter = _LETTERS.get(event.pk)
    if letter is not None and letter.fits(mailed, status, is_group, center, reason):
        return letter
    stand_in = Application(
        event=event,
        status=status,
        kind=Application.Kind.GROUP if is_group else Application.Kind.INDIVIDUAL,
        name=_NAME,
        group_name=_GROUP if is_group else "",
        people=_PEOPLE,
        waitlist_position=_POSITION if status == Application.Status.WAITLISTED else None,
    )
    stand_in.waitlist_reason = reason
    subject, body = render_mail(
        "events/mail/application_received.txt",
        {"application": stand_in, "event": event, "cancel_url": _CANCEL, "center": center},
    )
    letter = _Letter(mailed, status, is_group, center, subject, body, reason)
    with _LOCKED_WRITE:
        _LETTERS[event.pk] = letter
        while len(_LETTERS) > _LOCKED_KEPT:
            del _LETTERS[next(iter(_LETTERS))]
    return letter


def _early_confirmation(application: Application, center) -> _EarlyConfirmation | None:
    """The confirmation of ``application``, composed before the lock from the event as this
    process last locked it, as confirmed if the last application this process made there was
    confirmed, as waiting otherwise (the event is full; its place on the list is put in under
    the lock), for the reason the last one waited (``waitlist_reason``); None when this process
    has not locked the event yet. Composing it sets ``application``'s event, which the caller
    sets again under the lock."""
    last = _LOCKED.get(application.event_id)
    if last is None:
        return None
    event, status, *reason = last
    reason = reason[0] if reason else ""
    application.event = event
    own = {
        _NAME: application.name,
        _GROUP: application.group_label if application.is_group else "",
        _PEOPLE: str(application.people),
        _CANCEL: cancel_url(application),
    }
    if any("\x00" in value for value in own.values()):
        return None  # a mark in the applicant's own details (no form lets one through)
    letter = _letter(event, status, application.is_group, center, reason)
    subject, body = letter.subject, letter.body
    for mark, value in own.items():
        subject, body = subject.replace(mark, value), body.replace(mark, value)
    message = outbox_message(
        to=application.email,
        subject=subject,
        body=body,
        kind="events.application_received",
        related=application,
    )
    return _EarlyConfirmation(message=message, event=letter.event, status=status, reason=reason)


def _applicant(
    kind: str, name: str, *, organization: Organization | None, group_name: str, people: int
) -> tuple[str, Organization | None, str, int]:
    """Who applies, checked as every way of applying checks it: (name, organization,
    group_name, people), a person alone counted as one. The names are stored as organizations
    store theirs (``normalize_name``): 「ＮＰＯ法人　みらい」 as 「NPO法人 みらい」."""
    name, group_name = normalize_name(name), normalize_name(group_name)
    if kind not in Application.Kind.values or not name:
        raise InvalidApplication()
    if kind == Application.Kind.GROUP:
        if (organization is None) == (not group_name):
            raise InvalidApplication(_("Choose your group from the list or write its name."))
    else:
        organization, group_name, people = None, "", 1
    if people < 1:
        raise InvalidApplication(_("At least one person must come."))
    return name, organization, group_name, people


def application_submit(
    *,
    actor: User | None,
    event: Event,
    kind: str,
    name: str,
    email: str = "",
    phone: str = "",
    name_reading: str = "",
    organization: Organization | None = None,
    group_name: str = "",
    people: int = 1,
    note: str = "",
    channel: str = Application.Channel.ONLINE,
) -> Application:
    """Apply to an event: confirmed if there is room, otherwise on the waiting list.

    Citizens apply online with ``actor=None`` and must give an e-mail address; staff
    (``actor`` with the staff role) enter telephone and counter applications. The event row is
    locked and the places recounted before anything is written. Once anyone is waiting, a new
    application waits too, so that a small one cannot overtake a larger one already in line.
    A confirmation with a personal cancel link is mailed when there is an address. Only
    ``event.pk`` is read: the row is locked and read again before anything is decided.
    """
    if actor is not None:
        require_role(actor, Role.STAFF)
    elif channel != Application.Channel.ONLINE:
        raise InvalidApplication()
    name, organization, group_name, people = _applicant(
        kind, name, organization=organization, group_name=group_name, people=people
    )
    if actor is None and not email:
        raise InvalidApplication(_("Give an e-mail address for the confirmation."))
    if not email and not phone:
        raise InvalidApplication(_("Give an e-mail address or a telephone number."))

    # Read before the event is locked (the lock is held as briefly as possible), and only when
    # the center's row has been written since this process last read it.
    center = Center.objects.kept() if email else None
    application = Application(
        event_id=event.pk,
        kind=kind,
        organization=organization,
        group_name=group_name,
        people=people,
        name=name,
        name_reading=name_reading,
        email=email,
        phone=phone,
        note=note,
        channel=channel,
    )
    # The confirmation is written before the lock too, from the event as this process last
    # locked it, confirmed or waiting as the last application here was; it is used only if the
    # event locked below is the same and the status too (otherwise it is written again).
    early = _early_confirmation(application, center) if email else None
    # The event's lock is released when the commit is written, and the application returned
    # once it is on disk (kyodo.core.transactions): the next applicant does not wait for it.
    # On PostgreSQL the transaction goes in two round trips, pipelined: its start, the event's
    # lock and the count of its places together, the count a statement of its own, run once
    # the lock is held, so that it sees every application committed before; then the rows and
    # the commit together. The count carries the early commit's setting and draws the ids of
    # the three rows, so that they are one statement whose answer is not waited for. An event
    # that refuses has written nothing; its rollback needs no setting.
    with pipelined(), atomic_release_early(setting_by_caller=True) as setting:
        locked = _lock_event_to_apply(event.pk)
        counted = _send_count(
            event.pk,
            applicant=(email, name) if actor is None else None,
            organization_id=organization.pk if organization is not None else None,
            next_ids=True,
            also=setting,
        )
        event = locked()
        check_accepting(event)
        taken = counted()
        if taken.already_applied:
            # A double click or a second try must not take two places.
            raise InvalidApplication(_("You have already applied to this event."))
        if taken.group_applied:
            # Two members of one registered group, each with their own address, must not take
            # two groups' places: the group changes its numbers through the center.
            raise InvalidApplication(
                _(
                    "This group has already applied to this event. To change the number of "
                    "people, please contact the center."
                ),
                field="organization",
            )
        application_id, message_id, entry_id = taken.next_ids
        application.pk, application.event = application_id, event
        if taken.waiting == 0 and _fits(
            event, taken, people=people, is_group=kind == Application.Kind.GROUP
        ):
            application.status = Application.Status.CONFIRMED
        else:
            application.status = Application.Status.WAITLISTED
            application.waitlist_position = taken.waiting + 1
            # What the confirmation says of why (「お申し込みの人数分の席がないため」 …).
            application.waitlist_reason = waitlist_reason(
                event,
                people_taken=taken.people,
                groups_taken=taken.groups,
                waiting=taken.waiting,
                people=people,
                is_group=kind == Application.Kind.GROUP,
            )
        message = None
        if email:
            message = early.used_for(application) if early else None
            if message is None:
                message = _mail_message(application, "application_received", center=center)
            message.pk = message_id
        entry = audit_entry(
            actor=actor,
            action="kyodo.events.application.submitted",
            obj=application,
            changes={
                "event": event.pk,
                "status": application.status,
                "kind": kind,
                "people": people,
                "channel": channel,
                "waitlist_position": application.waitlist_position,
            },
        )
        entry.pk = entry_id
        insert_together([application, *([message] if message else []), entry], wait=False)
        if message is not None:
            outbox_queued(message)
    _last_locked(event, application.status, getattr(application, "waitlist_reason", ""))
    return application


def application_cancel_refusal(event: Event, *, by_staff: bool = False) -> str | None:
    """Why an application to ``event`` can no longer be cancelled, or None: not once a held
    event has ended, nor by its applicant once it is over for them. The staff's page shows it
    instead of the button (``application_cancel`` refuses the same)."""
    if (event.status == Event.Status.HELD and event.has_ended) or (
        not by_staff and event.closed_to_applicants
    ):
        return gettext("The event is over; the application can no longer change.")
    return None


def application_cancel(*, actor: User | None, application: Application) -> Application:
    """Cancel an application: by its applicant (``actor=None``, through the personal link) or
    by staff, who mail the person that it is cancelled. The places it held go to the waiting
    list, in order, and those moved up are mailed.
    """
    if actor is not None:
        require_role(actor, Role.STAFF)
    with transaction.atomic():
        event = _lock_event(application.event_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status == Application.Status.CANCELLED:
            raise ApplicationAlreadyCancelled()
        refusal = application_cancel_refusal(event, by_staff=actor is not None)
        if refusal:
            raise InvalidApplication(refusal)
        previous, position = application.status, application.waitlist_position
        application.status = Application.Status.CANCELLED
        application.waitlist_position = None
        application.cancelled_at = timezone.now()
        application.save(update_fields=["status", "waitlist_position", "cancelled_at"])
        if position is not None:
            _close_gap(event, position)
        audit_log(
            actor=actor,
            action="kyodo.events.application.cancelled",
            obj=application,
            changes={"status": [previous, Application.Status.CANCELLED], "event": event.pk},
        )
        if application.email:
            _mail(application, "application_cancelled", by_staff=actor is not None)
        # Once it has begun, a place given up at the door is not mailed to the waiting list
        # (nobody comes mid-lecture on a mail): staff seat someone present instead.
        if event.status != Event.Status.CANCELLED and not event.has_started:
            _promote_from_waitlist(event, actor=actor)
    return application


# What an applicant may change of an application (「申し込み内容を変更する」): not the event, the
# kind, the group or the name, by which the center knows the application, nor the e-mail
# address, the only key of the personal link and where its confirmations go (those go through
# the center). The audit row records the number of people, and of the others only that they
# changed: they are personal data, removed from the application after the event
# (personal_data_anonymise), which the audit log would keep.
CHANGEABLE_FIELDS = ("people", "name_reading", "phone", "note")
_PERSONAL_DETAILS = ("name_reading", "phone", "note")


def application_change_refusal(
    application: Application, event: Event, *, by_staff: bool = False
) -> str | None:
    """Why ``application`` cannot be changed now (a message), or None. The applicant changes it
    through the personal link while the event takes applications (「受付終了」 ends it, as the
    start of the event does), never once the event is over for applicants (the rule of
    :func:`application_cancel`); staff until the event is over."""
    if application.status == Application.Status.CANCELLED:
        return gettext("This application has been cancelled.")
    if event.status == Event.Status.CANCELLED:
        return gettext("This event has been cancelled.")
    if (event.status == Event.Status.HELD and event.has_ended) or (
        not by_staff and event.closed_to_applicants
    ):
        return gettext("The event is over; the application can no longer change.")
    if not by_staff and event.application_refusal() in ("published", "not_closed"):
        # The applicant's own page: 取り消し, as on the cancel page (キャンセル names only the
        # waiting list).
        return pgettext(
            "applicant",
            "Applications for this event have closed, so the application can no longer be "
            "changed here. If you cannot come, please cancel it; for any other change, please "
            "contact the center.",
        )
    return None


def _check_people(event: Event, application: Application, people: int) -> None:
    """Refuse ``people`` for ``application`` unless it fits, counted under the event's lock
    (the caller holds it). Fewer people always fit. More: a confirmed application only into the
    places left, and only while nobody waits (a place that frees up is theirs, in turn, as
    :func:`application_submit` lets nobody overtake them); a waiting one keeps its place in
    line, with no more people than the event takes at all."""
    if not application.is_group and people != 1:
        raise InvalidApplication(
            _("An application of a person alone is for one person."), field="people"
        )
    if people < 1:
        raise InvalidApplication(_("At least one person must come."), field="people")
    capacity = event.capacity_people
    if application.status == Application.Status.WAITLISTED:
        if capacity is not None and people > capacity:
            raise InvalidApplication(
                _("The event takes %(n)s people at most.") % {"n": capacity}, field="people"
            )
        return
    more = people - application.people
    if more <= 0:
        return
    taken = _count_taken(event)
    if taken.waiting:
        raise InvalidApplication(
            _(
                "Others are on the waiting list, so the number of people cannot grow now. It "
                "can be reduced."
            ),
            field="people",
        )
    if capacity is not None and taken.people + more > capacity:
        left = max(capacity - taken.people, 0)
        if left == 0:
            raise InvalidApplication(
                _("No place is left, so the number of people cannot grow (it stays %(n)s).")
                % {"n": application.people},
                field="people",
            )
        raise InvalidApplication(
            _("Places left: %(left)s. The number of people can be at most %(most)s.")
            % {"left": left, "most": application.people + left},
            field="people",
        )


def application_change(
    *,
    actor: User | None,
    application: Application,
    people: int | Unchanged = UNCHANGED,
    name_reading: str | Unchanged = UNCHANGED,
    phone: str | Unchanged = UNCHANGED,
    note: str | Unchanged = UNCHANGED,
) -> Application:
    """Change an application: by its applicant (``actor=None``, through the personal link) or by
    staff. The number of people (a group's), the reading, the telephone and the note; see
    :data:`CHANGEABLE_FIELDS` and :func:`application_change_refusal` for what and when.

    Decided under the event's lock, as an application is: more people only if they fit
    (:func:`_check_people`, never overbooked), fewer always, and the places that frees go to
    the waiting list in turn, as a cancellation's do (those moved up are mailed). One audit row;
    the applicant is mailed what changed. Nothing changed is refused, and writes nothing.
    """
    if actor is not None:
        require_role(actor, Role.STAFF)
    values = given(people=people, name_reading=name_reading, phone=phone, note=note)
    for name in ("name_reading", "phone", "note"):
        if name in values:
            values[name] = values[name].strip()
    if "name_reading" in values:
        values["name_reading"] = normalize_reading(values["name_reading"])
    with transaction.atomic():
        event = _lock_event(application.event_id)
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("organization")
            .get(pk=application.pk)
        )
        application.event = event
        refusal = application_change_refusal(application, event, by_staff=actor is not None)
        if refusal is not None:
            if application.status == Application.Status.CANCELLED:
                raise ApplicationAlreadyCancelled(refusal)
            if event.status == Event.Status.CANCELLED:
                raise EventCancelled(refusal)
            raise InvalidApplication(refusal)
        changed = {
            name: [getattr(application, name), value]
            for name, value in values.items()
            if getattr(application, name) != value
        }
        if not changed:
            raise InvalidApplication(_("Nothing has been changed."))
        if "people" in changed:
            _check_people(event, application, changed["people"][1])
        for name, (_before, after) in changed.items():
            setattr(application, name, after)
        application.save(update_fields=list(changed))
        audit_log(
            actor=actor,
            action="kyodo.events.application.changed",
            obj=application,
            changes={
                "event": event.pk,
                **{
                    name: "changed" if name in _PERSONAL_DETAILS else change
                    for name, change in changed.items()
                },
            },
        )
        fewer = "people" in changed and changed["people"][1] < changed["people"][0]
        # As for a cancellation: not once the event has begun (nobody comes mid-lecture on a
        # mail), and the application itself may be the one moved up.
        if fewer and event.status != Event.Status.CANCELLED and not event.has_started:
            promoted = _promote_from_waitlist(event, actor=actor)
            if any(other.pk == application.pk for other in promoted):
                application.refresh_from_db(fields=["status", "waitlist_position", "promoted_at"])
        if application.email:
            _mail(
                application,
                "application_changed",
                changed=_changed_lines(changed),
                by_staff=actor is not None,
            )
    return application


def _changed_lines(changed: dict[str, list]) -> list[tuple[str, str]]:
    """(label, text) of each change, for the mail: the number before and after, the others as
    they are now (the mail goes to the applicant, whose details they are)."""
    labels = {
        "people": gettext("Number of people"),
        "name_reading": gettext("Reading (furigana)"),
        "phone": gettext("Telephone"),
        "note": gettext("Message to the center"),
    }
    lines = []
    for name in CHANGEABLE_FIELDS:
        if name not in changed:
            continue
        before, after = changed[name]
        if name == "people":
            text = f"{before} → {after}"
        else:
            text = after or gettext("(none)")
        lines.append((labels[name], text))
    return lines


# A walk-in refused because the person (or group) waits for a place already: seated from there.
_WAITING_ALREADY = _(
    "This applicant is on the waiting list of this event: find the application in the list and "
    "press “Seat as a walk-in” instead."
)


def _waiting_as(
    event: Event, *, email: str = "", name: str = "", organization_id: int | None = None
) -> bool:
    """Whether the application that refuses a walk-in (the same address and name however
    spaced, or the same registered group; see :func:`_send_count`) is on the waiting list."""
    waiting = event.applications.filter(status=Application.Status.WAITLISTED)
    if organization_id is not None:
        return waiting.filter(organization_id=organization_id).exists()
    unspaced = name.replace(" ", "").replace("\u3000", "")
    return any(
        other.replace(" ", "").replace("\u3000", "") == unspaced
        for other in waiting.filter(email__iexact=email).values_list("name", flat=True)
    )


def walk_in_add(
    *,
    actor: User,
    event: Event,
    kind: str,
    name: str,
    email: str = "",
    phone: str = "",
    name_reading: str = "",
    organization: Organization | None = None,
    group_name: str = "",
    people: int = 1,
    note: str = "",
) -> Application:
    """Reception enters someone who came without applying (当日参加), from the event's day on
    (after the start too, when applications are closed): an application received as a walk-in,
    confirmed and marked as attended. Staff seat them at the door, so no capacity is checked and
    nobody on the waiting list moves up, down or is mailed; the person is not mailed either
    (they are here; an address given is for the questionnaire). As when attendance is recorded,
    the event becomes held and its totals are derived again (the numbers who came without
    applying are kept: the person is counted once, as an application)."""
    require_role(actor, Role.STAFF)
    name, organization, group_name, people = _applicant(
        kind, name, organization=organization, group_name=group_name, people=people
    )
    with transaction.atomic():
        event = _lock_event(event.pk)
        if event.status == Event.Status.CANCELLED:
            raise EventCancelled()
        if not event.takes_walk_ins:
            raise InvalidApplication(
                _("Walk-ins can be entered only for a published event, from its day on.")
            )
        # The same person (an address and a name however spaced) or group, as an application.
        taken = _count_taken(
            event,
            applicant=(email, name) if email else None,
            organization_id=organization.pk if organization is not None else None,
        )
        if taken.already_applied:
            if _waiting_as(event, email=email, name=name):
                raise InvalidApplication(_WAITING_ALREADY)
            raise InvalidApplication(
                _(
                    "This person has already applied to this event: find the application in "
                    "the list instead."
                )
            )
        if taken.group_applied:
            if _waiting_as(event, organization_id=organization.pk):
                raise InvalidApplication(_WAITING_ALREADY, field="organization")
            raise InvalidApplication(
                _(
                    "This group has already applied to this event: find the application in the "
                    "list instead."
                ),
                field="organization",
            )
        application = Application.objects.create(
            event=event,
            kind=kind,
            organization=organization,
            group_name=group_name,
            people=people,
            name=name,
            name_reading=name_reading,
            email=email,
            phone=phone,
            note=note,
            channel=Application.Channel.WALK_IN,
            status=Application.Status.CONFIRMED,
            attendance=Application.Attendance.ATTENDED,
        )
        audit_log(
            actor=actor,
            action="kyodo.events.application.walk_in",
            obj=application,
            changes={
                "event": event.pk,
                "status": application.status,
                "kind": kind,
                "people": people,
                "channel": application.channel,
                "attendance": application.attendance,
            },
        )
        _held_at_the_door(event, actor=actor)
    return application


def _held_at_the_door(event: Event, *, actor: User) -> None:
    """Someone was seated at the door (:func:`walk_in_add`, :func:`application_seat`): as when
    attendance is recorded, the event becomes held and its totals are derived again (the
    numbers who came without applying are kept). The caller holds the event's lock."""
    fields = ["status", "attendance_people", "attendance_groups"]
    before = {field: getattr(event, field) for field in fields}
    event.status = Event.Status.HELD
    _derive_attendance(event, event.walk_in_people, event.walk_in_groups)
    if changes := {
        field: [before[field], getattr(event, field)]
        for field in fields
        if before[field] != getattr(event, field)
    }:
        event.save(update_fields=[*fields, "updated_at"])
        audit_log(
            actor=actor,
            action="kyodo.events.event.attendance_recorded",
            obj=event,
            changes=changes,
        )


def application_seat(*, actor: User, application: Application) -> Application:
    """Reception seats someone on the waiting list who came on the day (「当日参加として受け付
    ける」), from the event's day on (after the start too), as :func:`walk_in_add` seats someone
    who did not apply: the application becomes confirmed and marked as attended whatever the
    capacity, and the waiting places behind it close up (2, 3 … become 1, 2 …). Nobody else on
    the waiting list moves up or is mailed, nor is the person (they are here). The event becomes
    held and its totals are derived again."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        event = _lock_event(application.event_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if event.status == Event.Status.CANCELLED:
            raise EventCancelled()
        if not event.takes_walk_ins:
            raise InvalidApplication(
                _(
                    "Someone on the waiting list can be seated only at a published event, from "
                    "its day on."
                )
            )
        if application.status == Application.Status.CONFIRMED:
            raise InvalidApplication(
                _(
                    "This application is already confirmed: mark the person as attended on the "
                    "attendance page."
                )
            )
        if application.status != Application.Status.WAITLISTED:
            raise InvalidApplication(
                _("This application has been cancelled: enter the person as a walk-in instead.")
            )
        position, attendance = application.waitlist_position, application.attendance
        application.status = Application.Status.CONFIRMED
        application.waitlist_position = None
        application.attendance = Application.Attendance.ATTENDED
        # Moved up from the waiting list, at the door: the staff's list says so, without a mail.
        application.promoted_at = timezone.now()
        application.save(update_fields=["status", "waitlist_position", "attendance", "promoted_at"])
        if position is not None:
            _close_gap(event, position)
        audit_log(
            actor=actor,
            action="kyodo.events.application.seated",
            obj=application,
            changes={
                "event": event.pk,
                "status": [Application.Status.WAITLISTED, Application.Status.CONFIRMED],
                "waitlist_position": [position, None],
                "attendance": [attendance, Application.Attendance.ATTENDED],
            },
        )
        _held_at_the_door(event, actor=actor)
    return application


def _close_gap(event: Event, position: int) -> None:
    # Keep the waiting list numbered 1, 2, 3 … so the place people are told is their place.
    event.applications.filter(
        status=Application.Status.WAITLISTED, waitlist_position__gt=position
    ).update(waitlist_position=F("waitlist_position") - 1)


def _promote_from_waitlist(event: Event, *, actor: User | None) -> list[Application]:
    """Confirm waiting applications in order while they fit. The caller holds the event lock.

    Strictly first come, first served: when the first in line does not fit (a group of five
    and one free place), nobody behind it is moved up past it.
    """
    taken = _count_taken(event)
    promoted: list[Application] = []
    waiting = event.applications.filter(status=Application.Status.WAITLISTED).order_by(
        "waitlist_position", "pk"
    )
    for application in waiting.select_related("organization"):
        if not _fits(event, taken, people=application.people, is_group=application.is_group):
            break
        application.status = Application.Status.CONFIRMED
        application.waitlist_position = None
        application.promoted_at = timezone.now()
        application.save(update_fields=["status", "waitlist_position", "promoted_at"])
        taken = Taken(
            people=taken.people + application.people,
            groups=taken.groups + (1 if application.is_group else 0),
            waiting=taken.waiting - 1,
        )
        if application.email:
            _mail(application, "application_promoted")
        audit_log(
            actor=actor,
            action="kyodo.events.application.promoted",
            obj=application,
            changes={"status": [Application.Status.WAITLISTED, Application.Status.CONFIRMED]},
        )
        promoted.append(application)
    if promoted:
        # The ones moved up were the first len(promoted) places; everyone behind moves forward.
        event.applications.filter(status=Application.Status.WAITLISTED).update(
            waitlist_position=F("waitlist_position") - len(promoted)
        )
    return promoted


def _wareki(d: date) -> str:
    from kyodo.core.wareki import format_wareki

    return format_wareki(d)


def cancel_url(application: Application) -> str:
    return settings.SITE_URL + reverse("events:application-cancel", args=[application.token])


def _mail(application: Application, kind: str, **extra) -> None:
    """Queue one mail to the applicant (``events/mail/<kind>.txt`` through kyodo.core.mail: in
    Japanese whatever language the request used, with the center's contact block)."""
    outbox_written(_mail_message(application, kind, **extra))


def _mail_message(application: Application, kind: str, **extra) -> OutboxMessage:
    """:func:`_mail`'s row, composed but not written."""
    return mail_message(
        to=application.email,
        template=f"events/mail/{kind}.txt",
        context={
            "application": application,
            "event": application.event,
            "cancel_url": cancel_url(application),
            **extra,
        },
        kind=f"events.{kind}",
        related=application,
    )


# --- personal data -----------------------------------------------------------------------------


def anonymise_after_days() -> int:
    return int(getattr(settings, "EVENTS_ANONYMISE_AFTER_DAYS", DEFAULT_ANONYMISE_AFTER_DAYS))


def personal_data_anonymise(*, today: date | None = None) -> int:
    """Remove applicants' names, readings, addresses, telephone numbers and notes from events
    held ``EVENTS_ANONYMISE_AFTER_DAYS`` days ago or earlier; returns how many applications.

    Counts (people, groups, status, attendance) and registered groups stay, so reports still
    add up. Safe to run twice: what is removed is removed once. Sent mail about those
    applications is blanked too, since it repeats the same data.
    """
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=anonymise_after_days())
    events = Event.objects.filter(date__lte=cutoff, personal_data_removed_at__isnull=True)
    total = 0
    for event_pk in list(events.values_list("pk", flat=True)):
        with transaction.atomic():
            event = _lock_event(event_pk)
            if event.personal_data_removed_at is not None:
                continue  # another run got here first
            now = timezone.now()
            pending = event.applications.filter(anonymised_at__isnull=True)
            ids = [str(pk) for pk in pending.values_list("pk", flat=True)]
            count = pending.update(
                **dict.fromkeys(Application.PERSONAL_FIELDS, ""), anonymised_at=now
            )
            outbox_blank_about(Application, ids)
            event.personal_data_removed_at = now
            event.save(update_fields=["personal_data_removed_at"])
            audit_log(
                actor=None,
                action="kyodo.events.event.personal_data_removed",
                obj=event,
                changes={"applications": count},
            )
            total += count
    return total


# --- the questionnaire after an event (アンケート) -----------------------------------------------

# The daily job asks about events held this many days ago at most: the day after, or a day or
# two later when the job did not run (never about events long past, e.g. on a new install).
FEEDBACK_CATCH_UP_DAYS = 3


def feedback_url(application: Application) -> str:
    return settings.SITE_URL + reverse("events:feedback", args=[application.token])


def feedback_recipients(event: Event):
    """The applications asked for feedback: confirmed, with an e-mail address, personal data
    kept; once attendance is recorded for any of them, only those marked as present."""
    confirmed = event.applications.filter(
        status=Application.Status.CONFIRMED, anonymised_at__isnull=True
    ).exclude(email="")
    if confirmed.exclude(attendance="").exists():
        return confirmed.filter(attendance=Application.Attendance.ATTENDED)
    return confirmed


def feedback_refusal(event: Event, *, now=None) -> str | None:
    """Why the questionnaire of ``event`` cannot be sent now (a message), or None."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return gettext("This event has been cancelled.")
    if event.status == Event.Status.DRAFT:
        return gettext("The event is a draft.")
    if not event.feedback_enabled:
        return gettext("This event does not ask participants for feedback (see Edit).")
    if now < event.end_moment:
        return gettext("The questionnaire can be sent only after the event has ended.")
    if timezone.localdate(now) > event.feedback_closes_on():
        return gettext("The questionnaire of this event has closed.")
    return None


def _feedback_send(event_pk: int, *, actor: User | None, now) -> int:
    """Ask everyone of :func:`feedback_recipients` not asked yet; the caller holds no lock.

    Exactly once per application, however many jobs and buttons run at once: the event row is
    locked (on SQLite every transaction is ``BEGIN IMMEDIATE``), the applications already asked
    (a ``Feedback`` row each) are left out, and the row's uniqueness stands behind it. Each
    request's mail is written in the same transaction, so a rollback leaves neither."""
    with transaction.atomic():
        event = _lock_event(event_pk)
        refusal = feedback_refusal(event, now=now)
        if refusal is not None:
            raise InvalidEvent(refusal)
        asked = (
            feedback_recipients(event)
            .filter(feedback__isnull=True)
            .select_related("organization")
            .order_by("pk")
        )
        center = Center.objects.current()
        count = 0
        for application in asked:
            application.event = event
            Feedback.objects.create(application=application, event=event, requested_at=now)
            outbox_written(
                mail_message(
                    to=application.email,
                    template="events/mail/feedback_request.txt",
                    context={
                        "application": application,
                        "event": event,
                        "feedback_url": feedback_url(application),
                        "closes_on": event.feedback_closes_on(),
                        "center": center,
                        # Sent on the event's own day (staff's button): 「本日は」, not 「先日は」.
                        "same_day": timezone.localdate(now) == event.date,
                    },
                    kind="events.feedback_request",
                    related=application,
                )
            )
            count += 1
        if count:
            if event.feedback_requested_at is None:
                event.feedback_requested_at = now
                event.save(update_fields=["feedback_requested_at"])
            audit_log(
                actor=actor,
                action="kyodo.events.feedback.requested",
                obj=event,
                changes={"count": count},
            )
    return count


def feedback_request(*, actor: User, event: Event) -> int:
    """Staff's 「アンケートを送る」: mail the questionnaire now to every participant not asked
    yet (after the event has ended only); returns how many were asked."""
    require_role(actor, Role.STAFF)
    count = _feedback_send(event.pk, actor=actor, now=timezone.now())
    if count == 0:
        raise InvalidEvent(gettext("Everyone who can be asked has been asked already."))
    return count


def feedback_request_due(*, now=None) -> int:
    """The daily job (``kyodo periodic``): the questionnaire of every event held yesterday (or
    in the ``FEEDBACK_CATCH_UP_DAYS`` before, if the job did not run) that asks for feedback
    and has not been sent yet. Safe to run twice, or on two hosts at once."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    events = Event.objects.filter(
        feedback_enabled=True,
        feedback_requested_at__isnull=True,
        status__in=[Event.Status.PUBLISHED, Event.Status.HELD],
        date__lt=today,
        date__gte=today - timedelta(days=FEEDBACK_CATCH_UP_DAYS),
    )
    total = 0
    for event_pk in list(events.order_by("date", "pk").values_list("pk", flat=True)):
        try:
            total += _feedback_send(event_pk, actor=None, now=now)
        except InvalidEvent:
            continue  # changed meanwhile (cancelled, or turned off): nothing to send
    # The same morning, those still waiting when the event took place are told so.
    waitlist_ended_due(now=now)
    return total


WAITLIST_ENDED_KIND = "events.waitlist_ended"


def waitlist_ended_due(*, now=None) -> int:
    """The daily job (run with :func:`feedback_request_due`): the day after an event (or in the
    ``FEEDBACK_CATCH_UP_DAYS`` after, if the job did not run), everyone still on its waiting
    list with an e-mail address is told, once, that no place freed up. Returns how many.

    Once per application, however many jobs run at once: the event row is locked and the
    applications already mailed (an outbox row of the kind ``events.waitlist_ended``) left
    out. A cancelled event's applicants were told it is cancelled."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    events = Event.objects.filter(
        status__in=[Event.Status.PUBLISHED, Event.Status.HELD],
        date__lt=today,
        date__gte=today - timedelta(days=FEEDBACK_CATCH_UP_DAYS),
        applications__status=Application.Status.WAITLISTED,
    ).distinct()
    total = 0
    for event_pk in list(events.order_by("date", "pk").values_list("pk", flat=True)):
        with transaction.atomic():
            event = _lock_event(event_pk)
            if event.status not in (Event.Status.PUBLISHED, Event.Status.HELD):
                continue
            left = not_promoted(event).select_related("organization")
            left = list(left.order_by("waitlist_position", "pk"))
            told = set(
                OutboxMessage.objects.filter(
                    content_type=ContentType.objects.get_for_model(Application),
                    object_id__in=[str(a.pk) for a in left],
                    kind=WAITLIST_ENDED_KIND,
                ).values_list("object_id", flat=True)
            )
            waiting = [a for a in left if str(a.pk) not in told]
            # The outbox rows are the record (as for the questionnaire's daily run).
            for application in waiting:
                application.event = event
                _mail(application, "waitlist_ended")
            total += len(waiting)
    return total


def not_promoted(event: Event):
    """The applications still on ``event``'s waiting list with an e-mail address (personal data
    kept): after the event, those told that no place freed up (「繰り上がらず」)."""
    return event.applications.filter(
        status=Application.Status.WAITLISTED, anonymised_at__isnull=True
    ).exclude(email="")


def feedback_answer(
    *,
    token: str,
    satisfaction: int | None,
    good_points: str = "",
    requests: str = "",
    today: date | None = None,
) -> Feedback:
    """A participant answers (or changes the answer) through the personal link, until the
    questionnaire closes. Everything is optional, but not everything empty."""
    good_points, requests = good_points.strip(), requests.strip()
    if satisfaction is not None and satisfaction not in Satisfaction.values:
        raise InvalidFeedback(_("Choose one of the five levels."), field="satisfaction")
    if len(good_points) > FEEDBACK_TEXT_MAX or len(requests) > FEEDBACK_TEXT_MAX:
        raise InvalidFeedback(_("Write at most %(max)s characters.") % {"max": FEEDBACK_TEXT_MAX})
    if satisfaction is None and not good_points and not requests:
        raise InvalidFeedback()
    with transaction.atomic():
        feedback = (
            Feedback.objects.select_for_update(of=("self",))
            .select_related("event")
            .filter(application__token=token)
            .first()
        )
        if feedback is None:
            raise Feedback.DoesNotExist
        if (today or timezone.localdate()) > feedback.event.feedback_closes_on():
            raise FeedbackClosed()
        first = feedback.answered_at is None
        feedback.satisfaction = satisfaction
        feedback.good_points = good_points
        feedback.requests = requests
        feedback.answered_at = timezone.now()
        feedback.save(update_fields=["satisfaction", "good_points", "requests", "answered_at"])
        # What was written is the participant's: the row says only that an answer came.
        audit_log(
            actor=None,
            action="kyodo.events.feedback.answered" if first else "kyodo.events.feedback.changed",
            obj=feedback,
            changes={"event": feedback.event_id, "satisfaction": satisfaction},
        )
    return feedback


def feedback_to_note(*, actor: User, feedback: Feedback) -> EventNote:
    """Keep a participant's request for future events as the event's 要望 note, once."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if not feedback.requests:
            raise InvalidEvent(_("This answer has no request."))
        if feedback.note_id is not None:
            raise InvalidEvent(_("This request is already kept as a note."))
        note = EventNote.objects.create(
            event_id=feedback.event_id,
            kind=EventNote.Kind.REQUEST,
            text=feedback.requests,
            created_by=actor,
        )
        feedback.note = note
        feedback.save(update_fields=["note"])
        audit_log(
            actor=actor,
            action="kyodo.events.feedback.noted",
            obj=note,
            changes={"event": feedback.event_id, "text": note.text},
        )
    return note
