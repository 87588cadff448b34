"""Japanese text in the catalogue uses full-width 「（」「）」「：」 (公用文作成の考え方, as the events
app already writes): 「予算額（円）」, 「事業：ベンチマーク講座」, with no space after 「：」; numbers and
Latin letters inside stay half-width: 「（参加12名）」, 「例：19:00」, 「Word（.docx）」.

The compiled Japanese catalogue is walked, so a new msgstr written with 「(」 or 「: 」 next to
Japanese fails here. Times (19:00), URLs (https://) and placeholders (%(name)s) are not
punctuation; a msgstr entirely in Latin letters (「Excel (XLSX)」) is not Japanese text.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

import kyodo

MO = Path(kyodo.__file__).resolve().parent / "locale" / "ja" / "LC_MESSAGES" / "django.mo"

JA = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
_JA = re.compile(f"[{JA}]")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]")
# A stand-in for a placeholder: what it stands for is Japanese text (a name, a title, a date).
_HOLE = "\ue000"
# 「(」 or 「)」 touching Japanese or a placeholder, or a pair around Japanese.
_HALF_PAREN = re.compile(
    rf"[{JA}{_HOLE}] ?\(|\) ?[{JA}]|\([^()]*[{JA}][^()]*\)|\({_HOLE}[^()]*\)|\([^()]*{_HOLE}\)"
)
# 「:」 after Japanese, 「）」「」」 or a placeholder, not between digits (19:00) nor in a URL.
_HALF_COLON = re.compile(rf"[{JA}{_HOLE}] ?:(?!//)(?![0-9])")

# Contexts whose msgstrs are Latin but always read inside a Japanese list or sentence:
# kinds_label() joins the upload kinds with 「、」 (「PDF、Word（.docx）、テキスト（.txt）」).
JAPANESE_CONTEXTS = {"upload kind"}

# Deliberate half-width forms, each with its reason. Kept equal to what the catalogue says, so a
# change of one is looked at again here.
KEPT = {
    (None, "Excel (XLSX)"): (
        "Excel (XLSX)",
        "a download link's own name, entirely in Latin letters, beside 「CSV」「PDF」 links "
        "(no Japanese around it inside the msgstr)",
    ),
}


def half_width_punctuation(msgstr: str, *, japanese: bool = False) -> list[str]:
    """The half-width brackets and colons of ``msgstr`` that belong to Japanese text."""
    if not japanese and not _JA.search(msgstr):
        return []
    text = _PLACEHOLDER.sub(_HOLE, msgstr)
    if japanese:
        return re.findall(r"[()]", text)
    return [m.group(0) for m in _HALF_PAREN.finditer(text)] + [
        m.group(0) for m in _HALF_COLON.finditer(text)
    ]


def _catalogue():
    return polib.mofile(str(MO))


@pytest.mark.parametrize(
    ("msgstr", "flagged"),
    [
        ("予算額(円)", True),
        ("協働の統計 (全年度)", True),
        ("提案が採択されました: %(title)s", True),
        ("%(name)s委員: 下記の", True),
        ("ダウンロード:", True),
        ("会議の開始時(%(when)s)の受領の状況です。", True),
        ("%(criterion)s(0～%(max)s点)", True),
        ("%(meeting)s: %(file)s（%(size)d バイト）", True),
        ("予算額（円）", False),
        ("例：19:00", False),
        ("例：2010-12、平成22年12月", False),
        ("%(label)s：%(n)s", False),
        ("%(meeting)s（%(date)s）", False),
        ("Excel (XLSX)", False),
        ("https://kyodo.example.jp/ をご覧ください。", False),
    ],
)
def test_the_rule_finds_half_width_brackets_and_colons_in_japanese(msgstr, flagged):
    assert bool(half_width_punctuation(msgstr)) is flagged


def test_a_latin_label_read_inside_japanese_text_counts_as_japanese():
    assert half_width_punctuation("Word(.docx)") == []
    assert half_width_punctuation("Word(.docx)", japanese=True) == ["(", ")"]
    assert half_width_punctuation("Word（.docx）", japanese=True) == []


def test_no_japanese_msgstr_has_half_width_brackets_or_colons():
    offending = []
    for entry in _catalogue():
        if not entry.msgid or (entry.msgctxt, entry.msgid) in KEPT:
            continue
        japanese = entry.msgctxt in JAPANESE_CONTEXTS
        for msgstr in [entry.msgstr, *entry.msgstr_plural.values()]:
            if half_width_punctuation(msgstr, japanese=japanese):
                offending.append((entry.msgctxt, entry.msgid, msgstr))
    assert offending == []


def test_the_kept_half_width_forms_are_still_what_they_were_kept_for():
    by_key = {(e.msgctxt, e.msgid): e.msgstr for e in _catalogue()}
    for key, (msgstr, reason) in KEPT.items():
        assert by_key[key] == msgstr, reason
        assert not _JA.search(msgstr), reason


def test_the_converted_labels_read_full_width():
    by_key = {(e.msgctxt, e.msgid): e.msgstr for e in _catalogue()}
    assert by_key[(None, "Budget (yen)")] == "予算額（円）"
    assert by_key[(None, "Total counted")] == "協働件数（合計）"
    assert by_key[(None, "e.g. 19:00")] == "例：19:00"
    assert by_key[(None, "Your proposal has been adopted: %(title)s")] == (
        "提案が採択されました：%(title)s"
    )
    assert by_key[(None, " (attendance: %(attendance)s)")] == "（参加%(attendance)s）"
    assert by_key[("upload kind", "Word (.docx)")] == "Word（.docx）"
