from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "kyodo.collaboration"
    label = "collaboration"
    verbose_name = _("Collaboration")
    # Pages listed in the staff navigation: (label, URL name).
    staff_menu = [(_("Collaboration"), "collaboration-staff:index")]
