"""``kyodo report monthly 2010-12``: the monthly report on the terminal or in a file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.core.months import MonthError, parse_month
from kyodo.reports import exports
from kyodo.reports.forms import before_first_month
from kyodo.reports.selectors import first_record_day, first_report_month, monthly_report

FORMATS = ["markdown", "csv", "xlsx", "pdf"]


class Command(JapaneseHelp, BaseCommand):
    help = (
        "報告書を表示するか、ファイルに保存します。`kyodo report monthly 2010-12`（平成22年12月 も可）"
        "は月次報告を Markdown で表示し、--format csv|xlsx|pdf --output ファイル で保存します。"
    )

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(
            dest="kind", required=True, title="報告書の種類", metavar="{monthly}"
        )
        monthly = kinds.add_parser(
            "monthly", help="月次報告", description="月次報告を表示するか、ファイルに保存します。"
        )
        monthly.add_argument("month", metavar="月", help="2010-12、平成22年12月、H22.12 など")
        monthly.add_argument(
            "--format", choices=FORMATS, default="markdown", help="形式（既定：markdown）"
        )
        monthly.add_argument(
            "--output", "-o", metavar="ファイル", help="画面でなく、このファイルに書き出します。"
        )

    def handle(self, *args, kind: str, month: str, format: str, output: str | None, **options):
        try:
            month_ = parse_month(month)
        except MonthError as exc:
            raise CommandError(str(exc)) from None
        if format in ("xlsx", "pdf") and not output:
            raise CommandError(f"--format {format} は --output でファイル名を指定してください。")
        today = timezone.localdate()
        first_day = first_record_day(today=today)
        first = first_report_month(today=today, first_day=first_day)
        if month_ < first:
            raise CommandError(before_first_month(month_, first))
        report = monthly_report(month=month_, today=today, first_day=first_day)
        if format == "markdown":
            content: bytes = exports.to_markdown(report).encode("utf-8")
        else:
            content = exports.FORMATS[format][0](report)
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"{output}（{len(content):,} バイト）")
        else:
            self.stdout.write(content.decode("utf-8"))
