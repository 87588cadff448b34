"""Every write of the committee app: meetings, agendas, decisions, minutes and their lifecycle.

Each service checks the role first, runs in one transaction, refuses what would change confirmed
minutes (確定稿) with a Japanese message and writes one audit row. Mail leaves through the outbox.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import date, time

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.committees.exceptions import (
    InvalidInput,
    MinutesConfirmed,
    MinutesNotCirculated,
    NumberTaken,
)
from kyodo.committees.models import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    Appointment,
    Attendance,
    Circulation,
    CirculationRecipient,
    Committee,
    CorrectionRequest,
    Decision,
    Meeting,
    Member,
    Membership,
    Minutes,
    MinutesEntry,
    MinutesRevision,
)
from kyodo.committees.selectors import memberships_on
from kyodo.committees.signals import minutes_entries_changed
from kyodo.core.audit import audit_log
from kyodo.core.models import Venue
from kyodo.core.outbox import outbox_enqueue
from kyodo.core.roles import Role, require_role
from kyodo.core.wareki import fiscal_year, format_time_ja, format_time_range_ja, format_wareki
from kyodo.minutes_text import Entry, MinutesParseError, parse_entries

NEXT_MEETING_TITLE = "次回{committee}日程について"


# --- guards ------------------------------------------------------------------------------------


def _check_editable(meeting: Meeting) -> Minutes:
    """The meeting's minutes, locked; refuse when they are confirmed (only revisions then)."""
    minutes = Minutes.objects.select_for_update().get(meeting=meeting)
    if minutes.is_confirmed:
        raise MinutesConfirmed()
    return minutes


def _next_scheduled(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(committee=meeting.committee, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "pk")
        .first()
    )


def _next_number(meeting: Meeting, category: str) -> int:
    current = AgendaItem.objects.filter(meeting=meeting, category=category).aggregate(
        n=Max("number")
    )["n"]
    return (current or 0) + 1


# --- meetings ----------------------------------------------------------------------------------


def meeting_create(
    *,
    actor,
    committee: Committee,
    date: date,
    start_time: time | None = None,
    end_time: time | None = None,
    venue: Venue | None = None,
    number: int | None = None,
) -> Meeting:
    """Create a meeting, numbered 第N回 within its fiscal year, with empty draft minutes.

    The number is taken under a lock on the committee row, so two staff creating meetings at
    once cannot get the same one. Items deferred at earlier meetings, and circulated minutes
    still waiting for approval, are put on the new meeting's agenda.
    """
    require_role(actor, Role.STAFF)
    if start_time and end_time and end_time <= start_time:
        raise InvalidInput(_("The meeting cannot end before it starts."))
    with transaction.atomic():
        Committee.objects.select_for_update().get(pk=committee.pk)
        fy = fiscal_year(date)
        same_year = Meeting.objects.filter(committee=committee, fiscal_year=fy)
        if number is None:
            number = (same_year.aggregate(n=Max("number"))["n"] or 0) + 1
        elif number < 1 or same_year.filter(number=number).exists():
            raise NumberTaken()
        meeting = Meeting.objects.create(
            committee=committee,
            fiscal_year=fy,
            number=number,
            date=date,
            start_time=start_time,
            end_time=end_time,
            venue=venue,
        )
        Minutes.objects.create(meeting=meeting)
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.created",
            obj=meeting,
            changes={"date": date, "number": number, "venue": venue},
        )
        _carry_over_into(meeting)
    return meeting


def meeting_update(
    *,
    actor,
    meeting: Meeting,
    start_time: time | None,
    end_time: time | None,
    venue: Venue | None,
    status: str,
) -> Meeting:
    """Change the times, venue (None = 未定) or status; the date stays (it fixes the number)."""
    require_role(actor, Role.STAFF)
    if start_time and end_time and end_time <= start_time:
        raise InvalidInput(_("The meeting cannot end before it starts."))
    with transaction.atomic():
        _check_editable(meeting)
        before = {f: getattr(meeting, f) for f in ("start_time", "end_time", "venue", "status")}
        meeting.start_time, meeting.end_time = start_time, end_time
        meeting.venue, meeting.status = venue, status
        meeting.save(update_fields=["start_time", "end_time", "venue", "status"])
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.updated",
            obj=meeting,
            changes={k: [v, getattr(meeting, k)] for k, v in before.items()},
        )
    return meeting


def meeting_schedule_next(
    *,
    actor,
    meeting: Meeting,
    date: date,
    start_time: time | None = None,
    end_time: time | None = None,
    venue: Venue | None = None,
) -> Meeting:
    """Schedule the next meeting from the current one and note it under その他.

    The note reads as the seed's 「次回は2月22日(火)午後7時から。場所は未定。」; it is added only
    while the current minutes are still editable and no such item exists yet.
    """
    require_role(actor, Role.STAFF)
    if date <= meeting.date:
        raise InvalidInput(_("The next meeting must be after this one."))
    with transaction.atomic():
        following = meeting_create(
            actor=actor,
            committee=meeting.committee,
            date=date,
            start_time=start_time,
            end_time=end_time,
            venue=venue,
        )
        minutes = Minutes.objects.get(meeting=meeting)
        title = NEXT_MEETING_TITLE.format(committee=meeting.committee.name)
        exists = AgendaItem.objects.filter(
            meeting=meeting, category=AgendaItem.Category.OTHER, title=title
        ).exists()
        if not minutes.is_confirmed and not exists:
            when = f"{date.month}月{date.day}日({format_wareki(date)[-2]})"
            if start_time:
                when += format_time_ja(start_time) + "から"
            where = f"場所は{venue.name}。" if venue else "場所は未定。"
            item = AgendaItem.objects.create(
                meeting=meeting,
                category=AgendaItem.Category.OTHER,
                number=_next_number(meeting, AgendaItem.Category.OTHER),
                title=title,
            )
            MinutesEntry.objects.create(
                item=item,
                position=1,
                kind=MinutesEntry.Kind.STATEMENT,
                speaker="事務局",
                text=f"次回は{when}。{where}",
            )
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.next_scheduled",
            obj=meeting,
            changes={"next": str(following), "date": date},
        )
    return following


def meeting_send_notice(*, actor, meeting: Meeting) -> int:
    """Send the notice (招集通知) with the agenda to every seated member with an address."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != Meeting.Status.SCHEDULED:
            raise InvalidInput(_("A notice can only be sent for a scheduled meeting."))
        body = notice_text(meeting)
        subject = f"【招集通知】{meeting}"
        count = 0
        for seat in memberships_on(committee=meeting.committee, on=meeting.date):
            if seat.member.email:
                outbox_enqueue(
                    to=seat.member.email,
                    subject=subject,
                    body=f"{seat.member.name}委員\n\n{body}",
                    kind="committees.meeting.notice",
                    related=meeting,
                )
                count += 1
        meeting.notice_sent_at = timezone.now()
        meeting.save(update_fields=["notice_sent_at"])
        audit_log(
            actor=actor,
            action="kyodo.committees.meeting.notice_sent",
            obj=meeting,
            changes={"recipients": count},
        )
    return count


def notice_text(meeting: Meeting) -> str:
    """The body of the notice: when, where (or 未定) and the agenda by category."""
    lines = [
        f"{meeting}を下記のとおり開催します。",
        "",
        f"■開催日時：{format_wareki(meeting.date)}",
    ]
    if meeting.start_time and meeting.end_time:
        lines[-1] += " " + format_time_range_ja(meeting.start_time, meeting.end_time)
    elif meeting.start_time:
        lines[-1] += " " + format_time_ja(meeting.start_time) + "から"
    lines.append(f"■開催会場：{meeting.venue.name if meeting.venue else '未定'}")
    lines.append("■議題")
    items = list(meeting.items.all())
    for category in AgendaItem.CATEGORY_ORDER:
        in_category = [i for i in items if i.category == category]
        if in_category:
            lines.append(f"{AgendaItem.CATEGORY_JA[category]}")
            lines.extend(f"  {i.number}. {i.title}" for i in in_category)
    return "\n".join(lines) + "\n"


def attendance_record(*, actor, meeting: Meeting, member: Member, status: str) -> Attendance:
    """Record whether a seated member attended (出席 / 欠席 / オンライン)."""
    require_role(actor, Role.STAFF)
    if status not in Attendance.Status.values:
        raise InvalidInput()
    with transaction.atomic():
        _check_editable(meeting)
        if not memberships_on(committee=meeting.committee, on=meeting.date).filter(member=member):
            raise InvalidInput(_("This person held no seat on the day of the meeting."))
        attendance, _created = Attendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"status": status}
        )
        audit_log(
            actor=actor,
            action="kyodo.committees.attendance.recorded",
            obj=meeting,
            changes={"member": member.name, "status": status},
        )
    return attendance


# --- agenda ------------------------------------------------------------------------------------


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
        _check_editable(meeting)
        item = AgendaItem.objects.create(
            meeting=meeting,
            category=category,
            number=_next_number(meeting, category),
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
        _check_editable(item.meeting)
        changes = {"title": [item.title, title.strip()], "body": [item.body, body]}
        item.title, item.body = title.strip(), body
        item.save(update_fields=["title", "body"])
        audit_log(actor=actor, action="kyodo.committees.item.updated", obj=item, changes=changes)
    return item


def business_report_text(*, year: int, month: int, source: Callable[..., str] | None = None) -> str:
    """Text to prefill the 業務報告 item with: the monthly report of the month, if available.

    The reports app is optional here (it may not be installed or written yet), so a missing
    ``kyodo.reports.services.monthly_report_text`` gives an empty prefill, never an error.
    """
    if source is None:
        try:
            from kyodo.reports.services import monthly_report_text as source
        except ImportError:
            return ""
    return source(year=year, month=month)


def document_add(*, actor, item: AgendaItem, title: str, file) -> AgendaDocument:
    """Attach a paper (資料) to an agenda item."""
    require_role(actor, Role.STAFF)
    if not title.strip() or file is None:
        raise InvalidInput(_("Give the document a title and a file."))
    with transaction.atomic():
        _check_editable(item.meeting)
        document = AgendaDocument.objects.create(item=item, title=title.strip(), file=file)
        audit_log(
            actor=actor,
            action="kyodo.committees.document.added",
            obj=document,
            changes={"item": str(item), "title": document.title},
        )
    return document


def _carry_over_into(meeting: Meeting) -> list[AgendaItem]:
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
            meeting__committee=meeting.committee,
            meeting__date__lt=meeting.date,
            decision__outcome=Decision.Outcome.DEFERRED,
            carried_to__isnull=True,
        )
        .select_related("meeting")
        .order_by("meeting__date", "category", "number")
    )
    for old in deferred:
        added.append(
            AgendaItem.objects.create(
                meeting=meeting,
                category=old.category,
                number=_next_number(meeting, old.category),
                title=old.title,
                body=old.body,
                carried_from=old,
                minutes_for=old.minutes_for,
            )
        )
    waiting = Minutes.objects.filter(
        meeting__committee=meeting.committee,
        meeting__date__lt=meeting.date,
        status=Minutes.Status.CIRCULATED,
        approval_items__isnull=True,
    ).select_related("meeting__committee")
    for minutes in waiting:
        added.append(
            AgendaItem.objects.create(
                meeting=meeting,
                category=AgendaItem.Category.DELIBERATION,
                number=_next_number(meeting, AgendaItem.Category.DELIBERATION),
                title=approval_title(minutes),
                minutes_for=minutes,
            )
        )
    return added


def approval_title(minutes: Minutes) -> str:
    """「2010年度第8回運営委員会会議録について」."""
    m = minutes.meeting
    return f"{m.fiscal_year}年度第{m.number}回{m.committee.name}会議録について"


# --- decisions and requests --------------------------------------------------------------------


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
        _check_editable(item.meeting)
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
        if outcome == Decision.Outcome.DEFERRED and (following := _next_scheduled(item.meeting)):
            _carry_over_into(following)
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


def appointment_add(
    *,
    actor,
    committee: Committee,
    member: Member,
    title: str,
    term_start: date,
    term_end: date | None = None,
    decided_at: AgendaItem | None = None,
) -> Appointment:
    """Record a position with a term (社会福祉協議会担当理事候補 until 4月1日)."""
    require_role(actor, Role.STAFF)
    if not title.strip():
        raise InvalidInput(_("Name the position."))
    if term_end and term_end < term_start:
        raise InvalidInput(_("The term ends before it starts."))
    with transaction.atomic():
        appointment = Appointment.objects.create(
            committee=committee,
            member=member,
            title=title.strip(),
            term_start=term_start,
            term_end=term_end,
            decided_at=decided_at,
        )
        audit_log(
            actor=actor,
            action="kyodo.committees.appointment.added",
            obj=appointment,
            changes={"member": member.name, "term": [term_start, term_end]},
        )
    return appointment


# --- minutes entries ---------------------------------------------------------------------------

_ROLE_LABELS = {"委員長": Membership.Role.CHAIR, "副委員長": Membership.Role.VICE_CHAIR}


def _member_for(meeting: Meeting, speaker: str) -> Member | None:
    """The member a speaker label names: 委員長 → the chair that day, 「熊田委員」 → 熊田."""
    label = "".join(speaker.split())
    seats = memberships_on(committee=meeting.committee, on=meeting.date)
    if label in _ROLE_LABELS:
        seat = seats.filter(role=_ROLE_LABELS[label]).first()
        return seat.member if seat else None
    for suffix in ("副委員長", "委員長", "委員"):
        if label.endswith(suffix) and len(label) > len(suffix):
            label = label.removesuffix(suffix)
            break
    seat = seats.filter(member__name=label).first()
    return seat.member if seat else None


def _entry_from(meeting: Meeting, item: AgendaItem, position: int, entry: Entry) -> MinutesEntry:
    speaker = "".join((entry.speaker or "").split()) if entry.kind == "statement" else ""
    return MinutesEntry(
        item=item,
        position=position,
        kind=entry.kind,
        speaker=speaker,
        member=_member_for(meeting, speaker) if speaker else None,
        text=entry.text,
    )


def _entries_changed(meeting_id: int) -> None:
    """Announce a bulk change of a meeting's entries (no model signal is sent for those)."""
    minutes_entries_changed.send(sender=Meeting, meeting_id=meeting_id)


def _renumber(item: AgendaItem) -> None:
    for position, entry in enumerate(item.entries.order_by("position", "pk"), start=1):
        if entry.position != position:
            MinutesEntry.objects.filter(pk=entry.pk).update(position=position)


def preview_entries(text: str) -> list[Entry]:
    """Parse house-format text for the preview; the parser's Japanese message on failure."""
    try:
        entries = parse_entries(text)
    except MinutesParseError as exc:
        raise InvalidInput(exc.message) from None
    if not entries:
        raise InvalidInput(_("No statements or notes were found in the text."))
    for entry in entries:
        if entry.kind == "statement" and not (entry.speaker or "").strip():
            raise InvalidInput(_("A statement has no speaker."))
    return entries


def minutes_entries_set(
    *, actor, item: AgendaItem, entries: Iterable[Entry], append: bool = False
) -> list[MinutesEntry]:
    """Replace (or extend) the entries of one item with ``entries``, in order."""
    require_role(actor, Role.STAFF)
    entries = list(entries)
    with transaction.atomic():
        _check_editable(item.meeting)
        if not append:
            item.entries.all().delete()
        start = (item.entries.aggregate(n=Max("position"))["n"] or 0) + 1
        rows = MinutesEntry.objects.bulk_create(
            [_entry_from(item.meeting, item, start + i, e) for i, e in enumerate(entries)]
        )
        _entries_changed(item.meeting_id)
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
        _check_editable(entry.item.meeting)
        changes = {"speaker": [entry.speaker, speaker], "text": [entry.text, text.strip()]}
        entry.speaker = speaker if entry.kind == MinutesEntry.Kind.STATEMENT else ""
        entry.member = _member_for(entry.item.meeting, speaker) if entry.speaker else None
        entry.text = text.strip()
        entry.save(update_fields=["speaker", "member", "text"])
        audit_log(
            actor=actor, action="kyodo.committees.minutes.entry_updated", obj=entry, changes=changes
        )
    return entry


def entry_move(*, actor, entry: MinutesEntry, up: bool) -> None:
    """Swap an entry with the one above (``up``) or below it."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        _check_editable(entry.item.meeting)
        siblings = list(entry.item.entries.select_for_update().order_by("position", "pk"))
        index = [e.pk for e in siblings].index(entry.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(siblings):
            raise InvalidInput(_("The entry cannot move further."))
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            MinutesEntry.objects.filter(pk=sibling.pk).update(position=position)
        _entries_changed(entry.item.meeting_id)
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
        _check_editable(entry.item.meeting)
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
        _renumber(entry.item)
        _entries_changed(entry.item.meeting_id)
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
        _check_editable(entry.item.meeting)
        following = entry.item.entries.filter(position__gt=entry.position).order_by("position")
        nxt = following.first()
        if nxt is None:
            raise InvalidInput(_("There is no entry below to join."))
        entry.text += nxt.text
        entry.save(update_fields=["text"])
        nxt.delete()
        _renumber(entry.item)
        _entries_changed(entry.item.meeting_id)
        audit_log(actor=actor, action="kyodo.committees.minutes.entries_joined", obj=entry)
    return entry


def entry_delete(*, actor, entry: MinutesEntry) -> None:
    """Remove one entry from draft minutes."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        _check_editable(entry.item.meeting)
        item = entry.item
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.entry_deleted",
            obj=entry,
            changes={"text": entry.text},
        )
        entry.delete()
        _renumber(item)
        _entries_changed(item.meeting_id)


def minutes_revise(
    *, actor, minutes: Minutes, item: AgendaItem, text: str, reason: str
) -> MinutesRevision:
    """Correct confirmed minutes as a new revision: the old content, reason and author are kept.

    Confirmed minutes are never overwritten silently: the revision row holds the whole previous
    content and its hash, and the minutes get a new hash.
    """
    from kyodo.committees.export import content_hash, minutes_document

    require_role(actor, Role.STAFF)
    if not reason.strip():
        raise InvalidInput(_("Give the reason for the correction."))
    entries = preview_entries(text)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if not minutes.is_confirmed:
            raise InvalidInput(
                _("Draft minutes are edited directly; revisions are for confirmed minutes.")
            )
        if item.meeting_id != minutes.meeting_id:
            raise InvalidInput()
        previous = minutes_document(minutes, labels="stored").to_dict()
        number = (minutes.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
        revision = MinutesRevision.objects.create(
            minutes=minutes,
            number=number,
            reason=reason.strip(),
            author=actor,
            previous_content=previous,
            previous_hash=minutes.content_hash,
        )
        item.entries.all().delete()
        MinutesEntry.objects.bulk_create(
            [_entry_from(minutes.meeting, item, i, e) for i, e in enumerate(entries, start=1)]
        )
        minutes.content_hash = content_hash(minutes)
        minutes.save(update_fields=["content_hash"])
        _entries_changed(minutes.meeting_id)
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.revised",
            obj=minutes,
            changes={"revision": number, "reason": revision.reason, "item": item.title},
        )
    return revision


# --- circulation -------------------------------------------------------------------------------


def _circulation_mail(recipient: CirculationRecipient) -> tuple[str, str]:
    minutes = recipient.circulation.minutes
    link = f"{settings.SITE_URL}/committee/check/{recipient.token}/"
    subject = f"【確認依頼】{minutes.meeting}会議録(未定稿)"
    body = (
        f"{recipient.member.name}委員\n\n"
        f"{minutes.meeting}の会議録(未定稿)をお送りします。\n"
        "下記のリンクから内容をご確認ください。訂正があれば各発言の欄からお知らせください。\n\n"
        f"{link}\n\n"
        "このリンクはあなた専用です。ほかの方に転送しないでください。\n"
    )
    return subject, body


def _send_to(recipient: CirculationRecipient) -> None:
    subject, body = _circulation_mail(recipient)
    recipient.message = outbox_enqueue(
        to=recipient.member.email,
        subject=subject,
        body=body,
        kind="committees.minutes.circulation",
        related=recipient,
    )
    recipient.save(update_fields=["message"])


def minutes_circulate(*, actor, minutes: Minutes) -> Circulation:
    """Send the draft minutes to every member seated on the meeting day, each a personal link.

    Members without an address get a link too (staff hand the minutes over on paper). The
    minutes go on the next meeting's agenda for approval.
    """
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
        if minutes.is_confirmed:
            raise MinutesConfirmed()
        if not MinutesEntry.objects.filter(item__meeting=minutes.meeting).exists():
            raise InvalidInput(_("The minutes have no entries yet."))
        circulation = Circulation.objects.create(minutes=minutes)
        for seat in memberships_on(committee=minutes.meeting.committee, on=minutes.meeting.date):
            recipient = CirculationRecipient.objects.create(
                circulation=circulation, member=seat.member, token=secrets.token_urlsafe(32)
            )
            if seat.member.email:
                _send_to(recipient)
        minutes.status = Minutes.Status.CIRCULATED
        minutes.save(update_fields=["status"])
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.circulated",
            obj=minutes,
            changes={"recipients": circulation.recipients.count()},
        )
        if following := _next_scheduled(minutes.meeting):
            _carry_over_into(following)
    return circulation


def recipient_open(*, token: str) -> CirculationRecipient | None:
    """A member opened their personal link: record the first time (受領). Public action."""
    with transaction.atomic():
        recipient = (
            CirculationRecipient.objects.select_for_update()
            .select_related("member", "circulation__minutes__meeting__committee")
            .filter(token=token)
            .first()
        )
        if recipient is None:
            return None
        if recipient.opened_at is None:
            recipient.opened_at = timezone.now()
            recipient.save(update_fields=["opened_at"])
            audit_log(
                actor=None,
                action="kyodo.committees.minutes.received",
                obj=recipient,
                changes={"member": recipient.member.name},
            )
    return recipient


def correction_submit(*, token: str, entry_id: int | None, text: str) -> CorrectionRequest:
    """A member asks for a correction of an entry (or of the minutes as a whole). Public."""
    if not text.strip():
        raise InvalidInput(_("Write the correction you ask for."))
    with transaction.atomic():
        recipient = (
            CirculationRecipient.objects.select_for_update()
            .select_related("circulation__minutes")
            .filter(token=token)
            .first()
        )
        if recipient is None:
            raise InvalidInput(_("This link is not valid."))
        minutes = recipient.circulation.minutes
        if minutes.is_confirmed:
            raise MinutesConfirmed()
        entry = None
        if entry_id is not None:
            entry = MinutesEntry.objects.filter(pk=entry_id, item__meeting=minutes.meeting).first()
            if entry is None:
                raise InvalidInput(_("This entry is not part of these minutes."))
        if recipient.opened_at is None:
            recipient.opened_at = timezone.now()
            recipient.save(update_fields=["opened_at"])
        correction = CorrectionRequest.objects.create(
            recipient=recipient, entry=entry, text=text.strip()
        )
        audit_log(
            actor=None,
            action="kyodo.committees.minutes.correction_requested",
            obj=correction,
            changes={"member": str(recipient.member), "entry": entry_id},
        )
    return correction


def correction_resolve(*, actor, correction: CorrectionRequest) -> CorrectionRequest:
    """Staff mark a correction request as dealt with."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        correction.resolved = True
        correction.save(update_fields=["resolved"])
        audit_log(
            actor=actor, action="kyodo.committees.minutes.correction_resolved", obj=correction
        )
    return correction


def recipient_resend(*, actor, recipient: CirculationRecipient) -> CirculationRecipient:
    """Send the member's link again, to the address the member has now."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        recipient = CirculationRecipient.objects.select_for_update().get(pk=recipient.pk)
        if recipient.circulation.minutes.is_confirmed:
            raise MinutesConfirmed()
        if not recipient.member.email:
            raise InvalidInput(_("This member has no e-mail address."))
        _send_to(recipient)
        audit_log(
            actor=actor,
            action="kyodo.committees.minutes.resent",
            obj=recipient,
            changes={"to": recipient.member.email},
        )
    return recipient


def recipient_mark_paper(*, actor, recipient: CirculationRecipient) -> CirculationRecipient:
    """Record that staff handed the draft over on paper (it counts as received)."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        recipient = CirculationRecipient.objects.select_for_update().get(pk=recipient.pk)
        if recipient.paper_at is None:
            recipient.paper_at = timezone.now()
            recipient.save(update_fields=["paper_at"])
        audit_log(actor=actor, action="kyodo.committees.minutes.handed_on_paper", obj=recipient)
    return recipient


def committee_update(*, actor, committee: Committee, speaker_labels: str) -> Committee:
    """Change how published minutes label the members (by role or by name)."""
    require_role(actor, Role.STAFF)
    from kyodo.committees.models import SpeakerLabels

    if speaker_labels not in SpeakerLabels.values:
        raise InvalidInput()
    with transaction.atomic():
        changes = {"speaker_labels": [committee.speaker_labels, speaker_labels]}
        committee.speaker_labels = speaker_labels
        committee.save(update_fields=["speaker_labels"])
        audit_log(
            actor=actor, action="kyodo.committees.committee.updated", obj=committee, changes=changes
        )
    return committee
