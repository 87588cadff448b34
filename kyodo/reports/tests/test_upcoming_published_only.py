"""今後の事業と申込状況 lists only events on the public site (published, or held since): a draft
stays off the page and every download (PDF, Excel, CSV), since they share one selector."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest
from openpyxl import load_workbook

from kyodo.core.months import Month
from kyodo.events.models import Application, Event, EventKind
from kyodo.reports.report import UpcomingEvent
from kyodo.reports.selectors import monthly_report

pytestmark = pytest.mark.django_db

SALON = UpcomingEvent("トークサロン", date(2011, 1, 15), 6, 1, 4, 1)


@pytest.fixture
def with_drafts(december):
    """The december data and, in January 2011, two drafts (one with an application, as a draft
    taken off the site after applications has) and an event held since."""
    draft = Event.objects.create(
        title="未公開の講座", kind=EventKind.LECTURE, date=date(2011, 1, 10), status="draft"
    )
    Event.objects.create(
        title="検討中の交流会", kind=EventKind.SOCIAL, date=date(2011, 1, 20), status="draft"
    )
    Event.objects.create(
        title="開催した懇談会", kind=EventKind.ROUND_TABLE, date=date(2011, 1, 8), status="held"
    )
    Application.objects.create(
        event=draft, kind="individual", people=1, status="confirmed", name="申込者"
    )


def test_the_report_lists_no_draft(with_drafts):
    report = monthly_report(month=Month(2010, 12))

    assert report.upcoming_events == [
        UpcomingEvent("開催した懇談会", date(2011, 1, 8), 0, 0, 0),
        SALON,
    ]


def test_the_page_and_every_download_leave_the_drafts_out(with_drafts, client, staff_user):
    client.force_login(staff_user)
    base = "/staff/reports/monthly/2010-12/"

    page = client.get(base).text
    csv_text = client.get(base + "report.csv").content.decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(client.get(base + "report.xlsx").content))
    sheet = [
        [c.value for c in row] for row in workbook["今後の事業と申込状況"].iter_rows(min_row=4)
    ]
    with pdfplumber.open(io.BytesIO(client.get(base + "report.pdf").content)) as document:
        pdf_text = "".join("\n".join(p.extract_text() or "" for p in document.pages).split())

    for shown in (page, csv_text, pdf_text):
        assert "トークサロン" in shown
        assert "開催した懇談会" in shown
        assert "未公開の講座" not in shown
        assert "検討中の交流会" not in shown
    assert [row[1] for row in sheet] == ["開催した懇談会", "トークサロン"]
