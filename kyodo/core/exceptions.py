"""The one base of every domain error (Zulip's ``JsonableError``, HackSoft's ``ApplicationError``).

A service refuses what it cannot do by raising a subclass of :class:`DomainError`, whose
``message`` is a translatable text for the person who tried it and whose optional ``field`` names
the form field at fault. Views turn it into a form error or a message with the helpers of
:mod:`kyodo.core.views.actions`, so no view invents its own way.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A request a service refuses; nothing was changed."""

    default_message = _("This cannot be done.")
    field: str | None = None

    def __init__(self, message=None, *, field: str | None = None):
        self.message = message or self.default_message
        if field is not None:
            self.field = field
        super().__init__(str(self.message))


class InvalidInput(DomainError):
    default_message = _("The input is not valid.")
