"""The statistics as an Excel workbook: the same numbers as the page, one sheet per table."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from kyodo.collaboration.statistics import Statistics
from kyodo.core.wareki import fiscal_year_name


def statistics_title(stats: Statistics) -> str:
    if stats.fiscal_year is None:
        return _("Collaboration statistics (all fiscal years)")
    return _("Collaboration statistics, %(year)s") % {"year": fiscal_year_name(stats.fiscal_year)}


def to_xlsx(stats: Statistics) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
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
            [_("Fiscal year"), _("Records")],
            [[r.label, r.count] for r in stats.by_fiscal_year],
        ),
    ]
    for name, headers, rows in sheets:
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append([title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([counted])
        sheet.append(headers)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for column in sheet.iter_cols(min_row=3):
            longest = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, 4 + 2 * longest)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
