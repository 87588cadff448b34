"""News attachments are checked by name AND content (kyodo.core.uploads, 10 MB); a refusal keeps
nothing, an accepted file is stored under a safe name and comes back as a download."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kyodo.core.models import AuditEntry
from kyodo.core.tests.files import docx_bytes, pdf_bytes
from kyodo.website import services
from kyodo.website.models import NewsAttachment

pytestmark = pytest.mark.django_db

KINDS = "PDF、Word（.docx）、Excel（.xlsx）、CSV（.csv）、テキスト（.txt）、PNG画像、JPEG画像"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def post(staff_user):
    return services.news_save(
        actor=staff_user,
        title="休館のお知らせ",
        body="年末年始は休館します。",
        published_at=timezone.now(),
        is_published=True,
    )


def _attach(client, staff_user, post, name: str, content: bytes):
    client.force_login(staff_user)
    return client.post(
        f"/staff/site/news/{post.pk}/attach/",
        {"title": "案内", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "お知らせ.pdf",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "「お知らせ.pdf」はウェブページ・スクリプト・プログラムのため、アップロードできません。"
            f"受け付けるのは {KINDS} のファイル（10MBまで）です。",
            id="html-named-pdf",
        ),
        pytest.param(
            "お知らせ.pdf",
            b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024),
            f"「お知らせ.pdf」は大きすぎます（10.1MB）。ファイルは10MBまでです。受け付ける種類：{KINDS}。",
            id="oversize",
        ),
        pytest.param(
            "お知らせ.xlsx",
            docx_bytes(),
            "「お知らせ.xlsx」の内容が Excel（.xlsx） のファイルではありません。"
            f"受け付けるのは {KINDS} のファイル（10MBまで）です。",
            id="docx-named-xlsx",
        ),
    ],
)
def test_a_bad_attachment_is_refused_and_nothing_is_kept(
    client, staff_user, post, name, content, message
):
    audits = AuditEntry.objects.count()
    response = _attach(client, staff_user, post, name, content)
    assert response.status_code == 400
    assert message in response.text
    assert NewsAttachment.objects.count() == 0
    assert AuditEntry.objects.count() == audits


@pytest.mark.parametrize(
    ("name", "make", "stored"),
    [
        ("お知らせ.pdf", pdf_bytes, "お知らせ.pdf"),
        ("../休館 案内.DOCX", docx_bytes, "休館_案内.docx"),
    ],
)
def test_a_real_pdf_or_docx_is_attached_and_downloaded(
    client, staff_user, post, name, make, stored
):
    content = make()
    response = _attach(client, staff_user, post, name, content)
    assert response.status_code == 302
    attachment = NewsAttachment.objects.get()
    assert attachment.file.name == f"news/{post.pk}/{stored}"
    client.logout()
    download = client.get(f"/news/{post.pk}/attachments/{attachment.pk}/")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == content
