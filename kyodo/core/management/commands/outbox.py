import time

from django.core.management.base import BaseCommand

from kyodo.core.outbox import outbox_flush
from kyodo.core.selectors import outbox_counts


class Command(BaseCommand):
    help = "Outbox: 'flush' delivers every message that is due; 'status' prints the counts."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["flush", "status"])
        parser.add_argument(
            "--every", type=int, default=0, help="Repeat the flush every N seconds (a sweeper)."
        )

    def handle(self, *args, action, every, **options):
        if action == "status":
            for status, count in outbox_counts().items():
                self.stdout.write(f"{status}: {count}")
            return
        while True:
            counts = outbox_flush()
            if counts or not every:
                self.stdout.write(
                    ", ".join(f"{k}: {v}" for k, v in counts.items()) or "nothing due"
                )
            if not every:
                return
            time.sleep(every)
