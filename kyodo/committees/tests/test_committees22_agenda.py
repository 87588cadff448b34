"""A newcomer's meeting on the demo (2026-12-07): an item carried over that the next meeting
already had is not listed twice; numbers follow the dates, or two meetings exchange them in one
step (「回を入れ替える」), never a confirmed record's; an approval of an item not linked to the
minutes it names is linked in the same form or refused before anything is saved; approving at a
meeting whose day has come but that is still 予定 records it as held in the same step."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.exceptions import InvalidInput, MinutesNotApprovable, NumberTaken
from kyodo.committees.models import AgendaItem, Decision, Meeting, Minutes
from kyodo.committees.tests.conftest import confirm, hold
from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _draft(staff, meeting, text="委員長：意見を伺います。") -> None:
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text=text)


def _circulated(staff, meeting) -> Minutes:
    """``meeting`` held, its draft sent and received by every member."""
    _draft(staff, meeting)
    hold(staff, meeting)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    meeting.minutes.circulations.get().recipients.update(opened_at=timezone.now())
    return Minutes.objects.get(meeting=meeting)


def _create(staff, committee, day: date, **extra) -> Meeting:
    return services.meeting_create(
        actor=staff, committee=committee, date=day, start_time=time(19), end_time=time(21),
        **extra,
    )  # fmt: skip


def _agenda(meeting) -> list[tuple]:
    return [
        (i.category, i.number, i.title, i.minutes_for_id, i.carried_from_id)
        for i in AgendaItem.objects.filter(meeting=meeting).order_by("category", "number")
    ]


def _numbers(committee) -> list[tuple[date, int]]:
    return list(Meeting.objects.filter(committee=committee).order_by("date").values_list(
        "date", "number"))  # fmt: skip


def _renumbered_rows() -> list[tuple[str, dict]]:
    return [
        (row.object_id, row.changes)
        for row in AuditEntry.objects.filter(action="kyodo.committees.meeting.updated").order_by(
            "pk"
        )
        if "number" in row.changes
    ]


# --- 1. an item carried over that the next meeting already has ---------------------------------


def test_deferring_a_hand_typed_approval_links_the_next_meetings_approval_item(
    staff, committee, meeting
):
    # Given 第1回's draft circulated while 第2回 (2月22日) was the next meeting: its approval
    # item is on 第2回's agenda
    later = _create(staff, committee, date(2011, 2, 22))
    first = _circulated(staff, meeting)
    approval = AgendaItem.objects.get(meeting=later, minutes_for=first)
    # and a meeting added for 2月8日, where the clerk typed the approval by hand (not linked)
    inserted = _create(staff, committee, date(2011, 2, 8))
    typed = services.item_add(actor=staff, meeting=inserted, category="deliberation",
                              title="平成22年度第1回運営委員会会議録について")  # fmt: skip
    hold(staff, inserted)
    # When the committee puts it off (継続審議)
    services.decision_record(actor=staff, item=typed, outcome=Decision.Outcome.DEFERRED)
    # Then the next meeting lists the approval once: its own item is the carried one
    assert _agenda(later) == [
        ("deliberation", 1, "平成22年度第1回運営委員会会議録について", first.pk, typed.pk)
    ]
    assert AgendaItem.objects.get(pk=approval.pk).carried_from_id == typed.pk
    # and the meeting page says where it came from, once.
    from django.test import Client

    client = Client()
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{later.pk}/").text
    assert re.findall(r'<li value="\d+" id="item-\d+"><a href="[^"]+">([^<]+)</a>', page) == [
        "平成22年度第1回運営委員会会議録について"
    ]
    assert page.count("（平成22年度第2回運営委員会から継続）") == 1


def test_deferring_an_item_the_next_meeting_has_by_title_links_it(staff, committee, meeting):
    hold(staff, meeting)
    item = services.item_add(actor=staff, meeting=meeting, category="deliberation",
                             title="社会福祉協議会の担当理事候補について")  # fmt: skip
    later = _create(staff, committee, date(2011, 2, 22))
    # The clerk had already put it on the next agenda, typed with full-width letters and spaces.
    there = services.item_add(actor=staff, meeting=later, category="deliberation",
                              title="社会福祉協議会の　担当理事候補について")  # fmt: skip
    services.decision_record(actor=staff, item=item, outcome=Decision.Outcome.DEFERRED)
    assert _agenda(later) == [
        ("deliberation", 1, "社会福祉協議会の　担当理事候補について", None, item.pk)
    ]
    assert AgendaItem.objects.get(pk=there.pk).carried_from_id == item.pk


def test_a_deferred_item_the_next_meeting_lacks_is_still_copied(staff, committee, meeting):
    hold(staff, meeting)
    item = services.item_add(actor=staff, meeting=meeting, category="deliberation",
                             title="社会福祉協議会の担当理事候補について")  # fmt: skip
    later = _create(staff, committee, date(2011, 2, 22))
    services.item_add(actor=staff, meeting=later, category="deliberation", title="会計について")
    services.decision_record(actor=staff, item=item, outcome=Decision.Outcome.DEFERRED)
    copy = AgendaItem.objects.get(carried_from=item)
    assert _agenda(later) == [
        ("deliberation", 1, "会計について", None, None),
        ("deliberation", 2, "社会福祉協議会の担当理事候補について", None, item.pk),
    ]
    assert copy.meeting_id == later.pk


# --- 2. numbers follow the dates, or two meetings exchange them --------------------------------


def test_a_meeting_added_before_later_ones_takes_their_place_and_they_move_up(
    staff, committee, meeting
):
    # Given 第1回 (1月18日), 第2回 (2月22日) and 第3回 (3月8日), the two later not held yet
    second = _create(staff, committee, date(2011, 2, 22))
    third = _create(staff, committee, date(2011, 3, 8))
    AuditEntry.objects.all().delete()
    # When a meeting is added for 2月8日
    added = _create(staff, committee, date(2011, 2, 8))
    # Then it is 第2回 and the later ones moved up one, each with its audit row
    assert added.number == 2
    assert _numbers(committee) == [
        (date(2011, 1, 18), 1),
        (date(2011, 2, 8), 2),
        (date(2011, 2, 22), 3),
        (date(2011, 3, 8), 4),
    ]
    assert [(m.pk, old) for m, old in added.renumbered] == [(second.pk, 2), (third.pk, 3)]
    assert _renumbered_rows() == [
        (str(third.pk), {"number": [3, 4]}),
        (str(second.pk), {"number": [2, 3]}),
    ]


def test_the_index_says_which_meetings_were_renumbered(client, staff, committee, meeting):
    later = _create(staff, committee, date(2011, 2, 22))
    Meeting.objects.filter(pk=later.pk).update(notice_sent_at=timezone.now())
    client.force_login(staff)
    response = client.post(
        "/staff/committees/?committee=unei",
        {"date": "平成23年2月8日", "start_time_0": "19", "start_time_1": "00"},
        follow=True,
    )
    assert response.status_code == 200, response.text[:3000]
    assert (
        "第2回（平成23年2月22日(火)）は平成22年度第3回運営委員会になりました。"
        "招集通知は前の回で送っています。委員にお知らせください。"
    ) in response.text
    assert _numbers(committee) == [
        (date(2011, 1, 18), 1), (date(2011, 2, 8), 2), (date(2011, 2, 22), 3),
    ]  # fmt: skip


def test_before_a_held_meeting_the_next_free_number_is_taken_and_staff_exchange_them(
    client, staff, committee, meeting
):
    # Given 第2回 (2月22日) held already: its number is not moved by itself
    second = _create(staff, committee, date(2011, 2, 22))
    hold(staff, second)
    added = _create(staff, committee, date(2011, 2, 8))
    assert (added.number, added.renumbered) == (3, [])
    # Setting either number alone is refused: the other has it, and the message says what to do
    with pytest.raises(NumberTaken) as refused:
        services.meeting_update(
            actor=staff, meeting=added, date=added.date, start_time=added.start_time,
            end_time=added.end_time, venue=None, status="scheduled", number=2,
        )  # fmt: skip
    assert str(refused.value.message) == (
        "平成22年度第2回運営委員会はすでにあります（平成23年2月22日(火)）。2つの会議の回を入れ替える"
        "には、この会議のページの「回を入れ替える」を使ってください。"
    )
    AuditEntry.objects.all().delete()
    # When staff exchange the numbers on the meeting's page
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{added.pk}/")
    assert (
        f'<a href="/staff/committees/meetings/{added.pk}/swap/" id="meeting-swap-link">回を入れ替える</a>'
        in page.text
    )
    form = client.get(f"/staff/committees/meetings/{added.pk}/swap/").text
    assert (
        "平成22年度第3回運営委員会（平成23年2月8日(火)）は、ここで選ぶ会議の回になり、選んだ会議は第3回になります"
        in form
    )
    assert (
        f'<option value="{second.pk}">平成22年度第2回運営委員会（平成23年2月22日(火)）</option>'
        in form
    )
    assert '<input type="hidden" name="shown" value="3"' in form
    swap = {"other": second.pk, "shown": 3}
    response = client.post(f"/staff/committees/meetings/{added.pk}/swap/", swap, follow=True)
    # Then they exchanged them in one step, each with its audit row
    assert response.redirect_chain == [(f"/staff/committees/meetings/{added.pk}/", 302)]
    assert (
        "回を入れ替えました：平成22年度第2回運営委員会（平成23年2月8日(火)）、"
        "平成22年度第3回運営委員会（平成23年2月22日(火)）。"
    ) in response.text
    assert _numbers(committee) == [
        (date(2011, 1, 18), 1), (date(2011, 2, 8), 2), (date(2011, 2, 22), 3),
    ]  # fmt: skip
    assert _renumbered_rows() == [
        (str(second.pk), {"number": [2, 3], "swapped_with": "平成23年2月8日(火)"}),
        (str(added.pk), {"number": [3, 2], "swapped_with": "平成23年2月22日(火)"}),
    ]
    # The same form sent again (a page left open) does not undo it unseen.
    again = client.post(f"/staff/committees/meetings/{added.pk}/swap/", swap)
    assert again.status_code == 400
    assert (
        "平成22年度第2回運営委員会は、このページを開いたときは第3回でしたが、その後に回が変わって"
        "います。回を確かめて、必要ならもう一度入れ替えてください。"
    ) in again.text
    assert _numbers(committee) == [
        (date(2011, 1, 18), 1), (date(2011, 2, 8), 2), (date(2011, 2, 22), 3),
    ]  # fmt: skip
    assert len(_renumbered_rows()) == 2


def test_exchanging_renames_the_approval_item_named_after_a_meeting(staff, committee, meeting):
    # Given 第1回 (1月18日) held and its draft waiting for approval at 第2回 (2月22日), and a
    # meeting added afterwards for 1月11日: 第1回 is held, so it takes 第3回
    second = _create(staff, committee, date(2011, 2, 22))
    first = _circulated(staff, meeting)
    added = _create(staff, committee, date(2011, 1, 11))
    assert added.number == 3
    # When 1月11日 and 1月18日 exchange their numbers
    services.meeting_swap_numbers(actor=staff, meeting=added, other=meeting)
    # Then the approval item follows the new name of the meeting whose minutes it approves
    assert _numbers(committee) == [
        (date(2011, 1, 11), 1), (date(2011, 1, 18), 3), (date(2011, 2, 22), 2),
    ]  # fmt: skip
    assert list(AgendaItem.objects.filter(minutes_for=first).values_list("meeting", "title")) == [
        (second.pk, "平成22年度第3回運営委員会会議録について")
    ]


def test_confirmed_minutes_keep_their_number(staff, committee, meeting):
    # Given 第1回's minutes confirmed (approved at 第2回) and a meeting added for 1月11日
    first = _circulated(staff, meeting)
    second = _create(staff, committee, date(2011, 2, 22))
    confirm(staff, AgendaItem.objects.get(meeting=second, minutes_for=first))
    added = _create(staff, committee, date(2011, 1, 11), allow_same_day=True)
    # It takes the next number: the confirmed 第1回 and its approving 第2回 do not move
    assert (added.number, added.renumbered) == (3, [])
    before = (_numbers(committee), AuditEntry.objects.count())
    # Exchanging with either is refused, naming why, and nothing changes
    with pytest.raises(InvalidInput) as refused:
        services.meeting_swap_numbers(actor=staff, meeting=added, other=meeting)
    assert str(refused.value.message) == (
        "平成22年度第1回運営委員会の会議録は確定しています（確定稿）。確定した記録は変わらないため、"
        "この会議の回（第N回）は変えられません。"
    )
    with pytest.raises(InvalidInput) as refused:
        services.meeting_swap_numbers(actor=staff, meeting=second, other=added)
    assert str(refused.value.message) == (
        "平成22年度第2回運営委員会は平成22年度第1回運営委員会の会議録を承認した会議で、その会議録は"
        "確定しています。この会議の回（第N回）を変えると、確定した会議録に書かれた承認と記録が"
        "合わなくなるため、変えられません。"
    )
    assert (_numbers(committee), AuditEntry.objects.count()) == before


def test_exchanging_with_a_meeting_of_another_year_is_refused(staff, committee, meeting):
    other = _create(staff, committee, date(2011, 4, 19))
    with pytest.raises(InvalidInput) as refused:
        services.meeting_swap_numbers(actor=staff, meeting=meeting, other=other)
    assert str(refused.value.message) == "同じ委員会・同じ年度のほかの会議を選んでください。"
    assert _numbers(committee) == [(date(2011, 1, 18), 1), (date(2011, 4, 19), 1)]


# --- 3. 承認 of an item not linked to the minutes it names ---------------------------------------


def _hand_typed(staff, committee, meeting) -> tuple[Minutes, AgendaItem, Meeting]:
    """第1回's draft circulated and received; 第2回 held, with its approval typed by hand."""
    first = _circulated(staff, meeting)
    second = _create(staff, committee, date(2011, 2, 22))
    services.item_delete(actor=staff, item=AgendaItem.objects.get(minutes_for=first))
    typed = services.item_add(actor=staff, meeting=second, category="deliberation",
                              title="平成22年度第1回運営委員会会議録について")  # fmt: skip
    hold(staff, second)
    return first, typed, second


def test_approving_an_unlinked_item_is_refused_before_anything_is_saved(staff, committee, meeting):
    first, typed, _second = _hand_typed(staff, committee, meeting)
    audit = AuditEntry.objects.count()
    with pytest.raises(MinutesNotApprovable) as refused:
        services.decision_record(actor=staff, item=typed, outcome=Decision.Outcome.APPROVED,
                                 method=Decision.Method.UNANIMOUS)  # fmt: skip
    assert str(refused.value.message) == (
        "題名は平成22年度第1回運営委員会の会議録を指していますが、議題が会議録とつながっていないため、"
        "承認しても会議録は承認されません。同じ操作でつなぐには「この議題を平成22年度第1回運営委員会"
        "の会議録とつなぐ（承認すると会議録が承認されます）」にチェックを入れてください。議題のページで"
        "先につなぐこともできます。"
    )
    assert not Decision.objects.filter(item=typed).exists()
    assert Minutes.objects.get(pk=first.pk).status == Minutes.Status.CIRCULATED
    assert AgendaItem.objects.get(pk=typed.pk).minutes_for_id is None
    assert AuditEntry.objects.count() == audit


def test_the_decision_form_links_and_approves_in_one_step(client, staff, committee, meeting):
    first, typed, _second = _hand_typed(staff, committee, meeting)
    client.force_login(staff)
    url = f"/staff/committees/items/{typed.pk}/decision/"
    page = client.get(url).text
    box = re.search(r'<input type="checkbox" name="link_minutes"[^>]*>', page)
    assert box is not None and "checked" in box.group(0)
    assert (
        "この議題を平成22年度第1回運営委員会の会議録とつなぐ（承認すると会議録が承認されます）"
        in page
    )
    # Unticked: refused, on the box, nothing recorded
    response = client.post(url, {"outcome": "approved", "method": "unanimous"})
    assert response.status_code == 400
    assert "にチェックを入れてください。" in response.text
    assert not Decision.objects.filter(item=typed).exists()
    # Ticked: linked and approved
    response = client.post(
        url, {"outcome": "approved", "method": "unanimous", "link_minutes": "on"}, follow=True
    )
    assert response.redirect_chain == [(f"/staff/committees/minutes/{first.pk}/", 302)]
    typed.refresh_from_db()
    assert typed.minutes_for_id == first.pk
    first.refresh_from_db()
    assert (first.status, first.approved_at_id) == (Minutes.Status.APPROVED, typed.pk)
    item_page = client.get(f"/staff/committees/items/{typed.pk}/").text
    assert 'id="approval-unlinked"' not in item_page


def test_linking_removes_the_empty_approval_item_of_a_later_meeting(staff, committee, meeting):
    # Given 第1回's approval put by the circulation on 第3回 (3月8日), and typed by hand on 第2回
    third = _create(staff, committee, date(2011, 3, 8))
    first = _circulated(staff, meeting)
    second = _create(staff, committee, date(2011, 2, 22))
    typed = services.item_add(actor=staff, meeting=second, category="deliberation",
                              title="平成22年度第1回運営委員会会議録について")  # fmt: skip
    hold(staff, second)
    services.decision_record(actor=staff, item=typed, outcome=Decision.Outcome.APPROVED,
                             method=Decision.Method.UNANIMOUS, link_minutes=True)  # fmt: skip
    # Then no agenda lists the approval twice
    assert list(AgendaItem.objects.filter(minutes_for=first).values_list("meeting", flat=True)) == [
        second.pk
    ]
    assert _agenda(third) == []


# --- 7. approving at a meeting whose day has come, still 予定 -----------------------------------


def test_approving_at_a_begun_meeting_still_scheduled_records_it_as_held(
    client, staff, committee, meeting
):
    first = _circulated(staff, meeting)
    second = _create(staff, committee, date(2011, 2, 22))
    approval = AgendaItem.objects.get(meeting=second, minutes_for=first)
    for seat in committee.memberships.all():
        services.attendance_record(actor=staff, meeting=second, member=seat.member,
                                   status="present")  # fmt: skip
    client.force_login(staff)
    url = f"/staff/committees/items/{approval.pk}/decision/"
    page = client.get(url).text
    notice = re.search(r'<p class="message warning" id="approval-marks-held">(.*?)</p>', page)
    assert notice is not None and notice.group(1) == (
        "平成22年度第2回運営委員会（平成23年2月22日(火)）は「予定」のままで、「開催済み」になって"
        "いません。承認を記録すると、同時に「開催済み」として記録します。開催していない場合は承認せず、"
        "会議のページで変更または中止してください。"
    )
    assert "定足数を満たしており、全委員が未定稿を受領しています。" in page
    AuditEntry.objects.all().delete()
    response = client.post(url, {"outcome": "approved", "method": "unanimous"}, follow=True)
    assert "平成22年度第2回運営委員会を「開催済み」として記録しました。" in response.text
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.status, first.status) == (Meeting.Status.HELD, Minutes.Status.APPROVED)
    assert [(row.action, row.changes) for row in AuditEntry.objects.order_by("pk")][:2] == [
        ("kyodo.committees.meeting.updated", {"status": ["scheduled", "held"]}),
        (
            "kyodo.committees.decision.recorded",
            {"outcome": "approved", "method": "unanimous", "votes": [None, None], "override": ""},
        ),
    ]


def test_approving_before_the_meeting_begins_is_still_refused(staff, committee, meeting):
    first = _circulated(staff, meeting)
    today = timezone.localdate()
    if timezone.now() >= timezone.make_aware(datetime.combine(today, time(23, 58))):
        pytest.skip("the test runs in the last minutes of the day")
    later = services.meeting_create(actor=staff, committee=committee, date=today,
                                    start_time=time(23, 59))  # fmt: skip
    item = services.item_add(actor=staff, meeting=later, category="deliberation", title="承認",
                             minutes_for=first)  # fmt: skip
    with pytest.raises(MinutesNotApprovable) as refused:
        services.decision_record(actor=staff, item=item, outcome=Decision.Outcome.APPROVED,
                                 override_reason="理由")  # fmt: skip
    from kyodo.core.wareki import fiscal_year, format_wareki

    assert str(refused.value.message) == (
        f"令和{fiscal_year(today) - 2018}年度第1回運営委員会の開始は{format_wareki(today)} 午後11時59分"
        "です。開催済みの記録と会議録の送付は、その時刻からできます。"
    )
    later.refresh_from_db()
    assert later.status == Meeting.Status.SCHEDULED
    assert not Decision.objects.filter(item=item).exists()
    assert Minutes.objects.get(pk=first.pk).status == Minutes.Status.CIRCULATED
