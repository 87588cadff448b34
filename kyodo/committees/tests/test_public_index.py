"""The public committee page (/committee/): what it shows and what it reads."""

from __future__ import annotations

from datetime import timedelta

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


def test_the_committee_page_takes_four_queries_whatever_it_lists(
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
    # When the page is read: the committee, its minutes, its seats, its meetings to come
    queries, text = _page_queries(client, "/committee/")
    # Then
    assert len(queries) == 4
    assert "<tr><td>有賀</td><td>副委員長</td><td>NPO・NGO</td></tr>" in text
    assert (
        f'<li><a href="/committee/minutes/{meeting.minutes.pk}/">平成22年度第1回運営委員会</a>'
        " (平成23年1月18日(火))</li>"
    ) in text
    assert "第1回運営委員会: " in text and " イングビル3階 第1会議室</li>" in text
    assert "第2回運営委員会: " in text and " 会場未定</li>" in text
