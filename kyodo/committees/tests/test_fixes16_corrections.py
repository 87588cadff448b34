"""Finding 3: a member's 訂正依頼 reaches staff (mail, the to-do list), is called 訂正依頼 in the
audit log, and keeps the line as it read when the request was made."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, CorrectionRequest
from kyodo.core.audit_labels import ACTION_LABELS
from kyodo.core.models import Center, OutboxMessage
from kyodo.core.todo import KINDS_BY_KEY, todo_counts

LINE = "事務局：第１回市民まつりのフェティバル部門について報告した。"


@pytest.fixture
def draft(staff, meeting):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text=LINE)
    circulation = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    return item.entries.get(), circulation.recipients.get(member__name="坂口")


def _mails() -> list[OutboxMessage]:
    return list(
        OutboxMessage.objects.filter(kind="committees.minutes.correction_requested").order_by("to")
    )


def test_a_request_is_mailed_to_the_centers_address(committee, draft):
    entry, recipient = draft
    Center.objects.filter(pk=committee.center_id).update(email="center@example.jp")
    correction = services.correction_submit(
        token=recipient.token, entry_id=entry.pk, text="「フェスティバル」の誤りです。"
    )
    (mail,) = _mails()
    assert mail.to == "center@example.jp"
    assert mail.related == correction
    assert "坂口" in mail.body
    assert LINE in mail.body
    assert "「フェスティバル」の誤りです。" in mail.body
    assert f"/staff/committees/minutes/{entry.item.meeting.minutes.pk}/" in mail.body


def test_without_a_center_address_every_active_staff_member_is_mailed(
    committee, staff, make_user, draft
):
    from kyodo.core.roles import Role

    make_user("away", Role.STAFF, is_active=False)
    make_user("suda", Role.STAFF)
    _entry, recipient = draft
    services.correction_submit(token=recipient.token, entry_id=None, text="欠席者の記載漏れ")
    assert [m.to for m in _mails()] == ["nishiguchi@example.jp", "suda@example.jp"]


def test_open_requests_are_a_line_of_the_todo_list_until_dealt_with(staff, draft):
    entry, recipient = draft
    today = timezone.localdate()
    assert todo_counts(today)["corrections"] == 0
    correction = services.correction_submit(
        token=recipient.token, entry_id=entry.pk, text="「フェスティバル」の誤りです。"
    )
    kind = KINDS_BY_KEY["corrections"]
    assert todo_counts(today)["corrections"] == 1
    (item,) = kind.items(today)
    minutes = entry.item.meeting.minutes
    assert (item.title, item.url, item.when, item.detail) == (
        "平成22年度第1回運営委員会",
        f"/staff/committees/minutes/{minutes.pk}/",
        today,
        "坂口：「フェスティバル」の誤りです。",
    )
    services.correction_resolve(actor=staff, correction=correction)
    assert todo_counts(today)["corrections"] == 0
    assert kind.items(today) == []


def test_the_todo_page_lists_open_requests(client, staff, draft):
    entry, recipient = draft
    services.correction_submit(token=recipient.token, entry_id=entry.pk, text="誤字")
    client.force_login(staff)
    page = client.get("/staff/todo/corrections/")
    assert page.status_code == 200
    assert f"/staff/committees/minutes/{entry.item.meeting.minutes.pk}/" in page.text
    assert "坂口：誤字" in page.text


def test_the_request_keeps_the_line_as_it_read_when_made(client, staff, draft):
    entry, recipient = draft
    correction = services.correction_submit(
        token=recipient.token, entry_id=entry.pk, text="「フェスティバル」の誤りです。"
    )
    services.entry_update(
        actor=staff,
        entry=entry,
        speaker="事務局",
        text="第１回市民まつりのフェスティバル部門について報告した。",
    )
    correction = CorrectionRequest.objects.get(pk=correction.pk)
    assert correction.entry_text == LINE
    assert correction.line == LINE
    page = client.get(f"/committee/check/{recipient.token}/")
    assert (
        f"<li>「{LINE}」 → 「フェスティバル」の誤りです。 <strong>（未対応）</strong></li>"
        in page.text
    )
    # A request about the minutes as a whole has no line.
    whole = services.correction_submit(token=recipient.token, entry_id=None, text="全体")
    assert (whole.entry_text, whole.line) == ("", "")


def test_the_audit_log_calls_it_a_correction_request_as_the_screens_do():
    assert str(ACTION_LABELS["kyodo.committees.minutes.correction_requested"]) == "訂正依頼"
    assert str(ACTION_LABELS["kyodo.committees.minutes.correction_resolved"]) == "訂正依頼への対応"
