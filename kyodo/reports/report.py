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
