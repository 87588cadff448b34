from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kyodo.events"
    label = "events"
    verbose_name = _("Events")
    # Pages listed in the staff navigation: (label, URL name).
    staff_menu = [(_("Events"), "events-staff:index")]
    # Run once a day by `kyodo periodic`: applicants' personal data is removed after the event.
    periodic_daily = ["kyodo.events.services.personal_data_anonymise"]
