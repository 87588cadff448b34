from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied

from kyodo.committees import services
from kyodo.committees.documents import version_document
from kyodo.committees.exceptions import (
    InvalidInput,
    MinutesConfirmed,
    MinutesNotApprovable,
    NumberTaken,
)
from kyodo.committees.models import (
    ActionItem,
    AgendaItem,
    Appointment,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesVersion,
)
from kyodo.committees.selectors import (
    attendees,
    open_action_items,
    quorum_of,
    terms_ending,
)
from kyodo.committees.tests.conftest import confirm, hold, members
from kyodo.core.models import AuditEntry

HOUSE_TEXT = """委員長：協働について意見交換をしたい。
事務局：総論としての協働を考えるのも一方法であるが、
２月９日の協働シンポジウムで見えてくる部分もあると思う。
委 員：市民活動団体の参加に比べ行政の参加が少ない。
○満場一致で次期担当理事候補を熊田委員長にお願いすることになった。
"""


def _new_meeting(staff, committee, day, **kwargs):
    return services.meeting_create(actor=staff, committee=committee, date=day, **kwargs)


def test_meetings_are_numbered_within_the_fiscal_year_and_restart_in_april(committee, staff):
    numbers = [
        (m.fiscal_year, m.number)
        for m in [
            _new_meeting(staff, committee, date(2010, 12, 14)),
            _new_meeting(staff, committee, date(2011, 1, 18)),
            _new_meeting(staff, committee, date(2011, 3, 31)),
            _new_meeting(staff, committee, date(2011, 4, 1)),
            _new_meeting(staff, committee, date(2011, 5, 17)),
        ]
    ]
    assert numbers == [(2010, 1), (2010, 2), (2010, 3), (2011, 1), (2011, 2)]
    assert str(Meeting.objects.get(fiscal_year=2010, number=2)) == "平成22年度第2回運営委員会"
    assert AuditEntry.objects.filter(action="kyodo.committees.meeting.created").count() == 5


def test_a_number_already_taken_is_refused_and_nothing_is_created(committee, staff):
    _new_meeting(staff, committee, date(2011, 1, 18), number=9)
    with pytest.raises(NumberTaken) as error:
        _new_meeting(staff, committee, date(2011, 2, 22), number=9)
    assert str(error.value) == "この年度にはすでに同じ回の会議があります。"
    assert Meeting.objects.count() == 1
    assert _new_meeting(staff, committee, date(2011, 2, 22)).number == 10


def test_only_staff_create_meetings(committee, member_user):
    with pytest.raises(PermissionDenied):
        _new_meeting(member_user, committee, date(2011, 1, 18))
    assert Meeting.objects.count() == 0


def test_attendees_in_gojuon_order_and_the_quorum_warning(committee, staff, meeting):
    people = members(committee)
    for name in ["田辺", "坂口"]:
        services.attendance_record(
            actor=staff, meeting=meeting, member=people[name], status=Attendance.Status.PRESENT
        )
    services.attendance_record(
        actor=staff, meeting=meeting, member=people["熊田"], status=Attendance.Status.ABSENT
    )
    quorum = quorum_of(meeting=meeting)
    assert (quorum.present, quorum.required, quorum.reached) == (2, 3, False)

    services.attendance_record(
        actor=staff, meeting=meeting, member=people["有賀"], status=Attendance.Status.ONLINE
    )
    assert [m.name for m in attendees(meeting=meeting)] == ["有賀", "坂口", "田辺"]
    assert quorum_of(meeting=meeting).reached is True


def test_deferred_item_carries_over_twice_in_a_row(committee, staff, meeting):
    item = services.item_add(
        actor=staff,
        meeting=meeting,
        category=AgendaItem.Category.DELIBERATION,
        title="社会福祉協議会の担当理事候補について",
    )
    # The next meeting exists already: deferring puts the item on it at once.
    tenth = _new_meeting(staff, committee, date(2011, 2, 22))
    services.decision_record(actor=staff, item=item, outcome=Decision.Outcome.DEFERRED)
    carried = tenth.items.get()
    assert (carried.title, carried.category, carried.number, carried.carried_from) == (
        "社会福祉協議会の担当理事候補について",
        AgendaItem.Category.DELIBERATION,
        1,
        item,
    )
    # Deferred again; the 11th does not exist yet: it gets the item when it is created.
    services.decision_record(actor=staff, item=carried, outcome=Decision.Outcome.DEFERRED)
    eleventh = _new_meeting(staff, committee, date(2011, 3, 15))
    again = eleventh.items.get()
    assert again.carried_from == carried
    assert again.carried_from.carried_from == item
    # Creating yet another meeting does not carry the same item twice.
    _new_meeting(staff, committee, date(2011, 3, 29))
    assert AgendaItem.objects.filter(title="社会福祉協議会の担当理事候補について").count() == 3


def test_a_majority_decision_needs_its_votes(committee, staff, meeting):
    hold(staff, meeting)  # four members present
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DELIBERATION, title="議題"
    )
    with pytest.raises(InvalidInput) as error:
        services.decision_record(
            actor=staff,
            item=item,
            outcome=Decision.Outcome.APPROVED,
            method=Decision.Method.MAJORITY,
            votes_for=2,
            votes_against=2,
        )
    assert str(error.value) == "賛成多数には、反対より多い賛成が必要です。"
    assert not Decision.objects.exists()
    decision = services.decision_record(
        actor=staff,
        item=item,
        outcome=Decision.Outcome.APPROVED,
        method=Decision.Method.MAJORITY,
        votes_for=3,
        votes_against=1,
    )
    assert (decision.votes_for, decision.votes_against) == (3, 1)


def _minutes_with_entries(staff, meeting) -> AgendaItem:
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text=HOUSE_TEXT)
    return item


def test_house_format_is_parsed_into_entries_linked_to_members(committee, staff, meeting):
    item = _minutes_with_entries(staff, meeting)
    rows = [(e.position, e.kind, e.speaker, e.member and e.member.name) for e in item.entries.all()]
    assert rows == [
        (1, "statement", "委員長", "熊田"),
        (2, "statement", "事務局", None),
        (3, "statement", "委員", None),
        (4, "note", "", None),
    ]
    assert item.entries.get(position=2).text == (
        "総論としての協働を考えるのも一方法であるが、２月９日の協働シンポジウムで見えてくる部分もあると思う。"
    )


def test_text_without_entries_is_refused_and_nothing_changes(committee, staff, meeting):
    item = _minutes_with_entries(staff, meeting)
    with pytest.raises(InvalidInput) as error:
        services.minutes_entries_from_text(actor=staff, item=item, text="   \n  ")
    assert str(error.value) == "本文に発言もメモも見つかりません。"
    assert item.entries.count() == 4


def test_entries_move_split_and_join(committee, staff, meeting):
    item = _minutes_with_entries(staff, meeting)
    first, second = item.entries.all()[:2]
    services.entry_move(actor=staff, entry=second, up=True)
    assert [e.speaker for e in item.entries.all()] == ["事務局", "委員長", "委員", ""]
    with pytest.raises(InvalidInput):
        services.entry_move(actor=staff, entry=MinutesEntry.objects.get(pk=second.pk), up=True)

    chair = MinutesEntry.objects.get(pk=first.pk)
    new = services.entry_split(actor=staff, entry=chair, at=5)
    assert [(e.speaker, e.text) for e in item.entries.all()[:3]] == [
        ("事務局", second.text),
        ("委員長", "協働につい"),
        ("委員長", "て意見交換をしたい。"),
    ]
    assert new.position == 3
    services.entry_join(actor=staff, entry=MinutesEntry.objects.get(pk=first.pk))
    assert [e.text for e in item.entries.all()][1] == "協働について意見交換をしたい。"
    assert [e.position for e in item.entries.all()] == [1, 2, 3, 4]

    services.entry_update(
        actor=staff, entry=MinutesEntry.objects.get(pk=first.pk), speaker="熊田委員", text="修正"
    )
    edited = MinutesEntry.objects.get(pk=first.pk)
    assert (edited.speaker, edited.member.name, edited.text) == ("熊田委員", "熊田", "修正")


def _confirmed(committee, staff, meeting) -> tuple[Minutes, AgendaItem]:
    item = _minutes_with_entries(staff, meeting)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = _new_meeting(staff, committee, date(2011, 2, 22))
    approval = following.items.get(minutes_for=meeting.minutes)
    assert approval.title == "平成22年度第1回運営委員会会議録について"
    confirm(staff, approval, method=Decision.Method.UNANIMOUS)
    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    assert minutes.status == Minutes.Status.CONFIRMED
    assert minutes.approved_at == approval
    assert len(minutes.content_hash) == 64
    return minutes, item


def _snapshot(meeting):
    return (
        list(MinutesEntry.objects.filter(item__meeting=meeting).values_list("speaker", "text")),
        list(AgendaItem.objects.filter(meeting=meeting).values_list("title", "body")),
        list(Attendance.objects.filter(meeting=meeting).values_list("member", "status")),
        list(Decision.objects.filter(item__meeting=meeting).values_list("outcome", "text")),
        list(Meeting.objects.filter(pk=meeting.pk).values_list("venue", "start_time", "status")),
        list(Minutes.objects.filter(meeting=meeting).values_list("status", "current_version")),
    )


def test_confirmed_minutes_refuse_every_change_and_nothing_changes(committee, staff, meeting):
    minutes, item = _confirmed(committee, staff, meeting)
    entry = item.entries.first()
    before = _snapshot(meeting)
    audit_count = AuditEntry.objects.count()
    attempts = [
        lambda: services.minutes_entries_from_text(actor=staff, item=item, text="委員長：改ざん"),
        lambda: services.entry_update(actor=staff, entry=entry, speaker="委員長", text="改ざん"),
        lambda: services.entry_move(actor=staff, entry=entry, up=False),
        lambda: services.entry_split(actor=staff, entry=entry, at=2),
        lambda: services.entry_join(actor=staff, entry=entry),
        lambda: services.entry_delete(actor=staff, entry=entry),
        lambda: services.item_add(
            actor=staff, meeting=meeting, category=AgendaItem.Category.OTHER, title="追加"
        ),
        lambda: services.item_update(actor=staff, item=item, title="改題", body=""),
        lambda: services.attendance_record(
            actor=staff,
            meeting=meeting,
            member=members(committee)["熊田"],
            status=Attendance.Status.ABSENT,
        ),
        lambda: services.decision_record(actor=staff, item=item, outcome=Decision.Outcome.REJECTED),
        lambda: services.meeting_update(
            actor=staff,
            meeting=meeting,
            date=meeting.date,
            start_time=None,
            end_time=None,
            venue=None,
            status="held",
        ),
        lambda: services.meeting_cancel(actor=staff, meeting=meeting),
        lambda: services.meeting_delete(actor=staff, meeting=meeting),
        lambda: services.item_delete(actor=staff, item=item),
        lambda: services.item_move(actor=staff, item=item, up=True),
        lambda: services.minutes_circulate(actor=staff, minutes=minutes),
    ]
    for attempt in attempts:
        with pytest.raises(MinutesConfirmed) as error:
            attempt()
        assert str(error.value) == (
            "この会議録は確定稿のため変更できません。訂正は改訂として記録してください。"
        )
    assert _snapshot(meeting) == before
    assert AuditEntry.objects.count() == audit_count


def test_a_correction_is_a_new_version_with_its_reason_and_author(committee, staff, meeting):
    minutes, item = _confirmed(committee, staff, meeting)
    first = minutes.current_version
    place = services.item_places(version_document(first))[0][0]
    assert services.item_text(version_document(first), place) == HOUSE_TEXT.replace(
        "委 員：", "委員："
    ).replace("であるが、\n", "であるが、")
    version = services.minutes_correct(
        actor=staff,
        minutes=minutes,
        place=place,
        text="委員長：協働について、意見交換をしたい。",
        reason="句読点の誤りを訂正",
    )
    minutes.refresh_from_db()
    assert (version.number, version.reason, version.author) == (2, "句読点の誤りを訂正", staff)
    assert minutes.current_version == version and minutes.status == Minutes.Status.CONFIRMED
    # Version 1 is kept exactly as it was frozen.
    first.refresh_from_db()
    assert first.document["sections"][0]["items"][0]["entries"][0] == {
        "kind": "statement",
        "speaker": "委員長",
        "text": "協働について意見交換をしたい。",
    }
    assert version.document["sections"][0]["items"][0]["entries"] == [
        {"kind": "statement", "speaker": "委員長", "text": "協働について、意見交換をしたい。"}
    ]
    assert [e.text for e in item.entries.all()] == ["協働について、意見交換をしたい。"]
    assert version.sha256 != first.sha256 and len(version.sha256) == 64
    assert [(d.op, d.text) for d in services.version_diff(first, version) if d.op != "same"][
        :2
    ] == [
        ("removed", "委員長：協働について意見交換をしたい。"),
        (
            "removed",
            "事務局：総論としての協働を考えるのも一方法であるが、２月９日の協働シンポジウムで見えてくる部分もあると思う。",
        ),
    ]

    for text, reason, message in (
        ("委員長：再", " ", "訂正の理由を入力してください。"),
        ("委員長：協働について、意見交換をしたい。", "再訂正", "現在の版と同じ内容です。"),
    ):
        with pytest.raises(InvalidInput) as error:
            services.minutes_correct(
                actor=staff, minutes=minutes, place=place, text=text, reason=reason
            )
        assert str(error.value) == message
    assert MinutesVersion.objects.filter(minutes=minutes).count() == 2


def test_minutes_cannot_be_approved_before_they_are_circulated(committee, staff, meeting):
    _minutes_with_entries(staff, meeting)
    following = _new_meeting(staff, committee, date(2011, 2, 22))
    item = services.item_add(
        actor=staff,
        meeting=following,
        category=AgendaItem.Category.DELIBERATION,
        title="会議録について",
        minutes_for=meeting.minutes,
    )
    hold(staff, following)
    with pytest.raises(MinutesNotApprovable) as error:
        services.decision_record(actor=staff, item=item, outcome=Decision.Outcome.APPROVED)
    assert str(error.value) == "会議録がまだ委員に送付されていません。"
    assert Minutes.objects.get(pk=meeting.minutes.pk).status == Minutes.Status.DRAFT
    assert not Decision.objects.exists()


def test_scheduling_the_next_meeting_notes_it_under_other_business(committee, staff, meeting):
    tenth = services.meeting_schedule_next(
        actor=staff, meeting=meeting, date=date(2011, 2, 22), start_time=time(19)
    )
    assert (tenth.number, tenth.venue, tenth.start_time) == (2, None, time(19))
    note = meeting.items.get(category=AgendaItem.Category.OTHER)
    assert note.title == "次回運営委員会日程について"
    assert [(e.speaker, e.text) for e in note.entries.all()] == [
        ("事務局", "次回は2月22日(火)午後7時から。場所は未定。")
    ]


def test_open_action_items_are_listed_for_the_next_meeting(committee, staff, meeting):
    action = services.action_item_add(
        actor=staff, meeting=meeting, description="協働についてのワークショップ", assignee="事務局"
    )
    tenth = _new_meeting(staff, committee, date(2011, 2, 22))
    assert list(open_action_items(meeting=tenth)) == [action]
    services.action_item_set_status(actor=staff, action=action, status=ActionItem.Status.DONE)
    assert list(open_action_items(meeting=tenth)) == []


def test_terms_ending_within_90_days(committee, staff, meeting):
    chair = members(committee)["熊田"]
    services.appointment_add(
        actor=staff,
        committee=committee,
        member=chair,
        title="社会福祉協議会担当理事候補",
        term_start=date(2009, 4, 2),
        term_end=date(2011, 4, 1),
    )
    assert terms_ending(committee=committee, today=date(2010, 12, 1)) == []
    ending = terms_ending(committee=committee, today=date(2011, 1, 18))
    assert ending[0][0] == date(2011, 3, 31)
    assert (date(2011, 4, 1), "熊田", "社会福祉協議会担当理事候補") in ending
    with pytest.raises(InvalidInput):
        services.appointment_add(
            actor=staff,
            committee=committee,
            member=chair,
            title="理事",
            term_start=date(2011, 4, 2),
            term_end=date(2011, 4, 1),
        )
    assert Appointment.objects.count() == 1


def test_business_report_prefill_takes_the_report_text(demo):
    from kyodo.reports.services import monthly_report_text

    text = services.business_report_text(year=2010, month=12)
    assert text == monthly_report_text(year=2010, month=12)
    assert text.startswith("12月に実施した事業は") and "現在の登録団体数は49団体である。" in text


def test_notice_goes_to_every_seated_member_through_the_outbox(committee, staff, meeting):
    from kyodo.core.models import OutboxMessage

    services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    assert services.meeting_send_notice(actor=staff, meeting=meeting) == 4
    messages = OutboxMessage.objects.filter(kind="committees.meeting.notice")
    assert sorted(m.to for m in messages) == [
        "ariga@example.jp",
        "kumada@example.jp",
        "sakaguchi@example.jp",
        "tanabe@example.jp",
    ]
    body = messages.first().body
    assert "■開催日時：平成23年1月18日(火) 午後7時～9時" in body
    assert "■開催会場：イングビル3階 第1会議室" in body
    assert "報告事項\n  1. 業務報告について" in body


def test_a_meeting_update_audits_its_changes_and_the_members_told_once(staff, meeting):
    def update(**changes):
        when = {
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "venue": meeting.venue,
            "status": Meeting.Status.SCHEDULED,
        }
        return services.meeting_update(actor=staff, meeting=meeting, **(when | changes))

    def audited() -> list[dict]:
        rows = AuditEntry.objects.filter(action="kyodo.committees.meeting.updated")
        return [entry.changes for entry in rows.order_by("pk")]

    update(start_time=time(18, 30))  # before the notice: nobody to tell
    services.meeting_send_notice(actor=staff, meeting=meeting)
    update(start_time=time(18, 30), venue=None)
    update(start_time=time(18, 30), venue=None)  # nothing changed: no row
    # A refused change writes nothing either.
    with pytest.raises(InvalidInput) as error:
        update(date=date(2011, 1, 25), end_time=time(18))
    assert error.value.field == "end_time"
    assert audited() == [
        {"start_time": ["19:00:00", "18:30:00"]},
        {"venue": ["イングビル3階 第1会議室", None], "members_told": 4},
    ]
    meeting.refresh_from_db()
    assert (meeting.date, meeting.start_time, meeting.venue) == (
        date(2011, 1, 18),
        time(18, 30),
        None,
    )
