"""The public site's frame on the demo: display switches, breadcrumbs and their structured data,
language, the HTML and XML site maps, the access page and its map, and small things (favicon,
long searches)."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.core.models import AuditEntry
from kyodo.core.versions import edit_version
from kyodo.events.models import Event
from kyodo.organizations.models import Organization
from kyodo.website.models import AccessInfo

pytestmark = pytest.mark.django_db

# The smallest PNG (1×1, transparent).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def test_the_switches_post_and_come_back_with_cookies(client, db):
    response = client.post("/display/", {"size": "xlarge", "next": "/events/"})
    assert response.status_code == 302 and response["Location"] == "/events/"
    assert response.cookies["kyodo_size"].value == "xlarge"
    assert response.cookies["kyodo_size"]["samesite"] == "Lax"
    client.post("/display/", {"contrast": "blue"})
    page = client.get("/news/").text
    assert '<html lang="ja" class="text-xlarge contrast-blue">' in page
    assert 'name="size" value="xlarge" aria-pressed="true"' in page
    # Back to normal removes the cookie; nonsense and foreign addresses change nothing.
    response = client.post(
        "/display/", {"size": "normal", "contrast": "red", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert response.cookies["kyodo_size"]["max-age"] == 0
    assert "kyodo_contrast" not in response.cookies
    assert client.get("/display/").status_code == 405


def test_breadcrumbs_and_their_structured_data(client, demo):
    event = Event.objects.get(title="会計講座中級編")
    page = client.get(f"/events/{event.pk}/").text
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', page, re.S).group(0)
    assert re.findall(r"<li>(.*?)</li>", nav) == [
        '<a href="/">トップページ</a>',
        '<a href="/events/">事業</a>',
        '<span aria-current="page">会計講座中級編</span>',
    ]
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    assert data["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "トップページ", "http://testserver/"),
        (2, "事業", "http://testserver/events/"),
        (3, "会計講座中級編", f"http://testserver/events/{event.pk}/"),
    ]
    # Every public page of a section has them; the home page and the staff area do not.
    group = Organization.objects.listed().first()
    assert (
        f'<span aria-current="page">{group.name}</span>' in client.get(f"/groups/{group.pk}/").text
    )
    assert '<span aria-current="page">アクセス</span>' in client.get("/access/").text
    assert 'class="breadcrumbs"' not in client.get("/").text


def test_japanese_whatever_the_browser_asks_english_only_by_choice(client, demo):
    page = client.get("/news/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="ja"' in page.text and "平成23年1月11日(火)" in page.text
    assert page["Content-Language"] == "ja"
    client.post("/i18n/setlang/", {"language": "en", "next": "/news/"})
    page = client.get("/news/")
    assert '<html lang="en"' in page.text and page["Content-Language"] == "en"
    assert "Tue, 11 January 2011" in page.text and "平成" not in page.text
    assert 'name="language" value="ja" lang="ja">日本語</button>' in page.text


def test_sitemap_xml_lists_every_kind_of_public_page(client, demo):
    from kyodo.collaboration.models import Collaboration
    from kyodo.committees.models import Minutes

    xml = client.get("/sitemap.xml").content
    locs = {
        e.text.removeprefix("http://testserver")
        for e in ElementTree.fromstring(xml).iter()
        if e.tag.endswith("loc")
    }
    expected = {
        "/",
        "/groups/",
        "/committee/",
        "/collaboration/",
        "/contact/",
        "/sitemap/",
        "/access/",
    }
    expected |= {
        f"/groups/{pk}/" for pk in Organization.objects.listed().values_list("pk", flat=True)
    }
    expected |= {f"/committee/minutes/{m.pk}/" for m in Minutes.objects.filter(status="confirmed")}
    expected |= {f"/collaboration/{c.pk}/" for c in Collaboration.objects.filter(is_published=True)}
    assert expected <= locs
    pending = Organization.objects.exclude(status="registered").first()
    assert f"/groups/{pending.pk}/" not in locs
    html = client.get("/sitemap/").text
    for href in (
        "/events/calendar/",
        "/groups/apply/",
        "/contact/",
        "/privacy/",
        "/opendata/events.csv",
    ):
        assert f'href="{href}"' in html


def test_the_access_page_says_how_to_get_here(client, demo):
    page = client.get("/access/").text
    for fact in ("〒188-0011", "東京都西東京市田無町4丁目 イングビル3階", "西武新宿線 田無駅 北口",
                 "（徒歩3分）", "午前9時～午後9時", "月曜日（祝日の場合は翌日）", "多目的トイレ"):  # fmt: skip
        assert fact in page
    assert '<a href="tel:042-000-0000">042-000-0000</a>' in page
    headings = re.findall(r"<h([1-6])", page.split("<main")[1])
    assert headings[0] == "1" and all(int(b) - int(a) <= 1 for a, b in pairwise(headings))


def test_staff_upload_a_map_that_is_shown_as_an_image(client, staff_user, demo):
    client.force_login(staff_user)
    form = {
        "postal_code": "１８８００１１",
        "phone": "０４２ー０００ー００００",
        "walking_minutes": "3",
        # The version of the access information as the form was shown (no lost updates).
        "edit_version": edit_version(AccessInfo.objects.get()),
    }
    # Without a description for those who cannot see it: refused, nothing stored.
    response = client.post(
        "/staff/site/access/", {**form, "map_image": SimpleUploadedFile("map.png", PNG)}
    )
    assert response.status_code == 400
    assert "地図を見られない方のために" in response.text
    assert not AccessInfo.objects.get().map_image
    # A page named .png is not an image.
    fake = SimpleUploadedFile("map.png", b"<html><script>alert(1)</script></html>")
    response = client.post(
        "/staff/site/access/", {**form, "map_description": "道順", "map_image": fake}
    )
    assert response.status_code == 400
    assert not AccessInfo.objects.get().map_image
    before = AuditEntry.objects.filter(action="kyodo.website.access.updated").count()
    response = client.post(
        "/staff/site/access/",
        {
            **form,
            "map_description": "田無駅北口から北へ3分",
            "map_image": SimpleUploadedFile("地図.png", PNG),
        },
    )
    assert response.status_code == 302
    info = AccessInfo.objects.get()
    assert (info.postal_code, info.phone, info.walking_minutes) == ("188-0011", "042-000-0000", 3)
    assert AuditEntry.objects.filter(action="kyodo.website.access.updated").count() == before + 1
    client.logout()
    page = client.get("/access/").text
    assert '<img src="/access/map/" alt="田無駅北口から北へ3分">' in page
    image = client.get("/access/map/")
    assert (image["Content-Type"], image["X-Content-Type-Options"]) == ("image/png", "nosniff")
    assert image["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(image.streaming_content) == PNG


def test_favicon_robots_and_an_over_long_search(client, db):
    icon = client.get("/favicon.ico")
    assert icon["Content-Type"] == "image/x-icon"
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"
    assert "Disallow: /display/" in client.get("/robots.txt").text
    response = client.get("/search/", {"q": "協" * 101})
    assert response.status_code == 200
    assert "検索語は100文字以内で入力してください（現在101文字）。" in response.text
    assert 'class="search-hit' not in response.text
    assert 'maxlength="100"' in client.get("/").text


def test_markdown_headings_follow_the_page_title(db):
    from kyodo.core.markup import render_markdown

    assert render_markdown("## 目的\n\n### 細目") == "<h2>目的</h2>\n<h3>細目</h3>"
    assert render_markdown("# 目的\n\n## 細目") == "<h2>目的</h2>\n<h3>細目</h3>"
