"""``kyodo import_minutes PATH…``: bring legacy minutes (PDF or text) into the archive."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from tqdm import tqdm

from kyodo.committees.importing import (
    SUFFIXES,
    AlreadyImported,
    ImportRefused,
    read_source,
)
from kyodo.committees.models import Committee
from kyodo.committees.services import check_new, minutes_import


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        elif path.exists():
            found.append(path)
        else:
            raise CommandError(f"No such file or folder: {given}")
    return found


def _committee(given: str | None) -> Committee | None:
    committees = Committee.objects.order_by("pk")
    if given:
        found = committees.filter(slug=given).first()
        if found is None and given.isdigit():
            found = committees.filter(pk=int(given)).first()
        if found is None:
            raise CommandError(f"No committee {given!r} (give its short name or id).")
        return found
    if committees.count() > 1:
        raise CommandError("There are several committees: name one with --committee SLUG.")
    return committees.first()


class Command(BaseCommand):
    help = (
        "Import legacy minutes from PDF (.pdf) and text (.txt) files or folders as confirmed "
        "minutes of past meetings. One transaction per file: nothing is saved from a file that "
        "fails; a meeting already stored (same fiscal year and number) is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check everything; save nothing."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print each document's parsed structure as one JSON line (the shape of the "
            "gold files) instead of importing; the summary goes to stderr.",
        )
        parser.add_argument(
            "--committee", help="Committee short name or id (default: the only committee)."
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(**options)

    def _handle(self, *, paths, dry_run, json: bool, committee, **options):
        files = _files(paths)
        report = self.stderr if json else self.stdout
        target = None if json else _committee(committee)
        if target is None and not json:
            raise CommandError("There is no committee to import into.")
        counts = {"imported": 0, "skipped": 0, "failed": 0}
        labels = {
            "imported": pgettext("import", "would import")
            if dry_run or json
            else pgettext("import", "imported"),
            "skipped": pgettext("import", "skipped"),
            "failed": pgettext("import", "failed"),
        }
        notes: list[str] = []
        progress = tqdm(files, unit="file", disable=None, file=self.stderr._out)
        for path in progress:
            progress.set_postfix_str(path.name, refresh=False)
            status, note = self._one(path, target, dry_run=dry_run, as_json=json)
            counts[status] += 1
            if note:
                notes.append(f"{labels[status]}: {path}: {note}")
        for note in notes:
            report.write(note)
        report.write(
            _("%(imported)s %(i)d, skipped %(s)d, failed %(f)d (of %(n)d files)")
            % {
                "imported": labels["imported"],
                "i": counts["imported"],
                "s": counts["skipped"],
                "f": counts["failed"],
                "n": len(files),
            }
        )

    def _one(self, path: Path, committee, *, dry_run: bool, as_json: bool) -> tuple[str, str]:
        try:
            source = read_source(path.name, path.read_bytes())
            if as_json:
                self.stdout.write(
                    _dumps(source.document.to_dict()),
                )
                return "imported", ""
            if dry_run:
                number = check_new(committee=committee, document=source.document)
                return "imported", _("would be meeting no. %(number)d") % {"number": number}
            outcome = minutes_import(
                actor=None,
                committee=committee,
                document=source.document,
                source=str(path),
                sha256=source.sha256,
            )
        except AlreadyImported as error:
            return "skipped", str(error.message)
        except ImportRefused as error:
            return "failed", str(error.message)
        except OSError as error:
            return "failed", f"{type(error).__name__}: {error.strerror or error}"
        note = f"{outcome.meeting} ({outcome.meeting.code})"
        if outcome.unmatched:
            note += _("; names not matched to members: %(names)s") % {
                "names": "、".join(outcome.unmatched)
            }
        return "imported", note


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
