"""Bounds for reading an uploaded Excel workbook, checked before openpyxl sees it.

An .xlsx file is a zip of XML. A small upload can declare a sheet of a hundred rows by 16,384
columns (180 KB; 22 s in openpyxl) or two thousand such rows (3.6 MB, minutes), or a member that
inflates a thousandfold. openpyxl reads every cell of every row it is asked for, even in
read-only mode and with ``max_col``, so the bounds come first, from the zip's directory and one
streaming pass over the first sheet that stops at the cap:

- every member's declared size (what ``zipfile`` will inflate at most) and their sum;
- the first worksheet's cell count (``<c>`` elements), rows and highest column, counted by
  regular expressions over the inflated stream, chunk by chunk, stopping at the cap;
- no document type declaration (entity expansion) in it.

A workbook past a bound is refused with a Japanese message before anything else is read; the
time taken is bounded by ``max_cells`` (a fraction of a second), not by the file.
"""

from __future__ import annotations

import io
import re
import zipfile

from django.utils.translation import gettext_lazy as _

from kyodo.core.exceptions import DomainError

CHUNK = 256 * 1024
_COLUMN_RE = re.compile(r"[A-Z]+")
# Elements, with or without a namespace prefix (x:c): a cell, a row, a cell's column letters.
_CELL_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ROW_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_REF_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]{0,200}?\br=\"([A-Z]{1,3})[0-9]")
# A cut tag carried to the next chunk is at most this long (cell tags are short).
_TAIL = 4096


class WorkbookTooLarge(DomainError):
    default_message = _("The workbook is too large or malformed to be read.")


def _column_number(reference: str) -> int:
    match = _COLUMN_RE.match(reference)
    number = 0
    for letter in match.group(0) if match else "":
        number = number * 26 + ord(letter) - 64
    return number


def _first_sheet(archive: zipfile.ZipFile) -> str | None:
    names = archive.namelist()
    sheets = sorted(
        (n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
        key=lambda n: int(re.search(r"\d+", n.rsplit("/", 1)[1])[0]),
    )
    return sheets[0] if sheets else None


def check_workbook(
    raw: bytes,
    *,
    max_rows: int,
    max_columns: int,
    max_cells: int,
    max_member_bytes: int = 50 * 1024 * 1024,
    max_total_bytes: int = 100 * 1024 * 1024,
    rows_said: int | None = None,
) -> None:
    """Raise :class:`WorkbookTooLarge` unless ``raw`` stays within the bounds (module doc).

    ``rows_said`` is the number of rows the message names (``max_rows`` leaves room for the
    empty formatted rows Excel writes)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: openpyxl says so in its own words
    with archive:
        infos = archive.infolist()
        if any(i.file_size > max_member_bytes for i in infos) or (
            sum(i.file_size for i in infos) > max_total_bytes
        ):
            raise WorkbookTooLarge(
                _(
                    "The workbook unpacks to more than %(megabytes)s MB, more than a list of "
                    "groups needs. Save only the list in a new workbook and try again."
                )
                % {"megabytes": max_total_bytes // (1024 * 1024)}
            )
        sheet = _first_sheet(archive)
        if sheet is None:
            return
        too_large = WorkbookTooLarge(
            _(
                "The first sheet is larger than a list of groups can be (at most %(rows)s rows "
                "and %(columns)s columns). Delete the other rows and columns, or copy the list "
                "to a new workbook, and try again."
            )
            % {"rows": rows_said or max_rows, "columns": max_columns}
        )
        cells = rows = 0
        tail = b""
        try:
            with archive.open(sheet) as stream:
                if b"<!DOCTYPE" in stream.peek(4096)[:4096]:
                    raise WorkbookTooLarge()
                while chunk := stream.read(CHUNK):
                    # Scan up to the last tag's start; that tag may be cut, and waits for the
                    # next chunk (a long text without tags is not carried along).
                    data = tail + chunk
                    cut = data.rfind(b"<")
                    body, tail = (data, b"") if cut < 0 else (data[:cut], data[cut:][:_TAIL])
                    cells += len(_CELL_RE.findall(body))
                    rows += len(_ROW_RE.findall(body))
                    if (
                        cells > max_cells
                        or rows > max_rows
                        or any(
                            _column_number(c.decode()) > max_columns
                            for c in set(_REF_RE.findall(body))
                        )
                    ):
                        raise too_large
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise WorkbookTooLarge() from None
