"""Plain data model of committee minutes (会議録).

``to_dict`` produces exactly the shape of the hand-made gold JSON files, so a
parsed document can be compared with its gold file key by key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

EntryKind = Literal["statement", "note"]


def _date_str(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _time_str(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _date_from(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _time_from(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


@dataclass
class Entry:
    """One speaker turn (statement) or one narrative line (note, ○…)."""

    kind: EntryKind
    text: str
    speaker: str | None = None
    # Where the entry is stored, when it comes from a database (the minutes page anchors each
    # entry by it); not part of the document, so not compared and not serialized.
    ref: int | None = field(default=None, compare=False, repr=False)
    # The parser was not sure of this entry (a label it guessed, a line it could not place): the
    # review screen marks it. Not part of the document.
    uncertain: bool = field(default=False, compare=False, repr=False)
    # While parsing: the turn this paragraph may belong to (the parser settles it). Not part of
    # the document.
    joins: Entry | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        # Notes carry no speaker key at all in the gold files.
        if self.kind == "note":
            return {"kind": "note", "text": self.text}
        return {"kind": "statement", "speaker": self.speaker, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        return cls(kind=data["kind"], text=data["text"], speaker=data.get("speaker"))


@dataclass
class Decision:
    """What was decided on an item, and the entry of the item that states it (``entry``, its
    index in ``Item.entries``): minutes print a decision once, as that entry."""

    outcome: str  # approved | acknowledged | rejected | deferred | report_only
    method: str = "none"  # unanimous | majority | none
    entry: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"outcome": self.outcome, "method": self.method, "entry": self.entry}
        for key in ("votes_for", "votes_against", "abstentions"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        return cls(
            outcome=data["outcome"],
            method=data.get("method", "none"),
            entry=data.get("entry"),
            votes_for=data.get("votes_for"),
            votes_against=data.get("votes_against"),
            abstentions=data.get("abstentions"),
        )


@dataclass
class Item:
    """A numbered agenda item (議題) inside a section."""

    number: int
    title: str
    entries: list[Entry] = field(default_factory=list)
    decision: Decision | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": self.number,
            "title": self.title,
            "entries": [e.to_dict() for e in self.entries],
        }
        # Parsed documents (and the gold files) carry no decision key.
        if self.decision is not None:
            data["decision"] = self.decision.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        decision = data.get("decision")
        return cls(
            number=data["number"],
            title=data["title"],
            entries=[Entry.from_dict(e) for e in data.get("entries", [])],
            decision=Decision.from_dict(decision) if decision else None,
        )


@dataclass
class Section:
    """An agenda category such as 報告事項 / 審議事項 / 協議事項 / その他."""

    number: int
    category: str
    items: list[Item] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "category": self.category,
            "items": [i.to_dict() for i in self.items],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        return cls(
            number=data["number"],
            category=data["category"],
            items=[Item.from_dict(i) for i in data.get("items", [])],
        )


@dataclass
class Secretariat:
    """A member of the secretariat (事務局) with the title they hold."""

    name: str
    title: str

    @property
    def label(self) -> str:
        """As the header prints them: 「丸木地域福祉課長」「松本非常勤」, 「市民協働課長」 (a title, no
        name), 「村上（福祉課）」 (a department, not a post: 「村上福祉課」 would read as one name),
        「西口（センター）」 (「事務局　センター　西口」: the center whose staff they are, no post)."""
        if self.name and self.title.endswith(("課", "部", "局", "室", "係", "センター")):
            return f"{self.name}（{self.title}）"
        return f"{self.name}{self.title}"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Secretariat:
        return cls(name=data["name"], title=data.get("title", ""))


@dataclass
class Appendix:
    """A document appended after the closing (資料, 中間報告): its first line and the rest."""

    title: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Appendix:
        return cls(title=data.get("title", ""), text=data.get("text", ""))


@dataclass
class Minutes:
    """A whole set of minutes: header fields, agenda sections and closing."""

    organization: str | None = None
    title: str = ""
    status: str | None = None
    fiscal_year: int | None = None
    meeting_number: int | None = None
    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str | None = None
    attendees: list[str] = field(default_factory=list)
    attendee_count: int | None = None
    # How many of ``attendee_count`` attended by proxy (委任状, 書面表決): 「出席理事 8名（うち委任状
    # 2名）」 counts eight, two of them by proxy; those two are not in ``attendees``.
    proxy_count: int | None = None
    # Attendees who took part online; they are also in ``attendees`` and counted there.
    online: list[str] = field(default_factory=list)
    absentees: list[str] = field(default_factory=list)
    secretariat: list[Secretariat] = field(default_factory=list)
    # Who attended without being a member: a board's auditors (監事), observers from other bodies
    # (オブザーバー). Kept apart from ``attendees`` as the secretariat is, and not counted there.
    also_attending: list[str] = field(default_factory=list)
    # The post the header prints beside a name of the lists above (「山田花子（理事長）」: 理事長),
    # for the import, which keeps it with the header as recorded. Not part of the gold shape.
    roles: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    observers: list[str] = field(default_factory=list)
    # The agenda as a list in the header (「本日の会議に付した事件」「議事次第」) of minutes
    # whose body has no numbered items.
    agenda: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: str | None = None
    # Documents appended after the closing (資料, 報告書): kept apart from the turns.
    appendix: list[Appendix] = field(default_factory=list)
    # What the parser guessed or could not read, in Japanese, for the review screen; and the
    # header lines it looked at for the date. Not part of the document.
    warnings: list[str] = field(default_factory=list, compare=False, repr=False)
    looked_at: list[str] = field(default_factory=list, compare=False, repr=False)

    def entries(self) -> list[Entry]:
        """All entries in document order (handy for counting and search)."""
        return [e for s in self.sections for i in s.items for e in i.entries]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "organization": self.organization,
            "title": self.title,
            "status": self.status,
            "fiscal_year": self.fiscal_year,
            "meeting_number": self.meeting_number,
            "date": _date_str(self.date),
            "start_time": _time_str(self.start_time),
            "end_time": _time_str(self.end_time),
            "venue": self.venue,
            "attendees": list(self.attendees),
            "attendee_count": self.attendee_count,
        }
        if self.proxy_count is not None:
            data["proxy_count"] = self.proxy_count
        # The gold files have no online/absentees/observers keys when there are none,
        # so the keys appear only when the lists are non-empty.
        if self.online:
            data["online"] = list(self.online)
        if self.absentees:
            data["absentees"] = list(self.absentees)
        data["secretariat"] = [s.to_dict() for s in self.secretariat]
        if self.also_attending:
            data["also_attending"] = list(self.also_attending)
        if self.observers:
            data["observers"] = list(self.observers)
        if self.agenda:
            data["agenda"] = list(self.agenda)
        data["sections"] = [s.to_dict() for s in self.sections]
        data["closing"] = self.closing
        if self.appendix:
            data["appendix"] = [a.to_dict() for a in self.appendix]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Minutes:
        return cls(
            organization=data.get("organization"),
            title=data.get("title", ""),
            status=data.get("status"),
            fiscal_year=data.get("fiscal_year"),
            meeting_number=data.get("meeting_number"),
            date=_date_from(data.get("date")),
            start_time=_time_from(data.get("start_time")),
            end_time=_time_from(data.get("end_time")),
            venue=data.get("venue"),
            attendees=list(data.get("attendees", [])),
            attendee_count=data.get("attendee_count"),
            proxy_count=data.get("proxy_count"),
            online=list(data.get("online", [])),
            absentees=list(data.get("absentees", [])),
            secretariat=[Secretariat.from_dict(s) for s in data.get("secretariat", [])],
            also_attending=list(data.get("also_attending", [])),
            observers=list(data.get("observers", [])),
            agenda=list(data.get("agenda", [])),
            sections=[Section.from_dict(s) for s in data.get("sections", [])],
            closing=data.get("closing"),
            appendix=[Appendix.from_dict(a) for a in data.get("appendix", [])],
        )
