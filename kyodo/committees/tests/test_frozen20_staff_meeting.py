"""The staff meeting and item pages of a meeting whose minutes are confirmed offer no form the
services would refuse (attendance, agenda, statements) and say why, in Japanese; the forms that
still work (requests, corrections on the minutes page) stay."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, Attendance, Minutes
from kyodo.committees.tests.conftest import approve, confirm

CONFIRMED = (
    "この会議の会議録は確定しています。出席・議題・発言はもう変わりません。"
    "直すときは、会議録のページの訂正を使ってください。"
)
APPROVED = (
    "この会議の会議録は承認されています。確定するまで、出席・議題・発言は承認されたとおりで、"
    "変更できません。"
)


def _circulated(staff, committee, meeting):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DELIBERATION, title="予算"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="委員長：はじめます。")
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(actor=staff, committee=committee, date=date(2011, 2, 22))
    return item, following.items.get(minutes_for=meeting.minutes)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_meeting_offers_its_forms(committee, staff, meeting, staff_client):
    item, _approval = _circulated(staff, committee, meeting)
    page = _page(staff_client, f"/staff/committees/meetings/{meeting.pk}/")
    assert "出欠を保存" in page and "議題の追加" in page
    assert 'id="meeting-locked"' not in page and 'id="attendance-locked"' not in page
    page = _page(staff_client, f"/staff/committees/items/{item.pk}/")
    assert "会議録の入力・貼り付け" in page and 'id="item-locked"' not in page


def test_confirmed_minutes_hide_the_forms_that_would_be_refused(
    committee, staff, meeting, staff_client
):
    item, approval = _circulated(staff, committee, meeting)
    confirm(staff, approval)
    assert Minutes.objects.get(meeting=meeting).is_confirmed
    page = _page(staff_client, f"/staff/committees/meetings/{meeting.pk}/")
    assert "出欠を保存" not in page
    assert "議題の追加" not in page
    assert f"/staff/committees/items/{item.pk}/edit/" not in page
    assert f'<p class="message info" id="attendance-locked">{CONFIRMED}</p>' in page
    assert f'id="meeting-locked">{CONFIRMED} <a href="/staff/committees/minutes/' in page
    # Still offered: scheduling the next meeting.
    assert f"/staff/committees/meetings/{meeting.pk}/next/" in page
    page = _page(staff_client, f"/staff/committees/items/{item.pk}/")
    assert f'<p class="message info" id="item-locked">{CONFIRMED}</p>' in page
    assert "会議録の入力・貼り付け" not in page and "↑" not in page
    assert "依頼事項として登録" in page  # requests are still tracked


def test_attendance_posted_anyway_changes_nothing(committee, staff, meeting, staff_client):
    _item, approval = _circulated(staff, committee, meeting)
    confirm(staff, approval)
    before = list(Attendance.objects.filter(meeting=meeting).values_list("member", "status"))
    data = {f"m{a.member_id}": "absent" for a in Attendance.objects.filter(meeting=meeting)}
    response = staff_client.post(f"/staff/committees/meetings/{meeting.pk}/", data)
    assert response.status_code in (200, 400)
    assert (
        list(Attendance.objects.filter(meeting=meeting).values_list("member", "status")) == before
    )


def test_approved_minutes_say_so_too(committee, staff, meeting, staff_client):
    _item, approval = _circulated(staff, committee, meeting)
    approve(staff, approval)
    page = _page(staff_client, f"/staff/committees/meetings/{meeting.pk}/")
    assert "出欠を保存" not in page
    assert f'<p class="message info" id="attendance-locked">{APPROVED}</p>' in page
