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
from django.utils.translation import ngettext, pgettext

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
    if report.several_categories:
        sentence += several_categories_remark(report.several_categories)
    # The examples are staff's own anonymised sentences, quoted as written.
    return sentence + "".join(report.consultation_examples)


def several_categories_remark(several: int) -> str:
    """Why the counts by category add up to more than the consultations, in brackets after the
    sentence that gives them: 「（1件の相談に複数の分類があるため、分類ごとの件数の合計は相談件数
    と一致しません）」."""
    return ngettext(
        "(%(count)s consultation has more than one category, so the counts by category do not "
        "add up to the number of consultations)",
        "(%(count)s consultations have more than one category, so the counts by category do "
        "not add up to the number of consultations)",
        several,
    ) % {"count": several}


def several_categories_note(several: int) -> str:
    """The same, as the note of the table of consultations by category: 「1件の相談に複数の分類
    があるため、分類ごとの件数の合計は相談件数と一致しません。」; "" when there are none."""
    if not several:
        return ""
    return ngettext(
        "%(count)s consultation has more than one category, so the counts by category do not "
        "add up to the number of consultations.",
        "%(count)s consultations have more than one category, so the counts by category do not "
        "add up to the number of consultations.",
        several,
    ) % {"count": several}


# --- the report a committee meeting heard -------------------------------------------------------


def presented_report_attach(*, actor, item, month: Month, today=None):
    """Attach the monthly report of ``month`` to the agenda item ``item`` (業務報告). It is
    compiled live until it is handed out (:func:`presented_report_freeze`). Refused for a month
    not over yet, for minutes no longer a draft and for an item that has one already."""
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    from kyodo.committees.services.common import editable_minutes
    from kyodo.core.audit import audit_log
    from kyodo.core.exceptions import InvalidInput
    from kyodo.core.roles import Role, require_role
    from kyodo.reports.models import PresentedReport

    require_role(actor, Role.STAFF)
    today = today or timezone.localdate()
    if month.last_day >= today:
        raise InvalidInput(
            _(
                "%(month)s has not ended yet: its monthly report can be attached once the "
                "month is over."
            )
            % {"month": month.label},
            field="month",
        )
    with transaction.atomic():
        editable_minutes(item.meeting)
        try:
            with transaction.atomic():
                presented = PresentedReport.objects.create(item=item, month=month.first_day)
        except IntegrityError:
            raise InvalidInput(
                _("This agenda item already has a monthly report."), field="month"
            ) from None
        audit_log(
            actor=actor,
            action="kyodo.reports.presented.attached",
            obj=item,
            changes={"month": month.label},
        )
    return presented


def presented_report_freeze(*, actor, presented, now=None):
    """Hand out the report (配布): its figures as of now are stored and every page of the meeting
    reads them from then on. Refused when it was handed out already."""
    from django.db import transaction

    from kyodo.core.exceptions import InvalidInput
    from kyodo.core.roles import Role, require_role
    from kyodo.reports.models import PresentedReport

    require_role(actor, Role.STAFF)
    with transaction.atomic():
        presented = PresentedReport.objects.select_for_update().get(pk=presented.pk)
        if presented.is_frozen:
            raise InvalidInput(_("This monthly report has already been handed out."))
        _freeze(presented, actor=actor, now=now)
    return presented


def meeting_reports_freeze(*, actor, meeting, now=None) -> int:
    """Freeze the reports attached to ``meeting``'s items that were not handed out yet: called
    when the meeting is recorded as held and when its minutes are confirmed, inside those
    services' transactions (which checked the actor's role), so that a meeting held or confirmed
    never reads its report from rows that can still change. Safe to call twice; returns how many
    it froze."""
    from kyodo.reports.models import PresentedReport

    pending = list(
        PresentedReport.objects.select_for_update().filter(
            item__meeting=meeting, frozen_at__isnull=True
        )
    )
    for presented in pending:
        _freeze(presented, actor=actor, now=now)
    return len(pending)


def _freeze(presented, *, actor, now=None) -> None:
    from django.utils import timezone

    from kyodo.committees.documents import sha256_of
    from kyodo.core.audit import audit_log
    from kyodo.reports.frozen import report_to_dict

    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        # Labels (相談の分類) are stored as the center prints them.
        report = monthly_report(month=presented.report_month, today=timezone.localdate(now))
        figures = report_to_dict(report)
    presented.figures = figures
    presented.sha256 = sha256_of(figures)
    presented.frozen_at = now
    presented.frozen_by = actor if getattr(actor, "is_authenticated", False) else None
    presented.save(update_fields=["figures", "sha256", "frozen_at", "frozen_by"])
    audit_log(
        actor=actor,
        action="kyodo.reports.presented.frozen",
        obj=presented.item,
        changes={"month": presented.report_month.label, "sha256": presented.sha256},
    )
