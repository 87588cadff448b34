from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "kyodo.consultations"
    label = "consultations"
    verbose_name = _("Consultations")
    # Pages listed in the staff navigation: (label, URL name).
    staff_menu = [(_("Consultations"), "consultations-staff:index")]
