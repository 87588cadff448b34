"""Writes of the contact app: an inquiry from the public site, staff's reply by mail, its status,
and a 「相談」 inquiry taken over into the consultation log."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kyodo.contact.exceptions import (
    AlreadyTakenOver,
    ContactError,
    NotAConsultation,
    TooManyInquiries,
)
from kyodo.contact.models import Inquiry, InquiryReply
from kyodo.core.audit import audit_log
from kyodo.core.mail import absolute_url, mail_enqueue
from kyodo.core.models import Center
from kyodo.core.roles import Role, require_role

if TYPE_CHECKING:
    from kyodo.consultations.models import Consultation
    from kyodo.core.models import User

RATE_WINDOW = timedelta(hours=1)
# A constant key for PostgreSQL's advisory lock around the count and the insert.
_LOCK_KEY = 0x6B796F646F  # "kyodo"


def sender_key(address: str) -> str:
    """What is stored of a sender's network address: an HMAC, to count, not to read."""
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, (address or "").encode(), hashlib.sha256).hexdigest()


def _lock_for_count() -> None:
    # On SQLite every transaction starts with BEGIN IMMEDIATE (kyodo/env.py): writers queue, so
    # the count below is exact. PostgreSQL counts under a transaction-level advisory lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def inquiry_submit(
    *,
    actor: User | None = None,
    kind: str,
    name: str,
    email: str,
    body: str,
    sender: str,
    phone: str = "",
    organization_name: str = "",
) -> Inquiry:
    """A citizen's inquiry from the public site: stored for staff, acknowledged by mail to the
    sender (without their text, so the form cannot send anyone else's words to an address),
    and announced to the center. At most ``CONTACT_LIMIT_PER_HOUR`` from one address an hour.
    """
    if kind not in Inquiry.Kind.values:
        raise ContactError(field="kind")
    key = sender_key(sender)
    with transaction.atomic():
        _lock_for_count()
        since = timezone.now() - RATE_WINDOW
        if (
            Inquiry.objects.filter(sender_key=key, created_at__gte=since).count()
            >= settings.CONTACT_LIMIT_PER_HOUR
        ):
            raise TooManyInquiries()
        inquiry = Inquiry.objects.create(
            kind=kind,
            name=name,
            organization_name=organization_name,
            email=email,
            phone=phone,
            body=body,
            sender_key=key,
            consented_at=timezone.now(),
        )
        audit_log(
            actor=actor,
            action="kyodo.contact.inquiry.received",
            obj=inquiry,
            changes={"kind": inquiry.kind},
        )
        mail_enqueue(
            to=inquiry.email,
            template="contact/mail/received.txt",
            context={"inquiry": inquiry},
            kind="contact.received",
            related=inquiry,
        )
        center = Center.objects.current()
        if center and center.email:
            mail_enqueue(
                to=center.email,
                template="contact/mail/new_inquiry.txt",
                context={
                    "inquiry": inquiry,
                    "url": absolute_url("contact-staff:detail", args=[inquiry.pk]),
                },
                kind="contact.new",
                related=inquiry,
            )
    return inquiry


def _locked(inquiry: Inquiry) -> Inquiry:
    return Inquiry.objects.select_for_update().get(pk=inquiry.pk)


def inquiry_reply(*, actor: User, inquiry: Inquiry, body: str) -> InquiryReply:
    """Staff answer an inquiry by mail (through the outbox); it is then 回答済み."""
    require_role(actor, Role.STAFF)
    body = (body or "").strip()
    if not body:
        raise ContactError(field="body")
    with transaction.atomic():
        inquiry = _locked(inquiry)
        message = mail_enqueue(
            to=inquiry.email,
            template="contact/mail/reply.txt",
            context={"inquiry": inquiry, "body": body},
            kind="contact.reply",
            related=inquiry,
        )
        reply = InquiryReply.objects.create(
            inquiry=inquiry, body=body, sent_by=actor, message=message
        )
        previous = inquiry.status
        inquiry.status = Inquiry.Status.ANSWERED
        inquiry.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=actor,
            action="kyodo.contact.inquiry.replied",
            obj=inquiry,
            changes={"status": [previous, inquiry.status], "reply": reply.pk},
        )
    return reply


def inquiry_set_status(*, actor: User, inquiry: Inquiry, status: str) -> Inquiry:
    """Staff mark an inquiry new, in progress, answered or closed."""
    require_role(actor, Role.STAFF)
    if status not in Inquiry.Status.values:
        raise ContactError(field="status")
    with transaction.atomic():
        inquiry = _locked(inquiry)
        previous = inquiry.status
        if previous != status:
            inquiry.status = status
            inquiry.save(update_fields=["status", "updated_at"])
            audit_log(
                actor=actor,
                action="kyodo.contact.inquiry.status_changed",
                obj=inquiry,
                changes={"status": [previous, status]},
            )
    return inquiry


def inquiry_take_over(
    *,
    actor: User,
    inquiry: Inquiry,
    client_type: str,
    categories: list[str],
    summary: str,
    advice: str = "",
    follow_up_needed: bool = False,
    follow_up_on=None,
) -> Consultation:
    """A 「相談」 inquiry becomes a consultation in the log (staff only, as consultations are),
    received on the day it was sent, by e-mail, with the sender as the client."""
    from kyodo.consultations.models import Consultation
    from kyodo.consultations.services import ConsultationFields, consultation_create

    require_role(actor, Role.STAFF)
    with transaction.atomic():
        inquiry = _locked(inquiry)
        if not inquiry.is_consultation:
            raise NotAConsultation()
        if inquiry.consultation_id is not None:
            raise AlreadyTakenOver()
        contact = " / ".join(v for v in (inquiry.email, inquiry.phone) if v)
        client = " ".join(v for v in (inquiry.organization_name, inquiry.name) if v)
        consultation = consultation_create(
            actor=actor,
            fields=ConsultationFields(
                received_on=timezone.localtime(inquiry.created_at).date(),
                channel=Consultation.Channel.EMAIL,
                client_type=client_type,
                categories=categories,
                summary=summary,
                client_name=client[:200],
                client_contact=contact[:300],
                advice=advice,
                follow_up_needed=follow_up_needed,
                follow_up_on=follow_up_on,
            ),
        )
        inquiry.consultation = consultation
        previous = inquiry.status
        if inquiry.status == Inquiry.Status.NEW:
            inquiry.status = Inquiry.Status.IN_PROGRESS
        inquiry.save(update_fields=["consultation", "status", "updated_at"])
        audit_log(
            actor=actor,
            action="kyodo.contact.inquiry.taken_over",
            obj=inquiry,
            changes={"consultation": consultation.pk, "status": [previous, inquiry.status]},
        )
    return consultation
