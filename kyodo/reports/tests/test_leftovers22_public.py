"""The monthly report a meeting heard, found from outside its minutes' page: sitemap.xml lists the
page of each report handed out at a meeting whose minutes are published (never one of minutes not
published, nor one not handed out), and the public committee page's row of those minutes says
「報告資料あり」, linking to the minutes' 報告資料."""

from __future__ import annotations

import re
from datetime import date, time
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.core.months import Month
from kyodo.reports.models import PresentedReport
from kyodo.reports.services import presented_report_attach, presented_report_freeze

pytestmark = pytest.mark.django_db


def _meeting(committee, number: int, day: date):
    from kyodo.committees.models import AgendaItem, Meeting, Minutes

    meeting = Meeting.objects.create(
        committee=committee, fiscal_year=2010, number=number, date=day, start_time=time(19)
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


@pytest.fixture
def reports(december, staff_user):
    """Four meetings of the committee: the 9th heard a report handed out and its minutes are
    published; the 10th's are published and it heard none; the 11th heard one handed out but its
    minutes are a draft; the 12th's are published with a report never handed out."""
    from kyodo.committees.models import Committee
    from kyodo.core.models import Center

    committee = Committee.objects.create(
        center=Center.objects.create(name="センター"), name="運営委員会", slug="unei"
    )
    ninth = _meeting(committee, 9, date(2011, 1, 18))
    tenth = _meeting(committee, 10, date(2011, 2, 22))
    eleventh = _meeting(committee, 11, date(2011, 3, 15))
    twelfth = _meeting(committee, 12, date(2011, 3, 29))
    heard = _frozen(ninth, staff_user)
    _frozen(eleventh, staff_user)
    published = {
        item.meeting.number: _publish(item, staff_user) for item in (ninth, tenth, twelfth)
    }
    # Written directly: confirmed minutes refuse a report through the service.
    PresentedReport.objects.create(item=twelfth, month=date(2011, 2, 1))
    return heard, published


def test_sitemap_lists_only_reports_handed_out_of_published_minutes(client, reports):
    heard, published = reports
    xml = client.get("/sitemap.xml").content
    locs = {
        e.text.removeprefix("http://testserver")
        for e in ElementTree.fromstring(xml).iter()
        if e.tag.endswith("loc")
    }
    assert {loc for loc in locs if "/reports/" in loc} == {
        f"/committee/minutes/{published[9].pk}/reports/{heard.pk}/"
    }
    # The page it names is there for the public.
    assert (
        client.get(f"/committee/minutes/{published[9].pk}/reports/{heard.pk}/").status_code == 200
    )
    # The minutes themselves are still listed, each once.
    assert {f"/committee/minutes/{m.pk}/" for m in published.values()} <= locs


def test_the_committee_page_says_which_published_minutes_heard_a_report(client, reports):
    heard, published = reports
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/committee/").text
    # Whether a meeting heard a report is asked within the one query of its meetings.
    [reads] = [q["sql"] for q in queries if "reports_presentedreport" in q["sql"]]
    assert reads.startswith('SELECT "committees_meeting"."fiscal_year"')
    rows = re.findall(r"<li><a href=\"/committee/minutes/.*?</li>", page)
    ninth, tenth, twelfth = (f"/committee/minutes/{published[n].pk}/" for n in (9, 10, 12))
    assert rows == [
        f'<li><a href="{twelfth}">平成22(2010)年度第12回運営委員会会議録</a> (平成23年3月29日(火))'
        "</li>",
        f'<li><a href="{tenth}">平成22(2010)年度第10回運営委員会会議録</a> (平成23年2月22日(火))'
        "</li>",
        f'<li><a href="{ninth}">平成22(2010)年度第9回運営委員会会議録</a> (平成23年1月18日(火)) '
        f'<a href="{ninth}#heard-reports">報告資料あり<span class="visually-hidden">'
        "（平成22(2010)年度第9回運営委員会会議録）</span></a></li>",
    ]
    # The link leads to the minutes' 報告資料, which link the report's page.
    minutes_page = client.get(ninth).text
    assert '<section class="heard-reports" id="heard-reports"' in minutes_page
    assert f'<a href="{ninth}reports/{heard.pk}/">月次報告 平成22年12月分</a>' in minutes_page
