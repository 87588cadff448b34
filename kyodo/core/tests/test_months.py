from datetime import date

import pytest

from kyodo.core.months import Month, MonthError, parse_month


@pytest.mark.parametrize(
    "text",
    ["2010-12", "2010/12", "2010年12月", "平成22年12月", "H22.12", "h22/12", "Ｈ２２．１２",
     "２０１０－１２", " 平成２２年１２月 ", "㍻22年12月"],
)  # fmt: skip
def test_a_month_is_read_the_way_people_type_it(text):
    assert parse_month(text) == Month(2010, 12)


def test_era_boundaries():
    assert parse_month("令和元年5月") == Month(2019, 5)
    assert parse_month("平成31年4月") == Month(2019, 4)
    # 平成元年1月 started on the 8th, but the month partly belongs to the era.
    assert parse_month("平成元年1月") == Month(1989, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "年月を入力してください"),
        ("2010-13", "13月という月はありません。"),
        ("平成31年5月", "「平成31年5月」という年月はありません（平成は平成元年1月8日から平成31年4月30日までです）。"),
        ("令和元年4月", "「令和元年4月」という年月はありません（令和は令和元年5月1日からです）。"),
        ("来月", "「来月」は年月として読み取れません。"),
        ("1850-01", "1873年から9998年までの月を指定してください。"),
    ],
)  # fmt: skip
def test_impossible_months_are_refused_in_japanese(text, message):
    with pytest.raises(MonthError) as error:
        parse_month(text)
    assert message in str(error.value)


def test_month_arithmetic_and_labels():
    december = Month(2010, 12)
    assert (december.first_day, december.last_day) == (date(2010, 12, 1), date(2010, 12, 31))
    assert december.next() == Month(2011, 1)
    assert Month(2011, 1).previous() == december
    assert december.back(11) == Month(2010, 1)
    assert Month(2011, 1).back(12) == Month(2010, 1)
    assert december.slug == "2010-12"
    assert december.label == "平成22年12月"
    assert Month(2019, 4).label == "平成31年4月"
    assert Month.from_slug("2011-01") == Month(2011, 1)
    with pytest.raises(MonthError):
        Month.from_slug("2011-1")
