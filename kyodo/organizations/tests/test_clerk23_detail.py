"""A new clerk's day (2026-12-07): a group's fields of activity and number of members read as
they are meant, on the staff page and on the public page.

Before, the fields were joined with 「、」, which the law's own names hold
(「まちづくりの推進を図る活動、学術、文化、芸術又はスポーツの振興を図る活動」 read as four fields, not
two), and the number of members was a bare 「30」."""

from datetime import date

import pytest

from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db

FIELDS = (
    '<ul class="activity-fields"><li>まちづくりの推進を図る活動</li>'
    "<li>学術、文化、芸術又はスポーツの振興を図る活動</li></ul>"
)


@pytest.fixture
def group(db):
    return make_organization(
        history=[("registered", date(2010, 12, 7))],
        activity_fields=["community", "culture"],
        published_fields=["activity_fields", "member_count"],
        member_count=30,
    )


def test_the_staff_page_lists_the_fields_one_by_one_and_counts_members(client, staff_user, group):
    client.force_login(staff_user)
    page = client.get(f"/staff/groups/{group.pk}/").text
    assert f"<dt>活動分野</dt><dd>{FIELDS}</dd>" in page
    assert "<dt>会員数</dt><dd>30人</dd>" in page


def test_the_public_page_does_the_same(client, group):
    page = client.get(f"/groups/{group.pk}/").text
    assert f"<dt>活動分野</dt><dd>{FIELDS}</dd>" in page
    assert "<dt>会員数</dt><dd>30人</dd>" in page


def test_no_number_of_members_shows_a_dash(client, staff_user, group):
    group.member_count = None
    group.save(update_fields=["member_count"])
    client.force_login(staff_user)
    page = client.get(f"/staff/groups/{group.pk}/").text
    assert "<dt>会員数</dt><dd>—</dd>" in page
    assert "会員数" not in client.get(f"/groups/{group.pk}/").text
