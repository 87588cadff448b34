from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CommitteesConfig(AppConfig):
    name = "kyodo.committees"
    label = "committees"
    verbose_name = _("Steering committee")
    # 「委員会」: the center's steering committee and any other body it is secretariat of.
    staff_menu = [(pgettext_lazy("staff menu", "Committees"), "committees-staff:index")]
    # Run once a day by `kyodo periodic`: the invitations of members whose term begins that day
    # (added earlier, their mail waited: a link mailed months before would have expired), in
    # the morning rather than at midnight.
    periodic_daily = [("kyodo.committees.services.members.invitations_due_send", "09:00")]
