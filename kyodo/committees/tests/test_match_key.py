"""``match_key``: which punctuation does not tell two names of people or bodies apart.

White space of any width and the separators gojūon order passes over (「・」「=」「゠」, and the
other middle dots) are dropped: 「山田・花子」 is 「山田 花子」, 「NPO・ひばり」 is 「NPO ひばり」.
Hyphens, dashes and minus signs are one mark, the long-vowel mark ー, which they stand for after
kana (「センタ－」); they are kept, since they tell numbers and words apart (1-23, 12-3).
Brackets and other punctuation still tell names apart. A character's key never depends on its
neighbours (site search folds text one character at a time)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo.core.text import gojuon_key, match_key, search_key, text_matches


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("山田・花子", "山田花子"),
        ("山田 花子", "山田花子"),
        ("山田\u3000花子", "山田花子"),
        ("山田\u00a0花子", "山田花子"),
        ("山田･花子", "山田花子"),
        ("山田·花子", "山田花子"),
        ("山田\u2027花子", "山田花子"),
        ("NPO・ひばり", "npoひばり"),
        ("ＮＰＯ　ひばり", "npoひばり"),
        ("ジャン＝ポール", "じゃんぽーる"),
        ("ジャン゠ポール", "じゃんぽーる"),
        ("ジャン=ポール", "じゃんぽーる"),
        ("ネットワーク・ヒバリガオカ", "ねっとわーくひばりがおか"),
        # hyphens, dashes and minus signs are one mark, the long-vowel one: typed for ー after
        # kana, and still telling numbers and words apart elsewhere
        ("センタ－", "せんたー"),
        ("センタ―", "せんたー"),
        ("センタ-", "せんたー"),
        ("ネットワ—ク", "ねっとわーく"),
        ("ｾﾝﾀｰ", "せんたー"),
        ("田無町１－２３", "田無町1ー23"),
        ("田無町1‐23", "田無町1ー23"),
        ("田無町1−23", "田無町1ー23"),
        ("Kyodo-Net", "kyodoーnet"),
        ("Kyodo‐Net", "kyodoーnet"),
        ("まち育て・Kyodo－Net", "まち育てkyodoーnet"),
        # what tells names apart stays
        ("中村（正）委員", "中村(正)委員"),
        ("ひばり〜ず", "ひばり〜ず"),
        ("山田、花子", "山田、花子"),
    ],
)
def test_match_key_exact(typed, key):
    assert match_key(typed) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ビル", "ビール"),
        ("田無町1-23", "田無町12-3"),
        ("Kyodo-Net", "Kyodo Net"),
        ("中村（正）", "中村正"),
        ("はし", "ばし"),
        ("西東京風の会", "西東京風の街"),
    ],
)
def test_match_key_keeps_apart(a, b):
    assert match_key(a) != match_key(b)


@given(st.text(), st.sampled_from("・･=＝゠·‧ 　-－‐‑–—―−"), st.text())
def test_a_separator_or_hyphen_has_its_key_whatever_is_around_it(before, mark, after):
    # Site search folds text one character at a time to place its highlights
    # (kyodo.search.text._surface_map): the key of a mark may not depend on its neighbours.
    joined = match_key(before) + match_key(mark) + match_key(after)
    assert match_key(before + mark + after) == joined


@given(st.text(), st.text())
def test_what_gojuon_order_ties_matching_ties_too(a, b):
    # gojūon order passes over spaces and 「・」「=」「゠」 (core/tests/test_text.py says so): two
    # readings it cannot tell apart are one name to match as well.
    if gojuon_key(a) == gojuon_key(b):
        assert match_key(a) == match_key(b)


def test_search_finds_a_name_written_with_a_middle_dot():
    assert search_key("渡邉・花子") == "渡辺花子"
    assert text_matches("山田花子", "山田・花子")
    assert text_matches("ジャン・ポール", "ジャン＝ポール")
    assert not text_matches("ビール", "ビル")


# --- the callers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    pk: int
    name: str


@dataclass(frozen=True)
class _Seat:
    member: _Member
    role: str = "member"


def test_a_speaker_label_with_a_middle_dot_names_the_member():
    from kyodo.committees.speakers import match_speaker

    seats = [_Seat(_Member(1, "山田 花子")), _Seat(_Member(2, "ジャン＝ポール 森"))]
    assert match_speaker("山田・花子委員", seats).member == seats[0].member
    assert match_speaker("ジャン・ポール森", seats).member == seats[1].member
    assert match_speaker("山田委員", seats).member == seats[0].member
    assert match_speaker("田中委員", seats).member is None


@pytest.mark.django_db
def test_a_group_written_with_a_middle_dot_is_found_and_flagged_as_the_same():
    from kyodo.organizations.models import Organization
    from kyodo.organizations.selectors import name_or_reading_matches, possible_duplicates

    def group(name: str, reading: str, email: str) -> Organization:
        return Organization.objects.create(
            name=name, name_reading=reading, legal_form=Organization.LegalForm.VOLUNTARY,
            status=Organization.Status.REGISTERED, email=email,
        )  # fmt: skip

    hibari = group("NPO・ひばり", "えぬぴーおー・ひばり", "hibari@example.jp")
    again = group("ＮＰＯ　ひばり", "えぬぴーおー ひばり", "hibari2@example.jp")
    assert (hibari.name_key, again.name_key) == ("npoひばり", "npoひばり")
    assert (hibari.reading_key, again.reading_key) == ("えぬぴーおーひばり", "えぬぴーおーひばり")
    assert list(possible_duplicates(organization=again)) == [hibari]
    found = Organization.objects.filter(name_or_reading_matches("NPOひばり")).order_by("pk")
    assert list(found) == [hibari, again]
