"""The monthly report a meeting heard, where members and the public read it: the 報告資料 of the
published minutes, a page and a CSV of the figures as handed out (never compiled again, never
a person's name), the members' meeting page, and the notice on the staff page where the
prefilled prose is edited."""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from kyodo.committees.models import AgendaItem
from kyodo.core.months import Month
from kyodo.events.models import Event
from kyodo.reports.models import PresentedReport
from kyodo.reports.services import presented_report_attach, presented_report_freeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(december, staff_user):
    from kyodo.committees.models import Committee, Meeting, Minutes
    from kyodo.consultations.tests.factories import make_consultation
    from kyodo.core.models import Center

    # A client with a name and a contact: neither may reach a page or file of the report.
    make_consultation(
        staff_user,
        received_on=date(2010, 12, 22),
        categories=["other"],
        client_name="山田花子",
        client_contact="hanako@example.jp",
    )
    committee = Committee.objects.create(
        center=Center.objects.create(name="センター"), name="運営委員会", slug="unei"
    )
    meeting = Meeting.objects.create(
        committee=committee, fiscal_year=2010, number=9, date=date(2011, 1, 18), start_time=time(19)
    )
    Minutes.objects.create(meeting=meeting)
    return AgendaItem.objects.create(
        meeting=meeting, category=AgendaItem.Category.REPORT, number=1, title="業務報告について"
    )


def _frozen(item, staff_user) -> PresentedReport:
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    return presented_report_freeze(actor=staff_user, presented=presented)


def _publish(item, staff_user):
    from kyodo.committees.services.versions import minutes_confirm

    minutes = item.meeting.minutes
    minutes_confirm(
        actor=staff_user,
        minutes=minutes,
        imported=True,
        approval={"imported": True, "source": "test.pdf", "source_sha256": "0" * 64},
    )
    minutes.refresh_from_db()
    return minutes


def _change_everything(staff_user):
    # After the meeting: attendance corrected, an event recorded late, a group back-dated.
    from kyodo.reports.tests.conftest import _event, _organization

    Event.objects.filter(title="会計講座").update(attendance_people=40)
    _event("追加した講座", date(2010, 12, 25), Event.Status.HELD, people=7)
    _organization("もみじ会", "もみじかい", ("registered", date(2010, 12, 28)))


def _rows(html: str, caption: str) -> list[tuple[str, ...]]:
    """The body rows of the table captioned ``caption``, as the cells' texts."""
    table = re.search(
        rf'<caption class="visually-hidden">{caption}</caption>(.*?)</table>', html, re.S
    )
    body = table.group(1).split("<tbody>")[1]
    return [
        tuple(
            re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        )
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_published_minutes_list_the_report_heard_and_its_page_shows_the_frozen_figures(
    item, staff_user, client
):
    presented = _frozen(item, staff_user)
    minutes = _publish(item, staff_user)
    _change_everything(staff_user)
    page_url = f"/committee/minutes/{minutes.pk}/reports/{presented.pk}/"

    minutes_page = client.get(f"/committee/minutes/{minutes.pk}/").text

    section = re.search(r'<section class="heard-reports".*?</section>', minutes_page, re.S)
    assert section is not None
    assert '<h2 id="heard-reports-heading">報告資料</h2>' in section.group(0)
    assert f'<a href="{page_url}">月次報告 平成22年12月分</a>' in section.group(0)
    assert f'<a href="{page_url}report.csv">CSV' in section.group(0)

    response = client.get(page_url)
    assert response.status_code == 200
    html = response.text
    assert "<h1>月次報告 平成22年12月分</h1>" in html
    assert f'<a href="/committee/minutes/{minutes.pk}/">' in html
    # The figures as handed out: 12 people at 会計講座, not the 40 entered afterwards; the
    # event and the group added later are not there.
    assert _rows(html, "概要") == [
        ("月", "平成22年12月"),
        ("実施した事業", "3"),
        ("参加者数（人）", "15"),
        ("参加者数が未記録の事業", "1"),
        ("参加団体数", "27"),
        ("参加団体数が未記録の事業", "1"),
        ("新規登録団体", "2"),
        ("月末の登録団体数", "3"),
        ("相談", "4"),
    ]
    assert _rows(html, "実施した事業") == [
        ("平成22年12月4日(土)", "会計講座", "12", "—"),
        ("平成22年12月9日(木)", "実行委員会", "3", "3"),
        ("平成22年12月18日(土)", "説明会", "—", "24"),
    ]
    assert _rows(html, "新規登録団体") == [
        ("平成22年12月3日(金)", "ひまわり会"),
        ("平成22年12月20日(月)", "NPO法人けやき"),
    ]
    assert _rows(html, "分類別の相談件数") == [
        ("法人格", "2"),
        ("会計", "1"),
        ("助成金", "1"),
        ("その他", "1"),
    ]
    assert _rows(html, "今後の事業と申込状況") == [
        ("平成23年1月15日(土)", "トークサロン", "4", "6", "1", "1")
    ]
    assert _rows(html, "過去12か月の推移")[-1] == ("平成22年12月", "3", "4", "2", "15")
    assert "追加した講座" not in html and "もみじ会" not in html
    # Figures only: no consultation example, no client's name or contact, no prose.
    for private in ("山田", "花子", "hanako@example.jp", "相談があった", "相談事例"):
        assert private not in html
    # Tables with headers and a caption (JIS X 8341-3 / WCAG 1.3.1).
    assert html.count("<caption") == html.count("<table") >= 6
    assert '<th scope="col">' in html


def test_the_csv_is_the_frozen_tables_in_utf8_with_a_bom_and_crlf(item, staff_user, client):
    presented = _frozen(item, staff_user)
    minutes = _publish(item, staff_user)
    _change_everything(staff_user)

    response = client.get(f"/committee/minutes/{minutes.pk}/reports/{presented.pk}/report.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="monthly-report-2010-12-minutes-{minutes.pk}.csv"; '
        "filename*=UTF-8''"
    )
    content = response.content
    assert content.startswith(
        "\ufeff月次報告 平成22年12月分\r\n\r\n概要\r\n項目,値\r\n月,平成22年12月\r\n"
        "実施した事業,3\r\n".encode()
    )
    text = content.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", "")
    assert "会計講座,12," in text and "追加した講座" not in text and "もみじ会" not in text
    for private in ("山田", "hanako", "相談があった"):
        assert private not in text


def test_minutes_not_published_or_a_report_not_handed_out_are_not_found(item, staff_user, client):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    minutes = item.meeting.minutes
    url = f"/committee/minutes/{minutes.pk}/reports/{presented.pk}/"

    # Draft minutes: not found, live or frozen.
    assert client.get(url).status_code == 404
    assert client.get(url + "report.csv").status_code == 404
    presented_report_freeze(actor=staff_user, presented=presented)
    assert client.get(url).status_code == 404
    assert client.get(url + "report.csv").status_code == 404
    # Another minutes' number with this report's: not found either.
    assert (
        client.get(f"/committee/minutes/{minutes.pk + 1}/reports/{presented.pk}/").status_code
        == 404
    )


def test_a_report_not_handed_out_when_published_is_never_shown_live(item, staff_user, client):
    # Minutes imported as confirmed do not freeze (only those confirmed here do): a report left
    # live is not listed and has no public page.
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    minutes = _publish(item, staff_user)
    assert not PresentedReport.objects.get().is_frozen

    page = client.get(f"/committee/minutes/{minutes.pk}/").text

    assert "heard-reports" not in page
    url = f"/committee/minutes/{minutes.pk}/reports/{presented.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(url + "report.csv").status_code == 404


def test_members_see_the_figures_before_the_minutes_are_published_then_the_links(item, staff_user):
    from kyodo.reports.selectors import heard_reports

    presented = _frozen(item, staff_user)
    _change_everything(staff_user)

    [before] = heard_reports(item.meeting, with_figures=True)
    assert (before.title, before.url, before.csv_url) == ("月次報告 平成22年12月分", "", "")
    overview = before.doc.sections[0]
    assert overview.rows[:2] == [["月", "平成22年12月"], ["実施した事業", 3]]
    assert "相談事例" not in [s.title for s in before.doc.sections]

    minutes = _publish(item, staff_user)
    [after] = heard_reports(item.meeting, minutes=minutes, with_figures=True)
    assert after.url == f"/committee/minutes/{minutes.pk}/reports/{presented.pk}/"
    assert after.csv_url == after.url + "report.csv"
    assert after.doc is None


def test_the_members_section_renders_the_tables_inline(item, staff_user):
    from django.template.loader import render_to_string

    from kyodo.reports.selectors import heard_reports

    _frozen(item, staff_user)
    html = render_to_string(
        "reports/_presented_public.html",
        {"heard_reports": heard_reports(item.meeting, with_figures=True)},
    )

    assert "<summary>月次報告 平成22年12月分の数値</summary>" in html
    assert "<h3>概要</h3>" in html
    assert re.search(r"会計講座</td><td>12</td>", html)
    assert "山田" not in html and "相談があった" not in html


def test_the_staff_edit_page_of_the_item_says_the_figures_are_frozen(item, staff_user):
    from django.utils import timezone

    from kyodo.core.wareki import format_wareki
    from kyodo.reports.notices import frozen_prose_notice

    assert frozen_prose_notice(item) == ""
    presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    item = AgendaItem.objects.get(pk=item.pk)
    assert frozen_prose_notice(item) == ""  # live: nothing is frozen yet

    presented = presented_report_freeze(actor=staff_user, presented=PresentedReport.objects.get())
    item = AgendaItem.objects.get(pk=item.pk)
    day = format_wareki(timezone.localdate(presented.frozen_at))
    assert frozen_prose_notice(item) == (
        f"この議題の月次報告（平成22年12月分）は{day}に配布し、数値は固定されています。"
        "説明の文章を配布した数値と合わせてください。委員と市民には配布したときの数値が表示されます。"
    )


def test_the_minutes_page_reads_the_reports_only_for_a_meeting_that_heard_one(
    item, staff_user, client, django_assert_num_queries
):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    minutes = _publish(item, staff_user)
    url = f"/committee/minutes/{minutes.pk}/"
    # The minutes with their version, body and whether a report was handed out; the center.
    with django_assert_num_queries(2):
        assert "heard-reports" not in client.get(url).text

    presented_report_freeze(actor=staff_user, presented=presented)
    # … and then the reports themselves.
    with django_assert_num_queries(3):
        assert "heard-reports" in client.get(url).text
