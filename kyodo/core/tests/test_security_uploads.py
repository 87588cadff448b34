"""Uploaded files are never served as a page: an HTML, SVG or script file is refused by every form
that takes files, whatever its name, and nothing is kept; an accepted file comes back as a download
(Content-Disposition: attachment) with nosniff."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
HOSTILE_NAMES = ["お知らせ.pdf", "page.html", "page.svg", "page.txt", "page.csv", "page.docx"]
REFUSED = "ウェブページ・スクリプト・プログラムのため、アップロードできません"


def html_named(name: str, content: bytes = HTML) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/html")


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Shiryo")
    pdf.save()
    return buffer.getvalue()


def assert_download(response, content: bytes) -> None:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


def _news_post(staff_user):
    from kyodo.website import services

    return services.news_save(
        actor=staff_user,
        title="休館のお知らせ",
        body="本文",
        published_at=timezone.now(),
        is_published=True,
    )


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("content", [HTML, SVG], ids=["html", "svg"])
def test_a_page_is_refused_as_a_news_attachment_whatever_its_name(
    client, staff_user, name, content
):
    from kyodo.website.models import NewsAttachment

    post = _news_post(staff_user)
    audits = AuditEntry.objects.count()
    client.force_login(staff_user)
    response = client.post(
        f"/staff/site/news/{post.pk}/attach/", {"title": "資料", "file": html_named(name, content)}
    )
    assert response.status_code == 400
    assert REFUSED in response.text
    assert NewsAttachment.objects.count() == 0
    assert AuditEntry.objects.count() == audits


def test_a_news_attachment_comes_back_as_a_download(client, staff_user):
    from kyodo.website.models import NewsAttachment

    post = _news_post(staff_user)
    client.force_login(staff_user)
    pdf = pdf_bytes()
    response = client.post(
        f"/staff/site/news/{post.pk}/attach/",
        {"title": "資料", "file": SimpleUploadedFile("お知らせ.pdf", pdf)},
    )
    assert response.status_code == 302
    attachment = NewsAttachment.objects.get()
    client.logout()
    download = client.get(f"/news/{post.pk}/attachments/{attachment.pk}/")
    assert_download(download, pdf)
    assert download["Content-Type"] == "application/octet-stream"


def test_an_html_file_as_bylaws_is_refused_whatever_its_name(client):
    from kyodo.organizations.models import Organization
    from kyodo.organizations.tests.factories import application_post

    for name in ("規約.pdf", "規約.html", "規約.docx", "規約.txt"):
        response = client.post(
            "/groups/apply/", application_post(bylaws=html_named(name), agree=True)
        )
        assert response.status_code in (200, 400)
        assert 'class="error' in response.text
        assert REFUSED in response.text
    assert Organization.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_text_bylaws_come_back_as_a_plain_text_download(client, staff_user):
    from kyodo.core.tests.confirm import confirm_by_mail
    from kyodo.organizations.models import Organization
    from kyodo.organizations.tests.factories import application_post

    text = "第1条 この会は西東京ひかりの会という。 a < b".encode()
    response = client.post(
        "/groups/apply/",
        application_post(bylaws=SimpleUploadedFile("規約.txt", text), agree=True),
    )
    assert response.status_code == 302
    confirm_by_mail(client)
    organization = Organization.objects.get()
    client.force_login(staff_user)
    download = client.get(f"/staff/groups/{organization.pk}/bylaws/")
    assert_download(download, text)
    assert download["Content-Type"].startswith("text/plain")
    assert "sandbox" in download["Content-Security-Policy"]


def _open_agenda_item(client):
    from kyodo.committees.models import AgendaDocument, AgendaItem

    for item in AgendaItem.objects.order_by("-meeting__date"):
        response = client.post(
            f"/staff/committees/items/{item.pk}/documents/",
            {"title": "資料", "file": SimpleUploadedFile("資料.pdf", pdf_bytes())},
        )
        if response.status_code == 302:
            AgendaDocument.objects.filter(item=item).delete()
            return item
    pytest.fail("no agenda item of the demo takes a document")


def test_a_committee_document_is_checked_and_comes_back_as_a_download(client, staff_user, demo):
    from kyodo.committees.models import AgendaDocument

    client.force_login(staff_user)
    item = _open_agenda_item(client)
    before = AgendaDocument.objects.count()
    for name in HOSTILE_NAMES:
        response = client.post(
            f"/staff/committees/items/{item.pk}/documents/",
            {"title": "資料", "file": html_named(name)},
        )
        assert response.status_code == 400
        assert REFUSED in response.text
    assert AgendaDocument.objects.count() == before
    pdf = pdf_bytes()
    response = client.post(
        f"/staff/committees/items/{item.pk}/documents/",
        {"title": "資料", "file": SimpleUploadedFile("資料.pdf", pdf)},
    )
    assert response.status_code == 302
    document = AgendaDocument.objects.latest("pk")
    assert_download(client.get(f"/staff/committees/documents/{document.pk}/"), pdf)


def test_a_proposal_attachment_is_checked_and_comes_back_as_a_download(
    client, make_user, staff_user
):
    from kyodo.collaboration import services
    from kyodo.collaboration.models import ProposalAttachment
    from kyodo.collaboration.tests.conftest import PROPOSAL_DATA, make_group

    group = make_group(make_user, "kaze", "西東京風の会")
    call = _open_call()
    proposal = services.proposal_create(
        actor=group.representative_user, call=call, fields=services.ProposalFields(**PROPOSAL_DATA)
    )
    client.force_login(group.representative_user)
    base = f"/group/collaboration/proposals/{proposal.pk}/attachments/"
    for name in HOSTILE_NAMES:
        response = client.post(base, {"file": html_named(name)})
        assert response.status_code == 400
        assert REFUSED in response.text
    assert ProposalAttachment.objects.count() == 0
    pdf = pdf_bytes()
    assert client.post(base, {"file": SimpleUploadedFile("計画書.pdf", pdf)}).status_code == 302
    attachment = ProposalAttachment.objects.get()
    assert_download(client.get(f"{base}{attachment.pk}/"), pdf)

    services.proposal_submit(actor=group.representative_user, proposal=proposal)
    client.force_login(staff_user)
    download = client.get(
        f"/staff/collaboration/proposals/{proposal.pk}/attachments/{attachment.pk}/"
    )
    assert_download(download, pdf)


def _open_call():
    from datetime import timedelta

    from kyodo.collaboration.models import Criterion, ProposalCall

    today = timezone.localdate()
    call = ProposalCall.objects.create(
        title="NPO等企画提案事業",
        fiscal_year=2026,
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=10),
        budget_limit=1_000_000,
        # Published: a proposal is made only to a published call in its period.
        published_at=timezone.now(),
    )
    Criterion.objects.create(call=call, name="公益性", max_score=30, position=1)
    return call
