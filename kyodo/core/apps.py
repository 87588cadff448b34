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
        # The staff idle timeout counts from sign-in (kyodo/core/sessions.py).
        from django.contrib.auth.signals import user_logged_in

        from kyodo.core.sessions import mark_signed_in

        user_logged_in.connect(mark_signed_in, dispatch_uid="kyodo-idle-clock")
