"""The monthly report (月次報告) as plain data: what every format (page, PDF, XLSX, CSV, text)
is rendered from. Built by :func:`kyodo.reports.selectors.monthly_report`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kyodo.core.months import Month
from kyodo.events.selectors import satisfaction_mean


@dataclass(frozen=True)
class FeedbackCounts:
    """The participants' questionnaire of an event, or of several added up, counted as
    :func:`kyodo.events.selectors.feedback_summary` counts it: ``asked`` (requests sent),
    ``answered``, and the answers giving each 満足度 level, best first."""

    asked: int = 0
    answered: int = 0
    levels: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)

    def __add__(self, other: FeedbackCounts) -> FeedbackCounts:
        return FeedbackCounts(
            asked=self.asked + other.asked,
            answered=self.answered + other.answered,
            levels=tuple(a + b for a, b in zip(self.levels, other.levels, strict=True)),
        )

    @property
    def rated(self) -> int:
        """The answers that gave a 満足度 (it is optional)."""
        return sum(self.levels)

    @property
    def mean(self) -> Decimal | None:
        """The mean 満足度 to one decimal (half up, as the event's page shows it); None
        without a rated answer."""
        return satisfaction_mean(self.levels)


def total_feedback(counts: list[FeedbackCounts]) -> FeedbackCounts:
    return sum(counts, FeedbackCounts())


@dataclass(frozen=True)
class HeldEvent:
    """An event held in the month; attendance is None when it was not recorded."""

    name: str
    held_on: date
    people: int | None
    groups: int | None
    feedback: FeedbackCounts = FeedbackCounts()


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
    application_count: int  # confirmed and waiting-list applications, a group's counting one
    waitlisted_count: int = 0  # of which on the waiting list


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
    compiled_on: date
    # 今後の事業 are the events from upcoming_from to upcoming_to (selectors.upcoming_window)
    upcoming_from: date
    upcoming_to: date
    # The month's consultations given more than one category, each counted under every one of
    # them in consultations_by_category (so that the counts add up to more than
    # consultation_total); None for a report handed out before this was counted.
    several_categories: int | None = None
    # The center's name the report prints (the PDF's top right and author) as it was frozen when
    # the report was handed out, "" for a center without one; None for a report compiled live
    # (the PDF prints the center's name of today) or one frozen before format 3
    # (kyodo.reports.selectors.presented_monthly_report finds the name it had then).
    center_name: str | None = None

    @property
    def in_progress(self) -> bool:
        """Compiled while its month runs: the figures are those of ``compiled_on``."""
        return self.month.first_day <= self.compiled_on <= self.month.last_day

    @property
    def attendance_people(self) -> int:
        return sum(e.people or 0 for e in self.events_held)

    @property
    def attendance_groups(self) -> int:
        return sum(e.groups or 0 for e in self.events_held)

    @property
    def feedback(self) -> FeedbackCounts:
        """The questionnaires of the month's held events, added up."""
        return total_feedback([e.feedback for e in self.events_held])


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
    # the day the report was compiled (None: taken as after the year)
    compiled_on: date | None = None
    # the year's consultations given more than one category (MonthlyReport.several_categories)
    several_categories: int = 0

    @property
    def complete(self) -> bool:
        """The year is over: its figures run to March 31 and it was compiled after that day.
        Compiled in March, the year still runs (期間末, not 年度末)."""
        return self.through.month == 3 and (
            self.compiled_on is None or self.compiled_on > self.through.last_day
        )

    @property
    def single_month(self) -> bool:
        """Only April is counted yet: the period is one month (「令和9年4月」, not 「令和9年4月〜
        令和9年4月」)."""
        return self.first == self.through

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
    def feedback_by_month(self) -> list[tuple[Month, FeedbackCounts]]:
        """The questionnaires of each month's held events, added up, for every month counted."""
        return [
            (
                totals.month,
                total_feedback(
                    [
                        e.feedback
                        for e in self.events_held
                        if Month.containing(e.held_on) == totals.month
                    ]
                ),
            )
            for totals in self.months
        ]

    @property
    def feedback(self) -> FeedbackCounts:
        return total_feedback([e.feedback for e in self.events_held])

    @property
    def new_registrations(self) -> int:
        return sum(m.new_registrations for m in self.months)

    @property
    def consultations(self) -> int:
        return sum(m.consultations for m in self.months)
