"""The committee's part of the demo: the 8th, 9th and 10th meetings of FY2010."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from kyodo.committees import demo as committee_demo
from kyodo.committees.models import (
    ActionItem,
    AgendaItem,
    Appointment,
    Decision,
    Meeting,
    Minutes,
)
from kyodo.committees.selectors import (
    Quorum,
    agenda_sections,
    attendees,
    quorum_of,
    receipt_board,
)
from kyodo.core.demo import load_demo


def _meeting(number: int) -> Meeting:
    return Meeting.objects.get(committee__slug="unei", fiscal_year=2010, number=number)


def test_the_demo_tells_the_story_of_the_seed(demo):
    eighth, ninth, tenth = _meeting(8), _meeting(9), _meeting(10)

    # The 8th's draft: by the 9th two members had not received it (吉田's mail bounced), so the
    # 9th put its approval off; they received it before the 10th, which approved it (history,
    # dated then: committees22 finding 4).
    circulation = eighth.minutes.circulations.get()
    ninth_began = datetime(2011, 1, 18, 19, tzinfo=ZoneInfo("Asia/Tokyo"))
    late = sorted(r.member.name for r in circulation.recipients.all() if r.opened_at > ninth_began)
    assert late == ["吉田", "山辺"]
    assert [row.state for row in receipt_board(circulation=circulation)] == ["received"] * 12
    assert Minutes.objects.get(meeting=eighth).status == Minutes.Status.APPROVED

    assert (ninth.date, ninth.start_time, ninth.end_time, ninth.venue.name) == (
        date(2011, 1, 18),
        time(19),
        time(21),
        "イングビル3階 第1会議室",
    )
    decisions = {
        (d.item.category, d.item.number): (d.outcome, d.method)
        for d in Decision.objects.filter(item__meeting=ninth)
    }
    assert decisions[(AgendaItem.Category.DELIBERATION, 1)] == ("deferred", "none")
    assert decisions[(AgendaItem.Category.DELIBERATION, 2)] == ("approved", "unanimous")
    appointment = Appointment.objects.get(decided_at__meeting=ninth)
    assert (appointment.member.name, appointment.title) == ("熊田", "社会福祉協議会担当理事候補")
    assert Appointment.objects.filter(term_end=date(2011, 4, 1)).count() == 1
    action = ActionItem.objects.get(meeting=ninth)
    assert (action.assignee, action.status) == ("事務局", "open")
    assert "協働についてのワークショップ" in action.description

    minutes = Minutes.objects.get(meeting=ninth)
    assert minutes.status == Minutes.Status.CONFIRMED and len(minutes.content_hash) == 64
    assert minutes.approved_at.meeting == tenth
    assert minutes.current_version.number == 1
    assert minutes.current_version.document["approval"] == {
        "meeting": "平成22年度第10回運営委員会",
        "meeting_code": "2010-10",
        "date": "2011-02-22",
        "item": "平成22年度第9回運営委員会会議録について",
        "outcome": "approved",
        "method": "unanimous",
    }

    # The 10th, which approved the 9th's minutes, was held, with its quorum: the history holds.
    # Scheduled with 「場所は未定」, it was held in the usual room.
    assert (tenth.date, tenth.start_time, tenth.venue.name) == (
        date(2011, 2, 22),
        time(19),
        "イングビル3階 第1会議室",
    )
    assert tenth.status == Meeting.Status.HELD
    assert quorum_of(meeting=tenth) == Quorum(present=11, required=7)
    assert [m.name for m in attendees(meeting=tenth)] == [
        "有賀", "岡澤", "熊田", "小林", "坂口", "田辺", "中曽根", "橋本", "宮﨑", "山辺", "吉田"
    ]  # fmt: skip
    approval = tenth.items.get(minutes_for=ninth.minutes)
    assert (approval.decision.outcome, approval.decision.method) == ("approved", "unanimous")
    carried = tenth.items.get(minutes_for=eighth.minutes)
    assert carried.title == "2010年度第8回西東京市市民協働推進センター運営委員会会議録について"
    assert carried.carried_from.meeting == ninth
    assert (carried.decision.outcome, carried.decision.method) == ("approved", "unanimous")
    assert Minutes.objects.get(meeting=eighth).approved_at == carried


def test_the_demo_has_a_committee_at_work_this_fiscal_year(demo):
    from django.utils import timezone

    from kyodo.committees.selectors import approval_check, memberships_on
    from kyodo.core.wareki import fiscal_year

    committee_demo.load_current()
    committee_demo.load_current()  # idempotent
    today = timezone.localdate()
    # The meeting held five weeks ago is approved at the latest one (test_demo_today.py).
    _earlier, held, following = Meeting.objects.filter(date__gt=date(2011, 3, 31)).order_by("date")
    assert held.date < today < following.date
    assert (held.status, following.status) == ("held", "scheduled")
    assert fiscal_year(following.date) in (fiscal_year(today), fiscal_year(today) + 1)
    assert len(memberships_on(committee=held.committee, on=today)) == 12
    assert held.minutes.status == Minutes.Status.CIRCULATED
    states = {
        row.recipient.member.name: row.state
        for row in receipt_board(circulation=held.minutes.circulations.get())
    }
    assert {n: s for n, s in states.items() if s != "received"} == {
        "岡澤": "pending",
        "山辺": "pending",
        "吉田": "failed",
    }
    approval = following.items.get(minutes_for=held.minutes)
    check = approval_check(item=approval, today=today)
    # The next meeting is still ahead: its approval cannot be recorded yet.
    assert check.blocking == ["会議の日付が未来です。未来の日付で決定は記録できません。"]
    assert [r.recipient.member.name for r in check.not_received] == ["岡澤", "山辺", "吉田"]


def test_the_eighth_minutes_were_received_by_every_member_before_the_tenth(demo):
    from django.utils import timezone

    from kyodo.committees.selectors import approval_check

    item = _meeting(10).items.get(minutes_for=_meeting(8).minutes)
    check = approval_check(item=item, today=timezone.localdate())
    assert (check.blocking, check.warnings, check.not_received) == ([], [], [])


def test_loading_the_demo_twice_adds_no_meetings(demo):
    counts = (Meeting.objects.count(), AgendaItem.objects.count())
    load_demo()
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == counts


def test_without_the_seed_file_the_ninth_is_built_from_facts(db, monkeypatch, capsys):
    monkeypatch.setattr(committee_demo, "seed_gold_path", lambda: Path("/nonexistent/gold.json"))
    load_demo()
    ninth = _meeting(9)
    sections = agenda_sections(ninth)
    assert [(n, heading, len(items)) for n, heading, items in sections] == [
        (1, "報告事項", 3),
        (2, "審議事項", 2),
        (3, "協議事項", 1),
        (4, "その他", 1),
    ]
    assert sections[0][2][0].title == "西東京市市民協働推進センターの業務報告について"
    assert ninth.items.count() == 7
    assert (
        Decision.objects.get(
            item__meeting=ninth, item__category="deliberation", item__number=1
        ).outcome
        == "deferred"
    )
    assert (
        "平成22年度第9回運営委員会は会議の事実だけから作りました（発言の全文はありません）。"
        "全文には /nonexistent/gold.json が必要です。"
    ) in capsys.readouterr().out


def test_the_package_carries_the_seed_for_a_checkout_without_the_shared_folder(settings, tmp_path):
    # A clone on its own (no ../shared/seed/): the copy in the package is read.
    settings.BASE_DIR = tmp_path / "kyodo"
    path = committee_demo.seed_gold_path()
    assert path == Path(committee_demo.__file__).parent / "demo_data" / committee_demo.SEED_GOLD
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["title"].endswith("運営委員会会議録")
    assert sum(len(i["entries"]) for s in data["sections"] for i in s["items"]) == 67
