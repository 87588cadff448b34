"""Confirmed minutes as PDF and DOCX: linked from the public minutes page, real files that read
back to the minutes, and nothing for minutes that are not confirmed."""

import io
import re
from urllib.parse import quote

import pdfplumber
from docx import Document

from kyodo.committees.export import minutes_document
from kyodo.committees.models import Meeting, Minutes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ninth() -> Minutes:
    return Meeting.objects.get(fiscal_year=2010, number=9).minutes


def test_the_minutes_page_links_to_pdf_and_docx_that_are_those_files(client, demo):
    minutes = _ninth()
    page = client.get(f"/committee/minutes/{minutes.pk}/")
    assert page.status_code == 200
    links = re.findall(r'href="([^"]+\.(?:pdf|docx))"', page.text)
    assert links == [
        f"/opendata/minutes/{minutes.pk}/download.pdf",
        f"/opendata/minutes/{minutes.pk}/download.docx",
    ]


def test_pdf_and_docx_read_back_to_the_minutes(client, demo):
    minutes = _ninth()
    document = minutes_document(minutes)
    last_statement = "次回は2月22日（火）午後7時から。場所は未定。"

    pdf = client.get(f"/opendata/minutes/{minutes.pk}/download.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == (
        "attachment; filename=\"minutes-unei-2010-9.pdf\"; filename*=UTF-8''"
        + quote("平成22年度第9回運営委員会会議録.pdf", safe="")
    )
    assert pdf.content.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(pdf.content)) as parsed:
        text = "".join((p.extract_text() or "") for p in parsed.pages).replace("\n", "")
    assert document.title in text
    assert last_statement in text

    docx = client.get(f"/opendata/minutes/{minutes.pk}/download.docx")
    assert docx.status_code == 200
    assert docx["Content-Type"] == DOCX
    assert docx["Content-Disposition"] == (
        "attachment; filename=\"minutes-unei-2010-9.docx\"; filename*=UTF-8''"
        + quote("平成22年度第9回運営委員会会議録.docx", safe="")
    )
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert paragraphs[1] == f"{document.title}({document.status})"
    assert f"事務局：{last_statement}" in paragraphs


def test_minutes_not_confirmed_have_no_files(client, demo):
    for minutes in Minutes.objects.exclude(status=Minutes.Status.CONFIRMED):
        for fmt in ("pdf", "docx"):
            assert client.get(f"/opendata/minutes/{minutes.pk}/download.{fmt}").status_code == 404
    assert Minutes.objects.exclude(status=Minutes.Status.CONFIRMED).count() == 2
    assert client.get("/opendata/minutes/999999/download.pdf").status_code == 404
