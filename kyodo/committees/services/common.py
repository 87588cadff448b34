"""Guards and helpers the committee services share (public within the package only)."""

from __future__ import annotations

from django.db.models import Max

from kyodo.committees.exceptions import (
    MinutesConfirmed,
)
from kyodo.committees.models import (
    AgendaItem,
    Meeting,
    Minutes,
    MinutesEntry,
)
from kyodo.committees.signals import minutes_entries_changed


def editable_minutes(meeting: Meeting) -> Minutes:
    """The meeting's minutes, locked; refuse when they are confirmed (only revisions then)."""
    minutes = Minutes.objects.select_for_update().get(meeting=meeting)
    if minutes.is_confirmed:
        raise MinutesConfirmed()
    return minutes


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(committee=meeting.committee, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "pk")
        .first()
    )


def next_item_number(meeting: Meeting, category: str) -> int:
    current = AgendaItem.objects.filter(meeting=meeting, category=category).aggregate(
        n=Max("number")
    )["n"]
    return (current or 0) + 1


def entries_changed(meeting_id: int) -> None:
    """Announce a bulk change of a meeting's entries (no model signal is sent for those)."""
    minutes_entries_changed.send(sender=Meeting, meeting_id=meeting_id)


def renumber_entries(item: AgendaItem) -> None:
    for position, entry in enumerate(item.entries.order_by("position", "pk"), start=1):
        if entry.position != position:
            MinutesEntry.objects.filter(pk=entry.pk).update(position=position)
