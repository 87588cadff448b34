from django.core.management.base import BaseCommand

from kyodo.events.services import anonymise_after_days, personal_data_anonymise


class Command(BaseCommand):
    help = (
        "Events: 'anonymise' removes applicants' personal data from events held "
        "EVENTS_ANONYMISE_AFTER_DAYS days ago or earlier (safe to run daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["anonymise"])
        parser.add_argument(
            "--queue", action="store_true", help="Queue it as a background task instead."
        )

    def handle(self, *args, action, queue, **options):
        if queue:
            from kyodo.events.tasks import anonymise_personal_data

            anonymise_personal_data.enqueue()
            self.stdout.write("queued")
            return
        count = personal_data_anonymise()
        self.stdout.write(
            f"personal data removed from {count} applications "
            f"(events {anonymise_after_days()} days old or older)"
        )
