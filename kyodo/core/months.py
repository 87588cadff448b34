"""Calendar months (月): the public event filter and calendar, the monthly report, the
consultation list's filter.

Plain Python: no models, no forms. ``Month(2010, 12)`` is a value; :meth:`Month.of` builds one
from a year and a month and refuses one that does not exist; :meth:`Month.containing` is the
month of a date. Three ways to read text, for three kinds of input:

- :meth:`Month.parse`: a GET filter's 「2011-02」 (full-width too); None if it is no month, since
  a filter never raises;
- :meth:`Month.from_slug`: exactly 「2010-12」 from a URL; :class:`MonthError` otherwise;
- :func:`parse_month`: what staff type, 「2010-12」, 「平成22年12月」, 「H22.12」 …; a
  :class:`MonthError` with a Japanese message otherwise.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from kyodo.core.wareki import (
    ERA_PATTERN,
    GREGORIAN_ADOPTION,
    Era,
    WarekiError,
    era_by_key,
    era_end,
    format_wareki,
    format_wareki_year,
)

__all__ = ["FIRST_YEAR", "LAST_YEAR", "Month", "MonthError", "parse_month"]


def _(message: str) -> str:
    # Imported on use: the module itself needs no Django settings.
    from django.utils.translation import gettext

    return gettext(message)


class MonthError(ValueError):
    """Text that is no month, or a month outside the supported range."""


# Years the Japanese calendar can name (from 明治6年, the Gregorian reform) and that keep a
# following month inside date's range (for "next month" links).
FIRST_YEAR, LAST_YEAR = GREGORIAN_ADOPTION.year, date.max.year - 1
_SLUG_RE = re.compile(r"[0-9]{4}-[0-9]{2}")
_FILTER_RE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})")


@dataclass(frozen=True, order=True)
class Month:
    """One calendar month: ``Month(2011, 2)``; its slug is 「2011-02」, its label 「平成23年2月」."""

    year: int
    month: int

    @classmethod
    def of(cls, year: int, month: int) -> Month:
        """The month ``year``-``month``; :class:`MonthError` (Japanese) if there is none."""
        if not 1 <= month <= 12:
            raise MonthError(_("There is no month %(month)s.") % {"month": month})
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise MonthError(
                _("Months from %(first)s to %(last)s can be used.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return cls(year, month)

    @classmethod
    def containing(cls, d: date) -> Month:
        """The month ``d`` falls in."""
        return cls.of(d.year, d.month)

    @classmethod
    def parse(cls, text: str | None) -> Month | None:
        """A filter's 「2011-02」 (or 「2011-2」, full-width digits too) → Month; None otherwise."""
        match = _FILTER_RE.fullmatch(unicodedata.normalize("NFKC", text or "").strip())
        if match is None:
            return None
        try:
            return cls.of(int(match["year"]), int(match["month"]))
        except MonthError:
            return None

    @classmethod
    def from_slug(cls, slug: str) -> Month:
        """The month of a URL: exactly 「2010-12」; anything else is a MonthError."""
        if not _SLUG_RE.fullmatch(slug):
            raise MonthError(_("“%(text)s” is not a month.") % {"text": slug[:30]})
        return cls.of(int(slug[:4]), int(slug[5:]))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def slug(self) -> str:
        """For URLs, filters and file names: 「2010-12」."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """「令和8年11月」, 「平成23年1月」, 「令和元年5月」: the era in force on the month's first
        day, so January 1989 is 「昭和64年1月」 and April 2019 「平成31年4月」."""
        try:
            return f"{format_wareki_year(self.first_day)}{self.month}月"
        except WarekiError:  # pragma: no cover - of() keeps years inside the era calendar
            return f"{self.year}年{self.month}月"

    def previous(self) -> Month | None:
        """The month before; None before the first supported month."""
        return self.back(1)

    def next(self) -> Month | None:
        """The month after; None after the last supported month."""
        return self.back(-1)

    def back(self, months: int) -> Month | None:
        """The month ``months`` before this one (``back(11)`` starts a 12-month window); None
        outside the supported range."""
        index = self.year * 12 + self.month - 1 - months
        year, month = divmod(index, 12)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        return Month(year, month + 1)

    def __str__(self) -> str:
        return self.slug


_ERA_RE = re.compile(
    ERA_PATTERN + r"(?P<eyear>元|[0-9]{1,4})(?:年(?P<m1>[0-9]{1,2})月?|[./-](?P<m2>[0-9]{1,2}))"
)
_WESTERN_RE = re.compile(r"(?P<year>[0-9]{4})(?:年(?P<m1>[0-9]{1,2})月?|[./-](?P<m2>[0-9]{1,2}))")


def parse_month(text: str) -> Month:
    """Read a month: 「2010-12」, 「2010/12」, 「2010年12月」, 「平成22年12月」, 「H22.12」,
    「令和元年5月」, full-width forms too. Raise :class:`MonthError` with a message otherwise."""
    prepared = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).upper()
    if not prepared:
        raise MonthError(_("Enter a month, for example 2010-12 or 平成22年12月."))
    if match := _WESTERN_RE.fullmatch(prepared):
        return Month.of(int(match["year"]), int(match["m1"] or match["m2"]))
    if match := _ERA_RE.fullmatch(prepared):
        era = era_by_key(match["era"])
        era_year = 1 if match["eyear"] == "元" else int(match["eyear"])
        month = Month.of(era.gregorian_year(era_year), int(match["m1"] or match["m2"]))
        _check_in_era(month, era, text=str(text).strip())
        return month
    raise MonthError(
        _("“%(text)s” is not a month. For example: 2010-12, 平成22年12月 or H22.12.")
        % {"text": str(text).strip()[:30]}
    )


def _check_in_era(month: Month, era: Era, *, text: str) -> None:
    end = era_end(era)
    if month.last_day < era.start or (end is not None and month.first_day > end):
        if end is None:
            message = _("“%(text)s” does not exist: %(era)s began on %(start)s.")
        else:
            message = _("“%(text)s” does not exist: %(era)s ran from %(start)s to %(end)s.")
        raise MonthError(
            message
            % {
                "text": text,
                "era": era.name,
                "start": format_wareki(era.start, weekday=False),
                "end": format_wareki(end, weekday=False) if end else "",
            }
        )
