"""The one writer of spreadsheet exports (CSV and XLSX), safe to open in Excel.

Every export of Kyodo goes through :func:`csv_bytes` or :func:`xlsx_bytes`, so that text typed by
anyone (a group name from an anonymous application, an applicant's note) can never become a
formula in the center's Excel (CSV/formula injection, OWASP "CSV Injection"):

- CSV: a text cell starting with ``= + - @``, a tab or a carriage return gets a leading
  apostrophe, which makes Excel read it as text. Importers take it off with :func:`undefuse`.
- XLSX: text is always stored as a string cell (openpyxl would otherwise store ``=…`` as a
  formula), and a cell with such a start also carries Excel's own *quote prefix* style, the same
  mark Excel sets when a person types an apostrophe first: shown as typed, never evaluated, also
  after the cell is edited. The value itself is unchanged.

CSV files are UTF-8 with a BOM (Excel needs it for Japanese) and CRLF line ends; dates are ISO
8601 in CSV and real date cells in XLSX. Responses are downloads that no cache keeps
(:func:`download`), because most exports hold personal data.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse

type Cell = str | int | float | Decimal | date | datetime | None

# What Excel (and LibreOffice) take as the start of a formula, or use to smuggle one in.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_hostile(value: object) -> bool:
    """True for text that a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def defuse(value: str) -> str:
    """``value`` with a leading apostrophe when a spreadsheet would run it as a formula."""
    return f"'{value}" if is_hostile(value) else value


def undefuse(value: str) -> str:
    """The inverse of :func:`defuse`, for importers reading a file exported here."""
    return value[1:] if value[:1] == "'" and is_hostile(value[1:]) else value


def _csv_cell(value: Cell) -> str | int | float | Decimal:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return defuse(value)
    if isinstance(value, bool):
        return str(value)
    return value


def csv_text(rows: Iterable[Sequence[Cell]]) -> str:
    """The rows as CSV text (CRLF line ends, every text cell defused), without the BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Sequence[Cell]]) -> bytes:
    """The rows as a CSV file for Excel: UTF-8 with a BOM, CRLF, every text cell defused."""
    return ("\ufeff" + csv_text(rows)).encode("utf-8")


@dataclass(frozen=True)
class Sheet:
    """One worksheet: ``rows`` from the first row on; ``bold_rows`` are 1-based row numbers.

    Columns are made wide enough for their longest value from ``fit_from_row`` on (Japanese
    characters are about two columns wide), at most 60.
    """

    title: str
    rows: Sequence[Sequence[Cell]]
    bold_rows: frozenset[int] = field(default_factory=frozenset)
    fit_from_row: int = 1


def sheet_title(title: str) -> str:
    """A valid sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    return "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per :class:`Sheet`; text is never stored as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = workbook.create_sheet(title=sheet_title(spec.title))
        for row_number, values in enumerate(spec.rows, start=1):
            for column, value in enumerate(values, start=1):
                if isinstance(value, bool):
                    value = str(value)
                if isinstance(value, str):
                    # Control characters other than tab and line breaks cannot be stored.
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = sheet.cell(row=row_number, column=column, value=value)
                if isinstance(value, str):
                    # Assigned text starting with "=" became a formula: make it text again.
                    cell.data_type = "s"
                    if is_hostile(value):
                        cell.quotePrefix = True
                elif isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
                if row_number in spec.bold_rows:
                    cell.font = bold
        for column in sheet.iter_cols(min_row=spec.fit_from_row):
            longest = max((len(str(c.value or "")) for c in column), default=0)
            sheet.column_dimensions[column[0].column_letter].width = min(60, 4 + 2 * longest)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def content_disposition(filename: str, name: str = "") -> str:
    """``attachment`` named ``name`` (Japanese, as RFC 6266's UTF-8 ``filename*``: 「月次報告_
    令和8年11月.csv」, what the file is called in the person's downloads folder), with the ASCII
    ``filename`` for clients that read only that. Characters no file system takes become 「_」."""
    header = f'attachment; filename="{filename}"'
    name = _UNSAFE_IN_NAME.sub("_", name).strip(" .")
    if name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header


def download(content: bytes, *, filename: str, content_type: str, name: str = "") -> HttpResponse:
    """``content`` as an attachment that neither the browser nor a proxy keeps, called ``name``
    where the browser reads RFC 6266 (every current one), else ``filename`` (ASCII)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, name)
    response["Cache-Control"] = "private, no-store"
    return response
