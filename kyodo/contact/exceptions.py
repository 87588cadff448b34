from django.utils.translation import gettext_lazy as _

from kyodo.core.exceptions import DomainError


class ContactError(DomainError):
    """An inquiry or a reply that cannot be handled as asked."""


class TooManyInquiries(ContactError):
    default_message = _(
        "Many messages have been sent from your connection in a short time. Please try again "
        "later, or call the center."
    )


class AlreadyTakenOver(ContactError):
    default_message = _("This inquiry is already in the consultation log.")


class NotAConsultation(ContactError):
    default_message = _("Only an inquiry of the kind “consultation” becomes a consultation.")
