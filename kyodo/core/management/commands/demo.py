from django.core.management.base import BaseCommand

from kyodo.core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo center (西東京市市民協働推進センター, January 2011) into the database."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo center loaded: 西東京市市民協働推進センター"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<12} {login.role:<10} {login.name}")
