"""The committee pages people open most take a fixed, small number of queries (issue #19):
nothing is asked from a template, no row costs a query of its own."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, Committee
from kyodo.committees.tests.conftest import confirm
from kyodo.core.models import User


@pytest.fixture
def staff_client(client, demo):
    client.force_login(User.objects.get(username="nishiguchi"))
    return client


def test_the_staff_committee_page(staff_client, django_assert_num_queries):
    # Session; user with roles; the center; the committee; seats and terms ending; appointments;
    # meetings with their venues and minutes; the venues of the new-meeting form; secretariat;
    # the center's committees (the switcher between them).
    # (Outside a test's transaction the center and the venues are kept until the next write.)
    with django_assert_num_queries(10):
        assert staff_client.get("/staff/committees/").status_code == 200
    committee = Committee.objects.get(slug="unei")
    staff = User.objects.get(username="nishiguchi")
    for day in (date(2011, 3, 15), date(2011, 4, 19)):
        services.meeting_create(actor=staff, committee=committee, date=day)
    with django_assert_num_queries(10):
        assert staff_client.get("/staff/committees/").status_code == 200


def test_the_member_page(client, demo, django_assert_num_queries):
    client.force_login(User.objects.get(username="kumada"))
    # Session; user with roles and the seats' terms; the center (the layout); the seats; the
    # drafts to check (none in the 2010 history: the 8th's approved at the 10th, so their
    # approving meetings are not read); the meetings of the terms; the attendance (no meeting
    # to come in the 2010 history: no chair's view).
    with django_assert_num_queries(7):
        assert client.get("/member/").status_code == 200


def test_the_member_meeting_page(client, demo, django_assert_num_queries):
    from kyodo.committees.models import Meeting

    client.force_login(User.objects.get(username="kumada"))
    ninth = Meeting.objects.get(fiscal_year=2010, number=9)
    # Session; user with roles and the seats' terms; the center (the layout); the meeting with
    # its committee, venue and minutes; the seats; its items and their papers (two); the
    # member's links; the attendance; for the chair, per draft the meeting approves: its
    # items, its circulation before the meeting began, the receipts, the mails that had bounced
    # by then (two members received the 8th's draft only after the 9th) and the correction
    # requests; and the monthly report the meeting heard (December 2010's: 報告資料).
    with django_assert_num_queries(15):
        page = client.get(f"/member/meetings/{ninth.pk}/")
    assert page.status_code == 200
    assert "平成22年度第9回運営委員会" in page.text and '<li value="1">' in page.text
    assert "月次報告 平成22年12月分" in page.text


def test_the_public_minutes_page(client, staff, committee, meeting, django_assert_num_queries):
    for category, title, text in [
        (AgendaItem.Category.REPORT, "業務報告について", "事務局：報告した。\n委員長：了解。"),
        (AgendaItem.Category.DISCUSSION, "協働について", "委員：意見。\n○了承した。"),
    ]:
        item = services.item_add(actor=staff, meeting=meeting, category=category, title=title)
        services.minutes_entries_from_text(actor=staff, item=item, text=text)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(
        actor=staff, committee=committee, date=meeting.date.replace(month=2)
    )
    confirm(staff, following.items.get())
    # The minutes with their current version; the center (the layout).
    with django_assert_num_queries(2):
        page = client.get(f"/committee/minutes/{meeting.minutes.pk}/")
    assert page.status_code == 200
    assert '<span class="speaker">委員長</span>：了解。</li>' in page.text


def test_committee_people_agrees_with_memberships_on_and_terms_ending(committee, staff):
    from datetime import timedelta

    from kyodo.committees.models import Appointment, Member, Membership
    from kyodo.committees.selectors import (
        committee_people,
        memberships_on,
        seat_order,
        terms_ending,
    )

    today = date(2011, 1, 18)
    for name, reading, start, end in [
        ("過去", "かこ", date(2005, 4, 1), date(2007, 3, 31)),
        ("未来", "みらい", today + timedelta(days=10), today + timedelta(days=40)),
        ("無期限", "むきげん", date(2010, 4, 1), None),
        ("今日まで", "きょうまで", date(2010, 4, 1), today),
        ("来年", "らいねん", today + timedelta(days=200), None),
        ("同じ日", "おなじひ", date(2010, 4, 1), today + timedelta(days=40)),
    ]:
        member = Member.objects.create(name=name, name_reading=reading, sector=Member.Sector.NPO)
        Membership.objects.create(
            committee=committee, member=member, term_start=start, term_end=end
        )
        Appointment.objects.create(
            committee=committee, member=member, title=f"{name}の役", term_start=start, term_end=end
        )
    people = committee_people(committee=committee, today=today)
    assert [(s.name, s.role, s.sector, s.term_start, s.term_end) for s in people.seats] == [
        (s.member.name, s.get_role_display(), s.member.get_sector_display(), s.term_start,
         s.term_end)
        # 委員長, 副委員長, then gojūon order: the house order of a member list.
        for s in sorted(
            memberships_on(committee=committee, on=today),
            key=lambda s: seat_order(s.role, s.member.name_reading),
        )
    ]  # fmt: skip
    assert people.terms_ending == terms_ending(committee=committee, today=today)
    assert [(a.title, a.name) for a in people.appointments] == [
        (a.title, a.member.name) for a in committee.appointments.all()
    ]


def test_the_staff_page_escapes_what_it_prints(client, staff, committee):
    from kyodo.core.models import Venue

    client.force_login(staff)
    assert '<td colspan="5">' in client.get("/staff/committees/").text  # no meeting yet
    venue = Venue.objects.create(name="<b>会場</b> & 2")
    services.meeting_create(actor=staff, committee=committee, date=date(2011, 1, 18), venue=venue)
    page = client.get("/staff/committees/").text
    assert "<td>&lt;b&gt;会場&lt;/b&gt; &amp; 2</td>" in page
    assert '<td colspan="5">' not in page


def test_the_staff_committee_page_reads_a_sent_form_fresh(client, staff, committee):
    client.force_login(staff)
    # Refused: the page again, with the form's error and both forms
    refused = client.post("/staff/committees/", {"date": ""})
    assert refused.status_code == 400
    assert 'class="field has-error"' in refused.text and 'name="speaker_labels"' in refused.text
    # Sent: the meeting is made and its page opened
    made = client.post("/staff/committees/", {"date": "2011-03-15"})
    assert made.status_code == 302 and "/staff/committees/meetings/" in made["Location"]
