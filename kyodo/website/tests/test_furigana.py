"""ふりがな: readings aligned with okurigana, stored readings of names first, what is left alone."""

from __future__ import annotations

import re

import pytest

from kyodo.website.furigana import Names, align, ruby_html, ruby_text


def rubies(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<ruby>([^<]*)<rp>\(</rp><rt>([^<]*)</rt><rp>\)</rp></ruby>", html)


@pytest.mark.parametrize(
    ("surface", "reading", "expected"),
    [
        ("申し込み", "もうしこみ", [("申", "もう"), ("込", "こ")]),
        ("子ども", "こども", [("子", "こ")]),
        ("進める", "すすめる", [("進", "すす")]),
        # Words apart in the name and its reading align one by one.
        ("坂口 太郎", "さかぐち たろう", [("坂口", "さかぐち"), ("太郎", "たろう")]),
        # Digits are read as the dictionary reads them, and stay as written.
        ("第1会議室", "だいいちかいぎしつ", [("第", "だい"), ("会議室", "かいぎしつ")]),
        # A kanji beyond the BMP (𠮷, U+20BB7) is a kanji: the reading covers it too.
        ("𠮷岡 繫", "よしおか しげる", [("𠮷岡", "よしおか"), ("繫", "しげる")]),
    ],
)
def test_only_the_kanji_carry_the_reading(surface, reading, expected):
    html = align(surface, reading)
    assert rubies(html) == expected
    assert re.sub(r"<rp>\(</rp><rt>[^<]*</rt><rp>\)</rp>|</?ruby>", "", html) == surface


def test_a_reading_that_does_not_fit_covers_the_whole_word():
    assert rubies(align("西東京", "ひがしとうきょうし")) == [("西東京", "ひがしとうきょうし")]


def test_text_from_the_dictionary_and_names_from_their_stored_reading():
    text = "風の会は協働を進める。"
    assert rubies(ruby_text(text)) == [
        ("風", "かぜ"),
        ("会", "かい"),
        ("協働", "きょうどう"),
        ("進", "すす"),
    ]
    # A name the dictionary reads otherwise: the stored reading wins.
    names = Names({"風の会": "ふうのかい"})
    assert rubies(ruby_text(text, names))[:2] == [("風", "ふう"), ("会", "かい")]
    assert ruby_text("ありがとう") == "ありがとう"
    assert (
        ruby_text("A&B <協働>")
        == "A&amp;B &lt;<ruby>協働<rp>(</rp><rt>きょうどう</rt><rp>)</rp></ruby>&gt;"
    )


def test_a_page_gets_readings_in_its_body_text_only():
    page = (
        "<html><head><title>協働</title></head><body>"
        '<p class="x" title="協働">協働&amp;参加</p>'
        "<script>var s = '協働';</script><style>p::before{content:'協'}</style>"
        "<select><option>協働</option></select><textarea>協働</textarea>"
        '<code>協働</code><span translate="no">協働</span><p class="no-ruby">協働</p>'
        "<ruby>協働<rt>きょうどう</rt></ruby><br>市民</body></html>"
    )
    html = ruby_html(page)
    assert html.count("<rt>") == 4  # 協働, 参加, 市民 and the ruby that was there
    assert "<title>協働</title>" in html and 'title="協働"' in html
    for untouched in (
        "var s = '協働';",
        "<option>協働</option>",
        "<textarea>協働</textarea>",
        "<code>協働</code>",
        '<span translate="no">協働</span>',
        '<p class="no-ruby">協働</p>',
    ):
        assert untouched in html
    assert "&amp;<ruby>参加" in html


@pytest.mark.django_db
def test_the_switch_adds_readings_to_public_pages_only(client, staff_user, demo):
    assert "<ruby>" not in client.get("/").text
    client.cookies["kyodo_ruby"] = "on"
    home = client.get("/").text
    assert 'class="ruby-on"' in home
    # The center's stored reading: 西東京市市民協働推進センター.
    assert "<ruby>西東京市<rp>(</rp><rt>にしとうきょうし</rt>" in home
    client.force_login(staff_user)
    assert "<ruby>" not in client.get("/staff/site/").text


@pytest.mark.django_db
def test_readings_are_not_kept_from_inside_a_transaction():
    from django.db import transaction

    from kyodo.core.memo import forget
    from kyodo.core.models import Venue
    from kyodo.website.middleware import _names

    forget()
    with transaction.atomic():
        Venue.objects.create(name="風の丘ホール", name_reading="かぜのおかほーる")
        assert _names().readings == {"風の丘ホール": "かぜのおかほーる"}
        transaction.set_rollback(True)
    assert _names().readings == {}  # the rolled-back row is not served afterwards
