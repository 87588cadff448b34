"""Styles of the twenty-second session: the misses the fourteenth and fifteenth sets left open.

- attendance counted in homes or people (「出席世帯　２５世帯（委任状含む）」, 「出席　12名　欠席　3名」,
  「出席者：委員８名、事務局２名」): a count, never people named 「２５世帯」;
- the chair's words before the first heading (「○議長　それでは定刻になりましたので……」 over
  「１．議題」): the turns of an item 「開会」;
- text files printed to PDF (no ruling, a monospace font; ``plainprint``): 「日 時　平成22年…」 read
  as typed, whatever the printer did with the spaces;
- pages of about 25 characters a line (a narrow column, a vertical record set horizontally):
  the wraps joined, two turns or two points of a list never.

The corpus holds a document of each (tests/corpus/styles22.py, scored by ``bench
import_quality``); here each reading is exact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kyodo.minutes_text import parse_layout, parse_minutes, render_body, render_minutes
from kyodo.minutes_text._layout import Line, join_hard_wraps
from kyodo.minutes_text.pdf import read_pdf
from kyodo.minutes_text.tests import corpus
from kyodo.minutes_text.tests.corpus.styles22 import narrowed
from kyodo.minutes_text.tests.plainprint import Printer, plain_pdf

DATA = Path(__file__).parent / "data"


def _items(minutes) -> list[tuple[int, str]]:
    return [(i.number, i.title) for s in minutes.sections for i in s.items]


def _turns(item) -> list[tuple[str | None, str]]:
    return [(e.speaker, e.text) for e in item.entries]


def _header(line: str) -> str:
    return (
        "令和６年度第２回　みなと市地域福祉審議会　会議録\n"
        "日時　令和６年７月３日（水）午後２時～４時\n"
        "場所　みなと市役所　第２会議室\n"
        f"{line}\n"
        "１．議題\n"
        "（１）計画の進捗について\n"
        "会長：それでは始めます。\n"
        "以上\n"
    )


# --- attendance counted -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "count", "proxies"),
    [
        ("出席世帯　２５世帯（委任状含む）", 25, None),
        ("出席　２５世帯（委任状含む）", 25, None),
        ("出席　12名　欠席　3名", 12, None),
        ("出席者：委員８名、事務局２名", 8, None),
        ("出席者　委員１０名、区役所３名", 10, None),
        ("出席者　３２世帯（委任状１２世帯を含む）", 32, 12),
        ("出席世帯数　６８世帯（全１２０世帯、委任状含む）", 68, None),
        ("出席戸数　４２戸（委任状含む）", 42, None),
        ("出席組合員　３８戸（うち委任状１２戸、議決権行使書９戸）", 38, 21),
        # those by proxy attend too: 48 in person and 35 by proxy
        ("出席　会員１２０世帯中　出席４８世帯、委任状３５世帯", 83, 35),
        ("出席者　会員世帯数１８６世帯中　出席５２世帯、委任状８９通　計１４１", 141, 89),
    ],
)
def test_attendance_counted_in_homes_or_people(line, count, proxies):
    minutes = parse_minutes(_header(line))
    assert (minutes.attendees, minutes.attendee_count, minutes.proxy_count) == (
        [],
        count,
        proxies,
    )
    assert minutes.secretariat == []
    assert not any("読み取れなかった" in warning for warning in minutes.warnings)


def test_a_households_line_under_the_roster_is_no_part_of_it():
    """「出席　会長　石田　浩、…、ほか１１名」 then 「出席世帯　出席５２世帯（うち委任状２３世帯）」:
    the households' line was read as the roster going on (the count eleven); the people came
    first and are the count, the homes another measure."""
    minutes = parse_minutes((DATA / "fourteenth" / "e05_hoka_setai.txt").read_text("utf-8"))
    assert minutes.attendees == ["石田 浩", "中野 久美子", "森本 勇"]
    assert (minutes.attendee_count, minutes.proxy_count) == (14, None)
    assert not minutes.warnings


# --- the opening before the first heading -----------------------------------------------------


def test_the_chairs_opening_before_the_first_heading_is_an_item_of_its_own():
    minutes = parse_minutes((DATA / "fourteenth" / "e06_chair_opens.txt").read_text("utf-8"))
    assert _items(minutes) == [
        (0, "開会"),
        (1, "公民館講座の中間報告について"),
        (2, "文化祭の開催について"),
    ]
    assert _turns(minutes.sections[0].items[0]) == [
        ("議長", "ただいまから令和６年度第２回社会教育委員会議を開会します。本日は全員出席です。"),
        ("議長", "議事録署名人に西村委員と古川委員を指名します。"),
    ]


OPENING = (
    "令和６年度第１回　あおば市環境審議会　議事録\n"
    "日時　令和６年６月１０日（月）午後２時～午後３時３０分\n"
    "場所　あおば市役所　大会議室\n"
    "出席委員　青木、石田、上野、江口、太田\n"
    "午後２時、事務局の司会により開会した。\n"
    "○議長　それでは定刻になりましたので、ただいまから会議を開会いたします。\n"
    "本日は委員５名全員に御出席いただいておりますので、会議は成立しております。\n"
    "１．議題\n"
    "（１）環境基本計画の進捗状況について\n"
    "○議長　事務局から説明をお願いします。\n"
    "○事務局　資料１により御説明いたします。\n"
    "（２）その他\n"
    "○議長　以上で本日の議事を終了します。\n"
    "以上\n"
)


def test_the_record_and_the_chair_before_the_agenda_heading():
    minutes = parse_minutes(OPENING)
    assert [(s.number, s.category) for s in minutes.sections] == [(0, ""), (1, "議題")]
    assert _items(minutes) == [
        (0, "開会"),
        (1, "環境基本計画の進捗状況について"),
        (2, "その他"),
    ]
    assert _turns(minutes.sections[0].items[0]) == [
        (None, "午後２時、事務局の司会により開会した。"),
        (
            "議長",
            "それでは定刻になりましたので、ただいまから会議を開会いたします。本日は委員５名全員に"
            "御出席いただいておりますので、会議は成立しております。",
        ),
    ]


def test_the_opening_reads_back_from_the_review_text_and_the_house_format():
    minutes = parse_minutes(OPENING)
    # printed with no heading of its own: 「０．開会」 would be no heading a clerk writes
    assert "開会\n" not in render_body(minutes)
    for text in ("会議録\n" + render_body(minutes), render_minutes(minutes)):
        again = parse_minutes(text)
        assert _items(again) == _items(minutes)
        assert [_turns(i) for s in again.sections for i in s.items] == [
            _turns(i) for s in minutes.sections for i in s.items
        ]


def test_no_opening_item_where_there_is_no_heading_or_the_opening_has_its_own():
    # no headings at all: the one unnamed item, as before
    single = parse_minutes(
        "会議録\n日時　令和６年６月１０日\n○議長　開会します。\n○委員　意見を述べます。\n"
    )
    assert _items(single) == [(0, "")]
    # 「１　開会」 after a note standing first: that item is the opening, the note stays unnamed
    own = parse_minutes(
        "会議録\n日時　令和６年６月１０日\n※本記録は要点筆記である。\n１　開会\n"
        "○議長　開会します。\n２　議題\n（１）報告について\n○事務局　報告します。\n"
    )
    assert _items(own) == [(0, ""), (1, "開会"), (1, "報告について")]
    # turns under the first section's heading, before its first item: that section's
    under = parse_minutes(
        "会議録\n日時　令和６年６月１０日\n１．議題\n○議長　始めます。\n（１）報告について\n"
        "○事務局　報告します。\n"
    )
    assert [
        (s.number, s.category, [(i.number, i.title) for i in s.items]) for s in under.sections
    ] == [(1, "議題", [(0, ""), (1, "報告について")])]


# --- text files printed to PDF ----------------------------------------------------------------


HEISEI = (
    "　　　　平成22年度 第3回 さくら市社会教育委員会議 会議録\n"
    "\n"
    "日 時　平成22年12月21日（火）午後2時00分～午後4時00分\n"
    "場 所　さくら市中央公民館 第2研修室\n"
    "出 席 者　山田 太郎（議長）、佐藤 花子（副議長）、鈴木 一郎\n"
    "事 務 局　生涯学習課長 伊藤 誠\n"
    "\n"
    "議長　それでは平成22年度第3回社会教育委員会議を始めます。\n"
    "1．議題\n"
    "（1）平成23年度社会教育事業計画について\n"
    "事務局（伊藤課長）　資料1を御覧ください。公民館講座を35講座に増やします。\n"
    "鈴木委員　親子講座は土曜日の開催になりますか。\n"
    "事務局（伊藤課長）　3講座とも土曜日の午前に開催します。\n"
    "以上\n"
)

PRINTERS = {
    "editor": Printer("editor"),
    "gaps": Printer("gaps"),
    "cells": Printer("cells", pitch=6.5),
    "wide cells": Printer("cells", pitch=7.0),
    "courier": Printer("courier"),
    "browser": Printer("editor", furniture=True, lines_per_page=8),
}


@pytest.mark.parametrize("printer", PRINTERS.values(), ids=PRINTERS.keys())
def test_a_text_file_printed_to_pdf_reads_as_the_text(printer):
    """Printed a character to a cell wider than the glyphs, every letter stood apart
    (「平 成 22年 度」) and the date was lost; a browser's date, file name and address were the
    organization and the end of a turn."""
    read = read_pdf(plain_pdf(HEISEI, printer))
    printed, typed = parse_layout(read.layout), parse_minutes(HEISEI)
    assert "日 時　平成22年12月21日（火）午後2時00分～午後4時00分" in read.text.splitlines()
    assert printed.to_dict() == typed.to_dict()
    assert (printed.title, printed.date, printed.start_time, printed.end_time) == (
        "平成22年度 第3回 さくら市社会教育委員会議 会議録",
        dt.date(2010, 12, 21),
        dt.time(14, 0),
        dt.time(16, 0),
    )
    assert (printed.venue, printed.attendees, printed.organization) == (
        "さくら市中央公民館 第2研修室",
        ["山田 太郎", "佐藤 花子", "鈴木 一郎"],
        None,
    )
    assert [(s.name, s.title) for s in printed.secretariat] == [("伊藤 誠", "生涯学習課長")]


def test_a_line_on_the_grid_keeps_the_spaces_it_was_typed_with():
    roster = "１番　　青　木　　一　郎　　２番　　石　井　　花　子"
    read = read_pdf(
        plain_pdf(HEISEI.replace("事 務 局", f"出席議員\n{roster}\n事 務 局"), PRINTERS["cells"])
    )
    assert roster in read.text.splitlines()


# --- narrow pages -----------------------------------------------------------------------------


NARROW = ["28_narrow_assembly", "29_narrow_jichikai", "30_narrow_summary"]


@pytest.mark.parametrize("columns", [50, 48, 46, 40])
@pytest.mark.parametrize("name", NARROW)
def test_a_narrow_page_reads_as_its_paragraphs(name, columns):
    """Each line cut at about 25 characters: a header key's value, a point of a list
    (「・……合」「意した。」 was a turn's end, not the record's point) and a label
    (「○防災係長（黒田　信」「也君）」) are whole again; the next turn and the next point are not
    joined to them."""
    gold = corpus.gold(name)
    wide = "\n".join(_build(name, None).lines) + "\n"
    narrow = "\n".join(_build(name, columns).lines) + "\n"
    assert max(len(line) for line in narrow.splitlines()) <= columns // 2
    read = parse_minutes(narrow).to_dict()
    assert read == parse_minutes(wide).to_dict()
    assert corpus.header_diffs(read, gold) == []
    assert corpus.entry_keys(read) == corpus.entry_keys(gold)


def _build(name: str, columns: int | None):
    from kyodo.minutes_text.tests.corpus import styles22

    function = {
        "28_narrow_assembly": styles22.narrow_assembly,
        "29_narrow_jichikai": styles22.narrow_jichikai,
        "30_narrow_summary": styles22.narrow_summary,
    }[name]
    original = styles22.narrowed
    styles22.narrowed = lambda doc: doc if columns is None else original(doc, columns)
    try:
        return function(name)
    finally:
        styles22.narrowed = original


def test_text_typed_a_paragraph_a_line_is_left_as_it_is():
    for name in corpus.names():
        if name in NARROW:
            continue
        lines = [
            Line(text, number + 1, blank=not text.strip())
            for number, text in enumerate(corpus.text(name).splitlines())
        ]
        assert [line.text for line in join_hard_wraps(lines)] == [line.text for line in lines]


def test_a_narrow_page_joins_a_cut_word_and_leaves_the_next_key():
    lines = narrowed_lines(
        [
            "出席　理事１０名（委任状２名を含む）、監事１名",
            "議長　会長　高村　昭",
            "一　説明のため出席した者　総務課長　藤原　章君、防災係長　黒田　信也君",
        ]
        + ["○委員長　" + "説明を求めます。" * 4, "○委員　" + "質問します。" * 5] * 3
    )
    texts = [line.text for line in join_hard_wraps(lines)]
    assert texts[:3] == [
        "出席　理事１０名（委任状２名を含む）、監事１名",
        "議長　会長　高村　昭",
        "一　説明のため出席した者　総務課長　藤原　章君、防災係長　黒田　信也君",
    ]
    assert texts[3] == "○委員長　" + "説明を求めます。" * 4


def narrowed_lines(paragraphs: list[str]) -> list[Line]:
    from kyodo.minutes_text.tests.corpus.make_corpus import Doc

    doc = Doc("x", "x", lines=list(paragraphs))
    return [Line(text, n + 1) for n, text in enumerate(narrowed(doc, 48).lines)]


# Minutes of the earlier sets, typed as text files, printed by each printer: read as their text.
PRINTED = [
    "fourteenth/e06_chair_opens.txt",  # a roster wrapped at the printable width by the printer
    "twelfth/a06_shakyo_rijikai.txt",  # a bill's long title, a legal header spaced to a width
    "fifteenth/f12_names_spaces.txt",  # 「羽田 浩」 cut at the ASCII space between the names
    "eleventh/01_mansion_rijikai.txt",  # 「片岡（２」 over 「０１）」: cut inside a parenthesis
    "ninth/28_pta_unei.txt",  # 「教頭」 over 「（菅）」: a name's bracket on the next line
    "twelfth/a15_reiwa_gannen.txt",  # 「(1) ……」「(2) ……」 indented under 「２　協議事項」
    "thirteenth/d04_shitei_kanri.txt",  # a roster in columns, 「事 務 局」 spaced
    "ninth/17_page_slash_runninghead.txt",  # a running head typed beside the page numbers
    "tenth/04_bilingual_headers.txt",  # keys in Japanese and English, read as in the text
]


@pytest.mark.parametrize("printer", ["editor", "gaps", "cells"])
@pytest.mark.parametrize("name", PRINTED)
def test_minutes_typed_as_text_and_printed_read_as_the_text(name, printer):
    text = (DATA / name).read_text(encoding="utf-8")
    chosen = PRINTERS["wide cells" if printer == "cells" else printer]
    printed = parse_layout(read_pdf(plain_pdf(text, chosen)).layout).to_dict()
    typed = parse_minutes(text).to_dict()
    # (the test's font has no 「㊞」 for the seals under the signatures, the appendix)
    assert {**printed, "appendix": None} == {**typed, "appendix": None}


# Minutes of the earlier sets cut at 25 characters a line: read as they were typed.
NARROWED = [
    "twelfth/a30_kosodate.txt",  # 「……会議録」 over 「（要旨）」, 「（案」 over 「）に対する……」
    "thirteenth/d12_toshikei.txt",  # 「……について」 over 「（駅北地区）（市決定）」 in the list
    "thirteenth/d29_kuchokai.txt",  # a roster cut between a family and a given name
    "fourteenth/e06_chair_opens.txt",
]


@pytest.mark.parametrize("name", NARROWED)
def test_minutes_of_other_sets_cut_narrow_read_as_typed(name):
    from kyodo.minutes_text.tests.corpus.make_corpus import Doc

    text = (DATA / name).read_text(encoding="utf-8")
    narrow = "\n".join(narrowed(Doc("x", "x", lines=text.splitlines()), 50).lines) + "\n"
    assert max(len(line) for line in narrow.splitlines()) <= 25
    assert parse_minutes(narrow).to_dict() == parse_minutes(text).to_dict()
