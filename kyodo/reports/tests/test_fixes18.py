"""What a staff tester found in the 月次報告 and the 年度報告:

1. the participants' questionnaire (アンケート) of the events held appeared nowhere: it is now
   reported per event and for the month (and per month in the fiscal year's report), on the
   page and in every download, an event without answers saying so rather than 0;
2. 今後の事業と申込状況 gave applications (waiting list included) beside confirmed people, so
   「4 / 6」 puzzled: separate columns and a note now say what each counts;
3. the overview summed unrecorded attendance as 0 while the rows said "—";
4. an empty section of the CSV had its headers and then nothing.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pdfplumber
import pytest
from openpyxl import load_workbook

from kyodo.core.months import Month
from kyodo.reports.exports import rendered, rendered_fiscal_year, to_csv
from kyodo.reports.report import FeedbackCounts
from kyodo.reports.selectors import fiscal_year_report, monthly_report

pytestmark = pytest.mark.django_db

ASKED_AT = datetime(2010, 12, 20, 9, tzinfo=UTC)
LEVELS = ["とても満足", "満足", "ふつう", "やや不満", "不満"]
FEEDBACK_HEADERS = ["依頼数", "回答数", "満足度（5段階の平均）", *LEVELS]
FEEDBACK_NOTE = (
    "依頼数は、アンケートを送った参加者の数です。満足度の平均は、満足度を選んだ回答の平均"
    "（5＝とても満足、1＝不満）です。各段階の欄は、その段階を選んだ回答の数です。"
)
UPCOMING_HEADERS = [
    "開催日",
    "事業",
    "申込件数",
    "参加確定の人数",
    "参加確定の団体数",
    "キャンセル待ち（件）",
]
UPCOMING_NOTE = (
    # which days are listed (kyodo/reports/tests/test_fixes18b.py), then what the columns count
    "平成23年1月1日(土)から平成23年3月1日(火)までの事業を載せています（下書きと中止した事業を除"
    "く）。月が終わる前に作成した報告にはその月のまだ開催していない事業と月末から60日以内の事業を、"
    "月が終わった後に作成した報告には月末の翌日から60日以内の事業を載せます。"
    "申込件数は、参加確定とキャンセル待ちの申し込みの件数です（団体の申し込みも1件と数え、"
    "キャンセルされたものは数えません）。参加確定の人数は、確定した申し込みの人数の合計です。"
    "参加確定の団体数は、団体として確定した申し込みの件数です。キャンセル待ちは、空きを待って"
    "いる申し込みの件数で、申込件数に含まれます。"
)
# December of the ``december`` data with ``questionnaires``: 会計講座 asked 5, answered 4 (5, 4,
# 4 and one without a 満足度); 実行委員会 asked 2, no answer; 説明会 not asked.
DECEMBER_ROWS = [
    [date(2010, 12, 4), "会計講座", 5, 4, Decimal("4.3"), 1, 2, 0, 0, 0],
    [date(2010, 12, 9), "実行委員会", 2, 0, "回答なし", None, None, None, None, None],
    [date(2010, 12, 18), "説明会", 0, None, "アンケート未実施", None, None, None, None, None],
    ["合計", "", 7, 4, Decimal("4.3"), 1, 2, 0, 0, 0],
]


def _asked(event_title: str, *answers: int | str | None) -> None:
    """One questionnaire per answer: "asked" for a request never answered, else the 満足度
    given (None: answered without one)."""
    from kyodo.events.models import Application, Event, Feedback

    event = Event.objects.get(title=event_title)
    for answer in answers:
        application = Application.objects.create(
            event=event, kind="individual", people=1, status="confirmed", name="参加者"
        )
        answered = answer != "asked"
        Feedback.objects.create(
            application=application,
            event=event,
            requested_at=ASKED_AT,
            answered_at=ASKED_AT if answered else None,
            satisfaction=answer if answered else None,
        )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def questionnaires(december):
    _asked("会計講座", 5, 4, 4, None, "asked")
    _asked("実行委員会", "asked", "asked")
    _asked("十一月の講座", 2)


def _section(doc, title):
    (section,) = [s for s in doc.sections if s.title == title]
    return section


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _csv_cells(rows):
    return [
        ["" if c is None else c.isoformat() if isinstance(c, date) else str(c) for c in row]
        for row in rows
    ]


# --- 1. the questionnaire ----------------------------------------------------------------------


def test_each_held_event_carries_its_questionnaire_counted_as_the_event_page_counts_it(
    questionnaires,
):
    from kyodo.events.models import Event
    from kyodo.events.selectors import feedback_summary

    report = monthly_report(month=Month(2010, 12))

    assert [(e.name, e.feedback) for e in report.events_held] == [
        ("会計講座", FeedbackCounts(asked=5, answered=4, levels=(1, 2, 0, 0, 0))),
        ("実行委員会", FeedbackCounts(asked=2, answered=0, levels=(0, 0, 0, 0, 0))),
        ("説明会", FeedbackCounts()),
    ]
    assert report.feedback == FeedbackCounts(asked=7, answered=4, levels=(1, 2, 0, 0, 0))
    summary = feedback_summary(Event.objects.get(title="会計講座"))
    counts = report.events_held[0].feedback
    assert (
        (counts.asked, counts.answered, counts.rated, counts.mean)
        == (
            summary.asked,
            summary.answered,
            summary.rated,
            summary.mean,
        )
        == (5, 4, 3, Decimal("4.3"))
    )
    assert [n for _level, _label, n in summary.distribution] == list(counts.levels)


def test_the_report_still_takes_a_fixed_number_of_queries(
    questionnaires, django_assert_num_queries
):
    with django_assert_num_queries(11):
        monthly_report(month=Month(2010, 12), first_day=date(2010, 5, 1))


def test_the_questionnaire_section_per_event_and_for_the_month(questionnaires):
    section = _section(rendered(monthly_report(month=Month(2010, 12))), "参加者アンケート")

    assert section.headers == ["開催日", "事業", *FEEDBACK_HEADERS]
    assert section.note == FEEDBACK_NOTE
    assert section.rows == DECEMBER_ROWS


def test_the_questionnaire_on_the_page(questionnaires, staff_client):
    page = staff_client.get("/staff/reports/monthly/2010-12/").text

    assert "<h2>参加者アンケート</h2>" in page
    assert FEEDBACK_NOTE in page
    assert (
        '<tr><th scope="row">平成22年12月9日(木)</th><td>実行委員会</td><td>2</td><td>0</td>'
        "<td>回答なし</td><td>—</td><td>—</td><td>—</td><td>—</td><td>—</td></tr>"
    ) in page
    assert (
        '<tr><th scope="row">合計</th><td></td><td>7</td><td>4</td><td>4.3</td><td>1</td>'
        "<td>2</td><td>0</td><td>0</td><td>0</td></tr>"
    ) in page


def test_the_questionnaire_in_the_xlsx_csv_and_pdf(questionnaires, staff_client):
    base = "/staff/reports/monthly/2010-12/report."

    workbook = load_workbook(io.BytesIO(staff_client.get(base + "xlsx").content))
    sheet = [[c.value for c in row] for row in workbook["参加者アンケート"].iter_rows()]
    assert sheet[:3] == [
        ["平成22年12月 月次報告", *[None] * 9],
        [FEEDBACK_NOTE, *[None] * 9],
        ["開催日", "事業", *FEEDBACK_HEADERS],
    ]
    # dates are date cells and the mean a number cell
    assert sheet[3:] == [
        [datetime(2010, 12, 4), "会計講座", 5, 4, 4.3, 1, 2, 0, 0, 0],
        [datetime(2010, 12, 9), *DECEMBER_ROWS[1][1:]],
        [datetime(2010, 12, 18), *DECEMBER_ROWS[2][1:]],
        ["合計", None, 7, 4, 4.3, 1, 2, 0, 0, 0],
    ]

    rows = _csv_rows(staff_client.get(base + "csv").content)
    start = rows.index(["参加者アンケート"])
    assert rows[start + 1 : start + 7] == [
        [FEEDBACK_NOTE],
        ["開催日", "事業", *FEEDBACK_HEADERS],
        *_csv_cells(DECEMBER_ROWS),
    ]

    pdf = staff_client.get(base + "pdf").content
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        lines = "\n".join(page.extract_text() or "" for page in document.pages).splitlines()
    assert "合計 7 4 4.3 1 2 0 0 0" in lines
    assert any(line.endswith("実行委員会 2 0 回答なし — — — — —") for line in lines)
    assert any(line.endswith("説明会 0 — アンケート未実施 — — — — —") for line in lines)


def test_the_fiscal_year_gives_the_questionnaire_per_month(questionnaires):
    report = fiscal_year_report(fiscal_year=2010, today=date(2026, 12, 6))
    section = _section(rendered_fiscal_year(report), "参加者アンケート（月別）")

    not_sent = [0, None, "アンケート未実施", None, None, None, None, None]
    assert section.headers == ["月", *FEEDBACK_HEADERS]
    assert section.note == FEEDBACK_NOTE
    assert section.rows == [
        *[[f"平成22年{m}月", *not_sent] for m in range(4, 11)],
        ["平成22年11月", 1, 1, Decimal("2.0"), 0, 0, 0, 1, 0],
        ["平成22年12月", 7, 4, Decimal("4.3"), 1, 2, 0, 0, 0],
        *[[f"平成23年{m}月", *not_sent] for m in range(1, 4)],
        # (5 + 4 + 4 + 2) / 4 = 3.75, rounded half up as the event's page rounds
        ["合計", 8, 5, Decimal("3.8"), 1, 2, 0, 1, 0],
    ]


def test_the_fiscal_year_files_carry_the_questionnaire(questionnaires, staff_client):
    rows = _csv_rows(staff_client.get("/staff/reports/fiscal/2010/report.csv").content)
    start = rows.index(["参加者アンケート（月別）"])
    assert rows[start + 2] == ["月", *FEEDBACK_HEADERS]
    assert rows[start + 10] == ["平成22年11月", "1", "1", "2.0", "0", "0", "0", "1", "0"]
    assert rows[start + 15] == ["合計", "8", "5", "3.8", "1", "2", "0", "1", "0"]
    workbook = load_workbook(
        io.BytesIO(staff_client.get("/staff/reports/fiscal/2010/report.xlsx").content)
    )
    sheet = [[c.value for c in row] for row in workbook["参加者アンケート（月別）"].iter_rows()]
    assert sheet[-1] == ["合計", 8, 5, 3.8, 1, 2, 0, 1, 0]
    page = staff_client.get("/staff/reports/fiscal/2010/").text
    assert '<tr><th scope="row">平成22年11月</th><td>1</td><td>1</td><td>2.0</td>' in page


# --- 2. applications, people, waiting list -----------------------------------------------------


def test_upcoming_events_give_applications_people_and_the_waiting_list_apart(
    december, staff_client
):
    section = _section(rendered(monthly_report(month=Month(2010, 12))), "今後の事業と申込状況")
    # トークサロン: 3 confirmed applications (2 + 1 people, a group of 3), 1 waiting, 1 cancelled
    assert section.headers == UPCOMING_HEADERS
    assert section.rows == [[date(2011, 1, 15), "トークサロン", 4, 6, 1, 1]]
    assert section.note == UPCOMING_NOTE

    base = "/staff/reports/monthly/2010-12/"
    page = staff_client.get(base).text
    assert f'<p class="note">{UPCOMING_NOTE}</p>' in page
    assert "".join(f'<th scope="col">{h}</th>' for h in UPCOMING_HEADERS) in page
    rows = _csv_rows(staff_client.get(base + "report.csv").content)
    start = rows.index(["今後の事業と申込状況"])
    assert rows[start + 1 : start + 4] == [
        [UPCOMING_NOTE],
        UPCOMING_HEADERS,
        ["2011-01-15", "トークサロン", "4", "6", "1", "1"],
    ]
    with pdfplumber.open(io.BytesIO(staff_client.get(base + "report.pdf").content)) as document:
        text = "".join("".join(p.extract_text() or "" for p in document.pages).split())
    assert "".join(UPCOMING_NOTE.split()) in text
    assert "平成23年1月15日(土)トークサロン4611" in text


# --- 3. attendance not recorded ----------------------------------------------------------------


def test_the_overview_counts_only_recorded_attendance_and_says_how_much_was_not(december):
    overview = _section(rendered(monthly_report(month=Month(2010, 12))), "概要")
    assert overview.rows[2:7] == [
        ["参加者数（人）", 15],
        ["参加者数が未記録の事業", 1],  # 説明会
        ["参加団体数", 27],
        ["参加団体数が未記録の事業", 1],  # 会計講座
        ["新規登録団体", 2],
    ]


def test_a_month_where_no_event_recorded_groups_says_not_recorded(december):
    # 十一月の講座 recorded 20 people and no groups: 参加団体数 was 0.
    overview = _section(rendered(monthly_report(month=Month(2010, 11))), "概要")
    assert overview.rows[1:6] == [
        ["実施した事業", 1],
        ["参加者数（人）", 20],
        ["参加団体数", "未記録"],
        ["参加団体数が未記録の事業", 1],
        ["新規登録団体", 0],
    ]


def test_a_month_without_events_gives_zero_attendance(december):
    overview = _section(rendered(monthly_report(month=Month(2010, 8))), "概要")
    assert overview.rows[1:5] == [
        ["実施した事業", 0],
        ["参加者数（人）", 0],
        ["参加団体数", 0],
        ["新規登録団体", 0],
    ]


def test_the_fiscal_year_overview_likewise(december):
    report = fiscal_year_report(fiscal_year=2010, today=date(2026, 12, 6))
    overview = _section(rendered_fiscal_year(report), "概要")
    # 会計講座 12, 実行委員会 3 (3 groups), 説明会 24 groups, 十一月の講座 20, and トークサロン
    # (January, over, attendance never recorded)
    assert overview.rows[2:7] == [
        ["実施した事業", 5],
        ["参加者数（人）", 35],
        ["参加者数が未記録の事業", 2],
        ["参加団体数", 27],
        ["参加団体数が未記録の事業", 3],
    ]


# --- 4. empty sections in the CSV --------------------------------------------------------------


def test_an_empty_section_of_the_csv_says_so_under_its_headers(db):
    rows = _csv_rows(to_csv(monthly_report(month=Month(2010, 8))))

    def after(title):
        start = rows.index([title])
        return rows[start + 1 : start + 3]

    assert after("実施した事業") == [
        ["開催日", "事業", "参加者数（人）", "参加団体数"],
        ["実施した事業はありません。"],
    ]
    assert after("新規登録団体") == [["登録日", "団体"], ["新規登録はありません。"]]
    assert after("分類別の相談件数") == [["分類", "相談"], ["相談はありません。"]]
    assert after("相談事例") == [["事例"], ["報告用の事例は選ばれていません。"]]
    assert rows[rows.index(["今後の事業と申込状況"]) + 3] == ["今後の事業はありません。"]
    assert rows[rows.index(["参加者アンケート"]) + 3] == ["実施した事業はありません。"]


def test_an_empty_section_of_the_xlsx_says_so_too(db):
    from kyodo.reports.exports import to_xlsx

    workbook = load_workbook(io.BytesIO(to_xlsx(monthly_report(month=Month(2010, 8)))))
    assert [[c.value for c in row] for row in workbook["新規登録団体"].iter_rows()] == [
        ["平成22年8月 月次報告", None],
        ["登録日", "団体"],
        ["新規登録はありません。", None],
    ]
