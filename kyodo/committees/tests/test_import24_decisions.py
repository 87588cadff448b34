"""Imported minutes keep the decisions their ○ lines state (twenty-fourth session): a board's
「採決の結果、賛成８名、反対１名で可決した。」 is the item's decision, linked to that line, so the
minutes print it once, as printed."""

from __future__ import annotations

from kyodo.committees.export import render_text
from kyodo.committees.models import Decision
from kyodo.committees.services.imports import minutes_import
from kyodo.core.models import AuditEntry
from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text.tests import corpus


def _import(committee, name: str):
    document = parse_minutes(corpus.text(name))
    return minutes_import(actor=None, committee=committee, document=document, source=name)


def test_a_boards_votes_are_stored_as_its_items_decisions(committee):
    minutes = _import(committee, "34_board_votes").minutes
    decisions = Decision.objects.filter(item__meeting=minutes.meeting).order_by("item__number")
    assert [
        (
            d.item.number,
            d.outcome,
            d.method,
            d.votes_for,
            d.votes_against,
            d.abstentions,
            d.entry.position,
            d.text,
        )
        for d in decisions
    ] == [
        (1, "approved", "majority", 8, 1, None, 4, "採決の結果、賛成８名、反対１名で可決した。"),
        (2, "approved", "majority", None, None, None, 4, "採決の結果、賛成多数で可決した。"),
        (3, "approved", "none", None, None, None, 1, "令和７年２月８日（土）午前１０時からと決定した。"),
    ]  # fmt: skip
    assert all(d.entry.item_id == d.item_id for d in decisions)
    text = render_text(minutes)
    for line in (
        "採決の結果、賛成８名、反対１名で可決した。",
        "採決の結果、賛成多数で可決した。",
        "令和７年２月８日（土）午前１０時からと決定した。",
    ):
        assert text.count(line) == 1
    audit = AuditEntry.objects.get(action="kyodo.committees.minutes.imported")
    assert audit.changes["decisions"] == 3


def test_minutes_whose_lines_state_no_decision_get_none(committee):
    # 「（異議なし）」 after the chair's question states no outcome: nothing is made up
    minutes = _import(committee, "31_center_squares").minutes
    assert not Decision.objects.filter(item__meeting=minutes.meeting).exists()
    audit = AuditEntry.objects.get(action="kyodo.committees.minutes.imported")
    assert audit.changes["decisions"] == 0
