"""The import corpus (tests/corpus): every document read from its text and from its PDF.

Acceptance of issue #15: entry F1 ≥ 0.98 per document in text and PDF form, speaker labels
100 %, the date right in every document.
"""

from __future__ import annotations

import pytest

from kyodo.minutes_text import parse_layout, parse_minutes
from kyodo.minutes_text.pdf import read_pdf
from kyodo.minutes_text.tests import corpus
from kyodo.minutes_text.tests.corpus.make_corpus import build

NAMES = corpus.names()


def test_the_corpus_has_fifteen_documents_in_ten_styles_three_long_verbatim() -> None:
    docs = build()
    assert sorted(doc.name for doc in docs) == NAMES
    assert len(NAMES) >= 15
    assert len({doc.style for doc in docs}) >= 10
    assert sum(1 for doc in docs if doc.turns() >= 80) >= 3


def test_the_corpus_files_are_what_the_script_writes() -> None:
    # The texts and gold files in the repository are the script's output, not edited by hand.
    for doc in build():
        assert corpus.text(doc.name) == "\n".join(doc.lines) + "\n"
        assert corpus.gold(doc.name) == doc.gold


def _check(name: str, parsed: dict) -> None:
    gold = corpus.gold(name)
    score = corpus.score(parsed, gold)
    assert parsed["date"] == gold["date"]
    assert score.f1 >= 0.98, (score.precision, score.recall)
    assert score.label_accuracy == 1.0
    assert corpus.header_diffs(parsed, gold) == []


@pytest.mark.parametrize("name", NAMES)
def test_text(name: str) -> None:
    _check(name, parse_minutes(corpus.text(name)).to_dict())


@pytest.mark.parametrize("name", NAMES)
def test_pdf(name: str) -> None:
    _check(name, parse_layout(read_pdf(corpus.pdf_of(name)).layout).to_dict())


def _review_header(document) -> str:
    """What the review form puts above the body it parses again (committees/views/imports.py):
    the secretariat and the people named, so that 「西口：……」 is a turn of a listed name."""
    lines = ["会議録"]
    if document.secretariat:
        lines.append("■事務局：" + "、".join(f"{s.name}{s.title}" for s in document.secretariat))
    present = [*document.attendees, *document.also_attending]
    for label, names in (("出席者", present), ("欠席者", document.absentees)):
        if names:
            lines.append(f"■{label}：" + "、".join(names))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", NAMES)
def test_the_review_text_reads_back_the_same_entries(name: str) -> None:
    # The review screen edits render_body(document) and parses it again on save.
    from kyodo.minutes_text import render_body

    first = parse_minutes(corpus.text(name))
    again = parse_minutes(_review_header(first) + render_body(first))
    assert corpus.entry_keys(again.to_dict()) == corpus.entry_keys(first.to_dict())
