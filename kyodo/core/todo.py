"""The staff home page's to-do list: what needs doing, each line linking to where to act.

Each line is a :class:`TodoKind`: its label, the items, the querysets of the rows it counts, and
where the list lives: an existing filtered list (the groups waiting for review) or
``/staff/todo/<key>/``, whose rows each link to the page where the person acts. The home page shows
only the counts: every line's in one SQL statement (tests check each count equals the length of
its list of items, which is what the line links to).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kyodo.core.links import reverse_once

UPCOMING_DAYS = 7
TERM_WARNING_DAYS = 90


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    when: date | None = None
    detail: str = ""
    # What ``when`` is, where a row shows more than one date (期日 beside 相談日).
    when_label: str = ""
    # Further dates of the row, each with its label: (label, date).
    dates: tuple[tuple[str, date], ...] = ()


@dataclass(frozen=True)
class TodoKind:
    key: str
    label: str
    help: str
    items: Callable[[date], list[TodoItem]]
    # The rows the line counts: querysets whose counts add up to the length of ``items``.
    counted: Callable[[date], list[QuerySet]]
    # The list this line links to, when it is an existing page rather than /staff/todo/<key>/.
    list_url: Callable[[], str] | None = None

    def url(self) -> str:
        return self.list_url() if self.list_url else reverse_once("staff:todo", args=[self.key])


@dataclass(frozen=True)
class TodoLine:
    kind: TodoKind
    count: int
    url: str

    @property
    def count_text(self) -> str:
        # A {% blocktranslate count %}'s message, without the cost of the tag on the home page.
        return ngettext("%(counter)s item", "%(counter)s items", self.count) % {
            "counter": self.count
        }


# --- the selectors of each line ------------------------------------------------------------------


def group_applications(today: date) -> list[TodoItem]:
    from kyodo.organizations.models import Organization

    # Only what a line shows, in the staff list's order (without its duplicate checks).
    rows = (
        Organization.objects.filter(status=Organization.Status.APPLIED)
        .only("name", "submitted_at")
        .order_by("reading_order", "pk")
    )
    return [
        TodoItem(
            title=o.name,
            url=reverse("organizations-staff:detail", args=[o.pk]),
            when=timezone.localdate(o.submitted_at) if o.submitted_at else None,
        )
        for o in rows
    ]


def change_requests(today: date) -> list[TodoItem]:
    """変更届 waiting for review: a group's new registered details."""
    from kyodo.organizations.selectors import pending_change_requests

    return [
        TodoItem(
            title=str(request.organization),
            url=reverse("organizations-staff:change", args=[request.pk]),
            when=timezone.localdate(request.submitted_at),
        )
        for request in pending_change_requests().select_related("organization")
    ]


def _follow_ups_due(today: date) -> QuerySet:
    # A follow-up due today or before, or one saved without a date (before the service required
    # it): listed at once, or it would never be.
    from kyodo.consultations.models import Consultation

    return Consultation.objects.filter(
        Q(follow_up_on__lte=today) | Q(follow_up_on=None),
        follow_up_needed=True,
        follow_up_done_on=None,
    )


def _follow_up_detail(follow_up_on: date | None, today: date) -> str:
    if follow_up_on is None:
        return str(_("No follow-up date"))
    return str(_("Overdue")) if follow_up_on < today else str(_("Due today"))


def _summary_line(summary: str) -> str:
    lines = summary.strip().splitlines()
    return lines[0][:40] if lines else str(_("Consultation"))


def consultation_follow_ups(today: date) -> list[TodoItem]:
    # Two dates per row, each labelled and with its weekday: the follow-up's (when it is due)
    # and the consultation's (which one it is).
    rows = _follow_ups_due(today).order_by(F("follow_up_on").asc(nulls_first=True), "pk")
    return [
        TodoItem(
            title=_summary_line(c.summary),
            url=reverse("consultations-staff:detail", args=[c.pk]),
            when=c.follow_up_on,
            detail=_follow_up_detail(c.follow_up_on, today),
            when_label=str(_("Due on")),
            dates=((str(_("Date of consultation")), c.received_on),),
        )
        for c in rows
    ]


def overdue_action_items(today: date) -> list[TodoItem]:
    from kyodo.committees.models import ActionItem

    rows = (
        ActionItem.objects.filter(status=ActionItem.Status.OPEN, due_date__lt=today)
        .select_related("meeting__committee")
        .order_by("due_date", "pk")
    )
    return [
        TodoItem(
            title=a.description,
            url=reverse("committees-staff:meeting", args=[a.meeting_id]),
            when=a.due_date,
            detail=f"{a.meeting} / {a.assignee}",
        )
        for a in rows
    ]


def open_corrections(today: date) -> list[TodoItem]:
    from kyodo.committees.models import CorrectionRequest

    rows = (
        CorrectionRequest.objects.filter(resolved=False)
        .select_related("recipient__member", "recipient__circulation__minutes__meeting__committee")
        .order_by("created_at", "pk")
    )
    return [
        TodoItem(
            title=str(c.recipient.circulation.minutes.meeting),
            url=reverse("committees-staff:minutes", args=[c.recipient.circulation.minutes_id]),
            when=timezone.localdate(c.created_at),
            detail=f"{c.recipient.member.name}：{c.text[:60]}",
        )
        for c in rows
    ]


def drafts_not_received(today: date) -> list[TodoItem]:
    from kyodo.committees.models import Minutes
    from kyodo.committees.selectors import latest_circulation_boards

    items = []
    rows = list(
        Minutes.objects.filter(status=Minutes.Status.CIRCULATED)
        .select_related("meeting__committee")
        .order_by("meeting__date", "pk")
    )
    # Each one's latest circulation and its receipts in two queries, not two per minutes.
    boards = latest_circulation_boards(rows)
    for minutes in rows:
        if minutes.pk not in boards:
            continue
        circulation, board = boards[minutes.pk]
        waiting = [r.recipient.member.name for r in board if r.state not in ("received", "paper")]
        if waiting:
            items.append(
                TodoItem(
                    title=str(minutes.meeting),
                    url=reverse("committees-staff:minutes", args=[minutes.pk]),
                    when=timezone.localdate(circulation.created_at),
                    detail=str(_("Not yet received: %(names)s")) % {"names": "、".join(waiting)},
                )
            )
    return items


def failed_mail_waiting() -> QuerySet:
    """Failed mail that nothing has made up for yet.

    A failed message is made up for by a later message of the same kind about the same object
    that was delivered to the same recipient: to the same address (sent again as a new
    message), or, after the failure, to an address that mailing had not gone to before: the
    corrected one (a member's, an applicant's or a group's address fixed, then the circulation,
    the notice or the invitation sent again). The other recipients of the same mailing (a
    meeting notice's other members, sent with it or again later) do not count. A message about
    no object is made up for by the same subject delivered again to the same address.
    """
    from kyodo.core.models import OutboxMessage

    sent_later = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENT, kind=OuterRef("kind"), pk__gt=OuterRef("pk")
    )
    # Inside ``later``: the failed message's mailing had gone to this address by its failure.
    known_address = OutboxMessage.objects.filter(
        kind=OuterRef(OuterRef("kind")),
        content_type=OuterRef(OuterRef("content_type")),
        object_id=OuterRef(OuterRef("object_id")),
        created_at__lte=OuterRef(OuterRef("failed_at")),
        to__iexact=OuterRef("to"),
    )
    later = sent_later.filter(
        content_type=OuterRef("content_type"), object_id=OuterRef("object_id")
    ).filter(
        Q(to__iexact=OuterRef("to"))
        | Q(created_at__gt=OuterRef("failed_at")) & ~Exists(known_address)
    )
    again = sent_later.filter(
        content_type__isnull=True, subject=OuterRef("subject"), to__iexact=OuterRef("to")
    )
    return (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED)
        # Its last attempt (the claim of the attempt that failed).
        .annotate(failed_at=Coalesce("claimed_at", "created_at"))
        .exclude(Exists(later))
        .exclude(Q(content_type__isnull=True) & Exists(again))
    )


def failed_mail(today: date) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{m.subject} → {m.to}",
            url=reverse("staff:outbox-detail", args=[m.pk]),
            when=timezone.localdate(m.created_at),
        )
        for m in failed_mail_waiting().order_by("-created_at", "-pk")
    ]


def upcoming(today: date) -> list[TodoItem]:
    from kyodo.committees.models import Meeting
    from kyodo.events.models import Event

    until = today + timedelta(days=UPCOMING_DAYS)
    items = [
        TodoItem(
            title=str(m),
            url=reverse("committees-staff:meeting", args=[m.pk]),
            when=m.date,
            detail=str(m.venue) if m.venue else str(_("Venue not decided yet")),
        )
        # Those held already (today's, recorded) are no longer coming.
        for m in Meeting.objects.filter(date__gte=today, date__lte=until)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
        .select_related("committee", "venue")
    ]
    items += [
        TodoItem(
            title=str(e),
            url=reverse("events-staff:event", args=[e.pk]),
            when=e.date,
            detail=e.get_status_display(),
        )
        for e in Event.objects.filter(date__gte=today, date__lte=until)
        .exclude(status__in=[Event.Status.CANCELLED, Event.Status.HELD])
        .select_related("series")
    ]
    return sorted(items, key=lambda i: (i.when, i.title))


def terms_ending_soon(today: date) -> list[TodoItem]:
    """Seats that end (no next seat of the member continues them, the member not confirmed as
    leaving) and appointments that end, within the warning days, by end and reading."""
    from kyodo.committees.services.members import seats_ending_soon
    from kyodo.core.text import gojuon_key

    def people_url(committee) -> str:
        return reverse("committees-people:index") + f"?committee={committee.slug}"

    rows = [
        (s.term_end, s.member.name_reading, f"{s.member.name}（{s.get_role_display()}）", s)
        for s in seats_ending_soon(today=today, days=TERM_WARNING_DAYS)
    ] + [
        (a.term_end, a.member.name_reading, f"{a.member.name}（{a.title}）", a)
        for a in _appointments_ending(today).select_related("member", "committee")
    ]
    rows.sort(key=lambda r: (r[0], gojuon_key(r[1])))
    return [
        TodoItem(title=title, url=people_url(row.committee), when=end)
        for end, _reading, title, row in rows
    ]


def _appointments_ending(today: date) -> QuerySet:
    from kyodo.committees.models import Appointment

    until = today + timedelta(days=TERM_WARNING_DAYS)
    return Appointment.objects.filter(term_end__gte=today, term_end__lte=until)


def events_without_attendance(today: date) -> list[TodoItem]:
    """Published events whose day has passed with nobody's attendance recorded: the reports
    count an event once its attendance is recorded (it becomes held)."""
    return [
        TodoItem(
            title=str(e),
            url=reverse("events-staff:attendance", args=[e.pk]),
            when=e.date,
        )
        for e in _events_without_attendance(today)
        .select_related("series")
        .order_by("date", "start_time", "pk")
    ]


def _events_without_attendance(today: date) -> QuerySet:
    from kyodo.events.models import Event

    return Event.objects.filter(status=Event.Status.PUBLISHED, date__lt=today)


def members_without_password(today: date) -> list[TodoItem]:
    """Members seated today who have not set a password and whose invitation no longer works:
    each links to the member's page, which sends it again."""
    from kyodo.committees.services.members import members_without_password

    rows = members_without_password(today).select_related("user").order_by("name_reading", "pk")
    return [
        TodoItem(
            title=m.name,
            url=reverse("committees-people:member", args=[m.pk]),
            detail=str(
                _("Send the invitation again")
                if m.user.email
                else _("No e-mail address: print a new letter")
            ),
        )
        for m in rows
    ]


def _proposals_waiting():
    from kyodo.collaboration.models import Proposal

    decided = [Proposal.Status.ADOPTED, Proposal.Status.DECLINED]
    return Proposal.objects.filter(
        Q(status=Proposal.Status.SUBMITTED) | Q(status__in=decided, notified_at__isnull=True)
    )


def proposals_waiting(today: date) -> list[TodoItem]:
    """Proposals submitted to a call and not decided yet, or decided and not notified."""
    from kyodo.core.wareki import format_wareki

    items = []
    for p in (
        _proposals_waiting()
        .select_related("call", "organization")
        .order_by("call__closes_on", "submitted_at", "pk")
    ):
        if p.status != p.Status.SUBMITTED:
            detail = str(_("Decided (%(decision)s), not notified yet")) % {
                "decision": p.get_status_display()
            }
        elif p.call.closes_on < today:
            detail = str(_("The call has closed: decide"))
        else:
            detail = str(_("Decided after the call closes (%(until)s)")) % {
                "until": format_wareki(p.call.closes_on)
            }
        items.append(
            TodoItem(
                title=f"{p.title}（{p.organization.name}）",
                url=reverse("collaboration-staff:proposal", args=[p.pk]),
                when=timezone.localdate(p.submitted_at) if p.submitted_at else None,
                detail=detail,
            )
        )
    return items


# --- the rows each line counts (the home page) ----------------------------------------------------
# The same conditions as the items above, without what only the lists need (order, related rows).


def _group_applications_counted(today: date) -> list[QuerySet]:
    from kyodo.organizations.models import Organization

    return [Organization.objects.filter(status=Organization.Status.APPLIED)]


def _change_requests_counted(today: date) -> list[QuerySet]:
    from kyodo.organizations.models import ChangeRequest

    return [ChangeRequest.objects.pending()]


def _consultation_follow_ups_counted(today: date) -> list[QuerySet]:
    return [_follow_ups_due(today)]


def _overdue_action_items_counted(today: date) -> list[QuerySet]:
    from kyodo.committees.models import ActionItem

    return [ActionItem.objects.filter(status=ActionItem.Status.OPEN, due_date__lt=today)]


def _open_corrections_counted(today: date) -> list[QuerySet]:
    from kyodo.committees.models import CorrectionRequest

    return [CorrectionRequest.objects.filter(resolved=False)]


def _drafts_not_received_counted(today: date) -> list[QuerySet]:
    from kyodo.committees.models import Circulation, CirculationRecipient, Minutes

    # Circulated minutes whose latest circulation has a member who neither opened the link nor
    # got the draft on paper (receipt_state is neither "received" nor "paper").
    latest = (
        Circulation.objects.filter(minutes=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("pk")
    )
    waiting = CirculationRecipient.objects.filter(
        circulation=OuterRef("latest"), opened_at__isnull=True, paper_at__isnull=True
    )
    return [
        Minutes.objects.filter(status=Minutes.Status.CIRCULATED)
        .annotate(latest=Subquery(latest[:1]))
        .filter(Exists(waiting))
    ]


def _proposals_waiting_counted(today: date) -> list[QuerySet]:
    return [_proposals_waiting()]


def _failed_mail_counted(today: date) -> list[QuerySet]:
    return [failed_mail_waiting()]


def _upcoming_counted(today: date) -> list[QuerySet]:
    from kyodo.committees.models import Meeting
    from kyodo.events.models import Event

    until = today + timedelta(days=UPCOMING_DAYS)
    return [
        Meeting.objects.filter(date__gte=today, date__lte=until).exclude(
            status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD]
        ),
        Event.objects.filter(date__gte=today, date__lte=until).exclude(
            status__in=[Event.Status.CANCELLED, Event.Status.HELD]
        ),
    ]


# Pages a new center must write: the forms ask people to agree to the privacy policy, and the
# footer links every one of them.
PAGES_TO_WRITE = ("privacy", "access", "about", "accessibility")


def _pages_unwritten() -> QuerySet:
    from kyodo.website.models import Page

    return Page.objects.filter(slug__in=PAGES_TO_WRITE, body="")


def pages_unwritten(today: date) -> list[TodoItem]:
    return [
        TodoItem(
            title=page.get_slug_display(),
            url=reverse("website-staff:page-edit", args=[page.slug]),
            when=None,
            detail=str(_("Not written yet: the page says it is being prepared.")),
        )
        for page in _pages_unwritten().order_by("pk")
    ]


def _pages_unwritten_counted(today: date) -> list[QuerySet]:
    return [_pages_unwritten()]


def _terms_ending_soon_counted(today: date) -> list[QuerySet]:
    from kyodo.committees.services.members import seats_ending_soon

    # terms_ending_soon's rows, over every committee at once.
    return [
        seats_ending_soon(today=today, days=TERM_WARNING_DAYS),
        _appointments_ending(today),
    ]


def _events_without_attendance_counted(today: date) -> list[QuerySet]:
    return [_events_without_attendance(today)]


def _members_without_password_counted(today: date) -> list[QuerySet]:
    from kyodo.committees.services.members import members_without_password

    return [members_without_password(today)]


def _groups_list_url() -> str:
    return reverse("organizations-staff:index") + "?status=applied"


KINDS = [
    TodoKind(
        "group-applications",
        _("Group applications waiting for review"),
        _("Review each application: register it, return it for correction or reject it."),
        group_applications,
        _group_applications_counted,
        _groups_list_url,
    ),
    TodoKind(
        "change-requests",
        _("Change notices (変更届) waiting for review"),
        _("Check the changes a group asked for and approve them or return them."),
        change_requests,
        _change_requests_counted,
        lambda: reverse("organizations-staff:changes"),
    ),
    TodoKind(
        "proposals",
        _("Proposals waiting for a decision or for its notice"),
        _(
            "After a call closes, decide each proposal with the reviewers' scores, then notify "
            "the group of the result."
        ),
        proposals_waiting,
        _proposals_waiting_counted,
    ),
    TodoKind(
        "follow-ups",
        _("Consultations with a follow-up due or overdue"),
        _("Follow-ups whose date is today or past, or that have no date."),
        consultation_follow_ups,
        _consultation_follow_ups_counted,
    ),
    TodoKind(
        "requests",
        _("Requests to the secretariat past their due date"),
        _("Open requests from committee meetings whose due date has passed."),
        overdue_action_items,
        _overdue_action_items_counted,
    ),
    TodoKind(
        "corrections",
        _("Correction requests from members not yet dealt with"),
        _("Read the request, correct the draft if needed, then mark it as dealt with."),
        open_corrections,
        _open_corrections_counted,
    ),
    TodoKind(
        "drafts",
        _("Draft minutes not yet received by every member"),
        _("Send the draft again or hand it over on paper, then mark it."),
        drafts_not_received,
        _drafts_not_received_counted,
    ),
    TodoKind(
        "failed-mail",
        _("Mail that could not be delivered"),
        _("Check the address and send the mail again."),
        failed_mail,
        _failed_mail_counted,
        # Its own list (/staff/todo/failed-mail/), not the outbox's failed ones: those include
        # the mail made up for since, which the outbox keeps as a record.
    ),
    TodoKind(
        "upcoming",
        _("Meetings and events in the next 7 days"),
        _("Prepare the venue, the documents and the list of participants."),
        upcoming,
        _upcoming_counted,
    ),
    TodoKind(
        "attendance",
        _("Events held without attendance recorded"),
        _(
            "Published events whose day has passed: record who came, so that the monthly and "
            "fiscal-year reports count them."
        ),
        events_without_attendance,
        _events_without_attendance_counted,
    ),
    TodoKind(
        "pages",
        _("Pages of the website not written yet"),
        _(
            "The forms ask people to agree to the privacy policy, and every page's footer links "
            "these pages: write them before the site is announced."
        ),
        pages_unwritten,
        _pages_unwritten_counted,
    ),
    TodoKind(
        "terms",
        _("Committee terms ending within 90 days"),
        _(
            "Renew the terms for the next fiscal year or record the successors; confirm the "
            "members who leave on the committee's people page."
        ),
        terms_ending_soon,
        _terms_ending_soon_counted,
    ),
    TodoKind(
        "invitations",
        _("Members whose term has begun without a password set"),
        _(
            "Their invitation link has expired (or their letter): send the invitation again, "
            "or print a new letter from the account's page."
        ),
        members_without_password,
        _members_without_password_counted,
    ),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def _count_statement(today: date) -> tuple[str, list]:
    """``SELECT (SELECT COUNT(*) FROM (…)) + …, …``: every line's count, in the order of KINDS."""
    lines, params = [], []
    for kind in KINDS:
        terms = []
        for queryset in kind.counted(today):
            sql, more = queryset.order_by().values("pk").query.get_compiler(queryset.db).as_sql()
            terms.append(f"(SELECT COUNT(*) FROM ({sql}) counted)")
            params.extend(more)
        lines.append(" + ".join(terms))
    return "SELECT " + ", ".join(lines), params


# The statement depends only on the day (and the database): compiling its ten querysets costs
# more than running it, so it is compiled once a day per process.
_statements: dict[tuple, tuple[str, list]] = {}


def todo_counts(today: date) -> dict[str, int]:
    """Every line's count, in one query."""
    key = (connection.vendor, today)
    statement = _statements.get(key)
    if statement is None:
        statement = _count_statement(today)
        _statements.clear()
        _statements[key] = statement
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        row = cursor.fetchone()
    return {kind.key: count for kind, count in zip(KINDS, row, strict=True)}


def todo_lines(today: date | None = None) -> list[TodoLine]:
    """Every line of the to-do list with its count."""
    today = today or timezone.localdate()
    counts = todo_counts(today)
    return [TodoLine(kind=kind, count=counts[kind.key], url=kind.url()) for kind in KINDS]
