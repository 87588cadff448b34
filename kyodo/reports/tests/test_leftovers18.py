"""Session 18's leftovers: no report before the center's first record.

The 年度報告 page linked to the fiscal year before it, whatever the first record; the monthly
report's 前の月 reached the months before it; a new center's trend chart showed empty months
before it. The earliest month (or year) offered, linked or charted is now that of the first record
(``first_record_day``, as the index's month list), and a URL of an earlier one answers, in
Japanese and with status 404, that its reports start later.

Japanese from /tmp/fixes18/leftovers-po.txt: passes once the lead has merged it.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from kyodo.core.months import Month
from kyodo.core.wareki import fiscal_year, fiscal_year_name
from kyodo.reports.selectors import (
    first_record_day,
    first_report_month,
    first_report_year,
    monthly_report,
    trend_start,
)

pytestmark = pytest.mark.django_db

# The ``december`` data (conftest.py): the first record is さくら会's registration of 2010-05-01.
BEFORE_MAY = (
    "平成22年4月は、センターの最初の記録がある月（平成22年5月）より前です。"
    "月次報告は平成22年5月から作成できます。"
)
BEFORE_FY2010 = (
    "平成21年度は、センターの最初の記録がある年度（平成22年度）より前です。"
    "年度報告は平成22年度から作成できます。"
)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _nav(page: str) -> str:
    """The page's links to other months (or years), not the staff menu."""
    start = page.index('<nav aria-label="ほかの')
    return page[start : page.index("</nav>", start)]


# --- the first month and year ------------------------------------------------------------------


def test_the_first_month_and_year_are_those_of_the_first_record(december):
    today = date(2026, 12, 6)
    first_day = first_record_day(today=today)

    assert first_day == date(2010, 5, 1)
    assert first_report_month(today=today, first_day=first_day) == Month(2010, 5)
    assert first_report_year(today=today, first_day=first_day) == 2010
    # A record of March belongs to the fiscal year before.
    assert first_report_year(today=today, first_day=date(2010, 3, 31)) == 2009
    # A center with no record yet: this month and this fiscal year.
    assert first_report_month(today=today, first_day=today) == Month(2026, 12)
    assert first_report_year(today=today, first_day=today) == 2026


def test_the_trend_starts_with_the_first_records_month(december):
    first_day = date(2010, 5, 1)
    assert trend_start(Month(2010, 12), first_day=first_day) == Month(2010, 5)
    assert trend_start(Month(2011, 6), first_day=first_day) == Month(2010, 7)  # 12 months
    assert trend_start(Month(2010, 5), first_day=first_day) == Month(2010, 5)
    # Asked for directly, a month before the first record is charted alone.
    assert trend_start(Month(2010, 3), first_day=first_day) == Month(2010, 3)

    report = monthly_report(month=Month(2010, 5), today=date(2026, 12, 6))
    assert [(t.month, t.new_registrations) for t in report.trend] == [(Month(2010, 5), 1)]


# --- the monthly report --------------------------------------------------------------------------


def test_the_first_month_links_to_no_month_before_it(staff_client, december):
    response = staff_client.get("/staff/reports/monthly/2010-05/")

    assert response.status_code == 200
    assert _nav(response.text) == (
        '<nav aria-label="ほかの月">\n  <p><a href="/staff/reports/monthly/2010-06/">次の月</a> · '
        '<a href="/staff/reports/">月を選ぶ</a></p>\n'
    )
    # its chart: May alone (3 bars and the legend's 3 squares)
    assert response.text.count("<rect ") == 3 + 3
    assert "新規登録団体数（平成22年5月～平成22年5月）" in response.text

    after = staff_client.get("/staff/reports/monthly/2010-06/").text
    assert '<a href="/staff/reports/monthly/2010-05/">前の月</a>' in _nav(after)


@pytest.mark.parametrize(
    "path",
    [
        "/staff/reports/monthly/2010-04/",
        "/staff/reports/monthly/2010-04/report.csv",
        "/staff/reports/monthly/2010-04/report.pdf",
        "/staff/reports/monthly/1999-01/",
    ],
)
def test_a_month_before_the_first_record_says_where_the_reports_start(staff_client, december, path):
    response = staff_client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.text
    assert "<h1>最初の記録より前の報告はありません</h1>" in page
    month = "平成22年4月" if "2010-04" in path else "平成11年1月"
    assert f'<p class="message">{BEFORE_MAY.replace("平成22年4月", month, 1)}</p>' in page
    assert (
        '<p><a href="/staff/reports/monthly/2010-05/">平成22年5月 月次報告</a> · '
        '<a href="/staff/reports/">月次報告</a></p>'
    ) in page
    assert "<table" not in page  # no empty report


def test_the_month_picker_refuses_a_month_before_the_first_record(staff_client, december):
    response = staff_client.get("/staff/reports/", {"month": "平成22年4月"})
    assert response.status_code == 200
    assert BEFORE_MAY in response.text

    response = staff_client.get("/staff/reports/", {"month": "平成22年5月"})
    assert (response.status_code, response["Location"]) == (302, "/staff/reports/monthly/2010-05/")


def test_the_command_refuses_a_month_before_the_first_record(december):
    with pytest.raises(CommandError) as refused:
        call_command("report", "monthly", "2010-04", stdout=io.StringIO())
    assert str(refused.value) == BEFORE_MAY

    out = io.StringIO()
    call_command("report", "monthly", "2010-05", stdout=out)
    assert out.getvalue().startswith("# 平成22年5月 月次報告")


# --- the fiscal year's report --------------------------------------------------------------------


def test_the_first_fiscal_year_links_to_no_year_before_it(staff_client, december):
    first = staff_client.get("/staff/reports/fiscal/2010/")
    assert first.status_code == 200
    assert _nav(first.text) == (
        '<nav aria-label="ほかの年度">\n  <p><a href="/staff/reports/fiscal/2011/">平成23年度</a> · '
        '<a href="/staff/reports/">月次報告</a></p>\n'
    )

    second = staff_client.get("/staff/reports/fiscal/2011/").text
    assert _nav(second).startswith(
        '<nav aria-label="ほかの年度">\n  <p><a href="/staff/reports/fiscal/2010/">平成22年度</a> · '
        '<a href="/staff/reports/fiscal/2012/">平成24年度</a> · '
    )


@pytest.mark.parametrize(
    "path", ["/staff/reports/fiscal/2009/", "/staff/reports/fiscal/2009/report.xlsx"]
)
def test_a_fiscal_year_before_the_first_record_says_where_the_reports_start(
    staff_client, december, path
):
    response = staff_client.get(path)

    assert response.status_code == 404
    page = response.text
    assert "<h1>最初の記録より前の報告はありません</h1>" in page
    assert f'<p class="message">{BEFORE_FY2010}</p>' in page
    assert '<a href="/staff/reports/fiscal/2010/">平成22年度 事業報告</a>' in page


@pytest.mark.parametrize("path", ["/staff/reports/fiscal/1200/", "/staff/reports/fiscal/2999/"])
def test_a_year_outside_the_calendar_or_not_begun_is_still_not_found(staff_client, path):
    response = staff_client.get(path)
    assert response.status_code == 404
    assert "最初の記録より前" not in response.text


# --- a new center ----------------------------------------------------------------------------


def test_a_center_without_records_offers_only_this_month_and_year(staff_client):
    today = timezone.localdate()
    month, year = Month.containing(today), fiscal_year(today)

    page = staff_client.get(f"/staff/reports/monthly/{month.slug}/").text
    assert "前の月" not in _nav(page)
    assert page.count("<rect ") == 3 + 3  # this month alone in the chart

    earlier = staff_client.get(f"/staff/reports/monthly/{month.previous().slug}/")
    assert earlier.status_code == 404
    assert (
        f"{month.previous().label}は、センターの最初の記録がある月（{month.label}）より前です。"
    ) in earlier.text

    assert staff_client.get(f"/staff/reports/fiscal/{year}/").status_code == 200
    before = staff_client.get(f"/staff/reports/fiscal/{year - 1}/")
    assert before.status_code == 404
    assert f"年度報告は{fiscal_year_name(year)}から作成できます。" in before.text
