"""``kyodo minutes export|verify|import``: minutes from the command line, in Japanese."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from kyodo.committees.export import FORMATS, export_minutes
from kyodo.committees.management.commands.import_minutes import JapaneseErrors
from kyodo.committees.models import Committee, Meeting
from kyodo.committees.services import versions_verify


class Command(JapaneseErrors, BaseCommand):
    help = (
        "Minutes: 'export' writes a meeting's minutes as pdf, docx, html or text; 'verify' "
        "re-hashes every confirmed version and fails on any mismatch; 'import' brings past "
        "minutes in (the same as import-minutes)."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write a meeting's minutes to a file.")
        export.add_argument(
            "--meeting",
            required=True,
            help="Fiscal year and number, e.g. 2010-9 (第9回 of FY2010).",
        )
        export.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        export.add_argument(
            "--output",
            help="File to write ('-' for stdout); without it, MEETING.FORMAT (e.g. 2010-9.pdf, "
            "2010-9.txt for text) in the current directory.",
        )
        export.add_argument("--committee", help="Committee slug, where there are several.")
        actions.add_parser("verify", help="Re-hash every version of confirmed minutes.")
        imports = actions.add_parser(
            "import", help="Import past minutes (PDF or text); the same as import-minutes."
        )
        imports.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders.")
        imports.add_argument(
            "--dry-run", action="store_true", help="Read and check everything; save nothing."
        )
        imports.add_argument(
            "--json", action="store_true", help="One JSON report line per file; save nothing."
        )
        imports.add_argument("--committee", help="Committee short name or id.")

    def handle(self, *args, action, **options):
        with translation.override(settings.LANGUAGE_CODE):
            if action == "verify":
                return self.verify()
            if action == "import":
                call_command(
                    "import_minutes",
                    *options["paths"],
                    dry_run=options["dry_run"],
                    json=options["json"],
                    committee=options["committee"],
                    stdout=self.stdout._out,
                    stderr=self.stderr._out,
                )
                return None
            return self.export(**options)

    def verify(self) -> None:
        checked, mismatches = versions_verify()
        for mismatch in mismatches:
            version = mismatch.version
            problem = (
                _("its SHA-256 does not match its content")
                if mismatch.problem == "hash"
                else _("it is the newest version but not the current one")
            )
            self.stderr.write(
                _("%(meeting)s, version %(number)d: %(problem)s.")
                % {"meeting": version.minutes.meeting, "number": version.number, "problem": problem}
            )
        if mismatches:
            raise CommandError(
                _("%(bad)d of %(checked)d versions of confirmed minutes do not verify.")
                % {"bad": len(mismatches), "checked": checked}
            )
        self.stdout.write(
            _("All %(checked)d versions of confirmed minutes verify.") % {"checked": checked}
        )

    def export(self, *, meeting, fmt, output, committee, **options) -> None:
        try:
            fiscal_year, number = (int(part) for part in meeting.split("-"))
        except ValueError:
            raise CommandError(
                _("--meeting must look like 2010-9 (fiscal year-number), not %(given)s.")
                % {"given": meeting}
            ) from None
        committees = Committee.objects.all()
        if committee:
            committees = committees.filter(slug=committee)
        elif committees.count() > 1:
            raise CommandError(_("There are several committees: name one with --committee SLUG."))
        found = (
            Meeting.objects.filter(committee__in=committees, fiscal_year=fiscal_year, number=number)
            .select_related("minutes")
            .first()
        )
        if found is None:
            raise CommandError(
                _("There is no meeting %(meeting)s (fiscal year %(year)d, no. %(number)d).")
                % {"meeting": meeting, "year": fiscal_year, "number": number}
            )
        data = export_minutes(found.minutes, fmt)
        if not output:
            # 2010-9.pdf in the current directory, as the README's example expects.
            output = f"{fiscal_year}-{number}.{FORMATS[fmt][2]}"
        if output == "-":
            self.stdout.write(data.decode("utf-8") if fmt in ("text", "html") else repr(data))
            return
        Path(output).write_bytes(data)
        self.stdout.write(
            _("%(meeting)s: %(file)s (%(size)d bytes)")
            % {"meeting": found, "file": output, "size": len(data)}
        )
