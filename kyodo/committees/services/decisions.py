"""Decisions on agenda items and the requests (action items) the committee makes."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import (
    InvalidInput,
    MinutesNotCirculated,
)
from kyodo.committees.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Meeting,
    Minutes,
)
from kyodo.committees.services.agenda import carry_over_into
from kyodo.committees.services.common import editable_minutes, next_meeting
from kyodo.core.audit import audit_log
from kyodo.core.roles import Role, require_role


def decision_record(
    *,
    actor,
    item: AgendaItem,
    outcome: str,
    method: str = Decision.Method.NONE,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    text: str = "",
) -> Decision:
    """Record the decision on an item.

    A deferral puts the item on the next meeting's agenda (now if that meeting exists, else when
    it is created). Approving an item that approves minutes confirms those minutes.
    """
    require_role(actor, Role.STAFF)
    if outcome not in Decision.Outcome.values or method not in Decision.Method.values:
        raise InvalidInput()
    if method == Decision.Method.MAJORITY:
        if votes_for is None or votes_against is None:
            raise InvalidInput(_("A majority decision needs the votes for and against."))
        if votes_for <= votes_against:
            raise InvalidInput(_("A majority needs more votes for than against."))
    else:
        votes_for = votes_against = abstentions = None
    with transaction.atomic():
        editable_minutes(item.meeting)
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if item.carried_to.exists():
            raise InvalidInput(_("This item has already been carried over to the next meeting."))
        target = None
        if item.minutes_for_id and outcome == Decision.Outcome.APPROVED:
            target = Minutes.objects.select_for_update().get(pk=item.minutes_for_id)
            if target.status != Minutes.Status.CIRCULATED:
                raise MinutesNotCirculated()
        decision, _created = Decision.objects.update_or_create(
            item=item,
            defaults={
                "outcome": outcome,
                "method": method,
                "votes_for": votes_for,
                "votes_against": votes_against,
                "abstentions": abstentions,
                "text": text,
            },
        )
        audit_log(
            actor=actor,
            action="kyodo.committees.decision.recorded",
            obj=item,
            changes={"outcome": outcome, "method": method, "votes": [votes_for, votes_against]},
        )
        if target is not None:
            _confirm(actor=actor, minutes=target, approved_at=item)
        if outcome == Decision.Outcome.DEFERRED and (following := next_meeting(item.meeting)):
            carry_over_into(following)
    return decision


def _confirm(*, actor, minutes: Minutes, approved_at: AgendaItem) -> None:
    from kyodo.committees.export import content_hash

    minutes.status = Minutes.Status.CONFIRMED
    minutes.approved_at = approved_at
    minutes.confirmed_at = timezone.now()
    minutes.content_hash = content_hash(minutes)
    minutes.save(update_fields=["status", "approved_at", "confirmed_at", "content_hash"])
    audit_log(
        actor=actor,
        action="kyodo.committees.minutes.confirmed",
        obj=minutes,
        changes={"approved_at": str(approved_at.meeting), "sha256": minutes.content_hash},
    )


def action_item_add(
    *,
    actor,
    meeting: Meeting,
    description: str,
    assignee: str,
    due_date: date | None = None,
    item: AgendaItem | None = None,
) -> ActionItem:
    """Track a request the committee made (「実現できるように事務局にお願いしたい」)."""
    require_role(actor, Role.STAFF)
    if not description.strip() or not assignee.strip():
        raise InvalidInput(_("Say what is requested and of whom."))
    if due_date and due_date < meeting.date:
        raise InvalidInput(_("The due date is before the meeting."))
    with transaction.atomic():
        action = ActionItem.objects.create(
            meeting=meeting,
            item=item,
            description=description.strip(),
            assignee=assignee.strip(),
            due_date=due_date,
        )
        audit_log(
            actor=actor,
            action="kyodo.committees.action_item.added",
            obj=action,
            changes={"assignee": action.assignee, "due": due_date},
        )
    return action


def action_item_set_status(*, actor, action: ActionItem, status: str) -> ActionItem:
    """Mark a request done or dropped (or open again)."""
    require_role(actor, Role.STAFF)
    if status not in ActionItem.Status.values:
        raise InvalidInput()
    with transaction.atomic():
        changes = {"status": [action.status, status]}
        action.status = status
        action.save(update_fields=["status"])
        audit_log(
            actor=actor, action="kyodo.committees.action_item.updated", obj=action, changes=changes
        )
    return action
