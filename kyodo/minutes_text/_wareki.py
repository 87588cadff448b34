"""Japanese-era (和暦) helpers of the minutes text format: 昭和, 平成 and 令和.

The eras themselves come from :mod:`kyodo.core.wareki`, the project's one era table (plain
Python, so this package stays usable without Django settings). Minutes are dated from 昭和 on:
an earlier date is written with its Western year.
"""

from __future__ import annotations

import datetime as dt
import re

from kyodo.core import wareki as _core

# Minutes are dated from 昭和 on. (era name, first day of the era), newest first.
_FIRST_ERA = "昭和"
ERAS: tuple[tuple[str, dt.date], ...] = tuple(
    (era.name, era.start)
    for era in reversed(_core.ERAS)
    if era.start >= _core.era_by_key(_FIRST_ERA).start
)
ERA_NAMES = tuple(name for name, _ in ERAS)
WEEKDAYS = "月火水木金土日"

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def to_ascii_digits(text: str) -> str:
    """Turn full-width digits into ASCII ones (nothing else changes)."""
    return text.translate(_FULLWIDTH_DIGITS)


def era_start_year(era: str) -> int:
    """Gregorian year of 元年 of ``era``; KeyError for unknown eras."""
    if era not in ERA_NAMES:
        raise KeyError(era)
    return _core.era_by_key(era).start.year


def era_year_to_gregorian(era: str, year_text: str) -> int:
    """平成, "23" → 2011; "元" (first year) is 1."""
    year_text = to_ascii_digits(year_text.strip())
    year = 1 if year_text == "元" else int(year_text)
    return era_start_year(era) + year - 1


def to_era(day: dt.date) -> tuple[str, int] | None:
    """The era and era year of ``day``, or None before 昭和."""
    if day < ERAS[-1][1]:
        return None
    era = _core.era_for(day)
    return era.name, era.year_of(day)


def format_era_year(era: str, year: int) -> str:
    return f"{era}{'元' if year == 1 else year}年"


def format_date(day: dt.date) -> str:
    """2011-01-18 → 平成23年1月18日(火); before 昭和 the Western year is used."""
    era = to_era(day)
    year = format_era_year(*era) if era else f"{day.year}年"
    return f"{year}{day.month}月{day.day}日({WEEKDAYS[day.weekday()]})"


_ERA_DATE = re.compile(
    r"(?P<era>" + "|".join(ERA_NAMES) + r")\s*(?P<y>元|[0-9]{1,3})\s*年\s*(?P<m>[0-9]{1,2})"
    r"\s*月\s*(?P<d>[0-9]{1,2})\s*日"
)
_WESTERN_DATE = re.compile(
    r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日"
)


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """First date in ``text`` (ASCII digits expected) with its span.

    Raises ValueError for an impossible date such as 2月30日.
    """
    match = _ERA_DATE.search(text)
    if match:
        year = era_year_to_gregorian(match["era"], match["y"])
    else:
        match = _WESTERN_DATE.search(text)
        if not match:
            return None
        year = int(match["y"])
    return dt.date(year, int(match["m"]), int(match["d"])), match.start(), match.end()
