"""The minutes as a document (``kyodo.minutes_text.Minutes``): built from rows while they are a
draft, read from their frozen version once confirmed.

Everything that shows or exports minutes starts from :func:`minutes_document`: for confirmed
minutes (確定稿) it reads the current :class:`~kyodo.committees.models.MinutesVersion` and never the
rows, whose names, titles and settings can still change; for drafts it builds the document from the
meeting's rows (:func:`build_document`). Confirming freezes exactly what :func:`build_document`
gives on that day.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Literal

from kyodo.committees.models import (
    RECORD_TITLES,
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    SpeakerLabels,
)
from kyodo.committees.selectors import agenda_sections
from kyodo.committees.speakers import display_name
from kyodo.core.text import sort_by_reading
from kyodo.core.wareki import fiscal_year_label, format_wareki
from kyodo.minutes_text import Appendix, Entry, Item, Secretariat, Section
from kyodo.minutes_text import Decision as DocumentDecision
from kyodo.minutes_text import Minutes as Document

CLOSING = "以上をもって散会した。"

# The key of an item's 依頼事項 in a frozen document (only where the item has some: versions
# frozen before they were printed have none, and stay as they are).
REQUESTS = "requests"

# The key of how a meeting was held, in a frozen document of a meeting held in writing (only
# there: every other version stays as it was, hash and all), and the value it prints.
METHOD = "method"
IN_WRITING = "書面開催"


@dataclass(frozen=True)
class ItemRequest:
    """A request the committee made on an item (``ActionItem``), as the minutes print it."""

    text: str
    assignee: str
    due: date | None = None

    def to_dict(self) -> dict[str, str]:
        data = {"text": self.text, "assignee": self.assignee}
        if self.due is not None:
            data["due"] = self.due.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ItemRequest:
        due = data.get("due")
        return cls(
            text=data.get("text", ""),
            assignee=data.get("assignee", ""),
            due=date.fromisoformat(due) if due else None,
        )

    @property
    def line(self) -> str:
        """「【依頼事項】資料を次回までに用意する　担当：事務局　期限：令和9年3月31日(水)」."""
        line = f"【依頼事項】{self.text}　担当：{self.assignee}"
        if self.due is not None:
            line += f"　期限：{format_wareki(self.due)}"
        return line


def item_requests(item: Item) -> list[ItemRequest]:
    """The 依頼事項 printed under ``item`` (none for imported minutes and older versions)."""
    return list(getattr(item, REQUESTS, None) or [])


@dataclass
class HouseDocument(Document):
    """The minutes document of this house: a :class:`kyodo.minutes_text.Minutes` whose items may
    carry their 依頼事項 (``item.requests``), which :meth:`to_dict` writes (and so freezes and
    hashes) under each item that has some; :func:`version_document` reads them back. ``method``
    is how the meeting was held when it was not in a room: 「書面開催」 (frozen only then)."""

    method: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        if self.method:
            data[METHOD] = self.method
        if self.roles:
            # Imported minutes: the posts their header printed (理事長, 監事), frozen with them.
            data["roles"] = dict(self.roles)
        for section, frozen in zip(self.sections, data.get("sections", []), strict=False):
            for item, frozen_item in zip(section.items, frozen.get("items", []), strict=False):
                if requests := item_requests(item):
                    frozen_item[REQUESTS] = [r.to_dict() for r in requests]
        return data

    @classmethod
    def of(cls, document: Document, data: dict[str, Any] | None = None) -> HouseDocument:
        """``document`` as a HouseDocument; its items' 依頼事項 read from ``data`` (its dict)."""
        house = cls(**{f.name: getattr(document, f.name) for f in fields(document)})
        house.method = (data or {}).get(METHOD) or getattr(document, "method", "") or ""
        house.roles = dict((data or {}).get("roles") or getattr(document, "roles", None) or {})
        for section, frozen in zip(house.sections, (data or {}).get("sections", []), strict=False):
            for item, frozen_item in zip(section.items, frozen.get("items", []), strict=False):
                if frozen_item.get(REQUESTS):
                    item.requests = [ItemRequest.from_dict(r) for r in frozen_item[REQUESTS]]
        return house


Labels = Literal["committee", "stored"]

# How the house format states a decision that no entry of the item states (the seed writes
# 「○満場一致で次期担当理事候補を熊田委員長にお願いすることになった。」). Japanese whatever the
# interface language, as the section headings are.
_OUTCOME_JA = {
    Decision.Outcome.APPROVED: "承認した。",
    Decision.Outcome.ACKNOWLEDGED: "了承した。",
    Decision.Outcome.REJECTED: "否決した。",
    Decision.Outcome.DEFERRED: "次回に継続して審議することとした。",
}
_METHOD_JA = {Decision.Method.UNANIMOUS: "満場一致で"}


def decision_sentence(decision: Decision) -> str:
    """The ○ line of a decision: its own text, else the outcome in the house format's words
    (「満場一致で承認した。」, 「賛成8、反対3、棄権1の賛成多数で承認した。」); "" for a report."""
    if decision.text.strip():
        return decision.text.strip()
    if decision.outcome == Decision.Outcome.REPORT_ONLY:
        return ""
    how = _METHOD_JA.get(decision.method, "")
    if decision.method == Decision.Method.MAJORITY:
        votes = f"賛成{decision.votes_for}、反対{decision.votes_against}"
        if decision.abstentions:
            votes += f"、棄権{decision.abstentions}"
        how = f"{votes}の" + ("賛成多数で" if decision.outcome != Decision.Outcome.REJECTED else "")
    return how + _OUTCOME_JA[Decision.Outcome(decision.outcome)]


def minutes_title(meeting: Meeting) -> str:
    """「平成22(2010)年度第9回運営委員会会議録」, or 「…議事要旨」 for a body that keeps summary
    minutes (``Committee.record_kind``). Built from the rows: confirmed minutes print the title
    they were frozen with (:func:`minutes_document`), whatever the body keeps today."""
    return (
        f"{fiscal_year_label(meeting.fiscal_year)}第{meeting.number}回"
        f"{meeting.committee.name}{meeting.committee.record_title}"
    )


def in_writing(document: Document) -> bool:
    """Whether ``document`` is of a meeting held in writing (書面開催)."""
    return getattr(document, "method", "") == IN_WRITING


# Roles a statement's label may end with, the longer first (副委員長 before 委員長).
_ROLES_TYPED = ("副委員長", "委員長", "副会長", "会長", "委員")


def speaker_label(entry: MinutesEntry, *, by_name: bool, by_role: bool = False) -> str:
    """The label printed before a statement: the stored one, or the member's name if asked;
    ``by_role`` (published minutes of a committee that prints roles): a label typed with the
    member's name (「𠮷岡委員」「熊田委員長」) prints the role only (「委員」「委員長」), so that the
    setting holds however the line was typed."""
    member = entry.member if entry.member_id else None
    if by_name and member is not None:
        # The role as typed, alone or after the name (「委員長」「熊田委員長」), else 委員.
        typed = "".join(entry.speaker.split())
        suffix = next((role for role in _ROLES_TYPED if typed.endswith(role)), "委員")
        return f"{display_name(member.name)}{suffix}"
    if by_role and member is not None:
        typed = "".join(entry.speaker.split())
        for name in {"".join(member.name.split()), "".join(member.name.split()[:1])}:
            role = typed.removeprefix(name)
            if name and role != typed and role in ("委員長", "副委員長", "委員"):
                return role
        return entry.speaker
    if member is not None and len(display_name(member.name).split("\u3000")) > 1:
        # A full name typed with a space is stored without it (「渡邉葵委員」): print it in the
        # house style of full names, as the attendee list does (「渡邉　葵委員」).
        typed = "".join(member.name.split())
        if entry.speaker.startswith(typed):
            return display_name(member.name) + entry.speaker.removeprefix(typed)
    return entry.speaker


# --- drafts: from the rows ---------------------------------------------------------------------


def _item_of(item: AgendaItem, *, by_name: bool, by_role: bool = False, requests=()) -> Item:
    rows = sorted(item.entries.all(), key=lambda e: e.position)
    entries = [
        Entry(
            kind=e.kind,
            text=e.text,
            speaker=speaker_label(e, by_name=by_name, by_role=by_role)
            if e.kind == MinutesEntry.Kind.STATEMENT
            else None,
            ref=e.pk,
        )
        for e in rows
    ]
    decision = getattr(item, "decision", None)
    stated = None
    if decision is not None:
        stated = next((i for i, e in enumerate(rows) if e.pk == decision.entry_id), None)
        if stated is None and (sentence := decision_sentence(decision)):
            entries.append(Entry(kind="note", text=sentence))
            stated = len(entries) - 1
    printed = Item(
        number=item.number,
        title=item.title,
        entries=entries,
        decision=DocumentDecision(
            outcome=decision.outcome,
            method=decision.method,
            entry=stated,
            votes_for=decision.votes_for,
            votes_against=decision.votes_against,
            abstentions=decision.abstentions,
        )
        if decision is not None
        else None,
    )
    if requests:
        printed.requests = [
            ItemRequest(text=r.description, assignee=r.assignee, due=r.due_date) for r in requests
        ]
    return printed


def _requests_by_item(minutes: Minutes) -> dict[int, list]:
    """The requests (依頼事項) made on each item of the meeting, in the order they were made;
    none for imported minutes, whose document printed what it printed."""
    if minutes.recorded_header:
        return {}
    by_item: dict[int, list] = {}
    for request in ActionItem.objects.filter(item__meeting=minutes.meeting_id).order_by("pk"):
        by_item.setdefault(request.item_id, []).append(request)
    return by_item


def build_document(minutes: Minutes, *, labels: Labels = "committee") -> Document:
    """The minutes as their rows say today (drafts; and what confirmation freezes).

    ``labels="stored"`` keeps the speaker labels as typed; ``"committee"`` follows the
    committee's setting for published minutes (by role or by name).
    """
    meeting = minutes.meeting
    committee = meeting.committee
    written = meeting.held_in_writing
    by_name = labels == "committee" and committee.speaker_labels == SpeakerLabels.NAME
    by_role = labels == "committee" and committee.speaker_labels == SpeakerLabels.ROLE
    requests = _requests_by_item(minutes)
    sections = [
        Section(
            number=number,
            category=heading,
            items=[
                _item_of(item, by_name=by_name, by_role=by_role, requests=requests.get(item.pk, ()))
                for item in items
            ],
        )
        for number, heading, items in agenda_sections(meeting)
    ]
    return HouseDocument(
        title=minutes_title(meeting),
        status=minutes.status_ja,
        fiscal_year=meeting.fiscal_year,
        meeting_number=meeting.number,
        # Held in writing: dated the day the written votes closed, no hours and no venue.
        date=meeting.printed_date,
        start_time=None if written else meeting.start_time,
        end_time=None if written else meeting.end_time,
        venue=None if written else (meeting.venue.name if meeting.venue else "未定"),
        method=IN_WRITING if written else "",
        sections=sections,
        **(_recorded_header(minutes.recorded_header) or _live_header(minutes)),
    )


def _live_header(minutes: Minutes) -> dict:
    """Organization, people and closing from the committee's rows (minutes written here)."""
    meeting = minutes.meeting
    committee = meeting.committee
    rows = list(meeting.attendances.all())

    def names(*statuses: str) -> list[str]:
        people = [a.member for a in rows if a.status in statuses]
        people = sort_by_reading(people, key=lambda m: m.name_reading)
        # One style for every name: 「𠮷岡　繫」 beside 「齋藤　凜」, however each was typed.
        return [display_name(m.name) for m in people]

    attendees = names(Attendance.Status.PRESENT, Attendance.Status.ONLINE)
    return {
        "organization": committee.center.name,
        "attendees": attendees,
        "attendee_count": len(attendees),
        "online": names(Attendance.Status.ONLINE),
        "absentees": names(Attendance.Status.ABSENT),
        # Who of the secretariat attended that meeting (kept when it was held), else the list.
        "secretariat": [
            Secretariat(name=s.name, title=s.title) for s in meeting.secretariat_printed()
        ],
        "closing": CLOSING,
    }


def _recorded_header(recorded: dict) -> dict | None:
    """The same fields as an imported document printed them (``Minutes.recorded_header``)."""
    if not recorded:
        return None
    names = list(recorded.get("attendees") or [])
    count = recorded.get("attendee_count")
    return {
        "organization": recorded.get("organization") or "",
        "attendees": names,
        # A document may print no count; the names are counted then, as for minutes written here
        # (the API and the ■出席委員 line always give one).
        "attendee_count": len(names) if count is None else count,
        "online": list(recorded.get("online") or []),
        "absentees": list(recorded.get("absentees") or []),
        "secretariat": [Secretariat.from_dict(s) for s in recorded.get("secretariat") or []],
        "observers": list(recorded.get("observers") or []),
        # 監事・オブザーバー: present, no members (only in records imported since they are read).
        "also_attending": list(recorded.get("also_attending") or []),
        "proxy_count": recorded.get("proxy_count"),
        # A document without a closing line gets none: nothing is added to what it said.
        "closing": recorded.get("closing") or "",
        "agenda": list(recorded.get("agenda") or []),
        "appendix": [Appendix.from_dict(a) for a in recorded.get("appendix") or []],
        # 「山田花子（理事長）」: the posts the header printed (only in records imported since).
        "roles": dict(recorded.get("roles") or {}),
    }


def recorded_header(document: Document, *, organization: str) -> dict:
    """What ``Minutes.recorded_header`` keeps of an imported document (``organization`` when it
    printed none, so that what is shown, and hashed, never changes afterwards)."""
    return {
        "organization": document.organization or organization,
        "attendees": list(document.attendees),
        "attendee_count": document.attendee_count,
        "online": list(document.online),
        "absentees": list(document.absentees),
        "secretariat": [s.to_dict() for s in document.secretariat],
        "observers": list(document.observers),
        "closing": document.closing or "",
        # Only when the document has them, so that older records stay as they were.
        **({"agenda": list(document.agenda)} if document.agenda else {}),
        **({"also_attending": list(document.also_attending)} if document.also_attending else {}),
        **({"proxy_count": document.proxy_count} if document.proxy_count is not None else {}),
        **({"appendix": [a.to_dict() for a in document.appendix]} if document.appendix else {}),
    }


# --- confirmed: from the frozen version --------------------------------------------------------


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_of(data: dict[str, Any]) -> str:
    """SHA-256 of a version's document as canonical JSON (what ``kyodo minutes verify`` checks)."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def version_document(version: MinutesVersion) -> Document:
    """The frozen document of a version, with each entry's anchor (``ref``) restored."""
    document = HouseDocument.of(Document.from_dict(version.document), version.document)
    refs = iter(version.refs or [])
    for entry in document.entries():
        entry.ref = next(refs, None)
    return document


def minutes_document(minutes: Minutes, *, labels: Labels = "committee") -> Document:
    """The minutes as a document: the current version once confirmed, else from the rows."""
    if minutes.current_version_id is not None:
        return version_document(minutes.current_version)
    return build_document(minutes, labels=labels)


def attendees_by_reading(minutes: Minutes) -> bool:
    """Whether the minutes list their attendees in gojūon order, which the header then says
    (「＜以上12名、五十音順＞」). Minutes written here do (``_live_header`` sorts them by reading);
    imported minutes list them as their document printed them, so they claim no order. Asked of
    the minutes, not of the document, so that no frozen version changes."""
    if minutes.current_version_id is not None:
        return version_attendees_by_reading(minutes.current_version.document)
    return not minutes.recorded_header


def version_attendees_by_reading(data: dict) -> bool:
    """:func:`attendees_by_reading` of a frozen version's document (its ``approval`` says
    whether it was imported)."""
    return not (data.get("approval") or {}).get("imported")


def meeting_name(frozen: dict) -> str:
    """「平成22年度第9回運営委員会」 from a frozen title 「平成22(2010)年度第9回運営委員会会議録」
    (or 「…議事要旨」)."""
    title = re.sub(r"\([0-9]{4}\)", "", frozen.get("title", ""))
    for word in RECORD_TITLES.values():
        if title.endswith(word):
            return title.removesuffix(word) or title
    return title


def record_word(title: str) -> str:
    """The record a title names: 「議事要旨」 for 「…議事要旨」, else 「会議録」."""
    return next((w for w in RECORD_TITLES.values() if (title or "").endswith(w)), "会議録")


def document_refs(document: Document) -> list[int | None]:
    return [entry.ref for entry in document.entries()]
