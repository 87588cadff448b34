"""Uploaded files are never served as a page: an HTML file uploaded through each form that takes
files comes back as a download (Content-Disposition: attachment) with nosniff, or is refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def html_named(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, HTML, content_type="text/html")


def assert_download(response) -> None:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == HTML


@pytest.mark.parametrize("name", ["お知らせ.pdf", "page.html", "page.svg"])
def test_a_news_attachment_comes_back_as_a_download(client, staff_user, name):
    from kyodo.website import services
    from kyodo.website.models import NewsAttachment

    post = services.news_save(
        actor=staff_user,
        title="休館のお知らせ",
        body="本文",
        published_at=timezone.now(),
        is_published=True,
    )
    client.force_login(staff_user)
    response = client.post(
        f"/staff/site/news/{post.pk}/attach/", {"title": "資料", "file": html_named(name)}
    )
    if response.status_code != 302:
        # Refused by type: then nothing is kept.
        assert response.status_code == 400
        assert NewsAttachment.objects.count() == 0
        return
    attachment = NewsAttachment.objects.get()
    client.logout()
    download = client.get(f"/news/{post.pk}/attachments/{attachment.pk}/")
    assert_download(download)
    assert download["Content-Type"] == "application/octet-stream"


def test_an_html_file_as_bylaws_is_refused_whatever_its_name(client):
    from kyodo.organizations.models import Organization
    from kyodo.organizations.tests.factories import application_post

    for name in ("規約.pdf", "規約.html", "規約.docx"):
        response = client.post(
            "/groups/apply/", application_post(bylaws=html_named(name), agree=True)
        )
        assert response.status_code in (200, 400)
        assert 'class="error' in response.text
    assert Organization.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_bylaws_with_markup_come_back_as_a_plain_text_download(client, staff_user):
    from kyodo.organizations.models import Organization
    from kyodo.organizations.tests.factories import application_post

    response = client.post(
        "/groups/apply/", application_post(bylaws=html_named("規約.txt"), agree=True)
    )
    assert response.status_code == 302
    organization = Organization.objects.get()
    client.force_login(staff_user)
    download = client.get(f"/staff/groups/{organization.pk}/bylaws/")
    assert_download(download)
    assert download["Content-Type"].startswith("text/plain")
    assert "sandbox" in download["Content-Security-Policy"]


def test_a_committee_document_comes_back_as_a_download(client, staff_user, demo):
    from kyodo.committees.models import AgendaDocument, AgendaItem

    client.force_login(staff_user)
    for item in AgendaItem.objects.order_by("-meeting__date"):
        response = client.post(
            f"/staff/committees/items/{item.pk}/documents/",
            {"title": "資料", "file": html_named("資料.html")},
        )
        if response.status_code == 302:
            break
    else:
        pytest.fail("no agenda item of the demo takes a document")
    document = AgendaDocument.objects.latest("pk")
    assert_download(client.get(f"/staff/committees/documents/{document.pk}/"))
