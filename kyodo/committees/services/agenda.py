"""Agenda items: adding and changing them, their papers, and what carries over from earlier meetings."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import (
    InvalidInput,
)
from kyodo.committees.models import (
    AgendaDocument,
    AgendaItem,
    Decision,
    Meeting,
    Minutes,
    meeting_name,
)
from kyodo.committees.selectors import held_after, held_before
from kyodo.committees.services.common import (
    editable_minutes,
    index_meeting,
    next_item_number,
    refuse_if_approving,
)
from kyodo.core.audit import audit_log
from kyodo.core.roles import Role, require_role


def item_add(
    *,
    actor,
    meeting: Meeting,
    category: str,
    title: str,
    body: str = "",
    minutes_for: Minutes | None = None,
) -> AgendaItem:
    """Add an agenda item, numbered next within its category."""
    require_role(actor, Role.STAFF)
    if category not in AgendaItem.Category.values or not title.strip():
        raise InvalidInput(_("Give the item a category and a title."))
    with transaction.atomic():
        editable_minutes(meeting)
        item = AgendaItem.objects.create(
            meeting=meeting,
            category=category,
            number=next_item_number(meeting, category),
            title=title.strip(),
            body=body,
            minutes_for=minutes_for,
        )
        audit_log(
            actor=actor,
            action="kyodo.committees.item.added",
            obj=item,
            changes={"meeting": str(meeting), "category": category, "title": item.title},
        )
    return item


def item_update(*, actor, item: AgendaItem, title: str, body: str) -> AgendaItem:
    """Change an item's title or explanation."""
    require_role(actor, Role.STAFF)
    if not title.strip():
        raise InvalidInput(_("Give the item a category and a title."))
    with transaction.atomic():
        editable_minutes(item.meeting)
        if title.strip() != item.title and item.minutes_for_id is not None:
            # The approval item of minutes since confirmed: they print its name.
            if Minutes.objects.filter(
                pk=item.minutes_for_id, approved_at=item, status=Minutes.Status.CONFIRMED
            ).exists():
                refuse_if_approving(item.meeting, _("approval item's title"), field="title")
        changes = {"title": [item.title, title.strip()], "body": [item.body, body]}
        item.title, item.body = title.strip(), body
        item.save(update_fields=["title", "body"])
        index_meeting(item.meeting_id)
        audit_log(actor=actor, action="kyodo.committees.item.updated", obj=item, changes=changes)
    return item


def item_delete(*, actor, item: AgendaItem) -> None:
    """Remove an agenda item added by mistake, while it holds no minutes, decision, papers or
    requests; the items after it in its category move up one number."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        editable_minutes(item.meeting)
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if (
            item.entries.exists()
            or Decision.objects.filter(item=item).exists()
            or item.documents.exists()
            or item.action_items.exists()
        ):
            raise InvalidInput(
                _("The item has minutes, a decision, papers or requests and cannot be deleted.")
            )
        meeting, category, number, title = item.meeting, item.category, item.number, item.title
        item.delete()
        for later in AgendaItem.objects.filter(
            meeting=meeting, category=category, number__gt=number
        ).order_by("number"):
            AgendaItem.objects.filter(pk=later.pk).update(number=later.number - 1)
        index_meeting(meeting.pk)
        audit_log(
            actor=actor,
            action="kyodo.committees.item.deleted",
            obj=meeting,
            changes={"title": title, "category": category, "number": number},
        )


def item_move(*, actor, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap an item with the one before (``up``) or after it in its category (their numbers)."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        editable_minutes(item.meeting)
        siblings = list(
            AgendaItem.objects.select_for_update()
            .filter(meeting=item.meeting_id, category=item.category)
            .order_by("number")
        )
        index = [s.pk for s in siblings].index(item.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(siblings):
            raise InvalidInput(_("The item cannot move further."))
        a, b = siblings[index], siblings[other]
        # Numbers are unique per category: park one on 0 while they change places.
        AgendaItem.objects.filter(pk=a.pk).update(number=0)
        AgendaItem.objects.filter(pk=b.pk).update(number=a.number)
        AgendaItem.objects.filter(pk=a.pk).update(number=b.number)
        index_meeting(item.meeting_id)
        audit_log(
            actor=actor,
            action="kyodo.committees.item.moved",
            obj=a,
            changes={"number": [a.number, b.number]},
        )
    return AgendaItem.objects.get(pk=item.pk)


def business_report_text(*, year: int, month: int) -> str:
    """Text to prefill the 業務報告 item with: the monthly report of the month."""
    from kyodo.reports.services import monthly_report_text

    return monthly_report_text(year=year, month=month)


def document_add(*, actor, item: AgendaItem, title: str, file) -> AgendaDocument:
    """Attach a paper (資料) to an agenda item."""
    require_role(actor, Role.STAFF)
    if not title.strip() or file is None:
        raise InvalidInput(_("Give the document a title and a file."))
    with transaction.atomic():
        editable_minutes(item.meeting)
        document = AgendaDocument.objects.create(item=item, title=title.strip(), file=file)
        audit_log(
            actor=actor,
            action="kyodo.committees.document.added",
            obj=document,
            changes={"item": str(item), "title": document.title},
        )
    return document


def carry_over_into(meeting: Meeting) -> list[AgendaItem]:
    """Put on ``meeting``'s agenda what earlier meetings left open.

    Two things carry over by themselves: items deferred (継続審議) and not yet carried on, and
    circulated minutes that no meeting has been asked to approve yet. Called inside the caller's
    transaction whenever either can appear: a meeting is created, an item deferred, minutes
    circulated.
    """
    added: list[AgendaItem] = []
    # Lock the target's minutes: item numbers are taken under it (as item_add does), and a
    # meeting whose minutes are confirmed gets nothing new.
    target = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if target is None or target.is_confirmed:
        return added
    deferred = (
        AgendaItem.objects.filter(
            held_before(meeting, "meeting__"),
            meeting__committee=meeting.committee,
            decision__outcome=Decision.Outcome.DEFERRED,
            carried_to__isnull=True,
        )
        .select_related("meeting")
        .order_by("meeting__date", "category", "number")
    )
    for old in deferred:
        if (same := _same_item_on(meeting, old)) is not None:
            # The meeting already has the item (the approval the circulation put there, or one
            # typed by hand): it becomes the carried one, never a second copy of it.
            same.carried_from = old
            same.minutes_for_id = same.minutes_for_id or old.minutes_for_id
            same.save(update_fields=["carried_from", "minutes_for"])
            continue
        added.append(
            AgendaItem.objects.create(
                meeting=meeting,
                category=old.category,
                number=next_item_number(meeting, old.category),
                title=old.title,
                body=old.body,
                carried_from=old,
                minutes_for=old.minutes_for,
            )
        )
    waiting = Minutes.objects.filter(
        held_before(meeting, "meeting__"),
        meeting__committee=meeting.committee,
        status=Minutes.Status.CIRCULATED,
        approval_items__isnull=True,
    ).select_related("meeting__committee")
    for minutes in waiting:
        added.append(
            AgendaItem.objects.create(
                meeting=meeting,
                category=AgendaItem.Category.DELIBERATION,
                number=next_item_number(meeting, AgendaItem.Category.DELIBERATION),
                title=approval_title(minutes),
                minutes_for=minutes,
            )
        )
    return added


def _approves(item: AgendaItem) -> int | None:
    """The id of the minutes ``item`` approves: linked, or named by its title."""
    if item.minutes_for_id:
        return item.minutes_for_id
    named = minutes_named_by(item)
    return named.pk if named is not None else None


def _same_item_on(meeting: Meeting, old: AgendaItem) -> AgendaItem | None:
    """The item of ``meeting`` that is ``old`` carried over, not yet carried from anything: the
    approval of the same minutes (linked or named by its title), else an item of the same
    category and title (compared as search compares them)."""
    from kyodo.core.text import match_key

    candidates = list(
        AgendaItem.objects.filter(meeting=meeting, category=old.category, carried_from__isnull=True)
        .select_related("meeting__committee")
        .order_by("number")
    )
    if approves := _approves(old):
        same = next((item for item in candidates if _approves(item) == approves), None)
        if same is not None:
            return same
    key = match_key(old.title)
    return next((item for item in candidates if match_key(item.title) == key), None)


def approval_title(minutes: Minutes) -> str:
    """「平成22年度第8回運営委員会会議録について」: the meeting as it is named everywhere
    (``meeting_name``), its fiscal year in 和暦."""
    m = minutes.meeting
    name = meeting_name(m.fiscal_year, m.number, m.committee.name)
    return f"{name}{m.committee.record_title}について"


def minutes_named_by(item: AgendaItem) -> Minutes | None:
    """The committee's minutes whose approval ``item`` is titled after (「令和8年度第1回運営委員会
    会議録について」, as :func:`approval_title` words it) while it is not linked to them: an item
    typed by hand, whose approval would approve nothing. None for any other item."""
    from kyodo.core.text import match_key

    if item.minutes_for_id or not item.title.endswith(("会議録について", "議事要旨について")):
        return None
    key = match_key(item.title)
    for minutes in Minutes.objects.filter(
        meeting__committee=item.meeting.committee_id,
        meeting__fiscal_year__in=[item.meeting.fiscal_year, item.meeting.fiscal_year - 1],
    ).select_related("meeting__committee"):
        if minutes.meeting_id != item.meeting_id and match_key(approval_title(minutes)) == key:
            return minutes
    return None


def item_link_minutes(*, actor, item: AgendaItem) -> AgendaItem:
    """Make an item typed by hand (「令和8年度第1回運営委員会会議録について」) the approval of the
    minutes its title names, so that approving it approves them (``decision_record``). Only the
    minutes of a meeting held before the item's one, circulated and not yet approved. An empty,
    undecided approval item the minutes were given on the same meeting, or on a later one not
    yet held, is removed, so that no agenda lists the approval twice."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        editable_minutes(item.meeting)
        item = link_named_minutes(actor=actor, item=item)
    return item


def link_named_minutes(*, actor, item: AgendaItem) -> AgendaItem:
    """:func:`item_link_minutes` inside the caller's transaction (the meeting's minutes locked
    and editable): ``decision_record`` links an item in the same step as its decision."""
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting__committee")
        .get(pk=item.pk)
    )
    minutes = minutes_named_by(item)
    if minutes is None:
        raise InvalidInput(_("The title of this item names no minutes of this committee."))
    meeting = item.meeting
    if not Meeting.objects.filter(
        held_before(meeting), pk=minutes.meeting_id, committee=meeting.committee_id
    ).exists():
        raise InvalidInput(
            _(
                "%(meeting)s is not held before this meeting: its minutes can only be "
                "approved at a later meeting."
            )
            % {"meeting": minutes.meeting}
        )
    if minutes.status != Minutes.Status.CIRCULATED:
        raise InvalidInput(
            _(
                "The minutes of %(meeting)s are %(status)s: only minutes circulated to the "
                "members and not yet approved can be approved."
            )
            % {"meeting": minutes.meeting, "status": minutes.get_status_display()}
        )
    later = Meeting.objects.filter(
        held_after(meeting), committee=meeting.committee_id, status=Meeting.Status.SCHEDULED
    )
    duplicates = (
        AgendaItem.objects.filter(
            Q(meeting=meeting) | Q(meeting__in=later, carried_from__isnull=True),
            minutes_for=minutes,
            decision__isnull=True,
            entries__isnull=True,
            documents__isnull=True,
            action_items__isnull=True,
        )
        .exclude(pk=item.pk)
        .select_related("meeting")
        .distinct()
    )
    for duplicate in duplicates:
        item_delete(actor=actor, item=duplicate)
    item.refresh_from_db()
    item.minutes_for = minutes
    item.save(update_fields=["minutes_for"])
    audit_log(
        actor=actor,
        action="kyodo.committees.item.updated",
        obj=item,
        changes={"minutes_for": [None, str(minutes.meeting)]},
    )
    return item
