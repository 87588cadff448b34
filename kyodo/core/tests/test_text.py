"""Japanese text: matching keys, kana folding, readings, spelling variants and gojūon order."""

import random
import threading
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo.core.text import (
    gojuon_key,
    is_reading,
    match_key,
    normalize_reading,
    normalize_text,
    normalized_form,
    sort_by_reading,
    suggest_reading,
    to_hiragana,
    to_katakana,
)

# --- normalize_text / match_key --------------------------------------------------------------


def test_normalize_text_is_nfkc_with_one_space_between_words():
    assert normalize_text("　ＮＰＯ法人　\t１２名\n\n参加 ") == "NPO法人 12名 参加"


def test_normalize_text_turns_half_width_katakana_full_width():
    assert normalize_text("ｾﾝﾀｰ") == "センター"


def test_match_key_detects_the_same_group_written_two_ways():
    assert match_key("ＮＰＯ法人　西東京風の会") == match_key("NPO法人西東京風の会")
    assert match_key("NPO法人西東京風の会") == "npo法人西東京風の会"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("西東京シネマ倶楽部", "西東京しねま倶楽部"),
        ("ﾄｰｸｻﾛﾝ", "トークサロン"),
        ("Nishitokyo Cinema", "NISHITOKYO　CINEMA"),
        ("霞ヶ関", "霞ケ関"),
        ("一ヵ月", "一カ月"),
    ],
)
def test_match_key_equal(a, b):
    assert match_key(a) == match_key(b)


def test_match_key_keeps_different_names_apart():
    assert match_key("西東京風の会") != match_key("西東京風の街")
    assert match_key("はし") != match_key("ばし")


# --- kana folding ----------------------------------------------------------------------------


def test_to_hiragana():
    assert to_hiragana("サカグチ") == "さかぐち"
    assert to_hiragana("トークサロン2011") == "とーくさろん2011"
    assert to_hiragana("ヴァイオリン") == "ゔぁいおりん"
    assert to_hiragana("ヵヶ") == "ゕゖ"
    assert to_hiragana("ヷヸヹヺ") == "ゔぁゔぃゔぇゔぉ"
    assert to_hiragana("ヽヾ") == "ゝゞ"
    assert to_hiragana("漢字abc") == "漢字abc"


def test_to_katakana():
    assert to_katakana("さかぐち") == "サカグチ"
    assert to_katakana("ゔぁいおりん") == "ヴァイオリン"
    assert to_katakana("ゕゖ") == "ヵヶ"
    assert to_katakana("すゞき") == "スヾキ"


@given(st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x3096)))
def test_hiragana_round_trips_through_katakana(s):
    assert to_hiragana(to_katakana(s)) == s


# --- readings --------------------------------------------------------------------------------


def test_normalize_reading():
    assert normalize_reading("ｻｶｸﾞﾁ　タロウ") == "さかぐち たろう"
    assert normalize_reading("  サカグチ  ") == "さかぐち"
    assert normalize_reading("ラーメン") == "らーめん"


@pytest.mark.parametrize("s", ["さかぐち", "さかぐち たろう", "らーめん", "ゔぁいおりん", "すゞき"])
def test_is_reading_true(s):
    assert is_reading(s)


# 「さか・ぐち」 is a reading: real readings separate their words with 「・」 (groups2).
@pytest.mark.parametrize(
    "s", ["", "  ", "サカグチ", "坂口", "sakaguchi", "さかぐち1", "さか。ぐち"]
)
def test_is_reading_false(s):
    assert not is_reading(s)


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("坂口", "さかぐち"),
        ("田辺", "たなべ"),
        ("西東京市", "にしとうきょうし"),
        ("有賀", "ありが"),
        ("小林", "こばやし"),
        ("中曽根", "なかそね"),
        ("宮﨑", "みやざき"),
        ("坂口　太郎", "さかぐち たろう"),
        ("ＮＰＯ", "えぬぴーおー"),
    ],
)
def test_suggest_reading(name, reading):
    assert suggest_reading(name) == reading


def test_suggest_reading_keeps_unknown_latin_and_numbers_as_written():
    # SudachiPy has no reading for 「NCH」 and reads 12 digit by digit (イチニ): staff decide.
    suggestion = suggest_reading("NPO法人西東京コミュニティひろばNCH")
    assert suggestion == "えぬぴーおーほうじんにしとうきょうこみゅにてぃひろばnch"
    assert not is_reading(suggestion)
    assert suggest_reading("第12回") == "だい12かい"


def test_suggest_reading_drops_punctuation():
    assert suggest_reading("「坂口」・田辺") == "さかぐちたなべ"


def test_suggest_reading_of_nothing():
    assert suggest_reading("") == ""


# --- normalized_form -------------------------------------------------------------------------


def test_normalized_form_unifies_moushikomi():
    assert normalized_form("申し込み") == normalized_form("申込み") == normalized_form("申込")
    assert normalized_form("申込") == "申し込み"


def test_normalized_form_unifies_toiawase():
    assert normalized_form("問合せ") == normalized_form("問い合わせ") == "問い合わせ"


def test_normalized_form_applies_nfkc_first():
    assert normalized_form("ＮＰＯ法人への申込") == normalized_form("NPO法人への申し込み")


def test_normalized_form_of_a_sentence_keeps_the_rest():
    assert normalized_form("参加申込みは１１名") == "参加申し込みは11名"


def test_normalized_form_turns_inflected_words_into_their_dictionary_form():
    # A search key, not text to show: 受け付けた and 受け付ける meet as well.
    assert normalized_form("受け付けた") == "受け付けるた"
    assert normalized_form("受付けた") == normalized_form("受け付けた")


def test_normalized_form_handles_text_longer_than_sudachi_accepts():
    # SudachiPy refuses more than 49,149 bytes at once; minutes can be longer than that.
    line = "会議への申込みを受け付けた。\n"
    assert normalized_form(line * 5000) == normalized_form(line) * 5000


def test_normalized_form_handles_one_long_line():
    text = "申込" * 20_000
    assert normalized_form(text).count("申し込み") >= 19_990


def test_sudachi_is_usable_from_many_threads_at_once():
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(200):
                assert normalized_form("申込み") == "申し込み"
        except BaseException as exc:  # collected and reported by the test thread
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# --- gojūon order ----------------------------------------------------------------------------


def test_primary_order_ignores_dakuten():
    assert sorted(["はた", "ばす", "はし"], key=gojuon_key) == ["はし", "ばす", "はた"]


def test_voicing_breaks_ties_plain_voiced_semi_voiced():
    assert sorted(["ぱす", "ばす", "はす"], key=gojuon_key) == ["はす", "ばす", "ぱす"]


def test_small_kana_after_large():
    assert sorted(["しょう", "しよう"], key=gojuon_key) == ["しよう", "しょう"]
    assert sorted(["きっと", "きつね", "きつと"], key=gojuon_key) == ["きつと", "きっと", "きつね"]


def test_long_vowel_mark_counts_as_the_vowel():
    assert sorted(["らめん", "らーめん", "らあめん", "らいめん"], key=gojuon_key) == [
        "らあめん",
        "らーめん",
        "らいめん",
        "らめん",
    ]


def test_katakana_and_half_width_sort_as_hiragana():
    assert gojuon_key("サカグチ")[:4] == gojuon_key("さかぐち")[:4]
    assert gojuon_key("ｻｶｸﾞﾁ") == gojuon_key("さかぐち")
    assert sorted(["タナベ", "さかぐち"], key=gojuon_key) == ["さかぐち", "タナベ"]


def test_spaces_are_ignored():
    assert gojuon_key("やまだ たろう") == gojuon_key("やまだたろう")


def test_prefix_first():
    assert sorted(["はしもと", "はし"], key=gojuon_key) == ["はし", "はしもと"]


def test_wa_row_and_n_at_the_end():
    assert sorted(["ん", "を", "わ", "ろ", "あ"], key=gojuon_key) == ["あ", "ろ", "わ", "を", "ん"]


def test_digits_latin_kana_other_then_empty():
    assert sorted(["", "漢", "あ", "abc", "12"], key=gojuon_key) == ["12", "abc", "あ", "漢", ""]


@given(st.text(), st.text())
def test_gojuon_key_is_equal_only_for_the_same_normalized_reading(a, b):
    # The order is total: two readings tie only when they are the same reading, but for the
    # spaces and separators (「・」「=」「゠」) gojūon order passes over.
    def bare(reading: str) -> str:
        return normalize_reading(reading).translate(str.maketrans("", "", " ・=゠"))

    same = bare(a) == bare(b)
    assert (gojuon_key(a) == gojuon_key(b)) == same


@dataclass
class Attendee:
    name: str
    reading: str


# The seed's twelve members, in the seed's printed order (「以上12名、五十音順」), which puts
# 田辺 before 坂口 by mistake.
SEED_ATTENDEES = [
    Attendee("有賀", "ありが"),
    Attendee("有馬", "ありま"),
    Attendee("岡澤", "おかざわ"),
    Attendee("熊田", "くまだ"),
    Attendee("小林", "こばやし"),
    Attendee("田辺", "たなべ"),
    Attendee("坂口", "さかぐち"),
    Attendee("中曽根", "なかそね"),
    Attendee("橋本", "はしもと"),
    Attendee("宮﨑", "みやざき"),
    Attendee("山辺", "やまべ"),
    Attendee("吉田", "よしだ"),
]


def test_seed_attendees_sort_by_reading_with_sakaguchi_before_tanabe():
    shuffled = SEED_ATTENDEES[:]
    random.Random(20110118).shuffle(shuffled)
    names = [a.name for a in sort_by_reading(shuffled)]
    assert names == [
        "有賀",
        "有馬",
        "岡澤",
        "熊田",
        "小林",
        "坂口",
        "田辺",
        "中曽根",
        "橋本",
        "宮﨑",
        "山辺",
        "吉田",
    ]


def test_sort_by_reading_with_a_key_and_missing_readings_last():
    rows = [("b", "たなべ"), ("x", None), ("a", "サカグチ"), ("y", "")]
    assert sort_by_reading(rows, key=lambda row: row[1]) == [
        ("a", "サカグチ"),
        ("b", "たなべ"),
        ("x", None),
        ("y", ""),
    ]


def test_sort_by_reading_is_stable_for_equal_readings():
    first, second = Attendee("坂口", "さかぐち"), Attendee("阪口", "さかぐち")
    assert sort_by_reading([first, second]) == [first, second]
    assert sort_by_reading([second, first]) == [second, first]
