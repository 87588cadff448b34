"""A group's staff page and its search text (2026-12-07).

The staff page of a group that is applying showed empty 活動内容 and ウェブサイト rows: a field left
blank now reads 「—」, as on the change notification's page. The search index joined the fields of
activity with 「、」, which the law's names hold themselves: they are joined with 「／」."""

from datetime import date

import pytest

from kyodo.organizations.tests.factories import make_organization
from kyodo.search.indexing import reindex_group
from kyodo.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_an_applying_group_s_blank_fields_read_as_a_dash(client, staff_user):
    group = make_organization(
        representative_name="山田 花子",
        phone="042-111-2222",
        address="東京都西東京市南町5-6-13",
    )
    assert group.status == "applied"
    client.force_login(staff_user)

    page = client.get(f"/staff/groups/{group.pk}/").text

    for row in (
        "<dt>電話番号</dt><dd>042-111-2222</dd>",
        "<dt>所在地</dt><dd>東京都西東京市南町5-6-13</dd>",
        "<dt>活動分野</dt><dd>—</dd>",
        "<dt>活動地域</dt><dd>—</dd>",
        "<dt>活動内容</dt><dd>—</dd>",
        "<dt>ウェブサイト</dt><dd>—</dd>",
        "<dt>会員数</dt><dd>—</dd>",
        "<dt>設立年</dt><dd>—</dd>",
    ):
        assert row in page, row


def test_filled_fields_show_as_before(client, staff_user):
    group = make_organization(
        area="西東京市南町",
        description="散策会と写真展。\n毎月第2土曜日。",
        website="https://hibari.example.jp/",
        member_count=12,
        founded_year=2008,
        activity_fields=["community"],
    )
    client.force_login(staff_user)

    page = client.get(f"/staff/groups/{group.pk}/").text

    for row in (
        '<dt>活動分野</dt><dd><ul class="activity-fields"><li>まちづくりの推進を図る活動</li></ul></dd>',
        "<dt>活動地域</dt><dd>西東京市南町</dd>",
        "<dt>活動内容</dt><dd>散策会と写真展。<br>毎月第2土曜日。</dd>",
        "<dt>ウェブサイト</dt><dd>https://hibari.example.jp/</dd>",
        "<dt>会員数</dt><dd>12人</dd>",
        "<dt>設立年</dt><dd>2008年（平成20年）</dd>",
    ):
        assert row in page, row


def test_the_search_text_keeps_the_fields_of_activity_apart():
    group = make_organization(
        history=[("registered", date(2010, 12, 7))],
        activity_fields=["community", "culture"],
        published_fields=["activity_fields"],
    )

    reindex_group(group)

    texts = list(
        SearchDocument.objects.filter(kind="group", object_id=group.pk).values_list(
            "text", flat=True
        )
    )
    assert texts == ["まちづくりの推進を図る活動／学術、文化、芸術又はスポーツの振興を図る活動"]
