"""The kyodo_ja template filters, rendered through Django's template engine."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

TOKYO = ZoneInfo("Asia/Tokyo")


def render(expression: str, **context: object) -> str:
    return Template("{% load kyodo_ja %}" + expression).render(Context(context))


# --- wareki / wareki_date --------------------------------------------------------------------


def test_wareki_of_the_seed_meeting_date():
    assert render("{{ d|wareki }}", d=date(2011, 1, 18)) == "平成23年1月18日(火)"


def test_wareki_date_has_no_weekday():
    assert render("{{ d|wareki_date }}", d=date(2019, 5, 1)) == "令和元年5月1日"


def test_wareki_of_an_aware_datetime_uses_the_date_in_tokyo(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    # 2011-01-17 22:30 UTC is 2011-01-18 07:30 in Tokyo.
    utc = datetime(2011, 1, 17, 22, 30, tzinfo=UTC)
    assert render("{{ d|wareki }}", d=utc) == "平成23年1月18日(火)"
    assert render("{{ d|wareki_date }}", d=utc) == "平成23年1月18日"


def test_wareki_of_a_naive_datetime_uses_its_own_date():
    naive = datetime(2019, 4, 30, 23, 59)
    assert render("{{ d|wareki }}", d=naive) == "平成31年4月30日(火)"


@pytest.mark.parametrize("value", [None, "", "2011-01-18", 42, date(1800, 1, 1)])
def test_wareki_renders_nothing_for_what_it_cannot_show(value):
    assert render("[{{ d|wareki }}][{{ d|wareki_date }}]", d=value) == "[][]"


def test_wareki_of_a_missing_variable_is_empty():
    assert render("[{{ missing|wareki }}]") == "[]"


# --- time_ja / time_range_ja -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(19, 0), "午後7時"),
        (time(19, 30), "午後7時30分"),
        (time(0, 0), "午前0時"),
        (time(12, 0), "午後0時"),
        (None, ""),
        ("", ""),
    ],
)
def test_time_ja(value, expected):
    assert render("{{ t|time_ja }}", t=value) == expected


def test_time_ja_of_an_aware_datetime_is_tokyo_time(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    assert render("{{ t|time_ja }}", t=datetime(2011, 1, 18, 10, 0, tzinfo=UTC)) == "午後7時"


def test_time_range_ja_like_the_seed_header():
    assert render("{{ s|time_range_ja:e }}", s=time(19), e=time(21)) == "午後7時～9時"
    assert render("{{ s|time_range_ja:e }}", s=time(10), e=time(12, 30)) == "午前10時～午後0時30分"


def test_time_range_ja_without_an_end_shows_the_start():
    assert render("{{ s|time_range_ja:e }}", s=time(19), e=None) == "午後7時"
    assert render("[{{ s|time_range_ja:e }}]", s=None, e=time(21)) == "[]"


def test_time_range_ja_of_aware_datetimes(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    start = datetime(2011, 1, 18, 19, tzinfo=TOKYO)
    end = datetime(2011, 1, 18, 12, tzinfo=UTC)  # 21:00 in Tokyo
    assert render("{{ s|time_range_ja:e }}", s=start, e=end) == "午後7時～9時"


# --- fiscal years ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2010, "平成22年度"),
        (2018, "平成30年度"),
        (2019, "令和元年度"),
        (2020, "令和2年度"),
        ("2010", "平成22年度"),
        (date(2011, 1, 18), "平成22年度"),
        (date(2019, 4, 1), "令和元年度"),
        (datetime(2011, 3, 31, 16, tzinfo=UTC), "平成23年度"),  # 4月1日 01:00 in Tokyo
        (None, ""),
        ("", ""),
        ("abc", ""),
        (1800, ""),
    ],
)
def test_fiscal_year_name(value, expected, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    assert render("{{ v|fiscal_year_name }}", v=value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2010, "平成22(2010)年度"),
        (2019, "令和元(2019)年度"),
        (date(2011, 1, 18), "平成22(2010)年度"),
        (None, ""),
        ("", ""),
    ],
)
def test_fiscal_year_label(value, expected):
    assert render("{{ v|fiscal_year_label }}", v=value) == expected


def test_the_seed_minutes_title():
    rendered = render(
        "{{ d|fiscal_year_label }}第{{ n }}回運営委員会 {{ d|wareki }} {{ s|time_range_ja:e }}",
        d=date(2011, 1, 18),
        n=9,
        s=time(19),
        e=time(21),
    )
    assert rendered == "平成22(2010)年度第9回運営委員会 平成23年1月18日(火) 午後7時～9時"
