"""The import corpus (see README.md) and how a reading of it is scored.

``score`` compares a parsed document with its gold file: entries (section, item, kind, speaker and
text after NFKC with white space removed) as precision/recall/F1 over a multiset match; speaker
labels as the share of gold statements whose text is found with the same speaker; header fields
as the share of the header keys equal to the gold.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kyodo.minutes_text.tests._gold import HEADER_KEYS, entry_counts, entry_keys, norm

__all__ = ["entry_keys", "gold", "names", "pdf_of", "score", "text"]

CORPUS_DIR = Path(__file__).resolve().parent
# Where the PDF of each document has its page-line numbers and whether it prints page footers.
PDF_LAYOUT = {
    "01_assembly_sokki": ("right", True),
    "02_assembly_sokki_long": ("left", False),
    "03_national_gijiroku": ("none", True),
    "04_national_gijiroku_short": ("left", True),
    "05_city_yoten": ("right", False),
    "06_city_yoten_third": ("left", True),
    "07_national_yoshi": ("none", True),
    "08_seed_like": ("right", False),
    "09_jichikai_soukai": ("none", False),
    "10_council_bracket": ("left", False),
    "11_sitting_only": ("right", True),
    "12_left_numbered": ("none", False),
    "13_footer_glued": ("right", True),
    "14_seed_like_second": ("left", False),
    "15_jichikai_soukai_second": ("right", True),
    "16_city_assembly": ("left", True),
    "17_summary_lettered": ("none", True),
    "18_npo_board": ("left", False),
    "19_label_lines": ("right", True),
    "20_education_board": ("none", True),
    "21_jichikai_households": ("none", False),
    "23_npo_counts": ("left", True),
    "28_narrow_assembly": ("right", False),
    "29_narrow_jichikai": ("none", False),
    "30_narrow_summary": ("left", True),
    "31_center_squares": ("right", True),
    "32_excel_roster": ("none", False),
    "33_one_line_roster": ("left", False),
    "34_board_votes": ("none", True),
    "36_anonymised_summary": ("right", False),
}


def _plain_printers() -> dict:
    """Documents printed as text files are (see tests/plainprint.py): how each was printed."""
    from kyodo.minutes_text.tests.plainprint import Printer

    return {
        "22_council_counts": Printer("editor"),
        "24_condo_units": Printer("courier"),
        "25_plain_heisei": Printer("cells", pitch=6.5),
        "26_plain_kominkan": Printer("gaps"),
        "27_plain_npo_browser": Printer("editor", furniture=True, lines_per_page=20),
        # text extracted from a PDF (its page numbers and running head left in), then printed
        "35_running_heads": Printer("editor"),
    }


# Header keys scored (the gold tests' keys and the agenda listed in the header).
SCORED_KEYS = (*HEADER_KEYS, "agenda")


def names() -> list[str]:
    return sorted(p.name.removesuffix(".gold.json") for p in CORPUS_DIR.glob("*.gold.json"))


@cache
def text(name: str) -> str:
    return (CORPUS_DIR / f"{name}.txt").read_text(encoding="utf-8")


def gold(name: str) -> dict[str, Any]:
    return json.loads((CORPUS_DIR / f"{name}.gold.json").read_text(encoding="utf-8"))


@dataclass
class Score:
    hits: int
    predicted: int
    expected: int
    labels_right: int
    statements: int
    header_right: int
    header_keys: int
    date_right: bool

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def label_accuracy(self) -> float:
        return self.labels_right / self.statements if self.statements else 1.0

    @property
    def header_accuracy(self) -> float:
        return self.header_right / self.header_keys if self.header_keys else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.hits + other.hits,
            self.predicted + other.predicted,
            self.expected + other.expected,
            self.labels_right + other.labels_right,
            self.statements + other.statements,
            self.header_right + other.header_right,
            self.header_keys + other.header_keys,
            self.date_right and other.date_right,
        )


def _statements(doc: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    return [
        (e.get("speaker") and unicodedata.normalize("NFKC", e["speaker"]), norm(e["text"]))
        for s in doc["sections"]
        for i in s["items"]
        for e in i["entries"]
        if e["kind"] == "statement"
    ]


def score(actual: dict[str, Any], expected: dict[str, Any]) -> Score:
    hits, predicted, wanted = entry_counts(actual, expected)
    found = {}
    for speaker, body in _statements(actual):
        found.setdefault(body, []).append(speaker)
    gold_statements = _statements(expected)
    labels_right = 0
    for speaker, body in gold_statements:
        speakers = found.get(body, [])
        if speaker in speakers:
            speakers.remove(speaker)
            labels_right += 1
    header_right = sum(1 for key in SCORED_KEYS if actual.get(key) == expected.get(key))
    return Score(
        hits,
        predicted,
        wanted,
        labels_right,
        len(gold_statements),
        header_right,
        len(SCORED_KEYS),
        actual.get("date") == expected.get("date"),
    )


def header_diffs(actual: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    return [
        f"{key}: {actual.get(key)!r} != {expected.get(key)!r}"
        for key in SCORED_KEYS
        if actual.get(key) != expected.get(key)
    ]


def pdf_of(name: str) -> bytes:
    """The document printed as a PDF: page-line numbers left, right or none, footers, boxes; or
    the text file printed as it is (no ruling, a monospace font)."""
    from kyodo.minutes_text._syntax import section_heading
    from kyodo.minutes_text.tests.pdfmaker import STYLES, Style, make_pdf, wrap
    from kyodo.minutes_text.tests.plainprint import plain_pdf

    printer = _plain_printers().get(name)
    if printer is not None:
        return plain_pdf(text(name), printer)
    numbers, footer = PDF_LAYOUT.get(name, ("right", False))
    base = STYLES["seed"]
    style = Style(name, base.label, base.section, base.item, numbers=numbers, footer=footer)
    lines = []
    for raw in text(name).splitlines():
        # a tab (a table pasted from a spreadsheet) prints as a gap
        raw = raw.replace("\t", "　　")
        if not raw.strip():
            lines.append(("blank", ""))
        elif section_heading(raw) is not None:
            lines.append(("boxed", raw))
        else:
            lines.extend(("text", part) for part in wrap(raw))
    return make_pdf(lines, style)
