"""The public site with several bodies (市民協働推進委員会 beside the center's 運営委員会): each body
has its page, /committee/ names the others, the minutes sit under their own body in the
breadcrumbs, the sitemap lists every body, and a renamed body renames no past minutes."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.committees import services
from kyodo.committees.documents import version_document
from kyodo.committees.models import AgendaItem, Committee, Member, Membership, Minutes
from kyodo.committees.tests.conftest import confirm

BREADCRUMBS = re.compile(r'<nav class="breadcrumbs"[^>]*>\s*<div class="wrap"><ol>(.*?)</ol>', re.S)
JSON_LD = re.compile(r'<script type="application/ld\+json">(\{"@context": "https://schema.org", '
                     r'"@type": "BreadcrumbList".*?)</script>')  # fmt: skip


@pytest.fixture
def council(committee):
    # A second body of the same center, with its own two members (terms still running).
    council = Committee.objects.create(
        center=committee.center, name="市民協働推進委員会", slug="suishin", quorum=2
    )
    for name, reading, role in [
        ("𠮷岡", "よしおか", Membership.Role.MEMBER),
        ("小川", "おがわ", Membership.Role.CHAIR),
    ]:
        member = Member.objects.create(
            name=name, name_reading=reading, sector=Member.Sector.CITIZEN
        )
        Membership.objects.create(
            committee=council, member=member, role=role, term_start=date(2009, 4, 1)
        )
    return council


def _confirmed(staff, body, day: date) -> Minutes:
    """Minutes of a meeting of ``body`` on ``day``, confirmed at the next meeting (version 1)."""
    meeting = services.meeting_create(actor=staff, committee=body, date=day)
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(actor=staff, committee=body, date=day + timedelta(days=28))
    confirm(staff, following.items.get())
    return Minutes.objects.get(pk=meeting.minutes.pk)


def _page(client, url: str) -> tuple[str, int]:
    # The page's text and its own queries (the layout's read of the center left out).
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    own = [q for q in queries.captured_queries if '"core_center"' not in q["sql"]]
    return response.content.decode(), len(own)


def _breadcrumbs(html: str) -> tuple[str, list[tuple[str, str]]]:
    trail = BREADCRUMBS.search(html).group(1)
    data = json.loads(JSON_LD.search(html).group(1))
    return trail, [(item["name"], item["item"]) for item in data["itemListElement"]]


# --- one body: as before ------------------------------------------------------------------------


def test_with_one_body_the_page_names_no_other_and_its_slug_leads_to_the_section(client, committee):
    text, queries = _page(client, "/committee/")
    assert "ほかの会議体" not in text and 'class="other-bodies"' not in text
    assert queries == 4  # the body, its seats today (none), its last meeting (none), meetings
    response = client.get("/committee/unei/")
    assert (response.status_code, response["Location"]) == (301, "/committee/")


# --- several bodies ---------------------------------------------------------------------------------


def test_the_section_page_lists_the_other_bodies_in_the_same_three_queries(
    client, committee, council
):
    Membership.objects.filter(committee=committee).update(term_end=None)
    text, queries = _page(client, "/committee/")
    assert queries == 3
    assert "<h1>運営委員会</h1>" in text
    assert (
        '<nav class="other-bodies" aria-labelledby="bodies-heading">\n'
        '<h2 id="bodies-heading">ほかの会議体</h2>\n'
        '<ul><li><a href="/committee/suishin/">市民協働推進委員会</a></li></ul>\n</nav>'
    ) in text
    # Only the steering committee's members.
    assert re.findall(r"<tr><td>([^<]+)</td>", text) == ["熊田", "有賀", "坂口", "田辺"]


def test_a_body_has_its_own_page_with_its_members_schedule_and_minutes(
    client, committee, council, staff
):
    ours = _confirmed(staff, council, date(2011, 1, 25))
    theirs = _confirmed(staff, committee, date(2011, 1, 18))
    soon = services.meeting_create(
        actor=staff, committee=council, date=date.today() + timedelta(days=20)
    )
    text, queries = _page(client, "/committee/suishin/")
    assert queries == 3  # the bodies, the seats, the meetings
    assert "<title>市民協働推進委員会 | 西東京市市民協働推進センター</title>" in text
    assert "<h1>市民協働推進委員会</h1>" in text
    assert re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td>", text) == [
        ("小川", "委員長"),
        ("𠮷岡", "委員"),
    ]
    assert f"第{soon.number}回市民協働推進委員会：" in text
    assert (
        "<h3>平成22(2010)年度</h3>\n<ul>"
        f'<li><a href="/committee/minutes/{ours.pk}/">平成22(2010)年度第1回市民協働推進委員会会議録</a>'
        " (平成23年1月25日(火))</li></ul>"
    ) in text
    assert f"/committee/minutes/{theirs.pk}/" not in text
    assert '<ul><li><a href="/committee/">運営委員会</a></li></ul>' in text
    trail, items = _breadcrumbs(text)
    assert trail == (
        '<li><a href="/">トップページ</a></li>'
        '<li><span aria-current="page">市民協働推進委員会</span></li>'
    )
    assert items == [
        ("トップページ", "http://testserver/"),
        ("市民協働推進委員会", "http://testserver/committee/suishin/"),
    ]
    # And the section's page lists the steering committee's minutes only.
    index, _queries = _page(client, "/committee/")
    assert f"/committee/minutes/{theirs.pk}/" in index
    assert f"/committee/minutes/{ours.pk}/" not in index


def test_an_unknown_body_is_a_japanese_404_and_the_staff_address_leads_to_the_page(
    client, committee, council
):
    response = client.get("/committee/nothing-here/")
    assert response.status_code == 404
    assert "<h1>ページが見つかりません</h1>" in response.content.decode()
    response = client.get("/committee/", {"committee": "suishin"})
    assert (response.status_code, response["Location"]) == (302, "/committee/suishin/")
    assert client.get("/committee/", {"committee": "unei"}).status_code == 200
    assert client.get("/committee/", {"committee": "nothing-here"}).status_code == 200


def test_the_minutes_of_a_body_are_under_that_body(client, committee, council, staff):
    ours = _confirmed(staff, council, date(2011, 1, 25))
    theirs = _confirmed(staff, committee, date(2011, 1, 18))
    text, queries = _page(client, f"/committee/minutes/{ours.pk}/")
    assert queries == 1  # the minutes with their version, their body and its place
    assert '<p><a href="/committee/suishin/">市民協働推進委員会</a></p>' in text
    trail, items = _breadcrumbs(text)
    assert trail == (
        '<li><a href="/">トップページ</a></li>'
        '<li><a href="/committee/suishin/">市民協働推進委員会</a></li>'
        '<li><span aria-current="page">平成22(2010)年度第1回市民協働推進委員会会議録</span></li>'
    )
    assert items == [
        ("トップページ", "http://testserver/"),
        ("市民協働推進委員会", "http://testserver/committee/suishin/"),
        (
            "平成22(2010)年度第1回市民協働推進委員会会議録",
            f"http://testserver/committee/minutes/{ours.pk}/",
        ),
    ]
    # The steering committee's minutes keep the section as it was.
    text, _queries = _page(client, f"/committee/minutes/{theirs.pk}/")
    assert '<p><a href="/committee/">運営委員会</a></p>' in text
    trail, items = _breadcrumbs(text)
    assert trail == (
        '<li><a href="/">トップページ</a></li>'
        '<li><a href="/committee/">運営委員会</a></li>'
        '<li><span aria-current="page">平成22(2010)年度第1回運営委員会会議録</span></li>'
    )
    assert items[1] == ("運営委員会", "http://testserver/committee/")


def test_the_versions_and_the_difference_of_a_body_s_minutes_are_under_that_body(
    client, committee, council, staff
):
    ours = _confirmed(staff, council, date(2011, 1, 25))
    place = services.item_places(version_document(ours.current_version))[0][0]
    text = services.item_text(version_document(ours.current_version), place)
    services.minutes_correct(
        actor=staff,
        minutes=ours,
        place=place,
        text=text.replace("報告した。", "報告し、了承された。"),
        reason="発言の補足",
    )
    section = '<li><a href="/committee/suishin/">市民協働推進委員会</a></li>'
    for url, own_name in [
        (f"/committee/minutes/{ours.pk}/versions/", "版の一覧："),
        (f"/committee/minutes/{ours.pk}/versions/1/", ""),
        (f"/committee/minutes/{ours.pk}/diff/1/2/", ""),
    ]:
        trail, items = _breadcrumbs(_page(client, url)[0])
        assert trail.startswith('<li><a href="/">トップページ</a></li>' + section), url
        assert own_name in trail
        assert items[1] == ("市民協働推進委員会", "http://testserver/committee/suishin/"), url
        assert "運営委員会" not in trail, url


def test_a_member_s_personal_link_to_a_draft_is_under_the_member_s_body(
    client, committee, council, staff
):
    from kyodo.committees.models import CirculationRecipient

    meeting = services.meeting_create(actor=staff, committee=council, date=date(2011, 1, 25))
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    token = CirculationRecipient.objects.filter(circulation__minutes=meeting.minutes)[0].token
    trail, items = _breadcrumbs(_page(client, f"/committee/check/{token}/")[0])
    assert trail.startswith(
        '<li><a href="/">トップページ</a></li>'
        '<li><a href="/committee/suishin/">市民協働推進委員会</a></li>'
    )
    assert items[1] == ("市民協働推進委員会", "http://testserver/committee/suishin/")


def test_a_renamed_body_renames_no_past_minutes_in_its_list(client, committee, council, staff):
    ours = _confirmed(staff, council, date(2011, 1, 25))
    Committee.objects.filter(pk=council.pk).update(name="市民協働推進審議会")
    text, _queries = _page(client, "/committee/suishin/")
    assert "<h1>市民協働推進審議会</h1>" in text
    assert (
        f'<li><a href="/committee/minutes/{ours.pk}/">平成22(2010)年度第1回市民協働推進委員会会議録</a>'
        " (平成23年1月25日(火))</li>"
    ) in text
    assert "第1回市民協働推進審議会" not in text
    index, _queries = _page(client, "/committee/")
    assert '<li><a href="/committee/suishin/">市民協働推進審議会</a></li>' in index


def test_the_sitemaps_list_every_body(client, committee, council):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/committee/</loc>" in xml
    assert "<loc>http://testserver/committee/suishin/</loc>" in xml
    assert "/committee/unei/" not in xml
    html = client.get("/sitemap/").content.decode()
    assert (
        '<li><a href="/committee/">運営委員会</a></li>\n'
        '  <li><a href="/committee/suishin/">市民協働推進委員会</a></li>\n'
    ) in html


def test_the_search_and_the_open_data_pages_name_every_body(client, committee, council):
    search = client.get("/search/").content.decode()
    assert "サイト全体を検索します：各会議体の確定した会議録、事業、" in search
    catalogue = client.get("/opendata/").content.decode()
    assert (
        '各会議体のページ（<a href="/committee/">運営委員会</a>、'
        '<a href="/committee/suishin/">市民協働推進委員会</a>）の各会議録からダウンロードできます。'
    ) in catalogue


def test_with_one_body_the_search_and_the_open_data_pages_say_as_before(client, committee):
    search = client.get("/search/").content.decode()
    assert "サイト全体を検索します：運営委員会の確定した会議録、事業、" in search
    catalogue = client.get("/opendata/").content.decode()
    assert (
        '<a href="/committee/">運営委員会のページ</a>の各会議録からダウンロードできます。'
    ) in catalogue
