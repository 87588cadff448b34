import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.core.markup import render_markdown
from kyodo.website import services
from kyodo.website.models import NewsAttachment, NewsPost


def test_home_shows_the_intro_and_the_latest_news(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    assert "<strong>協働</strong>" in response.text
    assert "「協働を考えるシンポジウム」を2月9日に開催します" in response.text
    assert "平成23年1月11日(火)" in response.text
    assert '<meta property="og:site_name" content="西東京市市民協働推進センター">' in response.text


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/about/", "センターについて"),
        ("/access/", "アクセス"),
        ("/privacy/", "個人情報の取り扱い"),
        ("/accessibility/", "ウェブアクセシビリティ方針"),
    ],
)
def test_information_pages(client, demo, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.text


def test_accessibility_statement_names_the_level_and_test_date(client, demo):
    response = client.get("/accessibility/")
    assert "JIS X 8341-3:2016" in response.text
    assert "<dd>AA</dd>" in response.text
    assert "<dd>一部準拠</dd>" in response.text
    assert "令和8年11月28日(土)" in response.text


def test_unknown_page_is_404(client, db):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/home/").status_code == 404


def test_unpublished_news_stays_private(client, demo):
    draft = NewsPost.objects.create(title="下書きのお知らせ", body="まだ", is_published=False)
    assert client.get(f"/news/{draft.pk}/").status_code == 404
    assert "下書きのお知らせ" not in client.get("/news/").text
    assert "下書きのお知らせ" not in client.get("/news/feed/atom/").text


def test_news_feeds_are_valid_xml_with_the_posts(client, demo):
    atom = ET.fromstring(client.get("/news/feed/atom/").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.text for e in atom.findall("a:entry/a:title", ns)]
    assert titles == [
        "会計講座中級編の参加者を募集しています",
        "「協働を考えるシンポジウム」を2月9日に開催します",
    ]
    rss = ET.fromstring(client.get("/news/feed/rss/").content)
    assert len(rss.findall("channel/item")) == 2


def test_sitemap_and_robots(client, demo):
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {e.text for e in sitemap.findall("s:url/s:loc", ns)}
    assert "http://testserver/about/" in locations
    assert "http://testserver/news/" in locations
    robots = client.get("/robots.txt")
    assert robots["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /staff/" in robots.text
    assert "Sitemap: http://testserver/sitemap.xml" in robots.text


def test_markdown_is_sanitised():
    html = render_markdown(
        "# 見出し\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1)) [ok](https://example.jp)"
    )
    assert "<h2>見出し</h2>" in html
    assert "<script>" not in html
    assert "javascript:" not in html
    assert 'href="https://example.jp"' in html


def test_an_attachment_is_always_downloaded_never_rendered(client, staff_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    post = services.news_save(actor=staff_user, title="資料", body="本文", is_published=True)
    # Even an accepted text file is a download: a browser never renders what staff uploaded.
    upload = SimpleUploadedFile("report.txt", "報告書の本文".encode())
    attachment = services.news_attach(actor=staff_user, post=post, title="報告", upload=upload)

    response = client.get(f"/news/{post.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_html_file_cannot_be_attached(staff_user):
    from django.core.exceptions import ValidationError

    post = services.news_save(actor=staff_user, title="資料", body="本文")
    upload = SimpleUploadedFile("page.html", b"<html></html>")
    with pytest.raises(
        ValidationError, match=re.escape("「page.html」はウェブページ・スクリプト・プログラム")
    ):
        services.news_attach(actor=staff_user, post=post, title="x", upload=upload)
    renamed = SimpleUploadedFile("page.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(
        ValidationError, match=re.escape("「page.pdf」はウェブページ・スクリプト・プログラム")
    ):
        services.news_attach(actor=staff_user, post=post, title="x", upload=renamed)
    assert NewsAttachment.objects.count() == 0


def test_home_shows_recent_events_of_the_demo_and_the_open_data_links(client, demo):
    response = client.get("/")
    assert '<h2 id="events-heading">最近の事業</h2>' in response.text
    assert "協働を考えるシンポジウム" in response.text
    assert 'href="/calendar/events.ics"' in response.text
    assert 'href="/opendata/events.csv"' in response.text


def test_home_shows_upcoming_events_first(client, demo, staff_user):
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.events import services

    services.event_create(
        actor=staff_user,
        status="published",
        kind="講座",
        title="来週の講座",
        date=timezone.localdate() + timedelta(days=7),
    )
    response = client.get("/")
    assert '<h2 id="events-heading">今後の事業</h2>' in response.text
    assert ">来週の講座</a>" in response.text
    assert ">協働を考えるシンポジウム</a>" not in response.text


def test_page_or_none_reads_the_page_as_the_orm_does(demo, django_assert_num_queries):
    from kyodo.website.models import Page
    from kyodo.website.selectors import page_or_none

    expected = Page.objects.get(slug=Page.Slug.ABOUT)
    with django_assert_num_queries(1):
        page = page_or_none(Page.Slug.ABOUT)
    fields = [field.attname for field in Page._meta.concrete_fields]
    assert [getattr(page, name) for name in fields] == [getattr(expected, name) for name in fields]
    assert page.updated_at.tzinfo is not None
    Page.objects.filter(slug=Page.Slug.PRIVACY).delete()
    assert page_or_none(Page.Slug.PRIVACY) is None
