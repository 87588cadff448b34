"""The fiscal year's report says which collaboration forms count as 協働 and how many records
that makes, as the register's statistics page does: before, it listed 後援 beside the counted
forms with no total, so the figure the statistics page gives (10 in 平成22年度) appeared nowhere."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from kyodo.reports.exports import rendered_fiscal_year, to_csv
from kyodo.reports.selectors import fiscal_year_report

pytestmark = pytest.mark.django_db

EXPECTED_ROWS = [
    ["委託", 2, "はい"],
    ["補助", 1, "はい"],
    ["共催", 2, "はい"],
    ["後援", 1, "いいえ"],
    ["実行委員会", 1, "はい"],
    ["協定", 1, "はい"],
    ["事業協力", 1, "はい"],
    ["情報交換", 1, "はい"],
    ["提案型協働事業", 1, "はい"],
    ["協働件数（合計）", 10, ""],
]


def test_the_collaboration_section_marks_the_counted_forms_and_gives_their_total(demo):
    from kyodo.collaboration.statistics import compute

    report = fiscal_year_report(fiscal_year=2010, today=date(2026, 12, 6))
    assert report.collaboration_total == compute(fiscal_year=2010).total == 10
    (section,) = [s for s in rendered_fiscal_year(report).sections if s.title.startswith("協働")]
    assert section.title == "協働事業（形態別）"
    assert section.headers == ["形態", "件数", "協働に数える"]
    assert section.rows == EXPECTED_ROWS


def test_the_csv_download_carries_the_same_rows(demo, client, staff_user):
    client.force_login(staff_user)
    response = client.get("/staff/reports/fiscal/2010/report.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    start = rows.index(["協働事業（形態別）"])
    assert rows[start + 1] == ["形態", "件数", "協働に数える"]
    assert rows[start + 2 : start + 12] == [[str(c) for c in row] for row in EXPECTED_ROWS]


def test_a_year_without_records_has_no_total_row(demo):
    report = fiscal_year_report(fiscal_year=2020, today=date(2026, 12, 6))
    doc = rendered_fiscal_year(report)
    (section,) = [s for s in doc.sections if s.title.startswith("協働")]
    assert (section.rows, section.empty) == ([], "この年度に実施中の協働事業の記録はありません。")
    csv_text = to_csv(doc).decode("utf-8-sig")
    assert csv_text.endswith(
        "協働事業（形態別）\r\n形態,件数,協働に数える\r\n"
        "この年度に実施中の協働事業の記録はありません。\r\n"
    )
