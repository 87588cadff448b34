"""Comparison helpers shared by the gold tests.

Texts are compared after NFKC with all white space removed (the rule in
shared/DOMAIN.md); header scalar fields are compared exactly.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

SEED_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "seed"
DATA_DIR = Path(__file__).resolve().parent / "data"
_WS = re.compile(r"\s+")

HEADER_KEYS = (
    "organization",
    "title",
    "status",
    "fiscal_year",
    "meeting_number",
    "date",
    "start_time",
    "end_time",
    "venue",
    "attendees",
    "attendee_count",
    "proxy_count",
    "absentees",
    "secretariat",
    "also_attending",
    "observers",
    "closing",
)


def norm(text: str | None) -> str | None:
    if text is None:
        return None
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def header_diffs(actual: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    return [
        f"{key}: {actual.get(key)!r} != {gold.get(key)!r}"
        for key in HEADER_KEYS
        if actual.get(key) != gold.get(key)
    ]


def outline(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Sections and items, with normalised titles."""
    return [
        (s["number"], s["category"], i["number"], norm(i["title"]), len(i["entries"]))
        for s in doc["sections"]
        for i in s["items"]
    ]


def entry_keys(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Each entry as (section, item, kind, speaker, normalised text)."""
    return [
        (s["number"], i["number"], e["kind"], e.get("speaker"), norm(e["text"]))
        for s in doc["sections"]
        for i in s["items"]
        for e in i["entries"]
    ]


def entry_counts(actual: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, int]:
    """(true positives, predicted, gold) over entries, as a multiset match."""
    remaining = list(entry_keys(gold))
    hits = 0
    for key in entry_keys(actual):
        if key in remaining:
            remaining.remove(key)
            hits += 1
    return hits, len(entry_keys(actual)), len(entry_keys(gold))
