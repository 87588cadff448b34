"""Domain errors of the committee: the messages are shown to the person who tried the action."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class CommitteeError(Exception):
    """Base class; ``message`` is a translatable text the views show as a form error."""

    default_message = _("This cannot be done.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class MinutesConfirmed(CommitteeError):
    default_message = _(
        "These minutes are confirmed and cannot be changed; record a correction as a revision."
    )


class MinutesNotCirculated(CommitteeError):
    default_message = _("Circulate the draft minutes before they are approved.")


class NumberTaken(CommitteeError):
    default_message = _("A meeting with this number already exists in this fiscal year.")


class InvalidInput(CommitteeError):
    default_message = _("The input is not valid.")
