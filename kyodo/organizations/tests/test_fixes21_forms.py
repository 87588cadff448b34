"""A newcomer's findings on /groups/apply/ and the staff list (session 21): 和暦 in 設立年, number
fields that show back what was typed, one form of an address, a duplicate hint for names that
begin alike."""

import pytest

from kyodo.core.tests.confirm import confirm_by_mail
from kyodo.organizations.models import Organization, similar_key
from kyodo.organizations.selectors import directory, possible_duplicates, staff_organizations
from kyodo.organizations.tests.factories import application_post, make_organization

pytestmark = pytest.mark.django_db


# --- 設立年 and 会員数 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "year"),
    [("平成17年", 2005), ("H17", 2005), ("令和元年", 2019), ("昭和50年", 1975), ("２００５", 2005)],
)
def test_the_year_founded_in_either_calendar_reaches_staff_as_the_western_year(client, typed, year):
    response = client.post(
        "/groups/apply/", application_post(founded_year=typed, member_count="１５")
    )
    assert response.status_code == 302
    confirm_by_mail(client, "hikari@example.jp")

    group = Organization.objects.get()
    assert (group.founded_year, group.member_count) == (year, 15)


def test_what_was_typed_comes_back_when_another_field_is_wrong(client):
    response = client.post(
        "/groups/apply/",
        application_post(founded_year="平成17年", member_count="１５", email="not-an-address"),
    )

    assert response.status_code == 200
    page = response.text
    assert (
        '<input type="text" name="member_count" value="１５" inputmode="numeric" '
        'id="id_member_count">' in page
    )
    assert 'name="founded_year" value="平成17年" inputmode="numeric"' in page
    assert "有効なメールアドレスを入力してください。" in page
    assert Organization.objects.count() == 0


def test_a_year_outside_its_era_is_refused_with_the_year_meant_and_shown_back(client):
    response = client.post("/groups/apply/", application_post(founded_year="平成32年"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "founded_year": [
            "「平成32年」という年はありません（平成は平成31年までです）。令和2年のことではありませんか。"
        ]
    }
    assert 'name="founded_year" value="平成32年"' in response.text
    assert Organization.objects.count() == 0


def test_the_hint_names_the_japanese_calendar(client):
    page = client.get("/groups/apply/").text
    assert '<p class="help" id="id_founded_year_helptext">例：2005、平成17年、H17</p>' in page
    assert 'type="number"' not in page


# --- addresses ---------------------------------------------------------------------------------


def test_the_address_and_area_are_stored_with_half_width_digits_and_hyphens(client):
    client.post(
        "/groups/apply/",
        application_post(address="西東京市ひばりが丘１－２－３", area="ひばりが丘１丁目"),
    )
    confirm_by_mail(client, "hikari@example.jp")

    group = Organization.objects.get()
    assert (group.address, group.area, group.phone) == (
        "西東京市ひばりが丘1-2-3",
        "ひばりが丘1丁目",
        "042-111-2222",
    )


def test_rows_written_without_a_form_are_stored_the_same_way():
    group = make_organization(address="西東京市南町５－６－１８", area="南町　全域")
    group.refresh_from_db()
    assert (group.address, group.area) == ("西東京市南町5-6-18", "南町 全域")


def test_the_directorys_area_filter_finds_either_width():
    make_organization(
        "あおぞらの会",
        "あおぞらのかい",
        status="registered",
        area="ひばりが丘１丁目",
        published_fields=["area"],
    )
    for query in ("ひばりが丘1丁目", "ひばりが丘１丁目", "1丁目"):
        assert [o.name for o in directory(area=query)] == ["あおぞらの会"], query


# --- the duplicate hint ------------------------------------------------------------------------


def test_names_whose_readings_begin_alike_are_possible_duplicates():
    net = make_organization("ひばりが丘子ども食堂ネット", "ひばりがおかこどもしょくどうねっと")
    kai = make_organization("ひばりが丘こども食堂の会", "ひばりがおかこどもしょくどうのかい")

    assert (
        similar_key(net.name_reading) == similar_key(kai.name_reading) == "ひばりがおかこどもしょく"
    )
    assert list(possible_duplicates(organization=net)) == [kai]
    assert list(possible_duplicates(organization=kai)) == [net]
    assert {o.name: o.has_duplicate for o in staff_organizations(status="applied")} == {
        "ひばりが丘子ども食堂ネット": True,
        "ひばりが丘こども食堂の会": True,
    }


def test_the_staff_page_of_an_application_shows_the_hint(client, staff_user):
    net = make_organization("ひばりが丘子ども食堂ネット", "ひばりがおかこどもしょくどうねっと")
    make_organization("ひばりが丘こども食堂の会", "ひばりがおかこどもしょくどうのかい")
    client.force_login(staff_user)
    page = client.get(f"/staff/groups/{net.pk}/").text
    section = page[page.index('<h2 id="duplicates-heading">重複の可能性</h2>') :]
    assert "ひばりが丘こども食堂の会" in section[: section.index("</section>")]


def test_a_legal_form_read_out_does_not_hide_the_likeness():
    npo = make_organization(
        "NPO法人ひばりが丘子ども食堂ネット",
        "えぬぴーおーほうじん ひばりがおかこどもしょくどうねっと",
    )
    kai = make_organization("ひばりが丘こども食堂の会", "ひばりがおかこどもしょくどうのかい")
    assert list(possible_duplicates(organization=kai)) == [npo]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # The same place, then different activities.
        (
            ("西東京市体操協会", "にしとうきょうしたいそうきょうかい"),
            ("西東京市体育協会", "にしとうきょうしたいいくきょうかい"),
        ),
        (
            ("ひばりが丘子ども食堂ネット", "ひばりがおかこどもしょくどうねっと"),
            ("ひばりが丘子ども将棋クラブ", "ひばりがおかこどもしょうぎくらぶ"),
        ),
        (
            ("ひばりが丘朗読の会", "ひばりがおかろうどくのかい"),
            ("ひばりが丘防犯パトロール隊", "ひばりがおかぼうはんぱとろーるたい"),
        ),
        # Short readings say too little: only the exact keys compare them.
        (("風の会", "かぜのかい"), ("風クラブ", "かぜくらぶ")),
    ],
)
def test_clearly_different_groups_are_not_flagged(first, second):
    one = make_organization(*first)
    two = make_organization(*second)
    assert list(possible_duplicates(organization=one)) == []
    assert list(possible_duplicates(organization=two)) == []
    assert {o.has_duplicate for o in staff_organizations()} == {False}
