"""What a new center's first month showed in the committee pages (brief committee8).

New messages are compared with the catalogue's own text (``gettext(msgid) % values``): exact,
and Japanese once the lead merges /tmp/fixes17/committee8-po.txt into django.po.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from kyodo.committees import services
from kyodo.committees.documents import minutes_document
from kyodo.committees.exceptions import InvalidInput, NumberTakenOnImport
from kyodo.committees.forms import CorrectionForm
from kyodo.committees.models import (
    AgendaItem,
    Circulation,
    CirculationRecipient,
    Decision,
    Meeting,
    Member,
    Minutes,
    MinutesEntry,
)
from kyodo.committees.services.common import next_meeting
from kyodo.committees.services.imports import IF_TAKEN_REFUSE, NEXT_FREE_LABEL
from kyodo.committees.tests.conftest import hold
from kyodo.core.models import Center, OutboxMessage, Venue
from kyodo.minutes_text import Minutes as Document
from kyodo.minutes_text.tests._gold import DATA_DIR, load_gold
from kyodo.minutes_text.tests.pdfmaker import minutes_pdf

UPLOAD = "/staff/committees/import/"
SAVE = "/staff/committees/import/save/"


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _draft(staff, meeting, text="委員長：開会を宣言した。") -> AgendaItem:
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text=text)
    return item


# --- 1. importing minutes whose number another day's meeting has ------------------------------


@functools.cache
def _pdf() -> bytes:
    gold = load_gold(DATA_DIR / "b_maru_names.gold.json")  # 令和5年度第2回, 2023-10-03
    return minutes_pdf(Document.from_dict(gold), "maru", lines_per_page=20)


def _taken_message(meeting: Meeting, free: int) -> str:
    return gettext(
        "%(meeting)s is already the meeting of %(date)s. Change the number, or tick "
        "「%(choice)s」 to save these minutes as no. %(free)d."
    ) % {
        "meeting": meeting,
        "date": "令和5年6月1日(木)",
        "choice": gettext(NEXT_FREE_LABEL),
        "free": free,
    }


@pytest.fixture
def two_meetings(committee, staff):
    first = services.meeting_create(actor=staff, committee=committee, date=date(2023, 5, 1))
    second = services.meeting_create(actor=staff, committee=committee, date=date(2023, 6, 1))
    return first, second


def test_the_service_refuses_a_taken_number_naming_the_meeting(committee, two_meetings):
    document = Document.from_dict(load_gold(DATA_DIR / "b_maru_names.gold.json"))
    with pytest.raises(NumberTakenOnImport) as refused:
        services.minutes_import(
            actor=None,
            committee=committee,
            document=document,
            source="b.pdf",
            if_taken=IF_TAKEN_REFUSE,
        )
    assert str(refused.value.message) == _taken_message(two_meetings[1], 3)
    assert Meeting.objects.filter(committee=committee).count() == 2
    assert str(two_meetings[1]) == "令和5年度第2回運営委員会"


def test_the_review_warns_the_save_is_refused_and_staff_choose(
    staff_client, committee, two_meetings, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    review = staff_client.post(
        UPLOAD, {"committee": "unei", "file": SimpleUploadedFile("b.pdf", _pdf())}
    )
    expected = _taken_message(two_meetings[1], 3)
    assert expected in [str(m) for m in review.context["messages"]]
    form = review.context["form"]
    data = {k: "" if v is None else str(v) for k, v in form.initial.items()}
    assert data["number"] == "2"
    refused = staff_client.post(SAVE, data)
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors() == [expected]
    assert Meeting.objects.filter(committee=committee).count() == 2

    # Staff tick 「次の空き番号」 knowingly: saved as 第3回, dated as the file says.
    saved = staff_client.post(SAVE, {**data, "next_free": "on"})
    assert saved.status_code == 302
    meeting = Meeting.objects.get(committee=committee, fiscal_year=2023, number=3)
    assert meeting.date == date(2023, 10, 3)


def test_the_review_saves_under_a_number_staff_change(
    staff_client, committee, two_meetings, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    review = staff_client.post(
        UPLOAD, {"committee": "unei", "file": SimpleUploadedFile("b.pdf", _pdf())}
    )
    data = {k: "" if v is None else str(v) for k, v in review.context["form"].initial.items()}
    assert staff_client.post(SAVE, {**data, "number": "7"}).status_code == 302
    assert Meeting.objects.get(committee=committee, fiscal_year=2023, number=7).date == date(
        2023, 10, 3
    )


# --- 2. a later meeting on the same day approves the minutes ----------------------------------


def _same_day(staff, meeting, **times) -> Meeting:
    return services.meeting_create(
        actor=staff, committee=meeting.committee, date=meeting.date, allow_same_day=True, **times
    )


def test_a_later_meeting_the_same_day_gets_and_approves_the_minutes(staff, meeting):
    _draft(staff, meeting)
    hold(staff, meeting)
    second = _same_day(staff, meeting, start_time=time(20, 30))
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    item = second.items.get()
    assert (item.title, item.minutes_for_id) == (
        "平成22年度第1回運営委員会会議録について",
        meeting.minutes.pk,
    )
    assert next_meeting(meeting) == second
    CirculationRecipient.objects.update(opened_at=timezone.now())
    hold(staff, second)
    services.decision_record(actor=staff, item=item, outcome=Decision.Outcome.APPROVED)
    assert Minutes.objects.get(pk=meeting.minutes.pk).status == Minutes.Status.APPROVED


def test_with_times_unknown_the_higher_number_comes_after(staff, committee):
    first = services.meeting_create(actor=staff, committee=committee, date=date(2011, 2, 1))
    _draft(staff, first)
    hold(staff, first)
    services.minutes_circulate(actor=staff, minutes=first.minutes)
    second = _same_day(staff, first)
    assert [(i.title, i.minutes_for_id) for i in second.items.all()] == [
        ("平成22年度第1回運営委員会会議録について", first.minutes.pk)
    ]
    # The earlier one is not "after" the later one: nothing lands on the first meeting.
    assert not first.items.filter(minutes_for__isnull=False).exists()


def test_an_earlier_start_the_same_day_does_not_approve(staff, meeting):
    _draft(staff, meeting)
    hold(staff, meeting)
    morning = _same_day(staff, meeting, start_time=time(10))
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    assert not morning.items.exists()
    assert next_meeting(meeting) is None


def test_an_item_typed_by_hand_says_so_and_can_be_linked(staff, staff_client, meeting):
    _draft(staff, meeting)
    hold(staff, meeting)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    second = _same_day(staff, meeting, start_time=time(20, 30))
    auto = second.items.get()
    typed = services.item_add(
        actor=staff,
        meeting=second,
        category=AgendaItem.Category.DELIBERATION,
        title="平成22年度第1回運営委員会会議録について",
    )
    page = staff_client.get(f"/staff/committees/items/{typed.pk}/")
    text = page.content.decode()
    assert (
        gettext(
            "The title names the minutes of %(minutes)s, but the item was added by hand and is "
            "not linked to them. Tick the box in the decision form to link it when the decision "
            "is recorded (an approval without it is refused), or link it now; their state then "
            "follows the decision."
        )
        % {"minutes": "平成22年度第1回運営委員会"}
        in text
    )
    response = staff_client.post(f"/staff/committees/items/{typed.pk}/change/link-minutes/")
    assert response.status_code == 302
    typed.refresh_from_db()
    assert typed.minutes_for_id == meeting.minutes.pk
    # The empty item the circulation had added is gone: the approval is listed once.
    assert not AgendaItem.objects.filter(pk=auto.pk).exists()
    assert list(second.items.values_list("number", "title")) == [
        (1, "平成22年度第1回運営委員会会議録について")
    ]
    assert (
        "approval-unlinked"
        not in staff_client.get(f"/staff/committees/items/{typed.pk}/").content.decode()
    )


def test_an_unlinked_approval_is_refused_before_anything_is_saved(staff, staff_client, meeting):
    _draft(staff, meeting)
    hold(staff, meeting)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    later = services.meeting_create(
        actor=staff, committee=meeting.committee, date=date(2011, 2, 22)
    )
    typed = services.item_add(
        actor=staff,
        meeting=later,
        category=AgendaItem.Category.DELIBERATION,
        title="平成22年度第1回運営委員会会議録について",
    )
    hold(staff, later)
    # The box that links it in the same step left unticked (committees22 finding 3).
    response = staff_client.post(
        f"/staff/committees/items/{typed.pk}/decision/",
        {"outcome": "approved", "method": "none"},
    )
    assert response.status_code == 400
    assert (
        gettext(
            "The title names the minutes of %(meeting)s, but the item is not linked to them: "
            "approving it would approve no minutes. Tick 「%(link)s」 to link it in the same "
            "step, or link it on the item's page first."
        )
        % {
            "meeting": "平成22年度第1回運営委員会",
            "link": gettext(
                "Link this item to the minutes of %(meeting)s (approving it approves them)"
            )
            % {"meeting": "平成22年度第1回運営委員会"},
        }
        in response.content.decode()
    )
    assert not Decision.objects.filter(item=typed).exists()
    assert Minutes.objects.get(pk=meeting.minutes.pk).status == Minutes.Status.CIRCULATED


# --- 3 and 8. circulating asks first, and sending again keeps paper receipts -----------------


def test_the_circulation_asks_first_listing_mail_and_paper(staff, staff_client, meeting):
    _draft(staff, meeting)
    Member.objects.filter(name="田辺").update(email="")
    minutes = meeting.minutes
    page = staff_client.get(f"/staff/committees/minutes/{minutes.pk}/circulate/")
    assert page.status_code == 200
    assert [p.member.name for p in page.context["by_mail"]] == ["有賀", "熊田", "坂口"]
    assert [p.member.name for p in page.context["on_paper"]] == ["田辺"]
    assert '<ul id="circulate-on-paper"><li>田辺</li></ul>' in page.content.decode()
    assert not Circulation.objects.exists() and not OutboxMessage.objects.exists()
    assert (
        staff_client.post(f"/staff/committees/minutes/{minutes.pk}/circulate/").status_code == 302
    )
    assert Circulation.objects.count() == 1
    assert OutboxMessage.objects.filter(kind="committees.minutes.circulation").count() == 3


def test_sending_again_keeps_paper_receipts_and_says_which_reset(staff, staff_client, meeting):
    _draft(staff, meeting)
    first = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    paper = first.recipients.get(member__name="田辺")
    services.recipient_mark_paper(actor=staff, recipient=paper)
    services.recipient_receive(token=first.recipients.get(member__name="坂口").token)
    paper.refresh_from_db()
    page = staff_client.get(f"/staff/committees/minutes/{meeting.minutes.pk}/circulate/")
    assert [p.member.name for p in page.context["reset"]] == ["坂口"]
    assert [p.member.name for p in page.context["kept"]] == ["田辺"]
    assert 'id="circulate-kept"' in page.content.decode()
    staff_client.post(f"/staff/committees/minutes/{meeting.minutes.pk}/circulate/")
    second = Circulation.objects.exclude(pk=first.pk).get()
    states = {r.member.name: (r.opened_at, r.paper_at) for r in second.recipients.all()}
    assert states == {
        "有賀": (None, None),
        "熊田": (None, None),
        "坂口": (None, None),
        "田辺": (None, paper.paper_at),
    }


# --- 4. the next meeting on the same day ------------------------------------------------------


def test_the_next_meeting_the_same_day_with_the_box_and_a_later_start(staff, meeting):
    def schedule(**values):
        return services.meeting_schedule_next(
            actor=staff, meeting=meeting, date=meeting.date, **values
        )

    with pytest.raises(InvalidInput) as refused:
        schedule(start_time=time(20, 30))
    assert str(refused.value.message) == gettext(
        "The next meeting is on the same day as this one: tick the box to hold another one that "
        "day, and give a start time later than this one's."
    )
    with pytest.raises(InvalidInput) as refused:
        schedule(start_time=time(19), allow_same_day=True)
    assert str(refused.value.message) == gettext(
        "On the same day, the next meeting must start after %(time)s, when this one starts."
    ) % {"time": "午後7時"}
    assert Meeting.objects.count() == 1
    following = schedule(start_time=time(20, 30), allow_same_day=True)
    assert (following.date, following.start_time, following.number) == (
        date(2011, 1, 18),
        time(20, 30),
        2,
    )
    with pytest.raises(InvalidInput) as refused:
        services.meeting_schedule_next(actor=staff, meeting=meeting, date=date(2011, 1, 17))
    assert str(refused.value.message) == "次回の会議は今回より後の日付にしてください。"


# --- 5. not held before it starts -------------------------------------------------------------


def test_a_meeting_cannot_be_held_or_circulated_before_it_starts(staff, committee):
    now = timezone.localtime()
    starts = now + timedelta(hours=2)
    meeting = services.meeting_create(
        actor=staff,
        committee=committee,
        date=starts.date(),
        start_time=time(starts.hour, starts.minute),
    )
    _draft(staff, meeting)
    when = f"{services.meetings.format_wareki(starts.date())} {services.meetings.format_time_ja(meeting.start_time)}"
    not_yet = gettext(
        "%(meeting)s begins on %(when)s: it can be recorded as held, and its minutes sent, "
        "from then on."
    ) % {"meeting": meeting, "when": when}
    with pytest.raises(InvalidInput) as refused:
        services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    assert str(refused.value.message) == not_yet
    with pytest.raises(InvalidInput) as refused:
        hold(staff, meeting)
    expected = (
        not_yet
        if starts.date() == now.date()
        else "まだ開催日が来ていない会議は「開催済み」にできません。"  # after 22:00 the meeting is tomorrow's
    )
    assert str(refused.value.message) == expected
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert meeting.minutes.status == Minutes.Status.DRAFT
    assert not Circulation.objects.exists()


def test_a_meeting_that_has_begun_can_be_held(staff, committee):
    began = timezone.localtime() - timedelta(minutes=5)
    meeting = services.meeting_create(
        actor=staff,
        committee=committee,
        date=began.date(),
        start_time=time(began.hour, began.minute),
    )
    services.meeting_update(
        actor=staff,
        meeting=meeting,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=None,
        venue=None,
        status=Meeting.Status.HELD,
    )
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.HELD


# --- 6. the correction picker and the staff page ---------------------------------------------


def test_the_line_picker_numbers_lines_as_the_minutes_print_them(staff, meeting):
    report = _draft(staff, meeting, "委員長：開会した。")
    other = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.OTHER, title="次回日程について"
    )
    services.minutes_entries_from_text(actor=staff, item=other, text="事務局：次回は2月22日。")
    second = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="事業について"
    )
    services.minutes_entries_from_text(actor=staff, item=second, text="○報告した。")
    entries = sorted(
        MinutesEntry.objects.filter(item__meeting=meeting).select_related("item"),
        key=lambda e: (e.item.section_number, e.item.number, e.position),
    )
    form = CorrectionForm(document=minutes_document(meeting.minutes))
    ids = {e.text: e.pk for e in entries}
    assert report.number == 1 and other.number == 1
    assert form.fields["entry"].choices == [
        ("", gettext("The minutes as a whole")),
        ("1．報告事項　1．業務報告について", [(ids["開会した。"], "1-1-1　委員長：開会した。")]),
        ("1．報告事項　2．事業について", [(ids["報告した。"], "1-2-1　○報告した。")]),
        (
            "2．その他　1．次回日程について",
            [(ids["次回は2月22日。"], "2-1-1　事務局：次回は2月22日。")],
        ),
    ]


def test_the_staff_page_labels_the_members_comment(staff, staff_client, meeting):
    item = _draft(staff, meeting, "事務局：フェティバルについて報告した。")
    circulation = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    services.correction_submit(
        token=circulation.recipients.get(member__name="坂口").token,
        entry_id=item.entries.get().pk,
        text="「フェスティバル」の誤りです。",
    )
    text = staff_client.get(f"/staff/committees/minutes/{meeting.minutes.pk}/").content.decode()
    assert (
        f"<dt>{gettext('Line asked about')}</dt><dd>「事務局：フェティバルについて報告した。」</dd>\n"
        f"<dt>{gettext('Comment from the member')}</dt>"
        '<dd class="correction-comment">「フェスティバル」の誤りです。</dd>'
    ) in text


# --- 7. the notice on paper, and the venue's building -----------------------------------------


@pytest.fixture
def noticed(staff, committee):
    Center.objects.filter(pk=committee.center_id).update(
        address="東京都西東京市田無町3-7-2", phone="042-000-0000"
    )
    Member.objects.filter(name="田辺").update(email="")
    venue = Venue.objects.create(name="第1会議室", building="イングビル3階")
    meeting = services.meeting_create(
        actor=staff,
        committee=committee,
        date=date(2011, 2, 22),
        start_time=time(19),
        end_time=time(21),
        venue=venue,
    )
    services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    return meeting


def test_the_notice_can_be_printed_for_members_without_e_mail(staff_client, noticed):
    notice = staff_client.get(f"/staff/committees/meetings/{noticed.pk}/notice/").content.decode()
    print_url = f"/staff/committees/meetings/{noticed.pk}/notice/print/"
    assert f'<a href="{print_url}?member=' in notice
    page = staff_client.get(print_url)
    assert page.status_code == 200
    assert [member.name for member, _name in page.context["letters"]] == ["田辺"]
    text = page.content.decode()
    assert text.count('<article class="letter notice-letter"') == 1
    assert "西東京市市民協働推進センター<br>東京都西東京市田無町3-7-2" in text
    assert '<dd class="notice-when">平成23年2月22日(火) 午後7時～9時</dd>' in text
    assert '<dd class="notice-venue">イングビル3階 第1会議室</dd>' in text
    assert '<p>1．報告事項</p><ol><li value="1">業務報告について</li></ol>' in text
    assert f"<dt>{pgettext('printed notice', 'Venue')}</dt>" in text
    assert "break-before: page" in text
    # One member by id, with or without an address; someone not seated is not found.
    one = staff_client.get(f"{print_url}?member={Member.objects.get(name='熊田').pk}")
    assert [member.name for member, _name in one.context["letters"]] == ["熊田"]
    assert staff_client.get(f"{print_url}?member=999999").status_code == 404


def test_the_mailed_notice_names_the_building(staff, noticed):
    services.meeting_send_notice(actor=staff, meeting=noticed)
    mail = OutboxMessage.objects.filter(kind="committees.meeting.notice").first()
    assert "■開催会場：イングビル3階 第1会議室" in mail.body


def test_the_time_of_day_helper_is_aware(meeting):
    starts = services.meetings.meeting_starts_at(meeting)
    assert starts == timezone.make_aware(datetime(2011, 1, 18, 19))


def test_a_room_named_with_its_building_is_not_given_it_twice(staff, noticed):
    # The demo's room: 「イングビル3階 第1会議室」 in the building 「イングビル」.
    noticed.venue.name, noticed.venue.building = "イングビル３階 第1会議室", "イングビル"
    noticed.venue.save()
    assert Meeting.objects.get(pk=noticed.pk).venue_label == "イングビル３階 第1会議室"
    noticed.venue.name = "第1会議室"
    noticed.venue.save()
    assert Meeting.objects.get(pk=noticed.pk).venue_label == "イングビル 第1会議室"
