from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kyodo.committees.export import FORMATS, export_minutes
from kyodo.committees.models import Committee, Meeting


class Command(BaseCommand):
    help = "Minutes: 'export' writes a meeting's minutes as pdf, docx, html or text."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export"])
        parser.add_argument(
            "--meeting",
            required=True,
            help="Fiscal year and number, e.g. 2010-9 (第9回 of FY2010).",
        )
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        parser.add_argument("--output", required=True, help="File to write ('-' for stdout).")
        parser.add_argument("--committee", help="Committee slug, where there are several.")

    def handle(self, *args, action, meeting, fmt, output, committee, **options):
        try:
            fiscal_year, number = (int(part) for part in meeting.split("-"))
        except ValueError:
            raise CommandError(f"--meeting must look like 2010-9, not {meeting!r}") from None
        committees = Committee.objects.all()
        if committee:
            committees = committees.filter(slug=committee)
        elif committees.count() > 1:
            raise CommandError("There are several committees: name one with --committee SLUG.")
        found = (
            Meeting.objects.filter(committee__in=committees, fiscal_year=fiscal_year, number=number)
            .select_related("minutes")
            .first()
        )
        if found is None:
            raise CommandError(f"No meeting {meeting}.")
        data = export_minutes(found.minutes, fmt)
        if output == "-":
            self.stdout.write(data.decode("utf-8") if fmt in ("text", "html") else repr(data))
            return
        Path(output).write_bytes(data)
        self.stdout.write(f"{found}: {output} ({len(data)} bytes)")
