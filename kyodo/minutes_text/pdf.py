"""Read minutes from a PDF with the position of every character.

Text extracted from a PDF loses the layout (see ``_layout``): page-line numbers get glued to the
text and boxed headings move to the end of their page.  Here the positions answer directly:

- page-line numbers stand in a column of their own, left or right of the body; they are found
  by their x position (digits only, aligned on one x, outside the text) and dropped;
- a section heading drawn in a box (a rectangle, or four lines) is a text line with a
  horizontal edge right above and right below it; it stays where it stands and is marked as
  boxed (``Line.relocated``), which the parser reads as "a heading starts here";
- a numbered line with no text is a blank line (a paragraph break for the parser).

``read_pdf`` returns the :class:`~kyodo.minutes_text._layout.Layout` the parser consumes, so the
parser does not have to guess for PDFs.  Plain Python; pdfminer.six (which pdfplumber is built
on) interprets the pages, without its layout analysis, which is not needed here.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from os import PathLike
from typing import IO, Any

from ._header import HEADER_KEYS, header_field
from ._layout import PAGE_FOOTER, Layout, Line, _running_heads, is_header_field
from ._syntax import (
    clean_line,
    closing_line,
    item_heading,
    section_heading,
    speaker_label,
    squash,
)
from .model import Minutes
from .parser import _ASCII_NUMBERED, MinutesParseError, parse_layout

# A margin number has one to three ASCII digits.
_NUMBER = re.compile(r"^[0-9]{1,3}$")
# Numbers whose centres lie within this many points form one column.
_COLUMN_TOLERANCE = 6.0
# A column needs this many numbers in the document to count as one.
_COLUMN_MIN = 3

Source = str | PathLike[str] | bytes | IO[bytes]


@dataclass
class _Run:
    """Characters of one printed line that stand together (no wide gap between them)."""

    chars: list[dict[str, Any]]

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


@dataclass
class _PrintedLine:
    """The characters on one baseline of a page, left to right, split into runs."""

    chars: list[dict[str, Any]]
    runs: list[_Run] = field(default_factory=list)
    number: _Run | None = None  # the margin number, once found
    ruled: bool = False  # a row of a ruled table of the header, its cells put back as lines

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)

    @property
    def size(self) -> float:
        return max(c["size"] for c in self.chars)

    def body_runs(self) -> list[_Run]:
        return [run for run in self.runs if run is not self.number]


@dataclass
class PdfText:
    """What ``read_pdf`` found: the layout for the parser and the text a person reads."""

    layout: Layout
    pages: int
    numbered: bool  # whether a margin column of page-line numbers was found
    boxed: list[str]  # the boxed lines, in order (section headings)

    @property
    def text(self) -> str:
        """The body in reading order, numbers removed, one printed line per line."""
        return "".join(line.text + "\n" for line in self.layout.body)


def _printed_lines(chars: list[dict[str, Any]]) -> list[_PrintedLine]:
    """Group characters by baseline (mixed sizes share a baseline), each line left to right."""
    lines: list[_PrintedLine] = []
    current: list[dict[str, Any]] = []
    baseline = None
    for char in sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"])):
        if baseline is not None and abs(char["bottom"] - baseline) > char["size"] * 0.4:
            lines.append(_PrintedLine(sorted(current, key=lambda c: c["x0"])))
            current = []
        if not current:
            baseline = char["bottom"]
        current.append(char)
    if current:
        lines.append(_PrintedLine(sorted(current, key=lambda c: c["x0"])))
    for line in lines:
        line.runs = _runs(line.chars)
    return [line for line in lines if line.runs]  # a line of spaces is no line


def _runs(chars: list[dict[str, Any]]) -> list[_Run]:
    # A gap of half a character or more (or a space) separates runs: the margin number
    # stands apart from the text, 「2024年度」 does not.
    runs: list[_Run] = []
    for char in chars:
        if char["text"].isspace():
            if runs:
                runs[-1].chars.append(char)
            continue
        if runs and runs[-1].chars[-1]["text"].isspace():
            runs.append(_Run([char]))
            continue
        size = min(char["size"], runs[-1].chars[-1]["size"]) if runs else char["size"]
        if runs and char["x0"] - _visible_end(runs[-1]) < 0.5 * size:
            runs[-1].chars.append(char)
        else:
            runs.append(_Run([char]))
    return runs


def _visible_end(run: _Run) -> float:
    for char in reversed(run.chars):
        if not char["text"].isspace():
            return char["x1"]
    return run.x1


def _strip_spaces(run: _Run) -> _Run:
    chars = list(run.chars)
    while chars and chars[-1]["text"].isspace():
        chars.pop()
    return _Run(chars)


def _number_candidates(pages: list[list[_PrintedLine]]) -> tuple[list[float], list[float]]:
    """x centres of digit-only runs at the left or the right end of a line."""
    left: list[float] = []
    right: list[float] = []
    for page in pages:
        for line in page:
            first, last = _strip_spaces(line.runs[0]), _strip_spaces(line.runs[-1])
            if _NUMBER.match(first.text):
                left.append((first.x0 + first.x1) / 2)
            if _NUMBER.match(last.text):
                right.append((last.x0 + last.x1) / 2)
    return left, right


def _densest(centres: list[float]) -> tuple[float, int]:
    """The x with most centres within the tolerance, and how many."""
    best, count = 0.0, 0
    ordered = sorted(centres)
    start = 0
    for end, x in enumerate(ordered):
        while x - ordered[start] > 2 * _COLUMN_TOLERANCE:
            start += 1
        if end - start + 1 > count:
            count = end - start + 1
            best = (ordered[start] + x) / 2
    return best, count


def _number_column(pages: list[list[_PrintedLine]]) -> tuple[str, float] | None:
    """Where the page-line numbers stand: ("left" | "right", x centre), if anywhere.

    A column is digits aligned on one x, at least ``_COLUMN_MIN`` of them, with no other text
    beyond them on that side: the margin, not a column of figures in a table.
    """
    left, right = _number_candidates(pages)
    found: list[tuple[int, str, float]] = []
    for side, centres in (("left", left), ("right", right)):
        if not centres:
            continue
        x, count = _densest(centres)
        if count >= _COLUMN_MIN:
            found.append((count, side, x))
    for _count, side, x in sorted(found, reverse=True):
        if _outside_body(pages, side, x):
            return side, x
    return None


def _in_column(run: _Run, x: float) -> bool:
    run = _strip_spaces(run)
    return bool(_NUMBER.match(run.text)) and abs((run.x0 + run.x1) / 2 - x) <= _COLUMN_TOLERANCE


def _outside_body(pages: list[list[_PrintedLine]], side: str, x: float) -> bool:
    # Count lines whose text reaches past the column on its side; a few stray marks are allowed.
    beyond = total = 0
    for page in pages:
        for line in page:
            for run in line.runs:
                if _in_column(run, x):
                    continue
                total += 1
                if (side == "right" and run.x1 > x) or (side == "left" and run.x0 < x):
                    beyond += 1
    return beyond * 20 <= total


def _boxed(line: _PrintedLine, edges: list[tuple[float, float, float]]) -> bool:
    """A stroke right above and right below the text, each as wide as the text."""
    runs = [_strip_spaces(run) for run in line.body_runs()]
    if not runs:
        return False
    x0, x1 = runs[0].x0, runs[-1].x1
    reach = line.size * 1.0
    above = below = False
    for y, ex0, ex1 in edges:
        if ex0 > x0 + 1 or ex1 < x1 - 1 or y >= _VERTICAL:
            continue
        if line.top - reach <= y <= line.top + 1:
            above = True
        elif line.bottom - 1 <= y <= line.bottom + reach:
            below = True
    return above and below


def _cells(char: dict[str, Any]) -> int:
    """How many cells of a monospace grid a character takes: half-width letters one, the rest
    two."""
    code = ord(char["text"][:1] or " ")
    return 1 if code < 0x80 or 0xFF61 <= code <= 0xFF9F else 2


def _monospace_pitch(pages: list[list[_PrintedLine]]) -> float | None:
    """The width of a half-width cell when the text was printed on a monospace grid (a text
    file printed to PDF: each character set in the cell of its column, the cells often wider
    than the glyphs), else None. Found from characters standing next to each other: each moves
    the next one cell on (two for a full-width one), and nearly every pair of characters of the
    text stands a whole number of cells apart."""
    sizes = Counter(
        round(char["size"], 1) for page in pages for line in page for char in line.chars
    )
    if not sizes:
        return None
    body_size = sizes.most_common(1)[0][0]  # the text's (a running head or a title set apart)
    pairs: list[tuple[float, int, float]] = []
    for page in pages:
        for line in page:
            visible = [char for char in line.chars if not char["text"].isspace()]
            for a, b in itertools.pairwise(visible):
                if round(a["size"], 1) == body_size == round(b["size"], 1):
                    pairs.append((b["x0"] - a["x0"], _cells(a), a["size"]))
    steps = sorted(
        distance / cells
        for distance, cells, size in pairs
        if 0.3 * size <= distance / cells <= 0.8 * size
    )
    if len(steps) < 40:
        return None
    pitch = steps[len(steps) // 2]
    on_grid = 0
    for distance, cells, _size in pairs:
        columns = distance / pitch
        if abs(columns - round(columns)) <= 0.08 and round(columns) >= cells:
            on_grid += 1
    return pitch if on_grid >= len(pairs) * 0.95 else None


def _printed_as_text(
    pages: list[list[_PrintedLine]], edges: list[list], pitch: float, margin: float
) -> bool:
    """A text file printed as it is: no rule drawn anywhere, and nearly every line of the text's
    size on the grid from the margin to its last character (a word processor's page sets a
    column of labels, a tab or a centred title off it)."""
    if any(page_edges for page_edges in edges):
        return False
    sizes = Counter(
        round(char["size"], 1) for page in pages for line in page for char in line.chars
    )
    body_size = sizes.most_common(1)[0][0]
    lines = [line for page in pages for line in page if round(line.size, 1) == body_size]
    on_grid = sum(
        1
        for line in lines
        if _grid_text(line.runs, pitch) is not None
        and abs((s := _indent_cells_exact(line.runs, margin, pitch)) - round(s)) <= 0.08
    )
    return on_grid >= len(lines) * 0.95


def _indent_cells_exact(runs: list[_Run], margin: float, pitch: float) -> float:
    first = next((c for run in runs for c in run.chars if not c["text"].isspace()), None)
    return 0.0 if first is None else (first["x0"] - margin) / pitch


def _left_margin(pages: list[list[_PrintedLine]]) -> float | None:
    """Where the text's lines start on the page (its left margin): the x most lines start at."""
    starts = Counter(
        round(line.runs[0].x0)
        for page in pages
        for line in page
        if line.runs and not line.runs[0].chars[0]["text"].isspace()
    )
    return float(min(x for x, n in starts.items() if n >= 2)) if starts else None


def _indent_cells(runs: list[_Run], margin: float, pitch: float | None) -> int:
    """How many empty cells of the grid stand before the line's first character."""
    first = next((c for run in runs for c in run.chars if not c["text"].isspace()), None)
    if first is None or pitch is None:
        return 0
    return round((first["x0"] - margin) / pitch)


def _grid_text(runs: list[_Run], pitch: float) -> str | None:
    """Text of a line printed on a monospace grid: the spaces from the empty cells between the
    characters (two cells a full-width space, one a half-width one), whatever the glyphs'
    widths: the line as it was typed. None when the line does not sit on the grid (a title set
    larger)."""
    chars = [char for run in runs for char in run.chars if not char["text"].isspace()]
    if not chars:
        return ""
    parts = [chars[0]["text"]]
    for a, b in itertools.pairwise(chars):
        columns = (b["x0"] - a["x0"]) / pitch
        if abs(columns - round(columns)) > 0.08:
            return None
        empty = round(columns) - _cells(a)
        if empty < 0:
            return None
        # as typed: 「青　木　　一　郎」 keeps its one and two full-width spaces
        parts.append("　" * (empty // 2) + " " * (empty % 2))
        parts.append(b["text"])
    return "".join(parts).strip()


def _line_text(runs: list[_Run], pitch: float | None = None) -> str:
    """Text of the body runs; a visible gap without a space character becomes a space. A line
    whose letters are all set apart (character spacing, 「み　ど　り　市」 justified to the
    width) counts its gaps from that spacing; a line on a monospace grid (``pitch``) its empty
    cells."""
    if pitch is not None:
        on_grid = _grid_text(runs, pitch)
        if on_grid is not None:
            return on_grid
    chars = [char for run in runs for char in run.chars]
    gaps = sorted(
        b["x0"] - a["x1"]
        for a, b in itertools.pairwise(chars)
        if not a["text"].isspace() and not b["text"].isspace()
    )
    spacing = gaps[len(gaps) // 2] if len(gaps) >= 4 else 0.0
    even = sum(1 for gap in gaps if spacing * 0.6 <= gap <= spacing * 1.4)
    if spacing < chars[0]["size"] * 0.2 or even < len(gaps) * 0.8:
        spacing = 0.0  # letters set apart throughout, not a spread key beside its value
    parts: list[str] = []
    previous = None
    for run in runs:
        for char in run.chars:
            text = char["text"]
            if previous is not None and not text.isspace() and not previous["text"].isspace():
                gap = char["x0"] - previous["x1"] - spacing
                if gap >= char["size"] * 0.8:
                    parts.append("　")
                elif gap >= char["size"] * 0.25:
                    parts.append(" ")
            parts.append(text)
            previous = char
    return "".join(parts).strip()


def _page_objects(layout, height: float, chars: list[dict[str, Any]], edges: list) -> None:
    """Characters and horizontal strokes of a page, top-down coordinates (as on paper)."""
    from pdfminer.layout import LTChar, LTCurve, LTFigure

    for obj in layout:
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if text and obj.upright:
                chars.append(
                    {
                        "text": text,
                        "x0": obj.x0,
                        "x1": obj.x1,
                        "top": height - obj.y1,
                        "bottom": height - obj.y0,
                        "size": obj.size,
                    }
                )
        elif isinstance(obj, LTCurve):  # LTRect and LTLine are curves too
            if obj.stroke or obj.fill:
                _strokes(obj, height, edges)
        elif isinstance(obj, LTFigure):
            _page_objects(obj, height, chars, edges)


def _strokes(curve, height: float, edges: list[tuple[float, float, float]]) -> None:
    """(y, x0, x1) of the horizontal sides of a rectangle, line or polyline; a vertical side
    goes in as (x, top, bottom) with ``_VERTICAL`` added to its x (they are few; one list)."""
    points = list(curve.pts)
    if len(points) == 4 and curve.__class__.__name__ == "LTRect":
        points.append(points[0])
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        if abs(ay - by) < 0.5 and abs(ax - bx) > 0.5:
            edges.append((height - ay, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) < 0.5 and abs(ay - by) > 0.5:
            edges.append((_VERTICAL + ax, height - max(ay, by), height - min(ay, by)))


# What a glyph the font cannot name comes back as (a tab printed as a glyph, 「⑴」 missing from
# the font): no text, read as a space.
_GLYPH_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


# Vertical strokes are kept with the horizontal ones, their x shifted by this much.
_VERTICAL = 1e6


def _read_pages(
    source: Source,
) -> tuple[list[list[_PrintedLine]], list[list], int, list[float]]:
    """The printed lines, the strokes, the count and the width of each page."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    if isinstance(source, bytes | bytearray):
        stream: IO[bytes] = io.BytesIO(source)
    elif hasattr(source, "read"):
        stream = source  # type: ignore[assignment]
    else:
        with open(source, "rb") as file:
            return _read_pages(file.read())
    manager = PDFResourceManager(caching=True)
    # No layout analysis (laparams=None): only the characters with their boxes, which is
    # all this needs and several times faster.
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[list[_PrintedLine]] = []
    edges: list[list] = []
    widths: list[float] = []
    for page in PDFPage.get_pages(stream):
        interpreter.process_page(page)
        layout = device.get_result()
        chars: list[dict[str, Any]] = []
        page_edges: list[tuple[float, float, float]] = []
        _page_objects(layout, layout.y1, chars, page_edges)
        pages.append(_printed_lines(chars))
        widths.append(layout.x1)
        edges.append(page_edges)
    return pages, edges, len(pages), widths


def read_pdf(source: Source) -> PdfText:
    """Lines of a PDF of minutes in reading order, margin numbers dropped, boxes marked.

    Raises MinutesParseError (in Japanese) when the file is no PDF or carries no text.
    """
    from pdfminer.pdfdocument import PDFEncryptionError

    try:
        pages, edges, count, widths = _read_pages(source)
    except PDFEncryptionError as error:
        raise MinutesParseError(
            "PDFにパスワードがかかっているため読み取れません"
            "（パスワードを外して保存し直したPDFを取り込んでください）"
        ) from error
    except Exception as error:  # pdfminer raises many kinds of error on a damaged file
        raise MinutesParseError(
            "PDFとして読み取れません（ファイルが壊れているか、PDFではありません）"
        ) from error
    chars = [char["text"] for page in pages for line in page for char in line.chars]
    unmapped = sum(1 for char in chars if _UNMAPPED.fullmatch(char))
    if chars and unmapped * 10 >= len(chars):
        # 「(cid:20196)」: a font without its table of characters; what else it gives is garbage.
        raise MinutesParseError(
            "PDFの文字を読み取れません（文字の対応表のないフォントで作られています）。"
            "元の文書から文字をコピーしてテキストファイル（.txt）にして取り込んでください"
        )
    text = _assemble(pages, edges, count, max(widths, default=0.0))
    if not any(line.text.strip() for line in text.layout.body):
        # No text at all, or only the page numbers printed over scanned pages.
        raise MinutesParseError(
            "PDFに文字がありません（スキャンした画像だけのPDFは読み取れません）"
        )
    return text


# What pdfminer gives for a character whose font does not say which it is.
_UNMAPPED = re.compile(r"\(cid:[0-9]+\)")


def _assemble(
    pages: list[list[_PrintedLine]],
    edges: list[list[tuple[float, float, float]]],
    count: int,
    page_width: float = 0.0,
) -> PdfText:
    column = _number_column(pages)
    pitch = _monospace_pitch(pages)
    margin = _left_margin(pages) if pitch is not None else None
    typed = (
        pitch is not None
        and margin is not None
        and column is None
        and _printed_as_text(pages, edges, pitch, margin)
    )
    if column is None and not typed:  # (a text file has no column of labels)
        for page in pages:
            _join_wrapped_labels(page)
    for page, page_edges in zip(pages, edges, strict=True):
        _ruled_rows(page, page_edges)
    if pages and not typed:  # (nor keys centred in a table's cells)
        _raise_centred_keys(pages[0])
    for page in pages:
        _question_tables(page)
    # after the lines are put together: a line taken out would shift the places found
    running = _running_lines(pages)
    if typed:
        # a text file's own running head, typed beside its page numbers (「－２－」)
        places = [(p, i) for p, page in enumerate(pages) for i in range(len(page))]
        texts = [_line_text(pages[p][i].runs, pitch) for p, i in places]
        running |= {places[index] for index in _running_heads(texts)}
    body: list[Line] = []
    printed_of: list[_PrintedLine | None] = []  # the printed line of each body line
    boxed: list[str] = []
    lineno = 0
    # Where the text starts on a page: a page whose first line stands lower starts with a
    # blank line (the paragraph break a page break fell on).
    firsts = [
        next((line.top for i, line in enumerate(page) if (p, i) not in running), None)
        for p, page in enumerate(pages)
    ]
    text_top = min((top for top in firsts[1:] if top is not None), default=None)
    for page_index, (page, page_edges) in enumerate(zip(pages, edges, strict=True)):
        previous_bottom = None
        if page_index and text_top is not None and page:
            previous_bottom = text_top - page[0].size * 0.5
        for line_index, printed in enumerate(page):
            lineno += 1
            if (page_index, line_index) in running:
                continue  # the same head or foot on every page: 「（2）」「議事録　1 / 3」「（案）」
            if column is not None:
                side, x = column
                candidates = printed.runs[:1] if side == "left" else printed.runs[-1:]
                for run in candidates:
                    if _in_column(run, x):
                        printed.number = run
            runs = printed.body_runs()
            if not runs:
                body.append(Line("", lineno, blank=True))
                printed_of.append(None)
                continue
            text = clean_line(_line_text(runs, pitch))
            if column is None and _ASCII_NUMBERED.match(text):
                # 「1 趣旨説明」 with an ASCII space on a page with no page-line numbers: an item
                text = _ASCII_NUMBERED.sub("\\1　", text)
            if printed.number is None and PAGE_FOOTER.match(text.replace(" ", "")):
                continue  # a page footer
            if column is None and previous_bottom is not None:
                # Without numbers, a tall gap stands for blank lines.
                if printed.top - previous_bottom > printed.size * 1.6:
                    body.append(Line("", lineno, blank=True))
                    printed_of.append(None)
            previous_bottom = printed.bottom
            is_box = (
                _boxed(printed, page_edges)
                and not is_header_field(text)
                and header_field(text) is None
            )
            if is_box:
                boxed.append(text)
            cells = _indent_cells(runs, margin, pitch) if typed and margin is not None else 0
            lead = "　" * (cells // 2) + " " * (cells % 2)
            body.append(Line(text, lineno, relocated=is_box, indented=cells >= 2, lead=lead))
            printed_of.append(printed)
    # a text file printed wraps at the printable width: as far from the right side of the page
    # as its lines start from the left
    right = page_width - margin if typed and margin is not None else None
    body = _join_wrapped(body, printed_of, pitch if typed else None, right)
    # A text file printed as it is (on a monospace grid, no page-line numbers) reads as the text
    # it was typed as: each line where the typist ended it (the printer's wraps joined above), a
    # line indented as it was typed.
    typed_text = (
        _GLYPH_CONTROL.sub(
            " ", "".join(("" if line.blank else line.lead + line.text) + "\n" for line in body)
        )
        if typed
        else None
    )
    return PdfText(
        Layout(body, [], numbered=not typed, typed=typed_text),
        pages=count,
        numbered=column is not None,
        boxed=boxed,
    )


def _join_wrapped(
    body: list[Line],
    printed_of: list[_PrintedLine | None],
    pitch: float | None = None,
    right: float | None = None,
) -> list[Line]:
    """A paragraph Word wrapped at the text's width, its lines put back together where a break
    would be read as a new line: 「…午後３時２」 over 「０分閉会した。」 (the closing lost), 「…代表理事
    柴田　和彦を」 over 「議長に選任した。」. A line wraps when it reaches the right side of the text
    (where the widest lines end); the line under it goes on with it unless it starts something:
    a turn, a heading, a field, a mark (「（拍手）」「○」「・」), or comes after a finished
    sentence; a title larger than the text, past its right side, is none. A space Word left at the wrap stays (「杉浦　」 over 「弘子」)."""
    ends = sorted(
        (_visible_end(_strip_spaces(p.body_runs()[-1])), p.size)
        for p in printed_of
        if p is not None and not p.ruled and p.body_runs()
    )
    if len(ends) < 3:
        return body
    # reached by three lines at least: not a stray wide one; a text file printed (on the grid of
    # ``pitch``) wraps at its last column, the printable width's ``right`` side
    edge = right if pitch is not None and right is not None else ends[-3][0]
    sizes = sorted(size for _end, size in ends)
    size = sizes[len(sizes) // 2]  # the text's: a title set larger is no paragraph's line
    out: list[Line] = []
    previous: _PrintedLine | None = None
    for line, printed in zip(body, printed_of, strict=True):
        if (
            previous is not None
            and printed is not None
            and out
            and not out[-1].relocated
            and not line.relocated
            and not printed.ruled
            and not previous.ruled
            and previous.size <= size + 0.5
            and (space := _wrap_space(out[-1], line, previous, printed, edge, pitch)) is not None
        ):
            joined = out[-1].text + space + line.text
            out[-1] = Line(joined, out[-1].lineno, indented=out[-1].indented, lead=out[-1].lead)
            previous = printed
            continue
        out.append(line)
        previous = printed
    return out


def _wrap_space(
    above: Line,
    line: Line,
    previous: _PrintedLine,
    printed: _PrintedLine,
    edge: float,
    pitch: float | None,
) -> str | None:
    """Whether ``line`` goes on with ``above``, wrapped at the text's right side ``edge``: the
    space to join them with ("" for none, a space left at the wrap: 「杉浦　」 over 「弘子」, 「大谷」
    over 「　誠」), or None. A text file printed on the grid of ``pitch`` wraps at the printable
    width whatever comes next; a line ending a full-width space short of it may have lost that
    space (a printer that draws no spaces), or was typed that long."""
    short = edge - _visible_end(_strip_spaces(previous.body_runs()[-1]))
    last = previous.body_runs()[-1].chars[-1]["text"]
    first = printed.body_runs()[0].chars[0]["text"]
    space = last if last.isspace() else first if first.isspace() else line.lead[:1]
    if short <= -previous.size * 1.2:
        return None  # past the side: a title set larger
    if pitch is None:
        wraps = short < previous.size * 1.2 and _goes_on(above.text, line.text)
        return space if wraps else None
    empty = short // pitch  # whole cells left before the printable width's end
    if empty <= 1:  # (a full-width character needs two)
        typed_on = _goes_on(above.text, line.text, typed=True) or _printer_wrapped(above, line)
        return space if typed_on else None
    if empty <= 3 and _goes_on(above.text, line.text):
        return space or "　"  # 「……大谷」 (its space not drawn) over 「誠」
    return None


_SEPARATOR = re.compile(r"^[─━―‐－\-ー=＝＿_・…～〜◇◆☆★*＊\s]+$")
# A line ending so ends a sentence, a name's parenthesis or a quotation, not a wrapped line.
_ENDED = ("。", "）", ")", "」", "】")


def _printer_wrapped(above: Line, line: Line) -> bool:
    """A text file printed wraps a line at the last column whatever comes next (「……（第１号）」
    over 「（案）について」); only a line typed as long as the page and ended there (its sentence
    closed, the next a turn, a heading, a mark of its own) is no wrap."""
    if line.indented or above.relocated or above.text.rstrip().endswith(("。", "」")):
        return False  # (a sentence closed at the last column: the parser reads what follows)
    text = line.text.strip()
    opened = above.text.count("（") + above.text.count("(")
    if opened > above.text.count("）") + above.text.count(")"):
        return True  # 「……片岡（２」 over 「０１）、」: cut inside the parenthesis
    if _SEPARATOR.match(text):
        return False  # 「────」 on a line of its own
    if _STAGE_ALONE.match(text):
        # 「……教頭」 over 「（菅）」: a name's bracket cut from it; after a word that ends a
        # phrase (「……であります」 over 「（拍手）」) a stage direction
        return not above.text.rstrip().endswith(("ます", "です", "た", "か", "ね", "よ"))
    return not (
        text[:1] in "○◎●◆◇■□・※→＜<【〔［「"
        or speaker_label(text)
        or item_heading(text)
        or section_heading(text)
        or header_field(text)
    )


_STAGE_ALONE = re.compile(r"^[（(〔［][^（）()〔〕［］]*[）)〕］]$")


def _goes_on(above: str, text: str, typed: bool = False) -> bool:
    """Whether ``text`` may go on with the wrapped line ``above`` (a heading's too in a text file
    printed, read as typed: no title is joined later)."""
    if above.endswith(_ENDED) or text[:1] in "（(〔［【「○◎●◆◇■□・※→＜<":
        return False
    if _SEPARATOR.match(above) or _SEPARATOR.match(text):
        return False  # 「────」 drawn to the width
    if "　　　　" in above:
        return False  # names set in columns (「１番　青木　一郎　　　　　２番　……」)
    if (item_heading(above) or section_heading(above)) and not typed:
        return False  # a heading as long as the line: the parser joins a wrapped title
    return not (
        speaker_label(text) or item_heading(text) or section_heading(text) or header_field(text)
    )


# The heads of a table of questions and their answers, side by side: 「No.｜質問・意見｜回答」.
_QUESTION_HEADS = frozenset(
    "質問 質問・意見 質問･意見 意見・質問 質問等 質問・意見等 意見 意見等 主な意見 委員の意見 委員意見 "
    "ご意見 質疑 問 質問内容 意見・要望 質問・要望".split()
)
_ANSWER_HEADS = frozenset(
    "回答 答 応答 対応 回答・対応 対応・回答 事務局回答 事務局の回答 市の回答 市の考え方 "
    "回答内容 事務局の考え方 考え方".split()
)
# Heads worded otherwise: 「ご意見・ご要望｜センターの回答」「参加者からの質問｜市の対応」.
_QUESTION_HEAD = re.compile(
    r"^(?:[^\s・･]{1,6}(?:から|の))?(?:ご|御)?(?:意見|質問|要望|質疑|提案)"
    r"(?:[・･](?:ご|御)?(?:意見|質問|要望|質疑|提案))*(?:等|など|内容)?$"
)
_ANSWER_HEAD = re.compile(
    r"^(?:[^\s・･]{1,8}の)?(?:回答|応答|対応|考え方)(?:[・･](?:回答|対応|考え方|方針))*(?:等|内容)?$"
)


def _question_head(text: str) -> bool:
    return text in _QUESTION_HEADS or bool(_QUESTION_HEAD.match(text))


def _answer_head(text: str) -> bool:
    return text in _ANSWER_HEADS or bool(_ANSWER_HEAD.match(text))


_NUMBER_HEADS = frozenset(("No.", "No", "NO.", "№", "番号", "項番", "通番"))
_ROW_NUMBER = re.compile(r"^[0-9０-９]{1,3}[.．]?$")
_SENTENCE_END = ("。", "？", "?", "）", ")")


def _question_tables(page: list[_PrintedLine]) -> None:
    """A table of questions and answers in two columns, each row's cells wrapped over several
    lines: read line by line its cells were mixed (「…誰を想　定年前後の方を…」). Its rows are
    put back as the turns they are, one line each: 「質問：……」 then 「回答：……」 (a row begins
    at its number in the 「No.」 column, or, without one, after a finished sentence in both)."""
    index = 0
    while index < len(page):
        heads = _table_heads(page[index])
        if heads is None:
            index += 1
            continue
        number_x, question_x, answer_x, labels = heads
        rows: list[list[str]] = []
        end = index + 1
        while end < len(page):
            runs = page[end].body_runs()
            if not runs:
                break
            if number_x is None and runs[0].x0 < question_x - 2:
                break  # 「（２）その他」 left of the table: it has ended
            if _after_table(runs, answer_x):
                break  # 「４　その他」「以上」 in the questions' column, the answers' empty
            cells = ["", "", ""]
            for run in runs:
                text = run.text.strip()
                if not text:
                    continue
                if number_x is not None and run.x0 < question_x - 2:
                    column = 0
                elif run.x0 < answer_x - 2:
                    column = 1
                else:
                    column = 2
                cells[column] += text
            if number_x is not None and cells[0] and not _ROW_NUMBER.match(cells[0]):
                break  # 「（２）その他」 at the left margin: the table has ended
            if not cells[1] and not cells[2]:
                break
            starts = (
                bool(cells[0])
                if number_x is not None
                else not rows
                or (rows[-1][0].endswith(_SENTENCE_END) and rows[-1][1].endswith(_SENTENCE_END))
            )
            if starts or not rows:
                rows.append([cells[1], cells[2]])
            else:
                rows[-1][0] += cells[1]
                rows[-1][1] += cells[2]
            end += 1
        if not rows:
            index += 1
            continue
        template = page[index]
        lines = []
        for question, answer in rows:
            for label, text in zip(labels, (question, answer), strict=True):
                if text:
                    lines.append(_written_line(f"{label}：{text}", template, question_x))
        page[index:end] = lines
        index += len(lines)


def _after_table(runs: list, answer_x: float) -> bool:
    """A line after a table of questions whose first cell starts where the questions' column
    does: a heading, the closing or a page number, nothing in the answers' column."""
    if any(run.x0 >= answer_x - 2 and not PAGE_FOOTER.match(run.text.strip()) for run in runs):
        return False
    text = clean_line("".join(run.text for run in runs)).strip()
    return bool(
        item_heading(text)
        or section_heading(text)
        or closing_line(text)
        or PAGE_FOOTER.match(text.replace(" ", ""))
    )


def _table_heads(line: _PrintedLine) -> tuple[float | None, float, float, tuple[str, str]] | None:
    """(the number column's x or None, the questions', the answers', their labels) when ``line``
    holds the heads of a table of questions and answers."""
    runs = [run for run in line.body_runs() if run.text.strip()]
    if not 2 <= len(runs) <= 3:
        return None  # most lines: before their texts are put together
    texts = [run.text.replace(" ", "").replace("　", "") for run in runs]
    number_x = None
    if len(runs) == 3:
        if texts[0] not in _NUMBER_HEADS:
            return None
        number_x, runs, texts = runs[0].x0, runs[1:], texts[1:]
    if not _question_head(texts[0]) or not _answer_head(texts[1]):
        return None
    question = (
        "意見" if "質問" not in texts[0] and "質疑" not in texts[0] and "問" != texts[0] else "質問"
    )
    answer = "回答"
    # A cell's text starts at its column's left edge, or near it: the answers' column starts
    # between the end of the questions' head and the start of the answers' one.
    answer_x = runs[1].x0 - (runs[1].x0 - runs[0].x1) * 0.5
    question_x = (
        runs[0].x0
        if number_x is None
        else min(runs[0].x0, number_x + (runs[0].x0 - number_x) * 0.5)
    )
    return number_x, question_x, answer_x, (question, answer)


def _written_line(text: str, template: _PrintedLine, x: float) -> _PrintedLine:
    """A printed line holding ``text`` (a table's row put back as words), at ``template``'s
    height and size."""
    size = template.size
    top, bottom = template.top, template.bottom
    chars = [
        {
            "text": c,
            "x0": x + i * size,
            "x1": x + (i + 1) * size,
            "size": size,
            "top": top,
            "bottom": bottom,
        }
        for i, c in enumerate(text)
    ]
    return _PrintedLine(chars, runs=_runs(chars))


# 「（加藤課長）」: the end of a speaker's label wrapped inside its column.
_LABEL_END = re.compile(r"^[（(][^（()）]{1,12}[）)]$")
_OPEN_LABEL = re.compile(r"[（(][^（()）]{1,12}$")
_LABEL_TAIL = re.compile(r"^[^（()）]{1,8}[）)]$")


def _join_wrapped_labels(page: list[_PrintedLine]) -> None:
    """Labels in a column of their own, the words beside them: a label too long for its column
    wraps (「事務局」 over 「（加藤課長）」), its end on the next line beside the words that go on.
    The end is moved back beside the label's start: 「事務局（加藤課長）　定刻となりましたので…」."""
    for above, below in itertools.pairwise(page):
        first, second = above.body_runs(), below.body_runs()
        if len(first) < 2 or not second:
            continue
        label_end = _strip_spaces(second[0])
        end = label_end.text.replace(" ", "")
        if len(second) < 2 and not (_OPEN_LABEL.search(first[0].text.replace(" ", ""))):
            continue  # the label's end alone on its line: only when the parenthesis wrapped
        if (
            abs(second[0].x0 - first[0].x0) <= 2
            and (len(second) < 2 or abs(second[1].x0 - first[1].x0) <= 2)
            and first[1].x0 - first[0].x1 >= first[0].chars[0]["size"] * 0.8
            and (
                _LABEL_END.match(end)
                # 「事務局（都市計画課主」 over 「幹）」: the parenthesis itself wrapped
                or (_OPEN_LABEL.search(first[0].text.replace(" ", "")) and _LABEL_TAIL.match(end))
            )
        ):
            moved = _Run(
                [
                    dict(char, x0=first[0].x1 + i, x1=first[0].x1 + i)
                    for i, char in enumerate(label_end.chars)
                ]
            )
            above.runs.insert(above.runs.index(first[0]) + 1, moved)
            below.runs.remove(second[0])
    # 「政策課長）」 alone on its line, now beside its start: the line is gone.
    page[:] = [line for line in page if line.runs]


def _raise_centred_keys(page: list[_PrintedLine]) -> None:
    """A header drawn as a table whose keys are centred in their cells: 「出　席　委　員」 printed
    between the second and third lines of its names, or beside the second (「議　題　（２）……」).
    The key is moved back to the start of its cell, before the cell's first line:
    「出席委員　山田太郎（会長）、…」."""
    claimed: set[int] = set()  # the lines of cells whose key was put back
    index = 1
    while index < len(page):
        runs = page[index].body_runs()
        above = page[index - 1].body_runs()
        if not runs or not above or page[index].ruled or page[index - 1].ruled:
            index += 1  # a ruled table's rows were read by their cells
            continue
        value_x = above[0].x0
        keys = [run for run in runs if run.x1 < value_x - 1]
        rest = runs[len(keys) :]
        key = squash("".join(run.text for run in keys))
        below = page[index + 1].body_runs() if index + 1 < len(page) else []
        if (
            not keys
            or not (key in HEADER_KEYS or key in _CELL_KEYS)
            or value_x < keys[-1].x1 + keys[0].chars[0]["size"] * 0.5
            or (rest and abs(rest[0].x0 - value_x) > 2)
            # centred: the cell's lines go on under the key too, and the line above is no
            # earlier cell's (「欠　席　委　員　中村昭」 under the names of 出席委員 is a row of its own)
            or not below
            or abs(below[0].x0 - value_x) > 2
            or id(page[index - 1]) in claimed
        ):
            index += 1
            continue
        first = index - 1
        under = 1  # the cell's lines under the key: a centred key has as many over it
        while index + under + 1 < len(page) and (cell := page[index + under + 1].body_runs()):
            if abs(cell[0].x0 - value_x) > 2:
                break
            under += 1
        while first > index - under and id(page[first - 1]) not in claimed:
            cell = page[first - 1].body_runs()
            if not cell or abs(cell[0].x0 - value_x) > 2:
                break
            first -= 1
        page[first].runs[:0] = keys
        for run in keys:
            page[index].runs.remove(run)
        # Centred: as many of the cell's lines under the key as over it.
        claimed.update(id(line) for line in page[first : index + (index - first) + 1])
        if not page[index].body_runs():
            del page[index]
        else:
            index += 1


def _walls(line: _PrintedLine, verticals: list[tuple[float, float, float]]) -> tuple[int, ...]:
    """The x (rounded) of the vertical rules crossing ``line``'s middle, left to right."""
    middle = (line.top + line.bottom) / 2
    walls: list[int] = []
    for x, top, bottom in sorted(verticals):
        if top <= middle <= bottom and (not walls or x - walls[-1] > 2):
            walls.append(round(x))
    return tuple(walls)


def _ruled_key(text: str) -> bool:
    key = squash(text)
    return key in HEADER_KEYS or key in _CELL_KEYS or header_field(f"{text}　…") is not None


def _ruled_rows(page: list[_PrintedLine], edges: list[tuple[float, float, float]]) -> None:
    """A header drawn as a ruled table (Word's 罫線), a key's cell and its value's side by side,
    two keys in a row too (「日時｜令和６年１２月３日（火）…｜場所｜ひかり小学校…」): read line
    by line, the cells of a row were mixed and a value wrapped in its narrow cell cut
    (「（火」 over 「）」). Each row is put back as its fields, one line each, 「日時　令和６年…」
    (a value's lines that filled the cell's width joined, a line broken short kept a line)."""
    verticals = [(x - _VERTICAL, top, bottom) for x, top, bottom in edges if x >= _VERTICAL]
    if len(verticals) < 3:
        return  # most pages: no table, or rules above and below a row only
    rules = sorted(y for y, _x0, _x1 in edges if y < _VERTICAL)

    def rule_above(line: _PrintedLine) -> float | None:
        return max((y for y in rules if y <= line.top + 1), default=None)

    index = 0
    while index < len(page):
        walls = _walls(page[index], verticals)
        if len(walls) < 3:
            index += 1
            continue
        top = rule_above(page[index])
        end = index + 1
        while (
            end < len(page)
            and _walls(page[end], verticals) == walls
            and rule_above(page[end]) == top
        ):
            end += 1
        cells: list[list[list[dict[str, Any]]]] = [[] for _ in range(len(walls) - 1)]
        for printed in page[index:end]:
            for column, (left, right) in enumerate(itertools.pairwise(walls)):
                chars = [c for c in printed.chars if left - 1 <= c["x0"] < right - 1]
                if any(not c["text"].isspace() for c in chars):
                    cells[column].append(chars)
        keys = [_cell_lines(cell, walls[i + 1])[0:1] for i, cell in enumerate(cells[::2])]
        if not any(keys) or not all(not key or _ruled_key("".join(key)) for key in keys):
            index = end  # a table of something else: 「No.｜質問｜回答」
            continue
        template = page[index]
        lines: list[_PrintedLine] = []
        for pair in range(0, len(cells) - 1, 2):
            key = "".join(_cell_lines(cells[pair], walls[pair + 1], join=True))
            values = _cell_lines(cells[pair + 1], walls[pair + 2])
            x = walls[pair] + 2.0
            for number, value in enumerate(values or [""]):
                text = f"{key}　{value}" if number == 0 and key else value
                if text.strip():
                    written = _written_line(text, template, x if number == 0 else walls[pair + 1])
                    written.ruled = True
                    lines.append(written)
        page[index:end] = lines
        index += len(lines)


def _cell_lines(cell: list[list[dict[str, Any]]], right: float, join: bool = False) -> list[str]:
    """The text of a table's cell, a line that reaches the cell's right side joined to the next
    (wrapped by the width), a line ending short kept a line of its own."""
    lines: list[str] = []
    wrapped = spaced = False
    for chars in cell:
        runs = _runs(sorted(chars, key=lambda c: c["x0"]))
        text = clean_line(_line_text(runs)) if runs else ""
        if not text:
            continue
        if lines and (join or (wrapped and not lines[-1].endswith(_ENDED))):
            lines[-1] += ("　" if spaced else "") + text
        else:
            lines.append(text)
        wrapped = right - chars[-1]["x1"] < chars[-1]["size"] * 1.5
        # 「杉浦　」 at the end of the line, 「弘子」 on the next: the space stays
        spaced = chars[-1]["text"].isspace()
    return lines


# Keys of a header table besides the fields': the agenda's.
_CELL_KEYS = frozenset(("議題", "議事", "次第", "会議次第", "議事次第", "案件"))


def _running_lines(pages: list[list[_PrintedLine]]) -> set[tuple[int, int]]:
    """The first and last lines that repeat at the same height on most pages, alike but for
    their numbers (a page number, 「- 2 / 3 -」, a running head, a stamp): (page, line) pairs.
    The first page's first line counts but stays (the title, or a stamp the parser knows)."""
    places: dict[tuple[str, str, int], list[tuple[int, int]]] = {}
    sizes = Counter(
        round(char["size"], 1) for page in pages for line in page for char in line.chars
    )
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    small: set[tuple[int, int]] = set()  # printed smaller than the text: a browser's or a printer's
    for page_index, page in enumerate(pages):
        if len(page) < 2:
            continue  # an empty page, or a page of one line
        for end, line_index in (("head", 0), ("foot", len(page) - 1)):
            printed = page[line_index]
            text = squash(_line_text(printed.runs))
            if printed.size < body_size - 0.5:
                # 「2025/06/12 10:15　gijiroku.txt」「file:///C:/…/gijiroku.txt　1/2」: what a
                # browser prints around a text file, long as its address may be
                small.add((page_index, line_index))
            elif not text or len(text) > 40:
                continue
            key = (end, re.sub(r"[0-9０-９]+", "#", text), round(printed.top))
            places.setdefault(key, []).append((page_index, line_index))
    needed = max(2, len(pages) // 2)
    running = {
        place
        for found in places.values()
        if len(found) >= needed
        for place in found
        if place != (0, 0) or place in small
    }
    # A browser's own lines, on a page of its own too: the date it printed, the file's name and
    # address, 「1/1」.
    running |= {
        (page_index, line_index)
        for page_index, line_index in small
        if _BROWSER_FURNITURE.search(_line_text(pages[page_index][line_index].runs))
    }
    # The title over every page but the first (Word's 「先頭ページのみ別指定」), with the date
    # after it or not: too few to repeat in a document of two or three pages.
    title = [squash(_line_text(line.runs)) for line in pages[0][:3]] if pages else []
    titles = {text for text in (*title, "".join(title[:2]), "".join(title[:3])) if len(text) >= 6}
    for page_index, page in enumerate(pages[1:], start=1):
        if len(page) >= 2 and page[0].size < page[1].size:
            head = squash(_line_text(page[0].runs))
            if head in titles or _DATED_HEAD.sub("", head) in titles:
                running.add((page_index, 0))
    return running


_BROWSER_FURNITURE = re.compile(
    r"(?:file|https?)://|\.(?:txt|html?|pdf|docx?)\b|^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}[ 　]+[0-9]{1,2}:[0-9]{2}"
)


# 「（令和６年１０月１５日）」 after a running head's title
_DATED_HEAD = re.compile(r"[(（][^()（）]*[0-9０-９]+[^()（）]*[)）]$")


def parse_pdf(source: Source) -> Minutes:
    """Read and parse a PDF of minutes; raises MinutesParseError if it is not one."""
    return parse_layout(read_pdf(source).layout)
