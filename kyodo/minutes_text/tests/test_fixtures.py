"""Invented minutes in other house styles (tests/data/*.txt) against gold.

Each .txt imitates PDF-extracted text: page-line numbers glued to line ends,
page breaks, boxed headings (and some header tables) pushed to the end of
their page.  The .gold.json beside it was written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kyodo.minutes_text import Minutes, parse_minutes, render_minutes

from ._gold import DATA_DIR, entry_counts, entry_keys, header_diffs, load_gold, outline

DOCUMENTS = sorted(p.name.removesuffix(".gold.json") for p in DATA_DIR.glob("*.gold.json"))


def _load(name: str) -> tuple[str, dict]:
    text = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return text, load_gold(DATA_DIR / f"{name}.gold.json")


def test_there_are_at_least_four_documents() -> None:
    assert len(DOCUMENTS) >= 4
    for name in DOCUMENTS:
        assert (
            40
            <= len(Path(DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines())
            <= 100
        )


@pytest.mark.parametrize("name", DOCUMENTS)
def test_header_equals_gold(name: str) -> None:
    text, gold = _load(name)
    assert header_diffs(parse_minutes(text).to_dict(), gold) == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_outline_equals_gold(name: str) -> None:
    text, gold = _load(name)
    assert outline(parse_minutes(text).to_dict()) == outline(gold)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_entries_equal_gold(name: str) -> None:
    text, gold = _load(name)
    assert entry_keys(parse_minutes(text).to_dict()) == entry_keys(gold)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_gold_round_trips(name: str) -> None:
    _, gold = _load(name)
    minutes = Minutes.from_dict(gold)
    assert minutes.to_dict() == gold
    assert parse_minutes(render_minutes(minutes)) == minutes


def test_entry_precision_and_recall_over_all_documents() -> None:
    hits = predicted = expected = 0
    for name in DOCUMENTS:
        text, gold = _load(name)
        h, p, e = entry_counts(parse_minutes(text).to_dict(), gold)
        hits, predicted, expected = hits + h, predicted + p, expected + e
    assert hits / predicted == 1.0
    assert hits / expected == 1.0
