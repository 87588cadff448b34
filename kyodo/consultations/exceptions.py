"""Domain errors of consultations; views show their message on the form."""

from django.utils.translation import gettext_lazy as _


class ConsultationError(Exception):
    """A consultation that cannot be saved as given. ``field`` names the form field at fault."""

    message = _("The consultation cannot be saved.")
    field: str | None = None

    def __init__(self, message=None):
        super().__init__(str(message or self.message))
        if message is not None:
            self.message = message


class NoCategory(ConsultationError):
    message = _("Choose at least one category.")
    field = "categories"


class UnknownCategory(ConsultationError):
    message = _("Choose categories from the list.")
    field = "categories"


class ReportExampleMissing(ConsultationError):
    message = _("Write the anonymised example before choosing it for the report.")
    field = "report_example"


class ReportExampleNamesClient(ConsultationError):
    message = _(
        "The example for the report must not contain the client's name or contact: "
        "the report is read outside the center."
    )
    field = "report_example"


class FollowUpDateWithoutFollowUp(ConsultationError):
    message = _("A follow-up date needs “follow-up needed” to be ticked.")
    field = "follow_up_on"


class FollowUpBeforeConsultation(ConsultationError):
    message = _("The follow-up date is before the consultation.")
    field = "follow_up_on"


class StaffMemberRequired(ConsultationError):
    message = _("The staff member who took the consultation must be center staff.")
    field = "staff"
