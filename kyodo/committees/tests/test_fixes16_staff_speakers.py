"""Speakers named by surname or full name are linked to the members serving that day, and
members' full names print in one style (a newcomer's audit, finding 1)."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.documents import build_document, speaker_label
from kyodo.committees.export import header_lines
from kyodo.committees.models import AgendaItem, Attendance, Member, Membership, MinutesEntry
from kyodo.committees.selectors import absent_speakers, memberships_on
from kyodo.committees.speakers import display_name, match_speaker, member_for
from kyodo.committees.tests.conftest import hold

YOSHI = "\U00020bb7"  # 𠮷 (つちよし), outside the BMP


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _seat(committee, name, reading, *, role=Membership.Role.MEMBER, end=date(2011, 3, 31)):
    member = Member.objects.create(name=name, name_reading=reading, sector=Member.Sector.NPO)
    Membership.objects.create(
        committee=committee, member=member, role=role, term_start=date(2009, 4, 1), term_end=end
    )
    return member


@pytest.fixture
def full_names(committee):
    """Members stored with their full names, as typed at data entry."""
    return {
        "watanabe": _seat(committee, "渡邉 葵", "わたなべ あおい"),
        "yoshioka": _seat(committee, f"{YOSHI}岡\u3000繫", "よしおか しげる"),
        "saito": _seat(committee, "齋藤 凜", "さいとう りん"),
    }


def _seats(meeting):
    return list(memberships_on(committee=meeting.committee, on=meeting.date))


@pytest.mark.parametrize(
    "label",
    [
        "渡邉委員",
        "渡邉 葵委員",
        "渡邉\u3000葵委員",
        "渡邉葵委員",
        "渡邉葵",
        "渡邉さん",
        "渡邉氏",
        "渡邉 葵 委員",
        "渡邉副委員長",
    ],
)
def test_a_label_names_a_member_stored_with_a_full_name(meeting, full_names, label):
    assert match_speaker(label, _seats(meeting)).member == full_names["watanabe"]


def test_a_surname_outside_the_basic_plane_is_matched(meeting, full_names):
    assert member_for(meeting, f"{YOSHI}岡委員") == full_names["yoshioka"]
    assert member_for(meeting, f"{YOSHI}岡 繫委員") == full_names["yoshioka"]
    # 吉 is another character: no link to 𠮷岡.
    assert member_for(meeting, "吉岡委員") is None


def test_surname_only_members_and_roles_still_match(meeting, committee, full_names):
    people = {m.name: m for m in Member.objects.filter(memberships__committee=committee)}
    assert member_for(meeting, "熊田委員") == people["熊田"]
    assert member_for(meeting, "委員長") == people["熊田"]
    assert member_for(meeting, "副委員長") == people["有賀"]
    assert member_for(meeting, "熊田委員長") == people["熊田"]
    assert member_for(meeting, "事務局") is None
    assert member_for(meeting, "委員") is None


def test_two_members_with_one_surname_are_matched_by_full_name_only(meeting, committee, full_names):
    other = _seat(committee, "渡邉 健", "わたなべ けん")
    found = match_speaker("渡邉委員", _seats(meeting))
    assert found.member is None
    assert found.ambiguous == (full_names["watanabe"], other) or found.ambiguous == (
        other,
        full_names["watanabe"],
    )
    assert member_for(meeting, "渡邉 健委員") == other
    assert member_for(meeting, "渡邉葵委員") == full_names["watanabe"]


def test_a_member_whose_term_has_ended_is_not_matched(meeting, committee):
    _seat(committee, "森 一郎", "もり いちろう", end=date(2010, 3, 31))
    assert member_for(meeting, "森委員") is None


def test_display_name_uses_one_full_width_space():
    assert display_name("齋藤 凜") == "齋藤\u3000凜"
    assert display_name(f"{YOSHI}岡\u3000繫") == f"{YOSHI}岡\u3000繫"
    assert display_name(" 渡邉  葵 ") == "渡邉\u3000葵"
    assert display_name("熊田") == "熊田"


def test_the_item_page_warns_about_an_absent_member_named_by_surname(
    staff_client, staff, meeting, full_names
):
    hold(staff, meeting, absent=("渡邉 葵",))
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="商工会との連携"
    )
    page = staff_client.post(
        f"/staff/committees/items/{item.pk}/",
        {"text": "渡邉委員：商工会の協力が得られる見込みである。", "save": "1"},
        follow=True,
    )
    assert page.status_code == 200
    assert Attendance.objects.get(member=full_names["watanabe"]).status == "absent"
    assert "渡邉\u3000葵委員は欠席として記録されています。" in page.text


def test_an_ambiguous_surname_is_said_on_the_item_page(staff_client, staff, meeting, full_names):
    _seat(meeting.committee, "渡邉 健", "わたなべ けん")
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="報告"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="渡邉委員：報告します。")
    page = staff_client.get(f"/staff/committees/items/{item.pk}/")
    # The two are listed in gojūon order of their readings (あおい before けん).
    assert (
        "「渡邉委員」は渡邉\u3000葵、渡邉\u3000健のどなたのことか分からないため、どの委員にも"
        "結び付けていません。「渡邉\u3000葵委員」のように氏名で書いてください。"
    ) in page.text


def test_absent_speakers_names_the_absent_member_once(staff, meeting, full_names):
    hold(staff, meeting, absent=("渡邉 葵",))
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="報告"
    )
    rows = [
        MinutesEntry(item=item, position=1, kind="statement", speaker="渡邉委員", text="一"),
        MinutesEntry(item=item, position=2, kind="statement", speaker="渡邉葵委員", text="二"),
        MinutesEntry(item=item, position=3, kind="note", speaker="", text="三"),
    ]
    assert absent_speakers(meeting=meeting, entries=rows) == [
        "渡邉\u3000葵委員は欠席として記録されています。出欠の記録か発言者を直してください。"
    ]


def test_attendees_print_full_names_in_one_style(staff, meeting, full_names):
    hold(staff, meeting, absent=("渡邉 葵",))
    document = build_document(meeting.minutes)
    assert document.attendees == [
        "有賀",
        "熊田",
        "齋藤\u3000凜",
        "坂口",
        "田辺",
        f"{YOSHI}岡\u3000繫",
    ]
    assert document.absentees == ["渡邉\u3000葵"]
    lines = dict(header_lines(document))
    assert lines["出席委員"] == (
        f"有賀委員、熊田委員、齋藤\u3000凜委員、坂口委員、田辺委員、{YOSHI}岡\u3000繫委員"
        "＜以上6名、五十音順＞"
    )
    assert lines["欠席委員"] == "渡邉\u3000葵委員"


def test_a_full_name_typed_without_its_space_prints_in_the_house_style(staff, meeting, full_names):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="報告"
    )
    linked = MinutesEntry(
        item=item,
        position=1,
        kind="statement",
        speaker="渡邉葵委員",
        member=full_names["watanabe"],
        text="報告します。",
    )
    surname = MinutesEntry(
        item=item,
        position=2,
        kind="statement",
        speaker="渡邉委員",
        member=full_names["watanabe"],
        text="以上です。",
    )
    assert speaker_label(linked, by_name=False) == "渡邉\u3000葵委員"
    assert speaker_label(surname, by_name=False) == "渡邉委員"
    assert speaker_label(surname, by_name=True) == "渡邉\u3000葵委員"
    # Printed by name, a line typed with the name and a chair's title keeps the title.
    for typed, printed in [("渡邉委員長", "委員長"), ("渡邉　葵副委員長", "副委員長"),
                           ("副会長", "副会長"), ("渡邉", "委員")]:  # fmt: skip
        surname.speaker = typed
        assert speaker_label(surname, by_name=True) == "渡邉\u3000葵" + printed, typed


def test_saved_entries_are_linked_to_members_stored_with_full_names(staff, meeting, full_names):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="報告"
    )
    rows = services.minutes_entries_from_text(
        actor=staff, item=item, text=f"渡邉委員：一。\n{YOSHI}岡委員：二。"
    )
    assert [r.member for r in rows] == [full_names["watanabe"], full_names["yoshioka"]]


def test_a_notice_addresses_each_member_by_the_seat_held_that_day(meeting, full_names):
    from kyodo.committees.speakers import salutation

    titles = {s.member.name: salutation(s) for s in _seats(meeting)}
    assert titles["熊田"] == "熊田委員長"
    assert titles["有賀"] == "有賀副委員長"
    assert titles["齋藤 凜"] == "齋藤 凜委員"
    assert titles[f"{YOSHI}岡\u3000繫"] == f"{YOSHI}岡\u3000繫委員"
