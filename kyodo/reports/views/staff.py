from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core.exports import download
from kyodo.core.months import FIRST_YEAR, LAST_YEAR, Month, MonthError
from kyodo.core.permissions import staff_required
from kyodo.core.wareki import fiscal_year, fiscal_year_name
from kyodo.reports import exports
from kyodo.reports.chart import trend_chart
from kyodo.reports.forms import MonthForm, before_first_month
from kyodo.reports.selectors import (
    first_record_day,
    first_report_month,
    first_report_year,
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
        first = first_report_month(today=today, first_day=first_day)
        if month < first:
            form.add_error("month", before_first_month(month, first))
        else:
            return redirect("reports-staff:monthly", slug=month.slug)
    years = [
        (fy, fiscal_year_name(fy)) for fy in report_fiscal_years(today=today, first_day=first_day)
    ]
    return render(
        request, "reports/staff/index.html", {"form": form, "recent": recent, "years": years}
    )


@staff_required
def report_monthly(request, slug: str):
    month, today = _month(slug), timezone.localdate()
    first_day = first_record_day(today=today)
    first = first_report_month(today=today, first_day=first_day)
    if month < first:
        return _before_first_month(request, month, first)
    report = monthly_report(month=month, today=today, first_day=first_day)
    return render(
        request,
        "reports/staff/monthly.html",
        {
            "report": report,
            "doc": exports.rendered(report),
            "chart": trend_chart(report.trend),
            # No link to a month before the first record (its page only says there is none).
            "previous": month.previous() if month > first else None,
            "next": month.next(),
        },
    )


@staff_required
def report_download(request, slug: str, fmt: str):
    _check_format(fmt)
    month_, today = _month(slug), timezone.localdate()
    first_day = first_record_day(today=today)
    first = first_report_month(today=today, first_day=first_day)
    if month_ < first:
        return _before_first_month(request, month_, first)
    return _report_file(
        monthly_report(month=month_, today=today, first_day=first_day),
        fmt,
        filename=f"monthly-report-{month_.slug}",
        name=f"月次報告_{month_.label}",
    )


def _before_first_month(request, month: Month, first: Month):
    return _before_first(
        request,
        message=before_first_month(month, first),
        link=reverse("reports-staff:monthly", args=[first.slug]),
        link_text=_("Monthly report for %(month)s") % {"month": first.label},
    )


def _before_first(request, *, message: str, link: str, link_text: str):
    """The page for a month or year before the center's first record: not found (404), saying
    why and where the reports start, rather than an empty report."""
    return render(
        request,
        "reports/staff/before_first.html",
        {"message": message, "link": link, "link_text": link_text},
        status=404,
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


def _fiscal_year_report(request, fy: int):
    """The report of ``fy``, or the page saying that the year is before the first record's."""
    today = timezone.localdate()
    if not FIRST_YEAR <= fy < LAST_YEAR:
        raise Http404
    first_year = first_report_year(today=today, first_day=first_record_day(today=today))
    if fy < first_year:
        name, first = fiscal_year_name(fy), fiscal_year_name(first_year)
        return (
            None,
            first_year,
            _before_first(
                request,
                message=_(
                    "%(year)s is before the fiscal year of the center's first record (%(first)s): "
                    "the annual reports start from %(first)s."
                )
                % {"year": name, "first": first},
                link=reverse("reports-staff:fiscal-year", args=[first_year]),
                link_text=_("Annual report for %(year)s") % {"year": first},
            ),
        )
    report = fiscal_year_report(fiscal_year=fy, today=today)
    if report is None:
        raise Http404
    return report, first_year, None


@staff_required
def report_fiscal_year(request, fy: int):
    # The year's figures month by month: for the last meeting of the year and the city's
    # annual report (年度報告).
    report, first_year, refused = _fiscal_year_report(request, fy)
    if refused:
        return refused
    this_year = fiscal_year(timezone.localdate())
    return render(
        request,
        "reports/staff/fiscal_year.html",
        {
            "report": report,
            "doc": exports.rendered_fiscal_year(report),
            "previous": (fy - 1, fiscal_year_name(fy - 1)) if fy > first_year else None,
            "next": (fy + 1, fiscal_year_name(fy + 1)) if fy < this_year else None,
        },
    )


@staff_required
def report_fiscal_year_download(request, fy: int, fmt: str):
    _check_format(fmt)
    report, _first_year, refused = _fiscal_year_report(request, fy)
    if refused:
        return refused
    return _report_file(
        exports.rendered_fiscal_year(report),
        fmt,
        filename=f"annual-report-{fy}",
        name=f"年度報告_{fiscal_year_name(fy)}",
    )


def _presented(pk: int):
    from django.shortcuts import get_object_or_404

    from kyodo.reports.models import PresentedReport

    return get_object_or_404(
        PresentedReport.objects.select_related("item__meeting__committee"), pk=pk
    )


@staff_required
def presented_report(request, pk: int):
    # The report an agenda item presents: live until handed out (the POST), then as handed out.
    from django.contrib import messages

    from kyodo.core.exceptions import DomainError
    from kyodo.reports.selectors import presented_monthly_report
    from kyodo.reports.services import presented_report_freeze

    presented = _presented(pk)
    if request.method == "POST":
        try:
            presented_report_freeze(actor=request.user, presented=presented)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _(
                    "The monthly report has been handed out: the meeting's pages show these "
                    "figures from now on."
                ),
            )
        return redirect("reports-staff:presented", pk=presented.pk)
    report = presented_monthly_report(presented)
    return render(
        request,
        "reports/staff/presented.html",
        {"presented": presented, "report": report, "doc": exports.rendered(report)},
    )


@staff_required
def presented_report_download(request, pk: int, fmt: str):
    from kyodo.reports.selectors import presented_monthly_report

    _check_format(fmt)
    presented = _presented(pk)
    month_ = presented.report_month
    return _report_file(
        presented_monthly_report(presented),
        fmt,
        filename=f"monthly-report-{month_.slug}-meeting-{presented.item.meeting_id}",
        name=f"月次報告_{month_.label}_{presented.item.meeting}",
    )
