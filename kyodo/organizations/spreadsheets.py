"""The center's list of groups as a spreadsheet: export (CSV with BOM, XLSX) and import.

The column headers are Japanese whatever the interface language, because they are a file
format: a list exported here and edited in Excel must import again unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from kyodo.core.exports import Sheet, csv_bytes, undefuse, xlsx_bytes
from kyodo.core.text import match_key, suggest_reading
from kyodo.core.wareki import WarekiError, fiscal_year_name, parse_date_ja
from kyodo.core.xlsx import WorkbookTooLarge, check_workbook
from kyodo.organizations.exceptions import OrganizationError
from kyodo.organizations.forms import ImportRowForm
from kyodo.organizations.models import (
    ActivityField,
    Organization,
    OrganizationStatusChange,
    PublishableField,
    split_codes,
)

MAX_ROWS = 2000
# Columns read from a workbook: the 16 of the export, and room for a few of the center's own.
MAX_COLUMNS = 64

# (header, field) in the order of the columns.
COLUMNS: list[tuple[str, str]] = [
    ("団体名", "name"),
    ("ふりがな", "name_reading"),
    ("法人格", "legal_form"),
    ("代表者", "representative_name"),
    ("代表者ふりがな", "representative_reading"),
    ("メールアドレス", "email"),
    ("電話番号", "phone"),
    ("所在地", "address"),
    ("活動分野", "activity_fields"),
    ("活動地域", "area"),
    ("活動内容", "description"),
    ("ウェブサイト", "website"),
    ("会員数", "member_count"),
    ("設立年", "founded_year"),
    ("登録日", "registered_on"),
    ("公開する項目", "published_fields"),
]
HEADERS = [header for header, _field in COLUMNS]
# The law's names of the fields of activity contain 「、」, so lists are joined with 「／」.
LIST_SEPARATOR = "／"
_LIST_SPLIT_RE = re.compile(r"[／/;；\n]")


def _japanese_labels(choices) -> dict[str, str]:
    with translation.override("ja"):
        return {value: str(label) for value, label in choices}


def _lookup(choices) -> dict[str, str]:
    """Japanese label, English label or code → code, compared through match_key."""
    table = {}
    for value, label in choices:
        table[match_key(value)] = value
        table[match_key(str(label))] = value
    for value, label in _japanese_labels(choices).items():
        table[match_key(label)] = value
    return table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- export --------------------------------------------------------------------------------------


def export_rows(organizations) -> list[list[str]]:
    legal_forms = _japanese_labels(Organization.LegalForm.choices)
    activities = _japanese_labels(ActivityField.choices)
    publishable = _japanese_labels(PublishableField.choices)
    rows = []
    for o in organizations:
        values = {
            "legal_form": legal_forms.get(o.legal_form, o.legal_form),
            "activity_fields": LIST_SEPARATOR.join(
                activities.get(c, c) for c in o.activity_field_list
            ),
            "published_fields": LIST_SEPARATOR.join(
                publishable.get(c, c) for c in o.published_field_list
            ),
            "registered_on": getattr(o, "registered_on", None),
        }
        rows.append([_cell(values[f] if f in values else getattr(o, f)) for _h, f in COLUMNS])
    return rows


def export_csv(organizations) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Japanese text correctly; CRLF line ends."""
    return csv_bytes([HEADERS, *export_rows(organizations)])


def export_xlsx(organizations) -> bytes:
    return xlsx_bytes([Sheet(title="登録団体", rows=[HEADERS, *export_rows(organizations)])])


RENEWAL_HEADERS = [
    "団体名",
    "ふりがな",
    "法人格",
    "状態",
    "代表者",
    "メールアドレス",
    "電話番号",
    "登録日",
    "最後の年度更新",
    "予定されている変更",
    "変更の予定日",
]


def renewals_csv(organizations) -> bytes:
    """The groups not renewed yet (``selectors.not_renewed``) as a CSV to chase them: contact
    details, the first registration, the fiscal year last renewed and any scheduled change."""
    legal_forms = _japanese_labels(Organization.LegalForm.choices)
    statuses = _japanese_labels(Organization.Status.choices)
    kinds = _japanese_labels(OrganizationStatusChange.Kind.choices)
    rows: list[list[Any]] = [RENEWAL_HEADERS]
    for o in organizations:
        rows.append(
            [
                o.name,
                o.name_reading,
                legal_forms.get(o.legal_form, o.legal_form),
                statuses.get(o.status, o.status),
                o.representative_name,
                o.email,
                o.phone,
                o.registered_on,
                fiscal_year_name(o.last_renewed) if o.last_renewed else "",
                kinds.get(o.scheduled_kind, "") if o.scheduled_kind else "",
                o.scheduled_on,
            ]
        )
    return csv_bytes(rows)


# --- import --------------------------------------------------------------------------------------


class SpreadsheetError(OrganizationError):
    """The file as a whole cannot be read; ``message`` is Japanese."""


@dataclass
class ImportRow:
    line: int
    name: str
    data: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def decode_csv(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or Shift_JIS as Excel writes it (cp932)."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(_("The file is neither UTF-8 nor Shift_JIS text."))


def read_table(*, filename: str, raw: bytes) -> list[list[str]]:
    """The rows of a CSV or XLSX file as lists of strings, header first."""
    if filename.lower().endswith(".xlsx"):
        try:
            # Bounded before openpyxl reads a cell (a 180 KB sheet of 100 × 16,384 cells took
            # 22 s): a list of groups is at most MAX_ROWS rows of MAX_COLUMNS columns.
            check_workbook(
                raw,
                max_rows=2 * MAX_ROWS + 1,
                max_columns=MAX_COLUMNS,
                max_cells=(MAX_ROWS + 1) * MAX_COLUMNS // 2,
                rows_said=MAX_ROWS,
            )
        except WorkbookTooLarge as exc:
            raise SpreadsheetError(exc.message) from None
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged or disguised file
            raise SpreadsheetError(_("The file could not be read as an Excel workbook.")) from None
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append([_cell(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                break
        workbook.close()
    else:
        text = decode_csv(raw)
        try:
            rows = [[undefuse(c.strip()) for c in r] for r in csv.reader(io.StringIO(text))]
        except csv.Error:
            raise SpreadsheetError(_("The file could not be read as CSV.")) from None
    rows = [r for r in rows if any(r)]
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    if len(rows) > MAX_ROWS + 1:
        raise SpreadsheetError(_("The file has too many rows (at most 2000)."))
    return rows


def _codes(text: str, table: dict[str, str], label: str, errors: list[str]) -> list[str]:
    codes = []
    for part in _LIST_SPLIT_RE.split(text):
        part = part.strip()
        if not part:
            continue
        code = table.get(match_key(part))
        if code is not None:
            codes.append(code)
            continue
        # People also list short names with 「、」 or commas: 「環境、子ども」.
        for piece in re.split("[、,，]", part):
            piece = piece.strip()
            if not piece:
                continue
            code = table.get(match_key(piece))
            if code is None:
                errors.append(
                    _("%(column)s: unknown value 「%(value)s」.")
                    % {"column": label, "value": piece}
                )
            elif code not in codes:
                codes.append(code)
    return codes


def parse_rows(table: list[list[str]]) -> list[ImportRow]:
    """Check every row with the application form's rules; nothing is saved here."""
    header = [h.strip().lstrip("\ufeff") for h in table[0]]
    missing = [h for h in HEADERS if h not in header]
    if missing:
        raise SpreadsheetError(
            _("These columns are missing: %(columns)s") % {"columns": "、".join(missing)}
        )
    index = {h: header.index(h) for h in HEADERS}
    legal_forms = _lookup(Organization.LegalForm.choices)
    legal_forms[match_key("特定非営利活動法人")] = Organization.LegalForm.NPO
    activities = _lookup(ActivityField.choices)
    publishable = _lookup(PublishableField.choices)
    labels = dict((f, h) for h, f in COLUMNS)
    existing = set(
        Organization.objects.exclude(status=Organization.Status.REJECTED).values_list(
            "name_key", flat=True
        )
    )
    seen: dict[str, int] = {}
    result = []
    for line, cells in enumerate(table[1:], start=2):
        raw = {f: (cells[index[h]] if index[h] < len(cells) else "") for h, f in COLUMNS}
        row = ImportRow(line=line, name=raw["name"])
        data: dict[str, Any] = dict(raw)
        legal = legal_forms.get(match_key(raw["legal_form"])) if raw["legal_form"] else ""
        if raw["legal_form"] and legal is None:
            row.errors.append(
                _("%(column)s: unknown value 「%(value)s」.")
                % {"column": labels["legal_form"], "value": raw["legal_form"]}
            )
        data["legal_form"] = legal or ""
        data["activity_fields"] = _codes(
            raw["activity_fields"], activities, labels["activity_fields"], row.errors
        )
        data["published_fields"] = _codes(
            raw["published_fields"], publishable, labels["published_fields"], row.errors
        )
        form = ImportRowForm(data=_form_data(data))
        if not form.is_valid():
            for name, errors in form.errors.items():
                column = labels.get(name, "")
                if name == "name_reading" and not raw["name_reading"] and raw["name"]:
                    # Old lists often lack readings: offer one for staff to check and type in.
                    errors = [
                        _("Enter the reading, for example 「%(suggestion)s」.")
                        % {"suggestion": suggest_reading(raw["name"])}
                    ]
                for error in errors:
                    row.errors.append(f"{column}：{error}" if column else str(error))
        registered_on = None
        try:
            registered_on = parse_date_ja(raw["registered_on"])
        except WarekiError as exc:
            row.errors.append(f"{labels['registered_on']}：{exc}")
        key = match_key(raw["name"])
        if key and key in existing:
            row.errors.append(_("A group with this name is already registered."))
        elif key and key in seen:
            row.errors.append(_("The same group appears on line %(line)s.") % {"line": seen[key]})
        seen.setdefault(key, line)
        if row.ok:
            cleaned = dict(form.cleaned_data)
            cleaned["registered_on"] = registered_on
            row.data = cleaned
        result.append(row)
    return result


def _form_data(data: dict[str, Any]):
    from django.utils.datastructures import MultiValueDict

    plain = {k: v for k, v in data.items() if not isinstance(v, list)}
    lists = {k: v for k, v in data.items() if isinstance(v, list)}
    md = MultiValueDict({k: [v] for k, v in plain.items()})
    for k, v in lists.items():
        md.setlist(k, v)
    return md


def rows_to_session(rows: list[ImportRow]) -> list[dict[str, Any]]:
    """The valid rows in a JSON-safe form for the session (dates as ISO text)."""
    stored = []
    for row in rows:
        if row.ok:
            data = dict(row.data)
            data["registered_on"] = data["registered_on"].isoformat()
            stored.append(data)
    return stored


def rows_from_session(stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for data in stored:
        data = dict(data)
        data["registered_on"] = date.fromisoformat(data["registered_on"])
        rows.append(data)
    return rows


__all__ = [
    "COLUMNS",
    "HEADERS",
    "ImportRow",
    "SpreadsheetError",
    "export_csv",
    "export_xlsx",
    "parse_rows",
    "read_table",
    "rows_from_session",
    "rows_to_session",
    "split_codes",
]
