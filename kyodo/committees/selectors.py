from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.validators import slug_re
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kyodo.committees.models import (
    ActionItem,
    AgendaItem,
    Appointment,
    Attendance,
    Circulation,
    CirculationRecipient,
    Committee,
    Meeting,
    Member,
    Membership,
    Minutes,
)
from kyodo.core.models import OutboxMessage
from kyodo.core.statements import Prepared
from kyodo.core.text import gojuon_key, sort_by_reading

# The staff committee pages' statements, compiled once per process (kyodo.core.statements).
_FIRST_COMMITTEE = Prepared(lambda: Committee.objects.order_by("pk")[:1])
_COMMITTEE_BY_SLUG = Prepared(lambda slug: Committee.objects.filter(slug=slug), slug="unei")


def committee_chosen(slug: str | None) -> Committee | None:
    """The committee a page's ``?committee=<slug>`` names, else the first; a slug that cannot be
    one (a NUL byte, which PostgreSQL refuses to compare) names none."""
    if not slug:
        return _FIRST_COMMITTEE.first()
    can_be = len(slug) <= Committee._meta.get_field("slug").max_length and slug_re.match(slug)
    return _COMMITTEE_BY_SLUG.first(slug=slug) if can_be else None


def memberships_on(*, committee, on: date) -> QuerySet[Membership]:
    """Seats held on a date, in gojūon order of the members' stored readings."""
    return (
        Membership.objects.filter(committee=committee, term_start__lte=on)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
        .select_related("member")
        .order_by("member__name_reading", "member__pk")
    )


def meeting_with_agenda(*, pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("committee__center", "venue", "minutes")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.select_related("decision", "carried_from__meeting")
                .prefetch_related("entries__member", "documents", "action_items")
                .order_by("category", "number"),
            )
        )
        .get(pk=pk)
    )


def held_before(meeting: Meeting, prefix: str = "") -> Q:
    """Meetings that come before ``meeting``: on an earlier day, or on the same day at an earlier
    start time, or (start times equal or not known) with a lower number. Two meetings on one day
    (「同じ日に別の会議があっても開催する」) are ordered so: the second approves the first's
    minutes and takes over what the first put off. ``prefix`` is a lookup path to the meeting
    ("meeting__")."""
    return _ordered(meeting, prefix, "lt")


def held_after(meeting: Meeting, prefix: str = "") -> Q:
    """Meetings that come after ``meeting`` (see :func:`held_before`)."""
    return _ordered(meeting, prefix, "gt")


def _ordered(meeting: Meeting, prefix: str, side: str) -> Q:
    # ``side`` "lt": before; "gt": after.
    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    same_day_numbered = q(date=meeting.date, **{f"number__{side}": meeting.number})
    if meeting.start_time is None:
        same_day = same_day_numbered
    else:
        same_day = q(date=meeting.date, **{f"start_time__{side}": meeting.start_time}) | (
            same_day_numbered & (q(start_time=meeting.start_time) | q(start_time__isnull=True))
        )
    return q(**{f"date__{side}": meeting.date}) | same_day


def numbered_before(meeting: Meeting) -> Meeting | None:
    """A meeting of the same fiscal year with a lower number but a later date (第2回 after the
    第3回 just added for an earlier day), the first by number; None when the numbers follow the
    dates."""
    return (
        Meeting.objects.filter(
            committee=meeting.committee_id,
            fiscal_year=meeting.fiscal_year,
            date__gt=meeting.date,
            number__lt=meeting.number,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("committee")
        .order_by("number")
        .first()
    )


def agenda_sections(
    meeting: Meeting, items: Iterable[AgendaItem] | None = None
) -> list[tuple[int, str, list[AgendaItem]]]:
    """(number, heading, items) for the four categories, in the house order, non-empty only;
    ``items`` the meeting's, when read apart (the order they come in does not matter: a number
    is unique within a category)."""
    items = list(meeting.items.all() if items is None else items)
    sections = []
    for category in AgendaItem.CATEGORY_ORDER:
        in_category = sorted((i for i in items if i.category == category), key=lambda i: i.number)
        if in_category:
            sections.append((len(sections) + 1, AgendaItem.CATEGORY_JA[category], in_category))
    return sections


def attendees(*, meeting: Meeting) -> list[Member]:
    """Members who attended (in the room or online), in gojūon order of their stored readings."""
    rows = Attendance.objects.filter(
        meeting=meeting, status__in=[Attendance.Status.PRESENT, Attendance.Status.ONLINE]
    ).select_related("member")
    return sort_by_reading([a.member for a in rows], key=lambda m: m.name_reading)


def absent_speakers(*, meeting: Meeting, entries: Iterable) -> list[str]:
    """Warnings about the speakers of ``entries`` (rows with their ``member``, saved or not):

    - a member who speaks but is recorded as absent (欠席) from ``meeting``: 「山辺委員は欠席として
      記録されています。…」. Either the attendance or the speaker is wrong, and only staff know
      which, so the minutes pages warn rather than refuse;
    - a label that several members serving that day fit (two 渡邉): it is linked to none of them,
      and the warning says to write the full name.

    A row not linked to a member is matched here as the minutes would match it
    (``speakers.match_speaker``), so that rows saved before a member's name was completed warn too.
    """
    from django.utils.translation import gettext as _

    from kyodo.committees.speakers import (
        ROLE_LABELS,
        display_name,
        match_key,
        match_speaker,
        strip_title,
    )

    entries = [e for e in entries if getattr(e, "kind", "statement") == "statement"]
    absent = set(
        Attendance.objects.filter(meeting=meeting, status=Attendance.Status.ABSENT).values_list(
            "member_id", flat=True
        )
    )
    unlinked = [e for e in entries if not e.member_id and (e.speaker or "").strip()]
    seats = list(memberships_on(committee=meeting.committee, on=meeting.date)) if unlinked else []
    warnings: list[str] = []

    def add(warning: str) -> None:
        if warning not in warnings:
            warnings.append(warning)

    for entry in entries:
        member = entry.member if entry.member_id else None
        if member is None and (entry.speaker or "").strip():
            found = match_speaker(entry.speaker, seats)
            member = found.member
            if found.ambiguous:
                names = [display_name(m.name) for m in found.ambiguous]
                add(
                    _(
                        "%(speaker)s could be any of %(members)s: the statement is linked to no "
                        "member. Write the speaker's full name, as in %(example)s."
                    )
                    % {
                        "speaker": f"「{entry.speaker}」",
                        "members": "、".join(names),
                        "example": f"「{names[0]}委員」",
                    }
                )
        if member is None or member.pk not in absent:
            continue
        label = match_key(entry.speaker)
        title = label if label in ROLE_LABELS else strip_title(label)[1]
        suffix = title if title in ("副委員長", "委員長", "副会長", "会長") else "委員"
        add(
            _(
                "%(speaker)s is recorded as absent from this meeting: correct the attendance or "
                "the speaker."
            )
            % {"speaker": f"{display_name(member.name)}{suffix}"}
        )
    return warnings


@dataclass(frozen=True)
class Quorum:
    present: int
    required: int | None

    @property
    def reached(self) -> bool:
        return self.required is None or self.present >= self.required


def quorum_of(*, meeting: Meeting) -> Quorum:
    return Quorum(present=len(attendees(meeting=meeting)), required=meeting.committee.quorum)


def terms_ending(*, committee, today: date, days: int = 90) -> list[tuple[date, str, str]]:
    """(end, person, what) for seats and appointments whose term ends within ``days``: a seat
    another seat of the member continues (from the next day or overlapping) does not end, and
    one whose member staff confirmed as leaving needs nothing more."""
    from kyodo.committees.services.members import seats_ending_soon

    until = today + timedelta(days=days)
    seats = seats_ending_soon(today=today, days=days, committee=committee)
    appointments = Appointment.objects.filter(
        committee=committee, term_end__gte=today, term_end__lte=until
    ).select_related("member")
    return _by_end_and_reading(
        [(s.term_end, s.member.name_reading, s.member.name, s.get_role_display()) for s in seats]
        + [(a.term_end, a.member.name_reading, a.member.name, a.title) for a in appointments]
    )


def _by_end_and_reading(rows: list[tuple[date, str, str, str]]) -> list[tuple[date, str, str]]:
    """(end, reading, person, what) rows as (end, person, what), by end; the same day in gojūon
    order of the members' stored readings."""
    rows.sort(key=lambda r: (r[0], gojuon_key(r[1])))
    return [(end, person, what) for end, _reading, person, what in rows]


def _label(choices: dict, value) -> str:
    # What ``get_<field>_display()`` gives, from the field's choices as a dict.
    return str(choices.get(value, value))


_ROLES = dict(Membership.Role.choices)
_SECTORS = dict(Member.Sector.choices)


@dataclass(frozen=True)
class Seat:
    name: str
    name_reading: str
    role: str  # its label
    sector: str  # its label
    term_start: date
    term_end: date | None


@dataclass(frozen=True)
class AppointmentRow:
    title: str
    name: str
    term_start: date
    term_end: date | None


@dataclass(frozen=True)
class CommitteePeople:
    seats: list[Seat]  # held today, in the order of memberships_on
    appointments: list[AppointmentRow]  # every appointment, in their order (term end)
    terms_ending: list[tuple[date, str, str]]  # as terms_ending gives them


# Seats not ended (held today, ending soon, or starting later), told apart by committee_people.
_SEATS_NOT_ENDED = Prepared(
    lambda committee_id, today: (
        Membership.objects.filter(committee_id=committee_id)
        .exclude(term_end__lt=today)
        .order_by("member__name_reading", "member__pk")
        .values_list(
            "member__name", "member__name_reading", "role", "member__sector", "term_start",
            "term_end", "pk", "member_id", "leaving_confirmed_at",
        )
    ),
    committee_id=1,
    today=date(2000, 4, 1),
)  # fmt: skip
_APPOINTMENTS = Prepared(
    lambda committee_id: Appointment.objects.filter(committee_id=committee_id).values_list(
        "title", "member__name", "member__name_reading", "term_start", "term_end"
    ),
    committee_id=1,
)


# The house order of a member list: 委員長, 副委員長, then the others in gojūon order.
_ROLE_RANK = {Membership.Role.CHAIR: 0, Membership.Role.VICE_CHAIR: 1}


def seat_order(role: str, reading: str) -> tuple:
    """The sort key of a seat in a member list (the public page, the staff committee page)."""
    return (_ROLE_RANK.get(role, 2), gojuon_key(reading or ""))


def committee_people(*, committee, today: date, days: int = 90) -> CommitteePeople:
    """The staff committee page's people in two queries of plain values: the seats held today,
    every appointment and, from the same rows, the terms ending within ``days``."""
    until = today + timedelta(days=days)
    seats = _SEATS_NOT_ENDED.rows(committee_id=committee.pk, today=today)
    appointments = _APPOINTMENTS.rows(committee_id=committee.pk)

    def ends_soon(end: date | None) -> bool:
        return end is not None and today <= end <= until

    def continued(pk: int, member_id: int, end: date) -> bool:
        # Another seat of the member from the next day on, or overlapping (as terms_ending).
        return any(
            other[6] != pk
            and other[7] == member_id
            and other[4] <= end + timedelta(days=1)
            and (other[5] is None or other[5] > end)
            for other in seats
        )

    rows: list[tuple[date, str, str, str]] = []
    held_seats = []
    for name, reading, role, sector, start, end, pk, member_id, leaving in sorted(
        seats, key=lambda seat: seat_order(seat[2], seat[1])
    ):
        role = _label(_ROLES, role)
        if start <= today and (end is None or end >= today):
            held_seats.append(Seat(name, reading, role, _label(_SECTORS, sector), start, end))
        if ends_soon(end) and leaving is None and not continued(pk, member_id, end):
            rows.append((end, reading, name, role))
    appointment_rows = []
    for title, name, reading, start, end in appointments:
        appointment_rows.append(AppointmentRow(title, name, start, end))
        if ends_soon(end):
            rows.append((end, reading, name, title))
    return CommitteePeople(
        seats=held_seats, appointments=appointment_rows, terms_ending=_by_end_and_reading(rows)
    )


def open_action_items(*, meeting: Meeting) -> QuerySet[ActionItem]:
    """Requests from earlier meetings still open: the next meeting's agenda page lists them."""
    return (
        ActionItem.objects.filter(
            held_before(meeting, "meeting__"),
            meeting__committee=meeting.committee,
            status=ActionItem.Status.OPEN,
        )
        .select_related("meeting", "item")
        .order_by("meeting__date", "pk")
    )


@dataclass(frozen=True)
class Receipt:
    recipient: CirculationRecipient
    state: str  # received | paper | failed | pending | no_address

    @property
    def label(self):
        return RECEIPT_LABELS[self.state]


RECEIPT_LABELS = {
    "received": _("Received"),
    "paper": _("Handed over on paper"),
    "failed": _("Mail failed"),
    "pending": _("Not yet"),
    "no_address": _("No e-mail address"),
}


def receipt_state(recipient: CirculationRecipient) -> str:
    """One member's receipt of a circulation (its ``message`` loaded): ``received``, ``paper``,
    ``no_address``, ``failed`` or ``pending``."""
    message = recipient.message
    if recipient.opened_at:
        return "received"
    if recipient.paper_at:
        return "paper"
    if message is None:
        return "no_address"
    if message.status == OutboxMessage.Status.FAILED or (
        # A refused address is retried later; until then the board shows the failure.
        message.status == OutboxMessage.Status.QUEUED and message.last_error
    ):
        return "failed"
    return "pending"


def _recipients() -> QuerySet[CirculationRecipient]:
    return CirculationRecipient.objects.select_related("member", "message").order_by(
        "member__name_reading", "member__pk"
    )


def receipt_board(*, circulation: Circulation, as_of: datetime | None = None) -> list[Receipt]:
    """Each member's receipt of one circulation, from the link opened and the mail's status.

    With ``as_of``, the board as it stood at that moment (a held meeting's chair panel: as the
    meeting began): a receipt by link or on paper counts only if recorded before it; a member
    without one shows 送信失敗 if a mail of this circulation to her had bounced by then (a mail
    sent again later does not make up for it), else 未受領. Receipts and deliveries recorded
    after ``as_of`` are not counted."""
    board = [
        Receipt(recipient=recipient, state=receipt_state(recipient))
        for recipient in _recipients().filter(circulation=circulation)
    ]
    if as_of is None:
        return board
    return _board_as_of(board, as_of)


def _board_as_of(board: list[Receipt], as_of: datetime) -> list[Receipt]:
    """``board`` (today's) as it stood at ``as_of``: one query for the bounces, when a receipt
    was recorded later or the mail failed."""
    states: dict[int, str] = {}
    for receipt in board:
        r = receipt.recipient
        if receipt.state not in ("received", "paper", "failed"):
            states[r.pk] = receipt.state  # nothing recorded yet: not then either
        elif r.opened_at and r.opened_at < as_of:
            states[r.pk] = "received"
        elif r.paper_at and r.paper_at < as_of:
            states[r.pk] = "paper"
        elif r.message_id is None:
            states[r.pk] = "no_address"
    late = [receipt.recipient for receipt in board if receipt.recipient.pk not in states]
    bounced: set[str] = set()
    if late:
        from django.contrib.contenttypes.models import ContentType

        # Every mail of the circulation to a member names her copy (``related``): the first
        # one that bounced as well as the one sent again in its place.
        bounced = set(
            OutboxMessage.objects.filter(
                content_type=ContentType.objects.get_for_model(CirculationRecipient),
                object_id__in=[str(r.pk) for r in late],
                status=OutboxMessage.Status.FAILED,
                created_at__lt=as_of,
            ).values_list("object_id", flat=True)
        )
    for r in late:
        states[r.pk] = "failed" if str(r.pk) in bounced else "pending"
    return [Receipt(recipient=r.recipient, state=states[r.recipient.pk]) for r in board]


def latest_circulation_boards(
    minutes_list: list[Minutes],
) -> dict[int, tuple[Circulation, list[Receipt]]]:
    """``{minutes pk: (latest circulation, its receipt_board)}`` for several minutes in two
    queries (the staff to-do list); minutes never circulated are left out."""
    latest: dict[int, Circulation] = {}
    for circulation in Circulation.objects.filter(minutes__in=minutes_list).order_by(
        "-created_at", "-pk"
    ):
        latest.setdefault(circulation.minutes_id, circulation)
    boards: dict[int, list[Receipt]] = {c.pk: [] for c in latest.values()}
    if boards:
        for recipient in _recipients().filter(circulation__in=list(boards)):
            boards[recipient.circulation_id].append(
                Receipt(recipient=recipient, state=receipt_state(recipient))
            )
    return {pk: (c, boards[c.pk]) for pk, c in latest.items()}


@dataclass(frozen=True)
class PlannedRecipient:
    member: Member
    email: str  # "" when the member gets it on paper
    received_at: datetime | None  # the receipt by link that sending again resets
    paper_at: datetime | None  # the receipt on paper that sending again keeps
    # The last mail to the address, when it could not be delivered: the address may be wrong.
    failed: OutboxMessage | None = None


def circulation_plan(*, minutes: Minutes) -> list[PlannedRecipient]:
    """Who ``minutes_circulate`` would send the draft to (every member seated on the meeting
    day), by mail or on paper, with what their receipt of the last circulation becomes, and
    the addresses whose last mail failed (:func:`last_mail_failed`): the page that asks before
    sending lists it."""
    previous = {}
    if circulation := latest_circulation(minutes=minutes):
        previous = {r.member_id: r for r in circulation.recipients.all()}
    seats = list(memberships_on(committee=minutes.meeting.committee, on=minutes.meeting.date))
    failed = last_mail_failed([seat.member.email for seat in seats])
    plan = []
    for seat in seats:
        before = previous.get(seat.member_id)
        plan.append(
            PlannedRecipient(
                member=seat.member,
                email=seat.member.email,
                received_at=before.opened_at if before else None,
                paper_at=before.paper_at if before else None,
                failed=failed.get(seat.member.email.lower()) if seat.member.email else None,
            )
        )
    return plan


def last_mail_failed(addresses: Iterable[str]) -> dict[str, OutboxMessage]:
    """The addresses (lower-cased) whose last mail that left or gave up (sent or failed, of any
    kind) failed, with that message: one query for all of them."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Lower

    wanted = {a.lower() for a in addresses if a}
    if not wanted:
        return {}
    finished = OutboxMessage.objects.annotate(address=Lower("to")).filter(
        status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED]
    )
    last = finished.filter(address=OuterRef("address")).order_by("-created_at", "-pk")
    failed = finished.filter(
        address__in=wanted,
        status=OutboxMessage.Status.FAILED,
        pk=Subquery(last.values("pk")[:1]),
    ).only("pk", "to", "subject", "created_at", "claimed_at", "last_error")
    return {message.address: message for message in failed}


def latest_circulation(*, minutes: Minutes) -> Circulation | None:
    return minutes.circulations.order_by("-created_at", "-pk").first()


def minutes_to_check(*, user) -> QuerySet[CirculationRecipient]:
    """A member's personal links to circulated minutes not yet confirmed."""
    return (
        CirculationRecipient.objects.filter(
            member__user=user, circulation__minutes__status=Minutes.Status.CIRCULATED
        )
        .select_related("circulation__minutes__meeting__committee")
        .order_by("-circulation__created_at")
    )


def meetings_of_member(*, user) -> QuerySet[Meeting]:
    committees = Membership.objects.filter(member__user=user).values("committee")
    return (
        Meeting.objects.filter(committee__in=committees)
        .select_related("venue", "committee", "minutes")
        .order_by("-date")
    )


@dataclass(frozen=True)
class ApprovalCheck:
    """Whether minutes can be approved at an item's meeting, and why not.

    ``blocking`` reasons refuse the approval outright (the meeting is not held yet, is in the
    future, or the minutes were never circulated); ``warnings`` (no quorum, members who have not
    received the draft) refuse it unless staff record an override with its reason.
    """

    blocking: list[str]
    warnings: list[str]
    not_received: list[Receipt]
    # Set once the minutes are confirmed (確定): where and when, in place of any reason; their
    # approval can no longer change, so nothing else is checked.
    confirmed: str = ""
    # The meeting has begun but is still 予定: approving records it as held (開催済み) as well.
    marks_held: bool = False

    @property
    def ready(self) -> bool:
        return not self.confirmed and not self.blocking and not self.warnings

    @property
    def deferred_label(self) -> str:
        """The decision form's label of 継続審議, named in the advice so that the two agree."""
        from kyodo.committees.models import Decision

        return Decision.Outcome.DEFERRED.label


def approval_check(*, item: AgendaItem, today: date) -> ApprovalCheck | None:
    """The check for an item that approves minutes (None for any other item)."""
    from django.utils.translation import gettext as _

    minutes = item.minutes_for
    if minutes is None:
        return None
    if minutes.is_confirmed:
        return ApprovalCheck(
            blocking=[], warnings=[], not_received=[], confirmed=_confirmed(minutes)
        )
    meeting = item.meeting
    blocking: list[str] = []
    warnings: list[str] = []
    marks_held = False
    if meeting.date > today:
        blocking.append(
            _("The meeting is in the future: a decision cannot be dated in the future.")
        )
    elif meeting.status == Meeting.Status.SCHEDULED:
        # Begun and still 予定 (the secretariat did not record it as held): the approval
        # records it as held in the same step (``decision_record``); before it begins, why not.
        from kyodo.committees.exceptions import InvalidInput
        from kyodo.committees.services.meetings import check_started

        try:
            check_started(meeting)
            marks_held = True
        except InvalidInput as refused:
            blocking.append(str(refused.message))
    elif meeting.status != Meeting.Status.HELD:
        blocking.append(
            _("The meeting is not recorded as held: record it as held (開催済み) first.")
        )
    if minutes.status not in (Minutes.Status.CIRCULATED, Minutes.Status.APPROVED):
        blocking.append(_("The minutes have not been circulated to the members."))
    quorum = quorum_of(meeting=meeting)
    # Quorum is a fact of a held meeting: until then the meeting's own state is the reason.
    if not blocking and not quorum.reached:
        warnings.append(
            _("The meeting has no quorum: %(present)d present, %(required)d needed.")
            % {"present": quorum.present, "required": quorum.required}
        )
    circulation = latest_circulation(minutes=minutes)
    missing = [
        r
        for r in (receipt_board(circulation=circulation) if circulation else [])
        if r.state not in ("received", "paper")
    ]
    if missing:
        warnings.append(
            _("%(count)d members have not received the draft: %(names)s.")
            % {
                "count": len(missing),
                "names": "、".join(f"{r.recipient.member.name}（{r.label}）" for r in missing),
            }
        )
    return ApprovalCheck(
        blocking=blocking, warnings=warnings, not_received=missing, marks_held=marks_held
    )


def _confirmed(minutes: Minutes) -> str:
    """「会議録は令和8年度第3回運営委員会で承認され、令和8年12月1日(火)に確定しました。…」: the
    state of confirmed minutes, as their approval item shows it."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from kyodo.core.wareki import format_wareki

    when = format_wareki(timezone.localdate(minutes.confirmed_at)) if minutes.confirmed_at else ""
    approved_at = (
        AgendaItem.objects.select_related("meeting__committee").get(pk=minutes.approved_at_id)
        if minutes.approved_at_id
        else None
    )
    if approved_at is not None and when:
        return _(
            "The minutes were approved at %(meeting)s and confirmed (確定) on %(date)s; their "
            "approval can no longer change."
        ) % {"meeting": approved_at.meeting, "date": when}
    return _("The minutes are confirmed (確定); their approval can no longer change.")
