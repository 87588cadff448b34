"""Where a request for staff is mailed (``people.staff_inbox``): one rule for a group's 変更届 and a
member's 訂正依頼 — the center's own address when it has one, else every active staff member's."""

from __future__ import annotations

import pytest

from kyodo.core.models import Center
from kyodo.core.people import staff_addresses, staff_inbox
from kyodo.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    make_user("suda", Role.STAFF)
    make_user("away", Role.STAFF, is_active=False)
    make_user("nomail", Role.STAFF, email="")
    make_user("kumada", Role.MEMBER)
    make_user("twin", Role.STAFF, email="suda@example.jp")  # one address, mailed once
    return make_user("nishiguchi", Role.STAFF)


def test_a_center_with_its_own_address_gets_the_requests(staff):
    center = Center.objects.create(name="みなと市民活動センター", email="center@example.jp")

    assert staff_inbox() == ["center@example.jp"]
    assert staff_inbox(center=center) == ["center@example.jp"]


def test_without_a_center_address_every_active_staff_member_is_mailed_once(staff):
    expected = ["nishiguchi@example.jp", "suda@example.jp"]
    assert staff_inbox() == expected  # no center at all yet
    center = Center.objects.create(name="みなと市民活動センター")
    assert staff_inbox() == staff_inbox(center=center) == staff_addresses() == expected


def test_a_center_without_staff_or_address_mails_nobody(db):
    Center.objects.create(name="みなと市民活動センター")
    assert staff_inbox() == []
