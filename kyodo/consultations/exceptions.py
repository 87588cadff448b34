"""Domain errors of consultations; views show their message on the form."""

from django.utils.translation import gettext_lazy as _

from kyodo.core.exceptions import DomainError


class ConsultationError(DomainError):
    """A consultation that cannot be saved as given. ``field`` names the form field at fault."""

    default_message = _("The consultation cannot be saved.")


class NoCategory(ConsultationError):
    default_message = _("Choose at least one category.")
    field = "categories"


class UnknownCategory(ConsultationError):
    default_message = _("Choose categories from the list.")
    field = "categories"


class ReportExampleMissing(ConsultationError):
    default_message = _("Write the anonymised example before choosing it for the report.")
    field = "report_example"


class ReportExampleNamesClient(ConsultationError):
    default_message = _(
        "The example for the report must not contain the client's name or contact: "
        "the report is read outside the center."
    )
    field = "report_example"


class ReceivedInFuture(ConsultationError):
    # A consultation is recorded after it was taken: a future date would be counted in a monthly
    # report that has not happened yet.
    default_message = _("The date of consultation cannot be in the future.")
    field = "received_on"


class FollowUpDateWithoutFollowUp(ConsultationError):
    default_message = _("A follow-up date needs “follow-up needed” to be ticked.")
    field = "follow_up_on"


class FollowUpDateMissing(ConsultationError):
    # The to-do list lists a follow-up from its date on: one without a date would never be listed.
    default_message = _("Enter the follow-up date: the to-do list shows the follow-up from then.")
    field = "follow_up_on"


class SummaryTooLong(ConsultationError):
    # The same words as the form's refusal (forms.ConsultationForm.summary).
    default_message = _(
        "Write the summary in at most %(limit_value)s characters (now %(show_value)s)."
    )
    field = "summary"

    def __init__(self, *, limit: int, length: int):
        super().__init__(self.default_message % {"limit_value": limit, "show_value": length})


class FollowUpBeforeConsultation(ConsultationError):
    default_message = _("The follow-up date is before the consultation.")
    field = "follow_up_on"


class StaffMemberRequired(ConsultationError):
    default_message = _("The staff member who took the consultation must be center staff.")
    field = "staff"


class NoFollowUp(ConsultationError):
    default_message = _("This consultation needs no follow-up.")


class FollowUpNoteTooLong(ConsultationError):
    # The same shape as SummaryTooLong's words.
    default_message = _(
        "Write what was done in at most %(limit_value)s characters (now %(show_value)s)."
    )
    field = "note"

    def __init__(self, *, limit: int, length: int):
        super().__init__(self.default_message % {"limit_value": limit, "show_value": length})
