import logging
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import import_string

from kyodo.core.outbox import outbox_flush

logger = logging.getLogger("kyodo.periodic")


def daily_jobs() -> list[str]:
    """Dotted paths of idempotent jobs the apps want run once a day (``periodic_daily``)."""
    return [
        job for config in apps.get_app_configs() for job in getattr(config, "periodic_daily", ())
    ]


class Command(BaseCommand):
    help = (
        "Scheduled work: deliver due outbox mail every minute and run each app's daily jobs "
        "(such as removing applicants' personal data). Every job is safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=60, help="Seconds between rounds.")
        parser.add_argument("--once", action="store_true", help="One round, then exit.")

    def handle(self, *args, every, once, verbosity, **options):
        self.verbosity = verbosity
        last_daily = None
        while True:
            self._run("outbox flush", outbox_flush)
            today = timezone.localdate()
            if last_daily != today:
                for dotted in daily_jobs():
                    self._run(dotted, import_string(dotted))
                last_daily = today
            if once:
                return
            time.sleep(every)

    def _run(self, name, job):
        # One failing job must not stop the others, nor the next round.
        try:
            result = job()
        except Exception:
            logger.exception("periodic job %s failed", name)
            self.stderr.write(f"{name}: failed (see the log)")
        else:
            if self.verbosity > 1 or (result and self.verbosity > 0):
                self.stdout.write(f"{name}: {result}")
