from datetime import date

import pytest

from kyodo.organizations.models import Organization
from kyodo.organizations.selectors import (
    directory,
    new_registrations_between,
    possible_duplicates,
    registered_count_on,
    staff_organizations,
)
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    """Four groups with registrations, a suspension, a reinstatement and withdrawals."""
    make_organization("あおぞらの会", "あおぞらのかい", history=[("registered", date(2010, 4, 10))])
    make_organization(
        "いずみ会",
        "いずみかい",
        history=[
            ("registered", date(2010, 5, 1)),
            ("suspended", date(2010, 6, 1)),
            ("reinstated", date(2010, 8, 1)),
        ],
    )
    make_organization(
        "うみの会",
        "うみのかい",
        history=[("registered", date(2010, 5, 1)), ("withdrawn", date(2010, 9, 30))],
    )
    make_organization("えがおの会", "えがおのかい", history=[("registered", date(2010, 12, 1))])
    make_organization("おかの会", "おかのかい")  # an application, never registered


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2010, 4, 9), 0),
        (date(2010, 4, 10), 1),
        (date(2010, 4, 30), 1),
        (date(2010, 5, 1), 3),
        (date(2010, 5, 31), 3),
        (date(2010, 6, 1), 2),  # いずみ会 suspended from this day
        (date(2010, 7, 31), 2),
        (date(2010, 8, 1), 3),  # reinstated
        (date(2010, 9, 29), 3),
        (date(2010, 9, 30), 2),  # うみの会 withdrawn from this day
        (date(2010, 11, 30), 2),
        (date(2010, 12, 1), 3),
        (date(2030, 1, 1), 3),
    ],
)
def test_registered_count_on_follows_the_history_exactly(register, on, expected):
    assert registered_count_on(on) == expected


def test_a_renewal_keeps_the_group_registered(db):
    make_organization(
        "あおぞらの会",
        "あおぞらのかい",
        history=[("registered", date(2009, 4, 10)), ("renewed", date(2010, 4, 1))],
    )
    assert registered_count_on(date(2010, 4, 1)) == 1
    assert registered_count_on(date(2009, 4, 9)) == 0


def test_new_registrations_between_in_order_of_date_then_reading(register):
    make_organization("あかねの会", "あかねのかい", history=[("registered", date(2010, 5, 1))])
    names = [o.name for o in new_registrations_between(date(2010, 5, 1), date(2010, 12, 1))]
    assert names == ["あかねの会", "いずみ会", "うみの会", "えがおの会"]
    first = new_registrations_between(date(2010, 5, 1), date(2010, 12, 1)).first()
    assert first.registered_on == date(2010, 5, 1)
    assert list(new_registrations_between(date(2010, 4, 11), date(2010, 4, 30))) == []


def test_demo_has_49_groups_registered_at_the_end_of_2010(demo):
    assert registered_count_on(date(2010, 12, 31)) == 49
    assert registered_count_on(date(2010, 11, 30)) == 46
    assert [o.name for o in new_registrations_between(date(2010, 12, 1), date(2010, 12, 31))] == [
        "西東京風の会",
        "特定非営利活動法人たま市民葬コラボ",
        "西東京シネマ倶楽部",
    ]
    kazenokai = Organization.objects.get(name="西東京風の会")
    assert kazenokai.representative_user.username == "kazenokai"


def test_loading_the_demo_twice_changes_nothing(demo):
    from kyodo.organizations.demo import load_demo
    from kyodo.organizations.models import OrganizationStatusChange

    counts = (Organization.objects.count(), OrganizationStatusChange.objects.count())
    load_demo()
    assert (Organization.objects.count(), OrganizationStatusChange.objects.count()) == counts
    assert registered_count_on(date(2010, 12, 31)) == 49


def test_full_width_and_spaced_names_are_possible_duplicates(db):
    existing = make_organization("NPO法人西東京風の会", "にしとうきょうかぜのかい")
    other = make_organization("西東京みどりの会", "にしとうきょうみどりのかい")
    application = make_organization("ＮＰＯ法人　西東京風の会", "ニシトウキョウカゼノカイ")

    assert existing.name_key == application.name_key
    assert list(possible_duplicates(organization=application)) == [existing]
    assert other not in possible_duplicates(organization=existing)
    flags = {o.name: o.has_duplicate for o in staff_organizations()}
    assert flags == {
        "NPO法人西東京風の会": True,
        "NPO法人 西東京風の会": True,  # stored half-width (core.text.normalize_name)
        "西東京みどりの会": False,
    }


def test_a_name_without_its_legal_form_is_a_possible_duplicate(db):
    existing = make_organization(
        "特定非営利活動法人西東京風の会", "とくていひえいりかつどうほうじんにしとうきょうかぜのかい"
    )
    application = make_organization("西東京風の会", "にしとうきょうかぜ")
    assert list(possible_duplicates(organization=application)) == [existing]


def test_directory_search_ignores_width_and_kana(db):
    make_organization(
        "NPO法人西東京コミュニティひろばNCH",
        "にしとうきょうこみゅにてぃひろばえぬしーえいち",
        status="registered",
    )
    make_organization("あおぞらの会", "あおぞらのかい", status="registered")
    make_organization("ＮＣＨ申請中", "えぬしーえいちしんせいちゅう")  # not registered
    for query in ("ｎｃｈ", "NCH", "コミュニティヒロバ", "こみゅにてぃ"):
        assert [o.name for o in directory(q=query)] == ["NPO法人西東京コミュニティひろばNCH"], query


def test_directory_filters_only_on_published_fields(db):
    make_organization(
        "あおぞらの会",
        "あおぞらのかい",
        status="registered",
        activity_fields=["children"],
        area="田無町",
        published_fields=["activity_fields", "area"],
    )
    make_organization(
        "いずみ会",
        "いずみかい",
        status="registered",
        activity_fields=["children"],
        area="田無町",
        published_fields=[],
    )
    assert [o.name for o in directory(activity_field="children")] == ["あおぞらの会"]
    assert [o.name for o in directory(area="田無")] == ["あおぞらの会"]
    assert [o.name for o in directory(legal_form="voluntary")] == ["あおぞらの会", "いずみ会"]


def _many_groups(n: int) -> None:
    for i in range(n):
        make_organization(
            f"テスト団体{i}",
            f"てすとだんたい{i}",
            history=[("registered", date(2010, 4, 1))],
            activity_fields=["children"],
            published_fields=["activity_fields"],
        )


def test_the_public_directory_uses_a_fixed_number_of_queries(client, django_assert_num_queries):
    _many_groups(3)
    # The center and the page; every group fits on it, so there is no count.
    with django_assert_num_queries(2):
        response = client.get("/groups/?activity_field=children")
    assert response.status_code == 200
    _many_groups(20)
    with django_assert_num_queries(2):
        response = client.get("/groups/?activity_field=children")
    assert response.text.count("テスト団体") >= 23


def test_the_staff_list_uses_a_fixed_number_of_queries(
    client, staff_user, django_assert_num_queries
):
    client.force_login(staff_user)
    _many_groups(3)
    client.get("/staff/groups/")
    with django_assert_num_queries(6):  # session, user with roles, center, 変更届, count, page
        client.get("/staff/groups/")
    _many_groups(20)
    with django_assert_num_queries(6):  # session, user with roles, center, 変更届, count, page
        response = client.get("/staff/groups/")
    assert response.text.count("テスト団体") >= 23
