"""For tests of public forms that are confirmed by mail (kyodo.core.confirmations)."""

from __future__ import annotations

import re

from kyodo.core.models import OutboxMessage

_PATH_RE = re.compile(r"/confirm/[^/\s]+/")


def confirmation_path(to: str | None = None) -> str:
    """The path of the confirmation link in the last confirmation mail (to ``to``)."""
    mails = OutboxMessage.objects.filter(kind="core.confirmation")
    if to is not None:
        mails = mails.filter(to=to)
    return _PATH_RE.search(mails.latest("pk").body)[0]


def confirm_by_mail(client, to: str | None = None):
    """Follow the last confirmation link and press its button, as the sender does."""
    return client.post(confirmation_path(to))
