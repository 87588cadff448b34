"""The entries of draft minutes: typed in the house format, edited, moved, split, joined.

Confirmed minutes change only by a correction (``versions.minutes_correct``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kyodo.committees import speakers
from kyodo.committees.exceptions import (
    InvalidInput,
)
from kyodo.committees.models import (
    AgendaItem,
    Meeting,
    Member,
    MinutesEntry,
)
from kyodo.committees.selectors import memberships_on
from kyodo.committees.services.common import (
    editable_minutes,
    index_meeting,
    link_decision,
    renumber_entries,
)
from kyodo.core.audit import audit_log
from kyodo.core.roles import Role, require_role
from kyodo.minutes_text import Entry, MinutesParseError, parse_entries


def member_for(meeting: Meeting, speaker: str, seats: list | None = None) -> Member | None:
    """The member a speaker label names (:func:`kyodo.committees.speakers.member_for`): 委員長 →
    the chair that day, 「熊田委員」 → 熊田, 「渡邉 葵委員」 → 渡邉 葵; None when none or several fit.

    ``seats`` (the meeting day's memberships) saves reading them again for every entry.
    """
    return speakers.member_for(meeting, speaker, seats)


def entry_row(
    meeting: Meeting, item: AgendaItem, position: int, entry: Entry, seats: list | None = None
) -> MinutesEntry:
    speaker = "".join((entry.speaker or "").split()) if entry.kind == "statement" else ""
    return MinutesEntry(
        item=item,
        position=position,
        kind=entry.kind,
        speaker=speaker,
        member=member_for(meeting, speaker, seats) if speaker else None,
        text=entry.text,
    )


def entry_rows(
    meeting: Meeting, item: AgendaItem, entries: Iterable[Entry], *, start: int = 1
) -> list[MinutesEntry]:
    """Unsaved rows for ``entries`` from position ``start``, speakers matched to members."""
    seats = list(memberships_on(committee=meeting.committee, on=meeting.date))
    return [entry_row(meeting, item, start + i, e, seats) for i, e in enumerate(entries)]


# Spaces a paste from a web page or a word processor brings (no-break, thin, ideographic-width
# variants) read as the space they show; zero-width ones as nothing. Otherwise 「事務局 ：……」
# with a no-break space is not read as a turn of 事務局 and prints as typed.
_PASTED_SPACES = str.maketrans(
    {
        **{c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"},
        **{c: " " for c in "\u2009\u200a\u202f\u205f"},
        **{c: "" for c in "\u200b\u200c\u200d\u2060\ufeff"},
    }
)


def preview_entries(text: str) -> list[Entry]:
    """Parse house-format text for the preview; the parser's Japanese message on failure."""
    text = text.translate(_PASTED_SPACES)
    try:
        entries = parse_entries(text)
    except MinutesParseError as exc:
        raise InvalidInput(exc.message) from None
    if not entries:
        raise InvalidInput(_("No statements or notes were found in the text."))
    for entry in entries:
        if entry.kind == "statement" and not (entry.speaker or "").strip():
            raise InvalidInput(_("A statement has no speaker."))
    # The reader folds 「委員Ａ」 to 「委員A」: keep the labels as typed (matching folds them still).
    return speakers.typed_labels(entries, text)


def minutes_entries_set(
    *, actor, item: AgendaItem, entries: Iterable[Entry], append: bool = False
) -> list[MinutesEntry]:
    """Replace (or extend) the entries of one item with ``entries``, in order."""
    require_role(actor, Role.STAFF)
    entries = list(entries)
    with transaction.atomic():
        editable_minutes(item.meeting)
        if not append:
            item.entries.all().delete()
        start = (item.entries.aggregate(n=Max("position"))["n"] or 0) + 1
        rows = MinutesEntry.objects.bulk_create(
            entry_rows(item.meeting, item, entries, start=start)
        )
        link_decision(item)
        index_meeting(item.meeting_id)
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.entries_set",
            obj=item,
            changes={"entries": len(rows), "append": append},
        )
    return rows


def minutes_entries_from_text(
    *, actor, item: AgendaItem, text: str, append: bool = False
) -> list[MinutesEntry]:
    """Parse house-format text (「委員長：……」, 「○……」) and store it as the item's entries."""
    return minutes_entries_set(actor=actor, item=item, entries=preview_entries(text), append=append)


def entry_update(*, actor, entry: MinutesEntry, speaker: str, text: str) -> MinutesEntry:
    """Correct one entry's speaker or text (a note has no speaker)."""
    require_role(actor, Role.STAFF)
    if not text.strip():
        raise InvalidInput(_("The entry has no text."))
    speaker = "".join(speaker.split())
    if entry.kind == MinutesEntry.Kind.STATEMENT and not speaker:
        raise InvalidInput(_("A statement has no speaker."))
    with transaction.atomic():
        editable_minutes(entry.item.meeting)
        changes = {"speaker": [entry.speaker, speaker], "text": [entry.text, text.strip()]}
        entry.speaker = speaker if entry.kind == MinutesEntry.Kind.STATEMENT else ""
        entry.member = member_for(entry.item.meeting, speaker) if entry.speaker else None
        entry.text = text.strip()
        entry.save(update_fields=["speaker", "member", "text"])
        index_meeting(entry.item.meeting_id)
        audit_log(
            actor=actor, action="kyodo.committees.minutes.entry_updated", obj=entry, changes=changes
        )
    return entry


def entry_move(*, actor, entry: MinutesEntry, up: bool) -> None:
    """Swap an entry with the one above (``up``) or below it."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        editable_minutes(entry.item.meeting)
        siblings = list(entry.item.entries.select_for_update().order_by("position", "pk"))
        index = [e.pk for e in siblings].index(entry.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(siblings):
            raise InvalidInput(_("The entry cannot move further."))
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            MinutesEntry.objects.filter(pk=sibling.pk).update(position=position)
        index_meeting(entry.item.meeting_id)
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.entry_moved",
            obj=entry,
            changes={"direction": "up" if up else "down"},
        )


def entry_split(*, actor, entry: MinutesEntry, at: int) -> MinutesEntry:
    """Split an entry in two at character ``at``; the second part keeps the speaker."""
    require_role(actor, Role.STAFF)
    first, second = entry.text[:at].strip(), entry.text[at:].strip()
    if not first or not second:
        raise InvalidInput(_("Split inside the text, so that both parts keep some of it."))
    with transaction.atomic():
        editable_minutes(entry.item.meeting)
        # Shift everything after the entry down by one, then put the new part in the gap.
        for later in entry.item.entries.filter(position__gt=entry.position).order_by("-position"):
            MinutesEntry.objects.filter(pk=later.pk).update(position=later.position + 1)
        entry.text = first
        entry.save(update_fields=["text"])
        new = MinutesEntry.objects.create(
            item=entry.item,
            position=entry.position + 1,
            kind=entry.kind,
            speaker=entry.speaker,
            member=entry.member,
            text=second,
        )
        renumber_entries(entry.item)
        index_meeting(entry.item.meeting_id)
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.entry_split",
            obj=entry,
            changes={"at": at},
        )
    return new


def entry_join(*, actor, entry: MinutesEntry) -> MinutesEntry:
    """Join the entry below into this one (a line the parser took for a new turn)."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        editable_minutes(entry.item.meeting)
        following = entry.item.entries.filter(position__gt=entry.position).order_by("position")
        nxt = following.first()
        if nxt is None:
            raise InvalidInput(_("There is no entry below to join."))
        entry.text += nxt.text
        entry.save(update_fields=["text"])
        nxt.delete()
        renumber_entries(entry.item)
        index_meeting(entry.item.meeting_id)
        audit_log(actor=actor, action="kyodo.committees.minutes.entries_joined", obj=entry)
    return entry


def entry_delete(*, actor, entry: MinutesEntry) -> None:
    """Remove one entry from draft minutes."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        editable_minutes(entry.item.meeting)
        item = entry.item
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.entry_deleted",
            obj=entry,
            changes={"text": entry.text},
        )
        entry.delete()
        renumber_entries(item)
        index_meeting(item.meeting_id)
