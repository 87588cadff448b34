from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kyodo.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Writes from every process (web, task worker, commands) move the page cache's generation.
        from kyodo.core import cache

        cache.install()
