from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "kyodo.organizations"
    label = "organizations"
    verbose_name = _("Registered groups")
    # Pages listed in the staff navigation: (label, URL name).
    staff_menu = [(_("Registered groups"), "organizations-staff:index")]
    # Run once a day by `kyodo periodic`: a status change scheduled for the day takes effect.
    periodic_daily = ["kyodo.organizations.services.status_changes_apply"]
    # Public submissions confirmed by mail first (kyodo.core.confirmations): handler, label,
    # and what the link's page shows of the submission above its button.
    confirmations = {
        "organizations.application": (
            "kyodo.organizations.views.public.application_confirmed",
            _("an application to register a group"),
            "kyodo.organizations.views.public.application_summary",
        )
    }
