from django.core.management.base import BaseCommand

from kyodo.core.demo import DEMO_PASSWORD, load_demo
from kyodo.core.management.commands.serve import require_migrated
from kyodo.core.upkeep import after_bulk_load


class Command(BaseCommand):
    help = (
        "Load the demo center (西東京市市民協働推進センター) into the database: its history of"
        " January 2011, and its current fiscal year relative to today."
    )

    def handle(self, *args, **options):
        require_migrated()
        logins = load_demo(current=True)
        after_bulk_load(vacuum=True)
        self.stdout.write(self.style.SUCCESS("Demo center loaded: 西東京市市民協働推進センター"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<12} {login.role:<10} {login.name}")
