"""A report compiled before its month is over says so in the CSV and the XLSX too, as the page
and the PDF do (「月の途中です。数値は…現在のものです。」): in the row under the report's title,
in the first column alone, so that the sections and their columns stay where an importer finds
them in a report of a month over."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from kyodo.core.months import Month
from kyodo.reports.exports import to_csv, to_markdown, to_xlsx
from kyodo.reports.selectors import monthly_report

pytestmark = pytest.mark.django_db

TITLE = "平成22年12月 月次報告"
NOTICE = "月の途中です。数値は平成22年12月20日(月)現在のものです。"


def _in_progress():
    return monthly_report(month=Month(2010, 12), today=date(2010, 12, 20))


def _over():
    return monthly_report(month=Month(2010, 12), today=date(2011, 1, 10))


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _sections(rows: list[list[str]]) -> list[list[list[str]]]:
    """The CSV's sections, each from its title row to the blank row after it."""
    sections, current = [], None
    for row in rows:
        if row == []:
            current = []
            sections.append(current)
        elif current is not None:
            current.append(row)
    return sections


def test_the_csv_of_a_month_in_progress_says_so_under_its_title(december):
    rows = _rows(to_csv(_in_progress()))

    assert rows[:4] == [[TITLE], [NOTICE], [], ["概要"]]
    assert b"\r\n" in to_csv(_in_progress())


def test_the_csv_of_a_month_over_has_no_notice(december):
    rows = _rows(to_csv(_over()))

    assert rows[:3] == [[TITLE], [], ["概要"]]
    assert not any("月の途中" in cell for row in rows for cell in row)


def test_the_csv_s_sections_keep_their_columns(december):
    """The sections come in the same order with the same headers as in a month over's CSV:
    only the notice's row is added, before the first section."""
    during = _sections(_rows(to_csv(_in_progress())))
    after = _sections(_rows(to_csv(_over())))

    assert [s[0] for s in during] == [s[0] for s in after]
    assert during[0][:3] == after[0][:3] == [["概要"], ["項目", "値"], ["月", "平成22年12月"]]
    held = ["実施した事業"], ["開催日", "事業", "参加者数（人）", "参加団体数"]
    assert tuple(during[1][:2]) == tuple(after[1][:2]) == held
    assert (
        during[-2][2]
        == after[-2][2]
        == [
            "開催日",
            "事業",
            "申込件数",
            "参加確定の人数",
            "参加確定の団体数",
            "キャンセル待ち（件）",
        ]
    )


def test_every_sheet_of_the_xlsx_of_a_month_in_progress_says_so(december):
    workbook = load_workbook(io.BytesIO(to_xlsx(_in_progress())))

    assert len(workbook.sheetnames) == 8
    for sheet in workbook.worksheets:
        assert (sheet["A1"].value, sheet["A2"].value) == (TITLE, NOTICE), sheet.title
        assert sheet["A2"].font.b, sheet.title
        assert sheet.max_column >= 1 and sheet["B2"].value is None
    overview = workbook["概要"]
    rows = [[c.value for c in row] for row in overview.iter_rows(min_row=3, max_row=5)]
    assert rows == [["項目", "値"], ["月", "平成22年12月"], ["実施した事業", 3]]
    assert overview["A3"].font.b and not overview["A4"].font.b
    # The notice is a long line of its own: the columns are as wide as the table needs.
    assert overview.column_dimensions["A"].width == 4 + 2 * len("参加団体数が未記録の事業")
    # A sheet with a note has it under the notice, then the headers.
    upcoming = workbook["今後の事業と申込状況"]
    assert upcoming["A3"].value.startswith("平成22年12月20日(月)から")
    assert upcoming["A4"].value == "開催日" and upcoming["A4"].font.b


def test_the_xlsx_of_a_month_over_is_laid_out_as_before(december):
    workbook = load_workbook(io.BytesIO(to_xlsx(_over())))

    overview = workbook["概要"]
    assert [c.value for c in overview[2]] == ["項目", "値"]
    assert overview["A2"].font.b
    assert not any(
        "月の途中" in str(cell.value or "")
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    )


def test_the_markdown_of_a_month_in_progress_says_so(december):
    assert to_markdown(_in_progress()).startswith(f"# {TITLE}\n\n> {NOTICE}\n\n12月に実施した")
    assert to_markdown(_over()).startswith(f"# {TITLE}\n\n12月に実施した")


def test_the_staff_downloads_of_a_month_in_progress_say_so(client, staff_user, december):
    from django.utils import timezone

    from kyodo.core.wareki import format_wareki

    client.force_login(staff_user)
    staff_client = client

    month = Month.containing(timezone.localdate())
    notice = f"月の途中です。数値は{format_wareki(timezone.localdate())}現在のものです。"
    response = staff_client.get(f"/staff/reports/monthly/{month.slug}/report.csv")
    assert _rows(response.content)[1] == [notice]
    response = staff_client.get(f"/staff/reports/monthly/{month.slug}/report.xlsx")
    assert load_workbook(io.BytesIO(response.content))["概要"]["A2"].value == notice
