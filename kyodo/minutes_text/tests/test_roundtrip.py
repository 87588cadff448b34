"""Round trips: parse(render(m)) == m, also through PDF-like page layout."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kyodo.minutes_text import Minutes, parse_entries, parse_minutes, render_entries, render_minutes

from . import strategies as gen
from ._gold import entry_keys, header_diffs

_COMMON = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_COMMON
@given(gen.minutes())
def test_render_then_parse_gives_back_the_minutes(minutes: Minutes) -> None:
    assert parse_minutes(render_minutes(minutes)) == minutes


@_COMMON
@given(gen.minutes())
def test_to_dict_from_dict_round_trip(minutes: Minutes) -> None:
    assert Minutes.from_dict(minutes.to_dict()) == minutes


@_COMMON
@given(st.lists(gen.entries(), max_size=8))
def test_render_entries_then_parse_entries(entries: list) -> None:
    assert parse_entries(render_entries(entries)) == entries


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(line: str, columns: int) -> list[str]:
    parts, current = [], ""
    for char in line:
        if current and _width(current + char) > columns:
            parts.append(current)
            current = ""
        current += char
    return [*parts, current]


def pdf_like(text: str, columns: int, page_lines: int) -> str:
    """What PDF extraction gives: lines wrapped at the page width, each with
    its page-line number glued to its end, numbering restarting per page.

    Pages are at least 40 columns wide (A4 minutes have 70–100), so that an
    agenda title is visibly shorter than a full, wrapped line.
    """
    out: list[str] = []
    number = 0
    in_header = True  # the header block (up to the first blank line) is not wrapped
    for line in text.splitlines():
        in_header = in_header and bool(line)
        for part in _wrap(line, columns) if line and not in_header else [line]:
            # A wrapped piece made only of digits would be unreadable even by
            # a human (「1」 on line 5 prints as 「15」).
            assume(not part.strip().isdigit())
            number = number % page_lines + 1
            out.append(f"{' ' if number == 1 else ''}{part}{number} ")
    return "\n".join(out) + "\n"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(gen.minutes(), st.integers(40, 100), st.integers(8, 40))
def test_page_line_numbers_and_wrapping_are_undone(
    minutes: Minutes, columns: int, page_lines: int
) -> None:
    parsed = parse_minutes(pdf_like(render_minutes(minutes), columns, page_lines)).to_dict()
    expected = minutes.to_dict()
    assert header_diffs(parsed, expected) == []
    assert entry_keys(parsed) == entry_keys(expected)
