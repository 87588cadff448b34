from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kyodo.events"
    label = "events"
    verbose_name = _("Events")
    # Pages listed in the staff navigation: (label, URL name).
    staff_menu = [(_("Events"), "events-staff:index")]
    # Run once a day by `kyodo periodic`: applicants' personal data is removed after the event,
    # and the questionnaire goes to the participants of the day before (each asked once), in the
    # morning rather than at midnight.
    periodic_daily = [
        "kyodo.events.services.personal_data_anonymise",
        ("kyodo.events.services.feedback_request_due", "10:00"),
    ]
    # With EVENT_APPLICATION_CONFIRMATION on, online applications wait for the applicant to
    # confirm the address by mail (kyodo.core.confirmations): handler, label.
    confirmations = {
        "events.application": (
            "kyodo.events.views.public.application_confirmed",
            _("an application to an event"),
        )
    }
