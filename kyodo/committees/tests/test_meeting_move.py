"""Moving a meeting's date renumbers as adding one does: the meetings of a fiscal year are
numbered in the order of their dates, a scheduled meeting moved past others takes the number of
the last one it passed and they move one towards the place it left; a held one (or one whose
minutes are approved or confirmed) keeps its number, and then nothing moves by itself and the
edit page points to 「回を入れ替える」. A meeting moved into another fiscal year is numbered there
as a new one would be, and the later ones of the year it left move down one."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.models import AgendaItem, Meeting, Minutes
from kyodo.committees.tests.conftest import confirm, hold
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.versions import edit_version

pytestmark = pytest.mark.django_db


def _create(staff, committee, day: date, **extra) -> Meeting:
    return services.meeting_create(
        actor=staff, committee=committee, date=day, start_time=time(19), end_time=time(21),
        **extra,
    )  # fmt: skip


def _move(staff, meeting: Meeting, day: date, **extra) -> Meeting:
    meeting = Meeting.objects.select_related("committee", "venue").get(pk=meeting.pk)
    values = dict(
        date=day, start_time=meeting.start_time, end_time=meeting.end_time,
        venue=meeting.venue, status=meeting.status,
    )  # fmt: skip
    return services.meeting_update(actor=staff, meeting=meeting, **(values | extra))


def _numbers(committee) -> list[tuple[date, int, int]]:
    return list(
        Meeting.objects.filter(committee=committee)
        .order_by("date")
        .values_list("date", "fiscal_year", "number")
    )


def _number_rows() -> list[tuple[str, dict]]:
    return [
        (row.object_id, row.changes)
        for row in AuditEntry.objects.filter(action="kyodo.committees.meeting.updated").order_by(
            "pk"
        )
    ]


def _edit_data(meeting: Meeting, day: str) -> dict:
    """The edit page's form for ``meeting`` as shown, with the date ``day`` typed."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    return {
        "date": day,
        "start_time": meeting.start_time.strftime("%H:%M"),
        "end_time": meeting.end_time.strftime("%H:%M"),
        "venue": meeting.venue_id or "",
        "status": meeting.status,
        "number": meeting.number,
        "edit_version": edit_version(meeting),
    }


@pytest.fixture
def year(staff, committee, meeting):
    """第1回 1月18日 (the ``meeting`` fixture), 第2回 2月8日, 第3回 2月22日, 第4回 3月8日."""
    second = _create(staff, committee, date(2011, 2, 8))
    third = _create(staff, committee, date(2011, 2, 22))
    fourth = _create(staff, committee, date(2011, 3, 8))
    AuditEntry.objects.all().delete()
    return meeting, second, third, fourth


def test_a_meeting_moved_later_past_another_takes_its_number(staff, committee, year):
    _first, second, third, _fourth = year
    # When 第2回 (2月8日) is put off to 3月1日, past 第3回 (2月22日)
    moved = _move(staff, second, date(2011, 3, 1))
    # Then it is 第3回 and 2月22日 is 第2回; 第4回 (3月8日) is not touched
    assert moved.number == 3
    assert _numbers(committee) == [
        (date(2011, 1, 18), 2010, 1),
        (date(2011, 2, 22), 2010, 2),
        (date(2011, 3, 1), 2010, 3),
        (date(2011, 3, 8), 2010, 4),
    ]
    assert [(m.pk, old) for m, old in moved.renumbered] == [(third.pk, 3)]
    assert _number_rows() == [
        (str(third.pk), {"number": [3, 2]}),
        (str(second.pk), {"date": ["2011-02-08", "2011-03-01"], "number": [2, 3]}),
    ]


def test_a_meeting_moved_earlier_past_two_takes_the_first_ones_number(staff, committee, year):
    _first, second, third, fourth = year
    # When 第4回 (3月8日) is brought forward to 2月1日
    moved = _move(staff, fourth, date(2011, 2, 1))
    # Then it is 第2回, and 第2回 and 第3回 move up one, the highest first
    assert moved.number == 2
    assert _numbers(committee) == [
        (date(2011, 1, 18), 2010, 1),
        (date(2011, 2, 1), 2010, 2),
        (date(2011, 2, 8), 2010, 3),
        (date(2011, 2, 22), 2010, 4),
    ]
    assert [(m.pk, old) for m, old in moved.renumbered] == [(second.pk, 2), (third.pk, 3)]
    assert _number_rows() == [
        (str(third.pk), {"number": [3, 4]}),
        (str(second.pk), {"number": [2, 3]}),
        (str(fourth.pk), {"date": ["2011-03-08", "2011-02-01"], "number": [4, 2]}),
    ]


def test_a_move_that_passes_no_meeting_keeps_every_number(staff, committee, year):
    _first, _second, third, _fourth = year
    moved = _move(staff, third, date(2011, 3, 1), start_time=time(18, 30))
    assert (moved.number, moved.renumbered) == (3, [])
    assert [n for _d, _y, n in _numbers(committee)] == [1, 2, 3, 4]


def test_the_start_time_orders_two_meetings_of_one_day(staff, committee, year):
    _first, second, third, _fourth = year
    # 第3回 moved to 2月8日 at 14時, before 第2回 that day at 19時: it becomes 第2回
    moved = _move(staff, third, date(2011, 2, 8), start_time=time(14), end_time=time(16),
                  allow_same_day=True)  # fmt: skip
    assert moved.number == 2
    assert Meeting.objects.get(pk=second.pk).number == 3


def test_a_held_meeting_in_the_way_keeps_every_number_and_the_page_says_so(
    client, staff, committee, year
):
    _first, second, third, _fourth = year
    # Given 第2回 (2月8日) held
    hold(staff, second)
    AuditEntry.objects.all().delete()
    client.force_login(staff)
    # When 第3回 (2月22日) is brought forward to 2月1日 on its edit page
    response = client.post(
        f"/staff/committees/meetings/{third.pk}/edit/", _edit_data(third, "平成23年2月1日")
    )
    assert response.status_code == 302, response.text[:3000]
    # Then the date is saved, no number moved, and staff are told how to put them in order
    assert _numbers(committee) == [
        (date(2011, 1, 18), 2010, 1),
        (date(2011, 2, 1), 2010, 3),
        (date(2011, 2, 8), 2010, 2),
        (date(2011, 3, 8), 2010, 4),
    ]
    assert _number_rows() == [(str(third.pk), {"date": ["2011-02-22", "2011-02-01"]})]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "保存しました。",
        "平成22年度第3回運営委員会は、回の小さい平成22年度第2回運営委員会より前の日付です。"
        "日付の順の回にするには、会議のページの「回を入れ替える」を使ってください。",
    ]


def test_a_held_meeting_moved_keeps_its_number(staff, committee, year):
    first, _second, _third, _fourth = year
    hold(staff, first)
    # A held meeting's date corrected past 第2回 (typed wrong): its number stays
    moved = _move(staff, first, date(2011, 2, 9))
    assert (moved.number, moved.renumbered) == (1, [])
    assert [n for _d, _y, n in _numbers(committee)] == [2, 1, 3, 4]


def test_the_edit_page_says_which_meetings_were_renumbered(client, staff, committee, year):
    _first, second, third, _fourth = year
    Meeting.objects.filter(pk=third.pk).update(notice_sent_at=timezone.now())
    client.force_login(staff)
    response = client.post(
        f"/staff/committees/meetings/{second.pk}/edit/",
        _edit_data(second, "平成23年3月1日"),
        follow=True,
    )
    assert response.redirect_chain == [(f"/staff/committees/meetings/{second.pk}/", 302)]
    text = response.text
    assert "保存しました。" in text
    assert (
        "平成22年度第2回運営委員会（平成23年3月1日(火)）は平成22年度第3回運営委員会になりました。"
    ) in text
    assert (
        "第3回（平成23年2月22日(火)）は平成22年度第2回運営委員会になりました。"
        "招集通知は前の回で送っています。委員にお知らせください。"
    ) in text
    assert "回の小さい" not in text


def test_members_told_of_the_new_date_hear_the_new_number(staff, committee, year, smtp_server):
    _first, second, _third, _fourth = year
    services.meeting_send_notice(actor=staff, meeting=second)
    _move(staff, second, date(2011, 3, 1))
    changed = OutboxMessage.objects.get(kind="committees.meeting.changed", to="kumada@example.jp")
    assert changed.subject == "【日時・会場の変更】平成22年度第3回運営委員会"
    assert changed.body.startswith(
        "熊田委員\n\n先にお知らせした平成22年度第2回運営委員会の日時・会場を、下記のとおり変更"
        "します。日付の変更に伴い、この会議は平成22年度第3回運営委員会となります。\n"
    )


# --- into another fiscal year -------------------------------------------------------------------


def test_a_meeting_moved_into_the_next_year_is_numbered_there(staff, committee, year):
    _first, _second, third, fourth = year
    # Given 第1回 of 平成23年度 on 5月17日
    may = _create(staff, committee, date(2011, 5, 17))
    AuditEntry.objects.all().delete()
    # When 第3回 (2月22日) is put off to 4月19日
    moved = _move(staff, third, date(2011, 4, 19))
    # Then it is 平成23年度第1回, 5月17日 is 第2回, and 3月8日 closes the gap as 第3回
    assert (str(moved), moved.fiscal_year, moved.number) == ("平成23年度第1回運営委員会", 2011, 1)
    assert _numbers(committee) == [
        (date(2011, 1, 18), 2010, 1),
        (date(2011, 2, 8), 2010, 2),
        (date(2011, 3, 8), 2010, 3),
        (date(2011, 4, 19), 2011, 1),
        (date(2011, 5, 17), 2011, 2),
    ]
    assert [(m.pk, old) for m, old in moved.renumbered] == [(fourth.pk, 4), (may.pk, 1)]
    assert _number_rows() == [
        (str(fourth.pk), {"number": [4, 3]}),
        (str(may.pk), {"number": [1, 2]}),
        (
            str(third.pk),
            {"date": ["2011-02-22", "2011-04-19"], "number": [3, 1], "fiscal_year": [2010, 2011]},
        ),
    ]


def test_a_meeting_moved_back_into_the_earlier_year_follows_the_dates(staff, committee, year):
    _first, _second, _third, fourth = year
    april = _create(staff, committee, date(2011, 4, 19))
    # 4月19日 brought forward to 3月1日: 平成22年度第4回, and 3月8日 becomes 第5回
    moved = _move(staff, april, date(2011, 3, 1))
    assert (str(moved), moved.renumbered) == ("平成22年度第4回運営委員会", [(fourth, 4)])
    assert [(d, y, n) for d, y, n in _numbers(committee)][-2:] == [
        (date(2011, 3, 1), 2010, 4),
        (date(2011, 3, 8), 2010, 5),
    ]


def test_a_held_meeting_cannot_move_into_another_year(staff, committee, year):
    first, _second, _third, _fourth = year
    hold(staff, first)
    before = (_numbers(committee), AuditEntry.objects.count())
    with pytest.raises(InvalidInput) as refused:
        _move(staff, first, date(2011, 4, 19))
    assert str(refused.value.message) == (
        "平成22年度第1回運営委員会は開催済みのため、回は変えられません。日付を別の年度に移すことは"
        "できません。"
    )
    assert refused.value.field == "date"
    assert (_numbers(committee), AuditEntry.objects.count()) == before


def test_the_approval_item_follows_a_meeting_moved_into_another_year(staff, committee, meeting):
    # Given 第1回 (1月18日) held, its draft circulated, to be approved at 第2回 (3月8日)
    second = _create(staff, committee, date(2011, 3, 8))
    item = services.item_add(actor=staff, meeting=meeting, category="discussion",
                             title="協働について")  # fmt: skip
    services.minutes_entries_from_text(actor=staff, item=item, text="委員長：意見を伺います。")
    hold(staff, meeting)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    # When the meeting that approves it moves to 4月12日: it is 平成23年度第1回, and the
    # approval item it carries keeps the name of the minutes it approves
    moved = _move(staff, second, date(2011, 4, 12))
    assert str(moved) == "平成23年度第1回運営委員会"
    assert list(
        AgendaItem.objects.filter(minutes_for=Minutes.objects.get(meeting=meeting)).values_list(
            "meeting", "title"
        )
    ) == [(second.pk, "平成22年度第1回運営委員会会議録について")]


# --- the edit page and the meeting page -----------------------------------------------------------


def test_the_edit_page_says_how_numbers_follow_the_dates(client, staff, meeting):
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{meeting.pk}/edit/").text
    assert (
        "年度内の第N回で、日付の順に付きます。開催前の会議を越えて日付を移すと、越えた最後の会議の回"
        "になり、越えた会議の回は1つずつずれます。別の年度に移すと、その年度の回になります。ほかの会議"
        "の回は指定できません。2つの会議を日付の順に並べるには、会議のページの「回を入れ替える」を使っ"
        "てください。"
    ) in page


def test_a_meeting_nobody_is_recorded_for_yet_has_no_quorum_alert(client, staff, meeting):
    # Given a scheduled meeting with no attendance recorded: no red alert, the quorum named
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{meeting.pk}/").text
    assert '<p id="attendance-not-recorded">出欠はまだ記録していません（定足数 3名）。</p>' in page
    assert "定足数に達していません" not in page
    # When two of four are recorded present (quorum 3), the alert is there
    hold(staff, meeting, absent=("熊田", "有賀"))
    page = client.get(f"/staff/committees/meetings/{meeting.pk}/").text
    assert "attendance-not-recorded" not in page
    assert (
        '<p class="message error" role="alert">定足数に達していません：出席 2名、必要 3名。</p>'
    ) in page


def test_the_exchange_offers_only_meetings_whose_number_may_change(
    client, staff, committee, meeting
):
    # Given 第1回's minutes confirmed, approved at 第2回, and 第3回 and 第4回 scheduled
    item = services.item_add(actor=staff, meeting=meeting, category="discussion",
                             title="協働について")  # fmt: skip
    services.minutes_entries_from_text(actor=staff, item=item, text="委員長：意見を伺います。")
    hold(staff, meeting)
    second = _create(staff, committee, date(2011, 2, 22))
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    meeting.minutes.circulations.get().recipients.update(opened_at=timezone.now())
    confirm(staff, AgendaItem.objects.get(meeting=second, minutes_for=meeting.minutes))
    third = _create(staff, committee, date(2011, 3, 8))
    client.force_login(staff)
    # 第2回's number is fixed: its page has no 「回を入れ替える」, and the address says why
    assert "meeting-swap-link" not in client.get(f"/staff/committees/meetings/{second.pk}/").text
    response = client.get(f"/staff/committees/meetings/{second.pk}/swap/", follow=True)
    assert response.redirect_chain == [(f"/staff/committees/meetings/{second.pk}/", 302)]
    assert (
        "平成22年度第2回運営委員会は平成22年度第1回運営委員会の会議録を承認した会議で、その会議録は"
        "確定しています。"
    ) in response.text
    # 第3回 has no one to exchange with: said on its page instead of a form always refused
    response = client.get(f"/staff/committees/meetings/{third.pk}/swap/", follow=True)
    assert response.redirect_chain == [(f"/staff/committees/meetings/{third.pk}/", 302)]
    assert (
        "この年度には、回を変えられるほかの会議がありません（会議録が承認済み・確定済みです）。"
    ) in response.text
    # With 第4回 added, 第3回 is offered it alone
    fourth = _create(staff, committee, date(2011, 3, 22))
    form = client.get(f"/staff/committees/meetings/{third.pk}/swap/").text
    assert re.findall(r'<option value="(\d+)"', form) == [str(fourth.pk)]
