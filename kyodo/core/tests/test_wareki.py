"""和暦, clock times and 年度: the conventions the center's users read every day."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo.core.wareki import (
    ERAS,
    WarekiError,
    fiscal_year,
    fiscal_year_label,
    fiscal_year_name,
    fiscal_year_range,
    format_time_ja,
    format_time_range_ja,
    format_wareki,
    format_wareki_year,
    parse_date_ja,
    parse_fiscal_year,
)

HEISEI_START = date(1989, 1, 8)
LAST_TESTED = date(2100, 12, 31)


# --- eras ------------------------------------------------------------------------------------


def test_eras_are_the_five_modern_eras_in_order():
    assert [(e.name, e.initial, e.start) for e in ERAS] == [
        ("明治", "M", date(1868, 10, 23)),
        ("大正", "T", date(1912, 7, 30)),
        ("昭和", "S", date(1926, 12, 25)),
        ("平成", "H", date(1989, 1, 8)),
        ("令和", "R", date(2019, 5, 1)),
    ]


# --- format_wareki ---------------------------------------------------------------------------


def test_seed_meeting_date_2011_01_18():
    assert format_wareki(date(2011, 1, 18)) == "平成23年1月18日(火)"


def test_last_day_of_showa_1989_01_07():
    assert format_wareki(date(1989, 1, 7)) == "昭和64年1月7日(土)"


def test_first_day_of_heisei_1989_01_08():
    assert format_wareki(date(1989, 1, 8)) == "平成元年1月8日(日)"


def test_last_day_of_heisei_2019_04_30():
    assert format_wareki(date(2019, 4, 30)) == "平成31年4月30日(火)"


def test_first_day_of_reiwa_2019_05_01():
    assert format_wareki(date(2019, 5, 1)) == "令和元年5月1日(水)"


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(1873, 1, 1), "明治6年1月1日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(2025, 4, 1), "令和7年4月1日"),
    ],
)
def test_era_boundaries_without_weekday(d, expected):
    assert format_wareki(d, weekday=False) == expected


def test_datetime_is_formatted_by_its_date():
    assert format_wareki(datetime(2011, 1, 18, 19, 0)) == "平成23年1月18日(火)"


def test_format_wareki_year():
    assert format_wareki_year(date(2011, 1, 18)) == "平成23年"
    assert format_wareki_year(date(2019, 5, 1)) == "令和元年"
    assert format_wareki_year(date(2019, 4, 30)) == "平成31年"


def test_dates_before_the_gregorian_calendar_are_refused():
    with pytest.raises(WarekiError, match="改暦より前"):
        format_wareki(date(1872, 12, 31))


# --- times -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (time(19, 0), "午後7時"),
        (time(19, 30), "午後7時30分"),
        (time(0, 0), "午前0時"),
        (time(12, 0), "午後0時"),
        (time(12, 5), "午後0時5分"),
        (time(9, 0, 45), "午前9時"),
        (time(11, 59), "午前11時59分"),
        (time(23, 59), "午後11時59分"),
    ],
)
def test_format_time_ja(t, expected):
    assert format_time_ja(t) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (time(19), time(21), "午後7時～9時"),  # the seed's header
        (time(10), time(12, 30), "午前10時～午後0時30分"),
        (time(10), time(11, 30), "午前10時～11時30分"),
        (time(13, 30), time(16), "午後1時30分～4時"),
        (time(9), time(17), "午前9時～午後5時"),
        (time(22), time(1), "午後10時～午前1時"),
        (time(1), time(0, 30), "午前1時～午前0時30分"),
    ],
)
def test_format_time_range_ja(start, end, expected):
    assert format_time_range_ja(start, end) == expected


# --- parse_date_ja ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "平成23年1月18日",
        "平成23年1月18日(火)",
        "平成２３年１月１８日（火）",
        "平成23年1月18日(火曜日)",
        "平成23年1月18日 火曜日",
        " 平成 23 年 1 月 18 日 ",
        "㍻23年1月18日",
        "H23.1.18",
        "h23/1/18",
        "Ｈ２３．１．１８",
        "H23-01-18",
        "2011-01-18",
        "2011/1/18",
        "2011.1.18",
        "2011年1月18日",
        "２０１１年１月１８日（火）",
    ],
)
def test_parse_date_ja_accepts_what_people_type(text):
    assert parse_date_ja(text) == date(2011, 1, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R7/4/1", date(2025, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R元.5.1", date(2019, 5, 1)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("S64.1.7", date(1989, 1, 7)),
        ("平成元年1月8日(日)", date(1989, 1, 8)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("明治6年1月1日", date(1873, 1, 1)),
        ("T1.7.30", date(1912, 7, 30)),
    ],
)
def test_parse_date_ja_eras(text, expected):
    assert parse_date_ja(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "平成32年1月1日",
            "「平成32年1月1日」という日付はありません（平成は平成元年1月8日から平成31年4月30日までです）。"
            "令和2年1月1日のことではありませんか。",
        ),
        (
            "平成31年5月1日",
            "「平成31年5月1日」という日付はありません（平成は平成元年1月8日から平成31年4月30日までです）。"
            "令和元年5月1日のことではありませんか。",
        ),
        (
            "令和元年4月30日",
            "「令和元年4月30日」という日付はありません（令和は令和元年5月1日からです）。"
            "平成31年4月30日のことではありませんか。",
        ),
        ("昭和64年1月8日", "平成元年1月8日のことではありませんか。"),
        ("2011年2月30日", "「2011年2月30日」という日付はありません。"),
        ("平成23年2月29日", "「平成23年2月29日」という日付はありません。"),
        (
            "平成0年1月1日",
            "「平成0年1月1日」という日付はありません。平成は元年（1年）から数えます。",
        ),
        ("平成23年1月18日(水)", "曜日が違います。2011年1月18日は火曜日です。"),
        ("", "日付が入力されていません。"),
        ("　 ", "日付が入力されていません。"),
        ("きのう", "「きのう」を日付として読み取れません。例：令和7年4月1日、R7.4.1、2025-04-01"),
        ("平成23年13月1日", "「平成23年13月1日」という日付はありません。"),
        ("明治5年12月3日", "旧暦の日付のため"),
        ("X23.1.18", "日付として読み取れません"),
        ("23.1.18", "日付として読み取れません"),
    ],
)
def test_parse_date_ja_refuses_nonsense_with_a_japanese_message(text, message):
    with pytest.raises(WarekiError) as excinfo:
        parse_date_ja(text)
    assert message in str(excinfo.value)


def test_wareki_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_date_ja("garbage")


def test_parse_date_ja_none_is_empty():
    with pytest.raises(WarekiError, match="入力されていません"):
        parse_date_ja(None)  # type: ignore[arg-type]


def test_long_garbage_is_shortened_in_the_message():
    with pytest.raises(WarekiError) as excinfo:
        parse_date_ja("あ" * 500)
    assert len(str(excinfo.value)) < 100


# --- round trips -----------------------------------------------------------------------------


@given(st.dates(min_value=HEISEI_START, max_value=LAST_TESTED))
def test_round_trip_with_weekday(d):
    assert parse_date_ja(format_wareki(d)) == d


@given(st.dates(min_value=HEISEI_START, max_value=LAST_TESTED))
def test_round_trip_without_weekday(d):
    assert parse_date_ja(format_wareki(d, weekday=False)) == d


@given(st.dates(min_value=date(1873, 1, 1), max_value=date.max))
def test_round_trip_over_the_whole_supported_range(d):
    assert parse_date_ja(format_wareki(d)) == d


def test_round_trip_for_every_date_from_heisei_to_2100():
    d = HEISEI_START
    count = 0
    while d <= LAST_TESTED:
        assert parse_date_ja(format_wareki(d)) == d, d
        assert parse_date_ja(format_wareki(d, weekday=False)) == d, d
        d += timedelta(days=1)
        count += 1
    assert count == 40900


@given(st.text())
def test_arbitrary_text_parses_or_raises_wareki_error(text):
    try:
        result = parse_date_ja(text)
    except WarekiError:
        return
    assert isinstance(result, date)


_DATEISH = st.text(
    alphabet=st.sampled_from(list("0123456789０１２３元年月日度/.-()（）火水HRSTMhr令和平成昭 ")),
    max_size=20,
)


@given(_DATEISH)
def test_date_like_text_parses_or_raises_wareki_error(text):
    # Plain st.text() rarely produces anything close to a date; this reaches the validators.
    try:
        result = parse_date_ja(text)
    except WarekiError:
        return
    assert isinstance(result, date)


# --- fiscal years ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "fy"),
    [
        (date(2011, 1, 18), 2010),
        (date(2011, 3, 31), 2010),
        (date(2011, 4, 1), 2011),
        (date(2010, 4, 1), 2010),
        (date(2019, 4, 30), 2019),
    ],
)
def test_fiscal_year(d, fy):
    assert fiscal_year(d) == fy


def test_fiscal_year_range():
    assert fiscal_year_range(2010) == (date(2010, 4, 1), date(2011, 3, 31))
    assert fiscal_year_range(2023) == (date(2023, 4, 1), date(2024, 3, 31))


def test_seed_meeting_is_in_heisei_22_fiscal_year():
    assert fiscal_year_name(fiscal_year(date(2011, 1, 18))) == "平成22年度"


def test_fiscal_year_2018_name():
    assert fiscal_year_name(2018) == "平成30年度"


def test_fiscal_year_2019_is_reiwa_gannen_although_it_began_in_heisei_31():
    assert fiscal_year_name(2019) == "令和元年度"


def test_fiscal_year_2020_name():
    assert fiscal_year_name(2020) == "令和2年度"


def test_fiscal_years_around_the_heisei_change():
    assert fiscal_year_name(1988) == "昭和63年度"
    assert fiscal_year_name(1989) == "平成元年度"


def test_fiscal_year_label_as_in_the_seed_title():
    assert fiscal_year_label(2010) == "平成22(2010)年度"
    assert fiscal_year_label(2019) == "令和元(2019)年度"


def test_fiscal_year_name_out_of_range():
    with pytest.raises(WarekiError, match="対応範囲外"):
        fiscal_year_name(1800)


@pytest.mark.parametrize(
    ("text", "fy"),
    [
        ("2010", 2010),
        ("2010年度", 2010),
        ("２０１０年度", 2010),
        ("平成22年度", 2010),
        ("平成２２年度", 2010),
        ("H22", 2010),
        ("h22年度", 2010),
        ("平成22(2010)年度", 2010),
        ("令和元年度", 2019),
        ("R元", 2019),
        ("平成31年度", 2019),
        ("R7", 2025),
        ("昭和63年度", 1988),
    ],
)
def test_parse_fiscal_year(text, fy):
    assert parse_fiscal_year(text) == fy


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "年度が入力されていません。"),
        ("平成32年度", "「平成32年度」はありません。平成は元年から31年までです。"),
        ("平成0年度", "「平成0年度」はありません。"),
        ("平成22(2011)年度", "平成22年度は2010年度です（2011年度ではありません）。"),
        ("来年度", "「来年度」を年度として読み取れません。"),
        ("10年度", "を年度として読み取れません。"),
        ("1800年度", "1800年度は対応範囲外です。"),
    ],
)
def test_parse_fiscal_year_refuses_nonsense(text, message):
    with pytest.raises(WarekiError) as excinfo:
        parse_fiscal_year(text)
    assert message in str(excinfo.value)


@given(st.integers(min_value=1873, max_value=9998))
def test_fiscal_year_name_and_label_round_trip(fy):
    assert parse_fiscal_year(fiscal_year_name(fy)) == fy
    assert parse_fiscal_year(fiscal_year_label(fy)) == fy


@given(st.text())
def test_arbitrary_text_parses_as_fiscal_year_or_raises_wareki_error(text):
    try:
        result = parse_fiscal_year(text)
    except WarekiError:
        return
    assert isinstance(result, int)


@given(st.dates(min_value=date(1873, 4, 1), max_value=date(9998, 12, 31)))
def test_every_date_lies_in_its_fiscal_year_range(d):
    first, last = fiscal_year_range(fiscal_year(d))
    assert first <= d <= last


def test_the_minutes_format_takes_its_eras_from_the_one_era_table():
    from kyodo.minutes_text import _wareki

    assert _wareki.ERAS == tuple((era.name, era.start) for era in reversed(ERAS[2:]))
    assert _wareki.ERA_NAMES == ("令和", "平成", "昭和")


def test_a_wareki_message_is_translated_from_the_catalogue():
    from django.utils import translation

    with translation.override("en"), pytest.raises(WarekiError) as error:
        parse_date_ja("")
    assert str(error.value) == "No date was entered."
    with translation.override("ja"), pytest.raises(WarekiError) as error:
        parse_date_ja("")
    assert str(error.value) == "日付が入力されていません。"
