"""``kyodo search "協働 -委託" --speaker 委員長 --fy 2010 [--json]`` and ``kyodo search reindex``."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from kyodo.core.management.commands._japanese import JapaneseHelp
from kyodo.core.wareki import WarekiError, format_wareki, parse_date_ja, parse_fiscal_year
from kyodo.search.selectors import SORTS, Filters, search
from kyodo.search.text import match_spans


class Command(JapaneseHelp, BaseCommand):
    help = (
        "議事録・催し・団体・お知らせ・ページ・事例を検索します（kyodo search 語句）。"
        "kyodo search reindex は検索の索引を作り直します。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "words",
            nargs="+",
            metavar="語句",
            help="検索する語句（-語句 で除外）。reindex なら索引を作り直します。",
        )
        parser.add_argument("--fy", metavar="年度", help="年度（2010、平成22年度、H22 のどれでも）")
        parser.add_argument("--since", metavar="日付", help="この日から（和暦も可）")
        parser.add_argument("--until", metavar="日付", help="この日まで（和暦も可）")
        parser.add_argument(
            "--speaker",
            default="",
            metavar="発言者",
            help="委員長、副委員長、委員、または名前の一部",
        )
        parser.add_argument(
            "--category",
            default="",
            metavar="種類",
            help="発言の種類：report（報告）、deliberation（審議）、discussion（協議）、other（その他）",
        )
        parser.add_argument("--meeting", metavar="年度-回", help="会議の年度と回（例：2010-9）")
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            metavar="対象",
            help="探す対象（繰り返し可）：entry（発言）、minutes（議事録）、event（催し）、"
            "group（団体）、news（お知らせ）、page（ページ）、case（事例）",
        )
        parser.add_argument(
            "--sort", choices=SORTS, default="newest", help="並べ方（既定：newest、新しい順）"
        )
        parser.add_argument(
            "--limit", type=int, default=20, metavar="件数", help="表示する件数（既定：20）"
        )
        parser.add_argument(
            "--staff", action="store_true", help="事務局だけが見る内容も検索します。"
        )
        parser.add_argument("--json", action="store_true", help="結果を JSON で表示します。")

    def handle(self, *args, words, **options):
        if words == ["reindex"]:
            return self.reindex()
        filters = Filters(
            kinds=options["kind"], speaker=options["speaker"], category=options["category"]
        )
        try:
            if options["fy"]:
                filters.fiscal_year = parse_fiscal_year(options["fy"])
            if options["since"]:
                filters.since = parse_date_ja(options["since"])
            if options["until"]:
                filters.until = parse_date_ja(options["until"])
        except WarekiError as exc:
            raise CommandError(str(exc)) from None
        if options["meeting"]:
            filters.meeting_id = self._meeting(options["meeting"])
        results = search(
            " ".join(words), staff=options["staff"], filters=filters, sort=options["sort"]
        )
        hits = results[0 : max(options["limit"], 0)]
        if options["json"]:
            self.stdout.write(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{results.count()}件")
        for hit in hits:
            d = hit.as_dict()
            head = " ".join(
                x
                for x in (
                    format_wareki(hit.doc.date) if hit.doc.date else "",
                    d["title"],
                    d["agenda_item"] and f"〔{d['agenda_item']}〕",
                    d["speaker"] and f"{d['speaker']}：",
                )
                if x
            )
            self.stdout.write(f"\n{head}\n  {self._excerpt(hit)}\n  {d['url']}")

    def _excerpt(self, hit) -> str:
        text = hit.doc.text.replace("\n", " ")
        spans = match_spans(text, hit.needles)
        start = max(0, spans[0][0] - 30) if spans else 0
        out, cursor = [], start
        for s, e in spans:
            if s < start or s >= start + 120:
                continue
            out += [text[cursor:s], "【", text[s:e], "】"]
            cursor = e
        out.append(text[cursor : start + 120])
        return ("…" if start else "") + "".join(out)

    def _meeting(self, code: str) -> int:
        from kyodo.committees.models import Meeting

        try:
            fy, number = (int(part) for part in code.split("-"))
        except ValueError:
            raise CommandError(
                f"--meeting は 2010-9（年度-回）の形で指定してください（指定値：{code!r}）。"
            ) from None
        meeting = Meeting.objects.filter(fiscal_year=fy, number=number).order_by("pk").first()
        if meeting is None:
            raise CommandError(f"会議 {code}（{fy}年度の第{number}回）はありません。")
        return meeting.pk

    def reindex(self) -> None:
        from tqdm import tqdm

        from kyodo.search.indexing import reindex_all

        bar = tqdm(unit="件", disable=None, file=self.stderr._out)

        def total(n: int) -> None:
            bar.total = n
            bar.refresh()

        count = reindex_all(progress=bar.update, total=total)
        bar.close()
        self.stdout.write(f"{count} 件を索引に登録しました。")
