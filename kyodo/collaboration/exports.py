"""The statistics as an Excel workbook: the same numbers as the page, one sheet per table."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kyodo.collaboration.statistics import Statistics
from kyodo.core.exports import Sheet, xlsx_bytes
from kyodo.core.wareki import fiscal_year_name


def statistics_title(stats: Statistics) -> str:
    if stats.fiscal_year is None:
        return _("Collaboration statistics (all fiscal years)")
    return _("Collaboration statistics, %(year)s") % {"year": fiscal_year_name(stats.fiscal_year)}


def to_xlsx(stats: Statistics) -> bytes:
    title = statistics_title(stats)
    counted = _("Counted as collaboration: %(forms)s") % {
        "forms": "、".join(stats.counted_form_labels)
    }
    yes, no = _("Yes"), _("No")
    sheets = [
        (
            _("By form"),
            [_("Form"), _("Records"), _("Budget (yen)"), _("Counted")],
            [[r.label, r.count, r.budget, yes if r.counted else no] for r in stats.by_form]
            + [[_("Total counted"), stats.total, stats.budget, ""]],
        ),
        (
            _("By department"),
            [_("Department"), _("Records")],
            [[r.label, r.count] for r in stats.by_department],
        ),
        (
            _("By field of activity"),
            [_("Field of activity"), _("Records")],
            [[r.label, r.count] for r in stats.by_field],
        ),
        (
            _("By fiscal year"),
            [_("Fiscal year"), _("Records"), _("Budget (yen)")],
            [[r.label, r.count, r.budget] for r in stats.by_fiscal_year],
        ),
        (
            # The page's list of the records whose whole budget counts in their first year.
            _("Several fiscal years, not apportioned"),
            [
                pgettext("collaboration", "Title"),
                _("Form"),
                _("Fiscal year"),
                _("Budget (yen)"),
                _("Counted in"),
            ],
            [[u.title, u.form, u.period, u.budget, u.counted_in] for u in stats.unsplit],
        ),
    ]
    return xlsx_bytes(
        [
            Sheet(
                title=name,
                rows=[[title], [counted], headers, *rows],
                bold_rows=frozenset({1, 3}),
                fit_from_row=3,
            )
            for name, headers, rows in sheets
        ]
    )
