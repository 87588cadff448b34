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
        from django.db.backends.signals import connection_created

        connection_created.connect(_postgresql_connection, dispatch_uid="kyodo-postgresql")


def _postgresql_connection(sender, connection, **kwargs) -> None:
    """PostgreSQL: no JIT compilation on Kyodo's connections (its statements are small and
    indexed, but the search's index statements pass ``jit_above_cost`` by the planner's
    estimates, and compiling one took 20 ms where running it takes 3); with prepared statements,
    a connection whose statements a migration made stale is replaced."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    from kyodo.core.statements import replace_after_stale_plans

    wrappers = connection.execute_wrappers
    if connection.features.uses_server_side_binding and replace_after_stale_plans not in wrappers:
        wrappers.append(replace_after_stale_plans)
