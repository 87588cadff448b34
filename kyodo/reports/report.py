"""The monthly report (月次報告) as plain data: what every format (page, PDF, XLSX, CSV, text)
is rendered from. Built by :func:`kyodo.reports.selectors.monthly_report`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kyodo.core.months import Month


@dataclass(frozen=True)
class HeldEvent:
    """An event held in the month; attendance is None when it was not recorded."""

    name: str
    held_on: date
    people: int | None
    groups: int | None


@dataclass(frozen=True)
class NewRegistration:
    name: str
    registered_on: date | None


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    count: int


@dataclass(frozen=True)
class FormCount:
    """The collaboration records of one form, and whether the register counts the form as
    協働 (後援 is not, by default: kyodo.collaboration.statistics)."""

    label: str
    count: int
    counted: bool = True


@dataclass(frozen=True)
class UpcomingEvent:
    """An event after the month, with the applications received so far."""

    name: str
    held_on: date
    confirmed_people: int
    confirmed_groups: int
    application_count: int


@dataclass(frozen=True)
class MonthTotals:
    """One month of the trend chart."""

    month: Month
    events_held: int
    attendance_people: int
    new_registrations: int
    consultations: int


@dataclass(frozen=True)
class MonthlyReport:
    month: Month
    events_held: list[HeldEvent]
    new_registrations: list[NewRegistration]
    registered_total: int
    consultation_total: int
    consultations_by_category: list[CategoryCount]
    consultation_examples: list[str]
    upcoming_events: list[UpcomingEvent]
    trend: list[MonthTotals]

    @property
    def attendance_people(self) -> int:
        return sum(e.people or 0 for e in self.events_held)

    @property
    def attendance_groups(self) -> int:
        return sum(e.groups or 0 for e in self.events_held)


@dataclass(frozen=True)
class FiscalYearReport:
    """A fiscal year's figures (年度報告), April to March, or to the month in progress for the
    year in progress: what the committee's last meeting of the year and the city's annual
    report ask for. Built by :func:`kyodo.reports.selectors.fiscal_year_report`."""

    fiscal_year: int
    first: Month  # April
    through: Month  # the last month counted: March, or this month
    months: list[MonthTotals]
    registered_at_start: int  # registered groups on the day before April 1
    registered_at_end: int  # registered groups on the last day counted
    events_held: list[HeldEvent]
    consultations_by_category: list[CategoryCount]
    collaboration_by_form: list[FormCount]  # records running in the year, by form
    # the records of the counted forms, as the register's statistics give 協働の件数
    collaboration_total: int = 0

    @property
    def complete(self) -> bool:
        return self.through.month == 3

    @property
    def events_total(self) -> int:
        return sum(m.events_held for m in self.months)

    @property
    def attendance_people(self) -> int:
        return sum(m.attendance_people for m in self.months)

    @property
    def attendance_groups(self) -> int:
        return sum(e.groups or 0 for e in self.events_held)

    @property
    def new_registrations(self) -> int:
        return sum(m.new_registrations for m in self.months)

    @property
    def consultations(self) -> int:
        return sum(m.consultations for m in self.months)
