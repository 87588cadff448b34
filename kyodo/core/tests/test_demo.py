import pytest
from django.core.management import call_command
from django.db import connection

from kyodo.committees.models import Committee, Membership, SecretariatMember
from kyodo.committees.selectors import memberships_on
from kyodo.core.models import Center, User, Venue
from kyodo.core.roles import Role, has_role


def test_demo_is_the_center_of_january_2011(demo):
    center = Center.objects.current()
    assert center.name == "西東京市市民協働推進センター"
    assert {"イングビル3階 第1会議室", "保谷庁舎"} <= set(
        Venue.objects.values_list("name", flat=True)
    )

    committee = Committee.objects.get(slug="unei")
    seats = memberships_on(committee=committee, on=__import__("datetime").date(2011, 1, 18))
    assert [s.member.name for s in seats] == [
        "有賀", "有馬", "岡澤", "熊田", "小林", "坂口",
        "田辺", "中曽根", "橋本", "宮﨑", "山辺", "吉田",
    ]  # fmt: skip
    assert [s.member.name for s in seats if s.role == Membership.Role.CHAIR] == ["熊田"]
    assert [
        f"{s.name}{s.title}" for s in SecretariatMember.objects.filter(committee=committee)
    ] == [
        "西口センター長",
        "丸木地域福祉課長",
        "中澤主事",
    ]
    assert has_role(User.objects.get(username="nishiguchi"), Role.STAFF)
    assert has_role(User.objects.get(username="kumada"), Role.MEMBER)
    assert has_role(User.objects.get(username="kazenokai"), Role.GROUP)
    assert User.objects.get(username="admin").is_superuser


def test_loading_the_demo_twice_changes_nothing(db, capsys):
    call_command("demo")
    counts = (User.objects.count(), Membership.objects.count(), Venue.objects.count())
    call_command("demo")
    assert (User.objects.count(), Membership.objects.count(), Venue.objects.count()) == counts
    out = capsys.readouterr().out
    assert "nishiguchi" in out
    assert "kyodo-demo-2011" in out


def test_home_page_names_the_demo_center(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    assert "<h1>西東京市市民協働推進センター</h1>" in response.text
    assert 'lang="ja"' in response.text
    assert 'href="#main"' in response.text


def test_home_page_without_a_center_says_how_to_load_the_demo(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "kyodo demo" in response.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
@pytest.mark.django_db(transaction=True)
def test_the_demo_leaves_postgresql_vacuumed_and_analysed(capsys):
    # Autovacuum may be off, or not yet round: the planner has statistics on every column of the
    # search table at once, and the rewrites the demo made while building it leave no page an
    # index-only scan must still visit.
    call_command("demo")
    table = "search_searchdocument"
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE relname = %s", [table])
        pages, visible = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        (analysed,) = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = %s", [table]
        )
        (columns,) = cursor.fetchone()
    assert pages > 0
    assert visible == pages
    assert analysed == columns


def test_no_vacuum_inside_a_transaction(db):
    from kyodo.core.upkeep import after_bulk_load

    # VACUUM cannot run in a transaction block (a test's, or a caller's atomic()): nothing runs.
    assert after_bulk_load(vacuum=True) is False
