"""Guards and helpers the committee services share (public within the package only)."""

from __future__ import annotations

from django.db.models import F, Max
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import InvalidInput, MinutesApproved, MinutesConfirmed
from kyodo.committees.models import (
    AgendaItem,
    Decision,
    Meeting,
    Minutes,
    MinutesEntry,
)
from kyodo.committees.selectors import held_after


def editable_minutes(meeting: Meeting) -> Minutes:
    """The meeting's minutes, locked; refuse when they are confirmed (only corrections then) or
    approved (what the committee approved is what will be confirmed)."""
    minutes = Minutes.objects.select_for_update().get(meeting=meeting)
    if minutes.is_confirmed:
        raise MinutesConfirmed()
    if minutes.status == Minutes.Status.APPROVED:
        raise MinutesApproved()
    return minutes


def confirmed_approvals(meeting: Meeting) -> list[Minutes]:
    """The confirmed minutes whose approval ``meeting`` gave: the facts that made it valid (its
    day, number, being held, its quorum) are printed in them and can no longer change."""
    return list(
        Minutes.objects.filter(
            approved_at__meeting=meeting, status=Minutes.Status.CONFIRMED
        ).select_related("meeting__committee")
    )


def refuse_if_approving(meeting: Meeting, what: str, *, field: str | None = None) -> None:
    """Refuse changing ``what`` of a meeting that approved minutes since confirmed."""
    if approved := confirmed_approvals(meeting):
        raise InvalidInput(
            _(
                "%(meeting)s approved the minutes of %(minutes)s, which are confirmed: its "
                "%(what)s can no longer change, or the confirmed minutes would name an approval "
                "the records no longer bear out."
            )
            % {
                # As stored (the caller may hold the changed copy, or one without its committee).
                "meeting": Meeting.objects.select_related("committee").get(pk=meeting.pk),
                "minutes": "、".join(str(m.meeting) for m in approved),
                "what": what,
            },
            field=field,
        )


def approving_meeting(minutes: Minutes) -> Meeting | None:
    """The meeting that is to approve ``minutes``: the last one (not cancelled) whose agenda
    carries them (a meeting that deferred them carried them on to the next), else the meeting
    after theirs."""
    carried = (
        Meeting.objects.filter(items__minutes_for=minutes)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("committee")
        .order_by("-date", F("start_time").desc(nulls_last=True), "-number")
        .first()
    )
    return carried or next_meeting(minutes.meeting)


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(held_after(meeting), committee=meeting.committee)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", F("start_time").asc(nulls_last=True), "number", "pk")
        .first()
    )


def next_item_number(meeting: Meeting, category: str) -> int:
    current = AgendaItem.objects.filter(meeting=meeting, category=category).aggregate(
        n=Max("number")
    )["n"]
    return (current or 0) + 1


def index_meeting(meeting_id: int) -> None:
    """Bring the search index of one meeting's minutes up to date: each service that changes them
    calls it once, at the end of its transaction (no model signal does it behind its back)."""
    from kyodo.search.indexing import reindex_meeting

    reindex_meeting(meeting_id)


def renumber_entries(item: AgendaItem) -> None:
    for position, entry in enumerate(item.entries.order_by("position", "pk"), start=1):
        if entry.position != position:
            MinutesEntry.objects.filter(pk=entry.pk).update(position=position)


def link_decision(item: AgendaItem) -> None:
    """Link the item's decision to the ○ line of its minutes that states it, if one does and it
    is not linked yet (then the minutes print the decision once, as that line)."""
    from kyodo.committees.documents import decision_sentence
    from kyodo.core.text import match_key

    decision = Decision.objects.filter(item=item).first()
    if decision is None or decision.entry_id is not None:
        return
    sentence = match_key(decision_sentence(decision))
    if not sentence:
        return
    notes = item.entries.filter(kind=MinutesEntry.Kind.NOTE).order_by("position")
    stated = next((n for n in notes if sentence in match_key(n.text)), None)
    if stated is not None:
        decision.entry = stated
        decision.save(update_fields=["entry"])
