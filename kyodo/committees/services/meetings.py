"""Meetings: creation (numbered per fiscal year), changes, notices, attendance, the committee's settings and appointments."""

from __future__ import annotations

from datetime import date, time

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import (
    InvalidInput,
    NumberTaken,
)
from kyodo.committees.models import (
    AgendaItem,
    Appointment,
    Attendance,
    Committee,
    Meeting,
    Member,
    Minutes,
    MinutesEntry,
)
from kyodo.committees.selectors import memberships_on
from kyodo.committees.services.agenda import carry_over_into
from kyodo.committees.services.common import editable_minutes, next_item_number
from kyodo.core.audit import audit_log
from kyodo.core.models import Venue
from kyodo.core.outbox import outbox_enqueue
from kyodo.core.roles import Role, require_role
from kyodo.core.wareki import fiscal_year, format_time_ja, format_time_range_ja, format_wareki

NEXT_MEETING_TITLE = "次回{committee}日程について"


def meeting_create(
    *,
    actor,
    committee: Committee,
    date: date,
    start_time: time | None = None,
    end_time: time | None = None,
    venue: Venue | None = None,
    number: int | None = None,
) -> Meeting:
    """Create a meeting, numbered 第N回 within its fiscal year, with empty draft minutes.

    The number is taken under a lock on the committee row, so two staff creating meetings at
    once cannot get the same one. Items deferred at earlier meetings, and circulated minutes
    still waiting for approval, are put on the new meeting's agenda.
    """
    require_role(actor, Role.STAFF)
    if start_time and end_time and end_time <= start_time:
        raise InvalidInput(_("The meeting cannot end before it starts."))
    with transaction.atomic():
        Committee.objects.select_for_update().get(pk=committee.pk)
        fy = fiscal_year(date)
        same_year = Meeting.objects.filter(committee=committee, fiscal_year=fy)
        if number is None:
            number = (same_year.aggregate(n=Max("number"))["n"] or 0) + 1
        elif number < 1 or same_year.filter(number=number).exists():
            raise NumberTaken()
        meeting = Meeting.objects.create(
            committee=committee,
            fiscal_year=fy,
            number=number,
            date=date,
            start_time=start_time,
            end_time=end_time,
            venue=venue,
        )
        Minutes.objects.create(meeting=meeting)
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.created",
            obj=meeting,
            changes={"date": date, "number": number, "venue": venue},
        )
        carry_over_into(meeting)
    return meeting


def meeting_update(
    *,
    actor,
    meeting: Meeting,
    start_time: time | None,
    end_time: time | None,
    venue: Venue | None,
    status: str,
) -> Meeting:
    """Change the times, venue (None = 未定) or status; the date stays (it fixes the number)."""
    require_role(actor, Role.STAFF)
    if start_time and end_time and end_time <= start_time:
        raise InvalidInput(_("The meeting cannot end before it starts."))
    with transaction.atomic():
        editable_minutes(meeting)
        before = {f: getattr(meeting, f) for f in ("start_time", "end_time", "venue", "status")}
        meeting.start_time, meeting.end_time = start_time, end_time
        meeting.venue, meeting.status = venue, status
        meeting.save(update_fields=["start_time", "end_time", "venue", "status"])
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.updated",
            obj=meeting,
            changes={k: [v, getattr(meeting, k)] for k, v in before.items()},
        )
    return meeting


def meeting_schedule_next(
    *,
    actor,
    meeting: Meeting,
    date: date,
    start_time: time | None = None,
    end_time: time | None = None,
    venue: Venue | None = None,
) -> Meeting:
    """Schedule the next meeting from the current one and note it under その他.

    The note reads as the seed's 「次回は2月22日(火)午後7時から。場所は未定。」; it is added only
    while the current minutes are still editable and no such item exists yet.
    """
    require_role(actor, Role.STAFF)
    if date <= meeting.date:
        raise InvalidInput(_("The next meeting must be after this one."))
    with transaction.atomic():
        following = meeting_create(
            actor=actor,
            committee=meeting.committee,
            date=date,
            start_time=start_time,
            end_time=end_time,
            venue=venue,
        )
        minutes = Minutes.objects.get(meeting=meeting)
        title = NEXT_MEETING_TITLE.format(committee=meeting.committee.name)
        exists = AgendaItem.objects.filter(
            meeting=meeting, category=AgendaItem.Category.OTHER, title=title
        ).exists()
        if not minutes.is_confirmed and not exists:
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
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.next_scheduled",
            obj=meeting,
            changes={"next": str(following), "date": date},
        )
    return following


def meeting_send_notice(*, actor, meeting: Meeting) -> int:
    """Send the notice (招集通知) with the agenda to every seated member with an address."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != Meeting.Status.SCHEDULED:
            raise InvalidInput(_("A notice can only be sent for a scheduled meeting."))
        body = notice_text(meeting)
        subject = f"【招集通知】{meeting}"
        count = 0
        for seat in memberships_on(committee=meeting.committee, on=meeting.date):
            if seat.member.email:
                outbox_enqueue(
                    to=seat.member.email,
                    subject=subject,
                    body=f"{seat.member.name}委員\n\n{body}",
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


def notice_text(meeting: Meeting) -> str:
    """The body of the notice: when, where (or 未定) and the agenda by category."""
    lines = [
        f"{meeting}を下記のとおり開催します。",
        "",
        f"■開催日時：{format_wareki(meeting.date)}",
    ]
    if meeting.start_time and meeting.end_time:
        lines[-1] += " " + format_time_range_ja(meeting.start_time, meeting.end_time)
    elif meeting.start_time:
        lines[-1] += " " + format_time_ja(meeting.start_time) + "から"
    lines.append(f"■開催会場：{meeting.venue.name if meeting.venue else '未定'}")
    lines.append("■議題")
    items = list(meeting.items.all())
    for category in AgendaItem.CATEGORY_ORDER:
        in_category = [i for i in items if i.category == category]
        if in_category:
            lines.append(f"{AgendaItem.CATEGORY_JA[category]}")
            lines.extend(f"  {i.number}. {i.title}" for i in in_category)
    return "\n".join(lines) + "\n"


def attendance_record(*, actor, meeting: Meeting, member: Member, status: str) -> Attendance:
    """Record whether a seated member attended (出席 / 欠席 / オンライン)."""
    require_role(actor, Role.STAFF)
    if status not in Attendance.Status.values:
        raise InvalidInput()
    with transaction.atomic():
        editable_minutes(meeting)
        if not memberships_on(committee=meeting.committee, on=meeting.date).filter(member=member):
            raise InvalidInput(_("This person held no seat on the day of the meeting."))
        attendance, _created = Attendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"status": status}
        )
        audit_log(
            actor=actor,
            action="kyodo.committees.attendance.recorded",
            obj=meeting,
            changes={"member": member.name, "status": status},
        )
    return attendance


def committee_update(*, actor, committee: Committee, speaker_labels: str) -> Committee:
    """Change how published minutes label the members (by role or by name)."""
    require_role(actor, Role.STAFF)
    from kyodo.committees.models import SpeakerLabels

    if speaker_labels not in SpeakerLabels.values:
        raise InvalidInput()
    with transaction.atomic():
        changes = {"speaker_labels": [committee.speaker_labels, speaker_labels]}
        committee.speaker_labels = speaker_labels
        committee.save(update_fields=["speaker_labels"])
        audit_log(
            actor=actor, action="kyodo.committees.committee.updated", obj=committee, changes=changes
        )
    return committee


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
