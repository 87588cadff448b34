"""Decisions on agenda items and the requests (action items) the committee makes."""

from __future__ import annotations

import dataclasses
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import InvalidInput, MinutesConfirmed, MinutesNotApprovable
from kyodo.committees.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    MinutesEntry,
)
from kyodo.committees.selectors import ApprovalCheck, approval_check, latest_circulation
from kyodo.committees.services.agenda import (
    carry_over_into,
    link_named_minutes,
    minutes_named_by,
)
from kyodo.committees.services.common import (
    editable_minutes,
    index_meeting,
    link_decision,
    next_meeting,
)
from kyodo.committees.services.meetings import meeting_update
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
    entry: MinutesEntry | None = None,
    override_reason: str = "",
    link_minutes: bool = False,
) -> Decision:
    """Record the decision on an item.

    A decision cannot be dated in the future. A deferral puts the item on the next meeting's
    agenda (now if that meeting exists, else when it is created). Approving an item that approves
    minutes marks those minutes approved (承認), to be confirmed (確定) by staff: only at a held
    meeting, with its quorum and every member having received the draft, unless
    ``override_reason`` says why they are approved anyway. ``entry`` is the ○ line of the item's
    minutes that states the decision; without one, a line that contains the decision's text is
    linked, else the minutes print the decision after the item's entries.

    An item typed by hand whose title names minutes (「令和8年度第2回運営委員会会議録について」)
    but is not linked to them is linked first when ``link_minutes`` (the decision form offers
    it), so that approving it approves them; approving it unlinked is refused, since the
    decision would claim an approval that did not happen. Approving minutes at a meeting that
    has begun but is still 予定 records the meeting as held (開催済み) in the same step, as its
    edit page would (``meeting_update``, its own audit row).
    """
    require_role(actor, Role.STAFF)
    if outcome not in Decision.Outcome.values or method not in Decision.Method.values:
        raise InvalidInput()
    if method == Decision.Method.MAJORITY:
        if votes_for is None or votes_against is None:
            raise InvalidInput(_("A majority decision needs the votes for and against."))
        if votes_for <= votes_against and outcome != Decision.Outcome.REJECTED:
            raise InvalidInput(_("A majority needs more votes for than against."))
    else:
        votes_for = votes_against = abstentions = None
    override_reason = override_reason.strip()
    with transaction.atomic():
        editable_minutes(item.meeting)
        # Only the item's row is locked: PostgreSQL refuses FOR UPDATE on the nullable side of
        # the outer join that minutes_for needs.
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("meeting__committee", "minutes_for")
            .get(pk=item.pk)
        )
        if item.meeting.date > timezone.localdate():
            raise InvalidInput(
                _("The meeting is in the future: a decision cannot be dated in the future.")
            )
        if item.carried_to.exists():
            raise InvalidInput(_("This item has already been carried over to the next meeting."))
        if link_minutes and not item.minutes_for_id:
            item = _linked(actor=actor, item=item)
        elif outcome == Decision.Outcome.APPROVED and (named := minutes_named_by(item)):
            raise MinutesNotApprovable(
                _(
                    "The title names the minutes of %(meeting)s, but the item is not linked to "
                    "them: approving it would approve no minutes. Tick 「%(link)s」 to link it "
                    "in the same step, or link it on the item's page first."
                )
                % {"meeting": named.meeting, "link": link_minutes_label(named)},
                field="link_minutes",
            )
        if entry is not None and (entry.item_id != item.pk or entry.kind != MinutesEntry.Kind.NOTE):
            raise InvalidInput(_("Choose a ○ line of this item's minutes."), field="entry")
        if method == Decision.Method.MAJORITY:
            _check_votes(item.meeting, votes_for + votes_against + (abstentions or 0))
        target = _approval_target(item, outcome, override_reason)
        if target is not None and item.meeting.status == Meeting.Status.SCHEDULED:
            # Begun (the approval check refuses otherwise) but still 予定: approving minutes
            # says that the meeting took place.
            item.meeting = _record_held(actor=actor, meeting=item.meeting)
        decision, _created = Decision.objects.update_or_create(
            item=item,
            defaults={
                "outcome": outcome,
                "method": method,
                "votes_for": votes_for,
                "votes_against": votes_against,
                "abstentions": abstentions,
                "text": text.strip(),
                "entry": entry,
                "override_reason": override_reason if target is not None else "",
            },
        )
        if entry is None:
            link_decision(item)
        audit_log(
            actor=actor,
            action="kyodo.committees.decision.recorded",
            obj=item,
            changes={
                "outcome": outcome,
                "method": method,
                "votes": [votes_for, votes_against],
                "override": override_reason,
            },
        )
        if item.minutes_for_id:
            _follow_approval(actor=actor, item=item, approved=target is not None)
        if outcome == Decision.Outcome.DEFERRED and (following := next_meeting(item.meeting)):
            carry_over_into(following)
        index_meeting(item.meeting_id)
    return decision


def link_minutes_label(minutes: Minutes) -> str:
    """The decision form's box that links an item typed by hand to the minutes it names."""
    return _("Link this item to the minutes of %(meeting)s (approving it approves them)") % {
        "meeting": minutes.meeting
    }


def _linked(*, actor, item: AgendaItem) -> AgendaItem:
    """``item`` linked to the minutes its title names, read again as ``decision_record`` reads
    it (the meeting's minutes are locked already)."""
    link_named_minutes(actor=actor, item=item)
    return (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting__committee", "minutes_for")
        .get(pk=item.pk)
    )


def _record_held(*, actor, meeting: Meeting) -> Meeting:
    """Record ``meeting`` as held (開催済み) as its edit page would."""
    return meeting_update(
        actor=actor, meeting=meeting, date=meeting.date, start_time=meeting.start_time,
        end_time=meeting.end_time, venue=meeting.venue, status=Meeting.Status.HELD,
    )  # fmt: skip


def _check_votes(meeting: Meeting, votes: int) -> None:
    """Refuse more votes than members present (in the room or online) as the attendance
    records them: 「賛成30、反対2、棄権5」 at a meeting of 13 is a typing error."""
    rows = Attendance.objects.filter(meeting=meeting)
    if not rows.exists():
        raise InvalidInput(
            _(
                "No attendance is recorded for this meeting, so the votes cannot be checked: "
                "record who was present first."
            ),
            field="votes_for",
        )
    present = rows.filter(status__in=[Attendance.Status.PRESENT, Attendance.Status.ONLINE]).count()
    if votes > present:
        raise InvalidInput(
            _(
                "The votes for, against and abstaining add up to %(votes)d, more than the "
                "%(present)d members present at the meeting."
            )
            % {"votes": votes, "present": present},
            field="votes_for",
        )


def _approval_target(item: AgendaItem, outcome: str, override_reason: str) -> Minutes | None:
    """The minutes an approval approves, once the approval is found valid (else refused)."""
    if not item.minutes_for_id:
        return None
    target = Minutes.objects.select_for_update().get(pk=item.minutes_for_id)
    if target.is_confirmed:
        raise InvalidInput(
            _("The minutes this item approves are confirmed; their approval cannot change.")
        )
    if outcome != Decision.Outcome.APPROVED:
        return None
    item.minutes_for = target
    check = approval_review(item=item, today=timezone.localdate())
    if check.blocking:
        raise MinutesNotApprovable(check.blocking[0])
    if check.warnings and not override_reason:
        raise MinutesNotApprovable(
            " ".join(check.warnings)
            + " "
            + _("Put the item off to the next meeting, or give the reason to approve anyway.")
        )
    return target


def approval_review(*, item: AgendaItem, today: date) -> ApprovalCheck | None:
    """``selectors.approval_check`` with two more warnings that an override must answer, as for
    missing receipts: members whose receipt was recorded only after the approving meeting
    began (they had not read the draft at the meeting), and a draft changed after it was sent
    (the members received another text)."""
    check = approval_check(item=item, today=today)
    if check is None or check.confirmed or check.blocking:
        return check
    circulation = latest_circulation(minutes=item.minutes_for)
    if circulation is None:
        return check
    return dataclasses.replace(
        check, warnings=[*check.warnings, *late_receipt_warnings(item.meeting, circulation)]
    )


def late_receipt_warnings(meeting: Meeting, circulation) -> list[str]:
    """The warnings of :func:`approval_review` about one circulation approved at ``meeting``."""
    from kyodo.committees.services.circulation import draft_fingerprint
    from kyodo.committees.services.meetings import meeting_begins_text, meeting_starts_at
    from kyodo.core.wareki import format_wareki

    warnings = []
    starts = meeting_starts_at(meeting)
    # Only a draft sent before the meeting began could have been read in time; one sent later is
    # a record typed in after the fact (past meetings, the demo's history), whose receipt times
    # say nothing about the meeting.
    late = []
    if circulation.created_at < starts:
        late = [
            r.member.name
            for r in circulation.recipients.select_related("member")
            if (received := min((t for t in (r.opened_at, r.paper_at) if t), default=None))
            and received >= starts
        ]
    if late:
        when = meeting_begins_text(meeting)
        warnings.append(
            _(
                "The receipt of %(names)s was recorded only after %(meeting)s began (%(when)s): "
                "they had not received the draft at the meeting."
            )
            % {"names": "、".join(late), "meeting": meeting, "when": when}
        )
    if circulation.draft_sha256 and circulation.draft_sha256 != draft_fingerprint(
        circulation.minutes
    ):
        warnings.append(
            _(
                "The draft was changed after it was sent to the members on %(date)s: they "
                "received another text. Send it to the members again, or give the reason to "
                "approve anyway."
            )
            % {"date": format_wareki(timezone.localdate(circulation.created_at))}
        )
    return warnings


def _follow_approval(*, actor, item: AgendaItem, approved: bool) -> None:
    """The approved minutes wait for confirmation; a changed decision reopens them."""
    target = Minutes.objects.get(pk=item.minutes_for_id)
    if approved:
        target.status, target.approved_at = Minutes.Status.APPROVED, item
    elif target.status == Minutes.Status.APPROVED and target.approved_at_id == item.pk:
        target.status, target.approved_at = Minutes.Status.CIRCULATED, None
    else:
        return
    target.save(update_fields=["status", "approved_at"])
    audit_log(
        actor=actor,
        action="kyodo.committees.minutes.approved"
        if approved
        else "kyodo.committees.minutes.approval_withdrawn",
        obj=target,
        changes={"approved_at": str(item.meeting)},
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
        # A request "of" a meeting whose confirmed minutes hold none would misquote them: a
        # request arising later belongs to the meeting where it is made. (Marking requests done
        # stays possible: that is the secretariat's work, not the minutes.)
        if Minutes.objects.filter(meeting=meeting, status=Minutes.Status.CONFIRMED).exists():
            raise MinutesConfirmed()
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
