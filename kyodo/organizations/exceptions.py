"""Domain errors of the organizations app; views turn them into form errors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyodo.core.exceptions import DomainError
from kyodo.core.versions import StaleEdit


class OrganizationError(DomainError):
    """Base of this app's domain errors (see :class:`kyodo.core.exceptions.DomainError`)."""


class InvalidTransition(OrganizationError):
    default_message = _("This cannot be done in the group's current status.")


class InvalidResubmitLink(OrganizationError):
    default_message = _("This link is not valid any more. Please contact the center.")


class ApplicationAlreadyReceived(OrganizationError):
    default_message = _(
        "This application has already been received: the center is reviewing it and will write "
        "to you."
    )


class DuplicateRenewal(OrganizationError):
    default_message = _("The group has already been renewed for this fiscal year.")


class ImportExpired(OrganizationError):
    default_message = _("The import preview has expired. Please upload the file again.")


class ImportAlreadyDone(OrganizationError):
    default_message = _(
        "This import has already been done: its groups were registered once, and nothing was "
        "added now. Check the list of groups."
    )


class ImportNameTaken(OrganizationError):
    default_message = _(
        "Nothing was imported: a group with the same name has been registered since the preview."
        " Please upload the file again."
    )


class GroupNotActive(OrganizationError):
    default_message = _(
        "The group is suspended or withdrawn, so it cannot change its details or make proposals."
        " Please contact the center."
    )


class ChangeRequestDecided(OrganizationError):
    default_message = _("This change notification has already been dealt with.")


class PendingChangeMoved(StaleEdit):
    """The 変更届 waiting when the profile form was shown is not the one waiting now (the same
    group saved in another window, or staff decided it): 「他の人が先に変更しました」, as for an
    edit of the row itself. ``pending`` is what the form carries to save again knowingly."""

    def __init__(self, message=None, *, changes, current: str, pending: str):
        super().__init__(message, changes=changes, current=current)
        self.pending = pending
