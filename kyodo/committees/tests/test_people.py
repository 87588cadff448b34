"""Committee people managed by staff: members, seats, one-step renewal, secretariat."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from kyodo.committees.models import Member, Membership, SecretariatMember
from kyodo.committees.selectors import terms_ending
from kyodo.committees.services import members as services
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.roles import user_roles

END_2010 = date(2011, 3, 31)


def _state():
    return (
        Member.objects.count(),
        list(Membership.objects.order_by("pk").values_list("role", "term_start", "term_end")),
        OutboxMessage.objects.count(),
        AuditEntry.objects.count(),
    )


def test_staff_add_a_member_with_a_seat_and_an_invitation(committee, staff, settings):
    settings.SITE_URL = "https://kyodo.example.jp"
    member = services.member_create(
        actor=staff,
        committee=committee,
        name="新井 花子",
        name_reading="アライ ハナコ",
        sector=Member.Sector.CITIZEN,
        affiliation="公募委員",
        email="arai@example.jp",
        role=Membership.Role.MEMBER,
        term_start=date(2011, 4, 1),
        term_end=None,
        invite=True,
    )
    assert member.name_reading == "あらい はなこ"
    seat = member.memberships.get()
    assert (seat.committee, seat.term_start, seat.term_end) == (committee, date(2011, 4, 1), None)
    assert member.user.username == "arai"
    assert user_roles(member.user) == {"member"}
    mail = OutboxMessage.objects.get(to="arai@example.jp")
    assert "運営委員会の委員としてアカウントを用意しました。" in mail.body
    assert "https://kyodo.example.jp/accounts/reset/" in mail.body
    entry = AuditEntry.objects.get(action="kyodo.committees.member.created")
    assert entry.changes == {
        "committee": "運営委員会",
        "role": "member",
        "term": ["2011-04-01", None],
        "username": "arai",
    }


def test_refusals_change_nothing(committee, staff, member_user):
    before = _state()
    data = dict(
        committee=committee,
        name="新井",
        name_reading="あらい",
        sector="citizen",
        term_start=date(2011, 4, 1),
        term_end=date(2011, 3, 31),
    )
    with pytest.raises(PermissionDenied):
        services.member_create(actor=member_user, **data)
    with pytest.raises(services.TermOrder):
        services.member_create(actor=staff, **data)
    assert _state() == before


def test_all_terms_are_renewed_for_the_next_fiscal_year_in_one_step(committee, staff):
    warned = terms_ending(committee=committee, today=date(2011, 2, 1))
    assert sorted(person for _end, person, _what in warned) == ["坂口", "有賀", "熊田", "田辺"]
    leaving = Membership.objects.get(member__name="田辺")
    staying = list(Membership.objects.exclude(pk=leaving.pk))

    renewed = services.terms_renew(
        actor=staff, committee=committee, ends_on=END_2010, seats=staying
    )

    assert sorted(s.member.name for s in renewed) == ["坂口", "有賀", "熊田"]
    assert set(Membership.objects.values_list("member__name", "term_end")) == {
        ("有賀", date(2012, 3, 31)),
        ("熊田", date(2012, 3, 31)),
        ("坂口", date(2012, 3, 31)),
        ("田辺", END_2010),
    }
    # The existing term-end warnings move with the renewed terms.
    warned = terms_ending(committee=committee, today=date(2011, 2, 1))
    assert [person for _end, person, _what in warned] == ["田辺"]
    entry = AuditEntry.objects.get(action="kyodo.committees.terms.renewed")
    assert entry.changes == {
        "term_end": ["2011-03-31", "2012-03-31"],
        "members": ["有賀", "熊田", "坂口"],
    }
    # Twice is harmless: nothing left to renew for those three, and nothing changes.
    before = _state()
    with pytest.raises(services.NothingToRenew):
        services.terms_renew(actor=staff, committee=committee, ends_on=END_2010, seats=staying)
    assert _state() == before


def test_the_renewal_page_renews_the_ticked_seats(client, committee, staff):
    client.force_login(staff)
    page = client.get("/staff/committees/people/renew/", {"committee": "unei"})
    assert page.status_code == 200
    assert "平成23年3月31日(木)に任期が終わる委員" in page.text
    assert "1年度更新すると、任期は平成24年3月31日(土)までになります。" in page.text
    seats = Membership.objects.exclude(member__name="田辺").values_list("pk", flat=True)
    response = client.post(
        "/staff/committees/people/renew/?committee=unei",
        {"ends_on": "2011-03-31", "years": "2", "seat": [str(pk) for pk in seats]},
    )
    assert response["Location"] == "/staff/committees/people/?committee=unei"
    assert Membership.objects.filter(term_end=date(2013, 3, 31)).count() == 3
    none_ticked = client.post(
        "/staff/committees/people/renew/?committee=unei", {"ends_on": "2011-03-31", "years": "1"}
    )
    assert "任期を続ける委員を1人以上チェックしてください。" in none_ticked.text


def test_a_role_change_is_in_the_audit_log_in_words(client, committee, staff):
    # The chair hands over: 熊田 becomes a member, then 有賀 the chair (one chair at a time).
    chair = Membership.objects.get(member__name="熊田")
    services.seat_update(
        actor=staff, seat=chair, role="member", term_start=chair.term_start, term_end=chair.term_end
    )
    seat = Membership.objects.get(member__name="有賀")
    services.seat_update(
        actor=staff, seat=seat, role="chair", term_start=seat.term_start, term_end=seat.term_end
    )
    client.force_login(staff)
    audit = client.get("/staff/audit/", {"kind": "kyodo.committees.membership.updated"})
    assert "委員の役職・任期の変更" in audit.text
    assert "副委員長 → 委員長" in audit.text
    assert f'href="/staff/committees/people/members/{seat.member_id}/"' in audit.text


def test_the_secretariat_is_added_changed_and_removed(committee, staff):
    person = services.secretariat_add(
        actor=staff, committee=committee, name="中澤", name_reading="なかざわ", title="主事"
    )
    assert person.order == 2
    services.secretariat_update(
        actor=staff, person=person, name="中澤", name_reading="なかざわ", title="課長", order=2
    )
    assert list(committee.secretariat.values_list("name", "title")) == [
        ("西口", "センター長"),
        ("中澤", "課長"),
    ]
    services.secretariat_remove(actor=staff, person=person)
    assert list(SecretariatMember.objects.values_list("name", flat=True)) == ["西口"]
    assert list(
        AuditEntry.objects.filter(action__startswith="kyodo.committees.secretariat.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "kyodo.committees.secretariat.added",
        "kyodo.committees.secretariat.updated",
        "kyodo.committees.secretariat.removed",
    ]


def test_people_pages_render(client, committee, staff):
    client.force_login(staff)
    member = Member.objects.get(name="熊田")
    for url in (
        "/staff/committees/people/",
        "/staff/committees/people/members/new/",
        f"/staff/committees/people/members/{member.pk}/",
        f"/staff/committees/people/seats/{member.memberships.get().pk}/",
        "/staff/committees/people/secretariat/new/",
    ):
        assert client.get(url).status_code == 200, url
    index = client.get("/staff/committees/people/")
    assert "過去の委員" in index.text  # every term of the fixture ended in 2011


def test_a_person_who_already_signs_in_keeps_one_account(committee, staff, group_user):
    member = services.member_create(
        actor=staff,
        committee=committee,
        name="風の会 代表",
        name_reading="かぜのかい だいひょう",
        sector="npo",
        email="GROUP1@example.jp",
        term_start=date(2011, 4, 1),
        term_end=None,
        invite=True,
    )
    assert member.user == group_user
    assert user_roles(member.user) == {"group", "member"}
    assert OutboxMessage.objects.count() == 0  # they sign in as before
