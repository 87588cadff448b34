"""normalize_name, and readings written with 「・」, 「＝」 and spaces (kyodo.core.text)."""

from __future__ import annotations

import pytest

from kyodo.core.text import (
    gojuon_key,
    gojuon_order,
    is_reading,
    match_key,
    normalize_name,
    normalize_reading,
    sort_by_reading,
)

# --- normalize_name ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ＮＰＯ法人みらい", "NPO法人みらい"),
        ("ＮＰＯ法人　みらい", "NPO法人 みらい"),
        ("西東京ｎｅｔ２０２５", "西東京net2025"),
        ("（特非）ひばり＆かぜ！", "（特非）ひばり＆かぜ！"),
        ("ｶﾌｪ ﾐﾗｲ", "カフェ ミライ"),
        ("ｶﾞｰﾃﾞﾝ･ｸﾗﾌﾞ", "ガーデン・クラブ"),
        ("ﾊﾟﾝﾀﾞ｢ﾊﾟﾊﾟ｣", "パンダ「パパ」"),
        # A half-width voicing mark after a full-width letter joins it.
        ("カﾞーデン", "ガーデン"),
        # Full-width katakana, kanji and other symbols stay as typed (NFKC would change them).
        ("カフェ・ミライ", "カフェ・ミライ"),
        ("㈱ひばり①", "㈱ひばり①"),
        ("髙橋 﨑", "髙橋 﨑"),
        ("ﾟ", "\u309a"),
        # White space of any width: one space, none at the ends.
        ("　 西東京  \t風の会　", "西東京 風の会"),
        ("", ""),
        ("　", ""),
    ],
)
def test_normalize_name(typed, stored):
    assert normalize_name(typed) == stored


def test_normalize_name_is_idempotent_and_keeps_the_match_key():
    for typed in ("ＮＰＯ法人　みらい", "ｶﾌｪ ﾐﾗｲ", "（一社）ＡＢＣ"):
        once = normalize_name(typed)
        assert normalize_name(once) == once
        assert match_key(once) == match_key(typed)


# --- readings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ネットワーク・ヒバリガオカ", "ねっとわーく・ひばりがおか"),
        ("ﾈｯﾄﾜｰｸ･ﾋﾊﾞﾘｶﾞｵｶ", "ねっとわーく・ひばりがおか"),
        ("ジャン＝ポール　サルトル", "じゃん=ぽーる さるとる"),
        ("ジャン゠ポール", "じゃん゠ぽーる"),
        ("にしとうきょう　かぜのかい", "にしとうきょう かぜのかい"),
    ],
)
def test_readings_with_separators_are_readings(typed, stored):
    assert normalize_reading(typed) == stored
    assert is_reading(stored)


@pytest.mark.parametrize(
    "s", ["・", "ー", "=", "・ ・", "ー・ー", "さか/ぐち", "さか。ぐち", "abc・"]
)
def test_signs_alone_or_other_signs_are_no_reading(s):
    assert not is_reading(s)


def test_separators_do_not_change_the_gojuon_order():
    assert (
        gojuon_key("ねっとわーく・ひばりがおか")[:4] == gojuon_key("ねっとわーくひばりがおか")[:4]
    )
    assert gojuon_order("ねっとわーく・ひばりがおか") == gojuon_order("ねっとわーく ひばりがおか")
    assert gojuon_order("じゃん=ぽーる") == gojuon_order("じゃんぽーる")
    readings = ["ねっとわーく・みどり", "ねっとわーく・ひばりがおか", "ねっとわーくあおば"]
    assert sort_by_reading(readings, key=str) == [
        "ねっとわーくあおば",
        "ねっとわーく・ひばりがおか",
        "ねっとわーく・みどり",
    ]
