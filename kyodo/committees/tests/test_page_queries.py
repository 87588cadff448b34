"""The committee pages people open most take a fixed, small number of queries (issue #19):
nothing is asked from a template, no row costs a query of its own."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, Committee
from kyodo.committees.tests.conftest import confirm
from kyodo.core.models import User


@pytest.fixture
def staff_client(client, demo):
    client.force_login(User.objects.get(username="nishiguchi"))
    return client


def test_the_staff_committee_page(staff_client, django_assert_num_queries):
    # Session, user and roles; the center; the committee; seats and terms ending; appointments;
    # meetings with their venues and minutes; the venues of the new-meeting form; secretariat.
    with django_assert_num_queries(10):
        assert staff_client.get("/staff/committees/").status_code == 200
    committee = Committee.objects.get(slug="unei")
    staff = User.objects.get(username="nishiguchi")
    for day in (date(2011, 3, 15), date(2011, 4, 19)):
        services.meeting_create(actor=staff, committee=committee, date=day)
    with django_assert_num_queries(10):
        assert staff_client.get("/staff/committees/").status_code == 200


def test_the_member_page(client, demo, django_assert_num_queries):
    client.force_login(User.objects.get(username="kumada"))
    with django_assert_num_queries(8):
        assert client.get("/member/").status_code == 200


def test_the_public_minutes_page(client, staff, committee, meeting, django_assert_num_queries):
    for category, title, text in [
        (AgendaItem.Category.REPORT, "業務報告について", "事務局：報告した。\n委員長：了解。"),
        (AgendaItem.Category.DISCUSSION, "協働について", "委員：意見。\n○了承した。"),
    ]:
        item = services.item_add(actor=staff, meeting=meeting, category=category, title=title)
        services.minutes_entries_from_text(actor=staff, item=item, text=text)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(
        actor=staff, committee=committee, date=meeting.date.replace(month=2)
    )
    confirm(staff, following.items.get())
    # The minutes with their current version; the center (the layout).
    with django_assert_num_queries(2):
        page = client.get(f"/committee/minutes/{meeting.minutes.pk}/")
    assert page.status_code == 200
    assert '<span class="speaker">委員長</span>：了解。</li>' in page.text
