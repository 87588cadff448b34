from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "kyodo.contact"
    label = "contact"
    verbose_name = _("Contact")
    staff_menu = [(_("Inquiries"), "contact-staff:index")]
