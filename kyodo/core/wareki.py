"""Japanese era dates (和暦), Japanese clock times and fiscal years (年度).

The one era table of the project (:data:`ERAS`): the months, the minutes text format and the
importers take their eras from here. Plain Python: no Django import at module level, so the
minutes parser and the importers use it outside Django too. Messages in :class:`WarekiError` are
in the catalogue (English msgids); they are translated when Django's settings are configured and
left in English otherwise.

Supported range: from 明治6年1月1日 (1873-01-01), the day Japan adopted the Gregorian calendar.
Earlier 明治 dates were counted in the lunisolar calendar and cannot be mapped day for day, so
both formatting and parsing refuse them instead of printing a wrong date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

__all__ = [
    "ERAS",
    "ERA_PATTERN",
    "GREGORIAN_ADOPTION",
    "Era",
    "WarekiError",
    "era_by_key",
    "era_end",
    "era_for",
    "fiscal_year",
    "fiscal_year_label",
    "fiscal_year_name",
    "fiscal_year_range",
    "format_time_ja",
    "format_time_range_ja",
    "format_wareki",
    "format_wareki_year",
    "parse_date_ja",
    "parse_fiscal_year",
    "parse_time_ja",
    "parse_year_ja",
]


def _(message: str) -> str:
    """gettext when Django is set up; the English message otherwise (plain-Python callers)."""
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is installed with Kyodo
        return message
    if not settings.configured:
        return message
    from django.utils.translation import gettext

    return gettext(message)


class WarekiError(ValueError):
    """A date or fiscal year that cannot be read or written in the Japanese era calendar."""


@dataclass(frozen=True)
class Era:
    """One Japanese era: its name, its Latin initial and its first day."""

    name: str
    initial: str
    start: date

    def year_of(self, d: date) -> int:
        """The era year (1 = 元年) of the calendar year of ``d``."""
        return d.year - self.start.year + 1

    def gregorian_year(self, era_year: int) -> int:
        """The calendar year in which the given era year falls."""
        return self.start.year + era_year - 1


# 明治 is dated from the enthronement proclamation of 1868-10-23 (the era was later declared to
# apply from the start of that year, but no supported date reaches back that far anyway).
ERAS: tuple[Era, ...] = (
    Era("明治", "M", date(1868, 10, 23)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("令和", "R", date(2019, 5, 1)),
)

GREGORIAN_ADOPTION = date(1873, 1, 1)
"""First supported day: 明治6年1月1日. Before it Japan used the lunisolar calendar."""

_ERA_BY_KEY = {era.name: era for era in ERAS} | {era.initial: era for era in ERAS}
ERA_PATTERN = (
    "(?P<era>"
    + "|".join([era.name for era in ERAS] + ["[" + "".join(era.initial for era in ERAS) + "]"])
    + ")"
)
"""A regular expression group ``era`` matching an era's name or its Latin initial."""
_WEEKDAYS = "月火水木金土日"
# date.max cannot take a fiscal year ending in the following March.
_MAX_FISCAL_YEAR = date.max.year - 1


def era_by_key(key: str) -> Era:
    """The era named 「平成」 or initialled 「H」; KeyError for anything else."""
    return _ERA_BY_KEY[key]


def era_end(era: Era) -> date | None:
    """Last day of ``era``, or None for the era in force."""
    index = ERAS.index(era)
    if index + 1 < len(ERAS):
        return ERAS[index + 1].start - timedelta(days=1)
    return None


def era_for(d: date) -> Era:
    """The era in force on ``d``; WarekiError before 1873-01-01."""
    if isinstance(d, datetime):
        # A datetime never compares with a date; its calendar day is what counts here.
        d = d.date()
    if d < GREGORIAN_ADOPTION:
        raise WarekiError(
            _(
                "%(year)s-%(month)s-%(day)s is before the calendar reform of 1873 and has no "
                "date in the Japanese era."
            )
            % {"year": d.year, "month": d.month, "day": d.day}
        )
    for era in reversed(ERAS):
        if d >= era.start:
            return era
    raise AssertionError("unreachable: GREGORIAN_ADOPTION lies inside 明治")  # pragma: no cover


def _year_text(era_year: int) -> str:
    return "元" if era_year == 1 else str(era_year)


def format_wareki_year(d: date) -> str:
    """The era year of ``d``: 2011-01-18 → 「平成23年」, 2019-05-01 → 「令和元年」."""
    era = era_for(d)
    return f"{era.name}{_year_text(era.year_of(d))}年"


def format_wareki(d: date, *, weekday: bool = True) -> str:
    """``d`` in the Japanese era with half-width digits: 2011-01-18 → 「平成23年1月18日(火)」.

    ``weekday=False`` leaves out 「(火)」. Raises WarekiError before 1873-01-01.
    """
    text = f"{format_wareki_year(d)}{d.month}月{d.day}日"
    if weekday:
        text += f"({_WEEKDAYS[d.weekday()]})"
    return text


def _half_of_day(t: time) -> str:
    return "午前" if t.hour < 12 else "午後"


def _clock_text(t: time) -> str:
    # 12-hour clock as Japanese notices write it: noon is 午後0時, midnight 午前0時.
    text = f"{t.hour % 12}時"
    if t.minute:
        text += f"{t.minute}分"
    return text


def format_time_ja(t: time) -> str:
    """A clock time as notices write it: 19:00 → 「午後7時」, 19:30 → 「午後7時30分」.

    0:00 is 「午前0時」 and 12:00 is 「午後0時」. Seconds are not shown.
    """
    return _half_of_day(t) + _clock_text(t)


def format_time_range_ja(start: time, end: time) -> str:
    """A start–end range: 19:00–21:00 → 「午後7時～9時」, 10:00–12:30 → 「午前10時～午後0時30分」.

    Like the seed's header, 午前/午後 is not repeated when both ends fall in the same half of
    the day (with or without minutes); an end that is not after the start (past midnight) is
    always written in full so that it cannot be misread.
    """
    end_text = _clock_text(end)
    if _half_of_day(start) != _half_of_day(end) or end <= start:
        end_text = _half_of_day(end) + end_text
    return f"{format_time_ja(start)}～{end_text}"


# ---------------------------------------------------------------------------------------------
# Parsing what people type
# ---------------------------------------------------------------------------------------------

_ERA_TOKEN = ERA_PATTERN
_ERA_YEAR = "(?P<eyear>元|[0-9]{1,4})"
_MONTH_DAY = (
    "(?:年(?P<m1>[0-9]{1,2})月(?P<d1>[0-9]{1,2})日|[./-](?P<m2>[0-9]{1,2})[./-](?P<d2>[0-9]{1,2}))"
)
# 「(火)」, 「(火曜)」, 「(火曜日)」, or the same without parentheses.
_WEEKDAY = "(?:\\((?P<w1>[月火水木金土日])(?:曜日?)?\\)|(?P<w2>[月火水木金土日])曜日?)?"
_ERA_DATE_RE = re.compile(f"{_ERA_TOKEN}{_ERA_YEAR}{_MONTH_DAY}{_WEEKDAY}")
_WESTERN_DATE_RE = re.compile(f"(?P<year>[0-9]{{4}}){_MONTH_DAY}{_WEEKDAY}")
# A month and day alone (「12/7」, 「12月7日」, 「12.7(月)」): refused with a request for the year.
_MONTH_DAY_ONLY_RE = re.compile(
    f"(?:[0-9]{{1,2}}月[0-9]{{1,2}}日|[0-9]{{1,2}}[./-][0-9]{{1,2}}){_WEEKDAY}"
)
_WHITESPACE_RE = re.compile(r"\s+")


def _prepare(text: object) -> str:
    """NFKC (全角→半角, ㍻→平成), no white space, Latin initials upper-cased."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", text)).upper()


def _shorten(text: str, limit: int = 30) -> str:
    # The message repeats the input; keep a pasted paragraph from flooding the form.
    return text if len(text) <= limit else text[:limit] + "…"


def _era_year_value(token: str) -> int:
    return 1 if token == "元" else int(token)


def _gregorian(year: int, month: int, day: int, written: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise WarekiError(_("“%(text)s” is no date.") % {"text": written}) from None


def parse_date_ja(text: str) -> date:
    """Read a date as people type it; raise WarekiError (and nothing else) when it is no date.

    Accepts 「平成23年1月18日」, 「平成２３年１月１８日（火）」, 「H23.1.18」, 「h23/1/18」,
    「R7/4/1」, 「令和元年5月1日」, 「2011-01-18」, 「2011/1/18」, 「2011年1月18日」. Full-width
    forms and spaces are allowed. A weekday is optional, but if given it must be right. An era
    date outside its era (「平成31年5月1日」) is refused with the date it probably means.
    """
    prepared = _prepare(text)
    if not prepared:
        raise WarekiError(_("No date was entered."))

    if match := _ERA_DATE_RE.fullmatch(prepared):
        result = _parse_era_date(match)
    elif match := _WESTERN_DATE_RE.fullmatch(prepared):
        month = int(match["m1"] or match["m2"])
        day = int(match["d1"] or match["d2"])
        year = int(match["year"])
        result = _gregorian(year, month, day, f"{year}年{month}月{day}日")
    elif _MONTH_DAY_ONLY_RE.fullmatch(prepared):
        # Staff often type 「12/7」; guessing this year or the next would date an event or a
        # follow-up a year wrong without anyone noticing. Asked instead.
        raise WarekiError(_("Enter the year too (for example 令和8年12月7日, 2026/12/7)."))
    else:
        raise WarekiError(
            _("“%(text)s” cannot be read as a date. For example: 令和7年4月1日, R7.4.1, 2025-04-01")
            % {"text": _shorten(str(text).strip())}
        )

    written_weekday = match["w1"] or match["w2"]
    if written_weekday and written_weekday != _WEEKDAYS[result.weekday()]:
        raise WarekiError(
            _("The day of the week is wrong: %(year)s-%(month)s-%(day)s is a %(weekday)s.")
            % {
                "year": result.year,
                "month": result.month,
                "day": result.day,
                "weekday": _WEEKDAYS[result.weekday()],
            }
        )
    return result


def _parse_era_date(match: re.Match[str]) -> date:
    token = match["era"]
    era = _ERA_BY_KEY[token]
    era_year = _era_year_value(match["eyear"])
    month = int(match["m1"] or match["m2"])
    day = int(match["d1"] or match["d2"])
    written = f"{era.name}{_year_text(era_year)}年{month}月{day}日"
    if era_year < 1:
        raise WarekiError(
            _("“%(text)s” is no date: %(era)s counts its years from 1 (元年).")
            % {"text": written, "era": era.name}
        )

    result = _gregorian(era.gregorian_year(era_year), month, day, written)
    if result < GREGORIAN_ADOPTION:
        raise WarekiError(
            _(
                "“%(text)s” is a date of the lunisolar calendar used before the reform of 1873 "
                "and cannot be converted."
            )
            % {"text": written}
        )
    end = era_end(era)
    if result < era.start or (end is not None and result > end):
        if end is None:
            message = _(
                "“%(text)s” is no date (%(era)s began on %(start)s). Did you mean %(date)s?"
            )
        else:
            message = _(
                "“%(text)s” is no date (%(era)s ran from %(start)s to %(end)s). "
                "Did you mean %(date)s?"
            )
        raise WarekiError(
            message
            % {
                "text": written,
                "era": era.name,
                "start": format_wareki(era.start, weekday=False),
                "end": format_wareki(end, weekday=False) if end else "",
                "date": format_wareki(result, weekday=False),
            }
        )
    return result


_YEAR_ERA_RE = re.compile(f"{_ERA_TOKEN}{_ERA_YEAR}(?:\\((?P<western>[0-9]{{4}})\\))?年?")
_YEAR_WESTERN_RE = re.compile("(?P<year>[0-9]{4})年?")


def parse_year_ja(text: str) -> int:
    """Read a calendar year as people type it (a group's 設立年): 「2005」, 「2005年」,
    「平成17年」, 「H17」, 「平成17(2005)年」, 「令和元年」, 「昭和50年」, full-width digits too.
    Raise WarekiError (and nothing else) otherwise.

    An era year is accepted in every calendar year the era touched (「平成31年」 and 「令和元年」 are
    both 2019, 「昭和64年」 and 「平成元年」 both 1989); one outside its era (「平成32年」) is refused
    with the year it probably means (令和2年).
    """
    prepared = _prepare(text)
    if not prepared:
        raise WarekiError(_("No year was entered."))
    if match := _YEAR_WESTERN_RE.fullmatch(prepared):
        return int(match["year"])
    match = _YEAR_ERA_RE.fullmatch(prepared)
    if match is None:
        raise WarekiError(
            _("“%(text)s” cannot be read as a year. For example: 2005, 平成17年, H17, 令和元年")
            % {"text": _shorten(str(text).strip())}
        )
    era = _ERA_BY_KEY[match["era"]]
    era_year = _era_year_value(match["eyear"])
    year = era.gregorian_year(era_year)
    written = f"{era.name}{_year_text(era_year)}年"
    end = era_end(era)
    if era_year < 1:
        raise WarekiError(
            _("“%(text)s” is no year: %(era)s counts its years from 1 (元年).")
            % {"text": written, "era": era.name}
        )
    if end is not None and year > end.year:
        # The same calendar year in the era that followed: 平成32年 → 令和2年.
        raise WarekiError(
            _("There is no year %(text)s (%(era)s ended in %(last)s). Did you mean %(year)s?")
            % {
                "text": written,
                "era": era.name,
                "last": format_wareki_year(end),
                "year": format_wareki_year(date(min(year, date.max.year), 12, 31)),
            }
        )
    western = match["western"]
    if western and int(western) != year:
        raise WarekiError(
            _("%(text)s is %(year)s, not %(western)s.")
            % {"text": written, "year": year, "western": western}
        )
    return year


# 「19:00」「19:00:00」「19時」「19時30分」「7時半」, each optionally after 午前/午後; 「正午」. The
# fraction of a second (「19:00:00.000」) is what a browser's time input may send.
_TIME_RE = re.compile(
    "(?P<half>午前|午後)?(?P<hour>[0-9]{1,2})"
    "(?::(?P<m1>[0-9]{1,2})(?::(?P<second>[0-9]{1,2})(?:\\.(?P<fraction>[0-9]{1,6}))?)?"
    "|時(?:(?P<m2>[0-9]{1,2})分?|(?P<han>半))?)"
)


def parse_time_ja(text: str) -> time:
    """Read a clock time as people type it; raise WarekiError (and nothing else) when it is no
    time of day.

    Accepts 「19:00」, 「19:00:00」, 「１９：００」, 「19時」, 「19時30分」, 「7時半」, 「午前10時」,
    「午後7時」, 「午後7時30分」, 「午後7:30」 and 「正午」; full-width forms and spaces are allowed.
    With 午前/午後 the hour is 0 to 11 (noon is 午後0時, as :func:`format_time_ja` writes it):
    「午前12時」 and 「午後12時」 are refused, since people read them both ways.
    """
    prepared = _prepare(text)
    if prepared == "正午":
        return time(12, 0)
    match = _TIME_RE.fullmatch(prepared)
    if match is not None:
        hour = int(match["hour"])
        minute = 30 if match["han"] else int(match["m1"] or match["m2"] or 0)
        second = int(match["second"] or 0)
        microsecond = int((match["fraction"] or "0").ljust(6, "0"))
        if match["half"] and hour > 11:
            hour = 24  # 「午前12時」「午後13時」: refused below
        elif match["half"] == "午後":
            hour += 12
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second, microsecond)
    raise WarekiError(
        _("“%(text)s” cannot be read as a time. For example: 19:00, 19時30分, 午後7時")
        % {"text": _shorten(str(text).strip())}
    )


# ---------------------------------------------------------------------------------------------
# Fiscal years (年度, April to March)
# ---------------------------------------------------------------------------------------------


def fiscal_year(d: date) -> int:
    """The fiscal year (年度, April–March) that contains ``d``: 2011-01-18 → 2010."""
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_range(fy: int) -> tuple[date, date]:
    """First and last day of fiscal year ``fy``: 2010 → (2010-04-01, 2011-03-31)."""
    return date(fy, 4, 1), date(fy + 1, 3, 31)


def _fiscal_era(fy: int) -> Era:
    # A fiscal year is named after the calendar year in which it begins, in the era that calendar
    # year ends in: FY1988 → 昭和63年度 (1988 was all 昭和), FY1989 → 平成元年度, and by the
    # government's convention FY2019 → 令和元年度 although it began on 平成31年4月1日.
    if fy < GREGORIAN_ADOPTION.year or fy > _MAX_FISCAL_YEAR:
        raise WarekiError(_("Fiscal year %(year)s is outside the supported range.") % {"year": fy})
    return era_for(date(fy, 12, 31))


def fiscal_year_name(fy: int) -> str:
    """The fiscal year in the era: 2010 → 「平成22年度」, 2019 → 「令和元年度」, 2020 → 「令和2年度」."""
    era = _fiscal_era(fy)
    return f"{era.name}{_year_text(fy - era.start.year + 1)}年度"


def fiscal_year_label(fy: int) -> str:
    """The fiscal year with the Western year, as minutes titles write it: 「平成22(2010)年度」."""
    era = _fiscal_era(fy)
    return f"{era.name}{_year_text(fy - era.start.year + 1)}({fy})年度"


_FY_ERA_RE = re.compile(f"{_ERA_TOKEN}{_ERA_YEAR}(?:\\((?P<western>[0-9]{{4}})\\))?(?:年度|年)?")
_FY_WESTERN_RE = re.compile("(?P<year>[0-9]{4})(?:年度|年)?")


def parse_fiscal_year(text: str) -> int:
    """Read a fiscal year: 「2010」, 「2010年度」, 「平成22年度」, 「H22」, 「令和元年度」,
    「平成22(2010)年度」, full-width digits too. Raise WarekiError otherwise.

    An era year that existed as a calendar year is accepted even where the fiscal year is
    usually named otherwise (「平成31年度」 is FY2019, as budgets printed before May 2019 call it).
    """
    prepared = _prepare(text)
    if not prepared:
        raise WarekiError(_("No fiscal year was entered."))
    if match := _FY_WESTERN_RE.fullmatch(prepared):
        fy = int(match["year"])
        _fiscal_era(fy)  # range check
        return fy
    match = _FY_ERA_RE.fullmatch(prepared)
    if match is None:
        raise WarekiError(
            _("“%(text)s” cannot be read as a fiscal year. For example: 令和7年度, R7, 2025年度")
            % {"text": _shorten(str(text).strip())}
        )
    era = _ERA_BY_KEY[match["era"]]
    era_year = _era_year_value(match["eyear"])
    end = era_end(era)
    last_year = end.year - era.start.year + 1 if end else _MAX_FISCAL_YEAR - era.start.year + 1
    if not 1 <= era_year <= last_year:
        if end is None:
            message = _("There is no fiscal year %(era)s%(year)s: %(era)s counts from year 1.")
        else:
            message = _(
                "There is no fiscal year %(era)s%(year)s: %(era)s ran from year 1 to year %(last)s."
            )
        raise WarekiError(message % {"era": era.name, "year": era_year, "last": last_year})
    fy = era.gregorian_year(era_year)
    _fiscal_era(fy)  # range check (明治元年度 … 明治5年度 predate the calendar we support)
    western = match["western"]
    if western and int(western) != fy:
        raise WarekiError(
            _("Fiscal year %(era)s%(year)s is %(fy)s, not %(western)s.")
            % {"era": era.name, "year": _year_text(era_year), "fy": fy, "western": western}
        )
    return fy
