"""The outbox: outgoing mail as rows, delivered by the task worker, retried, never lost, never
sent twice.

``outbox_enqueue`` writes the row inside the caller's transaction, and that row is all: the task
worker (``kyodo db_worker``, Kyodo's own, kyodo.core.management.commands.db_worker) looks for due
messages whenever it looks for tasks, so a message is seen once its transaction commits and
vanishes with it if it rolls back. No task row is written per message: on a busy day (a hundred
applications a minute to one event) that row was a fifth of an application's time under the
event's lock. With another task backend (``TASKS_BACKEND``), whose tasks are not rows a
``db_worker`` reads, each message's delivery is queued as a task after the commit instead.

Delivery claims the row first (queued → sending, in a transaction of its own; the next due row is
taken with ``FOR UPDATE SKIP LOCKED``, so several workers on several hosts each take different
ones), talks to SMTP outside any transaction, then records the outcome. A failed attempt is
retried with exponential backoff; a claim left by a worker that died is taken again after
``STALE_CLAIM``. ``outbox_flush`` (run by ``kyodo periodic`` and ``kyodo outbox flush``) delivers
whatever is due in the same way.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, mailers
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core.audit import audit_log
from kyodo.core.exceptions import InvalidInput
from kyodo.core.models import OutboxMessage
from kyodo.core.roles import Role, require_role
from kyodo.core.statements import insert

logger = logging.getLogger("kyodo.outbox")

# A message left in "sending" this long belongs to a worker that died: it is tried again.
STALE_CLAIM = timedelta(minutes=10)


def outbox_blank_about(model, object_ids) -> None:
    """The mail about these objects blanked, their personal data being removed (the daily
    anonymisation, a person's request): one a worker is sending right now (it holds the claim)
    is left alone; one still queued would leave blank, so it is marked failed."""
    mail = OutboxMessage.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in object_ids],
    ).exclude(status=OutboxMessage.Status.SENDING)
    mail.filter(status=OutboxMessage.Status.QUEUED).update(status=OutboxMessage.Status.FAILED)
    mail.update(to="", body=_("(removed)"))


def outbox_enqueue(**message) -> OutboxMessage:
    """Queue one e-mail; it leaves only if the surrounding transaction commits (the arguments of
    :func:`outbox_message`)."""
    return outbox_written(outbox_message(**message))


def outbox_written(message: OutboxMessage) -> OutboxMessage:
    """Write the row of :func:`outbox_message` and queue its delivery (:func:`outbox_queued`)."""
    insert(message)
    outbox_queued(message)
    return message


def outbox_message(
    *,
    to: str,
    subject: str,
    body: str,
    kind: str = "",
    related: models.Model | None = None,
) -> OutboxMessage:
    """The row :func:`outbox_enqueue` writes, not written yet: for a caller writing it with its
    own rows in one statement (``kyodo.core.statements.insert_together``), which then calls
    :func:`outbox_queued`."""
    message = OutboxMessage(to=to, subject=subject[:300], body=body, kind=kind)
    if related is not None:
        message.content_type = ContentType.objects.get_for_model(related)
        message.object_id = str(related.pk)
    return message


def outbox_queued(message: OutboxMessage) -> None:
    """After the row of :func:`outbox_message` is written: with a task backend other than the
    database's, its delivery is queued as a task once the transaction commits."""
    if not delivered_by_db_worker():
        transaction.on_commit(lambda: _schedule(message.pk))


def delivered_by_db_worker() -> bool:
    """True when the task backend is a database one: its ``db_worker`` delivers the outbox."""
    from django.tasks import task_backends
    from django_tasks_db import DatabaseBackend

    from kyodo.core.tasks import deliver_outbox_message

    return isinstance(task_backends[deliver_outbox_message.backend], DatabaseBackend)


def _schedule(message_id: int, *, run_after=None) -> None:
    """With another task backend: queue the message's delivery as a task."""
    if delivered_by_db_worker():
        return
    from kyodo.core.tasks import deliver_outbox_message

    task = deliver_outbox_message
    if run_after is not None:
        task = task.using(run_after=run_after)
    try:
        task.enqueue(message_id)
    except Exception:
        # The row is safe in the outbox; the periodic flush will deliver it.
        logger.exception("could not queue delivery of outbox message %s", message_id)


def _due(now) -> models.Q:
    """Queued and due, or claimed by a worker that died."""
    return models.Q(status=OutboxMessage.Status.QUEUED) & (
        models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now)
    ) | models.Q(status=OutboxMessage.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)


def _mark_claimed(message: OutboxMessage, now) -> OutboxMessage:
    message.status = OutboxMessage.Status.SENDING
    message.claimed_at = now
    message.attempts += 1
    message.save(update_fields=["status", "claimed_at", "attempts"])
    return message


def _claim(message_id: int) -> OutboxMessage | None:
    """Message ``message_id``, claimed, if it is due now."""
    now = timezone.now()
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(_due(now), pk=message_id).first()
        return None if message is None else _mark_claimed(message, now)


def _claim_next(now) -> OutboxMessage | None:
    """The oldest message due at ``now`` that no other worker is claiming, claimed."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(_due(now))
            .order_by("pk")
            .first()
        )
        return None if message is None else _mark_claimed(message, now)


def sender_address() -> str:
    """From: the center, under its name and configured e-mail address (MAIL_FROM_CENTER, on by
    default); DEFAULT_FROM_EMAIL when the center has no address or the setting is off."""
    from email.utils import formataddr

    from kyodo.core.models import Center

    center = Center.objects.current() if settings.MAIL_FROM_CENTER else None
    if center is None or not center.email:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((center.name, center.email))


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: base, 2×base, 4×base … capped at six hours."""
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def outbox_deliver(*, message_id: int) -> str | None:
    """Try to deliver one message; returns its new status, or None if it was not ours to send."""
    message = _claim(message_id)
    return None if message is None else _send(message)


def _send(message: OutboxMessage) -> str:
    """Deliver a claimed message; returns its new status."""
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=sender_address(),
        to=[message.to],
        headers={"Message-ID": message.message_id},
    )
    try:
        mailers.default.send_messages([email])
    except Exception as exc:  # SMTP, socket and TLS errors all mean "try again later"
        return _record_failure(message, exc)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        next_attempt_at=None,
    )
    return OutboxMessage.Status.SENT


def _record_failure(message: OutboxMessage, exc: Exception) -> str:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        status, next_at = OutboxMessage.Status.FAILED, None
    else:
        status, next_at = (
            OutboxMessage.Status.QUEUED,
            timezone.now() + retry_delay(message.attempts),
        )
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=status, last_error=error, next_attempt_at=next_at
    )
    logger.warning("outbox message %s attempt %s failed: %s", message.pk, message.attempts, error)
    if next_at is not None:
        _schedule(message.pk, run_after=next_at)
    return status


def outbox_deliver_due(*, now=None, limit: int | None = None) -> dict[str, int]:
    """Deliver the messages due at ``now`` (default: at each claim), oldest first, each claimed
    as above, at most ``limit`` of them; returns how many ended in each status."""
    counts: dict[str, int] = {}
    while limit is None or sum(counts.values()) < limit:
        message = _claim_next(now or timezone.now())
        if message is None:
            break
        status = str(_send(message))
        counts[status] = counts.get(status, 0) + 1
    return counts


def outbox_flush(*, now=None) -> dict[str, int]:
    """Deliver every message that is due now (queued and due, or stuck in a dead claim); one
    that fails is tried again by a later flush or worker, not by this one."""
    return outbox_deliver_due(now=now or timezone.now())


def outbox_resend(*, actor, message: OutboxMessage) -> OutboxMessage:
    """Staff put a failed (or already sent) message back in the queue, to be tried at once. A
    message whose address was removed (the anonymisation, a request to remove personal data)
    has nowhere to go and is refused."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if not message.to:
            raise InvalidInput(
                _(
                    "This mail's address was removed with the personal data: it cannot be sent again."
                )
            )
        previous = message.status
        message.status = OutboxMessage.Status.QUEUED
        message.next_attempt_at = None
        message.claimed_at = None
        message.attempts = 0
        message.save(update_fields=["status", "next_attempt_at", "claimed_at", "attempts"])
        audit_log(
            actor=actor,
            action="kyodo.outbox.resent",
            obj=message,
            changes={"status": [previous, OutboxMessage.Status.QUEUED]},
        )
        transaction.on_commit(lambda: _schedule(message.pk))
    return message


# --- what staff read of a delivery ---------------------------------------------------------------

_SIMULATED_BACKENDS = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
)


def delivery_is_simulated() -> bool:
    """True when mail only goes to the server's output (EMAIL_URL unset: console://) or to
    memory: 「送信済み」 then means handed to that, not delivered to anyone."""
    return settings.MAILERS["default"].get("BACKEND") in _SIMULATED_BACKENDS


def error_explained(last_error: str) -> str:
    """What a failed delivery's ``last_error`` (「SMTPRecipientsRefused: 550 5.1.1 …」) means,
    in words staff can act on; "" for no error."""
    if not last_error:
        return ""
    kind, _sep, detail = last_error.partition(":")
    code = re.search(r"\b([245]\d\d)\b", detail)
    code = code.group(1) if code else ""
    if kind == "SMTPRecipientsRefused" or (kind == "SMTPDataError" and code in ("550", "553")):
        return _(
            "The recipient's mail server refused this address: it may not exist or may be "
            "mistyped. Check the address with the person."
        )
    if kind == "SMTPAuthenticationError":
        return _(
            "Kyodo could not sign in to the mail server: check the user name and password "
            "in EMAIL_URL."
        )
    if kind == "SMTPSenderRefused":
        return _(
            "The mail server refused the sender's address: check DEFAULT_FROM_EMAIL and "
            "whether the server may send as the center."
        )
    if kind == "SMTPDataError":
        return _("The mail server refused the message itself (too large, or taken for spam).")
    if kind in (
        "SMTPConnectError",
        "SMTPServerDisconnected",
        "ConnectionRefusedError",
        "TimeoutError",
        "timeout",
        "gaierror",
        "OSError",
        "SSLError",
        "SSLCertVerificationError",
    ):
        return _(
            "Kyodo could not reach the mail server (its name, port, the network or TLS): "
            "check EMAIL_URL. The message is sent again automatically."
        )
    return _("An error occurred while sending. The technical details are below.")
