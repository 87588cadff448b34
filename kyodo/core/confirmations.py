"""Public submissions confirmed by mail before they count.

A citizen's form (a group's application for registration; an event application when
``EVENT_APPLICATION_CONFIRMATION`` is on) is kept as a :class:`~kyodo.core.models.PendingSubmission`
and a link is mailed to the address given. Only when that link is followed, before it expires,
does the app's own service run, as if the form had just been sent: then staff see it, places are
taken, the usual mails leave. So the center's mail server cannot be used to send an attacker's
text to anyone: the first mail holds no text typed by the sender, only a fixed sentence naming
the kind of submission, and the link.

Apps declare what they accept on their AppConfig::

    confirmations = {
        "organizations.application": (
            "kyodo.organizations.views.public.application_confirmed",  # handler
            _("an application to register a group"),                   # named in the mail
        ),
    }

A third, optional entry names a summary: it takes ``(payload, file_name)`` (``file_name`` is the
stored file's name, "" for none) and returns ``(label, value)`` rows, which the link's page shows
above its button (``website/_confirm_rows.html``, as the forms' 確認 steps do), so that the person
sees what is being sent before sending it.

A handler takes ``(payload, upload)`` (``upload`` is the stored file or None), runs the service,
and returns ``(url, message)``: where to send the person and what to tell them. It may raise a
:class:`~kyodo.core.exceptions.DomainError` (the event closed meanwhile): the person is told, and
the submission is dropped.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from kyodo.core.audit import audit_log
from kyodo.core.exceptions import DomainError
from kyodo.core.mail import absolute_url, mail_enqueue
from kyodo.core.models import PendingSubmission

logger = logging.getLogger("kyodo.core")


class InvalidConfirmation(DomainError):
    default_message = _(
        "This confirmation link is not valid: it was already used, or it has expired. "
        "Please send the form again."
    )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def kinds() -> dict[str, tuple[Any, ...]]:
    """Every kind of submission the apps accept: kind → (handler path, label[, summary path])."""
    return {
        kind: spec
        for config in apps.get_app_configs()
        for kind, spec in getattr(config, "confirmations", {}).items()
    }


def submission_request(
    *,
    kind: str,
    email: str,
    payload: dict,
    hours: int,
    upload: UploadedFile | None = None,
) -> PendingSubmission:
    """Keep a public submission and mail its sender the link that confirms it."""
    if kind not in kinds():
        raise ValueError(f"unknown kind of submission: {kind}")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        pending = PendingSubmission(
            kind=kind,
            email=email,
            payload=payload,
            token_hash=_hash(token),
            expires_at=timezone.now() + timedelta(hours=hours),
        )
        if upload is not None:
            pending.file_name = (upload.name or "")[:200]
            pending.file.save(upload.name or "file", upload, save=False)
        pending.save()
        mail_enqueue(
            to=email,
            template="core/mail/confirm_submission.txt",
            context={
                "what": kinds()[kind][1],
                "link": absolute_url("confirm", kwargs={"token": token}),
                "hours": hours,
            },
            kind="core.confirmation",
            related=pending,
        )
        audit_log(
            actor=None,
            action="kyodo.core.submission.requested",
            obj=pending,
            changes={"kind": kind, "expires_at": pending.expires_at.isoformat()},
        )
    return pending


def submission_pending(*, token: str) -> PendingSubmission:
    """The submission waiting for ``token``; raises InvalidConfirmation when there is none."""
    pending = PendingSubmission.objects.filter(token_hash=_hash(token)).first()
    if pending is None or pending.expires_at <= timezone.now():
        raise InvalidConfirmation()
    return pending


def submission_summary(pending: PendingSubmission) -> list[tuple[str, str]]:
    """(label, value) rows of what ``pending`` sends, by its kind's summary; none when the kind
    has no summary or the payload is one it no longer understands (kept across an upgrade)."""
    spec = kinds().get(pending.kind, ())
    if len(spec) < 3:
        return []
    try:
        return import_string(spec[2])(pending.payload, pending.file_name or "")
    except (KeyError, TypeError, ValueError, LookupError):
        logger.exception("summary of submission %s of kind %s failed", pending.pk, pending.kind)
        return []


def submission_confirm(*, token: str) -> tuple[str, str]:
    """Run the confirmed submission's service once; returns (url, message) for the person."""
    with transaction.atomic():
        pending = (
            PendingSubmission.objects.select_for_update().filter(token_hash=_hash(token)).first()
        )
        if pending is None or pending.expires_at <= timezone.now():
            raise InvalidConfirmation()
        handler = import_string(kinds()[pending.kind][0])
        upload = None
        if pending.file:
            stored = pending.file.storage.open(pending.file.name, "rb")
            upload = File(stored, name=pending.file_name or pending.file.name)
        try:
            with transaction.atomic():
                result = handler(pending.payload, upload)
        except (KeyError, TypeError, ValueError, LookupError):
            # A payload its handler no longer understands (kept across an upgrade): refused.
            logger.exception("confirmation %s of kind %s failed", pending.pk, pending.kind)
            raise InvalidConfirmation() from None
        finally:
            if upload is not None:
                upload.close()
        _drop(pending)
    return result


def _drop(pending: PendingSubmission) -> None:
    storage, name = pending.file.storage, pending.file.name
    pending.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def submission_refuse(*, token: str) -> None:
    """Drop a submission whose service refused it (the event closed meanwhile)."""
    with transaction.atomic():
        pending = (
            PendingSubmission.objects.select_for_update().filter(token_hash=_hash(token)).first()
        )
        if pending is not None:
            _drop(pending)


def pending_submissions_expire() -> int:
    """Daily: forget submissions nobody confirmed in time (and their files)."""
    count = 0
    for pending in PendingSubmission.objects.filter(expires_at__lte=timezone.now()):
        with transaction.atomic():
            _drop(pending)
            count += 1
    return count
