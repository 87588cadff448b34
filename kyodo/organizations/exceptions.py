"""Domain errors of the organizations app; views turn them into form errors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyodo.core.exceptions import DomainError


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


class GroupNotActive(OrganizationError):
    default_message = _(
        "The group is suspended or withdrawn, so it cannot change its details or make proposals."
        " Please contact the center."
    )


class ChangeRequestDecided(OrganizationError):
    default_message = _("This change notification has already been dealt with.")
