"""The committee of `kyodo demo` on the day it runs, whatever the day (the first days of April,
1 January, any weekday): the latest meeting, held in the last week, approved the earlier one's
minutes, which staff confirmed and so published the morning after; its own draft is going round
for the next meeting."""

from __future__ import annotations

import io
from datetime import date, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kyodo.committees import demo as committee_demo
from kyodo.committees import services
from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.models import Meeting, Minutes
from kyodo.committees.selectors import approval_check, memberships_on, receipt_board
from kyodo.committees.services.circulation import circulation_refusal
from kyodo.core.demo import load_center
from kyodo.core.models import AuditEntry, OutboxMessage, User
from kyodo.core.wareki import fiscal_year

pytestmark = pytest.mark.django_db

# Days the demo may be loaded on, all in the past so that the meetings before them have begun:
# a week of April (the 年度 changes on the 1st; 2025 starts a term of office), 1 January, the
# last day of a fiscal year and every weekday.
DAYS = [
    date(2025, 4, 1),
    date(2026, 1, 1),
    date(2026, 3, 31),
    *(date(2026, 4, 1) + timedelta(days=n) for n in range(7)),
    date(2026, 11, 30),
]


@pytest.fixture
def committee(db):
    # The center, its staff and the committee's twelve members, without the 2010 history.
    load_center()
    committee_demo._load_members()


def _current() -> tuple[Meeting, Meeting, Meeting]:
    return tuple(
        Meeting.objects.filter(date__gt=date(2011, 3, 31))
        .order_by("date")
        .select_related("minutes")
    )


def _receipts(minutes: Minutes) -> dict[str, str]:
    board = receipt_board(circulation=minutes.circulations.order_by("-pk").first())
    return {row.recipient.member.name: row.state for row in board if row.state != "received"}


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_on_any_day_the_latest_meeting_can_approve_the_earlier_minutes(committee, today):
    committee_demo.load_current(today)
    committee_demo.load_current(today)  # idempotent

    earlier, latest, following = _current()
    # Tuesdays: about five weeks ago, in the last seven days, about four weeks ahead.
    assert [m.date.weekday() for m in (earlier, latest, following)] == [1, 1, 1]
    assert 29 <= (today - earlier.date).days <= 35
    assert 1 <= (today - latest.date).days <= 7
    assert 28 <= (following.date - today).days <= 34
    assert [m.status for m in (earlier, latest, following)] == ["held", "held", "scheduled"]
    # Numbered within their own fiscal year (April–March).
    for meeting in (earlier, latest, following):
        assert meeting.fiscal_year == fiscal_year(meeting.date)
    assert [m.number for m in (earlier, latest)] == [1, 2]
    assert following.number == (3 if following.fiscal_year == latest.fiscal_year else 1)
    # Twelve members sit on each meeting's day, across a change of term.
    for meeting in (earlier, latest, following):
        assert len(memberships_on(committee=meeting.committee, on=meeting.date)) == 12

    # Every member had received the earlier draft; the latest is still going round.
    assert (earlier.minutes.status, latest.minutes.status) == ("confirmed", "circulated")
    assert _receipts(earlier.minutes) == {}
    assert _receipts(latest.minutes) == {"岡澤": "pending", "山辺": "pending", "吉田": "failed"}

    # The latest meeting approved the earlier minutes unanimously; staff confirmed them the
    # morning after, at 9:30, before its own draft went out at 10:00.
    approval = latest.items.get(minutes_for=earlier.minutes)
    assert approval.title == f"{earlier}会議録について"
    assert approval.category == "deliberation"
    assert (approval.decision.outcome, approval.decision.method) == ("approved", "unanimous")
    assert earlier.minutes.approved_at == approval
    morning = timezone.localtime(earlier.minutes.confirmed_at)
    assert (morning.date(), morning.time()) == (latest.date + timedelta(days=1), time(9, 30))
    assert earlier.minutes.current_version.number == 1
    assert earlier.minutes.current_version.document["approval"] == {
        "meeting": str(latest),
        "meeting_code": latest.code,
        "date": latest.date.isoformat(),
        "item": approval.title,
        "outcome": "approved",
        "method": "unanimous",
    }
    assert approval_check(item=approval, today=today).confirmed
    # The next meeting approves the latest draft, later.
    assert following.items.filter(minutes_for=latest.minutes).count() == 1
    assert not hasattr(following.items.get(minutes_for=latest.minutes), "decision")


def test_loaded_again_another_day_it_adds_nothing(committee):
    committee_demo.load_current(date(2026, 4, 1))
    counts = (Meeting.objects.count(), OutboxMessage.objects.count())
    committee_demo.load_current(date(2026, 6, 1))
    # Two drafts sent to the twelve members, and the confirmation of the first.
    assert (Meeting.objects.count(), OutboxMessage.objects.count()) == counts == (3, 36)


def test_the_public_reads_the_minutes_the_latest_meeting_approved(client, db):
    call_command("demo", stdout=io.StringIO())
    today = timezone.localdate()
    earlier, latest, following = _current()
    approval = latest.items.get(minutes_for=earlier.minutes)
    assert latest.date < today < following.date

    # Staff find the approval recorded on the latest meeting's page, nothing left to decide.
    client.force_login(User.objects.get(username="nishiguchi"))
    assert (
        f"/staff/committees/items/{approval.pk}/"
        in client.get(f"/staff/committees/meetings/{latest.pk}/").text
    )
    # The members were told that the minutes are published (吉田's address bounces).
    told = OutboxMessage.objects.filter(kind="committees.minutes.confirmed")
    assert told.count() == 12
    assert list(told.filter(status="failed").values_list("to", flat=True)) == ["yoshida@example.jp"]

    # The public reads them and finds them by a word of theirs: the newest published minutes.
    client.logout()
    page = client.get(f"/committee/minutes/{earlier.minutes.pk}/")
    assert page.status_code == 200
    assert "相談の内容に傾向はありますか。" in page.text
    assert str(earlier) in client.get("/search/", {"q": "助成金の申請"}).text
    assert Minutes.objects.filter(status="confirmed").latest("meeting__date") == earlier.minutes


def test_draft_minutes_of_a_meeting_not_begun_or_cancelled_are_not_sent(committee):
    # Given the demo's meetings and a draft written ahead for a meeting not held yet,
    committee_demo.load_current(date(2026, 4, 1))
    staff = User.objects.get(username="nishiguchi")
    _earlier, latest, following = _current()
    ahead = services.meeting_create(
        actor=staff, committee=following.committee,
        date=date(2040, 4, 3), start_time=time(19),
    )  # fmt: skip
    item = services.item_add(actor=staff, meeting=ahead, category="report", title="業務報告")
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告します。\n")
    services.meeting_cancel(actor=staff, meeting=following)
    counts = (
        OutboxMessage.objects.count(),
        AuditEntry.objects.count(),
        list(Minutes.objects.order_by("pk").values_list("status", flat=True)),
    )

    # when staff try to send the drafts, both are refused, saying why,
    with pytest.raises(InvalidInput) as error:
        services.minutes_circulate(actor=staff, minutes=ahead.minutes)
    assert str(error.value) == (
        "令和22年度第1回運営委員会の開始は令和22年4月3日(火) 午後7時です。"
        "開催済みの記録と会議録の送付は、その時刻からできます。"
    )
    with pytest.raises(InvalidInput) as error:
        services.minutes_circulate(actor=staff, minutes=following.minutes)
    assert str(error.value) == "この会議は中止されています。"

    # and nothing changed; the minutes pages say the same instead of offering 送付.
    assert counts == (
        OutboxMessage.objects.count(),
        AuditEntry.objects.count(),
        list(Minutes.objects.order_by("pk").values_list("status", flat=True)),
    )
    assert circulation_refusal(ahead.minutes) == (
        "令和22年度第1回運営委員会の開始は令和22年4月3日(火) 午後7時です。"
        "開催済みの記録と会議録の送付は、その時刻からできます。"
    )
    cancelled = Minutes.objects.select_related("meeting").get(meeting=following)
    assert circulation_refusal(cancelled) == "この会議は中止されています。"
    # A held meeting's draft may be sent (again).
    assert circulation_refusal(latest.minutes) is None
