"""Tiny Japanese-era (和暦) helpers: just 昭和, 平成 and 令和."""

from __future__ import annotations

import datetime as dt
import re

# (era name, first day of the era), newest first so lookups stop early.
ERAS: tuple[tuple[str, dt.date], ...] = (
    ("令和", dt.date(2019, 5, 1)),
    ("平成", dt.date(1989, 1, 8)),
    ("昭和", dt.date(1926, 12, 25)),
)
ERA_NAMES = tuple(name for name, _ in ERAS)
WEEKDAYS = "月火水木金土日"

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def to_ascii_digits(text: str) -> str:
    """Turn full-width digits into ASCII ones (nothing else changes)."""
    return text.translate(_FULLWIDTH_DIGITS)


def era_start_year(era: str) -> int:
    """Gregorian year of 元年 of ``era``; KeyError for unknown eras."""
    for name, start in ERAS:
        if name == era:
            return start.year
    raise KeyError(era)


def era_year_to_gregorian(era: str, year_text: str) -> int:
    """平成, "23" → 2011; "元" (first year) is 1."""
    year_text = to_ascii_digits(year_text.strip())
    year = 1 if year_text == "元" else int(year_text)
    return era_start_year(era) + year - 1


def to_era(day: dt.date) -> tuple[str, int] | None:
    """The era and era year of ``day``, or None before 昭和."""
    for name, start in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    return None


def format_era_year(era: str, year: int) -> str:
    return f"{era}{'元' if year == 1 else year}年"


def format_date(day: dt.date) -> str:
    """2011-01-18 → 平成23年1月18日(火); before 昭和 the Western year is used."""
    era = to_era(day)
    year = format_era_year(*era) if era else f"{day.year}年"
    return f"{year}{day.month}月{day.day}日({WEEKDAYS[day.weekday()]})"


_ERA_DATE = re.compile(
    r"(?P<era>令和|平成|昭和)\s*(?P<y>元|[0-9]{1,3})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日"
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
