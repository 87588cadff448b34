from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from kyodo.core.exports import download
from kyodo.core.months import Month, MonthError
from kyodo.core.permissions import staff_required
from kyodo.reports import exports
from kyodo.reports.chart import trend_chart
from kyodo.reports.forms import MonthForm
from kyodo.reports.selectors import monthly_report


@staff_required
def report_index(request):
    # The month picker: the last full month is what staff usually report on.
    this_month = Month.containing(timezone.localdate())
    form = MonthForm(request.GET or None, initial={"month": this_month.previous().label})
    if form.is_bound and form.is_valid():
        month = form.cleaned_data["month"]
        return redirect("reports-staff:monthly", slug=month.slug)
    recent = [this_month.back(i) for i in range(1, 13)]
    return render(request, "reports/staff/index.html", {"form": form, "recent": recent})


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
    if fmt not in exports.FORMATS:
        raise Http404
    month_ = _month(slug)
    render_file, content_type = exports.FORMATS[fmt]
    return download(
        render_file(monthly_report(month=month_)),
        filename=f"monthly-report-{month_.slug}.{fmt}",
        name=f"月次報告_{month_.label}.{fmt}",
        content_type=content_type,
    )


def _month(slug: str) -> Month:
    try:
        return Month.from_slug(slug)
    except MonthError:
        raise Http404 from None
