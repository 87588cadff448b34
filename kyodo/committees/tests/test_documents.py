"""Papers (資料) for an agenda item: the upload is checked by kyodo.core.uploads (type by name AND
content, 20 MB); a refusal keeps nothing, an accepted paper is stored under a safe name."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.committees import services
from kyodo.committees.models import AgendaDocument, AgendaItem
from kyodo.core.models import AuditEntry
from kyodo.core.tests.files import docx_bytes, pdf_bytes

MB = 1024 * 1024
ACCEPTED = (
    "PDF、Word（.docx）、Excel（.xlsx）、PowerPoint（.pptx）、Word 97-2003（.doc）、"
    "Excel 97-2003（.xls）、テキスト（.txt）、CSV（.csv）、画像（PNG、JPEG、GIF）"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    # A fresh media folder per test: names are checked exactly, and a refusal must leave none.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def item(staff, meeting):
    return services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DELIBERATION, title="議題"
    )


def _stored(meeting) -> list[str]:
    try:
        return default_storage.listdir(f"committees/{meeting.code}")[1]
    except FileNotFoundError:
        return []


def _post(client, item, name: str, content: bytes):
    return client.post(
        f"/staff/committees/items/{item.pk}/documents/",
        {"title": "資料1", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "資料.pdf",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "「資料.pdf」はウェブページ・スクリプト・プログラムのため、アップロードできません。"
            f"受け付けるのは {ACCEPTED} のファイル（20MBまで）です。",
            id="html-named-pdf",
        ),
        pytest.param(
            "資料.pdf",
            b"%PDF-1.4\n" + b"0" * (20 * MB),
            f"「資料.pdf」は大きすぎます（20.1MB）。ファイルは20MBまでです。受け付ける種類：{ACCEPTED}。",
            id="oversize",
        ),
        pytest.param(
            "資料.docx",
            b"PK\x03\x04not a document",
            "「資料.docx」の内容が Word（.docx） のファイルではありません。"
            f"受け付けるのは {ACCEPTED} のファイル（20MBまで）です。",
            id="fake-docx",
        ),
        pytest.param(
            "資料.zip",
            b"PK\x03\x04",
            "「資料.zip」はアップロードできない種類のファイルです。"
            f"受け付けるのは {ACCEPTED} のファイル（20MBまで）です。",
            id="zip",
        ),
    ],
)
def test_a_bad_paper_is_refused_in_japanese_and_nothing_is_kept(
    staff_client, item, name, content, message
):
    audits = AuditEntry.objects.count()
    response = _post(staff_client, item, name, content)
    assert response.status_code == 400
    assert message in response.text
    assert AgendaDocument.objects.count() == 0
    assert AuditEntry.objects.count() == audits
    assert _stored(item.meeting) == []


@pytest.mark.parametrize(
    ("name", "make", "stored"),
    [
        ("資料1 予算案.pdf", pdf_bytes, "資料1_予算案.pdf"),
        ("資料2.DOCX", docx_bytes, "資料2.docx"),
        ("..\\..\\資料3.txt", lambda: "議題の説明".encode("cp932"), "資料3.txt"),
    ],
)
def test_a_real_paper_is_accepted_under_a_safe_name(staff_client, item, name, make, stored):
    content = make()
    response = _post(staff_client, item, name, content)
    assert response.status_code == 302
    document = AgendaDocument.objects.get()
    assert (document.item, document.title) == (item, "資料1")
    assert document.file.name == f"committees/{item.meeting.code}/{stored}"
    with document.file.open("rb") as stored_file:
        assert stored_file.read() == content
    download = staff_client.get(f"/staff/committees/documents/{document.pk}/")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == content


def test_the_form_says_what_it_takes(staff_client, item):
    page = staff_client.get(f"/staff/committees/items/{item.pk}/documents/")
    assert f"{ACCEPTED} のファイル、20MBまで。" in page.text
    assert 'accept=".pdf,.docx,.xlsx,.pptx,.doc,.xls,.txt,.csv,.png,.jpg,.jpeg,.gif"' in page.text
