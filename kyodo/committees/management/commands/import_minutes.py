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
from kyodo.core.management.commands._japanese import JapaneseHelp


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    missing = [given for given in paths if not Path(given).exists()]
    if missing:
        raise CommandError(_("File or folder not found: %(paths)s") % {"paths": "、".join(missing)})
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        elif path.exists():
            found.append(path)

    return found


def _committee(given: str | None) -> Committee | None:
    committees = Committee.objects.order_by("pk")
    if given:
        found = committees.filter(slug=given).first()
        if found is None and given.isdigit():
            found = committees.filter(pk=int(given)).first()
        if found is None:
            raise CommandError(
                _("There is no committee %(given)s (give its short name or id).") % {"given": given}
            )
        return found
    if committees.count() > 1:
        raise CommandError(_("There are several committees: name one with --committee SLUG."))
    return committees.first()


# The mixin's old name here (minutes.py and others imported it from this module).
JapaneseErrors = JapaneseHelp


class Command(JapaneseHelp, BaseCommand):
    help = (
        "過去の議事録を PDF（.pdf）やテキスト（.txt、.csv、.tsv、.md）のファイルやフォルダから、"
        "過去の会議の確定した議事録として取り込みます。ファイルごとに取り込み、読めなかった"
        "ファイルからは何も保存しません。既にある会議（同じ年度・回）は飛ばします。"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="パス", help="ファイルまたはフォルダ")
        parser.add_argument(
            "--dry-run", action="store_true", help="読んで確かめるだけで、何も保存しません。"
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="取り込まず、ファイルごとに JSON を1行表示します：ファイル、結果（read か "
            "failed）、理由、確認すること、件数、読み取った内容。集計は標準エラー出力に出します。",
        )
        parser.add_argument(
            "--committee",
            metavar="委員会",
            help="取り込む委員会の短い名前か番号（既定：委員会が一つだけのときはその委員会）",
        )
        parser.add_argument(
            "--unpublished",
            action="store_true",
            help="公開せずに未定稿として取り込みます（既定では確定稿として公開サイトに公開します）。",
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(**options)

    def _handle(self, *, paths, dry_run, json: bool, committee, unpublished=False, **options):
        files = _files(paths)
        report = self.stderr if json else self.stdout
        target = None if json else _committee(committee)
        if target is None and not json:
            raise CommandError(_("There is no committee to import into."))
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
            status, note = self._one(
                path, target, dry_run=dry_run, as_json=json, publish=not unpublished
            )
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
        if counts["failed"]:
            raise CommandError(
                _("%(failed)d of %(n)d files could not be imported.")
                % {"failed": counts["failed"], "n": len(files)}
            )

    def _one(
        self, path: Path, committee, *, dry_run: bool, as_json: bool, publish: bool = True
    ) -> tuple[str, str]:
        try:
            source = read_source(path.name, path.read_bytes())
            if as_json:
                self.stdout.write(_dumps(_report(path, "read", document=source.document)))
                warnings = source.document.warnings
                return "imported", "、".join(warnings) if warnings else ""
            if dry_run:
                number = check_new(committee=committee, document=source.document)
                note = _("would be meeting no. %(number)d") % {"number": number}
                return "imported", note + _checks(source.document)
            outcome = minutes_import(
                actor=None,
                committee=committee,
                document=source.document,
                source=str(path),
                sha256=source.sha256,
                publish=publish,
            )
        except AlreadyImported as error:
            return "skipped", str(error.message)
        except ImportRefused as error:
            if as_json:
                self.stdout.write(_dumps(_report(path, "failed", reason=str(error.message))))
            return "failed", str(error.message)
        except OSError as error:
            reason = _("The file could not be read (%(error)s).") % {
                "error": error.strerror or type(error).__name__
            }
            if as_json:
                self.stdout.write(_dumps(_report(path, "failed", reason=reason)))
            return "failed", reason
        note = f"{outcome.meeting} ({outcome.meeting.code})"
        if outcome.unmatched:
            note += _("; names not matched to members: %(names)s") % {
                "names": "、".join(outcome.unmatched)
            }
        return "imported", note + _checks(source.document)


def _checks(document) -> str:
    """What the parser guessed, for the staff who imported from the command line."""
    if not document.warnings:
        return ""
    return _("; check: %(warnings)s") % {"warnings": "".join(document.warnings)}


def _report(path: Path, status: str, *, reason: str = "", document=None) -> dict:
    """One file's line of ``--json``: what happened, why, what to check, and what was read."""
    data: dict = {"file": str(path), "status": status, "reason": reason, "warnings": []}
    if document is not None:
        entries = document.entries()
        data["warnings"] = list(document.warnings)
        data["counts"] = {
            "sections": len(document.sections),
            "items": sum(len(s.items) for s in document.sections),
            "entries": len(entries),
            "statements": sum(1 for e in entries if e.kind == "statement"),
            "notes": sum(1 for e in entries if e.kind == "note"),
            "uncertain": sum(1 for e in entries if e.uncertain),
            "appendix": len(document.appendix),
        }
        data["document"] = document.to_dict()
    return data


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
