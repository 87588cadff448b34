"""What a newcomer found compiling the monthly report in the middle of its month:

1. 「12月の相談は3件（会計1件、助成金1件、運営1件、その他1件）」 adds up to 4: one consultation
   has two categories and counts under each. The prose, the table's note and every download now
   say so (「（1件の相談に複数の分類があるため、…一致しません）」), and so does a report handed
   out from now on; one handed out before (its figures of format 1) is shown as it was;
2. the PDF lacked what the page says (「月の途中です。数値は…現在のものです。」), the center's name
   and its 作成日; a heading could end a page alone (「相談事例」 at the foot of page 1, its
   examples on page 2); and 「キャンセル待ち（件）」 broke as 「キャンセル待 / ち（件）」.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pdfplumber
import pytest
from django.utils import timezone
from openpyxl import load_workbook

from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.months import Month
from kyodo.core.wareki import format_wareki
from kyodo.reports.exports import rendered, rendered_fiscal_year, rendered_public, to_pdf
from kyodo.reports.models import PresentedReport
from kyodo.reports.report import (
    CategoryCount,
    HeldEvent,
    MonthlyReport,
    MonthTotals,
    UpcomingEvent,
)
from kyodo.reports.selectors import fiscal_year_report, monthly_report, presented_monthly_report
from kyodo.reports.services import presented_report_attach, presented_report_freeze, report_text

pytestmark = pytest.mark.django_db

CENTER = "西東京市市民協働推進センター"
SENTENCE = "12月の相談は3件（会計1件、助成金1件、運営1件、その他1件）。"
REMARK = "（1件の相談に複数の分類があるため、分類ごとの件数の合計は相談件数と一致しません）"
NOTE = "1件の相談に複数の分類があるため、分類ごとの件数の合計は相談件数と一致しません。"
EXAMPLE = "会計ソフトの選び方について相談があった。"
CATEGORY_ROWS = [["会計", "1"], ["助成金", "1"], ["運営", "1"], ["その他", "1"]]


@pytest.fixture
def center():
    from kyodo.core.models import Center

    return Center.objects.create(name=CENTER)


@pytest.fixture
def consultations(staff_user):
    """December 2010's three consultations, the third on running a group and something else."""
    make_consultation(
        staff_user,
        received_on=date(2010, 12, 1),
        categories=["accounting"],
        report_example=EXAMPLE,
        use_in_report=True,
    )
    make_consultation(staff_user, received_on=date(2010, 12, 3), categories=["grants"])
    make_consultation(staff_user, received_on=date(2010, 12, 6), categories=["management", "other"])
    # Another month's, with two categories too: not December's remark.
    make_consultation(
        staff_user, received_on=date(2010, 11, 30), categories=["accounting", "grants"]
    )


def _december(today: date = date(2011, 1, 10)) -> MonthlyReport:
    return monthly_report(month=Month(2010, 12), today=today)


def _pdf_lines(pdf: bytes) -> list[list[str]]:
    """The lines of each page of ``pdf``."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(page.extract_text() or "").splitlines() for page in document.pages]


def _section_rows(rows: list[list[str]], title: str) -> list[list[str]]:
    """The rows of one section of a report's CSV, its title row excluded."""
    start = rows.index([title]) + 1
    end = rows.index([], start) if [] in rows[start:] else len(rows)
    return rows[start:end]


# --- 1. a consultation with several categories ---------------------------------------------------


def test_the_prose_says_why_the_categories_add_up_to_more_than_the_consultations(consultations):
    report = _december()

    assert (report.consultation_total, report.several_categories) == (3, 1)
    assert sum(c.count for c in report.consultations_by_category) == 4
    assert report_text(report).splitlines()[2] == SENTENCE + REMARK + EXAMPLE


def test_two_consultations_with_several_categories_are_counted(consultations, staff_user):
    make_consultation(staff_user, received_on=date(2010, 12, 8), categories=["grants", "place"])
    report = _december()

    assert report.several_categories == 2
    assert report_text(report).splitlines()[2] == (
        "12月の相談は4件（会計1件、助成金2件、運営1件、場所1件、その他1件）。"
        "（2件の相談に複数の分類があるため、分類ごとの件数の合計は相談件数と一致しません）"
        + EXAMPLE
    )


def test_without_several_categories_nothing_is_added(staff_user):
    make_consultation(staff_user, received_on=date(2010, 12, 1), categories=["accounting"])
    make_consultation(staff_user, received_on=date(2010, 12, 3), categories=["grants"])
    report = _december()

    assert report.several_categories == 0
    assert report_text(report).splitlines()[2] == "12月の相談は2件（会計1件、助成金1件）。"
    [section] = [s for s in rendered(report).sections if s.title == "分類別の相談件数"]
    assert section.note == ""


def test_the_page_csv_xlsx_and_pdf_say_it(consultations, staff_user, client):
    client.force_login(staff_user)
    base = "/staff/reports/monthly/2010-12/"

    page = client.get(base).text
    assert f"<p>{SENTENCE}{REMARK}{EXAMPLE}</p>" in page
    assert f'<h2>分類別の相談件数</h2>\n<p class="note">{NOTE}</p>' in page

    rows = list(
        csv.reader(io.StringIO(client.get(base + "report.csv").content.decode("utf-8-sig")))
    )
    assert _section_rows(rows, "分類別の相談件数") == [[NOTE], ["分類", "相談"], *CATEGORY_ROWS]

    workbook = load_workbook(io.BytesIO(client.get(base + "report.xlsx").content))
    sheet = [[c.value for c in row] for row in workbook["分類別の相談件数"].iter_rows()]
    assert sheet == [
        ["平成22年12月 月次報告", None],
        [NOTE, None],
        ["分類", "相談"],
        *[[label, int(n)] for label, n in CATEGORY_ROWS],
    ]

    text = "".join("".join(page) for page in _pdf_lines(client.get(base + "report.pdf").content))
    assert SENTENCE + REMARK + EXAMPLE in text
    assert "分類別の相談件数" + NOTE + "分類相談会計1助成金1運営1その他1" in text.replace(" ", "")


def test_the_fiscal_year_s_table_says_it_too(consultations):
    doc = rendered_fiscal_year(fiscal_year_report(fiscal_year=2010, today=date(2011, 4, 10)))

    [section] = [s for s in doc.sections if s.title == "分類別の相談件数"]
    assert section.note == (
        "2件の相談に複数の分類があるため、分類ごとの件数の合計は相談件数と一致しません。"
    )
    assert section.rows == [["会計", 2], ["助成金", 2], ["運営", 1], ["その他", 1]]


@pytest.fixture
def item(center, staff_user):
    from kyodo.committees.models import AgendaItem, Committee, Meeting, Minutes

    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    meeting = Meeting.objects.create(
        committee=committee, fiscal_year=2010, number=9, date=date(2011, 1, 18), start_time=time(19)
    )
    Minutes.objects.create(meeting=meeting)
    return AgendaItem.objects.create(
        meeting=meeting, category=AgendaItem.Category.REPORT, number=1, title="業務報告について"
    )


def test_a_report_handed_out_from_now_on_keeps_the_remark(consultations, item, staff_user, client):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    presented_report_freeze(actor=staff_user, presented=presented)
    frozen = PresentedReport.objects.get()
    assert (frozen.figures["format"], frozen.figures["several_categories"]) == (
        3,
        1,
    )  # 3: with the center (test_reports26_frozen_center)
    # A consultation changed later changes nothing of what was handed out.
    from kyodo.consultations.models import ConsultationCategory

    ConsultationCategory.objects.filter(category="other").delete()

    report = presented_monthly_report(frozen)
    assert report.several_categories == 1
    assert report_text(report).splitlines()[2] == SENTENCE + REMARK + EXAMPLE
    [section] = [s for s in rendered_public(report).sections if s.title == "分類別の相談件数"]
    assert section.note == NOTE
    client.force_login(staff_user)
    url = f"/staff/reports/presented/{presented.pk}/"
    assert f"<p>{SENTENCE}{REMARK}{EXAMPLE}</p>" in client.get(url).text
    rows = list(csv.reader(io.StringIO(client.get(url + "report.csv").content.decode("utf-8-sig"))))
    assert _section_rows(rows, "分類別の相談件数") == [[NOTE], ["分類", "相談"], *CATEGORY_ROWS]


def test_a_report_handed_out_before_stays_as_it_was(consultations, item, staff_user, client):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    presented_report_freeze(actor=staff_user, presented=presented)
    # As a report handed out before this change was stored: format 1, without the count.
    figures = PresentedReport.objects.get().figures
    del figures["several_categories"]
    PresentedReport.objects.filter(pk=presented.pk).update(figures=figures | {"format": 1})

    report = presented_monthly_report(PresentedReport.objects.get())
    assert report.several_categories is None
    assert report_text(report).splitlines()[2] == SENTENCE + EXAMPLE
    client.force_login(staff_user)
    url = f"/staff/reports/presented/{presented.pk}/"
    page = client.get(url).text
    assert f"<p>{SENTENCE}{EXAMPLE}</p>" in page and "複数の分類" not in page
    rows = list(csv.reader(io.StringIO(client.get(url + "report.csv").content.decode("utf-8-sig"))))
    assert _section_rows(rows, "分類別の相談件数") == [["分類", "相談"], *CATEGORY_ROWS]


# --- 2. the PDF ------------------------------------------------------------------------------------


def test_the_pdf_of_a_month_in_progress_says_so_with_the_center_and_its_date(consultations, center):
    pdf = to_pdf(_december(today=date(2010, 12, 15)))

    assert _pdf_lines(pdf)[0][:5] == [
        "作成日：平成22年12月15日(水)",
        CENTER,
        "平成22年12月 月次報告",
        "月の途中です。数値は平成22年12月15日(水)現在のものです。",
        "12月に実施した事業はなかった。",
    ]
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert (document.metadata["Author"], document.metadata["Title"]) == (
            CENTER,
            "平成22年12月 月次報告",
        )


def test_the_pdf_of_a_month_over_has_no_notice(consultations, center):
    assert _pdf_lines(to_pdf(_december()))[0][:4] == [
        "作成日：平成23年1月10日(月)",
        CENTER,
        "平成22年12月 月次報告",
        "12月に実施した事業はなかった。",
    ]


def test_the_pdf_downloaded_today_in_the_month(center, staff_user, client):
    """On the real day the test runs, as the newcomer downloaded it."""
    today = timezone.localdate()
    client.force_login(staff_user)
    month = Month.containing(today)
    pdf = client.get(f"/staff/reports/monthly/{month.slug}/report.pdf").content

    assert _pdf_lines(pdf)[0][:4] == [
        f"作成日：{format_wareki(today)}",
        CENTER,
        f"{month.label} 月次報告",
        f"月の途中です。数値は{format_wareki(today)}現在のものです。",
    ]


def test_the_pdf_of_a_report_handed_out_is_dated_the_day_it_was_handed_out(
    consultations, item, staff_user, client
):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    presented_report_freeze(
        actor=staff_user,
        presented=presented,
        now=datetime(2011, 1, 18, 19, tzinfo=ZoneInfo("Asia/Tokyo")),
    )
    client.force_login(staff_user)
    pdf = client.get(f"/staff/reports/presented/{presented.pk}/report.pdf").content

    assert _pdf_lines(pdf)[0][:3] == [
        "作成日：平成23年1月18日(火)",
        CENTER,
        "平成22年12月 月次報告",
    ]


def test_the_fiscal_year_s_pdf_in_progress(center):
    pdf = to_pdf(
        rendered_fiscal_year(fiscal_year_report(fiscal_year=2010, today=date(2010, 12, 15)))
    )

    assert _pdf_lines(pdf)[0][:4] == [
        "作成日：平成22年12月15日(水)",
        CENTER,
        "平成22年度 事業報告（平成22年4月〜平成22年12月）",
        "年度の途中です。数値は平成22年12月（当月を含む）までのものです。",
    ]


def test_without_a_center_the_pdf_leaves_its_line_out():
    assert _pdf_lines(to_pdf(_december()))[0][:2] == [
        "作成日：平成23年1月10日(月)",
        "平成22年12月 月次報告",
    ]


def _upcoming_lines(pdf: bytes) -> list[str]:
    lines = [line for page in _pdf_lines(pdf) for line in page]
    start = lines.index("今後の事業と申込状況")
    return lines[start + 7 : start + 9]


def test_the_waiting_list_header_breaks_before_its_bracket(center):
    lines = _upcoming_lines(to_pdf(_report_with(upcoming=[("トークサロン", 4, 6, 1, 1)])))

    assert lines[0].startswith("開催日 事業 ") and lines[0].endswith(" キャンセル待ち")
    assert lines[1].endswith(" （件）")


def test_a_long_event_name_does_not_squeeze_the_header(center):
    name = "市民活動団体のための会計・税務・助成金申請の基礎を学ぶ連続講座（全5回）第1回"
    lines = _upcoming_lines(to_pdf(_report_with(upcoming=[(name, 18, 18, 0, 0)])))

    # The event's name takes the room it is given; the waiting list's header keeps its word.
    assert lines[0].endswith(" キャンセル待ち") and lines[1].endswith(" （件）")


def _report_with(*, events: int = 0, examples: int = 2, upcoming=()) -> MonthlyReport:
    """December 2010's report compiled on 2011-01-10 with ``events`` events held, ``examples``
    consultation examples and the ``upcoming`` events (name, applications, people, groups,
    waiting)."""
    return MonthlyReport(
        month=Month(2010, 12),
        events_held=[
            HeldEvent(
                name=f"市民活動講座その{i + 1}",
                held_on=date(2010, 12, 1 + i % 28),
                people=10 + i,
                groups=None,
            )
            for i in range(events)
        ],
        new_registrations=[],
        registered_total=3,
        consultation_total=2,
        consultations_by_category=[CategoryCount("accounting", "会計", 2)],
        consultation_examples=[f"事例{j + 1}について相談があった。" for j in range(examples)],
        upcoming_events=[
            UpcomingEvent(
                name=name,
                held_on=date(2011, 1, 15),
                application_count=applications,
                confirmed_people=people,
                confirmed_groups=groups,
                waitlisted_count=waiting,
            )
            for name, applications, people, groups, waiting in upcoming
        ],
        trend=[MonthTotals(Month(2010, 12), events, 10 * events, 0, 2)],
        compiled_on=date(2011, 1, 10),
        upcoming_from=date(2011, 1, 1),
        upcoming_to=date(2011, 3, 1),
        several_categories=0,
    )


# The numbers of events held that put a heading at the foot of a page, alone or with a single
# line under it, before headings were kept with their first lines (相談事例 with 2 and 18).
ORPHANING = [2, 3, 13, 18, 31, 33, 41]


@pytest.mark.parametrize("events", ORPHANING)
def test_no_heading_ends_a_page_without_its_first_lines(center, events):
    pdf = to_pdf(_report_with(events=events))

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            lines = page.extract_text_lines()
            for i, line in enumerate(lines):
                if round(line["chars"][0]["size"]) != 12:  # the sections' headings
                    continue
                under = [following["text"] for following in lines[i + 1 : i + 4]]
                # Its only line (a section without rows), or its note or headers and a row.
                least = 1 if line["text"] == "新規登録団体" else 2
                assert len(under) >= least, (events, line["text"], under)
                if line["text"] == "相談事例":
                    assert under == [
                        "事例",
                        "事例1について相談があった。",
                        "事例2について相談があった。",
                    ]


def test_a_table_longer_than_a_page_still_breaks_between_its_rows(center):
    pages = _pdf_lines(to_pdf(_report_with(events=60)))

    assert pages[1][:2] == ["実施した事業", "開催日 事業 参加者数（人） 参加団体数"]
    # Its headers repeated on the next page, and the next section right under it, not on a page
    # of its own.
    assert pages[2][0] == "開催日 事業 参加者数（人） 参加団体数"
    assert "参加者アンケート" in pages[2]
    assert len(pages) == 6
