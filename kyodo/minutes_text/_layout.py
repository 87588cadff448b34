"""Undo what PDF text extraction does to the page layout of minutes.

Extracted minutes carry the page-line number glued to the end of each line
(「…小冊子の18」 is text 「小冊子の」 on line 18), and boxed content (section
headings, the header table) is pushed to the end of its page, after the last
numbered line.  The blank numbered lines show where that content stood.

``layout_lines`` turns the raw text into the body lines in reading order,
plus the header-table lines, with the numbers removed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from ._header import HEADER_KEYS, header_field
from ._syntax import (
    clean_line,
    closing_line,
    item_heading,
    section_heading,
    speaker_label,
)

# A page never has more lines than this; a larger trailing number is text.
_MAX_PAGE_LINE = 99
_TRAILING_DIGITS = re.compile(r"[0-9]+$")
# Header-table fields start with a box bullet: ■開催日時：…
HEADER_BULLETS = "■□◆◇●◎"


@dataclass
class Line:
    """A line of text in reading order (page-line number removed)."""

    text: str
    lineno: int  # 1-based line number in the input, for error messages
    blank: bool = False  # a numbered line with nothing on it
    relocated: bool = False  # boxed content put back where it stood
    # Typed text only: the line began with a full-width space, as a new paragraph does.
    indented: bool = field(default=False, compare=False)
    # Typed text only: the line ended with a space (a line cut there: 「北川、同課主任」 over
    # 「　野村」 is one list, the space between them).
    spaced_end: bool = field(default=False, compare=False)
    # Typed text only: the spaces before the text (they take the page's width too).
    lead: str = field(default="", compare=False)


@dataclass
class Layout:
    body: list[Line]
    header: list[Line]  # header-table lines found pushed to a page end
    numbered: bool  # whether page-line numbers were found and removed
    # A text file printed as it is (``pdf``): the text it was typed as, read as typed text.
    typed: str | None = None


@dataclass
class _Page:
    lines: list[tuple[int | None, Line]] = field(default_factory=list)
    trailing: list[Line] = field(default_factory=list)  # pushed content


def _split_number(raw: str, expected: int, jump: int = 0) -> tuple[str, int] | None:
    """Split 「text12」 into ("text", 12) when 12 is ``expected`` (+ ``jump``)."""
    text = raw.rstrip()
    match = _TRAILING_DIGITS.search(text)
    if not match:
        return None
    digits = match.group()
    if not text[: match.start()].strip() and len(digits) <= 2:
        # A line that is only a number is a blank numbered line; numbers may
        # jump because extraction drops some blank lines (3–11 then 「12」).
        number = int(digits)
        if expected <= number <= _MAX_PAGE_LINE:
            return "", number
    # Follow the sequence: only the expected number is taken off, so 「第１4」
    # on line 4 keeps its 「第１」.
    tail = str(expected + jump)
    if digits.endswith(tail):
        return text[: len(text) - len(tail)], expected + jump
    return None


def _next_fits(raw_lines: list[str], index: int, expected: int) -> bool | None:
    """Whether the next non-empty line carries number ``expected``.

    None when there is no next line (the end of the document).
    """
    for following in range(index + 1, len(raw_lines)):
        if raw_lines[following].strip():
            return _split_number(raw_lines[following], expected) is not None
    return None


def _number_line(
    raw_lines: list[str], index: int, expected: int, paged: bool
) -> tuple[str, int] | None:
    """The page-line number of line ``index``, or None if it has none.

    In order of trust: the expected number; 1 starting a new page when line 2
    follows; a number one or two further on (blank lines lost in extraction)
    when its successor follows; 1 on the very last line.
    """
    raw = raw_lines[index]
    split = _split_number(raw, expected if paged else 1)
    if not paged:
        return split
    if split is not None:
        return _sequence_or_new_page(raw_lines, index, expected, split)
    new_page = _split_number(raw, 1)
    if new_page is not None and _next_fits(raw_lines, index, 2):
        return new_page
    for jump in (1, 2):
        split = _split_number(raw, expected, jump)
        if split is not None and _next_fits(raw_lines, index, split[1] + 1):
            return split
    if new_page is not None and _next_fits(raw_lines, index, 2) is None:
        return new_page
    return None


def _sequence_or_new_page(
    raw_lines: list[str], index: int, expected: int, split: tuple[str, int]
) -> tuple[str, int]:
    """「…ぁ11」 when 11 is expected: line 11, or 「…ぁ1」 on a new page?"""
    raw = raw_lines[index]
    new_page = _split_number(raw, 1) if expected > 2 and split[0] else None
    if new_page is None or _next_fits(raw_lines, index, expected + 1):
        return split
    if _next_fits(raw_lines, index, 2):
        return new_page
    # Nothing follows to tell: extraction indents the first line of a page.
    return new_page if raw[:1].isspace() else split


def _paginate(raw_lines: list[str]) -> tuple[list[Line], list[_Page], int]:
    """Assign each line to a page; returns (lines before page 1, pages, count)."""
    before: list[Line] = []
    pages: list[_Page] = []
    pending: list[Line] = []  # unnumbered lines seen since the last number
    expected = 1
    numbered = 0
    for index, raw in enumerate(raw_lines):
        if not raw.strip():
            continue  # empty raw lines are extraction artefacts, not lines
        split = _number_line(raw_lines, index, expected, bool(pages))
        if split is None:
            pending.append(Line(raw.strip(), index + 1))
            continue
        text, number = split
        if not pages or number < expected:
            # New page: whatever was pending belongs to the end of the last one.
            if pages:
                pages[-1].trailing.extend(pending)
            else:
                before.extend(pending)
            pending = []
            pages.append(_Page())
        page = pages[-1]
        # Unnumbered lines between numbered ones stay where they are.
        page.lines.extend((None, line) for line in pending)
        pending = []
        page.lines.append((number, Line(text.strip(), index + 1, blank=not text.strip())))
        expected = number + 1
        numbered += 1
    if pages:
        pages[-1].trailing.extend(pending)
    else:
        before.extend(pending)
    return before, pages, numbered


@dataclass
class _Gap:
    position: int  # index in page.lines before which content may be put back
    size: int  # how many page lines are blank there
    score: int


def _gaps(page: _Page) -> list[_Gap]:
    """Runs of blank numbered lines (or missing numbers) on a page."""
    gaps: list[_Gap] = []
    last_number = 0
    blank_run = 0
    for position, (number, line) in enumerate(page.lines):
        if line.blank:
            blank_run += 1
            continue
        missing = number - last_number - 1 if number is not None else blank_run
        size = max(missing, blank_run)
        if size > 0:
            gaps.append(_Gap(position, size, size + _heading_bonus(line.text)))
        blank_run = 0
        if number is not None:
            last_number = number
    if blank_run:
        gaps.append(_Gap(len(page.lines), blank_run, blank_run))
    return gaps


def _heading_bonus(text: str) -> int:
    # A boxed section heading stands right above the first item of its section.
    heading = item_heading(text)
    if heading is None or section_heading(text) is not None:
        return 0
    return 10 + (5 if heading.number == 1 else 0)


def is_header_field(text: str) -> bool:
    return text.strip()[:1] in HEADER_BULLETS


# Page footers such as 「- 2 -」, 「－２－」, 「2/5」 or 「２／５」 are layout, not text (「−1−」 with the minus
# sign U+2212 is what a PDF printed in a CID font gives back).
PAGE_FOOTER = re.compile(
    r"^(?:[-－―‐ー—–−]\s*[0-9０-９]{1,3}\s*(?:[/／]\s*[0-9０-９]{1,3}\s*)?[-－―‐ー—–−]"
    r"|[0-9０-９]{1,3}\s*[/／]\s*[0-9０-９]{1,3})$"
)


def _split_trailing(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
    """Pushed lines → (section headings, header-table lines, other lines)."""
    headings: list[Line] = []
    header: list[Line] = []
    other: list[Line] = []
    in_header = False
    for line in lines:
        if PAGE_FOOTER.match(line.text.strip()):
            continue
        if section_heading(line.text) is not None:
            headings.append(line)
            in_header = False
        elif is_header_field(line.text) or in_header:
            # Lines under a ■ field continue it (the attendee list wraps).
            header.append(line)
            in_header = True
        else:
            other.append(line)
    return headings, header, other


def _restore_page(page: _Page, header: list[Line]) -> list[Line]:
    headings, header_lines, other = _split_trailing(page.trailing)
    header.extend(header_lines)
    placed: dict[int, list[Line]] = {}
    if headings:
        gaps = sorted(_gaps(page), key=lambda g: (-g.score, g.position))[: len(headings)]
        gaps.sort(key=lambda g: g.position)
        for gap, heading in zip(gaps, headings, strict=False):
            heading.relocated = True
            placed.setdefault(gap.position, []).append(heading)
        other = headings[len(gaps) :] + other
    body: list[Line] = []
    for position, (_, line) in enumerate(page.lines):
        body.extend(placed.get(position, []))
        body.append(line)
    body.extend(placed.get(len(page.lines), []))
    # Pushed content we cannot place stays where extraction left it.
    body.extend(other)
    return body


# A page number standing alone: 「3」「Page 3」「P.3」「３頁」「3ページ」 (four digits are text).
_PAGE_NUMBER = re.compile(
    r"^(?:[0-9０-９]{1,3}|[pP](?:age|\.)?\s*[0-9]{1,3}|[0-9０-９]{1,3}\s*(?:頁|ページ))$"
)
_LEFT_NUMBER = re.compile(r"^\s*([0-9]{1,3})(?:\s+|(?![0-9.．)）])|$)")
# A page footer glued to the end of the last line of a page: 「…と考える。－ 1 －」.
_GLUED_FOOTER = re.compile(r"\s*[-－―‐—–−]\s*[0-9０-９]{1,3}\s*[-－―‐—–−]\s*$")


def _strip_left_numbers(raw_lines: list[str]) -> list[str] | None:
    """「1 第１回…」「5出席委員」: line numbers at the left, counting up (again from 1 on each
    page). None when most lines do not carry them."""
    out: list[str] = []
    expected = 1
    hits = nonempty = 0
    for raw in raw_lines:
        if not raw.strip():
            out.append(raw)
            continue
        nonempty += 1
        match = _LEFT_NUMBER.match(raw)
        number = int(match.group(1)) if match else None
        if number is not None and (number == expected or (number == 1 and expected > 2)):
            hits += 1
            expected = number + 1
            out.append(raw[match.end() :])
        elif number is not None and expected < number <= expected + 2:
            hits += 1
            expected = number + 1
            out.append(raw[match.end() :])
        else:
            out.append(raw)
    if hits < 3 or hits * 10 < nonempty * 7:
        return None
    return out


def clean_lines(lines: list[Line]) -> list[Line]:
    """Lines from any source without left line numbers typed into the text and page footers
    (standing alone or glued to a line's end)."""
    texts = [line.text for line in lines]
    stripped = _strip_left_numbers(texts)
    out: list[Line] = []
    for line, text in zip(lines, stripped or texts, strict=True):
        if line.blank:
            out.append(line)
            continue
        stripped = text.strip()
        furniture = PAGE_FOOTER.match(stripped) or _PAGE_NUMBER.match(stripped)
        text = "" if furniture else _GLUED_FOOTER.sub("", stripped)
        if text:
            out.append(Line(text, line.lineno, line.blank, line.relocated, line.indented))
    return out


def _running_heads(raw_lines: list[str]) -> set[int]:
    """The lines of a page's running head or foot in typed text: next to a page footer
    (「－２－」) and repeated word for word elsewhere in the document (「……運営委員会　会議録
    （令和６年１０月１５日）」 over or under the page number of every page)."""
    texts = [raw.strip() for raw in raw_lines]
    beside: list[int] = []  # the lines next to a page footer
    for i, text in enumerate(texts):
        if not PAGE_FOOTER.match(text):
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(texts) and not texts[j]:
                j += step
            if 0 <= j < len(texts) and not PAGE_FOOTER.match(texts[j]):
                beside.append(j)
    # Next to a footer twice at least, and no sentence nor turn: a head (「委員長：ほかにありま
    # すか。」 said twice at a page's end is no head).
    beside = [
        j
        for j in beside
        if not texts[j].endswith(("。", "」"))
        and not texts[j].startswith(("（", "(", "〔", "［", "【"))  # 「（異議なし）」
        and speaker_label(texts[j]) is None
    ]
    counts = Counter(texts[j] for j in set(beside))
    title = next((text for text in texts if text), "")
    return {j for j in beside if counts[texts[j]] >= 2 or _names_the_meeting(texts[j], title)}


# 「第３回運営委員会（令和元年７月９日）」: the meeting's name (and its day) as a running head.
_MEETING_HEAD = re.compile(
    r"^\S*第\s*(?P<n>[0-9０-９]{1,2})\s*回\s*\S*?"
    r"(?:会議|委員会|審議会|協議会|理事会|総会|部会|懇談会|会議録|議事録|要旨|概要)"
    r"(?:[（(][^（()）]{4,20}[）)])?$"
)
_TITLE_NUMBER = re.compile(r"第\s*(?P<n>[0-9０-９]{1,2})\s*回")


def _names_the_meeting(text: str, title: str) -> bool:
    """A head beside a page's number once only (a two-page document): the meeting's name as
    the title gives it, its 第N回 the title's."""
    head, numbered = _MEETING_HEAD.match(text.replace("　", "")), _TITLE_NUMBER.search(title)
    if head is None or numbered is None or text == title:
        return False
    digits = str.maketrans("０１２３４５６７８９", "0123456789")
    return int(head["n"].translate(digits)) == int(numbered["n"].translate(digits))


def _units(text: str) -> int:
    """Display width in half-width units: 「会議録」 6, 「12:00」 5."""
    return sum(1 if ord(char) < 0x80 or 0xFF61 <= ord(char) <= 0xFF9F else 2 for char in text)


@dataclass(frozen=True)
class _Wrap:
    """Where typed text was cut: lines of ``width`` (measured by ``measure``, give or take
    ``slack``) go on to the next line."""

    measure: object  # len or _units
    width: int
    slack: int

    def full(self, text: str) -> bool:
        return abs(self.measure(text) - self.width) <= self.slack  # type: ignore[operator]

    def reaches(self, line: Line) -> bool:
        return not line.blank and self.full(line.lead + line.text.strip())


def _hard_wrap(lines: list[Line]) -> _Wrap | None:
    """The width typed text was cut at, when it was: a narrow column (about 25 characters a line)
    or a vertical record set horizontally wraps every sentence, so many lines share the widest
    width (counted in characters, or in half-width units where half-width letters are narrower).
    None for text typed a paragraph a line, whose lines end where the paragraphs do."""
    texts = [
        line.lead + line.text.strip()
        for line in lines
        if not line.blank and line.text.strip() and _prose_like(line.text)
    ]
    if len(texts) < 8:
        return None
    found: list[tuple[int, _Wrap]] = []
    for measure, slack, least in ((len, 1, 18), (_units, 2, 36)):
        widths = Counter(measure(text) for text in texts)
        for width in sorted((w for w, n in widths.items() if n >= 3), reverse=True):
            if width < least:
                break
            wrap = _Wrap(measure, width, slack)
            full = sum(n for w, n in widths.items() if abs(w - width) <= slack)
            if full >= max(5, len(texts) // 5) and _wraps_on(lines, wrap):
                found.append((full, wrap))
                break
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _prose_like(text: str) -> bool:
    """A line that may have been cut at the page's width: no rule, no table drawn with box
    characters, no contents' leaders, no columns padded with spaces (「１番　青木　一郎君　　　２番
    ……」, 「町消防団長　　　　　小林　義男」 each as wide as the next)."""
    stripped = text.strip()
    return not (
        _RULE.match(stripped)
        or _LEADERS.search(stripped)
        or _BOX.search(stripped)
        # a key spaced to its width (「１　日　　時　　令和……」) is typed prose's header, a
        # column padded further on a table's row
        or any(len(gap[0]) > 2 or gap.start() > 12 for gap in _PADDING.finditer(stripped))
    )


_BOX = re.compile(r"[│┃├┤┌┐└┘┼─━|｜]")
_PADDING = re.compile(r"[ 　]*(?:　　|   )[ 　]*")
# A table of contents' leaders (「一般質問・・・・・・２」): its lines end alike, wrapping nothing.
_LEADERS = re.compile(r"[・･…‥.．]{4,}")
# A rule drawn with characters (「────」「＝＝＝」): as wide as the page, no text.
_RULE = re.compile(r"^[─━―‐－\-ー=＝＿_・…～〜◇◆☆★*＊\s]+$")


def _wraps_on(lines: list[Line], wrap: _Wrap) -> bool:
    """Whether most lines of that width go on under it (their sentence cut, the next line no
    start of its own): lines cut at the width, not a roster's rows of one width."""
    full = going_on = 0
    for line, following in itertools.pairwise(lines):
        text = line.text.strip()
        if not wrap.reaches(line) or not _prose_like(text):
            continue
        full += 1
        if (
            not following.blank
            and not text.endswith(_LINE_ENDED)
            and not _starts_anew(following.text, text)
        ):
            going_on += 1
    return going_on >= 4 and going_on * 5 >= full * 3


# A typed line ends so when its sentence or its bracket ends: the next line starts anew.
_LINE_ENDED = ("。", "」", "』", "）", ")", "】", "〕", "］", "！", "？", "!", "?")
# A line starting so starts something of its own: a mark, a bracket, a numbered point.
_LINE_STARTS = "（(〔［[【「『○◯〇◎●◆◇■□・※→⇒＜<〈《★☆▼▽①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


_LISTING = ("、", "，", ",")
_CLOSERS = "。、，．）)」』】〕］"
_REMARKS = re.compile(r"(?:[（(][^（）()。]{1,12}[）)])+")
_NUMBERED_START = re.compile(r"^[^\s0-9０-９、。]{0,4}[0-9０-９]{1,3}(?:番|号)?[ 　]")
# 「議長　会長　高村　昭」: a header's key, then a space and what it says (a word cut at the edge,
# 「防」 over 「災係長　黒田」 or 「同課」 over 「主任　野村」, is none).
_KEYED_START = re.compile(r"^(?P<key>[^\s、。，,．.]{1,8})[ 　]+\S")
_KEY_WORDS = frozenset(
    (*HEADER_KEYS, "議長", "副議長", "司会", "記録", "書記", "署名人", "議事録署名人", "出席")
)


# 「……会議録」 over 「（要旨）」, 「……計画（案」 over 「）に対する……」: the bracket of a title or a
# name cut at the edge, not a stage direction.
_CUT_BRACKET = re.compile(
    r"^[（(](?:要旨|[^（）()\s]{0,4}案|概要|要点筆記|要点記録|速報|確定稿|未定稿|抄|写し?|報告|諮問|"
    r"答申|承認|審議|協議|継続審査|第[0-9０-９一二三四五六七八九十]{1,3}号)[）)]"
)


def _starts_anew(text: str, after: str = "") -> bool:
    """Whether ``text`` starts something of its own under ``after``, the line above it (a key
    after a comma is the list going on: 「北川、同課」 over 「主任　野村」)."""
    stripped = text.strip()
    if stripped[:1] in _CLOSERS:
        return False  # 「。」「）に対する……」 pushed to the next line: the line above goes on
    if _CUT_BRACKET.match(stripped) or (_heading_line(after) and _REMARKS.fullmatch(stripped)):
        return (
            False  # 「議案第２号　……について」 over 「（駅北地区）（市決定）」: the title goes on
        )
    keyed = _KEYED_START.match(stripped)
    return (
        (keyed is not None and keyed["key"] in _KEY_WORDS and not after.endswith(_LISTING))
        # under a heading cut at the edge its title goes on, a sentence is what it heads
        or (_heading_line(after) and stripped.endswith("。"))
        # 「３番　上野……」「資料２　……」: the next seat, the next numbered thing of a list
        or bool(_NUMBERED_START.match(stripped))
        or stripped[:1] in _LINE_STARTS
        or speaker_label(stripped) is not None
        or item_heading(stripped) is not None
        or section_heading(stripped) is not None
        or header_field(stripped) is not None
        or closing_line(stripped) is not None
        or bool(PAGE_FOOTER.match(stripped))
    )


def _heading_line(text: str) -> bool:
    return item_heading(text) is not None or section_heading(text) is not None


def join_hard_wraps(lines: list[Line]) -> list[Line]:
    """Typed text cut at a fixed width (``_hard_wrap``): each line that reaches the width goes on
    with the line under it, unless its sentence ended there or the next line starts something
    of its own (a turn, a heading, a point of a list, a field, a mark, a paragraph indented).
    「・夏祭りは……実施することで合」 over 「意した。」 is one point; 「○委員長　……」 under a full
    line is the next turn."""
    wrap = _hard_wrap(lines)
    if wrap is None:
        return lines
    out: list[Line] = []
    last_full = False  # the last printed line (not the joined one) reached the width
    for line in lines:
        text = line.text.strip()
        previous = out[-1] if out else None
        if (
            last_full
            and previous is not None
            and not previous.blank
            and not line.blank
            # an indented line under a heading is its first paragraph (under a sentence cut short
            # it is the sentence going on, cut at a space: 「大塚」 over 「　守君」)
            and not (line.indented and _heading_line(previous.text))
            and not previous.text.rstrip().endswith(_LINE_ENDED)
            and _prose_like(previous.text)
            and _prose_like(text)
            and not _starts_anew(text, previous.text.rstrip())
        ):
            if previous.spaced_end or line.text[:1].isspace() or line.indented:
                space = "　"  # the line was cut at a space
            elif previous.text[-1:].isascii() and text[:1].isascii():
                space = " "
            else:
                space = ""
            out[-1] = Line(
                previous.text.rstrip() + space + text,
                previous.lineno,
                relocated=previous.relocated,
                indented=previous.indented,
                spaced_end=line.spaced_end,
            )
        else:
            out.append(line)
        last_full = wrap.reaches(line)
    return out


def layout_lines(text: str) -> Layout:
    raw_lines = [clean_line(raw) for raw in text.splitlines()]
    before, pages, numbered = _paginate(raw_lines)
    nonempty = sum(1 for raw in raw_lines if raw.strip())
    if numbered < 3 or numbered * 2 < nonempty:
        # Typed or rendered text: no page-line numbers at the right to remove; maybe at the left.
        stripped = _strip_left_numbers(raw_lines)
        if stripped is not None:
            raw_lines = stripped
        lines = []
        heads = _running_heads(raw_lines)
        for i, raw in enumerate(raw_lines):
            text_line = raw.strip()
            if i in heads:
                continue
            if not text_line:
                # A blank line between paragraphs (one, however many the typist left).
                if lines and not lines[-1].blank:
                    lines.append(Line("", i + 1, blank=True))
                continue
            if PAGE_FOOTER.match(text_line):
                continue
            text_line = _GLUED_FOOTER.sub("", text_line)
            if text_line:
                lines.append(
                    Line(
                        text_line,
                        i + 1,
                        indented=raw[:1] == "　",
                        spaced_end=raw[-1:] in (" ", "　"),
                        lead=raw[: len(raw) - len(raw.lstrip())],
                    )
                )
        return Layout(join_hard_wraps(lines), [], numbered=False)
    header: list[Line] = []
    body = list(before)
    for page in pages:
        body.extend(_restore_page(page, header))
    return Layout(body, header, numbered=True)
