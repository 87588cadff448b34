"""Meetings: creation (numbered per fiscal year), rescheduling, cancelling and deleting, notices,
attendance, the committee's settings and appointments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kyodo.committees.exceptions import DateTaken, InvalidInput, NumberTaken
from kyodo.committees.models import (
    AgendaDocument,
    AgendaItem,
    Appointment,
    Attendance,
    Committee,
    Meeting,
    MeetingSecretariat,
    Member,
    Minutes,
    MinutesEntry,
    meeting_name,
)
from kyodo.committees.selectors import agenda_sections, memberships_on
from kyodo.committees.services.agenda import approval_title, carry_over_into
from kyodo.committees.services.common import (
    confirmed_approvals,
    editable_minutes,
    index_meeting,
    next_item_number,
    next_meeting,
    refuse_if_approving,
)
from kyodo.committees.speakers import salutation
from kyodo.core.audit import audit_log
from kyodo.core.mail import mail_enqueue
from kyodo.core.models import Venue
from kyodo.core.roles import Role, require_role
from kyodo.core.services import UNCHANGED, Unchanged, given, update_fields
from kyodo.core.wareki import fiscal_year, format_time_ja, format_wareki

NEXT_MEETING_TITLE = "次回{committee}日程について"


def _check_date_free(
    committee: Committee, day: date, *, exclude: Meeting | None = None, allow: bool = False
) -> None:
    """Refuse a second meeting on a day the committee already meets, unless ``allow``."""
    if allow:
        return
    clash = Meeting.objects.filter(committee=committee, date=day).exclude(
        status=Meeting.Status.CANCELLED
    )
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if first := clash.first():
        raise DateTaken(
            _("%(meeting)s is already on this day. Tick the box to hold another one that day.")
            % {"meeting": first},
            field="date",
        )


def _check_times(start_time: time | None, end_time: time | None) -> None:
    if start_time and end_time and end_time <= start_time:
        raise InvalidInput(_("The meeting cannot end before it starts."), field="end_time")


def meeting_create(
    *,
    actor,
    committee: Committee,
    date: date,
    start_time: time | None = None,
    end_time: time | None = None,
    venue: Venue | None = None,
    number: int | None = None,
    allow_same_day: bool = False,
    held_in_writing: bool = False,
    votes_close_on: date | None = None,
) -> Meeting:
    """Create a meeting, numbered 第N回 within its fiscal year, with empty draft minutes.

    The number is taken under a lock on the committee row, so two staff creating meetings at
    once cannot get the same one. Without ``number``, the numbers follow the dates: a meeting
    dated before others of its fiscal year takes the place of the first of them, and they move
    up one (each with an audit row), when none of them is held or has minutes approved or
    confirmed (:func:`numbers_follow_dates`); otherwise it takes the next free number and staff
    exchange numbers with :func:`meeting_swap_numbers`. The meetings renumbered are listed, with
    their old numbers, in the returned meeting's ``renumbered``. Items deferred at earlier
    meetings, and circulated minutes still waiting for approval, are put on the new meeting's
    agenda. A day the committee already meets is refused unless ``allow_same_day``.
    """
    require_role(actor, Role.STAFF)
    _check_times(start_time, end_time)
    _check_in_writing(date, venue, held_in_writing, votes_close_on)
    with transaction.atomic():
        Committee.objects.select_for_update().get(pk=committee.pk)
        _check_date_free(committee, date, allow=allow_same_day)
        fy = fiscal_year(date)
        same_year = Meeting.objects.filter(committee=committee, fiscal_year=fy)
        renumbered: list[tuple[Meeting, int]] = []
        if number is None:
            number = (same_year.aggregate(n=Max("number"))["n"] or 0) + 1
            if (place := numbers_follow_dates(committee, fy, date, start_time)) is not None:
                number, renumbered = place, _move_up(actor, same_year, place)
        elif number < 1 or same_year.filter(number=number).exists():
            raise NumberTaken(field="number")
        meeting = Meeting.objects.create(
            committee=committee,
            fiscal_year=fy,
            number=number,
            date=date,
            start_time=start_time,
            end_time=end_time,
            venue=venue,
            held_in_writing=held_in_writing,
            votes_close_on=votes_close_on if held_in_writing else None,
        )
        Minutes.objects.create(meeting=meeting)
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.created",
            obj=meeting,
            changes={"date": date, "number": number, "venue": venue},
        )
        carry_over_into(meeting)
    meeting.renumbered = renumbered
    return meeting


def _later(meeting: Meeting, day: date, start_time: time | None) -> bool:
    """Whether ``meeting`` comes after a meeting on ``day`` at ``start_time``: a later day, or
    the same day at a later start time (both known)."""
    if meeting.date != day:
        return meeting.date > day
    return bool(meeting.start_time and start_time and meeting.start_time > start_time)


def _renumber_refusal(meeting: Meeting) -> str | None:
    """Why ``meeting``'s number (第N回) cannot change, or None: its minutes are confirmed (a
    confirmed record never changes) or approved (what was approved is what is confirmed), or
    it approved minutes since confirmed, which print its name (``refuse_if_approving``)."""
    status = Minutes.objects.filter(meeting=meeting).values_list("status", flat=True).first()
    if status not in (Minutes.Status.CONFIRMED, Minutes.Status.APPROVED):
        try:
            refuse_if_approving(meeting, _NUMBER)
        except InvalidInput as refused:
            return str(refused.message)
        return None
    # Named as stored (the caller may hold a changed copy, or one without its committee).
    meeting = Meeting.objects.select_related("committee").get(pk=meeting.pk)
    if status == Minutes.Status.CONFIRMED:
        return _(
            "The minutes of %(meeting)s are confirmed (確定稿): a confirmed record never "
            "changes, so its number stays as it is."
        ) % {"meeting": meeting}
    return _(
        "The minutes of %(meeting)s have been approved as they are, with its number: it "
        "stays as it is."
    ) % {"meeting": meeting}


def number_fixed_reason(meeting: Meeting) -> str | None:
    """Why ``meeting``'s number (第N回) cannot change, even by 「回を入れ替える」, or None."""
    return _renumber_refusal(meeting)


def numbers_follow_dates(committee: Committee, fy: int, day: date, start_time) -> int | None:
    """The number a new meeting on ``day`` takes so that the numbers of fiscal year ``fy``
    follow the dates: that of the first meeting after it, when every meeting from that number
    on may move up one (not held, minutes neither approved nor confirmed). None when no meeting
    comes after it (the next free number follows the dates) or one of them may not move."""
    same_year = list(
        Meeting.objects.filter(committee=committee, fiscal_year=fy).select_related("committee")
    )
    place = min((m.number for m in same_year if _later(m, day, start_time)), default=None)
    if place is None:
        return None
    moving = [m for m in same_year if m.number >= place]
    if any(m.status == Meeting.Status.HELD or _renumber_refusal(m) for m in moving):
        return None
    return place


def _move_up(actor, same_year, place: int) -> list[tuple[Meeting, int]]:
    """Move every meeting numbered ``place`` or more up one, the highest first (one number per
    fiscal year at every moment); each writes an audit row. Returns (meeting, old number)."""
    moved = []
    for meeting in (
        same_year.filter(number__gte=place).select_related("committee").order_by("-number")
    ):
        _renumber(actor, meeting, meeting.number + 1)
        moved.append((meeting, meeting.number - 1))
    moved.reverse()
    return moved


def _renumber(actor, meeting: Meeting, number: int, *, old: int | None = None, **audit) -> None:
    """Give ``meeting`` the number ``number`` (free by now; ``old``: its number before, when the
    row holds a number parked meanwhile): its audit row, the approval item named after it, its
    search entries."""
    old = meeting.number if old is None else old
    meeting.number = number
    meeting.save(update_fields=["number"])
    audit_log(
        actor=actor,
        action="kyodo.committees.meeting.updated",
        obj=meeting,
        changes={"number": [old, number], **audit},
    )
    _rename_approval_items(meeting, old_number=old)
    index_meeting(meeting.pk)


def meeting_swap_numbers(
    *, actor, meeting: Meeting, other: Meeting, shown: int | None = None
) -> tuple[Meeting, Meeting]:
    """「回を入れ替える」: ``meeting`` and ``other``, of the same committee and fiscal year, exchange
    their numbers (第3回 ⇄ 第4回) in one transaction, each with an audit row; the approval items
    named after them follow. Refused, changing nothing, when either's number may not change:
    its minutes are approved or confirmed, or it approved minutes since confirmed; and when
    ``meeting``'s number is no longer ``shown``, the one the page showed (sent twice, a second
    exchange would undo the first)."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        # Numbers are taken under the committee's lock, as meeting_create takes them.
        Committee.objects.select_for_update().get(pk=meeting.committee_id)
        pair = {
            m.pk: m
            for m in Meeting.objects.select_for_update(of=("self",))
            .select_related("committee")
            .filter(pk__in=[meeting.pk, other.pk])
        }
        meeting, other = pair.get(meeting.pk), pair.get(other.pk)
        if (
            meeting is None
            or other is None
            or meeting.pk == other.pk
            or (meeting.committee_id, meeting.fiscal_year)
            != (other.committee_id, other.fiscal_year)
        ):
            raise InvalidInput(
                _("Choose another meeting of the same committee and fiscal year."),
                field="other",
            )
        if shown is not None and meeting.number != shown:
            raise InvalidInput(
                _(
                    "%(meeting)s was 第%(shown)d回 when the page was shown: its number has "
                    "changed since. Check the numbers and exchange them again if needed."
                )
                % {"meeting": meeting, "shown": shown},
                field="other",
            )
        for each in (meeting, other):
            if refused := _renumber_refusal(each):
                raise InvalidInput(refused, field="other")
        mine, theirs = meeting.number, other.number
        # One number per fiscal year at every moment: one of them waits on 0 (no meeting's).
        Meeting.objects.filter(pk=meeting.pk).update(number=0)
        _renumber(actor, other, mine, swapped_with=format_wareki(meeting.date))
        _renumber(actor, meeting, theirs, old=mine, swapped_with=format_wareki(other.date))
    return meeting, other


_WHEN_WHERE = ("date", "start_time", "end_time", "venue")


def _check_in_writing(day, venue, held_in_writing: bool, votes_close_on) -> None:
    """A meeting held in writing (書面開催) has no venue, and its written votes close on or after
    the day its papers go out (``date``); only such a meeting has a closing day."""
    if not held_in_writing:
        if votes_close_on is not None:
            raise InvalidInput(
                _("Only a meeting held in writing has a closing day for the written votes."),
                field="votes_close_on",
            )
        return
    if venue is not None:
        raise InvalidInput(_("A meeting held in writing has no venue."), field="venue")
    if votes_close_on is not None and votes_close_on < day:
        raise InvalidInput(
            _("The written votes cannot close before the day the papers are sent."),
            field="votes_close_on",
        )


def meeting_update(
    *,
    actor,
    meeting: Meeting,
    date: date,
    start_time: time | None,
    end_time: time | None,
    venue: Venue | None,
    status: str,
    number: int | Unchanged = UNCHANGED,
    allow_same_day: bool = False,
    held_in_writing: bool | Unchanged = UNCHANGED,
    votes_close_on: date | Unchanged | None = UNCHANGED,
) -> Meeting:
    """Reschedule a meeting (date, times, venue; None = 未定), renumber it or record it as held.

    A new date renumbers as :func:`meeting_create` numbers (:func:`_follow_move`): past
    meetings not held yet it takes the number of the last one it passes and they move one; in
    another fiscal year (refused for a held meeting) it is numbered there. The renumbered
    meetings are listed, with their old numbers, in the returned meeting's ``renumbered``.
    ``number`` renumbers it by hand: one number per committee and fiscal year, so a number
    another meeting has is refused; the approval item that carries its minutes follows the new
    name. When the members were already sent the
    notice, each is told of the new day or place. Cancelling is :func:`meeting_cancel`.
    """
    require_role(actor, Role.STAFF)
    if status not in (Meeting.Status.SCHEDULED, Meeting.Status.HELD):
        raise InvalidInput(
            _("Choose scheduled or held; cancel a meeting with 中止."), field="status"
        )
    _check_times(start_time, end_time)

    def check(meeting: Meeting, before: Meeting) -> None:
        if meeting.number != before.number and (refused := _renumber_refusal(before)):
            raise InvalidInput(refused, field="number")
        editable_minutes(meeting)
        _check_in_writing(
            meeting.date, meeting.venue, meeting.held_in_writing, meeting.votes_close_on
        )
        if before.status == Meeting.Status.CANCELLED:
            raise InvalidInput(_("This meeting has been cancelled."))
        if (new_year := fiscal_year(meeting.date)) != before.fiscal_year:
            # Its number belongs to the fiscal year: in another year it is another 第N回.
            _check_may_leave_year(before, meeting)
            meeting.fiscal_year = new_year
        if meeting.status == Meeting.Status.HELD and meeting.date > timezone.localdate():
            raise InvalidInput(
                _("A meeting in the future cannot be recorded as held."), field="status"
            )
        if meeting.status == Meeting.Status.HELD and before.status != Meeting.Status.HELD:
            check_started(meeting, field="status")
        if meeting.date != before.date:
            _check_date_free(meeting.committee, meeting.date, exclude=meeting, allow=allow_same_day)
        if meeting.number != before.number:
            _check_number_free(meeting)
        for name, what in _APPROVAL_FACTS:
            if getattr(meeting, name) != getattr(before, name):
                refuse_if_approving(before, what, field=name)
        # Last, once nothing more may refuse the change: the numbers follow the new date.
        meeting.renumbered = _follow_move(actor, meeting, before)

    def tell_members(meeting: Meeting, before: Meeting) -> dict:
        # After the save: members who had the notice hear of a new day, time or venue; the
        # audit row says how many.
        moved = any(getattr(before, f) != getattr(meeting, f) for f in _WHEN_WHERE)
        if not (moved and meeting.notice_sent_at and meeting.status == Meeting.Status.SCHEDULED):
            return {}
        # Moved past another meeting or into another year, it has another 第N回: the mail
        # names the meeting as the notice did, then as it is now.
        renamed = (before.fiscal_year, before.number) != (meeting.fiscal_year, meeting.number)
        old_name = meeting_name(before.fiscal_year, before.number, meeting.committee.name)
        told = _mail_members(
            meeting,
            "committees/mail/meeting_changed.txt",
            kind="changed",
            before=before,
            old_name=old_name if renamed else "",
        )
        return {"members_told": told} if told else {}

    with transaction.atomic():
        meeting, changes = update_fields(
            actor=actor,
            instance=meeting,
            values={
                "date": date,
                "start_time": start_time,
                "end_time": end_time,
                "venue": venue,
                "status": status,
                **given(
                    number=number,
                    held_in_writing=held_in_writing,
                    votes_close_on=votes_close_on,
                ),
            },
            fields=[
                *_WHEN_WHERE,
                "status",
                "number",
                "fiscal_year",
                "held_in_writing",
                "votes_close_on",
            ],
            action="kyodo.committees.meeting.updated",
            before_save=check,
            audit_extra=tell_members,
        )
        if meeting.status == Meeting.Status.HELD:
            secretariat_keep(meeting)
            # The monthly report handed out at the meeting is what it heard: kept as it is now
            # if staff did not hand it out before.
            from kyodo.reports.services import meeting_reports_freeze

            meeting_reports_freeze(actor=actor, meeting=meeting)
        if "number" in changes or "fiscal_year" in changes:
            _rename_approval_items(
                meeting,
                old_number=changes.get("number", [meeting.number])[0],
                old_fiscal_year=changes.get("fiscal_year", [meeting.fiscal_year])[0],
            )
        if "date" in changes or "number" in changes:
            index_meeting(meeting.pk)
    return meeting


# What confirmed minutes print of the meeting that approved them, or rely on (the quorum's
# day, whether receipts came before it began): fixed once they are confirmed.
_NUMBER = _lazy("number (第N回)")
_APPROVAL_FACTS = (
    ("date", _lazy("date")),
    ("start_time", _lazy("start time")),
    ("number", _NUMBER),
    ("status", _lazy("record of being held")),
)


def _check_number_free(meeting: Meeting) -> None:
    """Refuse a number below 1, or one another meeting of the committee has in the fiscal year
    (naming it, so that staff can give that one another number first)."""
    if meeting.number < 1:
        raise InvalidInput(_("The meeting number must be 1 or more."), field="number")
    # Numbers are taken under the committee's lock, as meeting_create takes them.
    Committee.objects.select_for_update().get(pk=meeting.committee_id)
    clash = (
        Meeting.objects.filter(
            committee=meeting.committee_id, fiscal_year=meeting.fiscal_year, number=meeting.number
        )
        .exclude(pk=meeting.pk)
        .select_related("committee")
        .first()
    )
    if clash is not None:
        raise NumberTaken(
            _(
                "%(meeting)s already exists (%(date)s). To exchange the two meetings' numbers, "
                "use 「Exchange the numbers」 on this meeting's page."
            )
            % {"meeting": clash, "date": format_wareki(clash.date)},
            field="number",
        )


def _may_move(meeting: Meeting) -> bool:
    """Whether the numbers may move ``meeting`` by themselves: not held, and its number may
    change at all (:func:`_renumber_refusal`). Staff exchange any other's by hand."""
    return meeting.status != Meeting.Status.HELD and _renumber_refusal(meeting) is None


def _check_may_leave_year(before: Meeting, meeting: Meeting) -> None:
    """Refuse to move a meeting into another fiscal year when its number may not change: it
    was held (a held meeting keeps its 第N回), or its minutes are approved or confirmed."""
    stored = Meeting.objects.select_related("committee").get(pk=before.pk)
    if before.status == Meeting.Status.HELD or meeting.status == Meeting.Status.HELD:
        raise InvalidInput(
            _(
                "%(meeting)s has been held: it keeps its number, so its date cannot move to "
                "another fiscal year."
            )
            % {"meeting": stored},
            field="date",
        )
    if refused := _renumber_refusal(stored):
        raise InvalidInput(refused, field="date")


def _follow_move(actor, meeting: Meeting, before: Meeting) -> list[tuple[Meeting, int]]:
    """The numbers after ``meeting`` (locked, not saved yet) moved from ``before``'s date.

    As :func:`meeting_create` numbers a meeting added between others: a scheduled meeting
    moved past others of its fiscal year takes the number of the last one it passed, and the
    ones it passed (with any numbered between) move one towards the place it left, each with
    its audit row, when none of them is held or has minutes approved or confirmed
    (:func:`_may_move`); otherwise every number stays and staff exchange them
    (:func:`meeting_swap_numbers`). A meeting moved to another fiscal year leaves its number
    free (the later ones of that year move down one, when they all may) and is numbered in the
    new one as a meeting created there would be. A number typed by staff is kept (checked
    free by :func:`_check_number_free`). Returns the other meetings renumbered, with their old
    numbers; sets ``meeting.number``.
    """
    typed = meeting.number != before.number
    year_changed = meeting.fiscal_year != before.fiscal_year
    same_day_time = (meeting.date, meeting.start_time) == (before.date, before.start_time)
    if not year_changed and (typed or same_day_time):
        return []
    if not year_changed and (meeting.status == Meeting.Status.HELD or not _may_move(before)):
        return []
    others = (
        Meeting.objects.filter(committee=meeting.committee_id)
        .exclude(pk=meeting.pk)
        .select_related("committee")
    )
    old_year = list(others.filter(fiscal_year=before.fiscal_year).order_by("number"))
    n = before.number
    if year_changed:
        block, step = [m for m in old_year if m.number > n], -1
    elif _later(meeting, before.date, before.start_time):
        passed = [
            m for m in old_year if m.number > n and not _later(m, meeting.date, meeting.start_time)
        ]
        last = max((m.number for m in passed), default=n)
        block, step = [m for m in old_year if n < m.number <= last], -1
        target = last
    else:
        passed = [
            m for m in old_year if m.number < n and _later(m, meeting.date, meeting.start_time)
        ]
        first = min((m.number for m in passed), default=n)
        block, step = [m for m in old_year if first <= m.number < n], 1
        target = first
    moved: list[tuple[Meeting, int]] = []
    if block and all(_may_move(m) for m in block):
        # One number per fiscal year at every moment: the moving meeting waits on 0 (no
        # meeting's), and the others move into the free place one by one.
        Meeting.objects.filter(pk=meeting.pk).update(number=0)
        for other in block if step < 0 else reversed(block):
            old = other.number
            _renumber(actor, other, old + step)
            moved.append((other, old))
        moved.sort(key=lambda pair: pair[0].number)
        if not year_changed:
            meeting.number = target
    elif not year_changed:
        return []
    if year_changed and not typed:
        Meeting.objects.filter(pk=meeting.pk).update(number=0)
        new_year = others.filter(fiscal_year=meeting.fiscal_year)
        meeting.number = (new_year.aggregate(n=Max("number"))["n"] or 0) + 1
        place = numbers_follow_dates(
            meeting.committee, meeting.fiscal_year, meeting.date, meeting.start_time
        )
        if place is not None:
            meeting.number = place
            moved += _move_up(actor, new_year, place)
    return moved


def numbers_out_of_order(meeting: Meeting) -> Meeting | None:
    """A meeting of ``meeting``'s fiscal year whose number and date are in the opposite order
    to its own (a lower number but a later date, or a higher number but an earlier one), the
    first by number; None when the numbers follow the dates. Cancelled meetings do not count."""
    same_year = (
        Meeting.objects.filter(committee=meeting.committee_id, fiscal_year=meeting.fiscal_year)
        .exclude(pk=meeting.pk)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("committee")
        .order_by("number")
    )
    return same_year.filter(
        Q(number__lt=meeting.number, date__gt=meeting.date)
        | Q(number__gt=meeting.number, date__lt=meeting.date)
    ).first()


def _rename_approval_items(
    meeting: Meeting, *, old_number: int, old_fiscal_year: int | None = None
) -> None:
    """The approval item of the meeting's minutes was titled after its old number (and fiscal
    year, ``old_fiscal_year`` when it moved to another) (``approval_title``): it takes the new
    one, where its own minutes can still change and staff did not retitle it."""
    year = meeting.fiscal_year if old_fiscal_year is None else old_fiscal_year
    old_title = f"{meeting_name(year, old_number, meeting.committee.name)}会議録について"
    items = AgendaItem.objects.filter(
        minutes_for__meeting=meeting,
        title=old_title,
        meeting__minutes__status__in=[Minutes.Status.DRAFT, Minutes.Status.CIRCULATED],
    )
    for item in items:
        item.title = approval_title(meeting.minutes)
        item.save(update_fields=["title"])
        index_meeting(item.meeting_id)


def meeting_cancel(*, actor, meeting: Meeting, reason: str = "") -> Meeting:
    """Cancel (中止) a meeting that has not been held.

    What earlier meetings had carried onto its agenda (deferred items, minutes to approve) is
    taken off again and goes to the next meeting; members who had the notice are told.
    """
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
        editable_minutes(meeting)
        if meeting.status != Meeting.Status.SCHEDULED:
            raise InvalidInput(_("Only a meeting that has not been held can be cancelled."))
        if MinutesEntry.objects.filter(item__meeting=meeting).exists():
            raise InvalidInput(_("The meeting already has minutes: it was not cancelled."))
        carried = meeting.items.filter(
            Q(carried_from__isnull=False) | Q(minutes_for__isnull=False),
            decision__isnull=True,
        )
        released = [item.title for item in carried]
        carried.delete()
        meeting.status = Meeting.Status.CANCELLED
        meeting.save(update_fields=["status"])
        told = 0
        if meeting.notice_sent_at:
            told = _mail_members(
                meeting, "committees/mail/meeting_cancelled.txt", kind="cancelled", reason=reason
            )
        if following := next_meeting(meeting):
            carry_over_into(following)
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.cancelled",
            obj=meeting,
            changes={"reason": reason, "released": released, "members_told": told},
        )
    return meeting


def meeting_delete(*, actor, meeting: Meeting) -> None:
    """Delete a meeting created by mistake: only while no notice went out and it has no minutes,
    decisions or circulation. Items it had taken over from earlier meetings become free again."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
        minutes = editable_minutes(meeting)
        if meeting.notice_sent_at is not None:
            raise InvalidInput(_("The notice has been sent: cancel the meeting instead."))
        if (
            MinutesEntry.objects.filter(item__meeting=meeting).exists()
            or meeting.items.filter(decision__isnull=False).exists()
            or minutes.circulations.exists()
            or meeting.action_items.exists()
            or AgendaDocument.objects.filter(item__meeting=meeting).exists()
        ):
            raise InvalidInput(
                _("The meeting has minutes, decisions, papers or requests: cancel it instead.")
            )
        name, committee = str(meeting), meeting.committee
        meeting.items.all().delete()
        meeting.attendances.all().delete()
        minutes.delete()
        meeting.delete()
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.deleted",
            obj=committee,
            changes={"meeting": name},
        )


def _mail_members(meeting: Meeting, template: str, *, kind: str, **context) -> int:
    """Mail every member seated on the meeting day who has an address; how many were mailed."""
    count = 0
    for seat in memberships_on(committee=meeting.committee, on=meeting.date):
        if seat.member.email:
            mail_enqueue(
                to=seat.member.email,
                template=template,
                context={
                    "meeting": meeting,
                    "member": seat.member,
                    "salutation": salutation(seat),
                    **context,
                },
                kind=f"committees.meeting.{kind}",
                related=meeting,
            )
            count += 1
    return count


def meeting_schedule_next(
    *,
    actor,
    meeting: Meeting,
    date: date,
    start_time: time | None = None,
    end_time: time | None = None,
    venue: Venue | None = None,
    allow_same_day: bool = False,
) -> Meeting:
    """Schedule the next meeting from the current one and note it under その他.

    The note reads as the seed's 「次回は2月22日(火)午後7時から。場所は未定。」; it is added only
    while the current minutes are still editable and no such item exists yet.
    """
    require_role(actor, Role.STAFF)
    if date < meeting.date:
        raise InvalidInput(_("The next meeting must be after this one."), field="date")
    if date == meeting.date:
        _check_later_same_day(meeting, start_time, allow_same_day)
    with transaction.atomic():
        following = meeting_create(
            actor=actor,
            committee=meeting.committee,
            date=date,
            start_time=start_time,
            end_time=end_time,
            venue=venue,
            allow_same_day=allow_same_day,
        )
        minutes = Minutes.objects.get(meeting=meeting)
        title = NEXT_MEETING_TITLE.format(committee=meeting.committee.name)
        # The clerk's own item about the next meeting (「次回の開催について」) counts too.
        exists = AgendaItem.objects.filter(
            meeting=meeting, category=AgendaItem.Category.OTHER, title__contains="次回"
        ).exists()
        if minutes.status in (Minutes.Status.DRAFT, Minutes.Status.CIRCULATED) and not exists:
            when = f"{date.month}月{date.day}日({format_wareki(date)[-2]})"
            if start_time:
                when += format_time_ja(start_time) + "から"
            where = f"場所は{venue.name}。" if venue else "場所は未定。"
            item = AgendaItem.objects.create(
                meeting=meeting,
                category=AgendaItem.Category.OTHER,
                number=next_item_number(meeting, AgendaItem.Category.OTHER),
                title=title,
            )
            MinutesEntry.objects.create(
                item=item,
                position=1,
                kind=MinutesEntry.Kind.STATEMENT,
                speaker="事務局",
                text=f"次回は{when}。{where}",
            )
            index_meeting(meeting.pk)
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.next_scheduled",
            obj=meeting,
            changes={"next": str(following), "date": date},
        )
    return following


def _check_later_same_day(meeting: Meeting, start_time: time | None, allow: bool) -> None:
    """The next meeting on the same day as ``meeting``: with the box ticked, and starting later
    (it comes after this one: it approves this one's minutes, see ``selectors.held_before``)."""
    if not allow:
        raise InvalidInput(
            _(
                "The next meeting is on the same day as this one: tick the box to hold another "
                "one that day, and give a start time later than this one's."
            ),
            field="allow_same_day",
        )
    if meeting.start_time is not None and (start_time is None or start_time <= meeting.start_time):
        raise InvalidInput(
            _("On the same day, the next meeting must start after %(time)s, when this one starts.")
            % {"time": format_time_ja(meeting.start_time)},
            field="start_time",
        )


def meeting_starts_at(meeting: Meeting) -> datetime:
    """When the meeting begins, in the site's time zone (its day's start when the time is not
    known): nothing of it can be recorded as having happened before then."""
    return timezone.make_aware(datetime.combine(meeting.date, meeting.start_time or time.min))


def meeting_begins_text(meeting: Meeting) -> str:
    """When the meeting begins, as messages say it: 「令和8年12月7日(月) 午後7時」 (the day alone
    when the time is not known)."""
    when = format_wareki(meeting.date)
    if meeting.start_time is not None:
        when += " " + format_time_ja(meeting.start_time)
    return when


def check_started(meeting: Meeting, *, field: str | None = None) -> None:
    """Refuse recording as held, or circulating minutes, before the meeting has begun."""
    starts = meeting_starts_at(meeting)
    if timezone.now() < starts:
        when = meeting_begins_text(meeting)
        raise InvalidInput(
            _(
                "%(meeting)s begins on %(when)s: it can be recorded as held, and its minutes "
                "sent, from then on."
            )
            % {"meeting": meeting, "when": when},
            field=field,
        )


def notice_context(meeting: Meeting, seat, *, agenda: list, center) -> dict:
    """What the notice (招集通知) says to one member: the meeting, its numbered agenda
    (``agenda_sections``), the member as seated that day (「熊田委員長」), by when to answer
    出欠 (the day before), the link to the member's page of the meeting and whether the agenda
    approves minutes (the notice mentions the drafts only then)."""
    from datetime import timedelta

    from kyodo.core.mail import absolute_url

    return {
        "meeting": meeting,
        "member": seat.member,
        "salutation": salutation(seat),
        "agenda": agenda,
        # The body's own secretariat signs when it has one (Committee.sender), else the center.
        "center": meeting.committee.sender(center),
        "reply_by": meeting.date - timedelta(days=1),
        "link": absolute_url("member:meeting", args=[meeting.pk]),
        # The page offers draft minutes only when the agenda approves some: say so only then.
        "approves_minutes": any(
            item.minutes_for_id for _number, _heading, items in agenda for item in items
        ),
    }


@dataclass(frozen=True)
class NoticeMail:
    member: Member
    to: str
    subject: str
    body: str


@dataclass(frozen=True)
class NoticePreview:
    """The notice as :func:`meeting_send_notice` sends it: one mail per member seated on the
    meeting day with an address, the members it cannot reach (no address), and what staff
    should know before sending (:func:`notice_warnings`)."""

    mails: list[NoticeMail]
    no_address: list[Member]
    warnings: list[str]


def notice_mails(*, meeting: Meeting) -> NoticePreview:
    """What the notice of ``meeting`` will send, composed as the service composes it (same
    template, same context) and nothing queued."""
    from kyodo.core.mail import render_mail
    from kyodo.core.models import Center

    agenda = agenda_sections(meeting)
    center = Center.objects.current()
    mails, no_address = [], []
    for seat in memberships_on(committee=meeting.committee, on=meeting.date):
        if not seat.member.email:
            no_address.append(seat.member)
            continue
        subject, body = render_mail(
            "committees/mail/notice.txt",
            notice_context(meeting, seat, agenda=agenda, center=center),
        )
        mails.append(NoticeMail(seat.member, seat.member.email, subject, body))
    return NoticePreview(mails=mails, no_address=no_address, warnings=notice_warnings(meeting))


def notice_warnings(meeting: Meeting) -> list[str]:
    """What staff should know before sending a notice, though it may go: the venue is not
    decided (the notice says 「未定」), or the meeting has already begun."""
    warnings = []
    if meeting.venue_id is None and not meeting.held_in_writing:
        warnings.append(
            _(
                "The venue is not decided: the notice will say 「未定」. Set the venue on the "
                "meeting's edit page first, unless you mean to tell the members it later."
            )
        )
    if timezone.now() >= meeting_starts_at(meeting):
        when = meeting_begins_text(meeting)
        warnings.append(
            _("%(meeting)s has already begun (%(when)s): the notice would reach the members late.")
            % {"meeting": meeting, "when": when}
        )
    return warnings


def meeting_send_notice(*, actor, meeting: Meeting) -> int:
    """Send the notice (招集通知) with the agenda to every seated member with an address.

    A notice without a venue, or sent after the meeting began, still goes (staff were warned on
    the page that shows it first: :func:`notice_warnings`)."""
    from kyodo.core.models import Center

    require_role(actor, Role.STAFF)
    center = Center.objects.current()
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("committee", "venue")
            .get(pk=meeting.pk)
        )
        if meeting.status != Meeting.Status.SCHEDULED:
            raise InvalidInput(_("A notice can only be sent for a scheduled meeting."))
        agenda = agenda_sections(meeting)
        count = 0
        for seat in memberships_on(committee=meeting.committee, on=meeting.date):
            if seat.member.email:
                mail_enqueue(
                    to=seat.member.email,
                    template="committees/mail/notice.txt",
                    context=notice_context(meeting, seat, agenda=agenda, center=center),
                    kind="committees.meeting.notice",
                    related=meeting,
                )
                count += 1
        meeting.notice_sent_at = timezone.now()
        meeting.save(update_fields=["notice_sent_at"])
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.notice_sent",
            obj=meeting,
            changes={"recipients": count},
        )
    return count


def attendance_record(*, actor, meeting: Meeting, member: Member, status: str) -> Attendance:
    """Record whether a seated member attended (出席 / 欠席 / オンライン)."""
    with transaction.atomic():
        attendance = _attendance_write(actor=actor, meeting=meeting, member=member, status=status)
        _check_quorum_kept(meeting)
    return attendance


def attendance_record_all(*, actor, meeting: Meeting, statuses: list[tuple[Member, str]]) -> int:
    """Record the attendance form of a meeting at once: all of it, or none of it. The quorum an
    approval rests on is checked once, on the form as a whole (a form that swaps who attended
    passes through fewer present on its way)."""
    with transaction.atomic():
        for member, status in statuses:
            _attendance_write(actor=actor, meeting=meeting, member=member, status=status)
        _check_quorum_kept(meeting)
    return len(statuses)


def _attendance_write(*, actor, meeting: Meeting, member: Member, status: str) -> Attendance:
    require_role(actor, Role.STAFF)
    if status not in Attendance.Status.values:
        raise InvalidInput()
    editable_minutes(meeting)
    if not memberships_on(committee=meeting.committee, on=meeting.date).filter(member=member):
        raise InvalidInput(_("This person held no seat on the day of the meeting."))
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting, member=member, defaults={"status": status}
    )
    secretariat_keep(meeting)
    audit_log(
        actor=actor,
        action="kyodo.committees.attendance.recorded",
        obj=meeting,
        changes={"member": member.name, "attendance": status},
    )
    return attendance


def _check_quorum_kept(meeting: Meeting) -> None:
    """Refuse attendance below the quorum at a meeting that approved minutes since confirmed."""
    quorum = meeting.committee.quorum
    if quorum and confirmed_approvals(meeting):
        present = Attendance.objects.filter(
            meeting=meeting, status__in=[Attendance.Status.PRESENT, Attendance.Status.ONLINE]
        ).count()
        if present < quorum:
            refuse_if_approving(meeting, _("attendance below its quorum"))


def secretariat_keep(meeting: Meeting) -> list[MeetingSecretariat]:
    """Keep the committee's secretariat list as this meeting's own, once: when the meeting is
    recorded as held, its attendance first recorded or its draft sent. From then on, changes to the list (someone
    taken off it) leave the meeting, its draft and its minutes as they were. Called inside the
    caller's transaction."""
    # Under the meeting's row lock: attendance and "held" may be recorded at the same moment.
    list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk"))
    kept = list(MeetingSecretariat.objects.filter(meeting=meeting))
    if kept:
        return kept
    return MeetingSecretariat.objects.bulk_create(
        MeetingSecretariat(
            meeting=meeting,
            person=person,
            name=person.name,
            name_reading=person.name_reading,
            title=person.title,
            order=person.order,
            user_id=person.user_id,
        )
        for person in meeting.committee.secretariat.all()
    )


def meeting_secretariat_set(*, actor, meeting: Meeting, attended: set[int]) -> int:
    """Staff say who of the meeting's secretariat attended (``attended``: ``MeetingSecretariat``
    ids); the draft's 事務局 line lists them. Refused once the minutes are approved or confirmed.
    Returns how many attended."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        editable_minutes(meeting)
        people = list(secretariat_keep(meeting))
        if not attended <= {p.pk for p in people}:
            raise InvalidInput(_("Choose people of this meeting's secretariat."))
        before = sorted(p.name for p in people if p.attended)
        for person in people:
            person.attended = person.pk in attended
        MeetingSecretariat.objects.bulk_update(people, ["attended"])
        after = sorted(p.name for p in people if p.attended)
        if before != after:
            audit_log(
                actor=actor,
                action="kyodo.committees.attendance.recorded",
                obj=meeting,
                changes={"secretariat": [before, after]},
            )
    return len(after)


COMMITTEE_FIELDS = [
    "name",
    "purpose",
    "min_members",
    "max_members",
    "quorum",
    "speaker_labels",
    "record_kind",
    "office_name",
    "office_phone",
    "office_email",
    "office_address",
]


def committee_update(*, actor, committee: Committee, **values) -> Committee:
    """Staff change the committee's name, purpose, size (minimum and maximum members), quorum,
    or how published minutes label the members (by role or by name)."""
    require_role(actor, Role.STAFF)
    from kyodo.committees.models import RecordKind, SpeakerLabels

    if "speaker_labels" in values and values["speaker_labels"] not in SpeakerLabels.values:
        raise InvalidInput()
    if "record_kind" in values and values["record_kind"] not in RecordKind.values:
        raise InvalidInput()
    if "name" in values:
        values["name"] = " ".join(values["name"].split())
        if not values["name"]:
            raise InvalidInput(_("Give the committee's name."), field="name")

    committee, changes = update_fields(
        actor=actor,
        instance=committee,
        values=values,
        fields=COMMITTEE_FIELDS,
        action="kyodo.committees.committee.updated",
        before_save=lambda after, _before: committee_check(after),
    )
    if "speaker_labels" in changes or "name" in changes or "record_kind" in changes:
        # Drafts follow at once; confirmed minutes keep the labels (and the title) they were
        # frozen with.
        for meeting_id in committee.meetings.filter(minutes__current_version=None).values_list(
            "pk", flat=True
        ):
            index_meeting(meeting_id)
    return committee


def committee_check(after: Committee) -> None:
    """A committee's size and quorum agree, and its name is its center's only one."""
    low, high = after.min_members, after.max_members
    if low is not None and high is not None and low > high:
        raise InvalidInput(
            _("The minimum number of members cannot be more than the maximum."),
            field="min_members",
        )
    if after.quorum is not None and high is not None and after.quorum > high:
        raise InvalidInput(
            _("The quorum cannot be more than the maximum number of members."),
            field="quorum",
        )
    if (
        Committee.objects.filter(center_id=after.center_id, name=after.name)
        .exclude(pk=after.pk)
        .exists()
    ):
        raise InvalidInput(
            _("A committee named %(name)s already exists.") % {"name": after.name},
            field="name",
        )


def appointment_add(
    *,
    actor,
    committee: Committee,
    member: Member,
    title: str,
    term_start: date,
    term_end: date | None = None,
    decided_at: AgendaItem | None = None,
) -> Appointment:
    """Record a position with a term (社会福祉協議会担当理事候補 until 4月1日)."""
    require_role(actor, Role.STAFF)
    if not title.strip():
        raise InvalidInput(_("Name the position."))
    if term_end and term_end < term_start:
        raise InvalidInput(_("The term ends before it starts."))
    with transaction.atomic():
        appointment = Appointment.objects.create(
            committee=committee,
            member=member,
            title=title.strip(),
            term_start=term_start,
            term_end=term_end,
            decided_at=decided_at,
        )
        audit_log(
            actor=actor,
            action="kyodo.committees.appointment.added",
            obj=appointment,
            changes={"member": member.name, "term": [term_start, term_end]},
        )
    return appointment
