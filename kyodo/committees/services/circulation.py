"""Circulating draft minutes to the members: personal links, receipts, correction requests."""

from __future__ import annotations

import secrets

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
    Minutes,
    MinutesEntry,
    entry_line,
)
from kyodo.committees.selectors import memberships_on
from kyodo.committees.services.agenda import carry_over_into
from kyodo.committees.services.common import next_meeting
from kyodo.committees.services.meetings import check_started, secretariat_keep
from kyodo.core.audit import audit_log
from kyodo.core.mail import absolute_url, mail_enqueue
from kyodo.core.people import staff_inbox
from kyodo.core.roles import Role, require_role


def _send_to(recipient: CirculationRecipient) -> None:
    """Mail the member their personal link to the draft."""
    recipient.message = mail_enqueue(
        to=recipient.member.email,
        template="committees/mail/circulation.txt",
        context={
            "minutes": recipient.circulation.minutes,
            "member": recipient.member,
            "link": absolute_url("committees:check", args=[recipient.token]),
        },
        kind="committees.minutes.circulation",
        related=recipient,
    )
    recipient.save(update_fields=["message"])


def minutes_circulate(*, actor, minutes: Minutes) -> Circulation:
    """Send the draft minutes to every member seated on the meeting day, each a personal link.

    Members without an address get a link too (staff hand the minutes over on paper). The
    minutes go on the next meeting's agenda for approval. Sent again, each member gets a new
    link and records the receipt again, except that a copy handed over on paper stays recorded
    (staff were told so on the page that asked first). Refused before the meeting has begun.
    """
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
        if minutes.is_confirmed:
            raise MinutesConfirmed()
        if minutes.status == Minutes.Status.APPROVED:
            raise MinutesApproved()
        check_started(minutes.meeting)
        if not MinutesEntry.objects.filter(item__meeting=minutes.meeting).exists():
            raise InvalidInput(_("The minutes have no entries yet."))
        # The draft sent is the meeting's: its 事務局 line no longer follows the committee's list.
        secretariat_keep(minutes.meeting)
        previous = Circulation.objects.filter(minutes=minutes).order_by("-created_at", "-pk")
        on_paper = {}
        if last := previous.first():
            on_paper = dict(
                last.recipients.filter(paper_at__isnull=False).values_list("member_id", "paper_at")
            )
        circulation = Circulation.objects.create(minutes=minutes)
        for seat in memberships_on(committee=minutes.meeting.committee, on=minutes.meeting.date):
            recipient = CirculationRecipient.objects.create(
                circulation=circulation,
                member=seat.member,
                token=secrets.token_urlsafe(32),
                paper_at=on_paper.get(seat.member_id),
            )
            if seat.member.email:
                _send_to(recipient)
        minutes.status = Minutes.Status.CIRCULATED
        minutes.save(update_fields=["status"])
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.circulated",
            obj=minutes,
            changes={
                "recipients": circulation.recipients.count(),
                **({"paper_kept": len(on_paper)} if on_paper else {}),
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
    """Staff mark a correction request as dealt with."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        correction.resolved = True
        correction.save(update_fields=["resolved"])
        audit_log(
            actor=actor, action="kyodo.committees.minutes.correction_resolved", obj=correction
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
        _send_to(recipient)
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
