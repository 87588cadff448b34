"""Everything the code can write into an audit row reads in Japanese on /staff/audit/: every kind
of action has an area, every data key a label (for the object the row is about), every source
(「操作元」) and every kind of public submission its words. The keys are read from the source
(``_audit22_scan``), so that a new key without a label fails here, not in front of staff."""

from __future__ import annotations

import ast
import re

import pytest
from django.utils import translation

from kyodo.core.audit import VALUE_FORMATS, VALUE_LABELS, change_lines
from kyodo.core.audit_labels import ACTION_LABELS, AREAS, area_label
from kyodo.core.tests._audit22_scan import KYODO, audit_sites

# Latin letters a Japanese label may keep: the hash's name, 「FAX」 and 「本文（Markdown）」 as the
# forms name them.
LATIN = re.compile(r"[A-Za-z]")
KEPT = re.compile(r"SHA-256|FAX|Markdown")


def _latin(text: str) -> bool:
    return bool(LATIN.search(KEPT.sub("", text)))


@pytest.fixture(scope="module")
def sites():
    return audit_sites()


def test_the_scan_follows_every_audit_row_the_code_writes(sites):
    assert len(sites) > 130, "the scan found too few calls: it is broken"
    unknown = [f"{site.where}: {what}" for site in sites for what in site.unknown]
    assert unknown == []
    # Spot checks that the scan follows each way of writing changes.
    by_place = {(site.where.split(":")[0], tuple(site.actions)): site for site in sites}
    vote = by_place[("committees/services/votes.py", ("kyodo.committees.meeting.written_vote",))]
    assert vote.keys == {"member", "by_staff", "items"}
    assert vote.nested == {"items": {"choice", "comment"}}
    imported = by_place[("committees/services/imports.py", ("kyodo.committees.committee.created",))]
    assert imported.keys == {"name", "via", "purpose", "min_members", "max_members", "quorum"}
    updated = by_place[("committees/services/meetings.py", ("kyodo.committees.meeting.updated",))]
    assert {"members_told", "date", "votes_close_on"} <= updated.keys  # audit_extra, fields


def test_every_data_key_reads_in_japanese_for_the_object_its_row_is_about(sites):
    missing = []
    with translation.override("ja"):
        for site in sites:
            for action in site.actions:
                for key in sorted(site.keys - set(site.nested)):
                    (line,) = change_lines({key: None}, model=site.model, action=action, names={})
                    if _latin(line.label) or line.label == "詳細":
                        missing.append(f"{site.where} {action}: {key} → {line.label}")
                for key, inner in site.nested.items():
                    changes = {key: {"1. 議題": {name: [None, "値"] for name in sorted(inner)}}}
                    (line,) = change_lines(changes, model=site.model, action=action, names={})
                    if _latin(line.text):
                        missing.append(f"{site.where} {action}: {key}.{inner} → {line.text}")
    assert missing == []


def test_every_change_recorded_as_old_and_new_reads_as_a_change(sites):
    flat = []
    with translation.override("ja"):
        for site in sites:
            for action in site.actions:
                for key in sorted(site.pairs - set(VALUE_FORMATS)):  # 「賛成9、反対2」
                    (line,) = change_lines(
                        {key: ["前", "後"]}, model=site.model, action=action, names={}
                    )
                    if line.text not in ("前 → 後", "前〜後"):
                        flat.append(f"{site.where} {action}: {key} → {line.text}")
    assert flat == []


def _via_values() -> set[str]:
    """Every source (``via``) the code records: constants given as ``via=``, parameters'
    defaults, and the values of ``"via"`` in a row's changes."""
    found = set()

    def constants(node) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return constants(node.body) + constants(node.orelse)
        return []

    for path in KYODO.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                found.update(v for k in node.keywords if k.arg == "via" for v in constants(k.value))
            elif isinstance(node, ast.FunctionDef):
                arguments = node.args.kwonlyargs
                defaults = node.args.kw_defaults
                for argument, default in zip(arguments, defaults, strict=True):
                    if argument.arg == "via" and default is not None:
                        found.update(constants(default))
            elif isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "via":
                        found.update(constants(value))
    return found


def test_every_source_of_a_change_reads_in_japanese():
    sources = _via_values()
    assert {"import", "web", "command", "staff", "setup"} <= sources
    with translation.override("ja"):
        words = {source: change_lines({"via": source}, names={})[0] for source in sources}
        assert {line.label for line in words.values()} == {"操作元"}
        assert sorted(s for s, line in words.items() if _latin(line.text)) == []
        assert sorted(sources - set(VALUE_LABELS["via"])) == []
        assert words["import"].text == "過去の会議録の取り込み"
        assert words["setup"].text == "センターの初期設定コマンド"


def test_every_kind_of_public_submission_reads_in_japanese():
    from kyodo.core.confirmations import kinds

    action = "kyodo.core.submission.requested"
    with translation.override("ja"):
        words = {
            kind: change_lines({"kind": kind}, action=action, names={})[0].text for kind in kinds()
        }
    assert words == {
        "organizations.application": "登録団体の申請",
        "events.application": "事業への申し込み",
    }


def test_every_action_belongs_to_an_area_of_the_filter():
    assert [key for key in ACTION_LABELS if not area_label(key)] == []
    with translation.override("ja"):
        areas = [str(label) for _prefix, label in AREAS]
        assert [a for a in areas if _latin(a)] == []
        assert area_label("kyodo.reports.presented.frozen") == "月次報告"
        assert area_label("kyodo.core.submission.requested") == "メール確認待ちのフォーム"
        assert area_label("kyodo.core.venue.created") == "会場"
