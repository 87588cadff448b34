"""The outbox: outgoing mail as rows, delivered by a task, retried, never lost, never sent twice.

``outbox_enqueue`` writes the row inside the caller's transaction; its delivery task is queued
so that the worker can only see it once that transaction commits: in the same transaction when
tasks are rows of the same database (``django_tasks_db``, the default: one commit for both, not
a second write after it), otherwise after the commit. Delivery claims the row first (queued →
sending, under a row lock), talks to SMTP outside any transaction, then records the outcome. A
failed attempt is retried with exponential backoff; ``outbox_flush`` (also run by the worker
sweep and by ``kyodo outbox flush``) picks up anything whose task was lost.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, mailers
from django.db import models, transaction
from django.utils import timezone

from kyodo.core.audit import audit_log
from kyodo.core.models import OutboxMessage
from kyodo.core.roles import Role, require_role
from kyodo.core.statements import insert

logger = logging.getLogger("kyodo.outbox")

# A message left in "sending" this long belongs to a worker that died: it is tried again.
STALE_CLAIM = timedelta(minutes=10)


def outbox_enqueue(
    *,
    to: str,
    subject: str,
    body: str,
    kind: str = "",
    related: models.Model | None = None,
) -> OutboxMessage:
    """Queue one e-mail; it leaves only if the surrounding transaction commits."""
    message = OutboxMessage(to=to, subject=subject[:300], body=body, kind=kind)
    if related is not None:
        message.content_type = ContentType.objects.get_for_model(related)
        message.object_id = str(related.pk)
    insert(message)
    connection = transaction.get_connection()
    if connection.in_atomic_block and _tasks_in(connection.alias):
        # Committed with the message or rolled back with it; a failure fails the transaction
        # (on PostgreSQL it could not go on after a failed statement anyway).
        from kyodo.core.tasks import deliver_outbox_message

        deliver_outbox_message.enqueue(message.pk)
    else:
        transaction.on_commit(lambda: _schedule(message.pk))
    return message


def _tasks_in(alias: str) -> bool:
    """True when delivery tasks are rows of database ``alias`` (``django_tasks_db``)."""
    from django.db import router
    from django.tasks import task_backends
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from kyodo.core.tasks import deliver_outbox_message

    backend = task_backends[deliver_outbox_message.backend]
    return isinstance(backend, DatabaseBackend) and router.db_for_write(DBTaskResult) == alias


def _schedule(message_id: int, *, run_after=None) -> None:
    from kyodo.core.tasks import deliver_outbox_message

    task = deliver_outbox_message
    if run_after is not None:
        task = task.using(run_after=run_after)
    try:
        task.enqueue(message_id)
    except Exception:
        # The row is safe in the outbox; the periodic flush will deliver it.
        logger.exception("could not queue delivery of outbox message %s", message_id)


def _claim(message_id: int) -> OutboxMessage | None:
    now = timezone.now()
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None:
            return None
        if message.status == OutboxMessage.Status.SENDING:
            if message.claimed_at and now - message.claimed_at < STALE_CLAIM:
                return None
        elif message.status != OutboxMessage.Status.QUEUED:
            return None
        if message.next_attempt_at and message.next_attempt_at > now:
            return None
        message.status = OutboxMessage.Status.SENDING
        message.claimed_at = now
        message.attempts += 1
        message.save(update_fields=["status", "claimed_at", "attempts"])
        return message


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
    if message is None:
        return None
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


def outbox_flush(*, now=None) -> dict[str, int]:
    """Deliver every message that is due now (queued and due, or stuck in a dead claim)."""
    now = now or timezone.now()
    due = OutboxMessage.objects.filter(
        models.Q(status=OutboxMessage.Status.QUEUED)
        & (models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now))
        | models.Q(status=OutboxMessage.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    ).values_list("pk", flat=True)
    counts: dict[str, int] = {}
    for pk in list(due):
        status = outbox_deliver(message_id=pk)
        if status:
            counts[str(status)] = counts.get(str(status), 0) + 1
    return counts


def outbox_resend(*, actor, message: OutboxMessage) -> OutboxMessage:
    """Staff put a failed (or already sent) message back in the queue, to be tried at once."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
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
