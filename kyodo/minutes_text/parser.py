"""Parse Japanese committee minutes (会議録) text into a :class:`Minutes`.

``parse_minutes`` takes whole documents, typically text extracted from a PDF;
``parse_entries`` takes the speaker turns of one agenda item as staff type or
paste them in the house format.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from . import _header
from ._layout import Layout, Line, layout_lines
from ._syntax import (
    CONTAINER_CATEGORIES,
    closing_line,
    decision_line,
    item_heading,
    nfkc,
    note_text,
    section_heading,
    speaker_label,
)
from .model import Entry, Item, Minutes, Secretariat, Section


class MinutesParseError(ValueError):
    """The text is not minutes we can read; the message is in Japanese."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"{message}（{line}行目）" if line else message)


# ------------------------------------------------------------ entries


# In Japanese fonts everything but ASCII and half-width katakana is wide.
_WIDE = re.compile(r"[^\x00-\x7f\uff61-\uff9f]")


def _display_width(text: str) -> int:
    return len(text) + len(_WIDE.findall(text))


@dataclass
class _EntryReader:
    """Turns lines into entries; continuation lines join the previous entry."""

    # In PDF text a line that fills the page width wraps on to the next one;
    # only after a shorter line (or 。) can a heading or a bare decision start.
    full_width: int = 0
    entries: list[Entry] = field(default_factory=list)
    current: Entry | None = None
    boundary: bool = True
    last_full: bool = False  # the last line filled the page width

    def after_line(self, text: str) -> None:
        self.boundary = self.short(text) or text.rstrip().endswith("。")
        self.last_full = bool(self.full_width) and (
            _display_width(text.strip()) >= self.full_width * 0.95
        )

    def short(self, text: str) -> bool:
        return not self.full_width or _display_width(text.strip()) < self.full_width * 0.85

    def break_paragraph(self) -> None:
        self.boundary = True
        self.last_full = False

    def close(self) -> None:
        self.current = None
        self.boundary = True
        self.last_full = False

    def feed(self, text: str) -> Entry | None:
        """Add one line; returns the entry it started, if any."""
        label = speaker_label(text)
        if label is not None:
            return self._start(Entry("statement", label.text, label.speaker), text)
        note = note_text(text)
        if note is not None:
            return self._start(Entry("note", note), text)
        if self.current is None or (self.boundary and decision_line(text)):
            # Prose with no label of its own (or a bare decision) is narrative.
            return self._start(Entry("note", text.strip()), text)
        self.current.text += text.strip()
        self.after_line(text)
        return None

    def _start(self, entry: Entry, text: str) -> Entry:
        self.entries.append(entry)
        self.current = entry
        self.after_line(text)
        return entry


def parse_entries(text: str) -> list[Entry]:
    """Entries of ONE agenda item typed in the house format.

    「委員長：……」「事務局：……」「委 員：……」 start statements, 「○……」 starts a
    note, and any other line continues the entry above it.
    """
    reader = _EntryReader()
    for raw in text.splitlines():
        if raw.strip():
            reader.feed(raw)
    return reader.entries


# ------------------------------------------------------------ documents


@dataclass
class _Prelude:
    organization: str | None = None
    title_line: Line | None = None
    fields: list[tuple[str, list[str], int]] = field(default_factory=list)


def _is_body_start(text: str) -> bool:
    return (
        section_heading(text) is not None
        or item_heading(text) is not None
        or speaker_label(text) is not None
        or note_text(text) is not None
    )


def _read_fields(lines: list[Line], prelude: _Prelude) -> None:
    """Header-table lines: ■ fields and the lines that continue them."""
    for line in lines:
        found = _header.header_field(line.text)
        if found is not None:
            prelude.fields.append((found.name, [found.value], line.lineno))
        elif prelude.fields:
            prelude.fields[-1][1].append(line.text.strip())


def _org_like(prelude: _Prelude, text: str) -> bool:
    # After the title only a short name may follow, not an opening sentence.
    return prelude.title_line is None or (
        len(text.strip()) <= 40 and not text.rstrip().endswith("。")
    )


def _read_prelude(lines: list[Line], prelude: _Prelude) -> int:
    """Organization, title and header fields; returns where the body starts."""
    in_field = seen_field = False
    for index, line in enumerate(lines):
        text = line.text
        if line.blank:
            continue
        found = _header.header_field(text)
        if found is not None:
            prelude.fields.append((found.name, [found.value], line.lineno))
            in_field = seen_field = True
        elif prelude.title_line is None and _header.is_title(text):
            prelude.title_line = line
            in_field = False
        elif _is_body_start(text) or line.relocated:
            return index
        elif in_field:
            prelude.fields[-1][1].append(text.strip())
        elif prelude.organization is None and not seen_field and _org_like(prelude, text):
            # The organization line usually precedes the title, sometimes follows it.
            prelude.organization = nfkc(text).strip()
        else:
            return index
    return len(lines)


@dataclass
class _Body:
    numbered: bool
    reader: _EntryReader
    sections: list[Section] = field(default_factory=list)
    closing: str | None = None
    open_title: Item | None = None  # the item whose title may wrap on
    title_full: bool = False  # whether that title filled its line

    def section(self) -> Section:
        if not self.sections:
            # Items before any category heading: an unnamed section 0.
            self.sections.append(Section(0, ""))
        return self.sections[-1]

    def item(self) -> Item:
        section = self.section()
        if not section.items:
            # Entries straight under a heading: an unnamed item 0.
            section.items.append(Item(0, ""))
        return section.items[-1]

    def feed(self, line: Line) -> None:
        text = line.text
        if line.blank:
            self.reader.break_paragraph()
            self.open_title = None
            return
        if self.open_title is not None and self._continue_title(text):
            return
        boundary = line.relocated or self.reader.boundary or not self.numbered
        if self._heading(text, boundary):
            self.reader.close()
            return
        closing = closing_line(text) if boundary else None
        if closing is not None:
            self.closing = closing
            self.reader.close()
            return
        started = self.reader.feed(text)
        if started is not None:
            self.item().entries.append(started)

    def _heading(self, text: str, boundary: bool) -> bool:
        # In PDF text a heading starts after the end of a paragraph, or is at
        # least a short line that is not a sentence; otherwise 「（２）…」 is
        # a wrapped part of a statement.
        title_like = boundary or (
            not text.rstrip().endswith("。")
            and (self.reader.short(text) or not self.reader.last_full)
        )
        heading = section_heading(text)
        current = self.sections[-1] if self.sections else None
        numbered_heading = heading is not None and heading.number is not None
        if (
            heading is not None
            and (boundary or (numbered_heading and title_like))
            and not self._container_item(current, heading.text)
        ):
            number = heading.number if heading.number is not None else len(self.sections) + 1
            self.sections.append(Section(number, heading.text))
            return True
        item = item_heading(text)
        if item is None or not title_like:
            return False
        section = self.section()
        explicit = [i for i in section.items if i.number > 0]
        if explicit and item.number != explicit[-1].number + 1:
            return False  # 「（２）…」 inside a sentence, not the next item
        section.items.append(Item(item.number, item.text))
        if self.numbered:
            self.open_title = section.items[-1]
            self.title_full = not self.reader.short(text)
        return True

    def _continue_title(self, text: str) -> bool:
        """A long item title wraps on to the next line: join it.

        The next line continues the title when the title filled its line, or
        when it is a short fragment that is no sentence (narrative under a
        heading ends with 。).
        """
        item, self.open_title = self.open_title, None
        if item is None or _is_body_start(text) or closing_line(text) is not None:
            return False
        fragment = self.reader.short(text) and not text.rstrip().endswith("。")
        if not (self.title_full or fragment):
            return False
        item.title += nfkc(text).strip()
        return True

    @staticmethod
    def _container_item(section: Section | None, category: str) -> bool:
        # Under 「議題」, 「（３）その他」 is an item, not a new section.
        return (
            section is not None
            and section.category in CONTAINER_CATEGORIES
            and bool(section.items)
            and category not in CONTAINER_CATEGORIES
        )


def _typical_width(lines: list[Line]) -> int:
    """The page width in PDF text: the usual width of lines that wrap on.

    A line followed by one that starts nothing (no label, heading or ○) was
    wrapped, so it is a full line.  0 when nothing wraps.
    """
    wrapped = sorted(
        _display_width(line.text)
        for line, following in itertools.pairwise(lines)
        if not (line.blank or following.blank or following.relocated)
        and not _is_body_start(following.text)
        and closing_line(following.text) is None
    )
    return wrapped[len(wrapped) // 2] if wrapped else 0


# Control, surrogate and private-use characters: binary data, not minutes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise MinutesParseError("会議録の本文は文字列で渡してください")
    if not text.strip():
        raise MinutesParseError("会議録の本文が空です")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls * 20 > len(text):
        raise MinutesParseError("テキストではないデータのようです（制御文字が含まれています）")


def parse_minutes(text: str) -> Minutes:
    """Parse a whole set of minutes; raises MinutesParseError if it is not one."""
    _check_text(text)
    return parse_layout(layout_lines(text))


def parse_layout(layout: Layout) -> Minutes:
    """Parse minutes whose lines are already in reading order.

    ``layout_lines`` builds the layout from extracted text (guessing where the
    page-line numbers and boxed headings were); ``pdf.read_pdf`` builds it
    from the positions on the PDF pages, where nothing needs guessing.
    """
    prelude = _Prelude()
    _read_fields(layout.header, prelude)
    start = _read_prelude(layout.body, prelude)
    if prelude.title_line is None:
        raise MinutesParseError("会議録の表題（「…会議録」などの行）が見つかりません")
    width = _typical_width(layout.body[start:]) if layout.numbered else 0
    body = _Body(layout.numbered, _EntryReader(full_width=width))
    for line in layout.body[start:]:
        body.feed(line)
    if not any(_has_heading(section) for section in body.sections):
        raise MinutesParseError(
            "議題が見つかりません（「１．報告事項」や「１．……について」の行がありません）"
        )
    minutes = Minutes(
        sections=body.sections, closing=body.closing, organization=prelude.organization
    )
    _apply_title(minutes, prelude.title_line)
    for name, values, lineno in prelude.fields:
        _apply_field(minutes, name, "".join(values), lineno)
    return minutes


def _has_heading(section: Section) -> bool:
    # Minutes have at least one agenda heading; labelled lines alone are not.
    return bool(section.category) or any(item.number > 0 for item in section.items)


def _apply_title(minutes: Minutes, line: Line) -> None:
    try:
        title = _header.parse_title(line.text)
    except (ValueError, KeyError) as error:
        raise MinutesParseError(
            f"表題の年度を読み取れません：{line.text.strip()}", line.lineno
        ) from error
    minutes.title = title.title
    minutes.status = title.status
    minutes.fiscal_year = title.fiscal_year
    minutes.meeting_number = title.meeting_number


def _apply_field(minutes: Minutes, name: str, value: str, lineno: int) -> None:
    value = value.strip()
    if name == "date":
        try:
            minutes.date, minutes.start_time, minutes.end_time = _header.parse_when(value)
        except (ValueError, KeyError) as error:
            raise MinutesParseError(f"開催日時を読み取れません：{value}", lineno) from error
    elif name == "venue":
        minutes.venue = nfkc(value).strip() or None
    elif name == "attendees":
        minutes.attendees, minutes.attendee_count = _header.split_people(value)
    elif name == "online":
        minutes.online = _header.split_people(value)[0]
    elif name == "absentees":
        minutes.absentees = _header.split_people(value)[0]
    elif name == "observers":
        names, count = _header.split_people(value)
        minutes.observers = names or ([f"{count}名"] if count else [])
    elif name == "secretariat":
        minutes.secretariat = [
            Secretariat(*_header.split_staff(part)) for part in _split_list(value)
        ]


def _split_list(value: str) -> list[str]:
    """「西口センター長、丸木地域福祉課長」 or 「西口センター長　丸木地域福祉課長」."""
    parts = value.replace("，", "、").replace(",", "、").split("、")
    if len(parts) == 1 and len(value.split()) > 1:
        tokens = value.split()
        # Only split on spaces when every piece carries its own title, so
        # that 「松本 コーディネーター」 stays one person.
        if all(_header.split_staff(token)[1] for token in tokens):
            parts = tokens
    return [part.strip() for part in parts if part.strip()]
