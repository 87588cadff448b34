"""A monthly report as JSON and back: what a :class:`~kyodo.reports.models.PresentedReport`
keeps of the report the center handed out. Every name, label and figure is stored as it was
printed that day (category labels in the center's language), so reading it back needs no row of
another app."""

from __future__ import annotations

from datetime import date

from kyodo.core.months import Month
from kyodo.reports.report import (
    CategoryCount,
    FeedbackCounts,
    HeldEvent,
    MonthlyReport,
    MonthTotals,
    NewRegistration,
    UpcomingEvent,
)

# 2: with several_categories (the consultations given more than one category). A report of
# format 1 reads back without it (None), and is shown as it was handed out: without the remark
# that the counts by category add up to more than the consultations.
# 3: with center, what the PDF prints of the center: {"name": …} (its top right line and the
# file's author; "" for an installation without a center). A report of format 1 or 2 reads back
# with center_name None: kyodo.reports.selectors.presented_monthly_report then takes the name the
# center had when the report was handed out from the audit log of its renames.
FORMAT = 3


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _feedback(counts: FeedbackCounts) -> dict:
    return {"asked": counts.asked, "answered": counts.answered, "levels": list(counts.levels)}


def report_to_dict(report: MonthlyReport) -> dict:
    """``report`` as JSON-safe data (dates as ISO days, months as 「2010-12」), as it is handed
    out now: a report compiled live (``center_name`` None) takes the center's name of today,
    one read back from what was frozen keeps its own."""
    return {
        "format": FORMAT,
        "center": {"name": _center_name(report)},
        "month": report.month.slug,
        "compiled_on": _day(report.compiled_on),
        "upcoming_from": _day(report.upcoming_from),
        "upcoming_to": _day(report.upcoming_to),
        "events_held": [
            {
                "name": e.name,
                "held_on": _day(e.held_on),
                "people": e.people,
                "groups": e.groups,
                "feedback": _feedback(e.feedback),
            }
            for e in report.events_held
        ],
        "new_registrations": [
            {"name": r.name, "registered_on": _day(r.registered_on)}
            for r in report.new_registrations
        ],
        "registered_total": report.registered_total,
        "consultation_total": report.consultation_total,
        "consultations_by_category": [
            {"category": c.category, "label": str(c.label), "count": c.count}
            for c in report.consultations_by_category
        ],
        "several_categories": report.several_categories,
        "consultation_examples": list(report.consultation_examples),
        "upcoming_events": [
            {
                "name": u.name,
                "held_on": _day(u.held_on),
                "confirmed_people": u.confirmed_people,
                "confirmed_groups": u.confirmed_groups,
                "application_count": u.application_count,
                "waitlisted_count": u.waitlisted_count,
            }
            for u in report.upcoming_events
        ],
        "trend": [
            {
                "month": t.month.slug,
                "events_held": t.events_held,
                "attendance_people": t.attendance_people,
                "new_registrations": t.new_registrations,
                "consultations": t.consultations,
            }
            for t in report.trend
        ],
    }


def _center_name(report: MonthlyReport) -> str:
    if report.center_name is not None:
        return report.center_name
    from kyodo.core.models import Center

    center = Center.objects.current()
    return center.name if center is not None else ""


def report_from_dict(data: dict) -> MonthlyReport:
    """The report :func:`report_to_dict` stored, exactly as it was."""
    return MonthlyReport(
        month=Month.from_slug(data["month"]),
        events_held=[
            HeldEvent(
                name=e["name"],
                held_on=_date(e["held_on"]),
                people=e["people"],
                groups=e["groups"],
                feedback=FeedbackCounts(
                    asked=e["feedback"]["asked"],
                    answered=e["feedback"]["answered"],
                    levels=tuple(e["feedback"]["levels"]),
                ),
            )
            for e in data["events_held"]
        ],
        new_registrations=[
            NewRegistration(name=r["name"], registered_on=_date(r["registered_on"]))
            for r in data["new_registrations"]
        ],
        registered_total=data["registered_total"],
        consultation_total=data["consultation_total"],
        consultations_by_category=[
            CategoryCount(category=c["category"], label=c["label"], count=c["count"])
            for c in data["consultations_by_category"]
        ],
        several_categories=data.get("several_categories"),
        consultation_examples=list(data["consultation_examples"]),
        upcoming_events=[
            UpcomingEvent(
                name=u["name"],
                held_on=_date(u["held_on"]),
                confirmed_people=u["confirmed_people"],
                confirmed_groups=u["confirmed_groups"],
                application_count=u["application_count"],
                waitlisted_count=u["waitlisted_count"],
            )
            for u in data["upcoming_events"]
        ],
        trend=[
            MonthTotals(
                month=Month.from_slug(t["month"]),
                events_held=t["events_held"],
                attendance_people=t["attendance_people"],
                new_registrations=t["new_registrations"],
                consultations=t["consultations"],
            )
            for t in data["trend"]
        ],
        compiled_on=_date(data["compiled_on"]),
        upcoming_from=_date(data["upcoming_from"]),
        upcoming_to=_date(data["upcoming_to"]),
        # Formats 1 and 2 did not keep it: None, for the reader to find (see FORMAT).
        center_name=data["center"]["name"] if "center" in data else None,
    )
