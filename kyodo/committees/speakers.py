"""Who a speaker label names: 「委員長」, 「熊田委員」, 「渡邉 葵委員」, 「𠮷岡　繫さん」.

A label is matched against the committee's members serving on the meeting day only, and only
when exactly one of them fits: a wrong link would put words in someone's mouth, a missing one
only costs a warning. Members are stored as typed at data entry, with the surname alone
(「熊田」) or the full name with a half- or full-width space (「齋藤 凜」, 「𠮷岡　繫」); the label
may name them either way, with or without the space, followed by a title (委員, 委員長, 会長, 氏,
さん…). Two members with the same surname are told apart by the full name only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kyodo.core.text import match_key

# Titles that may follow a name, longest first so that 「副委員長」 is not read as 「副」+「委員長」.
# In match_key form (katakana folded to hiragana): 「さん」, 「くん」.
TITLES = (
    "副委員長",
    "委員長",
    "副会長",
    "会長",
    "副議長",
    "議長",
    "委員",
    "先生",
    "さん",
    "くん",
    "氏",
    "様",
    "君",
)
# A label that is a role alone names whoever held it that day.
ROLE_LABELS = {"委員長": "chair", "会長": "chair", "副委員長": "vice_chair", "副会長": "vice_chair"}

_SPACE_RE = re.compile(r"[\s\u3000]+")


# Full-width Latin letters and digits (「委員Ａ」「委員１」): the only characters a label keeps as
# typed where the reader of the house format folds it (NFKC: 「委員A」).
_FULL_WIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")


def _typed_at(label: str, line: str) -> str | None:
    """``label`` as ``line`` typed it when the line starts (after at most two marks such as
    「○」「【」) with the label in any width: 「委員Ａ：……」 gives 「委員Ａ」 for 「委員A」, and
    「委員A：……」 「委員A」. Of what the reader folded, only full-width letters and digits come
    back. None when the line does not start with the label."""
    squashed = _SPACE_RE.sub("", line)
    for start in range(3):
        typed = squashed[start : start + len(label)]
        if len(typed) != len(label):
            return None
        if all(
            t == c or unicodedata.normalize("NFKC", t) == c
            for t, c in zip(typed, label, strict=True)
        ):
            return "".join(
                t if _FULL_WIDTH_ALNUM.fullmatch(t) else c
                for t, c in zip(typed, label, strict=True)
            )
    return None


def typed_labels(entries, text: str) -> list:
    """``entries`` (parsed from ``text``, whose reader folds full-width letters: 「委員A」) with
    each statement's label as ``text`` typed it, where it was typed in full-width letters or
    digits (「委員Ａ」「委員Ｂ」): a body may publish its labels so. Matching a label to a member
    and searching fold both the same (``match_key``); only what is stored and printed keeps the
    letters as typed. The labels are looked for in the lines in order, each statement's on the
    first line after the previous one's that starts with it. Changed in place and returned."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    at = 0
    for entry in entries:
        speaker = entry.speaker or ""
        if entry.kind != "statement" or not re.search(r"[0-9A-Za-z]", speaker):
            continue
        for index in range(at, len(lines)):
            typed = _typed_at(speaker, lines[index])
            if typed is not None:
                entry.speaker, at = typed, index + 1
                break
    return entries


def display_name(name: str) -> str:
    """A member's name as the minutes print it: surname and given name apart by one full-width
    space whatever was typed (「齋藤 凜」 → 「齋藤　凜」); a surname alone as it is."""
    return "\u3000".join(_SPACE_RE.split(name.strip())) if name.strip() else ""


def _surname_key(name: str) -> str | None:
    """The surname's key when the stored name has a given name after a space, else None."""
    parts = _SPACE_RE.split(name.strip())
    return match_key(parts[0]) if len(parts) > 1 else None


def strip_title(label: str) -> tuple[str, str]:
    """(name, title) of a label in match_key form: 「熊田委員長」 → (「熊田」, 「委員長」)."""
    for title in TITLES:
        if label.endswith(title) and len(label) > len(title):
            return label.removesuffix(title), title
    return label, ""


@dataclass(frozen=True)
class SpeakerMatch:
    """The member a label names (None when none or several fit) and, when several members share
    the surname the label gives, those members (for the warning)."""

    member: object | None = None
    ambiguous: tuple = field(default_factory=tuple)


def match_speaker(speaker: str, seats) -> SpeakerMatch:
    """The member of ``seats`` (the meeting day's memberships) that ``speaker`` names."""
    key = match_key(speaker or "")
    if not key:
        return SpeakerMatch()
    if key in ROLE_LABELS:
        seat = next((s for s in seats if s.role == ROLE_LABELS[key]), None)
        return SpeakerMatch(member=seat.member if seat else None)
    members = list({s.member.pk: s.member for s in seats}.values())
    # The whole label first: a name that happens to end like a title (rare) still matches.
    whole = [m for m in members if match_key(m.name) == key]
    if len(whole) == 1:
        return SpeakerMatch(member=whole[0])
    name = strip_title(key)[0]
    fits = [m for m in members if name in (match_key(m.name), _surname_key(m.name))]
    if len(fits) == 1:
        return SpeakerMatch(member=fits[0])
    return SpeakerMatch(ambiguous=tuple(fits) if len(fits) > 1 else ())


def member_for(meeting, speaker: str, seats: list | None = None):
    """The member a speaker label names, or None (none or several fit): what the minutes store
    as the entry's ``member``. ``seats`` (the meeting day's memberships) saves reading them again
    for every entry."""
    if seats is None:
        from kyodo.committees.selectors import memberships_on

        seats = list(memberships_on(committee=meeting.committee, on=meeting.date))
    return match_speaker(speaker, seats).member


# How a mail addresses a member by the seat they hold on the meeting day.
SEAT_TITLES = {"chair": "委員長", "vice_chair": "副委員長"}


def salutation(seat) -> str:
    """A member as a notice addresses them, with the title of their seat that day:
    「齋藤 凜委員長」, 「有賀副委員長」, 「田辺委員」 (the name as typed at data entry)."""
    return f"{seat.member.name}{SEAT_TITLES.get(seat.role, '委員')}"
