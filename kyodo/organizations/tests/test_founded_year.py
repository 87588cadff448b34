"""The year founded on the group pages: the Western year with its era, 「2007年（平成19年）」."""

import pytest
from django.utils import translation

from kyodo.organizations.templatetags.organizations_html import founded_year
from kyodo.organizations.tests.factories import make_organization


@pytest.mark.parametrize(
    ("year", "text"),
    [
        (2007, "2007年（平成19年）"),
        (1989, "1989年（昭和64年・平成元年）"),
        (2019, "2019年（平成31年・令和元年）"),
        (2020, "2020年（令和2年）"),
        (1870, "1870年"),  # before the calendar reform: no era date
        (None, ""),
    ],
)
def test_the_year_with_its_era(year, text):
    with translation.override("ja"):
        assert founded_year(year) == text


def test_in_english_the_year_alone():
    with translation.override("en"):
        assert founded_year(2007) == "2007"


@pytest.mark.django_db
def test_the_group_page_and_the_staff_page_show_it(client, staff_user):
    group = make_organization(
        status="registered", founded_year=2007, published_fields=["founded_year"]
    )
    page = client.get(f"/groups/{group.pk}/").text
    assert "<dt>設立年</dt><dd>2007年（平成19年）</dd>" in page
    client.force_login(staff_user)
    staff = client.get(f"/staff/groups/{group.pk}/").text
    assert "<dd>2007年（平成19年）</dd>" in staff
