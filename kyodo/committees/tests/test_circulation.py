"""Circulating draft minutes: personal links by real mail, receipts, failures, resend, paper."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.exceptions import InvalidInput, MinutesConfirmed
from kyodo.committees.models import (
    AgendaItem,
    CirculationRecipient,
    CorrectionRequest,
    Decision,
    Minutes,
)
from kyodo.committees.selectors import receipt_board
from kyodo.committees.tests.conftest import approve
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.outbox import outbox_flush


def _draft(staff, meeting) -> AgendaItem:
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    services.minutes_entries_from_text(
        actor=staff, item=item, text="委員長：協働について意見交換をしたい。\n○意見交換を行った。"
    )
    return item


def _states(circulation) -> dict[str, str]:
    return {row.recipient.member.name: row.state for row in receipt_board(circulation=circulation)}


def test_receipt_board_with_a_real_smtp_server(smtp_server, staff, meeting):
    # Given one member's address is refused by the mail server (550),
    smtp_server.refuse_recipients.add("tanabe@example.jp")
    _draft(staff, meeting)

    # when the draft is circulated and the outbox delivered,
    circulation = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    assert outbox_flush() == {"sent": 3, "queued": 1}

    # every other member got their own link, and the refused one shows as failed.
    tokens = {r.member.name: r.token for r in circulation.recipients.select_related("member")}
    assert len(set(tokens.values())) == 4 and all(len(t) >= 40 for t in tokens.values())
    for name, address in [("坂口", "sakaguchi"), ("熊田", "kumada"), ("有賀", "ariga")]:
        (mail,) = smtp_server.by_recipient(f"{address}@example.jp")
        assert f"/committee/check/{tokens[name]}/" in mail["message"].get_content()
        assert mail["message"]["Subject"] == "【確認依頼】平成22年度第1回運営委員会会議録（未定稿）"
    assert smtp_server.by_recipient("tanabe@example.jp") == []
    assert _states(circulation) == {
        "有賀": "pending",
        "熊田": "pending",
        "坂口": "pending",
        "田辺": "failed",
    }

    # Opening the link records the receipt (once).
    first = services.recipient_receive(token=tokens["熊田"])
    opened_at = first.opened_at
    assert services.recipient_receive(token=tokens["熊田"]).opened_at == opened_at
    assert services.recipient_receive(token="not-a-token") is None
    assert _states(circulation)["熊田"] == "received"

    # After the address is fixed, resending works.
    smtp_server.refuse_recipients.clear()
    tanabe = circulation.recipients.get(member__name="田辺")
    services.recipient_resend(actor=staff, recipient=tanabe)
    assert outbox_flush() == {"sent": 1}
    (mail,) = smtp_server.by_recipient("tanabe@example.jp")
    assert f"/committee/check/{tokens['田辺']}/" in mail["message"].get_content()
    assert _states(circulation)["田辺"] == "pending"
    assert OutboxMessage.objects.get(pk=tanabe.message_id).related == tanabe

    # Paper counts as received.
    services.recipient_mark_paper(
        actor=staff, recipient=circulation.recipients.get(member__name="有賀")
    )
    assert _states(circulation)["有賀"] == "paper"
    assert AuditEntry.objects.filter(action="kyodo.committees.minutes.received").count() == 1


def test_a_member_sends_a_correction_on_an_entry(staff, meeting):
    item = _draft(staff, meeting)
    circulation = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    recipient = circulation.recipients.get(member__name="坂口")
    entry = item.entries.get(position=1)

    correction = services.correction_submit(
        token=recipient.token, entry_id=entry.pk, text="「意見交換」を「情報交換」に"
    )
    assert (correction.entry, correction.text, correction.recipient) == (
        entry,
        "「意見交換」を「情報交換」に",
        recipient,
    )
    recipient.refresh_from_db()
    assert recipient.opened_at is not None  # a correction proves receipt

    with pytest.raises(InvalidInput) as error:
        services.correction_submit(token=recipient.token, entry_id=entry.pk, text="  ")
    assert str(error.value) == "訂正してほしい内容を入力してください。"
    with pytest.raises(InvalidInput):
        services.correction_submit(token="wrong", entry_id=entry.pk, text="x")
    assert CorrectionRequest.objects.count() == 1


def test_approval_carries_over_until_it_is_approved(committee, staff, meeting):
    _draft(staff, meeting)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    second = services.meeting_create(actor=staff, committee=committee, date=date(2011, 2, 22))
    approval = second.items.get()
    assert (approval.category, approval.title) == (
        AgendaItem.Category.DELIBERATION,
        "平成22年度第1回運営委員会会議録について",
    )
    services.decision_record(actor=staff, item=approval, outcome=Decision.Outcome.DEFERRED)
    third = services.meeting_create(actor=staff, committee=committee, date=date(2011, 3, 15))
    again = third.items.get()
    assert again.carried_from == approval and again.minutes_for == meeting.minutes
    approve(staff, again, method="unanimous")
    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    assert (minutes.status, minutes.approved_at) == (Minutes.Status.APPROVED, again)
    services.minutes_confirm(actor=staff, minutes=minutes)
    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    assert (minutes.status, minutes.current_version.number) == (Minutes.Status.CONFIRMED, 1)

    # Confirmed minutes take no more corrections from members, and are not circulated again.
    recipient = CirculationRecipient.objects.filter(circulation__minutes=minutes).first()
    with pytest.raises(MinutesConfirmed):
        services.correction_submit(token=recipient.token, entry_id=None, text="訂正")
    assert CorrectionRequest.objects.count() == 0
