"""The item 「開会」 the importer reads before the first heading is stored first (twenty-second
session): under the category printed first, numbered one."""

from __future__ import annotations

from kyodo.committees.models import AgendaItem
from kyodo.committees.services.imports import planned_items, planned_sections
from kyodo.minutes_text import parse_minutes

OPENING_THEN_REPORTS = (
    "令和６年度第２回　みなと市地域協議会　会議録\n"
    "日時　令和６年７月３日（水）午後２時～４時\n"
    "○議長　それでは定刻になりましたので、ただいまから会議を開会いたします。\n"
    "１．報告事項\n"
    "（１）防犯パトロールについて\n"
    "○事務局　報告します。\n"
    "２．協議事項\n"
    "（１）夏祭りについて\n"
    "○議長　御意見を伺います。\n"
)


def test_the_opening_is_stored_first_before_the_reports():
    document = parse_minutes(OPENING_THEN_REPORTS)
    assert [(p.category, p.number, p.title) for p in planned_items(document)] == [
        (AgendaItem.Category.REPORT, 1, "開会"),
        (AgendaItem.Category.REPORT, 2, "防犯パトロールについて"),
        (AgendaItem.Category.DISCUSSION, 1, "夏祭りについて"),
    ]
    assert [(s.heading, [i.title for i in s.items]) for s in planned_sections(document)] == [
        ("報告事項", ["開会", "防犯パトロールについて"]),
        ("協議事項", ["夏祭りについて"]),
    ]


def test_minutes_with_no_heading_keep_their_one_item():
    document = parse_minutes(
        "会議録\n日時　令和６年７月３日（水）\n○議長　開会します。\n○委員　意見です。\n"
    )
    assert [(p.category, p.number, p.title) for p in planned_items(document)] == [
        (AgendaItem.Category.DELIBERATION, 1, "審議事項")
    ]
