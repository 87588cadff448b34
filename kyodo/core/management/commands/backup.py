from pathlib import Path

from django.core.management.base import BaseCommand

from kyodo.core.backup import backup_write


class Command(BaseCommand):
    help = "Write every table and the uploaded files to a zip file (restore with `kyodo restore`)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        counts = backup_write(path)
        self.stdout.write(f"{path}: {sum(counts.values())} rows in {len(counts)} tables")
