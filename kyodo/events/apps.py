from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kyodo.events"
    label = "events"
    verbose_name = _("Events")
    # Pages listed in the staff navigation: (label, URL name).
    staff_menu: list = []
