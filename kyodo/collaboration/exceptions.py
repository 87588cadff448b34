"""Domain errors of the collaboration register: the messages are shown to the person who acted."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyodo.core.exceptions import DomainError


class CollaborationError(DomainError):
    """Base of this app's domain errors (see :class:`kyodo.core.exceptions.DomainError`)."""


class InvalidInput(CollaborationError):
    default_message = _("The input is not valid.")


class CallClosed(CollaborationError):
    default_message = _("This call for proposals is not open: nothing can be changed now.")


class ProposalLocked(CollaborationError):
    default_message = _("This proposal has been submitted and can no longer be changed.")


class AlreadyReviewed(CollaborationError):
    default_message = _("You have already scored this proposal; a proposal is scored only once.")


class NotReviewable(CollaborationError):
    default_message = _("Only submitted proposals that are not decided yet can be scored.")


class AlreadyDecided(CollaborationError):
    default_message = _("This proposal is not waiting for a decision.")


class GroupNotActive(CollaborationError):
    default_message = _(
        "The group is suspended or withdrawn, so it cannot change its details or make proposals."
        " Please contact the center."
    )


class BureauExists(InvalidInput):
    """A bureau (部) renamed to the name of another bureau in use: that is a merger of the two,
    done only once confirmed (``merge=True``). Carries what the merger would move, for the page
    that asks."""

    field = "new"

    def __init__(
        self, message, *, old: str, existing: str, departments: list[str], records: int, year: int
    ):
        super().__init__(message)
        self.old = old
        self.existing = existing
        self.departments = departments
        self.records = records
        self.year = year
