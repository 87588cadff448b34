"""Render :class:`Minutes` back to text in the house format.

The output is what ``parse_minutes`` reads: ``parse_minutes(render_minutes(m))
== m`` for every well-formed ``m`` (see the round-trip tests).
"""

from __future__ import annotations

from collections.abc import Iterable

from . import _header, _wareki
from ._syntax import CONTAINER_CATEGORIES, OPENING_ITEM
from .model import Entry, Minutes, Secretariat, Section

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _fw(number: int) -> str:
    return str(number).translate(_FULLWIDTH)


def _clock(hour: int, minute: int, with_ampm: bool) -> str:
    ampm = "午前" if hour < 12 else "午後"
    shown = hour if hour < 12 else hour - 12
    text = f"{shown}時" + (f"{minute}分" if minute else "")
    return (ampm if with_ampm else "") + text


def _when(m: Minutes) -> str | None:
    parts: list[str] = []
    if m.date is not None:
        parts.append(_wareki.format_date(m.date))
    if m.start_time is not None:
        start = m.start_time
        times = _clock(start.hour, start.minute, True)
        if m.end_time is not None:
            end = m.end_time
            # 「午後７時～９時」: repeat 午前/午後 only when it changes.
            same = (start.hour < 12) == (end.hour < 12) and end >= start
            times += "～" + _clock(end.hour, end.minute, not same)
        parts.append(times)
    return " ".join(parts) if parts else None


def _staff(member: Secretariat) -> str:
    joined = f"{member.name}{member.title}"
    if _header.split_staff(joined) == (member.name, member.title):
        return joined
    return f"{member.name}（{member.title}）" if member.title else member.name


def _people(
    names: list[str], count: int | None, suffix: str, roles: dict[str, str] | None = None
) -> str:
    # With the posts the header printed (imported minutes: 「山田花子理事長」, 「佐藤次郎」 with
    # none), else every name a 委員 as the house prints its members.
    text = "、".join(
        f"{name}{roles.get(name, '')}" if roles else f"{name}{suffix}" for name in names
    )
    if count is not None:
        text += f"＜以上{count}名、五十音順＞"
    return text


def _header_lines(m: Minutes) -> list[str]:
    lines = [m.organization] if m.organization else []
    lines.append(f"{m.title}({m.status})" if m.status else m.title)
    when = _when(m)
    if when:
        lines.append(f"■開催日時：{when}")
    if m.venue:
        lines.append(f"■開催会場：{m.venue}")
    if m.attendees or m.attendee_count is not None:
        lines.append(f"■出席委員：{_people(m.attendees, m.attendee_count, '委員', m.roles)}")
    if m.online:
        lines.append(f"■オンライン出席：{_people(m.online, None, '委員', m.roles)}")
    if m.absentees:
        lines.append(f"■欠席委員：{_people(m.absentees, None, '委員', m.roles)}")
    if m.secretariat:
        lines.append("■事務局：" + "、".join(_staff(s) for s in m.secretariat))
    if m.observers:
        lines.append("■傍聴者：" + "、".join(m.observers))
    return lines


def render_entry(entry: Entry) -> str:
    if entry.kind == "note":
        return f"○{entry.text}"
    return f"{entry.speaker}：{entry.text}"


def render_entries(entries: Iterable[Entry]) -> str:
    """One entry per line: 「委員長：……」 or 「○……」."""
    return "".join(render_entry(e) + "\n" for e in entries)


def _section_lines(section: Section) -> list[str]:
    lines = [""]
    if section.category:
        lines.append(f"{_fw(section.number)}．{section.category}")
    # Under 「議題」 the items are numbered （１）, so that 「３．その他」 after them reads back as a
    # section of its own and 「（３）その他」 as an item.
    container = section.category in CONTAINER_CATEGORIES
    previous = None
    for index, item in enumerate(section.items):
        opening = (
            index == 0
            and not section.number
            and not section.category
            and (item.number, item.title) == (0, OPENING_ITEM)
        )
        if item.title and not opening:  # the opening's lines stand before the first heading
            number = f"（{_fw(item.number)}）" if container else f"{_fw(item.number)}．"
            if not container and previous is not None and item.number != previous + 1:
                # 「７　次回の予定」 after items １．２．: a heading of the outer numbering, which
                # reads back as such in another style (「（７）」), not as a wrapped 「７．」.
                number = f"（{_fw(item.number)}）"
            lines.append(f"{number}{item.title}")
        previous = item.number
        lines.extend(render_entry(e) for e in item.entries)
    return lines


def render_body(m: Minutes) -> str:
    """The agenda part only (sections, items, entries and closing), no header.

    ``parse_minutes`` reads it back once a title line is put in front of it: the import's
    review screen lets staff edit this text beside separate header fields.
    """
    lines: list[str] = []
    for section in m.sections:
        lines.extend(_section_lines(section))
    if m.closing:
        lines += ["", m.closing]
    return "\n".join(lines).strip("\n") + "\n"


def render_minutes(m: Minutes) -> str:
    """The whole minutes in the house format, header first."""
    lines = _header_lines(m)
    for section in m.sections:
        lines.extend(_section_lines(section))
    if m.closing:
        lines += ["", m.closing]
    return "\n".join(lines) + "\n"
