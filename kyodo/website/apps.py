from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "kyodo.website"
    label = "website"
    verbose_name = _("Public website")
    staff_menu = [(_("Website"), "website-staff:index")]
