"""Members' answers to a meeting's notice (出欠の回答): given on their page of the meeting or
taken by staff on the telephone, changeable until the meeting begins; they fill in the
attendance form afterwards and warn staff beforehand when the quorum is in doubt."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.models import AttendanceReply, Meeting, Member, Membership
from kyodo.committees.selectors import memberships_on
from kyodo.committees.services.meetings import meeting_begins_text, meeting_starts_at
from kyodo.core.audit import audit_log
from kyodo.core.roles import Role, has_role, require_role


def replies_open(meeting: Meeting) -> bool:
    """Whether answers may still be given or changed: a scheduled meeting not yet begun."""
    return meeting.status == Meeting.Status.SCHEDULED and timezone.now() < meeting_starts_at(
        meeting
    )


def attendance_reply(
    *, actor, meeting: Meeting, member: Member, answer: str, comment: str = ""
) -> AttendanceReply:
    """Record ``member``'s answer to the notice of ``meeting`` (given again: changed).

    ``actor`` is the member herself (her account) or staff taking it on the telephone. Refused
    for someone not seated on the meeting's day, for a meeting held, cancelled or begun, and for
    an answer that is not one of :class:`AttendanceReply.Answer`."""
    is_staff = has_role(actor, Role.STAFF)
    if not is_staff and (member.user_id is None or member.user_id != actor.pk):
        require_role(actor, Role.STAFF)  # someone else's answer: staff only
    if answer not in AttendanceReply.Answer.values:
        raise InvalidInput(_("Choose your attendance."))
    comment = " ".join(comment.split())
    if len(comment) > 200:
        raise InvalidInput(_("Write the message in 200 characters or fewer."))
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("committee")
            .get(pk=meeting.pk)
        )
        if not replies_open(meeting):
            raise InvalidInput(closed_message(meeting))
        if (
            not memberships_on(committee=meeting.committee, on=meeting.date)
            .filter(member=member)
            .exists()
        ):
            raise InvalidInput(
                _("%(name)s has no seat on %(meeting)s's day.")
                % {"name": member.name, "meeting": meeting}
            )
        before = AttendanceReply.objects.filter(meeting=meeting, member=member).first()
        reply, _created = AttendanceReply.objects.update_or_create(
            meeting=meeting,
            member=member,
            defaults={
                "answer": answer,
                "comment": comment,
                "answered_at": timezone.now(),
                "by_staff": is_staff and member.user_id != actor.pk,
            },
        )
        changes = {"member": member.name, "answer": [before.answer if before else None, answer]}
        if comment or (before and before.comment):
            changes["comment"] = [before.comment if before else "", comment]
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.reply",
            obj=meeting,
            changes=changes,
        )
    return reply


def closed_message(meeting: Meeting) -> str:
    """Why an answer can no longer be given, in the words the member's page shows."""
    if meeting.status == Meeting.Status.CANCELLED:
        return _("%(meeting)s has been cancelled.") % {"meeting": meeting}
    when = meeting_begins_text(meeting)
    return _(
        "%(meeting)s has begun (%(when)s): answers can no longer be changed here. Please "
        "telephone the secretariat."
    ) % {"meeting": meeting, "when": when}


@dataclass(frozen=True)
class ReplyRow:
    """One seated member and her answer (None: not answered) for the staff's table."""

    seat: Membership
    reply: AttendanceReply | None


@dataclass(frozen=True)
class ReplySummary:
    rows: list[ReplyRow]
    present: int
    online: int
    absent: int
    unanswered: int
    quorum: int | None

    @property
    def attending(self) -> int:
        return self.present + self.online

    @property
    def quorum_in_doubt(self) -> bool:
        """Fewer members say they will attend than the quorum needs (answers still missing or
        not)."""
        return self.quorum is not None and self.attending < self.quorum


def reply_summary(meeting: Meeting) -> ReplySummary:
    """The seated members of ``meeting``'s day in gojūon order with their answers, and the
    counts."""
    seats = list(memberships_on(committee=meeting.committee, on=meeting.date))
    replies = {r.member_id: r for r in AttendanceReply.objects.filter(meeting=meeting)}
    rows = [ReplyRow(seat, replies.get(seat.member_id)) for seat in seats]
    answers = [row.reply.answer for row in rows if row.reply is not None]
    return ReplySummary(
        rows=rows,
        present=answers.count(AttendanceReply.Answer.PRESENT),
        online=answers.count(AttendanceReply.Answer.ONLINE),
        absent=answers.count(AttendanceReply.Answer.ABSENT),
        unanswered=len(rows) - len(answers),
        quorum=meeting.committee.quorum,
    )


# What each answer fills in on the attendance form after the meeting.
ATTENDANCE_FROM_REPLY = {
    AttendanceReply.Answer.PRESENT: "present",
    AttendanceReply.Answer.ONLINE: "online",
    AttendanceReply.Answer.ABSENT: "absent",
}
