"""The public committee page (/committee/): what it shows and what it reads."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, Membership
from kyodo.committees.tests.conftest import approve


def _page_queries(client, url: str) -> tuple[list[str], str]:
    """The page's own queries (the layout's read of the center left out) and its text."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    return [q["sql"] for q in queries if '"core_center"' not in q["sql"]], page.text


def test_the_committee_page_takes_three_queries_whatever_it_lists(
    client, staff, committee, meeting, venue
):
    # Given a sitting committee with confirmed minutes and meetings to come
    Membership.objects.filter(committee=committee).update(term_end=None)
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(
        actor=staff, committee=committee, date=meeting.date.replace(month=2)
    )
    approve(staff, following.items.get())
    services.minutes_confirm(actor=staff, minutes=meeting.minutes)
    soon = timezone.localdate() + timedelta(days=30)
    services.meeting_create(actor=staff, committee=committee, date=soon, venue=venue)
    services.meeting_create(actor=staff, committee=committee, date=soon + timedelta(days=30))
    # When the page is read: the committee, its seats, its meetings (to come and with minutes)
    queries, text = _page_queries(client, "/committee/")
    # Then
    assert len(queries) == 3
    assert "<tr><td>有賀</td><td>副委員長</td><td>NPO・NGO</td></tr>" in text
    assert (
        f'<li><a href="/committee/minutes/{meeting.minutes.pk}/">平成22(2010)年度第1回運営委員会会議録</a>'
        " (平成23年1月18日(火))</li>"
    ) in text
    assert "第1回運営委員会：" in text and " イングビル3階 第1会議室</li>" in text
    assert "第2回運営委員会：" in text and " 会場未定</li>" in text


def test_an_archive_shows_the_last_committee_that_sat_and_its_minutes_newest_first(
    client, staff, committee
):
    # Given a committee whose terms ended on 2011-03-31 (the fixture's) and one later seat, its
    # last meeting in June 2011, and published minutes in two fiscal years
    from kyodo.committees.models import Member, Minutes, MinutesVersion

    later = Member.objects.create(name="後任", name_reading="こうにん", sector=Member.Sector.NPO)
    Membership.objects.create(
        committee=committee, member=later, term_start=date(2011, 4, 1), term_end=date(2012, 3, 31)
    )
    meetings = [
        services.meeting_create(actor=staff, committee=committee, date=day)
        for day in (date(2011, 2, 15), date(2011, 5, 18), date(2011, 6, 18))
    ]
    for meeting in meetings:
        version = MinutesVersion.objects.create(
            minutes=meeting.minutes, number=1, document={}, sha256="0"
        )
        Minutes.objects.filter(pk=meeting.minutes.pk).update(
            status=Minutes.Status.CONFIRMED, current_version=version
        )
    # When the page is read
    queries, text = _page_queries(client, "/committee/")
    # Then the seats are those of the last meeting's day, the minutes newest first by fiscal year
    assert "<tbody><tr><td>後任</td><td>委員</td><td>NPO・NGO</td></tr></tbody>" in text
    links = [f'<li><a href="/committee/minutes/{m.minutes.pk}/">' for m in meetings]
    assert text.index("<h3>平成23(2011)年度</h3>") < text.index(links[2]) < text.index(links[1])
    assert text.index(links[1]) < text.index("<h3>平成22(2010)年度</h3>") < text.index(links[0])
    # the committee, its seats today (none), its last meeting, that day's seats, its meetings
    assert len(queries) == 5
