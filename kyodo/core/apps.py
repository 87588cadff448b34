from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kyodo.core"
    label = "core"
    verbose_name = _("Core")
    # Run once a day by `kyodo periodic`: public submissions nobody confirmed are forgotten.
    periodic_daily = ["kyodo.core.confirmations.pending_submissions_expire"]

    def ready(self):
        # Writes from every process (web, task worker, commands) move the page cache's generation.
        from django.db.models import fields

        from kyodo.core import cache, signin  # noqa: F401 (signin: its signal receivers)

        cache.install()
        # Django 6.1's empty choice of every select (「- Select an option -」) has no Japanese in
        # Django's own catalogue; Django asks projects to set it here, once, for every form.
        fields.BLANK_CHOICE_LABEL = _("Choose")
        # The staff idle timeout counts from sign-in (kyodo/core/sessions.py).
        from django.contrib.auth.signals import user_logged_in

        from kyodo.core.sessions import mark_signed_in

        user_logged_in.connect(mark_signed_in, dispatch_uid="kyodo-idle-clock")
