from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "kyodo.committees"
    label = "committees"
    verbose_name = _("Steering committee")
    staff_menu = [(_("Committee"), "committees-staff:index")]
    # Run once a day by `kyodo periodic`: the invitations of members whose term begins that day
    # (added earlier, their mail waited: a link mailed months before would have expired), in
    # the morning rather than at midnight.
    periodic_daily = [("kyodo.committees.services.members.invitations_due_send", "09:00")]
