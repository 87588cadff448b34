"""The fifteenth and fourteenth sets (data/fifteenth, data/fourteenth) printed as an office prints
minutes typed in Word or Ichitaro (``pdfmaker.office_pdf``): A4, the title centred, the header's
fields in a ruled table (two keys in a row too, keys centred in their cells), turns with a hanging
indent wrapped at the page width and cut by page breaks, the title as a running head from the
second page on and 「－３－」 centred at the foot. Read back with positions, each document has the
structure its text has (the text reading is right: test_fifteenth_styles.py)."""

from __future__ import annotations

import functools

import pytest

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text.pdf import parse_pdf, read_pdf

from ._gold import DATA_DIR, entry_keys, header_diffs, outline
from .pdfmaker import Office, office_pdf

DOCUMENTS = sorted(
    f"{folder}/{path.name}"
    for folder in ("fifteenth", "fourteenth")
    for path in (DATA_DIR / folder).glob("*.txt")
)
OFFICES = {
    # 14 lines a page: every document goes over two pages at least, turns cut by the breaks
    "ruled": Office(lines_per_page=14),
    "two_keys_a_row": Office(pairs=True, centred_keys=True, lines_per_page=14),
    "hanging_one": Office(hanging="one", footer="- {n} -", lines_per_page=12),
}


@functools.cache
def _text(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


def _differences(actual: dict, expected: dict) -> list[str]:
    wrong = header_diffs(actual, expected)
    if actual.get("agenda") != expected.get("agenda"):
        wrong.append(f"agenda: {actual.get('agenda')!r} != {expected.get('agenda')!r}")
    if outline(actual) != outline(expected):
        wrong.append(f"outline: {outline(actual)!r} != {outline(expected)!r}")
    if entry_keys(actual) != entry_keys(expected):
        wrong.append("entries differ")
    return wrong


def test_the_sets_are_all_here() -> None:
    assert len(DOCUMENTS) == 23


@pytest.mark.parametrize("office", sorted(OFFICES))
@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_document_printed_reads_as_its_text(name: str, office: str) -> None:
    text = _text(name)
    data = office_pdf(text, OFFICES[office])
    assert read_pdf(data).pages >= 2
    assert _differences(parse_pdf(data).to_dict(), parse_minutes(text).to_dict()) == []


def test_a_ruled_header_with_two_keys_in_a_row_is_read_by_its_cells() -> None:
    """│日時│令和６年１２月３日（火）…│場所│ひかり小学校…│ drawn with rules: read line by line the
    cells were mixed (「日時　令和６年１２月３日（火　場所　ひかり小学校」 over 「）」) and the
    venue, the times and the absentee lost."""
    text = _text("fifteenth/f03_pta_box.txt")
    lines = [line.text for line in read_pdf(office_pdf(text)).layout.body if line.text]
    assert lines[1:6] == [
        "日時　令和６年１２月３日（火）",  # 「（火）」 ended the cell's line: kept a line
        "午前１０時～午前１１時３０分",
        "場所　ひかり小学校　会議室",
        "出席者　会長　木下　奈々、副会長　岡本　梨沙、校長　渡部　誠",
        "欠席者　今井　沙織",
    ]


def test_a_key_at_the_top_of_its_ruled_cell_stays_in_its_row() -> None:
    """The names of 出席委員 over three lines, then 「欠席委員」 at the top of the next row: the key
    was taken for one centred in its cell and moved up beside the last names, which became the
    absentees."""
    minutes = parse_pdf(office_pdf(_text("fifteenth/f07_houkatsu_yoshi.txt")))
    assert [name.replace(" ", "") for name in minutes.attendees] == [
        "永田英明", "酒井礼子", "河合保", "久保陽子", "黒田伸一", "佐野和美", "菅原透", "千葉直美",
        "中田隆",
    ]  # fmt: skip
    assert minutes.absentees == ["古川 昭"]


def test_the_title_over_every_page_but_the_first_is_left_out() -> None:
    """Word's running head from the second page on (different first page): in a document of two
    pages it repeats too seldom to be found as repeated, and was glued to the turn the page
    break cut (「原案のとおり可決した。社会福祉法人はなみずき市…議事録」)."""
    text = _text("fifteenth/f01_shakyo_rijikai.txt")
    data = office_pdf(text, Office(lines_per_page=24))
    body = [line.text for line in read_pdf(data).layout.body]
    assert read_pdf(data).pages == 2
    assert body.count("社会福祉法人はなみずき市社会福祉協議会") == 1
    notes = [e.text for e in parse_pdf(data).entries() if e.kind == "note"]
    assert notes[-1] == "原案のとおり可決した。"
