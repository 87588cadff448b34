"""``kyodo search "協働 -委託" --speaker 委員長 --fy 2010 [--json]`` and ``kyodo search reindex``."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from kyodo.core.wareki import WarekiError, format_wareki, parse_date_ja, parse_fiscal_year
from kyodo.search.selectors import SORTS, Filters, search
from kyodo.search.text import match_spans


class Command(BaseCommand):
    help = (
        "Search minutes, events, groups, news, pages and case studies ('kyodo search WORDS'), "
        "or rebuild the index ('kyodo search reindex')."
    )

    def add_arguments(self, parser):
        parser.add_argument("words", nargs="+", help="The query, or 'reindex'.")
        parser.add_argument("--fy", help="Fiscal year: 2010, 平成22年度, H22.")
        parser.add_argument("--since", help="From this date (和暦 accepted).")
        parser.add_argument("--until", help="Until this date (和暦 accepted).")
        parser.add_argument(
            "--speaker", default="", help="委員長, 副委員長, 委員 or part of a name."
        )
        parser.add_argument(
            "--category", default="", help="report, deliberation, discussion, other."
        )
        parser.add_argument("--meeting", help="Fiscal year and number, e.g. 2010-9.")
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            help="entry, minutes, event, group, news, page, case.",
        )
        parser.add_argument("--sort", choices=SORTS, default="newest")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--staff", action="store_true", help="Include staff-only content.")
        parser.add_argument("--json", action="store_true", help="Print the hits as JSON.")

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
            raise CommandError(f"--meeting must look like 2010-9, not {code!r}") from None
        meeting = Meeting.objects.filter(fiscal_year=fy, number=number).order_by("pk").first()
        if meeting is None:
            raise CommandError(f"No meeting {code}.")
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
        self.stdout.write(f"{count} documents indexed.")
