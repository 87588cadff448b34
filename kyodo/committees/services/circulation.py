"""Circulating draft minutes to the members: personal links, receipts, correction requests."""

from __future__ import annotations

import hashlib
import json
import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import (
    InvalidInput,
    MinutesApproved,
    MinutesConfirmed,
)
from kyodo.committees.models import (
    Circulation,
    CirculationRecipient,
    CorrectionRequest,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    entry_line,
)
from kyodo.committees.selectors import memberships_on
from kyodo.committees.services.agenda import carry_over_into
from kyodo.committees.services.common import approving_meeting, next_meeting
from kyodo.committees.services.meetings import check_started, meeting_update, secretariat_keep
from kyodo.committees.speakers import salutation
from kyodo.core.audit import audit_log
from kyodo.core.mail import absolute_url, mail_enqueue
from kyodo.core.models import Center, OutboxMessage
from kyodo.core.people import staff_inbox
from kyodo.core.roles import Role, require_role

# The reason a second sending gives when staff type none.
DEFAULT_RESEND_REASON = "未定稿を修正しましたので、あらためてご確認ください。"
# What one member's link sent again says: the same link, the first mail may not have arrived.
RESEND_LINK_REASON = (
    "先にお送りしたメールが届いていないおそれがあるため、同じご案内をもう一度お送りします。"
)


def _salutation_on(member, minutes: Minutes) -> str:
    """「山辺委員」, 「熊田委員長」: the member as the seat held on the meeting day names them
    (委員 when no seat covers that day)."""
    seat = next(
        (
            s
            for s in memberships_on(committee=minutes.meeting.committee, on=minutes.meeting.date)
            if s.member_id == member.pk
        ),
        None,
    )
    return salutation(seat) if seat is not None else f"{member.name}委員"


def circulation_context(recipient: CirculationRecipient, *, again: bool, reason: str) -> dict:
    """What the circulation mail says to one member: the meeting and its date, the meeting that
    is to approve the draft, the personal link and, sent again, why."""
    minutes = recipient.circulation.minutes
    return {
        "minutes": minutes,
        "member": recipient.member,
        "salutation": _salutation_on(recipient.member, minutes),
        "approving": approving_meeting(minutes),
        "link": absolute_url("committees:check", args=[recipient.token]),
        "again": again,
        "reason": reason,
        # The body's own secretariat signs when it has one, else the center (the layout's).
        "center": minutes.meeting.committee.sender(Center.objects.current()),
    }


def _send_to(recipient: CirculationRecipient, *, again: bool = False, reason: str = "") -> None:
    """Mail the member their personal link to the draft (sent again: 【再送】 and why)."""
    recipient.message = mail_enqueue(
        to=recipient.member.email,
        template="committees/mail/circulation.txt",
        context=circulation_context(recipient, again=again, reason=reason),
        kind="committees.minutes.circulation",
        related=recipient,
    )
    recipient.save(update_fields=["message"])


def draft_fingerprint(minutes: Minutes) -> str:
    """SHA-256 of the draft's items and entries as they are now: kept with each circulation,
    so that the approval can tell that the draft changed after the members received it."""
    rows = (
        MinutesEntry.objects.filter(item__meeting=minutes.meeting_id)
        .order_by("item__category", "item__number", "position", "pk")
        .values_list("item__category", "item__number", "item__title", "kind", "speaker", "text")
    )
    data = json.dumps([list(row) for row in rows], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


def check_circulable(meeting: Meeting) -> None:
    """Refuse sending the draft of a meeting that has not taken place: one that has not begun
    (the message says when it begins) or one cancelled (中止). A meeting that has begun but
    that staff have not yet recorded as held (開催済み) may be sent: sending records it as held
    (:func:`held_when_circulated`)."""
    check_started(meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise InvalidInput(_("This meeting has been cancelled."))


def held_when_circulated(meeting: Meeting) -> bool:
    """Whether sending the draft of ``meeting`` also records it as held (開催済み): it has begun
    (:func:`check_circulable`) but is still 予定, the secretariat having forgotten to record it.
    Minutes are only written of a meeting that took place, so sending them says it did; the
    page that asks first says so."""
    return meeting.status == Meeting.Status.SCHEDULED


def circulation_refusal(minutes: Minutes) -> str | None:
    """Why the draft cannot be sent to the members now, or None: what the minutes page says
    instead of offering 「委員に送付する」 (the page offers it for drafts only)."""
    try:
        check_circulable(minutes.meeting)
    except InvalidInput as error:
        return str(error)
    return None


def minutes_circulate(*, actor, minutes: Minutes, reason: str = "") -> Circulation:
    """Send the draft minutes to every member seated on the meeting day, each a personal link.

    Members without an address get a link too (staff hand the minutes over on paper). The
    minutes go on the next meeting's agenda for approval. Sent again, each member gets a new
    link and records the receipt again, except that a copy handed over on paper stays recorded
    (staff were told so on the page that asked first). Sent again, the mail says 【再送】 and
    why (``reason``, else :data:`DEFAULT_RESEND_REASON`), and the old links lead to the new
    ones. Refused before the meeting has begun and for a cancelled meeting
    (:func:`check_circulable`). A meeting that has begun but is still 予定 is recorded as held
    (開催済み) in the same transaction, as its edit page would (``meeting_update``: its own audit
    row, the secretariat kept, the monthly report handed out frozen).
    """
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
        if minutes.is_confirmed:
            raise MinutesConfirmed()
        if minutes.status == Minutes.Status.APPROVED:
            raise MinutesApproved()
        check_circulable(minutes.meeting)
        if not MinutesEntry.objects.filter(item__meeting=minutes.meeting).exists():
            raise InvalidInput(_("The minutes have no entries yet."))
        if held_when_circulated(minutes.meeting):
            meeting = minutes.meeting
            minutes.meeting = meeting_update(
                actor=actor, meeting=meeting, date=meeting.date, start_time=meeting.start_time,
                end_time=meeting.end_time, venue=meeting.venue, status=Meeting.Status.HELD,
            )  # fmt: skip
        # The draft sent is the meeting's: its 事務局 line no longer follows the committee's list.
        secretariat_keep(minutes.meeting)
        previous = Circulation.objects.filter(minutes=minutes).order_by("-created_at", "-pk")
        on_paper = {}
        if last := previous.first():
            on_paper = dict(
                last.recipients.filter(paper_at__isnull=False).values_list("member_id", "paper_at")
            )
        again = last is not None
        reason = (reason.strip() or DEFAULT_RESEND_REASON) if again else ""
        circulation = Circulation.objects.create(
            minutes=minutes, reason=reason, draft_sha256=draft_fingerprint(minutes)
        )
        for seat in memberships_on(committee=minutes.meeting.committee, on=minutes.meeting.date):
            recipient = CirculationRecipient.objects.create(
                circulation=circulation,
                member=seat.member,
                token=secrets.token_urlsafe(32),
                paper_at=on_paper.get(seat.member_id),
            )
            if seat.member.email:
                _send_to(recipient, again=again, reason=reason)
        minutes.status = Minutes.Status.CIRCULATED
        minutes.save(update_fields=["status"])
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.circulated",
            obj=minutes,
            changes={
                "recipients": circulation.recipients.count(),
                **({"paper_kept": len(on_paper)} if on_paper else {}),
                **({"reason": reason} if again else {}),
            },
        )
        if following := next_meeting(minutes.meeting):
            carry_over_into(following)
    return circulation


def recipient_by_token(token: str) -> CirculationRecipient | None:
    """The copy a personal link opens, or None. Reading it records nothing: mail scanners
    (Safe Links and the like) open every link they see."""
    return (
        CirculationRecipient.objects.select_related(
            "member", "circulation__minutes__meeting__committee"
        )
        .filter(token=token)
        .first()
    )


def recipient_current(recipient: CirculationRecipient) -> CirculationRecipient | None:
    """The member's copy of the newest circulation of the same minutes when ``recipient`` is of
    an older one (the draft was sent again), else None: the old link leads to the new one."""
    latest = (
        Circulation.objects.filter(minutes=recipient.circulation.minutes_id)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if latest is None or latest == recipient.circulation_id:
        return None
    return (
        CirculationRecipient.objects.select_related("circulation")
        .filter(circulation=latest, member=recipient.member_id)
        .first()
    )


def recipient_receive(*, token: str) -> CirculationRecipient | None:
    """The member pressed 「受領しました」 on their personal link (a POST): record the first
    time (受領). Public action; None for an unknown link."""
    with transaction.atomic():
        recipient = (
            CirculationRecipient.objects.select_for_update()
            .select_related("member", "circulation__minutes__meeting__committee")
            .filter(token=token)
            .first()
        )
        if recipient is None:
            return None
        if recipient.opened_at is None:
            recipient.opened_at = timezone.now()
            recipient.save(update_fields=["opened_at"])
            audit_log(
                actor=None,
                action="kyodo.committees.minutes.received",
                obj=recipient,
                changes={"member": recipient.member.name},
            )
    return recipient


def correction_submit(*, token: str, entry_id: int | None, text: str) -> CorrectionRequest:
    """A member asks for a correction of an entry (or of the minutes as a whole). Public."""
    if not text.strip():
        raise InvalidInput(_("Write the correction you ask for."))
    with transaction.atomic():
        recipient = (
            CirculationRecipient.objects.select_for_update()
            .select_related("member", "circulation__minutes__meeting__committee__center")
            .filter(token=token)
            .first()
        )
        if recipient is None:
            raise InvalidInput(_("This link is not valid."))
        minutes = recipient.circulation.minutes
        if minutes.is_confirmed:
            raise MinutesConfirmed()
        entry = None
        if entry_id is not None:
            entry = MinutesEntry.objects.filter(pk=entry_id, item__meeting=minutes.meeting).first()
            if entry is None:
                raise InvalidInput(_("This entry is not part of these minutes."))
        # Asking for a correction is a sign of receipt made by the member (a POST).
        if recipient.opened_at is None:
            recipient.opened_at = timezone.now()
            recipient.save(update_fields=["opened_at"])
        correction = CorrectionRequest.objects.create(
            recipient=recipient,
            entry=entry,
            entry_text=entry_line(entry) if entry else "",
            text=text.strip(),
        )
        audit_log(
            actor=None,
            action="kyodo.committees.minutes.correction_requested",
            obj=correction,
            changes={"member": str(recipient.member), "entry": entry_id},
        )
        link = absolute_url("committees-staff:minutes", args=[minutes.pk])
        for address in staff_inbox(center=minutes.meeting.committee.center):
            mail_enqueue(
                to=address,
                template="committees/mail/correction_requested.txt",
                context={"correction": correction, "minutes": minutes, "link": link},
                kind="committees.minutes.correction_requested",
                related=correction,
            )
    return correction


def correction_resolve(*, actor, correction: CorrectionRequest) -> CorrectionRequest:
    """Staff mark a correction request as dealt with; the member who asked is told by mail
    (once: marking it again changes nothing)."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        correction = (
            CorrectionRequest.objects.select_for_update(of=("self",))
            .select_related(
                "recipient__member", "recipient__circulation__minutes__meeting__committee"
            )
            .get(pk=correction.pk)
        )
        if correction.resolved:
            return correction
        correction.resolved = True
        correction.resolved_at = timezone.now()
        correction.save(update_fields=["resolved", "resolved_at"])
        audit_log(
            actor=actor, action="kyodo.committees.minutes.correction_resolved", obj=correction
        )
        recipient = correction.recipient
        if recipient.member.email:
            minutes = recipient.circulation.minutes
            current = recipient_current(recipient) or recipient
            mail_enqueue(
                to=recipient.member.email,
                template="committees/mail/correction_resolved.txt",
                context={
                    "correction": correction,
                    "minutes": minutes,
                    "salutation": _salutation_on(recipient.member, minutes),
                    "link": absolute_url("committees:check", args=[current.token]),
                },
                kind="committees.minutes.correction_resolved",
                related=correction,
            )
    return correction


def recipient_resend(*, actor, recipient: CirculationRecipient) -> CirculationRecipient:
    """Send the member's link again, to the address the member has now."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        recipient = CirculationRecipient.objects.select_for_update().get(pk=recipient.pk)
        if recipient.circulation.minutes.is_confirmed:
            raise MinutesConfirmed()
        if not recipient.member.email:
            raise InvalidInput(_("This member has no e-mail address."))
        _send_to(recipient, again=True, reason=RESEND_LINK_REASON)
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.resent",
            obj=recipient,
            changes={"to": recipient.member.email},
        )
    return recipient


def recipient_mark_paper(*, actor, recipient: CirculationRecipient) -> CirculationRecipient:
    """Record that staff handed the draft over on paper (it counts as received)."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        recipient = CirculationRecipient.objects.select_for_update().get(pk=recipient.pk)
        if recipient.paper_at is None:
            recipient.paper_at = timezone.now()
            recipient.save(update_fields=["paper_at"])
        audit_log(actor=actor, action="kyodo.committees.minutes.handed_on_paper", obj=recipient)
    return recipient


def _members_to_tell(minutes: Minutes) -> list:
    """Seats held on the meeting day whose member has an address: who was sent the draft."""
    return [
        seat
        for seat in memberships_on(committee=minutes.meeting.committee, on=minutes.meeting.date)
        if seat.member.email
    ]


def _already_told(kind: str, version: MinutesVersion) -> set[str]:
    """Addresses already sent the mail ``kind`` about ``version``: each member is told once."""
    return set(
        OutboxMessage.objects.filter(
            kind=kind,
            content_type=ContentType.objects.get_for_model(MinutesVersion),
            object_id=str(version.pk),
        ).values_list("to", flat=True)
    )


def minutes_announce(*, minutes: Minutes, version: MinutesVersion) -> int:
    """Tell the members seated on the meeting day that the minutes are confirmed and published
    (version 1: 「会議録を確定し公開しました」 with the public page) or that a confirmed version
    was corrected (the reason and the page showing what changed). Called in the transaction that
    wrote ``version``; each member is mailed once per version. How many were mailed."""
    minutes = Minutes.objects.select_related(
        "meeting__committee", "approved_at__meeting__committee"
    ).get(pk=minutes.pk)
    corrected = version.number > 1
    kind = "committees.minutes.corrected" if corrected else "committees.minutes.confirmed"
    context = {
        "minutes": minutes,
        "version": version,
        "link": absolute_url("committees:minutes", args=[minutes.pk]),
        "diff_link": absolute_url(
            "committees:minutes-diff", args=[minutes.pk, version.number - 1, version.number]
        )
        if corrected
        else "",
        "approved_at": minutes.approved_at.meeting if minutes.approved_at_id else None,
    }
    told = _already_told(kind, version)
    count = 0
    for seat in _members_to_tell(minutes):
        if seat.member.email in told:
            continue
        mail_enqueue(
            to=seat.member.email,
            template="committees/mail/minutes_corrected.txt"
            if corrected
            else "committees/mail/minutes_confirmed.txt",
            context={**context, "member": seat.member, "salutation": salutation(seat)},
            kind=kind,
            related=version,
        )
        told.add(seat.member.email)
        count += 1
    return count


def minutes_confirm_and_tell(*, actor, minutes: Minutes) -> MinutesVersion:
    """Confirm the minutes (``versions.minutes_confirm``: 確定, published as version 1) and, in
    the same transaction, mail the members that they are published."""
    from kyodo.committees.services.versions import minutes_confirm

    with transaction.atomic():
        version = minutes_confirm(actor=actor, minutes=minutes)
        minutes_announce(minutes=minutes, version=version)
    return version


def minutes_correct_and_tell(*, actor, minutes: Minutes, **correction) -> MinutesVersion:
    """Correct confirmed minutes (``versions.minutes_correct``: version n+1 with its reason) and,
    in the same transaction, mail the members what changed."""
    from kyodo.committees.services.versions import minutes_correct

    with transaction.atomic():
        version = minutes_correct(actor=actor, minutes=minutes, **correction)
        minutes_announce(minutes=minutes, version=version)
    return version
