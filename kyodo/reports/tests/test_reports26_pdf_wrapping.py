"""Headings and labels in the report's PDF wrap between phrases at the page's width: never inside
a word (「とても満 / 足」, 「依頼 / 数」, 「ふ / つ / う」 were the questionnaire table's headers),
never past the right margin, and no two characters overlap."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest

from kyodo.core.months import Month
from kyodo.reports.exports import RenderedReport, Section, rendered_fiscal_year, to_pdf
from kyodo.reports.selectors import fiscal_year_report, monthly_report

pytestmark = pytest.mark.django_db

# A4 with 20 mm margins, in points.
LEFT, RIGHT = 20 * 72 / 25.4, (210 - 20) * 72 / 25.4
LONG_HEADING = (
    "今後の事業と現在までの申し込み状況（確定した参加者とキャンセル待ちの申し込みを含む、"
    "令和9年度上半期分）"
)
LONG_CENTER = (
    "特定非営利活動法人西東京市民協働推進ネットワーク連絡協議会 "
    "西東京市市民協働推進センター指定管理者事務所"
)


@pytest.fixture
def center():
    from kyodo.core.models import Center

    return Center.objects.create(name=LONG_CENTER)


def _pages(pdf: bytes) -> list:
    document = pdfplumber.open(io.BytesIO(pdf))
    return document.pages


def _lines(pdf: bytes, size: float | None = None) -> list[str]:
    """The text lines of every page, only those in ``size`` points when given."""
    found = []
    for page in _pages(pdf):
        for line in page.extract_text_lines():
            if size is None or round(line["chars"][0]["size"]) == size:
                found.append(line["text"])
    return found


def _assert_laid_out_cleanly(pdf: bytes) -> None:
    """Every character inside the margins, and no two overlapping."""
    for number, page in enumerate(_pages(pdf), start=1):
        chars = [c for c in page.chars if c["text"].strip()]
        for c in chars:
            assert LEFT - 0.5 <= c["x0"] and c["x1"] <= RIGHT + 0.5, (number, c["text"], c["x1"])
        chars.sort(key=lambda c: (round(c["top"]), c["x0"]))
        for i, a in enumerate(chars):
            for b in chars[i + 1 :]:
                if b["top"] >= a["bottom"]:
                    break
                overlap_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                assert overlap_x <= 0.5 or overlap_y <= 0.5, (number, a["text"], b["text"])


def _feedback_headers(pdf: bytes, title: str) -> list[str]:
    lines = _lines(pdf)
    start = lines.index(title) + 3  # the title and the note's two lines
    return lines[start : start + 2]


def test_the_questionnaire_s_headers_keep_their_words(december, center):
    pdf = to_pdf(monthly_report(month=Month(2010, 12), today=date(2011, 1, 10)))

    assert _feedback_headers(pdf, "参加者アンケート") == [
        "開催日 事業 依頼数 回答数 満足度（5段階の とても 満足 ふつう やや 不満",
        "平均） 満足 不満",
    ]
    _assert_laid_out_cleanly(pdf)


def test_the_questionnaire_s_cells_keep_their_words(december, center):
    lines = _lines(to_pdf(monthly_report(month=Month(2010, 12), today=date(2011, 1, 10))))
    start = lines.index("参加者アンケート") + 5

    # 「アンケート未実施」 whole; a date too long for its column breaks before its weekday.
    assert lines[start : start + 2] == [
        "平成22年12月4日 会計講座 0 — アンケート未実施 — — — — —",
        "(土)",
    ]


def test_the_fiscal_year_s_headers_keep_their_words(december, center):
    pdf = to_pdf(
        rendered_fiscal_year(fiscal_year_report(fiscal_year=2010, today=date(2011, 4, 15)))
    )

    assert _feedback_headers(pdf, "参加者アンケート（月別）") == [
        "月 依頼数 回答数 満足度（5段階の平均） とても 満足 ふつう やや 不満",
        "満足 不満",
    ]
    _assert_laid_out_cleanly(pdf)


def test_a_long_heading_wraps_between_its_phrases_within_the_margins(center):
    doc = RenderedReport(
        title="令和9年度 事業報告（令和9年4月〜令和10年3月）市民協働推進センター運営委員会提出資料",
        text="本文。",
        sections=[
            Section(LONG_HEADING, ["項目", "値"], [["事業", 3]], note="注記。"),
            Section("概要", ["項目", "値"], [["相談", 1]]),
        ],
        compiled_on=date(2027, 4, 15),
    )
    pdf = to_pdf(doc)

    assert _lines(pdf, size=12) == [
        "今後の事業と現在までの申し込み状況（確定した参加者とキャンセル待ちの申し込みを",
        "含む、令和9年度上半期分）",
        "概要",
    ]
    assert _lines(pdf, size=16) == [
        "令和9年度 事業報告（令和9年4月〜令和10年3月）",
        "市民協働推進センター運営委員会提出資料",
    ]
    assert _lines(pdf, size=10)[1:3] == [
        "特定非営利活動法人西東京市民協働推進ネットワーク連絡協議会",
        "西東京市市民協働推進センター指定管理者事務所",
    ]
    _assert_laid_out_cleanly(pdf)


def test_a_heading_that_fits_stays_on_one_line(december, center):
    pdf = to_pdf(monthly_report(month=Month(2010, 12), today=date(2011, 1, 10)))

    assert _lines(pdf, size=12) == [
        "概要",
        "実施した事業",
        "参加者アンケート",
        "新規登録団体",
        "分類別の相談件数",
        "相談事例",
        "今後の事業と申込状況",
        "過去12か月の推移",
    ]
