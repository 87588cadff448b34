"""The fiscal year's report (年度報告): April to March, month by month, from the same records as
the monthly report (the hand-made FY2010 of conftest.py)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from kyodo.reports.exports import rendered_fiscal_year, to_csv, to_xlsx
from kyodo.reports.selectors import fiscal_year_report


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_a_past_fiscal_year_counts_april_to_march(december):
    report = fiscal_year_report(fiscal_year=2010, today=date(2026, 12, 6))
    assert report.complete
    assert [m.month.label for m in report.months] == [
        "平成22年4月", "平成22年5月", "平成22年6月", "平成22年7月", "平成22年8月",
        "平成22年9月", "平成22年10月", "平成22年11月", "平成22年12月", "平成23年1月",
        "平成23年2月", "平成23年3月",
    ]  # fmt: skip
    # トークサロン (15 January 2011, published, attendance never recorded) is over: held.
    assert [(m.events_held, m.consultations, m.new_registrations) for m in report.months] == [
        (0, 0, 0), (0, 0, 1), (0, 0, 1), (0, 0, 0), (0, 0, 0), (0, 0, 0),
        (0, 0, 0), (1, 1, 0), (3, 3, 2), (1, 1, 1), (0, 0, 0), (0, 0, 0),
    ]  # fmt: skip
    assert (report.events_total, report.attendance_people, report.attendance_groups) == (5, 35, 27)
    # さくら会 registered in May and withdrew in December; つばき会 registered in January.
    assert (report.registered_at_start, report.registered_at_end) == (0, 4)
    assert (report.new_registrations, report.consultations) == (5, 5)
    assert [(c.label, c.count) for c in report.consultations_by_category] == [
        ("法人格", 2),
        ("会計", 1),
        ("助成金", 1),
        ("その他", 2),
    ]
    doc = rendered_fiscal_year(report)
    assert doc.title == "平成22年度 事業報告"
    assert doc.text.splitlines() == [
        "平成22年度は、事業を5件実施し（参加者35名）、新規登録団体は5団体、相談は5件でした。",
        "登録団体数は、年度初め0団体、年度末4団体です。",
    ]


def test_the_year_in_progress_runs_to_this_month(december):
    report = fiscal_year_report(fiscal_year=2010, today=date(2010, 12, 15))
    assert not report.complete
    assert (report.first.label, report.through.label, len(report.months)) == (
        "平成22年4月",
        "平成22年12月",
        9,
    )
    assert rendered_fiscal_year(report).title == "平成22年度 事業報告（平成22年4月〜平成22年12月）"
    assert fiscal_year_report(fiscal_year=2011, today=date(2010, 12, 15)) is None


def test_the_page_and_the_files(staff_client, december):
    page = staff_client.get("/staff/reports/fiscal/2010/")
    assert page.status_code == 200
    assert "<h1>平成22年度 事業報告</h1>" in page.text
    assert '<th scope="row">平成22年12月</th><td>3</td><td>3</td><td>2</td><td>15</td>' in page.text
    assert '<th scope="row">合計</th><td>5</td><td>5</td><td>5</td><td>35</td>' in page.text
    assert "年度報告" in staff_client.get("/staff/reports/").text
    csv = staff_client.get("/staff/reports/fiscal/2010/report.csv")
    assert csv.content.startswith(b"\xef\xbb\xbf")
    assert csv["Content-Disposition"].startswith('attachment; filename="annual-report-2010.csv"')
    assert "平成22年度 事業報告" in csv.content.decode("utf-8-sig").splitlines()[0]
    workbook = load_workbook(
        io.BytesIO(staff_client.get("/staff/reports/fiscal/2010/report.xlsx").content)
    )
    assert workbook.sheetnames == [
        "概要",
        "月別",
        "実施した事業",
        "参加者アンケート（月別）",
        "分類別の相談件数",
        "協働事業（形態別）",
    ]
    pdf = staff_client.get("/staff/reports/fiscal/2010/report.pdf")
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "path", ["/staff/reports/fiscal/2999/", "/staff/reports/fiscal/2010/report.doc"]
)
def test_a_year_not_begun_or_an_unknown_format_is_not_found(staff_client, path):
    assert staff_client.get(path).status_code == 404


def test_files_equal_the_page(december):
    report = fiscal_year_report(fiscal_year=2010, today=date(2026, 12, 6))
    rows = to_csv(report_doc := rendered_fiscal_year(report)).decode("utf-8-sig").splitlines()
    assert "合計,5,5,5,35" in rows
    sheet = load_workbook(io.BytesIO(to_xlsx(report_doc)))["月別"]
    assert [c.value for c in sheet[15]] == ["合計", 5, 5, 5, 35]
