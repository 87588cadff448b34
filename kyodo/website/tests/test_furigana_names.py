"""ふりがな over names stored with their reading (a11y finding 4): the reading placed where the
dictionary agrees, a legal form the reading leaves out read by the dictionary, and no ruby rather
than a reading over the wrong characters."""

from kyodo.website.furigana import align


def _ruby(base: str, reading: str) -> str:
    return f"<ruby>{base}<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>"


def test_punctuation_between_two_names_is_not_read():
    assert align(
        "東大農場・演習林の存続を願う会", "とうだいのうじょうえんしゅうりんのそんぞくをねがうかい"
    ) == (
        _ruby("東大", "とうだい") + _ruby("農場", "のうじょう") + "・"
        + _ruby("演習林", "えんしゅうりん") + "の" + _ruby("存続", "そんぞく") + "を"
        + _ruby("願", "ねが") + "う" + _ruby("会", "かい")
    )  # fmt: skip


def test_a_name_after_its_punctuation_keeps_its_own_reading():
    assert align("男女共同参画をすすめる会・西東京", "だんじょきょうどうさんかくをすすめるかいにしとうきょう") == (
        _ruby("男女", "だんじょ") + _ruby("共同", "きょうどう") + _ruby("参画", "さんかく")
        + "をすすめる" + _ruby("会", "かい") + "・" + _ruby("西", "にし") + _ruby("東京", "とうきょう")
    )  # fmt: skip


def test_a_legal_form_the_reading_leaves_out_is_read_by_the_dictionary():
    assert align("NPO法人ひまわり福祉会", "ひまわりふくしかい") == (
        "NPO"
        + _ruby("法人", "ほうじん")
        + "ひまわり"
        + _ruby("福祉", "ふくし")
        + _ruby("会", "かい")
    )
    assert align("NPO法人稲門寺子屋西東京", "とうもんてらこやにしとうきょう") == (
        "NPO" + _ruby("法人", "ほうじん") + _ruby("稲門", "とうもん") + _ruby("寺子屋", "てらこや")
        + _ruby("西", "にし") + _ruby("東京", "とうきょう")
    )  # fmt: skip
    assert align("NPO法人西東京NPO推進センターセプロス", "にしとうきょうえぬぴーおーすいしんせんたーせぷろす") == (
        "NPO" + _ruby("法人", "ほうじん") + _ruby("西", "にし") + _ruby("東京", "とうきょう")
        + "NPO" + _ruby("推進", "すいしん") + "センターセプロス"
    )  # fmt: skip


def test_a_reading_that_cannot_be_placed_without_guessing_gives_no_ruby():
    # Two runs of kanji read as the dictionary never reads them: where one ends is a guess.
    assert align("甲乙・丙丁", "あいうえおか") == "甲乙・丙丁"


def test_names_read_as_before():
    assert align("保谷こもれびの会", "ほうやこもれびのかい") == (
        _ruby("保谷", "ほうや") + "こもれびの" + _ruby("会", "かい")
    )
    assert align("坂口 太郎", "さかぐち たろう") == _ruby("坂口", "さかぐち") + " " + _ruby(
        "太郎", "たろう"
    )
    assert align("申し込み", "もうしこみ") == _ruby("申", "もう") + "し" + _ruby("込", "こ") + "み"
