"""A small committee for service tests: four members (quorum 3) and a staff user."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from kyodo.committees.models import (
    AgendaItem,
    Committee,
    Member,
    Membership,
    SecretariatMember,
)
from kyodo.core.models import Center, Venue
from kyodo.core.roles import Role


@pytest.fixture
def committee(db, make_user):
    center = Center.objects.create(name="西東京市市民協働推進センター")
    committee = Committee.objects.create(
        center=center, name="運営委員会", slug="unei", quorum=3, min_members=3, max_members=6
    )
    # Readings decide the order: 坂口 (さかぐち) comes before 田辺 (たなべ).
    for username, name, reading, role in [
        ("tanabe", "田辺", "たなべ", Membership.Role.MEMBER),
        ("sakaguchi", "坂口", "サカグチ", Membership.Role.MEMBER),
        ("kumada", "熊田", "くまだ", Membership.Role.CHAIR),
        ("ariga", "有賀", "ありが", Membership.Role.VICE_CHAIR),
    ]:
        user = make_user(username, Role.MEMBER, full_name=name)
        member = Member.objects.create(
            name=name, name_reading=reading, sector=Member.Sector.NPO, email=user.email, user=user
        )
        Membership.objects.create(
            committee=committee,
            member=member,
            role=role,
            term_start=date(2009, 4, 1),
            term_end=date(2011, 3, 31),
        )
    SecretariatMember.objects.create(committee=committee, name="西口", title="センター長", order=1)
    return committee


@pytest.fixture
def staff(make_user):
    return make_user("nishiguchi", Role.STAFF, full_name="西口")


@pytest.fixture
def venue(db):
    return Venue.objects.create(name="イングビル3階 第1会議室")


@pytest.fixture
def meeting(committee, staff, venue):
    from kyodo.committees.services import meeting_create

    return meeting_create(
        actor=staff,
        committee=committee,
        date=date(2011, 1, 18),
        start_time=time(19),
        end_time=time(21),
        venue=venue,
    )


def members(committee) -> dict[str, Member]:
    return {m.name: m for m in Member.objects.filter(memberships__committee=committee)}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Each test makes several users; the production hasher would make the suite crawl.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def hold(staff, meeting, *, absent: tuple[str, ...] = ()):
    """Record ``meeting`` as held, every member seated that day present but ``absent``."""
    from kyodo.committees import services
    from kyodo.committees.models import Attendance, Meeting
    from kyodo.committees.selectors import memberships_on

    for seat in memberships_on(committee=meeting.committee, on=meeting.date):
        status = Attendance.Status.ABSENT if seat.member.name in absent else "present"
        services.attendance_record(actor=staff, meeting=meeting, member=seat.member, status=status)
    return services.meeting_update(
        actor=staff,
        meeting=meeting,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        venue=meeting.venue,
        status=Meeting.Status.HELD,
    )


def approve(staff, item, **decision):
    """Approve the minutes ``item`` is about, validly: its meeting held and quorate, every
    member having received the draft."""
    from django.utils import timezone

    from kyodo.committees import services
    from kyodo.committees.models import CirculationRecipient, Decision

    hold(staff, item.meeting)
    CirculationRecipient.objects.filter(
        circulation__minutes=item.minutes_for, opened_at__isnull=True
    ).update(opened_at=timezone.now())
    return services.decision_record(
        actor=staff, item=item, outcome=Decision.Outcome.APPROVED, **decision
    )


def confirm(staff, item, **decision):
    """Approve (as :func:`approve`) and confirm the minutes ``item`` is about: version 1."""
    from kyodo.committees import services

    approve(staff, item, **decision)
    return services.minutes_confirm(actor=staff, minutes=item.minutes_for)


@pytest.fixture
def written(committee, staff):
    """Seats running today; a meeting held in writing whose papers went out yesterday and whose
    votes close in a week, with a report and two 審議事項."""
    from kyodo.committees import services

    today = timezone.localdate()
    Membership.objects.update(term_start=today - timedelta(days=400), term_end=None)
    meeting = services.meeting_create(
        actor=staff, committee=committee, date=today - timedelta(days=1), held_in_writing=True,
        votes_close_on=today + timedelta(days=7),
    )  # fmt: skip
    services.item_add(actor=staff, meeting=meeting, category="report", title="12月期の月次報告")
    services.item_add(actor=staff, meeting=meeting, category="deliberation",
                      title="第8回会議録の承認について")  # fmt: skip
    services.item_add(actor=staff, meeting=meeting, category="deliberation",
                      title="社会福祉協議会の担当理事候補について")  # fmt: skip
    return meeting


def deliberations(meeting) -> list[AgendaItem]:
    """The meeting's 審議事項 in their order (what a written vote is given on)."""
    return list(meeting.items.filter(category="deliberation").order_by("number"))
