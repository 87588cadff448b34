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
        from kyodo.core import cache, signin  # noqa: F401 (signin: its signal receivers)

        cache.install()
