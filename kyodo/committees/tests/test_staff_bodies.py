"""Staff pages for several bodies (a 市民協働推進委員会 beside the center's 運営委員会): links keep
the body, its short name, the member's seat table, the people page's to-do, its own secretariat
signing its notices, 「次回の会議を設定」 and the audit log's 委員会 rows."""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from kyodo.committees.models import AgendaItem, Committee, Member, Membership, MinutesEntry
from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(committee):
    """A second body of the center."""
    return Committee.objects.create(
        center=committee.center, name="市民協働推進委員会", slug="suishin"
    )


@pytest.fixture
def nakamura(council, make_user):
    from kyodo.core.roles import Role

    user = make_user("nakamura", Role.MEMBER, full_name="中村 直樹", email="")
    user.set_unusable_password()
    user.save()
    member = Member.objects.create(name="中村 直樹", name_reading="なかむら なおき",
                                   sector=Member.Sector.CITIZEN, user=user)  # fmt: skip
    Membership.objects.create(committee=council, member=member, term_start=date(2010, 4, 1))
    return member


def _signed_in(client, staff):
    client.force_login(staff)
    return client


def test_the_committee_page_s_links_keep_the_body(client, staff, committee, council):
    page = _signed_in(client, staff).get("/staff/committees/?committee=suishin").text
    assert 'href="/staff/committees/people/?committee=suishin"' in page
    assert 'href="/staff/committees/import/?committee=suishin"' in page
    assert "<code>suishin</code>" in page
    people = client.get("/staff/committees/people/?committee=suishin").text
    assert 'href="/staff/committees/people/members/new/?committee=suishin"' in people
    upload = client.get("/staff/committees/import/?committee=suishin").text
    assert '<a href="/staff/committees/?committee=suishin">市民協働推進委員会</a>' in upload


def test_the_meeting_page_links_back_to_its_body(client, staff, council):
    from kyodo.committees.services import meeting_create

    meeting = meeting_create(actor=staff, committee=council, date=date(2026, 6, 10))
    page = _signed_in(client, staff).get(f"/staff/committees/meetings/{meeting.pk}/").text
    assert '<a href="/staff/committees/?committee=suishin">市民協働推進委員会</a>' in page


def test_a_new_body_is_given_its_short_name(client, staff, committee):
    form = _signed_in(client, staff).get("/staff/committees/new/").text
    assert 'name="slug"' in form and 'value="committee-2"' in form
    data = {"name": "市民協働推進委員会", "slug": "Ｓｕｉｓｈｉｎ"}
    response = client.post("/staff/committees/new/", data)
    assert response.status_code == 302
    assert response["Location"] == "/staff/committees/?committee=suishin"
    assert Committee.objects.get(name="市民協働推進委員会").slug == "suishin"


@pytest.mark.parametrize(
    ("slug", "error"),
    [
        ("unei", "「unei」はすでに運営委員会の短い名前です。別の名前にしてください。"),
        (
            "minutes",
            "「minutes」はサイトのページのアドレスに使われています。別の名前にしてください。",
        ),
        ("推進", "半角の英小文字・数字・ハイフンだけで入力してください"),
        ("-a", "半角の英小文字・数字・ハイフンだけで入力してください"),
    ],
)
def test_a_short_name_taken_or_not_one_is_refused_in_japanese(client, staff, committee, slug,
                                                             error):  # fmt: skip
    response = _signed_in(client, staff).post(
        "/staff/committees/new/", {"name": "市民協働推進委員会", "slug": slug}
    )
    assert response.status_code == 400
    assert error in response.text
    assert not Committee.objects.filter(name="市民協働推進委員会").exists()


def test_the_settings_keep_the_short_name(client, staff, committee):
    from kyodo.committees.forms import SettingsForm

    assert "slug" not in SettingsForm.base_fields


def test_the_member_s_seat_table_says_committee_and_defaults_to_their_body(
    client, staff, committee, council, nakamura
):
    page = _signed_in(client, staff).get(f"/staff/committees/people/members/{nakamura.pk}/").text
    assert '<th scope="col">委員会</th>' in page
    assert '<label for="seat_committee">委員会</label>' in page
    select = page.split('id="seat_committee">')[1].split("</select>")[0]
    assert re.findall(r'<option value="([\w-]+)" selected>', select) == ["suishin"]
    assert 'href="/staff/committees/people/?committee=suishin"' in page


def test_the_people_page_says_no_letter_was_printed(client, staff, council, nakamura):
    page = _signed_in(client, staff).get("/staff/committees/people/?committee=suishin").text
    assert '中村 直樹</a> <small class="why">案内状をまだ印刷していません。</small>' in page
    assert "有効期限が切れています" not in page


def test_a_body_s_own_secretariat_signs_its_printed_notice(client, staff, council, nakamura):
    from kyodo.committees.services import meeting_create

    council.office_name = "西東京市 協働コミュニティ課"
    council.office_phone = "042-460-9800"
    council.save()
    meeting = meeting_create(actor=staff, committee=council, date=date(2026, 6, 10))
    page = _signed_in(client, staff).get(f"/staff/committees/meetings/{meeting.pk}/notice/print/")
    assert re.findall(r'<p class="letter-from">(.*?)</p>', page.text) == [
        "西東京市 協働コミュニティ課<br>電話番号 042-460-9800"
    ]
    assert "西東京市市民協働推進センター" not in page.text
    assert council.sender(committee_center := council.center).name == "西東京市 協働コミュニティ課"
    council.office_name = ""
    assert council.sender(committee_center) is committee_center


def test_the_settings_save_the_body_s_secretariat(client, staff, committee, council):
    from kyodo.committees.forms import SettingsForm

    form = SettingsForm(version_of=council)
    data = {
        "name": "市民協働推進委員会",
        "speaker_labels": "role",
        "office_name": "西東京市 協働コミュニティ課",
        "office_phone": "０４２－４６０－９８００",
        "office_email": "kyodo@example.jp",
        "office_address": "東京都西東京市南町5-6-13",
        form.add_prefix("version") if "version" in form.fields else "version": "",
    }
    data.update({k: v for k, v in form.initial.items() if k not in data and v is not None})
    response = _signed_in(client, staff).post("/staff/committees/settings/?committee=suishin", data)
    assert response.status_code == 302, response.text
    council.refresh_from_db()
    assert (council.office_name, council.office_phone) == (
        "西東京市 協働コミュニティ課",
        "042-460-9800",
    )
    entry = AuditEntry.objects.filter(action="kyodo.committees.committee.updated").latest("pk")
    assert entry.changes["office_name"] == ["", "西東京市 協働コミュニティ課"]


def test_a_phone_without_a_name_is_refused(client, staff, committee):
    from kyodo.committees.forms import SettingsForm

    form = SettingsForm(
        {"name": "運営委員会", "speaker_labels": "role", "office_phone": "042-460-9800"}
    )
    assert not form.is_valid()
    assert form.errors["office_name"] == [
        "事務局の名称を入力してください。名称がないと、メールの差出人はセンターのままです。"
    ]


def test_the_next_meeting_says_what_it_adds_and_takes_the_times(client, staff, meeting):
    page = _signed_in(client, staff).get(f"/staff/committees/meetings/{meeting.pk}/next/").text
    assert "会議録案の「その他」に議題「次回運営委員会日程について」を追加し" in page
    assert 'name="start_time" value="19:00"' in page


def test_the_next_meeting_adds_no_second_item_about_it(client, staff, meeting):
    from kyodo.committees.services import item_add

    own = item_add(actor=staff, meeting=meeting, category=AgendaItem.Category.OTHER,
                   title="次回の開催について", body="")  # fmt: skip
    page = _signed_in(client, staff).get(f"/staff/committees/meetings/{meeting.pk}/next/").text
    assert "「その他」にはすでに「次回の開催について」があるため" in page
    response = client.post(
        f"/staff/committees/meetings/{meeting.pk}/next/",
        {"date": "平成23年2月22日", "start_time": "19:00", "end_time": "21:00", "venue": ""},
    )
    assert response.status_code == 302
    others = AgendaItem.objects.filter(meeting=meeting, category=AgendaItem.Category.OTHER)
    assert list(others.values_list("title", flat=True)) == ["次回の開催について"]
    assert not MinutesEntry.objects.filter(
        item__meeting=meeting, text__startswith="次回は"
    ).exists()
    assert own.pk == others.get().pk
    assert meeting.committee.meetings.filter(date=date(2011, 2, 22), start_time=time(19)).exists()


def test_audit_rows_of_a_body_are_under_committees_and_name_the_meeting(staff, council, nakamura):
    from kyodo.committees.services import item_add, meeting_create
    from kyodo.core.audit import audit_rows
    from kyodo.core.audit_labels import AREAS

    assert dict((prefix, str(label)) for prefix, label in AREAS)["kyodo.committees."] == "委員会"
    meeting = meeting_create(actor=staff, committee=council, date=date(2026, 6, 10))
    item_add(actor=staff, meeting=meeting, category=AgendaItem.Category.OTHER, title="その他",
             body="")  # fmt: skip
    row = audit_rows(AuditEntry.objects.filter(action="kyodo.committees.item.added"))[0]
    assert (row.area, row.entry.object_repr, row.about) == (
        "委員会",
        "その他",
        "令和8年度第1回市民協働推進委員会",
    )
    created = audit_rows(AuditEntry.objects.filter(action="kyodo.committees.meeting.created"))[0]
    assert created.about == ""  # its own name says it
