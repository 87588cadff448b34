"""The monthly report as prose, for the 業務報告 item of a committee meeting.

Nothing is written here: the report is read from the other apps. The prose is produced in the
center's language (settings.LANGUAGE_CODE) whatever the reader's, because it goes into the
minutes of a meeting held in that language.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kyodo.core.months import Month
from kyodo.reports.report import HeldEvent, MonthlyReport
from kyodo.reports.selectors import monthly_report


def monthly_report_text(*, year: int, month: int) -> str:
    """The month's report in a few sentences, to prefill the 業務報告 item of a meeting.

    For December 2010 of the demo: 「12月の新規団体登録は「西東京風の会」と…の3件。現在の
    登録団体数は49団体である。」, with sentences on the events held and the consultations.
    Raises :class:`kyodo.core.months.MonthError` for a month that does not exist.
    """
    report = monthly_report(month=Month.of(year, month))
    return report_text(report)


def report_text(report: MonthlyReport) -> str:
    """The prose of an already compiled report: one paragraph each for events, groups and
    consultations."""
    with translation.override(settings.LANGUAGE_CODE):
        month = str(MONTHS[report.month.month])
        return "\n".join(
            [
                _events_sentence(report, month),
                _registrations_sentence(report, month),
                _consultations_sentence(report, month),
            ]
        )


def quoted(name: str) -> str:
    return pgettext("monthly report", "“%(name)s”") % {"name": name}


def attendance_text(event: HeldEvent) -> str:
    """「12名・24団体」, or "" when attendance was not recorded."""
    parts = []
    if event.people:
        parts.append(_("%(people)s people") % {"people": event.people})
    if event.groups:
        parts.append(_("%(groups)s groups") % {"groups": event.groups})
    return pgettext("between people and groups", ", ").join(parts)


def _events_sentence(report: MonthlyReport, month: str) -> str:
    if not report.events_held:
        return _("No events were held in %(month)s.") % {"month": month}
    items = []
    for event in report.events_held:
        item = quoted(event.name)
        if attendance := attendance_text(event):
            item += _(" (attendance: %(attendance)s)") % {"attendance": attendance}
        items.append(item)
    return _("Events held in %(month)s: %(events)s, %(count)s in total.") % {
        "month": month,
        "events": pgettext("list of events", ", ").join(items),
        "count": len(items),
    }


def _registrations_sentence(report: MonthlyReport, month: str) -> str:
    values = {
        "month": month,
        "names": pgettext("list of names", " and ").join(
            quoted(r.name) for r in report.new_registrations
        ),
        "count": len(report.new_registrations),
        "total": report.registered_total,
    }
    if not report.new_registrations:
        return (
            _(
                "There were no new group registrations in %(month)s. "
                "The number of registered groups is now %(total)s."
            )
            % values
        )
    return (
        _(
            "New group registrations in %(month)s: %(names)s, %(count)s in total. "
            "The number of registered groups is now %(total)s."
        )
        % values
    )


def _consultations_sentence(report: MonthlyReport, month: str) -> str:
    if not report.consultation_total:
        return _("There were no consultations in %(month)s.") % {"month": month}
    categories = pgettext("list of categories", ", ").join(
        _("%(category)s %(count)s") % {"category": c.label, "count": c.count}
        for c in report.consultations_by_category
    )
    sentence = _("Consultations in %(month)s: %(count)s (%(categories)s).") % {
        "month": month,
        "count": report.consultation_total,
        "categories": categories,
    }
    # The examples are staff's own anonymised sentences, quoted as written.
    return sentence + "".join(report.consultation_examples)
