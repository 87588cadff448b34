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
