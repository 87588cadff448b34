"""The demo tells one story on the day it runs (a newcomer's findings): the current year's
latest meeting approved the earlier minutes, which are confirmed and are the newest published;
the seed meeting's 8th draft had not reached two members when the 9th met; the center has one
address everywhere; the open call's proposal was submitted on office hours during the call."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kyodo.committees.models import Meeting, Minutes
from kyodo.committees.selectors import receipt_board
from kyodo.core.models import Center, OutboxMessage

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
ADDRESS = "東京都西東京市田無町4丁目 イングビル3階"


@pytest.fixture
def demo_now(db):
    from kyodo.core.demo import load_demo

    load_demo(current=True)


def _current() -> list[Meeting]:
    return list(
        Meeting.objects.filter(date__gt=date(2011, 3, 31))
        .order_by("date")
        .select_related("minutes")
    )


def test_the_latest_meeting_approved_the_earlier_minutes_now_the_newest_published(client, demo_now):
    earlier, latest, following = _current()
    today = timezone.localdate()
    assert (earlier.number, latest.number) == (1, 2)
    assert latest.date < today < following.date
    assert [m.status for m in (earlier, latest, following)] == ["held", "held", "scheduled"]

    # 第2回 approved 第1回's minutes unanimously; confirmed the next morning at 9:30.
    approval = latest.items.get(minutes_for=earlier.minutes)
    assert (approval.category, approval.title) == ("deliberation", f"{earlier}会議録について")
    assert (approval.decision.outcome, approval.decision.method) == ("approved", "unanimous")
    minutes = Minutes.objects.get(meeting=earlier)
    assert (minutes.status, minutes.approved_at) == ("confirmed", approval)
    assert minutes.confirmed_at == datetime.combine(
        latest.date + timedelta(days=1), time(9, 30), tzinfo=TOKYO
    )
    assert minutes.current_version.number == 1
    assert minutes.current_version.created_at == minutes.confirmed_at
    # The newest published minutes are this year's, not 2010's.
    assert Minutes.objects.filter(status="confirmed").latest("meeting__date") == minutes
    assert list(Minutes.objects.filter(status="confirmed").values_list("meeting__number", "meeting__fiscal_year").order_by("meeting__date")) == [
        (9, 2010), (1, earlier.fiscal_year)
    ]  # fmt: skip

    # The members were told, 吉田's mail bouncing as the later draft's does.
    told = OutboxMessage.objects.filter(kind="committees.minutes.confirmed")
    assert told.count() == 12
    assert {(m.status, m.sent_at) for m in told.exclude(to="yoshida@example.jp")} == {
        ("sent", minutes.confirmed_at)
    }
    assert list(told.filter(status="failed").values_list("to", flat=True)) == ["yoshida@example.jp"]

    # 第2回's own draft is still going round, to be approved at the next meeting: something for
    # the members to check.
    assert latest.minutes.status == "circulated"
    circulation = latest.minutes.circulations.get()
    assert circulation.created_at == datetime.combine(
        latest.date + timedelta(days=1), time(10), tzinfo=TOKYO
    )
    states = {r.recipient.member.name: r.state for r in receipt_board(circulation=circulation)}
    assert {n: s for n, s in states.items() if s != "received"} == {
        "岡澤": "pending",
        "山辺": "pending",
        "吉田": "failed",
    }
    pending = following.items.get(minutes_for=latest.minutes)
    assert not hasattr(pending, "decision")

    # The public index lists the new minutes first.
    index = client.get("/committee/").text
    assert index.index(f"/committee/minutes/{minutes.pk}/") < index.index(
        f"/committee/minutes/{Minutes.objects.get(meeting__fiscal_year=2010, meeting__number=9).pk}/"
    )


def test_the_eighth_draft_had_not_reached_two_members_when_the_ninth_met(demo):
    eighth = Meeting.objects.get(fiscal_year=2010, number=8)
    ninth = Meeting.objects.get(fiscal_year=2010, number=9)
    began = datetime(2011, 1, 18, 19, tzinfo=TOKYO)
    circulation = eighth.minutes.circulations.get()
    assert circulation.created_at == datetime(2010, 12, 21, 10, tzinfo=TOKYO)
    received_by_then = sorted(
        r.member.name_reading
        for r in circulation.recipients.select_related("member")
        if r.opened_at and r.opened_at < began
    )
    assert len(received_by_then) == 10
    late = {
        r.member.name: timezone.localtime(r.opened_at)
        for r in circulation.recipients.select_related("member")
        if r.opened_at >= began
    }
    assert late == {
        "山辺": datetime(2011, 1, 22, 20, tzinfo=TOKYO),
        "吉田": datetime(2011, 1, 22, 20, tzinfo=TOKYO),
    }
    # 吉田's first mail bounced before the 9th; it went again the day after it.
    yoshida = circulation.recipients.get(member__name="吉田")
    mails = OutboxMessage.objects.filter(to="yoshida@example.jp", kind=yoshida.message.kind)
    first = mails.filter(created_at__lt=began).get()
    assert (first.status, first.attempts) == ("failed", 8)
    assert (yoshida.message.status, timezone.localtime(yoshida.message.sent_at)) == (
        "sent",
        datetime(2011, 1, 19, 10, tzinfo=TOKYO),
    )
    # So the 9th put the approval off, and the 10th approved it.
    deferred = ninth.items.get(minutes_for=eighth.minutes)
    assert deferred.decision.outcome == "deferred"
    assert deferred.decision.text == "未着信の委員がいたので、次回に審議することとした。"
    assert eighth.minutes.approved_at.meeting.number == 10


def test_the_center_has_one_address_everywhere(client, demo):
    center = Center.objects.get()
    assert center.address == ADDRESS
    home = client.get("/").text
    access = client.get("/access/").text
    assert ADDRESS in home and ADDRESS in access
    for page in (home, access, client.get("/events/").text):
        assert "田無町 イングビル" not in page
        assert f"<p>{ADDRESS}</p>" in page  # the footer


def test_the_open_call_s_proposal_was_submitted_on_office_hours_during_the_call(client, demo):
    from kyodo.collaboration.demo import OPEN_CALL
    from kyodo.collaboration.models import Proposal
    from kyodo.core.models import User

    proposal = Proposal.objects.select_related("call").get(call__title=OPEN_CALL)
    call = proposal.call
    submitted = timezone.localtime(proposal.submitted_at)
    assert call.opens_on == timezone.localdate() - timedelta(days=14)
    assert (submitted.date(), submitted.time()) == (call.opens_on + timedelta(days=9), time(14, 20))
    assert call.opens_on <= submitted.date() <= call.closes_on
    client.force_login(User.objects.get(username="nishiguchi"))
    page = client.get(f"/staff/collaboration/proposals/{proposal.pk}/").text
    assert "<dt>申請日時</dt>" in page
    assert " 午後2時20分</dd>" in page
    # The 2010 call's two proposals, in its last week, on the afternoon.
    earlier = {
        p.title: timezone.localtime(p.submitted_at) for p in Proposal.objects.exclude(call=call)
    }
    assert earlier == {
        "西東京の10年を映像でふりかえる市民上映会": datetime(2010, 6, 25, 14, 35, tzinfo=TOKYO),
        "10周年記念 親子ミュージカル": datetime(2010, 6, 28, 16, 10, tzinfo=TOKYO),
    }
