"""Calendar months (月) as staff type and read them: 2010-12, 平成22年12月, H22.12.

A month is the unit of the monthly report and of the consultation list's filter. Parsing follows
:mod:`kyodo.core.wareki`: NFKC first (full-width digits, ㍻), era names or initials, and a month
that lies outside its era is refused with the month it probably means.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from kyodo.core.wareki import ERAS, GREGORIAN_ADOPTION, Era, format_wareki, format_wareki_year

__all__ = ["Month", "MonthError", "parse_month"]


class MonthError(ValueError):
    """Text that is no month, or a month outside the supported range."""


# The last supported month leaves room for the "next month" of navigation links.
_SLUG_RE = re.compile(r"[0-9]{4}-[0-9]{2}")
_FIRST_YEAR, _LAST_YEAR = GREGORIAN_ADOPTION.year, date.max.year - 1


@dataclass(frozen=True, order=True)
class Month:
    """One calendar month; ``Month(2010, 12)``. Construct through :meth:`of` to validate."""

    year: int
    month: int

    @classmethod
    def of(cls, year: int, month: int) -> Month:
        if not 1 <= month <= 12:
            raise MonthError(_("There is no month %(month)s.") % {"month": month})
        if not _FIRST_YEAR <= year <= _LAST_YEAR:
            raise MonthError(
                _("Months from %(first)s to %(last)s can be used.")
                % {"first": _FIRST_YEAR, "last": _LAST_YEAR}
            )
        return cls(year, month)

    @classmethod
    def from_slug(cls, slug: str) -> Month:
        """The month of a URL: exactly 「2010-12」; anything else is a MonthError."""
        if not _SLUG_RE.fullmatch(slug):
            raise MonthError(_("“%(text)s” is not a month.") % {"text": slug[:30]})
        return cls.of(int(slug[:4]), int(slug[5:]))

    @classmethod
    def containing(cls, d: date) -> Month:
        return cls.of(d.year, d.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def next(self) -> Month:
        return Month.containing(self.last_day + timedelta(days=1))

    def previous(self) -> Month:
        return Month.containing(self.first_day - timedelta(days=1))

    def back(self, months: int) -> Month:
        """The month ``months`` before this one (``back(11)`` starts a 12-month window)."""
        index = self.year * 12 + self.month - 1 - months
        return Month.of(index // 12, index % 12 + 1)

    @property
    def slug(self) -> str:
        """For URLs and file names: 「2010-12」."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def wareki(self) -> str:
        """「平成22年12月」: the era of the month's last day, as a report covering it is dated."""
        return f"{format_wareki_year(self.last_day)}{self.month}月"

    def __str__(self) -> str:
        return self.slug


_ERA_BY_KEY = {era.name: era for era in ERAS} | {era.initial: era for era in ERAS}
_ERA_RE = re.compile(
    r"(?P<era>明治|大正|昭和|平成|令和|[MTSHR])(?P<eyear>元|[0-9]{1,4})(?:年(?P<m1>[0-9]{1,2})月?|[./-](?P<m2>[0-9]{1,2}))"
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
        era = _ERA_BY_KEY[match["era"]]
        era_year = 1 if match["eyear"] == "元" else int(match["eyear"])
        month = Month.of(era.gregorian_year(era_year), int(match["m1"] or match["m2"]))
        _check_in_era(month, era, text=str(text).strip())
        return month
    raise MonthError(
        _("“%(text)s” is not a month. For example: 2010-12, 平成22年12月 or H22.12.")
        % {"text": str(text).strip()[:30]}
    )


def _check_in_era(month: Month, era: Era, *, text: str) -> None:
    index = ERAS.index(era)
    end = ERAS[index + 1].start - timedelta(days=1) if index + 1 < len(ERAS) else None
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
