from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "kyodo.committees"
    label = "committees"
    verbose_name = _("Steering committee")
    staff_menu = [(_("Committee"), "committees-staff:index")]
