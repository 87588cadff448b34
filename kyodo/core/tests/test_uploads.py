"""kyodo.core.uploads: extension AND content, pages/scripts/programs refused, Japanese messages."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kyodo.core.tests.files import docx_bytes, pdf_bytes
from kyodo.core.uploads import (
    CheckedUpload,
    UploadField,
    UploadValidator,
    check_upload,
    format_size,
    kinds_label,
    safe_filename,
)

MB = 1024 * 1024
ALL = ("pdf", "docx", "xlsx", "pptx", "doc", "xls", "txt", "csv", "image")


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "予算"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ooxml_bytes(main_type: str) -> bytes:
    # The smallest package with a [Content_Types].xml naming its main part (as PowerPoint writes).
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types><Override PartName="/main.xml" '
            f'ContentType="application/vnd.openxmlformats-officedocument.{main_type}"/></Types>',
        )
        archive.writestr("main.xml", "<x/>")
    return buffer.getvalue()


def ole_bytes(stream: str) -> bytes:
    # An OLE compound file header followed by a directory entry naming the main stream.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + stream.encode("utf-16-le") + b"\x00" * 64


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(name, content, *, kinds=ALL, max_bytes=20 * MB) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content), kinds=kinds, max_bytes=max_bytes)
    return error.value


ACCEPTED = [
    ("規約.pdf", pdf_bytes, "pdf"),
    ("計画書.docx", docx_bytes, "docx"),
    ("予算.xlsx", xlsx_bytes, "xlsx"),
    ("説明.pptx", lambda: ooxml_bytes("presentationml.presentation.main+xml"), "pptx"),
    ("旧様式.doc", lambda: ole_bytes("WordDocument"), "doc"),
    ("旧予算.xls", lambda: ole_bytes("Workbook"), "xls"),
    ("メモ.txt", lambda: "会則 第1条".encode(), "txt"),
    ("メモSJIS.txt", lambda: "会則 第1条\r\n".encode("cp932"), "txt"),
    ("名簿.csv", lambda: "\ufeff名前,住所\n風の会,西東京市\n".encode(), "csv"),
    ("写真.png", lambda: image_bytes("PNG"), "png"),
    ("写真.JPG", lambda: image_bytes("JPEG"), "jpeg"),
    ("写真.jpeg", lambda: image_bytes("JPEG"), "jpeg"),
    ("図.gif", lambda: image_bytes("GIF"), "gif"),
]


@pytest.mark.parametrize(("name", "make", "kind"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_real_files_of_every_kind_are_accepted(name, make, kind):
    content = make()
    checked = check_upload(upload(name, content), kinds=ALL, max_bytes=20 * MB)
    assert checked == CheckedUpload(
        kind=kind, filename=safe_filename(name, kind), size=len(content)
    )


HOSTILE = [
    ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("page.txt", b"  <html><body>hi</body></html>"),
    ("page.csv", b"\xef\xbb\xbf<script>alert(1)</script>"),
    ("notes.txt", "メモ\n<iframe src=x></iframe>".encode()),
    ("image.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("data.xlsx", b'<?xml version="1.0"?><x/>'),
    ("page.html", b"hello"),
    ("icon.svg", b"hello"),
    ("app.js", b"alert(1)"),
    ("setup.exe", b"%PDF-1.4"),
    ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
    ("tool.doc", b"\x7fELF\x02\x01\x01\x00"),
    ("run.txt", b"#!/bin/sh\nrm -rf /\n"),
    ("macro.docm", b"PK\x03\x04"),
]


@pytest.mark.parametrize(("name", "content"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_pages_scripts_and_programs_are_refused_whatever_the_name(settings, name, content):
    error = refusal(name, content, kinds=("pdf", "txt"), max_bytes=5 * MB)
    assert error.code == "dangerous"
    assert error.messages == [
        f"「{name}」はウェブページ・スクリプト・プログラムのため、アップロードできません。"
        "受け付けるのは PDF、テキスト（.txt） のファイル（5MBまで）です。"
    ]


MISMATCHED = [
    ("a.pdf", b"%PDX-1.4", "PDF"),
    ("a.docx", b"PK\x03\x04broken", "Word（.docx）"),
    ("a.docx", None, "Word（.docx）"),  # a real .xlsx renamed
    ("a.xlsx", None, "Excel（.xlsx）"),  # a real .docx renamed
    ("a.doc", ole_bytes("Workbook"), "Word 97-2003（.doc）"),
    ("a.xls", ole_bytes("WordDocument"), "Excel 97-2003（.xls）"),
    ("a.txt", b"\x00\x01\x02binary", "テキスト（.txt）"),
    ("a.csv", b"\x81\x00\xff\xfe", "CSV（.csv）"),
    ("a.png", b"\xff\xd8\xff\xe0 jpeg", "PNG画像"),
    ("a.gif", b"GIF90a", "GIF画像"),
]


@pytest.mark.parametrize(("name", "content", "label"), MISMATCHED)
def test_content_that_does_not_match_the_name_is_refused(name, content, label):
    if content is None:
        content = xlsx_bytes() if name.endswith(".docx") else docx_bytes()
    error = refusal(name, content)
    assert error.code == "content"
    assert error.messages == [
        f"「{name}」の内容が {label} のファイルではありません。受け付けるのは PDF、Word（.docx）、"
        "Excel（.xlsx）、PowerPoint（.pptx）、Word 97-2003（.doc）、Excel 97-2003（.xls）、"
        "テキスト（.txt）、CSV（.csv）、画像（PNG、JPEG、GIF） のファイル（20MBまで）です。"
    ]


def test_a_kind_not_allowed_is_refused_with_the_list_and_the_limit():
    error = refusal("予算.xlsx", xlsx_bytes(), kinds=("pdf", "docx", "txt"), max_bytes=5 * MB)
    assert error.code == "type"
    assert error.messages == [
        "「予算.xlsx」はアップロードできない種類のファイルです。"
        "受け付けるのは PDF、Word（.docx）、テキスト（.txt） のファイル（5MBまで）です。"
    ]


def test_a_file_over_the_limit_is_refused_before_its_content_is_read():
    error = refusal("大きい.pdf", b"%PDF-1.4\n" + b"0" * MB, kinds=("pdf",), max_bytes=MB)
    assert error.code == "size"
    assert error.messages == [
        "「大きい.pdf」は大きすぎます（1.1MB）。ファイルは1MBまでです。受け付ける種類：PDF。"
    ]
    # Exactly at the limit is still accepted.
    at_limit = b"%PDF-1.4\n" + b"0" * (MB - 9)
    assert check_upload(upload("ok.pdf", at_limit), kinds=("pdf",), max_bytes=MB).size == MB


def test_an_empty_file_is_refused():
    error = refusal("空.txt", b"")
    assert (error.code, error.messages) == ("empty", ["「空.txt」は空のファイルです。"])


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("規約.pdf", "pdf", "規約.pdf"),
        ("../../etc/passwd.PDF", "pdf", "passwd.pdf"),
        ("C:\\Users\\北村\\計画書.docx", "docx", "計画書.docx"),
        ("写真.JPEG", "jpeg", "写真.jpeg"),
        ("写真", "png", "写真.png"),
        ("a\u202egpj.exe.pdf", "pdf", "agpj.exe.pdf"),
        ('re<po>rt:"1"?.txt', "txt", "re_po_rt__1__.txt"),
        ("  .hidden.csv", "csv", "hidden.csv"),
        ("CON.txt", "txt", "CON_.txt"),
        ("", "pdf", "file.pdf"),
        ("あ" * 200 + ".pdf", "pdf", "あ" * 80 + ".pdf"),
    ],
)
def test_the_stored_name_is_safe(name, kind, expected):
    assert safe_filename(name, kind) == expected


def test_sizes_and_kinds_read_as_in_the_messages():
    assert [format_size(n) for n in (5 * MB, 5 * MB + 1, 20 * MB, 300 * 1024, 10)] == [
        "5MB",
        "5.1MB",
        "20MB",
        "300KB",
        "10B",
    ]
    assert kinds_label(("pdf", "png", "jpeg")) == "PDF、PNG画像、JPEG画像"
    assert kinds_label(("txt", "image")) == "テキスト（.txt）、画像（PNG、JPEG、GIF）"
    with pytest.raises(ValueError):
        UploadValidator(("exe",), MB)


class _Form(forms.Form):
    file = UploadField(label="File", kinds=("pdf", "docx"), max_bytes=MB)
    other = forms.FileField(required=False, validators=[UploadValidator(("pdf",), MB)])


def test_the_field_renames_the_upload_and_says_what_it_takes():
    form = _Form(files={"file": upload("../計画\u200b書.PDF", pdf_bytes())})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["file"].name == "計画書.pdf"
    assert str(form.fields["file"].help_text) == "PDF、Word（.docx） のファイル、1MBまで。"
    assert 'accept=".pdf,.docx"' in str(form["file"])


def test_the_validator_works_on_a_plain_file_field():
    form = _Form(
        files={"file": upload("a.pdf", pdf_bytes()), "other": upload("a.pdf", b"<html></html>")}
    )
    assert not form.is_valid()
    assert form.errors["other"] == [
        "「a.pdf」はウェブページ・スクリプト・プログラムのため、アップロードできません。"
        "受け付けるのは PDF のファイル（1MBまで）です。"
    ]


def test_a_long_japanese_name_keeps_its_extension():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kyodo.core.uploads import check_upload, display_name

    name = "あ" * 97 + ".txt"
    checked = check_upload(
        SimpleUploadedFile(name, "会則".encode(), content_type="text/plain"),
        kinds=["txt"],
        max_bytes=1000,
    )
    assert (checked.kind, checked.filename) == ("txt", "あ" * 80 + ".txt")
    assert display_name(name) == "あ" * 95 + "…" + ".txt"
    assert display_name("会則.pdf") == "会則.pdf"


def test_no_nul_refusal_in_django_words(client, db):
    # A NUL typed into a form: our message only, once (Django's Japanese read 「何か文字を入力し
    # てください。」 beside it).
    response = client.post(
        "/contact/",
        {
            "kind": "question",
            "name": "a\x00b",
            "email": "a@example.jp",
            "body": "本文",
            "consent": "on",
        },
    )
    # Once in the summary at the top, once under the field.
    assert response.text.count("この欄から制御文字（目に見えない文字）を取り除いてください。") == 2
    assert "何か文字を入力してください" not in response.text
    login = client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert "この欄から制御文字（目に見えない文字）を取り除いてください。" in login.text
    assert "何か文字を入力してください" not in login.text
