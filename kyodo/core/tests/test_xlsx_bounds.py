"""Excel bombs in the group import are refused quickly and in Japanese (issue 18)."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.core.xlsx import WorkbookTooLarge, check_workbook
from kyodo.organizations.models import Organization

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="登録団体" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}  # fmt: skip


def _column(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def workbook(rows: int, columns: int, *, references: bool = False) -> bytes:
    """A workbook of ``rows`` × ``columns`` numeric cells, written as XML directly (without
    cell references, which are optional, it compresses as well as the issue's bomb did)."""
    cells = [
        f'<c r="{_column(c)}{{row}}"><v>1</v></c>' if references else "<c><v>1</v></c>"
        for c in range(1, columns + 1)
    ]
    template = "".join(cells)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for row in range(1, rows + 1):
                sheet.write(f'<row r="{row}">{template.replace("{row}", str(row))}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def preview(client, raw: bytes):
    upload = SimpleUploadedFile("団体一覧.xlsx", raw, content_type=XLSX)
    return client.post("/staff/groups/import/", {"file": upload})


def test_a_sheet_of_100_rows_by_16384_columns_is_refused_at_once(client, staff_user):
    bomb = workbook(100, 16_384)
    assert len(bomb) < 400_000  # a small upload (the was 180 KB)
    client.force_login(staff_user)
    client.get("/staff/groups/import/")  # the first request of a process loads the site
    groups = Organization.objects.count()
    started = time.perf_counter()
    response = preview(client, bomb)
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert "最初のシートが、団体の一覧としては大きすぎます（2000 行、64 列まで）" in response.text
    assert elapsed < 5, elapsed  # openpyxl alone took 22 s (0.3 s on a quiet machine now)
    assert Organization.objects.count() == groups
    assert "organizations_import" not in client.session


def test_more_rows_or_cells_than_a_list_can_have_are_refused_before_reading():
    # 4,002 rows of 16 columns: the row bound; 2,001 rows of 40 columns: the cell bound.
    with pytest.raises(WorkbookTooLarge):
        check_workbook(workbook(4_002, 16), max_rows=4_001, max_columns=64, max_cells=64_032)
    with pytest.raises(WorkbookTooLarge):
        check_workbook(workbook(2_001, 40), max_rows=4_001, max_columns=64, max_cells=64_032)
    check_workbook(workbook(2_001, 16), max_rows=4_001, max_columns=64, max_cells=64_032)
    # A cell far to the right is refused by its column alone.
    with pytest.raises(WorkbookTooLarge):
        check_workbook(workbook(1, 65, references=True), max_rows=10, max_columns=64, max_cells=100)


def test_a_member_that_inflates_beyond_the_bound_is_refused_unread():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/sharedStrings.xml", b" " * (60 * 1024 * 1024))
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    raw = buffer.getvalue()
    assert len(raw) < 100_000
    with pytest.raises(WorkbookTooLarge, match="MB"):
        check_workbook(raw, max_rows=10, max_columns=10, max_cells=10)


def test_a_document_type_declaration_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet>&a;</worksheet>',
        )
    with pytest.raises(WorkbookTooLarge):
        check_workbook(buffer.getvalue(), max_rows=10, max_columns=10, max_cells=10)
