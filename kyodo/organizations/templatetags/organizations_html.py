"""What the group pages show of a group's own fields."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import translation

from kyodo.core.wareki import WarekiError, format_wareki_year

register = template.Library()


@register.filter
def founded_year(value: int | None) -> str:
    """The year founded as 「2007年（平成19年）」; a year of two eras gives both (「2019年（平成31年・
    令和元年）」); a year before the calendar reform of 1873 only 「1870年」. In English: "2007"."""
    if value in (None, ""):
        return ""
    year = int(value)
    if not (translation.get_language() or "ja").startswith("ja"):
        return str(year)
    try:
        eras = dict.fromkeys(format_wareki_year(date(year, m, d)) for m, d in ((1, 1), (12, 31)))
    except (WarekiError, ValueError, OverflowError):
        return f"{year}年"
    return f"{year}年（{'・'.join(eras)}）"
