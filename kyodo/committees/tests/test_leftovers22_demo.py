"""The demo's published meeting (the seed's 9th of FY2010) carries the monthly report it heard:
December 2010's, handed out at the meeting, its figures those of that evening whatever day the
demo is loaded, and the public finds it from the committee page, the minutes and sitemap.xml."""

from __future__ import annotations

import re
from datetime import date, datetime
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation

from kyodo.committees.models import Meeting
from kyodo.reports.models import PresentedReport

pytestmark = pytest.mark.django_db


def test_the_seed_meeting_heard_december_s_report_as_handed_out_that_evening(demo):
    from kyodo.committees.documents import sha256_of
    from kyodo.core.months import Month
    from kyodo.reports.frozen import report_to_dict
    from kyodo.reports.selectors import monthly_report

    [presented] = PresentedReport.objects.select_related("item__meeting", "frozen_by")
    ninth = Meeting.objects.get(committee__slug="unei", fiscal_year=2010, number=9)
    assert (presented.item.meeting, presented.item.category, presented.item.title) == (
        ninth,
        "report",
        "西東京市市民協働推進センターの業務報告について",
    )
    assert presented.month == date(2010, 12, 1)
    assert presented.frozen_at == datetime(2011, 1, 18, 19, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert presented.frozen_by.username == "nishiguchi"
    # Compiled as of the meeting's day, not the day the demo ran: the same figures on any day.
    figures = presented.figures
    assert (figures["month"], figures["compiled_on"]) == ("2010-12", "2011-01-18")
    assert [r["name"] for r in figures["new_registrations"]] == [
        "西東京風の会",
        "特定非営利活動法人たま市民葬コラボ",
        "西東京シネマ倶楽部",
    ]
    assert (figures["registered_total"], figures["consultation_total"]) == (49, 3)
    with translation.override(settings.LANGUAGE_CODE):
        again = report_to_dict(monthly_report(month=Month(2010, 12), today=date(2011, 1, 18)))
    assert figures == again and presented.sha256 == sha256_of(again)
    assert ninth.minutes.status == "confirmed"


def test_the_public_finds_the_report_of_the_published_minutes(demo, client):
    presented = PresentedReport.objects.get()
    minutes = presented.item.meeting.minutes
    minutes_url = f"/committee/minutes/{minutes.pk}/"
    report_url = f"{minutes_url}reports/{presented.pk}/"

    index = client.get("/committee/").text
    assert (
        f'<li><a href="{minutes_url}">平成22(2010)年度第9回運営委員会会議録</a> '
        f'(平成23年1月18日(火)) <a href="{minutes_url}#heard-reports">報告資料あり'
    ) in index
    assert index.count("報告資料あり") == 1

    page = client.get(minutes_url).text
    assert f'<a href="{report_url}">月次報告 平成22年12月分</a>' in page

    report = client.get(report_url)
    assert report.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", report.text))
    assert "平成23年1月18日(火)に配布した報告です。" in text
    assert " 新規登録団体 3 月末の登録団体数 49 相談 3 " in text

    xml = client.get("/sitemap.xml").content
    locs = {
        e.text.removeprefix("http://testserver")
        for e in ElementTree.fromstring(xml).iter()
        if e.tag.endswith("loc")
    }
    assert {loc for loc in locs if "/reports/" in loc} == {report_url}
