from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kyodo.reports"
    label = "reports"
    verbose_name = _("Monthly reports")
    # Pages listed in the staff navigation: (label, URL name).
    staff_menu = [(_("Monthly report"), "reports-staff:index")]
