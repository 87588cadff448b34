"""Shared form parts after a newcomer's findings (session 21): a date without its year, 和暦
years, number fields that show back what was typed, one form of an address, long words in
narrow tables."""

from pathlib import Path

import pytest
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import translation

from kyodo.core.forms import (
    AddressField,
    NumberField,
    WarekiDateField,
    YearField,
    normalize_address,
)
from kyodo.core.wareki import WarekiError, parse_date_ja, parse_year_ja

YEAR_TOO = "年も入力してください（例：令和8年12月7日、2026/12/7）"


# --- a month and day without the year ---------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["12/7", "１２／７", "12月7日", "１２月７日", "12.7", "12-7", "12/7(月)"]
)
def test_a_month_and_day_alone_asks_for_the_year(text):
    with translation.override("ja"), pytest.raises(WarekiError) as caught:
        parse_date_ja(text)
    assert str(caught.value) == YEAR_TOO


def test_the_date_field_shows_the_request_for_the_year():
    class Form(forms.Form):
        on = WarekiDateField()

    with translation.override("ja"):
        form = Form({"on": "12/7"})
        assert form.errors == {"on": [YEAR_TOO]}


@pytest.mark.parametrize("text", ["2026/12/7", "令和8年12月7日", "R8.12.7"])
def test_with_the_year_the_same_day_is_read(text):
    from datetime import date

    assert parse_date_ja(text) == date(2026, 12, 7)


def test_other_unreadable_text_keeps_its_own_message():
    with translation.override("ja"), pytest.raises(WarekiError) as caught:
        parse_date_ja("12/7/8/9")
    assert (
        str(caught.value)
        == "「12/7/8/9」を日付として読み取れません。例：令和7年4月1日、R7.4.1、2025-04-01"
    )


# --- 和暦 years ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2005", 2005),
        ("２００５", 2005),
        ("2005年", 2005),
        ("平成17年", 2005),
        ("平成１７年", 2005),
        ("H17", 2005),
        ("ｈ１７", 2005),
        ("平成17(2005)年", 2005),
        ("令和元年", 2019),
        ("平成31年", 2019),
        ("昭和50年", 1975),
        ("昭和64年", 1989),
        ("平成元年", 1989),
        (" 平成 17 年 ", 2005),
    ],
)
def test_a_year_in_either_calendar(text, year):
    assert parse_year_ja(text) == year


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "平成32年",
            "「平成32年」という年はありません（平成は平成31年までです）。令和2年のことではありませんか。",
        ),
        ("平成0年", "「平成0年」という年はありません。平成は元年（1年）から数えます。"),
        ("平成17(2004)年", "平成17年は2005年で、2004年ではありません。"),
        ("去年", "「去年」を年として読み取れません。例：2005、平成17年、H17、令和元年"),
        ("20051", "「20051」を年として読み取れません。例：2005、平成17年、H17、令和元年"),
        ("", "年が入力されていません。"),
    ],
)
def test_a_wrong_year_is_refused_in_japanese(text, message):
    with translation.override("ja"), pytest.raises(WarekiError) as caught:
        parse_year_ja(text)
    assert str(caught.value) == message


class NumbersForm(forms.Form):
    count = NumberField(
        required=False, validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    year = YearField(required=False)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        ("15", 15),
        ("１５", 15),
        ("1,500", 1500),
        ("１，５００", 1500),
        ("15人", 15),
        ("15.0", 15),
        (" 15 名", 15),
        ("", None),
    ],
)
def test_a_number_as_people_type_it(count, expected):
    form = NumbersForm({"count": count, "year": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["count"] == expected


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("十五", "数字で入力してください（例：15）。"),
        ("1.5", "数字で入力してください（例：15）。"),
        ("0", "1以上の値を入力してください。"),
        ("99999999999999999999999", "数字で入力してください（例：15）。"),
    ],
)
def test_a_wrong_number_is_refused_in_japanese(count, message):
    with translation.override("ja"):
        form = NumbersForm({"count": count, "year": ""})
        assert form.errors == {"count": [message]}


def test_number_fields_are_text_boxes_that_show_back_what_was_typed():
    with translation.override("ja"):
        form = NumbersForm({"count": "１５", "year": "平成１７年ごろ"})
        assert form.errors == {
            "year": [
                "「平成１７年ごろ」を年として読み取れません。例：2005、平成17年、H17、令和元年"
            ]
        }
    assert str(form["count"]) == (
        '<input type="text" name="count" value="１５" inputmode="numeric" id="id_count">'
    )
    assert str(form["year"]) == (
        '<input type="text" name="year" value="平成１７年ごろ" inputmode="numeric" '
        'aria-invalid="true" aria-describedby="id_year_error" id="id_year">'
    )


def test_a_valid_year_field_keeps_the_western_year():
    form = NumbersForm({"count": "", "year": "令和元年"})
    assert form.is_valid()
    assert form.cleaned_data["year"] == 2019


# --- addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("西東京市ひばりが丘１－２－３", "西東京市ひばりが丘1-2-3"),
        ("西東京市ひばりが丘1-2-3", "西東京市ひばりが丘1-2-3"),
        ("西東京市ひばりが丘1ー2ー3", "西東京市ひばりが丘1-2-3"),
        ("西東京市南町５−６−１８　ＡＢＣビル２Ｆ", "西東京市南町5-6-18 ABCビル2F"),
        ("田無町４丁目　ｺｰﾎﾟ田無 101", "田無町4丁目 コーポ田無 101"),
        # A long vowel stays one: only a dash between two digits is a hyphen.
        ("ひばりが丘センター", "ひばりが丘センター"),
        ("", ""),
    ],
)
def test_an_address_is_kept_in_one_form(typed, stored):
    assert normalize_address(typed) == stored


def test_the_address_field_stores_the_one_form_and_refuses_control_characters():
    class Form(forms.Form):
        address = AddressField(max_length=300, required=False)

    form = Form({"address": "西東京市ひばりが丘１－２－３"})
    assert form.is_valid()
    assert form.cleaned_data["address"] == "西東京市ひばりが丘1-2-3"
    with translation.override("ja"):
        bad = Form({"address": "西東京市\x07"})
        assert bad.errors == {
            "address": ["この欄から制御文字（目に見えない文字）を取り除いてください。"]
        }


# --- long words in narrow staff tables ---------------------------------------------------------


def test_table_cells_on_a_narrow_screen_wrap_an_overlong_word():
    css = (Path(__file__).parents[1] / "static/core/kyodo.css").read_text()
    narrow = css[css.index("@media (max-width: 40rem)") :]
    narrow = narrow[: narrow.index("\n}\n")]
    assert "th, td { max-width: 15em; overflow-wrap: break-word; word-break: keep-all; }" in narrow
