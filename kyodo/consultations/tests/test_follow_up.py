"""A consultation's follow-up is marked done from its page: it leaves the to-do list, the page says
when, and it can be put back (the edit form refused unticking 「フォローアップが必要」 while its
date stayed, so staff had to delete the date to close one)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.models import AuditEntry
from kyodo.core.todo import consultation_follow_ups

pytestmark = pytest.mark.django_db


def _on_todo_list() -> list[str]:
    return [item.url for item in consultation_follow_ups(timezone.localdate())]


def test_staff_mark_a_follow_up_done_and_back(client, staff_user, member_user):
    today = timezone.localdate()
    due = make_consultation(
        staff_user,
        received_on=today - timedelta(days=10),
        follow_up_needed=True,
        follow_up_on=today - timedelta(days=1),
        follow_up_notes="助成金の締切を電話で伝える",
    )
    url = f"/staff/consultations/{due.pk}/"
    client.force_login(member_user)
    assert client.post(url + "follow-up/done/").status_code == 403
    client.force_login(staff_user)
    page = client.get(url).content.decode()
    assert ">フォローアップ済みにする</button>" in page
    assert _on_todo_list() == [url]

    response = client.post(url + "follow-up/done/", follow=True)
    due.refresh_from_db()
    assert due.follow_up_done_on == today
    page = response.content.decode()
    assert "フォローアップを済みにしました。" in page
    assert "に対応済み" in page and ">「必要」に戻す</button>" in page
    assert _on_todo_list() == []
    assert AuditEntry.objects.filter(
        action="kyodo.consultations.consultation.followed_up"
    ).get().changes == {"follow_up_done_on": [None, today.isoformat()]}

    client.post(url + "follow-up/reopen/")
    due.refresh_from_db()
    assert due.follow_up_done_on is None
    assert _on_todo_list() == [url]


def test_a_consultation_without_follow_up_cannot_be_marked_and_nothing_changes(client, staff_user):
    plain = make_consultation(staff_user, received_on=date(2026, 11, 2))
    client.force_login(staff_user)
    before = AuditEntry.objects.count()
    response = client.post(f"/staff/consultations/{plain.pk}/follow-up/done/", follow=True)
    assert "この相談はフォローアップが必要とされていません。" in response.content.decode()
    plain.refresh_from_db()
    assert plain.follow_up_done_on is None and AuditEntry.objects.count() == before
    assert client.post(f"/staff/consultations/{plain.pk}/follow-up/other/").status_code == 404
