"""``kyodo minutes export|verify|import``: minutes from the command line, in Japanese."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from kyodo.committees.export import FORMATS, export_minutes
from kyodo.committees.models import Committee, Meeting
from kyodo.committees.services import versions_verify
from kyodo.core.management.commands._japanese import JapaneseHelp


class Command(JapaneseHelp, BaseCommand):
    help = (
        "議事録：export は会議の議事録を pdf・docx・html・text のファイルに書き出します。"
        "verify は確定した議事録のすべての版のハッシュを計算し直し、一つでも合わなければ"
        "失敗します。import は過去の議事録を取り込みます（import-minutes と同じ）。"
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, title="操作", metavar="{export,verify,import}"
        )
        export = actions.add_parser(
            "export",
            help="会議の議事録をファイルに書き出します。",
            description="会議の議事録をファイルに書き出します。",
        )
        export.add_argument(
            "--meeting",
            required=True,
            metavar="年度-回",
            help="会議の年度と回（例：2010-9 は2010年度の第9回）",
        )
        export.add_argument(
            "--format",
            required=True,
            choices=sorted(FORMATS),
            dest="fmt",
            help="ファイルの形式",
        )
        export.add_argument(
            "--output",
            metavar="ファイル",
            help="書き出すファイル（- は画面）。省略すると今のディレクトリに 年度-回.形式 "
            "（例：2010-9.pdf、text は 2010-9.txt）",
        )
        export.add_argument(
            "--committee", metavar="委員会", help="委員会の短い名前（委員会が複数あるとき）"
        )
        actions.add_parser(
            "verify",
            help="確定した議事録のすべての版のハッシュを確かめます。",
            description="確定した議事録のすべての版のハッシュを計算し直し、記録と照らし合わせます。",
        )
        imports = actions.add_parser(
            "import",
            help="過去の議事録（PDF やテキスト）を取り込みます（import-minutes と同じ）。",
            description="過去の議事録（PDF やテキスト）を取り込みます（import-minutes と同じ）。",
        )
        imports.add_argument("paths", nargs="+", metavar="パス", help="ファイルまたはフォルダ")
        imports.add_argument(
            "--dry-run", action="store_true", help="読んで確かめるだけで、何も保存しません。"
        )
        imports.add_argument(
            "--json",
            action="store_true",
            help="ファイルごとに結果を JSON で1行表示します。何も保存しません。",
        )
        imports.add_argument("--committee", metavar="委員会", help="取り込む委員会の短い名前か番号")
        imports.add_argument(
            "--unpublished",
            action="store_true",
            help="公開せずに未定稿として取り込みます（既定では確定稿として公開サイトに公開します）。",
        )

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
                    unpublished=options["unpublished"],
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
