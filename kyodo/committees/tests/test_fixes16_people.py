"""Findings 4–6 on the committee's people: a former member is told their term ended and whom to
ask; a member added by mistake can be deleted (one the records refer to cannot, and the page
says why); people are found however their name is typed (spaces, kana, variant kanji)."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.models import Attendance, Member, Membership
from kyodo.committees.services.members import MemberInUse, member_delete, member_references
from kyodo.committees.tests.conftest import hold, members
from kyodo.core.models import AuditEntry, Center
from kyodo.core.roles import Role, user_roles
from kyodo.core.text import search_key, text_matches

# --- finding 4: a former member on /member/ ------------------------------------------------------


def test_a_former_member_is_told_when_the_term_ended_and_whom_to_ask(client, committee):
    Center.objects.filter(pk=committee.center_id).update(
        phone="042-000-0000", email="center@example.jp"
    )
    # The fixture's seats ended on 平成23年3月31日.
    client.force_login(members(committee)["坂口"].user)
    for url in ("/member/", "/member/meetings/1/"):
        page = client.get(url)
        assert page.status_code == 403
        assert "委員の任期は平成23年3月31日までです。" in page.text
        assert "西東京市市民協働推進センターにお問い合わせください。" in page.text
        assert 'href="tel:042-000-0000"' in page.text
        assert 'href="mailto:center@example.jp"' in page.text
        assert "このページを表示する権限がありません" not in page.text


def test_someone_who_never_sat_still_gets_the_plain_refusal(client, make_user):
    client.force_login(make_user("visitor", Role.GROUP))
    page = client.get("/member/")
    assert page.status_code == 403
    assert "任期" not in page.text


def test_a_sitting_member_gets_the_member_page(client, committee):
    sakaguchi = members(committee)["坂口"]
    Membership.objects.create(
        committee=committee, member=sakaguchi, term_start=date(2025, 4, 1), term_end=None
    )
    client.force_login(sakaguchi.user)
    assert client.get("/member/").status_code == 200


# --- finding 5: deleting a member added by mistake ---------------------------------------------


def _mistake(staff, committee) -> Member:
    return services.member_create(
        actor=staff,
        committee=committee,
        name="髙橋 一",
        name_reading="たかはし はじめ",
        sector=Member.Sector.CITIZEN,
        email="takahashi@example.jp",
        term_start=date(2010, 4, 1),
        term_end=date(2011, 3, 31),
        invite=True,
    )


def test_a_member_added_by_mistake_is_deleted_with_seats_and_member_role(client, staff, committee):
    member = _mistake(staff, committee)
    user = member.user
    client.force_login(staff)
    page = client.get(f"/staff/committees/people/members/{member.pk}/")
    assert f'action="/staff/committees/people/members/{member.pk}/delete/"' in page.text
    done = client.post(f"/staff/committees/people/members/{member.pk}/delete/")
    assert (done.status_code, done["Location"]) == (302, "/staff/committees/people/?committee=unei")
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not Membership.objects.filter(member_id=member.pk).exists()
    user.refresh_from_db()
    assert Role.MEMBER not in user_roles(user)
    assert user.is_active is False  # invited for this seat only, never signed in
    row = AuditEntry.objects.get(action="kyodo.committees.member.deleted")
    assert row.changes["name"] == "髙橋 一"
    index = client.get("/staff/committees/people/?committee=unei")
    assert f"/staff/committees/people/members/{member.pk}/" not in index.text


def test_a_member_the_records_refer_to_is_not_deleted_and_the_page_says_why(
    client, staff, committee, meeting
):
    hold(staff, meeting)
    tanabe = members(committee)["田辺"]
    assert member_references(tanabe) == ["1回の会議の出欠が記録されています。"]
    with pytest.raises(MemberInUse) as refused:
        member_delete(actor=staff, member=tanabe)
    assert str(refused.value) == (
        "この委員は削除できません。 1回の会議の出欠が記録されています。 "
        "削除せずに、任期を終了してください（任期の終了日を変更します）。"
    )
    client.force_login(staff)
    client.post(f"/staff/committees/people/members/{tanabe.pk}/delete/")
    assert Member.objects.filter(pk=tanabe.pk).exists()
    assert Attendance.objects.filter(member=tanabe).count() == 1
    assert not AuditEntry.objects.filter(action="kyodo.committees.member.deleted").exists()
    page = client.get(f"/staff/committees/people/members/{tanabe.pk}/")
    assert "<li>1回の会議の出欠が記録されています。</li>" in page.text
    assert "/delete/" not in page.text
    assert "削除せずに任期を終了してください。" in page.text


def test_every_kind_of_reference_is_named(staff, committee, meeting):
    from kyodo.committees.tests.test_services import _minutes_with_entries

    hold(staff, meeting)
    _minutes_with_entries(staff, meeting)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    services.appointment_add(
        actor=staff,
        committee=committee,
        member=members(committee)["熊田"],
        title="社会福祉協議会担当理事候補",
        term_start=date(2011, 4, 1),
    )
    assert member_references(members(committee)["熊田"]) == [
        "1回の会議の出欠が記録されています。",
        "会議録に1件の発言が記録されています。",
        "委員会が1件の役職に選任しています。",
        "会議録（未定稿）を1回送付しています。",
    ]


# --- finding 6: searching for people ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("佐藤 花子", "佐藤花子"),
        ("佐藤　花子", "佐藤花子"),
        ("佐藤花子", "佐藤 花子"),
        ("サトウ", "さとう はなこ"),
        ("さとうはなこ", "サトウ　ハナコ"),
        ("ｻﾄｳ", "さとう"),
        ("渡辺", "渡邉"),
        ("渡辺", "渡邊"),
        ("渡邊", "渡邉"),
        ("斎藤", "齋藤"),
        ("斉藤", "斎藤"),
        ("齋藤", "斉藤"),
        ("吉岡", "𠮷岡"),
        ("高橋", "髙橋"),
        ("山崎", "山﨑"),
        ("ＳＡＴＯ", "sato@example.jp"),
    ],
)
def test_names_match_however_they_are_typed(query, name):
    assert text_matches(query, name)


def test_different_names_do_not_match():
    assert not text_matches("佐藤", "加藤")
    assert not text_matches("渡辺", "田辺")
    assert search_key("髙橋　一") == "高橋一"
    assert text_matches("", "誰でも")


def test_the_committee_people_page_finds_members_however_the_name_is_typed(
    client, staff, committee
):
    for name, reading in (
        ("佐藤 花子", "さとう はなこ"),
        ("渡邉 葵", "わたなべ あおい"),
        ("齋藤 凜", "さいとう りん"),
        ("𠮷岡 繫", "よしおか しげる"),
        ("髙橋 一", "たかはし はじめ"),
        ("山﨑 誠", "やまざき まこと"),
    ):
        services.member_create(
            actor=staff,
            committee=committee,
            name=name,
            name_reading=reading,
            sector=Member.Sector.CITIZEN,
            term_start=date(2025, 4, 1),
            term_end=None,
        )
    client.force_login(staff)

    def found(query: str) -> list[str]:
        page = client.get("/staff/committees/people/", {"committee": "unei", "q": query})
        rows = page.context["current"] + page.context["coming"] + page.context["former"]
        return [row.member.name for row in rows]

    for query in ("佐藤 花子", "佐藤　花子", "佐藤花子", "サトウ", "さとう"):
        assert found(query) == ["佐藤 花子"], query
    assert found("渡辺") == ["渡邉 葵"]
    assert found("斉藤") == ["齋藤 凜"]
    assert found("吉岡") == ["𠮷岡 繫"]
    assert found("高橋") == ["髙橋 一"]
    assert found("山崎") == ["山﨑 誠"]
    assert found("加藤") == []
    assert len(found("")) == 10
