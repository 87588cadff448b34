"""The monthly report a committee meeting heard: compiled live until the center hands it out,
then read from what was frozen that day, whatever later happens to the events, groups and
consultations it counts (on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from datetime import date, time

import pytest

from kyodo.committees.models import AgendaItem
from kyodo.core.months import Month
from kyodo.events.models import Event
from kyodo.reports.models import PresentedReport
from kyodo.reports.selectors import monthly_report, presented_monthly_report
from kyodo.reports.services import (
    meeting_reports_freeze,
    presented_report_attach,
    presented_report_freeze,
    report_text,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "12月に実施した事業は「会計講座」（参加12名）、「実行委員会」（参加3名・3団体）、"
    "「説明会」（参加24団体）の3件。\n"
    "12月の新規団体登録は「ひまわり会」と「NPO法人けやき」の2件。"
    "現在の登録団体数は3団体である。\n"
    "12月の相談は3件（法人格2件、会計1件、助成金1件）。"
    "（1件の相談に複数の分類があるため、分類ごとの件数の合計は相談件数と一致しません）"
    "法人格について相談があった。助成金について相談があった。"
)


@pytest.fixture
def item(december, staff_user):
    from kyodo.committees.models import Committee, Meeting, Minutes
    from kyodo.core.models import Center

    committee = Committee.objects.create(
        center=Center.objects.create(name="センター"), name="運営委員会", slug="unei"
    )
    meeting = Meeting.objects.create(
        committee=committee, fiscal_year=2010, number=9, date=date(2011, 1, 18), start_time=time(19)
    )
    Minutes.objects.create(meeting=meeting)
    return AgendaItem.objects.create(
        meeting=meeting,
        category=AgendaItem.Category.REPORT,
        number=1,
        title="業務報告について",
    )


def _change_everything(staff_user):
    """What happens after the meeting: attendance corrected, an event recorded late, a group
    registered with a back date, a consultation entered late and one example withdrawn."""
    from kyodo.consultations.models import Consultation
    from kyodo.consultations.tests.factories import make_consultation
    from kyodo.reports.tests.conftest import _event, _organization

    Event.objects.filter(title="会計講座").update(attendance_people=40)
    _event("追加した講座", date(2010, 12, 25), Event.Status.HELD, people=7)
    _organization("もみじ会", "もみじかい", ("registered", date(2010, 12, 28)))
    make_consultation(staff_user, received_on=date(2010, 12, 27), categories=["other"])
    Consultation.objects.filter(report_example="助成金について相談があった。").update(
        use_in_report=False
    )


def test_until_handed_out_the_report_is_compiled_from_todays_rows(item, staff_user):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    assert report_text(presented_monthly_report(presented)) == TEXT

    Event.objects.filter(title="会計講座").update(attendance_people=40)

    assert presented_monthly_report(presented).events_held[0].people == 40
    assert not PresentedReport.objects.get().is_frozen


def test_after_handing_out_later_changes_leave_the_figures_as_heard(item, staff_user):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    presented_report_freeze(actor=staff_user, presented=presented)
    heard = presented_monthly_report(PresentedReport.objects.get())

    _change_everything(staff_user)

    again = presented_monthly_report(PresentedReport.objects.get())
    assert again == heard
    assert report_text(again) == TEXT
    assert [(e.name, e.people, e.groups) for e in again.events_held] == [
        ("会計講座", 12, None),
        ("実行委員会", 3, 3),
        ("説明会", None, 24),
    ]
    assert (again.registered_total, again.consultation_total) == (3, 3)
    assert [(c.label, c.count) for c in again.consultations_by_category] == [
        ("法人格", 2),
        ("会計", 1),
        ("助成金", 1),
    ]
    assert [(u.name, u.application_count, u.waitlisted_count) for u in again.upcoming_events] == [
        ("トークサロン", 4, 1)
    ]
    # The live report has moved on; what the meeting heard has not.
    live = report_text(monthly_report(month=Month(2010, 12)))
    assert live != TEXT
    assert "「会計講座」（参加40名）" in live


def test_the_staff_page_and_the_files_read_the_frozen_figures(item, staff_user, client):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    client.force_login(staff_user)
    url = f"/staff/reports/presented/{presented.pk}/"

    response = client.post(url)
    assert response.status_code == 302
    _change_everything(staff_user)

    page = client.get(url).text
    assert "「会計講座」（参加12名）" in page
    assert "40名" not in page
    assert "もみじ会" not in page
    csv_text = client.get(url + "report.csv").content.decode("utf-8-sig")
    assert "会計講座" in csv_text and "追加した講座" not in csv_text
    assert "助成金について相談があった。" in csv_text


def test_the_page_says_a_report_not_handed_out_can_still_change(item, staff_user, client):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    client.force_login(staff_user)

    page = client.get(f"/staff/reports/presented/{presented.pk}/").text

    assert "まだ配布していません" in page
    assert "配布する" in page


def test_handing_out_twice_is_refused_and_changes_nothing(item, staff_user, client):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    presented_report_freeze(actor=staff_user, presented=presented)
    before = PresentedReport.objects.values().get()
    _change_everything(staff_user)

    client.force_login(staff_user)
    response = client.post(f"/staff/reports/presented/{presented.pk}/", follow=True)

    assert "この月次報告はすでに配布しています。" in response.text
    assert PresentedReport.objects.values().get() == before


def test_held_or_confirmed_meetings_freeze_what_was_not_handed_out(item, staff_user):
    presented = presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    assert meeting_reports_freeze(actor=staff_user, meeting=item.meeting) == 1
    frozen = PresentedReport.objects.get()
    _change_everything(staff_user)

    assert meeting_reports_freeze(actor=staff_user, meeting=item.meeting) == 0
    assert PresentedReport.objects.get().figures == frozen.figures
    assert report_text(presented_monthly_report(presented.__class__.objects.get())) == TEXT


def test_a_month_not_over_or_a_second_report_is_refused(item, staff_user):
    from kyodo.core.exceptions import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        presented_report_attach(
            actor=staff_user, item=item, month=Month(2011, 1), today=date(2011, 1, 10)
        )
    assert str(refused.value.message) == (
        "平成23年1月はまだ終わっていません。月次報告は月が終わってから添付できます。"
    )
    presented_report_attach(
        actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
    )
    with pytest.raises(InvalidInput):
        presented_report_attach(
            actor=staff_user, item=item, month=Month(2010, 11), today=date(2011, 1, 10)
        )
    assert PresentedReport.objects.get().report_month == Month(2010, 12)


def test_confirmed_minutes_refuse_a_new_report(item, staff_user):
    from kyodo.committees.exceptions import MinutesConfirmed
    from kyodo.committees.models import Minutes

    Minutes.objects.filter(meeting=item.meeting).update(status=Minutes.Status.CONFIRMED)

    with pytest.raises(MinutesConfirmed):
        presented_report_attach(
            actor=staff_user, item=item, month=Month(2010, 12), today=date(2011, 1, 10)
        )
    assert not PresentedReport.objects.exists()
