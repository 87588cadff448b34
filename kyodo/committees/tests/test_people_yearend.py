"""Committee people across the fiscal year's turn (the year's-turn audit, session 18, findings 2,
3, 4, 13): the seat in force today with the next ones marked, renewals that never seat a member
twice, term-end warnings that clear for members who continue or leave, and invitations that
wait for the term to begin.

The dates are counted from today: the services decide "later" and "ending soon" by the real
day. New messages are compared with the catalogue's own text (``gettext(msgid) % values``):
exact, and Japanese once the lead merges /tmp/fixes18/people-po.txt into django.po.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from kyodo.committees.models import Member, Membership
from kyodo.committees.selectors import terms_ending
from kyodo.committees.services import members as services
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.wareki import format_wareki

TODAY = timezone.localdate()
END = TODAY + timedelta(days=40)  # the seats of the committee fixture end within 90 days
NEXT = END + timedelta(days=1)  # the next term's first day
NEXT_END = NEXT + timedelta(days=729)


def _d(day: date) -> str:
    return format_wareki(day, weekday=False)


@pytest.fixture
def seated(committee):
    """The fixture's four (熊田 委員長, 有賀 副委員長, 坂口, 田辺) seated today until END."""
    Membership.objects.filter(committee=committee).update(
        term_start=TODAY - timedelta(days=300), term_end=END
    )
    return {m.name: m for m in Member.objects.filter(memberships__committee=committee)}


def _seats() -> list[tuple]:
    return list(
        Membership.objects.order_by("pk").values_list(
            "member__name", "role", "term_start", "term_end", "leaving_confirmed_at"
        )
    )


def _state() -> tuple:
    return (
        _seats(),
        Member.objects.count(),
        OutboxMessage.objects.count(),
        AuditEntry.objects.count(),
    )


# --- finding 2: the seat in force today ----------------------------------------------------------


def test_the_people_page_shows_today_s_seat_and_marks_the_next(client, staff, committee, seated):
    services.seat_add(
        actor=staff, member=seated["熊田"], committee=committee, role="member",
        term_start=NEXT, term_end=NEXT_END,
    )  # fmt: skip
    services.seat_add(
        actor=staff, member=seated["坂口"], committee=committee, role="chair",
        term_start=NEXT, term_end=NEXT_END,
    )  # fmt: skip
    services.member_create(
        actor=staff, committee=committee, name="相川 健", name_reading="あいかわ けん",
        sector="citizen", term_start=NEXT, term_end=NEXT_END,
    )  # fmt: skip
    client.force_login(staff)

    page = client.get("/staff/committees/people/", {"committee": "unei"})

    current = {row.member.name: row for row in page.context["current"]}
    assert sorted(current) == ["坂口", "有賀", "熊田", "田辺"]
    assert (current["熊田"].seat.role, current["熊田"].seat.term_end) == ("chair", END)
    assert [(s.role, s.term_start) for s in current["熊田"].coming] == [("member", NEXT)]
    assert current["坂口"].seat.role == "member"
    assert [row.member.name for row in page.context["coming"]] == ["相川 健"]
    assert page.context["former"] == []
    html = page.text
    from_next = gettext("From %(date)s, %(role)s")
    assert from_next % {"date": _d(NEXT), "role": "委員長"} in html
    assert from_next % {"date": _d(NEXT), "role": "委員"} in html
    coming = html.split('id="coming-heading"')[1]
    assert "相川 健" in coming and gettext("To take office") in coming
    current_section = html.split('id="coming-heading"')[0].split('id="current-heading"')[1]
    assert "相川 健" not in current_section
    assert gettext("To take office") not in current_section


# --- finding 3: no member seated twice -----------------------------------------------------------


def _overlap_message(seat: Membership) -> str:
    return gettext(
        "%(name)s already holds a seat on this committee as %(role)s from %(start)s to "
        "%(end)s. A member holds one seat at a time: to change the role, end that seat the "
        "day before the new one starts."
    ) % {
        "name": seat.member.name,
        "role": seat.get_role_display(),
        "start": _d(seat.term_start),
        "end": _d(seat.term_end),
    }


def test_a_seat_overlapping_the_member_s_other_seat_is_refused(committee, staff, seated):
    tanabe = seated["田辺"]
    seat = Membership.objects.get(member=tanabe)
    before = _state()
    with pytest.raises(services.SeatsOverlap) as error:
        services.seat_add(
            actor=staff, member=tanabe, committee=committee, role="member",
            term_start=END - timedelta(days=30), term_end=NEXT_END,
        )  # fmt: skip
    assert str(error.value) == _overlap_message(seat)
    assert error.value.field == "term_start"
    later = services.seat_add(
        actor=staff,
        member=tanabe,
        committee=committee,
        role="member",
        term_start=NEXT,
        term_end=NEXT_END,
    )  # fmt: skip  (the day after: allowed)
    after_add = _state()
    with pytest.raises(services.SeatsOverlap) as error:
        services.seat_update(
            actor=staff, seat=seat, role="member", term_start=seat.term_start, term_end=NEXT
        )
    assert str(error.value) == _overlap_message(later)
    assert _state() == after_add
    assert before[1:3] == after_add[1:3]


def test_the_renewal_page_leaves_members_with_a_next_seat_unticked(
    client, staff, committee, seated
):
    services.seat_add(
        actor=staff, member=seated["熊田"], committee=committee, role="member",
        term_start=NEXT, term_end=NEXT_END,
    )  # fmt: skip
    services.seat_add(
        actor=staff, member=seated["坂口"], committee=committee, role="chair",
        term_start=NEXT, term_end=NEXT_END,
    )  # fmt: skip
    client.force_login(staff)
    url = "/staff/committees/people/renew/"

    page = client.get(url, {"committee": "unei", "ends_on": END.isoformat()})

    rows = {row.seat.member.name: row for row in page.context["rows"]}
    assert {name: row.ticked for name, row in rows.items()} == {
        "坂口": False,
        "有賀": True,
        "熊田": False,
        "田辺": True,
    }
    checked = page.context["checked"]
    assert checked == {str(rows["有賀"].seat.pk), str(rows["田辺"].seat.pk)}
    assert (
        gettext("Next seat registered: from %(date)s, %(role)s")
        % {"date": _d(NEXT), "role": "委員長"}
        in page.text
    )

    # Ticking 坂口 anyway: refused with the reason, nothing renewed.
    before = _state()
    refused = client.post(
        url,
        {"committee": "unei", "ends_on": END.isoformat(), "years": "1",
         "seat": [rows["坂口"].seat.pk, rows["有賀"].seat.pk]},
    )  # fmt: skip
    assert refused.status_code == 200
    expected = gettext(
        "%(name)s already has the next seat, as %(role)s from %(start)s: untick them, their "
        "term continues in that seat."
    ) % {"name": "坂口", "role": "委員長", "start": _d(NEXT)}
    assert refused.context["form"].non_field_errors() == [expected]
    assert _state() == before

    # The defaults: only those without a next seat.
    done = client.post(
        url,
        {"committee": "unei", "ends_on": END.isoformat(), "years": "1", "seat": sorted(checked)},
    )
    assert done.status_code == 302
    new_end = services.renewed_term_end(END)
    assert sorted(
        Membership.objects.filter(term_end=new_end).values_list("member__name", flat=True)
    ) == ["有賀", "田辺"]
    # Nobody holds two seats on any day.
    for member in seated.values():
        seats = list(member.memberships.order_by("term_start"))
        for first, second in itertools.pairwise(seats):
            assert first.term_end < second.term_start


# --- finding 4: term-end warnings ------------------------------------------------------------------


def test_a_seat_continued_by_the_member_s_next_seat_is_not_ending(committee, staff, seated):
    from kyodo.core.todo import KINDS_BY_KEY, todo_counts

    kind = KINDS_BY_KEY["terms"]

    def warned() -> list[str]:
        people = [person for _end, person, _what in terms_ending(committee=committee, today=TODAY)]
        assert todo_counts(TODAY)["terms"] == len(kind.items(TODAY)) == len(people)
        return people

    assert warned() == ["有賀", "熊田", "坂口", "田辺"]
    # Continued the next day (熊田 as 委員 from 4/1), and overlapping (坂口's seat from before).
    services.seat_add(
        actor=staff, member=seated["熊田"], committee=committee, role="member",
        term_start=NEXT, term_end=NEXT_END,
    )  # fmt: skip
    Membership.objects.create(
        committee=committee,
        member=seated["坂口"],
        role="member",
        term_start=END - timedelta(days=5),
        term_end=NEXT_END,
    )  # fmt: skip  (an overlap kept from before the check)
    # A gap of one day: 田辺 leaves for a day, so his seat still ends.
    services.seat_add(
        actor=staff, member=seated["田辺"], committee=committee, role="member",
        term_start=NEXT + timedelta(days=1), term_end=NEXT_END,
    )  # fmt: skip
    assert warned() == ["有賀", "田辺"]
    assert [item.title for item in kind.items(TODAY)] == ["有賀（副委員長）", "田辺（委員）"]

    # The staff committee page's people agree.
    from kyodo.committees.selectors import committee_people

    people = committee_people(committee=committee, today=TODAY)
    assert people.terms_ending == terms_ending(committee=committee, today=TODAY)


def test_staff_confirm_a_leaving_member_and_can_undo_it(client, committee, staff, seated):
    from kyodo.core.todo import todo_counts

    ariga = Membership.objects.get(member=seated["有賀"])
    client.force_login(staff)
    assert todo_counts(TODAY)["terms"] == 4

    response = client.post(f"/staff/committees/people/seats/{ariga.pk}/", {"leaving": "confirm"})

    assert response.status_code == 302
    ariga.refresh_from_db()
    assert ariga.leaving_confirmed_by == staff
    assert todo_counts(TODAY)["terms"] == 3
    assert [p for _e, p, _w in terms_ending(committee=committee, today=TODAY)] == [
        "熊田",
        "坂口",
        "田辺",
    ]
    entry = AuditEntry.objects.get(action="kyodo.committees.membership.leaving_confirmed")
    assert entry.changes == {
        "committee": "運営委員会",
        "role": "vice_chair",
        "term_end": END.isoformat(),
    }
    page = client.get("/staff/committees/people/", {"committee": "unei"})
    assert [s.member.name for s in page.context["seats_leaving"]] == ["有賀"]
    assert [s.member.name for s in page.context["seats_ending"]] == ["熊田", "坂口", "田辺"]
    # The renewal page leaves them unticked.
    renew = client.get("/staff/committees/people/renew/", {"committee": "unei"})
    assert str(ariga.pk) not in renew.context["checked"]

    client.post(f"/staff/committees/people/seats/{ariga.pk}/", {"leaving": "withdraw"})
    ariga.refresh_from_db()
    assert (ariga.leaving_confirmed_at, ariga.leaving_confirmed_by) == (None, None)
    assert todo_counts(TODAY)["terms"] == 4
    assert AuditEntry.objects.filter(
        action="kyodo.committees.membership.leaving_withdrawn", object_id=str(ariga.pk)
    ).exists()


def test_a_confirmed_leaving_is_cleared_by_a_new_end_or_a_renewal(committee, staff, seated):
    ariga = Membership.objects.get(member=seated["有賀"])
    kumada = Membership.objects.get(member=seated["熊田"])
    for seat in (ariga, kumada):
        services.seat_leaving_confirm(actor=staff, seat=seat)
    services.seat_update(
        actor=staff, seat=ariga, role="vice_chair", term_start=ariga.term_start,
        term_end=END - timedelta(days=1),
    )  # fmt: skip
    services.terms_renew(actor=staff, committee=committee, ends_on=END, seats=[kumada])
    ariga.refresh_from_db()
    kumada.refresh_from_db()
    assert ariga.leaving_confirmed_at is None
    assert (kumada.term_end, kumada.leaving_confirmed_at) == (services.renewed_term_end(END), None)


def test_a_seat_that_does_not_end_cannot_be_confirmed_as_leaving(committee, staff, seated):
    services.seat_add(
        actor=staff, member=seated["熊田"], committee=committee, role="member",
        term_start=NEXT, term_end=NEXT_END,
    )  # fmt: skip
    kumada = Membership.objects.get(member=seated["熊田"], role="chair")
    before = _state()
    with pytest.raises(services.NotEnding):
        services.seat_leaving_confirm(actor=staff, seat=kumada)
    assert _state() == before


# --- finding 13: invitations of members whose term starts later -----------------------------------


def _invite_later(staff, committee) -> Member:
    return services.member_create(
        actor=staff, committee=committee, name="相川 健", name_reading="あいかわ けん",
        sector="citizen", email="aikawa@example.jp", term_start=NEXT, term_end=NEXT_END,
        invite=True,
    )  # fmt: skip


def test_the_invitation_of_a_later_term_leaves_on_the_day_it_begins(committee, staff, settings):
    settings.SITE_URL = "https://kyodo.example.jp"
    member = _invite_later(staff, committee)

    assert member.user.username == "aikawa"
    assert not member.user.has_usable_password()
    assert member.invite_on == NEXT
    assert OutboxMessage.objects.filter(to="aikawa@example.jp").count() == 0
    entry = AuditEntry.objects.get(action="kyodo.committees.member.created")
    assert entry.changes["invite_on"] == NEXT.isoformat()

    assert services.invitations_due_send(today=NEXT - timedelta(days=1)) == ""
    assert OutboxMessage.objects.count() == 0
    assert services.invitations_due_send(today=NEXT) == "1 invitation(s) mailed"
    assert services.invitations_due_send(today=NEXT) == ""  # twice: nothing more
    mail = OutboxMessage.objects.get(to="aikawa@example.jp")
    assert "運営委員会の委員としてアカウントを用意しました。" in mail.body
    assert "https://kyodo.example.jp/accounts/reset/" in mail.body
    seat = member.memberships.get()
    assert services.term_text(seat) == gettext("Your term runs from %(start)s to %(end)s.") % {
        "start": format_wareki(NEXT),
        "end": format_wareki(NEXT_END),
    }
    # Needs /tmp/fixes18/people-invitation-term.patch (the template prints ``term``).
    assert services.term_text(seat) in mail.body
    member.refresh_from_db()
    assert member.invite_on is None
    sent = AuditEntry.objects.get(action="kyodo.committees.member.invited")
    assert (sent.actor, sent.changes) == (
        None,
        {"username": "aikawa", "email": "aikawa@example.jp", "invite_on": NEXT.isoformat()},
    )


def test_staff_can_mail_a_waiting_invitation_now(client, committee, staff):
    member = _invite_later(staff, committee)
    client.force_login(staff)
    page = client.get(f"/staff/committees/people/members/{member.pk}/")
    assert (
        gettext("The invitation will be mailed on %(date)s, the day the term begins.")
        % {"date": format_wareki(NEXT)}
        in page.text
    )
    people_page = client.get("/staff/committees/people/", {"committee": "unei"})
    assert gettext("Invitation to be mailed on %(date)s") % {"date": _d(NEXT)} in people_page.text

    client.post(f"/staff/committees/people/members/{member.pk}/invite/")

    assert OutboxMessage.objects.filter(to="aikawa@example.jp").count() == 1
    member.refresh_from_db()
    assert member.invite_on is None
    assert services.invitations_due_send(today=NEXT) == ""


def test_a_member_seated_without_a_password_is_listed_and_invited_again(
    client, committee, staff, seated
):
    from kyodo.core.todo import KINDS_BY_KEY, todo_counts

    # Invited 5 days ago (the link lasts 3): the term has begun, no password set.
    member = services.member_create(
        actor=staff, committee=committee, name="渡邉 恵子", name_reading="わたなべ けいこ",
        sector="citizen", email="watanabe@example.jp", term_start=TODAY - timedelta(days=5),
        term_end=END, invite=True,
    )  # fmt: skip
    kind = KINDS_BY_KEY["invitations"]
    assert todo_counts(TODAY)["invitations"] == 0  # the link still works
    OutboxMessage.objects.filter(to="watanabe@example.jp").update(
        created_at=timezone.now() - timedelta(days=5)
    )
    assert todo_counts(TODAY)["invitations"] == 1
    [item] = kind.items(TODAY)
    assert (item.title, item.url) == ("渡邉 恵子", f"/staff/committees/people/members/{member.pk}/")
    client.force_login(staff)
    page = client.get("/staff/committees/people/", {"committee": "unei"})
    assert [m.name for m in page.context["no_password"]] == ["渡邉 恵子"]

    response = client.post(
        f"/staff/committees/people/members/{member.pk}/invite/", {"next": "index"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/staff/committees/people/?committee=unei"
    assert OutboxMessage.objects.filter(to="watanabe@example.jp").count() == 2
    assert todo_counts(TODAY)["invitations"] == 0
    # Once a password is set, the member is never listed again.
    member.user.set_password("a-long-pass-phrase")
    member.user.save()
    OutboxMessage.objects.all().update(created_at=timezone.now() - timedelta(days=5))
    assert todo_counts(TODAY)["invitations"] == 0
