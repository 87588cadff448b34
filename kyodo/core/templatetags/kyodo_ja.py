"""Template filters for Japanese dates, times and fiscal years.

Templates never format a date by hand: ``{% load kyodo_ja %}{{ meeting.date|wareki }}`` gives
「平成23年1月18日(火)」. Aware datetimes are shown in the current time zone (Asia/Tokyo).
As Django's own filters do, these fail silently: an empty value or one that cannot be shown in
the Japanese calendar renders as "" rather than breaking the page.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django import template
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from kyodo.core import wareki as core_wareki

register = template.Library()


def _local_date(value: object) -> date | None:
    if isinstance(value, datetime):
        # Stored in UTC; 2011-01-17 23:00 UTC is already the 18th in Tokyo.
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    if isinstance(value, date):
        return value
    return None


def _local_time(value: object) -> time | None:
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).time()
    if isinstance(value, time):
        return value
    return None


def _western() -> bool:
    """The page is in a language other than Japanese (the site's English switch): dates are
    written in the Western calendar there, as its readers expect."""
    return not (translation.get_language() or "ja").startswith("ja")


@register.filter
def wareki(value: date | datetime | None) -> str:
    """「平成23年1月18日(火)」 for a date or datetime; "" for None or "". In English:
    "Tue, 18 January 2011"."""
    d = _local_date(value)
    if d is None:
        return ""
    if _western():
        return date_format(d, "D, j F Y")
    try:
        return core_wareki.format_wareki(d)
    except core_wareki.WarekiError:
        return ""


@register.filter
def wareki_date(value: date | datetime | None) -> str:
    """「平成23年1月18日」: like ``wareki`` without the weekday ("18 January 2011" in English)."""
    d = _local_date(value)
    if d is None:
        return ""
    if _western():
        return date_format(d, "j F Y")
    try:
        return core_wareki.format_wareki(d, weekday=False)
    except core_wareki.WarekiError:
        return ""


def _time_text(t: time) -> str:
    # Beside the English date ("Tue, 18 January 2011"): "7 p.m.", "7:30 p.m.", "noon".
    return time_format(t, "P") if _western() else core_wareki.format_time_ja(t)


@register.filter
def time_ja(value: time | datetime | None) -> str:
    """「午後7時」, 「午後7時30分」 for a time or datetime; "" for None or "". In English:
    "7 p.m.", "7:30 p.m."."""
    t = _local_time(value)
    return "" if t is None else _time_text(t)


@register.filter
def time_range_ja(start: time | datetime | None, end: time | datetime | None) -> str:
    """``{{ start|time_range_ja:end }}`` → 「午後7時～9時」; the start alone when there is no end.
    In English: "7 p.m. – 9 p.m."."""
    start_time, end_time = _local_time(start), _local_time(end)
    if start_time is None:
        return ""
    if end_time is None:
        return _time_text(start_time)
    if _western():
        return f"{_time_text(start_time)} – {_time_text(end_time)}"
    return core_wareki.format_time_range_ja(start_time, end_time)


def _fiscal_year_of(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    d = _local_date(value)
    return None if d is None else core_wareki.fiscal_year(d)


@register.filter
def fiscal_year_name(value: int | date | datetime | None) -> str:
    """「平成22年度」 for a fiscal year (2010) or for any date inside it ("FY2010" in English)."""
    fy = _fiscal_year_of(value)
    if fy is None:
        return ""
    if _western():
        return f"FY{fy}"
    try:
        return core_wareki.fiscal_year_name(fy)
    except core_wareki.WarekiError:
        return ""


@register.filter
def fiscal_year_label(value: int | date | datetime | None) -> str:
    """「平成22(2010)年度」 for a fiscal year or for any date inside it ("FY2010" in English)."""
    fy = _fiscal_year_of(value)
    if fy is None:
        return ""
    if _western():
        return f"FY{fy}"
    try:
        return core_wareki.fiscal_year_label(fy)
    except core_wareki.WarekiError:
        return ""


@register.filter(name="markdown")
def markdown_filter(value: str | None) -> str:
    """Staff-written Markdown as sanitised HTML (see kyodo.core.markup)."""
    from kyodo.core.markup import render_markdown

    return render_markdown(value or "")


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """``?…&page=N`` keeping the request's other query parameters (the list's filters)."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query["page"] = number
    return "?" + query.urlencode()
