"""Every mail Kyodo sends is composed here, from a template, and leaves through the outbox.

A mail template is ``<app>/mail/<name>.txt``: its first line is the subject, then a blank line,
then the body. It is rendered in the site's language (Japanese), whatever language the request
that caused it used, with ``site_url`` (from ``SITE_URL``) and ``center`` in its context, and
ends with the center's contact block (``core/mail/_signature.txt``). Links in mail are absolute:
build them with :func:`absolute_url`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kyodo.core.models import Center, OutboxMessage
from kyodo.core.outbox import outbox_message, outbox_written


def absolute_url(path_or_name: str, *args, **kwargs) -> str:
    """``SITE_URL`` + a path (``/committee/``) or the path of a URL name with its arguments."""
    path = path_or_name if path_or_name.startswith("/") else reverse(path_or_name, *args, **kwargs)
    return f"{settings.SITE_URL}{path}"


def render_mail(template: str, context: dict | None = None) -> tuple[str, str]:
    """(subject, body) of ``template`` rendered in the site's language. ``center`` is read
    unless the context has it (a caller holding a lock reads it before taking the lock)."""
    context = context or {}
    context = {
        "site_url": settings.SITE_URL,
        "center": context["center"] if "center" in context else Center.objects.current(),
        **context,
    }
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(template, context)
        signature = render_to_string("core/mail/_signature.txt", context)
    subject, _, body = text.lstrip("\n").partition("\n")
    body = body.strip("\n")
    return " ".join(
        subject.split()
    ), f"{body}\n\n{signature.strip()}\n" if signature.strip() else f"{body}\n"


def mail_enqueue(**message) -> OutboxMessage:
    """Compose ``template`` and queue it for ``to`` inside the caller's transaction (the
    arguments of :func:`mail_message`)."""
    return outbox_written(mail_message(**message))


def mail_message(
    *,
    to: str,
    template: str,
    context: dict | None = None,
    kind: str = "",
    related: models.Model | None = None,
) -> OutboxMessage:
    """:func:`mail_enqueue`'s row, composed but not written (see
    ``kyodo.core.outbox.outbox_message``: write it, then call ``outbox_queued``)."""
    subject, body = render_mail(template, context)
    return outbox_message(to=to, subject=subject, body=body, kind=kind, related=related)
