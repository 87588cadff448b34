"""Print minutes as a PDF the way centers publish them, for the PDF import tests and bench.

The page has what makes extracted text hard: a page-line number in the margin of every line
(restarting on each page), section headings drawn in a box, page breaks inside statements, and
in some house styles a page footer 「－1－」.  Each house style writes its speaker labels,
section and item headings its own way.

The Japanese font is IPA Gothic (Debian ``fonts-ipafont-gothic``, installed by
scripts/system-packages), embedded as a TrueType subset so the text can be extracted again.
Without it, reportlab's built-in CID font HeiseiKakuGo-W5 is used (no file needed).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kyodo.minutes_text import Minutes, render

IPA_GOTHIC = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
CID_FONT = "HeiseiKakuGo-W5"

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points
FONT_SIZE = 10.5
LEFT = 70.0
COLUMNS = 80  # half-width units per line: 40 full-width characters
PITCH = 18.0
TOP = 70.0
LINES_PER_PAGE = 36


def font_name() -> str:
    """Register and return the Japanese font the PDFs are printed in."""
    from reportlab.pdfbase import pdfmetrics

    if IPA_GOTHIC.exists():
        if "IPAGothic" not in pdfmetrics.getRegisteredFontNames():
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont("IPAGothic", str(IPA_GOTHIC)))
        return "IPAGothic"
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_KANJI = "〇一二三四五六七八九十"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"


def _fw(number: int) -> str:
    return str(number).translate(_FULLWIDTH)


@dataclass(frozen=True)
class Style:
    """How one house style prints labels and headings, and where its numbers stand."""

    name: str
    label: Callable[[str], str]  # speaker → what precedes the statement's text
    section: Callable[[int, str], str]
    item: Callable[[int, str], str]
    numbers: Literal["left", "right", "none"] = "right"
    box: Literal["rect", "lines"] = "rect"
    footer: bool = False


STYLES: dict[str, Style] = {
    # 【委員長】…, 【議 題】 boxed, （１）… items, numbers on the left.
    "bracket": Style(
        "bracket",
        label=lambda s: f"【{s}】",
        section=lambda n, c: f"【{' '.join(c)}】" if len(c) <= 2 else f"【{c}】",
        item=lambda n, t: f"（{_fw(n)}）{t}",
        numbers="left",
    ),
    # ○山本委員長　…, 第１　報告事項, １．… items, boxes drawn with four lines.
    "maru": Style(
        "maru",
        label=lambda s: f"○{s}　",
        section=lambda n, c: f"第{_fw(n)}　{c}",
        item=lambda n, t: f"{_fw(n)}．{t}",
        box="lines",
    ),
    # （委員長）…, 一、報 告 事 項, （１）… items.
    "paren": Style(
        "paren",
        label=lambda s: f"（{s}）",
        section=lambda n, c: f"{_KANJI[n]}、{' '.join(c)}",
        item=lambda n, t: f"（{_fw(n)}）{t}",
        numbers="left",
        box="lines",
    ),
    # 委員長　… with a full-width space, １．報告事項, (1) … items.
    "space": Style(
        "space",
        label=lambda s: f"{s}　",
        section=lambda n, c: f"{_fw(n)}．{c}",
        item=lambda n, t: f"({n}) {t}",
    ),
    # 委員長：…, Ⅰ　報告事項, 1) … items, page footers 「－1－」.
    "colon": Style(
        "colon",
        label=lambda s: f"{s}：",
        section=lambda n, c: f"{_ROMAN[n - 1]}　{c}",
        item=lambda n, t: f"{n}){t}",
        footer=True,
    ),
    # The seed's own: 事務局：…, 「１．報 告 事 項」 with justified spacing, １．… items.
    "seed": Style(
        "seed",
        label=lambda s: f"{s}：",
        section=lambda n, c: f"{_fw(n)}．{' '.join(c)}",
        item=lambda n, t: f"{_fw(n)}．{t}",
    ),
}

Kind = Literal["text", "boxed", "blank"]


def _units(char: str) -> int:
    return 1 if ord(char) < 0x80 or 0xFF61 <= ord(char) <= 0xFF9F else 2


def wrap(text: str, columns: int = COLUMNS) -> list[str]:
    """Break a paragraph into printed lines of at most ``columns`` half-width units."""
    lines, current, width = [], "", 0
    for char in text:
        if width + _units(char) > columns:
            lines.append(current)
            current, width = "", 0
        current += char
        width += _units(char)
    return [*lines, current] if current or not lines else lines


def document_lines(minutes: Minutes, style: Style) -> list[tuple[Kind, str]]:
    """The printed lines of the minutes in the house style, before pagination."""
    lines: list[tuple[Kind, str]] = [
        ("text", line) for header in render._header_lines(minutes) for line in wrap(header)
    ]
    for section in minutes.sections:
        lines.append(("blank", ""))
        if section.category:
            lines.append(("boxed", style.section(section.number, section.category)))
        for item in section.items:
            if item.title:
                lines.extend(("text", line) for line in wrap(style.item(item.number, item.title)))
            for entry in item.entries:
                if entry.kind == "note":
                    paragraph = f"○{entry.text}"
                else:
                    paragraph = style.label(entry.speaker or "") + entry.text
                lines.extend(("text", line) for line in wrap(paragraph))
    if minutes.closing:
        lines += [("blank", ""), ("text", minutes.closing)]
    return lines


def make_pdf(
    lines: list[tuple[Kind, str]], style: Style, *, lines_per_page: int = LINES_PER_PAGE
) -> bytes:
    """Print ``lines`` with a page-line number in the margin, boxes and page breaks."""
    from reportlab.pdfgen import canvas

    font = font_name()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    for page_number, page in enumerate(pages, start=1):
        for index, (kind, text) in enumerate(page):
            baseline = PAGE_HEIGHT - TOP - index * PITCH
            number = str(index + 1)
            pdf.setFont(font, 8)
            if style.numbers == "right":
                pdf.drawRightString(PAGE_WIDTH - 40, baseline, number)
            elif style.numbers == "left":
                pdf.drawRightString(LEFT - 18, baseline, number)
            if kind == "blank":
                continue
            pdf.setFont(font, FONT_SIZE)
            pdf.drawString(LEFT, baseline, text)
            if kind == "boxed":
                width = pdf.stringWidth(text, font, FONT_SIZE)
                _box(pdf, LEFT - 4, baseline - 4, width + 8, FONT_SIZE + 7, style.box)
        if style.footer:
            pdf.setFont(font, 9)
            pdf.drawCentredString(PAGE_WIDTH / 2, 40, f"－{page_number}－")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _box(pdf, x: float, y: float, width: float, height: float, how: str) -> None:
    pdf.setLineWidth(0.7)
    if how == "rect":
        pdf.rect(x, y, width, height, stroke=1, fill=0)
        return
    pdf.line(x, y, x + width, y)
    pdf.line(x, y + height, x + width, y + height)
    pdf.line(x, y, x, y + height)
    pdf.line(x + width, y, x + width, y + height)


def minutes_pdf(minutes: Minutes, style: str, *, lines_per_page: int = LINES_PER_PAGE) -> bytes:
    chosen = STYLES[style]
    return make_pdf(document_lines(minutes, chosen), chosen, lines_per_page=lines_per_page)


# --- minutes typed in Word or Ichitaro and printed as an office prints them -------------------
#
# ``office_pdf`` prints the text of minutes (a .txt of the test sets) as the document a clerk
# typed: the title centred, the header's fields in a ruled table (key | value, or two keys in a
# row), each paragraph wrapped at the page width, a speaker's turn with a hanging indent (its
# wrapped lines start under its words, or a character in), full-width spaces where typed, a
# running head at the top of every page after the first and 「－３－」 centred at the foot.
# Page furniture already typed into the text (a footer 「－２－」, the running head beside it) is
# left out first, and a table typed with box-drawing characters (│日時│…│場所│…│) is drawn as the
# ruled table it stands for.


@dataclass(frozen=True)
class Office:
    """How an office prints its minutes."""

    table: bool = True  # the header's fields in a ruled table
    pairs: bool = False  # two short fields in one row: │日時│…│場所│…│
    centred_keys: bool = False  # a key centred in its cell's height (Word's 「中央揃え」)
    hanging: Literal["words", "one", "none"] = "words"  # where a turn's wrapped lines start
    footer: str = "－{n}－"  # centred at the foot, full-width digits; "" for none
    running_head: bool = True  # the title (and the date) at the top of pages 2…
    lines_per_page: int = 38
    font_size: float = 10.5
    columns: int = 80  # half-width units of the text's width (40 full-width characters)
    mincho: bool = False  # IPA Mincho if installed (MS 明朝 as most offices print)


IPA_MINCHO = Path("/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf")
_TABLE_KEY_UNITS = 16  # the key column: 8 full-width characters


def _office_font(office: Office) -> str:
    from reportlab.pdfbase import pdfmetrics

    if office.mincho and IPA_MINCHO.exists():
        if "IPAMincho" not in pdfmetrics.getRegisteredFontNames():
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont("IPAMincho", str(IPA_MINCHO)))
        return "IPAMincho"
    return font_name()


def _typed_lines(text: str) -> list[str]:
    """The lines as typed: page furniture already in the text left out."""
    from kyodo.minutes_text._layout import PAGE_FOOTER, _running_heads

    raw = text.splitlines()
    heads = _running_heads(raw)
    return [
        line.rstrip()
        for i, line in enumerate(raw)
        if i not in heads and not PAGE_FOOTER.match(line.strip())
    ]


@dataclass
class _Row:
    cells: list[tuple[str, list[str]]]  # (key, value lines) for each pair of columns


def _box_table(lines: list[str]) -> list[_Row]:
    """Rows of a table typed with box-drawing characters, each cell's lines joined per row."""
    rows: list[_Row] = []
    current: list[list[str]] | None = None
    for line in lines:
        stripped = line.strip()
        if stripped[:1] in "┌├└":
            if current:
                rows.append(_box_row(current))
            current = []
            continue
        if stripped[:1] == "│" and current is not None:
            current.append([cell.strip("　 ") for cell in stripped.strip("│").split("│")])
    return rows


def _box_row(lines: list[list[str]]) -> _Row:
    width = max(len(cells) for cells in lines)
    columns = [[cells[i] if i < len(cells) else "" for cells in lines] for i in range(width)]
    cells = []
    for key_column, value_column in zip(columns[::2], columns[1::2], strict=False):
        key = "".join(key_column)
        # the typist's lines of a cell are one value wrapped by hand: Word wraps it again
        value = "　".join(value for value in value_column if value)
        cells.append((key, [value] if value else []))
    return _Row(cells)


def _header_rows(lines: list[str], office: Office) -> tuple[int, int, list[_Row]] | None:
    """(first, end, rows) of the header's block of fields: consecutive lines from the first
    field, a line that starts with a space going on with the field above."""
    from kyodo.minutes_text._header import _FIELD, header_field

    first = next(
        (i for i, line in enumerate(lines[:12]) if line.strip() and header_field(line)), None
    )
    if first is None:
        return None
    rows: list[_Row] = []
    end = first
    while end < len(lines) and lines[end].strip():
        line = lines[end]
        match = _FIELD.match(line) if header_field(line) else None
        if match:
            key = (match["num"] or "") + match["key"]
            value = match["value"].strip()
            rows.append(_Row([(key.strip(), [value] if value else [])]))
        elif rows and line[:1] in " 　":
            rows[-1].cells[-1][1].append(line.strip())
        else:
            break
        end += 1
    if len(rows) < 2:
        return None
    if office.pairs:
        paired: list[_Row] = []
        for row in rows:
            key, values = row.cells[0]
            short = len(values) == 1 and len(values[0]) <= 18
            if paired and len(paired[-1].cells) == 1 and short:
                last_values = paired[-1].cells[0][1]
                if len(last_values) == 1 and len(last_values[0]) <= 18:
                    paired[-1].cells.append((key, values))
                    continue
            paired.append(row)
        rows = paired
    return first, end, rows


_Printed = tuple[str, float, str]  # ("text" | "rule", x or y, text)


def office_pdf(text: str, office: Office = Office()) -> bytes:
    """Print the text of minutes as an office prints them (see ``Office``)."""
    from reportlab.pdfgen import canvas

    from kyodo.minutes_text._syntax import speaker_label

    font = _office_font(office)
    size = office.font_size
    pitch = size * 1.75
    unit = size / 2  # half a full-width character
    width = office.columns * unit
    left = (PAGE_WIDTH - width) / 2
    lines = _typed_lines(text)
    while lines and not lines[0].strip():
        lines.pop(0)
    header = _header_rows(lines, office) if office.table else None
    boxed = [i for i, line in enumerate(lines) if line.strip()[:1] in "┌├└│"]
    # Each printed row: a list of (x, text) with the height it takes (1 = one line), or a table.
    blocks: list[tuple[str, object]] = []
    title_end = (
        header[0] if header else next((i for i, line in enumerate(lines) if not line.strip()), 1)
    )
    if boxed and not header:
        title_end = min(title_end, boxed[0])
    for line in lines[:title_end]:
        if line.strip():
            blocks.append(("centred", line.strip()))
    index = title_end
    while index < len(lines):
        line = lines[index]
        if header and index == header[0]:
            blocks.append(("table", header[2]))
            index = header[1]
            continue
        if index in boxed:
            end = index
            while end < len(lines) and end in boxed:
                end += 1
            blocks.append(("table", _box_table(lines[index:end])))
            index = end
            continue
        index += 1
        if not line.strip():
            blocks.append(("blank", ""))
            continue
        indent = len(line) - len(line.lstrip("　 "))
        body = line.lstrip("　 ")
        lead = sum(_units(c) for c in line[:indent])
        label = speaker_label(body)
        hang = lead
        if label is not None and office.hanging != "none":
            words_at = body.rfind(label.text) if label.text else -1
            label_units = sum(_units(c) for c in body[:words_at]) if words_at > 0 else 0
            hang = lead + (label_units if office.hanging == "words" and label_units <= 24 else 2)
        wrapped = _wrap_hanging(body, office.columns - lead, office.columns - hang)
        for number, part in enumerate(wrapped):
            blocks.append(("line", (left + (lead if number == 0 else hang) * unit, part)))
    # Paginate: lines and table rows, a table's row never split over two pages.
    running = _running_head(lines[:title_end], header[2] if header else [])
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    top = PAGE_HEIGHT - 72.0
    bottom = top - office.lines_per_page * pitch
    y = top
    page = 1

    def new_page() -> None:
        nonlocal y, page
        if office.footer:
            pdf.setFont(font, 9)
            footer = office.footer.format(n=_fw(page))
            pdf.drawCentredString(PAGE_WIDTH / 2, 40, footer)
        pdf.showPage()
        page += 1
        y = top
        if office.running_head and running:
            pdf.setFont(font, 8)
            pdf.drawRightString(left + width, PAGE_HEIGHT - 40, running)

    for kind, value in blocks:
        if kind == "table":
            for row in value:  # type: ignore[attr-defined]
                height = max(
                    max(len(_cell_lines(values, row, width, unit)), 1) for _key, values in row.cells
                )
                if y - height * pitch < bottom:
                    new_page()
                _draw_row(pdf, font, size, row, left, y, width, unit, pitch, office)
                y -= height * pitch
            y -= pitch * 0.5
            continue
        if y < bottom:
            new_page()
        if kind == "blank":
            y -= pitch
        elif kind == "centred":
            pdf.setFont(font, size + 3)
            pdf.drawCentredString(PAGE_WIDTH / 2, y, value)  # type: ignore[arg-type]
            y -= pitch * 1.3
        else:
            x, part = value  # type: ignore[misc]
            pdf.setFont(font, size)
            pdf.drawString(x, y, part)
            y -= pitch
    if office.footer:
        pdf.setFont(font, 9)
        pdf.drawCentredString(PAGE_WIDTH / 2, 40, office.footer.format(n=_fw(page)))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrap_hanging(text: str, first: int, rest: int) -> list[str]:
    """Wrapped as Word wraps: a space at the end of a line stays on it, and so does a 「。」 or
    「、」 (hung past the margin: no line starts with one)."""
    lines, current, width, limit = [], "", 0, first
    for char in text:
        if width + _units(char) > limit and not char.isspace() and char not in _HUNG:
            lines.append(current)
            current, width, limit = "", 0, rest
        current += char
        width += _units(char)
    return [*lines, current] if current or not lines else lines


_HUNG = "。、，．）」』】"


def _running_head(title_lines: list[str], rows: list[_Row]) -> str:
    return "　".join(line.strip() for line in title_lines if line.strip())[-40:]


def _cell_lines(values: list[str], row: _Row, width: float, unit: float) -> list[str]:
    columns = int(_value_width(row, width, unit) / unit)
    out: list[str] = []
    for value in values:
        out.extend(_wrap_hanging(value, columns, columns))
    return out


def _value_width(row: _Row, width: float, unit: float) -> float:
    pairs = len(row.cells)
    return (width - pairs * _TABLE_KEY_UNITS * unit) / pairs - 8


def _draw_row(pdf, font, size, row: _Row, left, y, width, unit, pitch, office: Office) -> None:
    """One row of the header's table at baseline ``y`` with its rules."""
    key_width = _TABLE_KEY_UNITS * unit
    value_width = (width - len(row.cells) * key_width) / len(row.cells)
    heights = [max(len(_cell_lines(values, row, width, unit)), 1) for _key, values in row.cells]
    height = max(heights)
    top_rule = y + size + 2
    bottom_rule = y + size + 2 - height * pitch
    pdf.setLineWidth(0.6)
    pdf.line(left - 4, top_rule, left + width - 4, top_rule)
    pdf.line(left - 4, bottom_rule, left + width - 4, bottom_rule)
    x = left
    pdf.line(x - 4, top_rule, x - 4, bottom_rule)
    pdf.setFont(font, size)
    for key, values in row.cells:
        key_y = y - (height - 1) * pitch / 2 if office.centred_keys else y
        pdf.drawString(x, key_y, key)
        pdf.line(x + key_width - 4, top_rule, x + key_width - 4, bottom_rule)
        for number, part in enumerate(_cell_lines(values, row, width, unit)):
            pdf.drawString(x + key_width, y - number * pitch, part)
        x += key_width + value_width
        pdf.line(x - 4, top_rule, x - 4, bottom_rule)
