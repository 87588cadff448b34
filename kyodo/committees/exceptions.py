"""Domain errors of the committee: the messages are shown to the person who tried the action."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyodo.core.exceptions import DomainError


class CommitteeError(DomainError):
    """Base of this app's domain errors (see :class:`kyodo.core.exceptions.DomainError`)."""


class MinutesConfirmed(CommitteeError):
    default_message = _(
        "These minutes are confirmed and cannot be changed; record a correction as a revision."
    )


class MinutesApproved(CommitteeError):
    default_message = _(
        "These minutes have been approved as they are: confirm them, or record the approval "
        "item's decision again to reopen them."
    )


class MinutesNotApprovable(CommitteeError):
    default_message = _("These minutes cannot be approved at this meeting.")


class NumberTaken(CommitteeError):
    default_message = _("A meeting with this number already exists in this fiscal year.")


class InvalidInput(CommitteeError):
    default_message = _("The input is not valid.")


class DateTaken(InvalidInput):
    default_message = _("The committee already meets on this day.")


class ImportRefused(CommitteeError):
    """A file of minutes cannot be imported; ``message`` says why, in Japanese."""


class AlreadyImported(ImportRefused):
    """The meeting is already stored: the file is skipped, not failed."""


class NumberTakenOnImport(ImportRefused):
    """The imported minutes' number is another day's meeting's: staff change it or choose the
    next free one."""
