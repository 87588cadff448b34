"""``receipt_board(as_of=…)``: the board as it stood at a moment (a held meeting's chair panel,
as the meeting began); receipts and bounces recorded after it are not counted."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, Circulation, CirculationRecipient
from kyodo.committees.selectors import receipt_board
from kyodo.core.models import OutboxMessage

pytestmark = pytest.mark.django_db

JST = ZoneInfo("Asia/Tokyo")
SENT = datetime(2011, 1, 25, 10, tzinfo=JST)
BEGAN = datetime(2011, 2, 22, 19, tzinfo=JST)  # the next meeting begins


def _at(day: int, hour: int, month: int = 2) -> datetime:
    return datetime(2011, month, day, hour, tzinfo=JST)


@pytest.fixture
def circulation(staff, meeting) -> Circulation:
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    circulation = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    Circulation.objects.filter(pk=circulation.pk).update(created_at=SENT)
    circulation.refresh_from_db()
    copies = {r.member.name: r for r in circulation.recipients.select_related("member")}
    OutboxMessage.objects.filter(pk__in=[r.message_id for r in copies.values()]).update(
        created_at=SENT, status=OutboxMessage.Status.SENT, sent_at=SENT, attempts=1
    )
    # 有賀 received it by link before the meeting; 熊田 only after it.
    _record(copies["有賀"], opened_at=_at(1, 20))
    _record(copies["熊田"], opened_at=_at(23, 9))
    # 坂口's mail bounced; the link was sent again after the meeting and she was handed the
    # draft on paper then.
    OutboxMessage.objects.filter(pk=copies["坂口"].message_id).update(
        status=OutboxMessage.Status.FAILED, last_error="550 5.1.1 No such user here"
    )
    services.recipient_resend(actor=staff, recipient=copies["坂口"])
    copies["坂口"].refresh_from_db()
    OutboxMessage.objects.filter(pk=copies["坂口"].message_id).update(
        created_at=_at(24, 10), status=OutboxMessage.Status.SENT, sent_at=_at(24, 10)
    )
    _record(copies["坂口"], paper_at=_at(24, 15))
    # 田辺 was handed it on paper before the meeting.
    _record(copies["田辺"], paper_at=_at(10, 14))
    # Another mail to 熊田 bounced before the meeting: not a mail of this draft.
    other = OutboxMessage.objects.create(
        to=copies["熊田"].member.email, subject="別件", body="別件",
        kind="committees.minutes.circulation", status=OutboxMessage.Status.FAILED,
        last_error="452 mailbox full",
    )  # fmt: skip
    OutboxMessage.objects.filter(pk=other.pk).update(created_at=_at(20, 10))
    return circulation


def _record(recipient: CirculationRecipient, **fields) -> None:
    CirculationRecipient.objects.filter(pk=recipient.pk).update(**fields)


def _rows(circulation, as_of=None) -> list[tuple[str, str, str]]:
    return [
        (r.recipient.member.name, r.state, str(r.label))
        for r in receipt_board(circulation=circulation, as_of=as_of)
    ]


def test_the_board_today_counts_every_receipt(circulation):
    assert _rows(circulation) == [
        ("有賀", "received", "受領済み"),
        ("熊田", "received", "受領済み"),
        ("坂口", "paper", "紙で手渡し"),
        ("田辺", "paper", "紙で手渡し"),
    ]


def test_the_board_as_the_meeting_began_leaves_out_what_came_after(circulation):
    assert _rows(circulation, as_of=BEGAN) == [
        ("有賀", "received", "受領済み"),
        ("熊田", "pending", "未受領"),
        ("坂口", "failed", "送信失敗"),
        ("田辺", "paper", "紙で手渡し"),
    ]


def test_before_the_bounce_and_the_receipts_nothing_had_come(circulation):
    # Before it was sent (1月25日 10時) nothing; the next morning 坂口's bounce, no receipt yet
    # (有賀's came on 2月1日).
    assert _rows(circulation, as_of=_at(25, 9, month=1)) == [
        ("有賀", "pending", "未受領"),
        ("熊田", "pending", "未受領"),
        ("坂口", "pending", "未受領"),
        ("田辺", "pending", "未受領"),
    ]
    assert _rows(circulation, as_of=_at(26, 9, month=1)) == [
        ("有賀", "pending", "未受領"),
        ("熊田", "pending", "未受領"),
        ("坂口", "failed", "送信失敗"),
        ("田辺", "pending", "未受領"),
    ]


def test_a_member_without_an_address_stays_so(staff, meeting, committee):
    from kyodo.committees.models import Member

    Member.objects.filter(name="田辺").update(email="")
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    circulation = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    tanabe = circulation.recipients.get(member__name="田辺")
    later = datetime(2099, 1, 1, tzinfo=JST)
    _record(tanabe, paper_at=later)
    today = receipt_board(circulation=circulation)
    then = receipt_board(circulation=circulation, as_of=datetime(2098, 1, 1, tzinfo=JST))
    assert (today[-1].recipient.member.name, today[-1].state) == ("田辺", "paper")
    assert (then[-1].recipient.member.name, then[-1].state) == ("田辺", "no_address")
