from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from kyodo.core.exports import download
from kyodo.core.months import Month, MonthError
from kyodo.core.permissions import staff_required
from kyodo.core.wareki import fiscal_year, fiscal_year_name
from kyodo.reports import exports
from kyodo.reports.chart import trend_chart
from kyodo.reports.forms import MonthForm
from kyodo.reports.selectors import (
    first_record_day,
    fiscal_year_report,
    monthly_report,
    report_fiscal_years,
    report_months,
)


@staff_required
def report_index(request):
    # The month picker, and the months and years there is something to report on: this one (in
    # progress) first, none before the center's first record.
    today = timezone.localdate()
    first_day = first_record_day(today=today)
    recent = report_months(today=today, first_day=first_day)
    # The last full month is what staff usually report on, once there is one.
    initial = recent[1] if len(recent) > 1 else recent[0]
    form = MonthForm(request.GET or None, initial={"month": initial.label})
    if form.is_bound and form.is_valid():
        month = form.cleaned_data["month"]
        return redirect("reports-staff:monthly", slug=month.slug)
    years = [
        (fy, fiscal_year_name(fy)) for fy in report_fiscal_years(today=today, first_day=first_day)
    ]
    return render(
        request, "reports/staff/index.html", {"form": form, "recent": recent, "years": years}
    )


@staff_required
def report_monthly(request, slug: str):
    report = monthly_report(month=_month(slug))
    return render(
        request,
        "reports/staff/monthly.html",
        {
            "report": report,
            "doc": exports.rendered(report),
            "chart": trend_chart(report.trend),
        },
    )


@staff_required
def report_download(request, slug: str, fmt: str):
    _check_format(fmt)
    month_ = _month(slug)
    return _report_file(
        monthly_report(month=month_),
        fmt,
        filename=f"monthly-report-{month_.slug}",
        name=f"月次報告_{month_.label}",
    )


def _check_format(fmt: str) -> None:
    if fmt not in exports.FORMATS:
        raise Http404


def _report_file(report, fmt: str, *, filename: str, name: str):
    """A report (or its rendering) as a download in ``fmt``, named in ASCII and in Japanese."""
    render_file, content_type = exports.FORMATS[fmt]
    return download(
        render_file(report),
        filename=f"{filename}.{fmt}",
        name=f"{name}.{fmt}",
        content_type=content_type,
    )


def _month(slug: str) -> Month:
    try:
        return Month.from_slug(slug)
    except MonthError:
        raise Http404 from None


def _fiscal_year_report(fy: int):
    report = fiscal_year_report(fiscal_year=fy, today=timezone.localdate())
    if report is None:
        raise Http404
    return report


@staff_required
def report_fiscal_year(request, fy: int):
    # The year's figures month by month: for the last meeting of the year and the city's
    # annual report (年度報告).
    report = _fiscal_year_report(fy)
    this_year = fiscal_year(timezone.localdate())
    return render(
        request,
        "reports/staff/fiscal_year.html",
        {
            "report": report,
            "doc": exports.rendered_fiscal_year(report),
            "previous": (fy - 1, fiscal_year_name(fy - 1)),
            "next": (fy + 1, fiscal_year_name(fy + 1)) if fy < this_year else None,
        },
    )


@staff_required
def report_fiscal_year_download(request, fy: int, fmt: str):
    _check_format(fmt)
    return _report_file(
        exports.rendered_fiscal_year(_fiscal_year_report(fy)),
        fmt,
        filename=f"annual-report-{fy}",
        name=f"年度報告_{fiscal_year_name(fy)}",
    )
