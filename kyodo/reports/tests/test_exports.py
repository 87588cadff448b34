import csv
import io
from datetime import datetime

import pdfplumber
from openpyxl import load_workbook

from kyodo.core.months import Month
from kyodo.reports.exports import to_csv, to_markdown, to_pdf, to_xlsx
from kyodo.reports.selectors import monthly_report


def _report():
    return monthly_report(month=Month(2010, 12))


def _compact(text: str) -> str:
    return "".join(text.split())


def test_pdf_text_carries_the_headings_and_numbers(december):
    pdf = to_pdf(_report())

    assert pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = _compact("\n".join(page.extract_text() or "" for page in document.pages))
    for expected in [
        "平成22年12月月次報告",
        "概要",
        "実施した事業",
        "参加者アンケート",
        "新規登録団体",
        "分類別の相談件数",
        "今後の事業と申込状況",
        "月末の登録団体数3",
        "12月の新規団体登録は「ひまわり会」と「NPO法人けやき」の2件。",
        "説明会",
        "24",
        "法人格2",
        "トークサロン",
        "平成23年1月15日(土)",
    ]:
        assert expected in text, expected


def test_xlsx_has_one_sheet_per_section_with_real_values(december):
    workbook = load_workbook(io.BytesIO(to_xlsx(_report())))

    assert workbook.sheetnames == [
        "概要",
        "実施した事業",
        "参加者アンケート",
        "新規登録団体",
        "分類別の相談件数",
        "相談事例",
        "今後の事業と申込状況",
        "過去12か月の推移",
    ]
    overview = workbook["概要"]
    assert overview["A1"].value == "平成22年12月 月次報告"
    rows = [[c.value for c in row] for row in overview.iter_rows(min_row=2)]
    assert rows == [
        ["項目", "値"],
        ["月", "平成22年12月"],
        ["実施した事業", 3],
        ["参加者数（人）", 15],
        ["参加者数が未記録の事業", 1],
        ["参加団体数", 27],
        ["参加団体数が未記録の事業", 1],
        ["新規登録団体", 2],
        ["月末の登録団体数", 3],
        ["相談", 3],
    ]
    held = [[c.value for c in row] for row in workbook["実施した事業"].iter_rows(min_row=3)]
    assert held == [
        [datetime(2010, 12, 4), "会計講座", 12, None],
        [datetime(2010, 12, 9), "実行委員会", 3, 3],
        [datetime(2010, 12, 18), "説明会", None, 24],
    ]
    upcoming = [[c.value for c in r] for r in workbook["今後の事業と申込状況"].iter_rows(min_row=3)]
    assert upcoming == [
        [
            "開催日",
            "事業",
            "申込件数",
            "参加確定の人数",
            "参加確定の団体数",
            "キャンセル待ち（件）",
        ],
        [datetime(2011, 1, 15), "トークサロン", 4, 6, 1, 1],
    ]


def test_csv_is_utf8_with_a_bom_for_excel(december):
    data = to_csv(_report())

    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["平成22年12月 月次報告"]
    assert ["2010-12-18", "説明会", "", "24"] in rows
    assert ["法人格", "2"] in rows
    assert ["月末の登録団体数", "3"] in rows


def test_markdown_has_the_prose_and_the_tables(december):
    text = to_markdown(_report())

    assert text.startswith("# 平成22年12月 月次報告\n\n12月に実施した事業は")
    assert "| 平成22年12月18日(土) | 説明会 | — | 24 |" in text
    assert "## 相談事例" in text
