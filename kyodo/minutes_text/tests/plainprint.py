"""Print a text file as a PDF the way an editor or a browser prints plain text.

Minutes kept as .txt files reach the center as PDFs printed from them: no ruling, no boxes, a
monospace font, each typed line on a line of its own (a line longer than the page wraps at the
last column of the printable width, the margins alike left and right), the spaces the typist put
there. How the characters land on the page depends on
what printed them (``Printer``):

- ``editor``: each line drawn as one string, spaces as glyphs (an editor's or a browser's print);
- ``gaps``: the spaces not drawn, each run of characters set at its column (a print driver that
  positions words, as macOS's does);
- ``cells``: each character set alone in the cell of its column, the cells wider than the
  glyphs (a driver printing to a fixed number of columns): letters stand apart, a space is a
  wider gap;
- ``courier``: as ``cells`` with the cells as wide as the glyphs, ASCII in Courier and the rest
  in a Japanese font (a Latin monospace font with a fallback).

``furniture`` adds what a browser prints around the text: the date and the file's name at the
top, its address and 「1/3」 at the foot of every page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

from kyodo.minutes_text.tests.pdfmaker import PAGE_HEIGHT, PAGE_WIDTH, _units, font_name


@dataclass(frozen=True)
class Printer:
    how: Literal["editor", "gaps", "cells", "courier"] = "editor"
    size: float = 10.0
    columns: int | None = None  # half-width columns before a line wraps (the printable width)
    pitch: float | None = None  # a half-width cell's width (default: half the font size)
    lines_per_page: int = 48
    furniture: bool = False


def _printed(text: str, columns: int) -> list[str]:
    out: list[str] = []
    for raw in text.splitlines():
        raw = raw.rstrip()
        if not raw:
            out.append("")
            continue
        current, width = "", 0
        for char in raw:
            if width + _units(char) > columns:
                out.append(current)
                current, width = "", 0
            current += char
            width += _units(char)
        out.append(current)
    return out


def plain_pdf(text: str, printer: Printer = Printer()) -> bytes:
    from reportlab.pdfgen import canvas

    font = font_name()
    size = printer.size
    # Courier's glyphs are 0.6 of the size wide: its cells are, and a Japanese glyph takes two.
    pitch = printer.pitch or (size * 0.6 if printer.how == "courier" else size / 2)
    left, top = 56.0, PAGE_HEIGHT - 64.0
    leading = size * 1.6
    # the same margin left and right, as editors and browsers print
    columns = printer.columns or int((PAGE_WIDTH - 2 * left) // pitch)
    lines = _printed(text, columns)
    per_page = printer.lines_per_page
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    for number, page in enumerate(pages, start=1):
        if printer.furniture:
            pdf.setFont(font, 8)
            pdf.drawString(36, PAGE_HEIGHT - 30, "2025/06/12 10:15")
            pdf.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 30, "gijiroku.txt")
            pdf.drawString(36, 24, "file:///C:/Users/kyodo/Documents/gijiroku.txt")
            pdf.drawRightString(PAGE_WIDTH - 36, 24, f"{number}/{len(pages)}")
        for index, line in enumerate(page):
            y = top - index * leading
            if printer.how == "editor":
                pdf.setFont(font, size)
                pdf.drawString(left, y, line)
                continue
            column = 0
            run, start = "", 0
            for char in [*line, " "]:
                if char in " 　" or printer.how in ("cells", "courier"):
                    if run:
                        pdf.setFont(font, size)
                        pdf.drawString(left + start * pitch, y, run)
                    if char not in " 　":
                        latin = printer.how == "courier" and ord(char) < 0x80
                        pdf.setFont("Courier" if latin else font, size)
                        pdf.drawString(left + column * pitch, y, char)
                    column += _units(char)
                    run, start = "", column
                    continue
                run += char
                column += _units(char)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
