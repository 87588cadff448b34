"""The committee member's pages (/member/): their seats, the next meeting, the minutes to check
and their own past meetings; the chair's (and vice chair's) view of what the next meeting
approves; and the personal link of a circulated draft (/committee/check/<token>/), which needs no
sign-in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from functools import wraps

from django.contrib import messages
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext
from django.views.decorators.cache import never_cache

from kyodo.collaboration.selectors import seats_score_proposals
from kyodo.committees.documents import attendees_by_reading, minutes_document
from kyodo.committees.export import html_of
from kyodo.committees.forms import CorrectionForm, ReplyForm, WrittenVoteForm
from kyodo.committees.models import (
    AgendaDocument,
    AgendaItem,
    Attendance,
    AttendanceReply,
    Circulation,
    CirculationRecipient,
    Committee,
    CorrectionRequest,
    Meeting,
    Membership,
    Minutes,
)
from kyodo.committees.rendering import rows_html
from kyodo.committees.selectors import agenda_sections, latest_circulation, receipt_board
from kyodo.committees.services.circulation import (
    _salutation_on,
    correction_submit,
    recipient_by_token,
    recipient_current,
    recipient_receive,
)
from kyodo.committees.services.replies import attendance_reply, closed_message, replies_open
from kyodo.committees.services.votes import (
    member_votes,
    votes_awaited,
    votes_closed_message,
    votes_open,
    voting_items,
    written_vote_submit,
)
from kyodo.core.models import Center
from kyodo.core.permissions import member_required
from kyodo.core.roles import Role, has_role
from kyodo.core.templatetags.kyodo_ja import wareki
from kyodo.core.views.actions import submit
from kyodo.reports.selectors import heard_reports, heard_reports_exist

_ROLES = dict(Membership.Role.choices)
# Seats that see the chair's view of a meeting (the seat held on the meeting day).
_CHAIR_ROLES = (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR)


def _term_ended_page(view):
    """``member_required``, except that a former member (every seat ended) is told that their
    term ended and whom to ask, rather than only that they may not see the page."""
    checked = member_required(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not has_role(user, Role.MEMBER):
            last_day = _last_term_end(user)
            if last_day is not None:
                return render(
                    request,
                    "committees/member/term_ended.html",
                    {"term_end": last_day, "center": Center.objects.current()},
                    status=403,
                )
        return checked(request, *args, **kwargs)

    wrapped.kyodo_roles = checked.kyodo_roles
    return wrapped


def _last_term_end(user):
    """The last day of the person's seats when every one has ended, else None."""
    ends = list(Membership.objects.filter(member__user=user).values_list("term_end", flat=True))
    today = timezone.localdate()
    if not ends or any(end is None or end >= today for end in ends):
        return None
    return max(ends)


# --- what the pages read ----------------------------------------------------------------------


def _covers(seat: Membership, day: date) -> bool:
    return seat.term_start <= day and (seat.term_end is None or seat.term_end >= day)


def _seat_on(seats: list[Membership], committee_id: int, day: date) -> Membership | None:
    return next((s for s in seats if s.committee_id == committee_id and _covers(s, day)), None)


def _latest_copies(user):
    """The member's copies of the newest circulation of each draft (a draft sent again is
    listed once, by its new link), with their minutes and meeting."""
    newest = Circulation.objects.filter(minutes=OuterRef("circulation__minutes")).order_by(
        "-created_at", "-pk"
    )
    return (
        CirculationRecipient.objects.filter(member__user=user)
        .filter(circulation=Subquery(newest.values("pk")[:1]))
        .select_related("circulation__minutes__meeting__committee")
    )


def _approving_meeting(minutes: Minutes) -> Meeting | None:
    """The meeting whose agenda approves ``minutes`` (the last one it was carried to; from the
    prefetched ``approval_items``)."""
    meetings = [
        item.meeting
        for item in minutes.approval_items.all()
        if item.meeting.status != Meeting.Status.CANCELLED
    ]
    return max(meetings, key=lambda m: (m.date, m.start_time or time.min),
               default=None)  # fmt: skip


def _meeting_order(meeting: Meeting) -> tuple:
    # Newest first; the same day by start time, then by number (第4回 above 第3回).
    return (meeting.date, meeting.start_time or time.min, meeting.number)


@dataclass
class DraftRow:
    name: str
    state: str  # its label
    state_code: str


@dataclass
class ChairDraft:
    """One circulated draft the meeting approves, as the chair's view shows it."""

    minutes: Minutes
    sent_on: date | None
    reason: str
    # For a held meeting, when it began: the receipts are those recorded by then.
    as_of: str = ""
    rows: list[DraftRow] = field(default_factory=list)
    corrections: list[CorrectionRequest] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return sum(1 for row in self.rows if row.state_code not in ("received", "paper"))


def chair_view(meeting: Meeting) -> list[ChairDraft]:
    """For the 委員長 and 副委員長: per draft the meeting approves, each member's receipt of its
    newest circulation (received / not yet / mail failed / on paper / no address; for a held
    meeting, of the one sent before it began, as it stood then) and the
    correction requests with whether they were dealt with. Names only: no addresses."""
    from kyodo.committees.services.meetings import meeting_begins_text, meeting_starts_at

    drafts = []
    items = (
        AgendaItem.objects.filter(meeting=meeting, minutes_for__isnull=False)
        .select_related("minutes_for__meeting__committee")
        .order_by("category", "number")
    )
    # A held meeting's page shows the drafts as they stood when it began (the 9th of FY2010
    # put the 8th's approval off because two members had not received it, whatever they did
    # after); a meeting to come, or a draft sent only after the meeting (a record typed in
    # later), what the secretariat knows today.
    began = meeting_starts_at(meeting) if meeting.status == Meeting.Status.HELD else None
    for item in items:
        minutes = item.minutes_for
        circulation = None
        if began is not None:
            circulation = (
                minutes.circulations.filter(created_at__lt=began)
                .order_by("-created_at", "-pk")
                .first()
            )
        circulation = circulation or latest_circulation(minutes=minutes)
        as_of = (
            began if circulation is not None and began and circulation.created_at < began else None
        )
        draft = ChairDraft(
            minutes=minutes,
            sent_on=timezone.localdate(circulation.created_at) if circulation else None,
            reason=circulation.reason if circulation else "",
            as_of=meeting_begins_text(meeting) if as_of else "",
        )
        if circulation is not None:
            draft.rows = [
                DraftRow(r.recipient.member.name, str(r.label), r.state)
                for r in receipt_board(circulation=circulation, as_of=as_of)
            ]
        draft.corrections = list(
            CorrectionRequest.objects.filter(recipient__circulation__minutes=minutes)
            .select_related("recipient__member", "entry")
            .order_by("created_at", "pk")
        )
        drafts.append(draft)
    return drafts


# --- /member/ ---------------------------------------------------------------------------------


@_term_ended_page
def member_home(request):
    # A committee member's start page: a greeting, the next meeting (for the chair with what it
    # approves), the drafts to check with their deadlines, her seats, and the meetings of her
    # terms with her attendance and their minutes.
    user = request.user
    today = timezone.localdate()
    seats = list(
        Membership.objects.filter(member__user=user)
        .select_related("committee", "member")
        # Whether the seat is on the center's steering committee (its first): only those score
        # the center's proposals (kyodo.collaboration.selectors.is_reviewer), in this query.
        .annotate(steering=~Exists(Committee.objects.filter(pk__lt=OuterRef("committee"))))
        .order_by("-term_start", "pk")
    )
    member = seats[0].member if seats else None
    copies = list(
        _latest_copies(user)
        .filter(circulation__minutes__status=Minutes.Status.CIRCULATED)
        .prefetch_related(
            Prefetch(
                "circulation__minutes__approval_items",
                queryset=AgendaItem.objects.select_related("meeting__committee"),
            )
        )
        .order_by("-circulation__created_at", "-pk")
    )
    # Current work only: a draft whose approving meeting has passed asks nothing of her any
    # more (the secretariat records that meeting's decision); her link stays under 過去の会議.
    to_check = [
        (
            copy,
            copy.circulation.minutes.meeting,
            timezone.localdate(copy.circulation.created_at),
            approving,
        )
        for copy in copies
        if (approving := _approving_meeting(copy.circulation.minutes)) is None
        or approving.date >= today
    ]
    check_links = {copy.circulation.minutes_id: copy.token for copy in copies}
    meetings = []
    if seats:
        first = min(seat.term_start for seat in seats)
        meetings = [
            m
            for m in Meeting.objects.filter(
                committee__in={seat.committee_id for seat in seats}, date__gte=first
            ).select_related("committee", "venue", "minutes")
            if _seat_on(seats, m.committee_id, m.date)
        ]
    meetings.sort(key=_meeting_order, reverse=True)
    upcoming = [m for m in meetings if m.status == Meeting.Status.SCHEDULED and m.date >= today]
    upcoming.reverse()  # the nearest first
    past = [m for m in meetings if m not in upcoming]
    attendance = dict(
        Attendance.objects.filter(member__user=user, meeting__in=[m.pk for m in past])
        .values_list("meeting_id", "status")
    )  # fmt: skip
    statuses = dict(Attendance.Status.choices)
    next_meeting = upcoming[0] if upcoming else None
    # 書面表決 still awaited from her: open written meetings of her seats she has not voted on.
    awaited = votes_awaited(
        [(m, _seat_on(seats, m.committee_id, m.date).member_id) for m in meetings]
    )
    chair_seat = next_meeting and _seat_on(seats, next_meeting.committee_id, next_meeting.date)
    return render(
        request,
        "committees/member/home.html",
        {
            "member": member,
            "seats": sorted(seats, key=lambda s: _seat_order(s, today)),
            "today": today,
            "to_check": to_check,
            "next_meeting": next_meeting,
            "later_meetings": upcoming[1:],
            "votes_awaited": awaited,
            "chair_drafts": chair_view(next_meeting)
            if chair_seat and chair_seat.role in _CHAIR_ROLES
            else None,
            "chair_role": _ROLES.get(chair_seat.role, "") if chair_seat else "",
            # kyodo.collaboration.selectors.is_reviewer's rule, from the seats read above.
            "reviews": seats_score_proposals(
                [seat.steering for seat in seats if _covers(seat, today)]
            ),
            "past": [
                (
                    m,
                    statuses.get(attendance.get(m.pk), ""),
                    _minutes_link(m, check_links),
                )
                for m in past
            ],
        },
    )


def _seat_order(seat: Membership, today: date) -> tuple:
    # The seat held today first, then one starting later, then those ended; newest first.
    rank = 0 if _covers(seat, today) else 1 if seat.term_start > today else 2
    return (rank, -seat.term_start.toordinal())


def _minutes_link(meeting: Meeting, check_links: dict[int, str]) -> tuple[str, str]:
    """(link, label) of a meeting's minutes for the member: the public page once published,
    her personal link while the draft is being checked, else nothing."""
    minutes = getattr(meeting, "minutes", None)
    if minutes is None:
        return "", ""
    if minutes.is_published:
        return reverse("committees:minutes", args=[minutes.pk]), gettext("Minutes (確定稿)")
    if minutes.pk in check_links:
        return (
            reverse("committees:check", args=[check_links[minutes.pk]]),
            gettext("Draft minutes (未定稿)"),
        )
    return "", ""


def _minutes_stage(minutes: Minutes) -> str:
    """The stage of minutes as a word: 「確定稿」 once published, else 「未定稿」."""
    if minutes.is_published:
        return pgettext("minutes stage", "Confirmed (確定稿)")
    return pgettext("minutes stage", "Draft (未定稿)")


# The lists of the former member page, written as their template loops printed them (kept for
# the pages of other apps that list a member's seats the same way).


def seats_html(rows) -> SafeString:
    """(committee, role, start, "～end" or "") rows as the seats' list items."""
    term = gettext("term")
    return rows_html("<li>{}：{}（{} {}{}）</li>", ((c, r, term, s, e) for c, r, s, e in rows))


def to_check_html(rows) -> SafeString:
    """(link, meeting, opened_at) rows as the list of minutes to check."""
    received = format_html("（{}）", gettext("received"))
    return rows_html(
        '<li><a href="{}">{}</a>{}</li>',
        ((link, meeting, received if opened else "") for link, meeting, opened in rows),
    )


def meetings_html(rows) -> SafeString:
    """(link, meeting, day, minutes link or "") rows as the meetings' list items."""
    label = gettext("Minutes")
    return rows_html(
        '<li><a href="{}">{}</a> {}{}</li>',
        (
            (
                link,
                meeting,
                day,
                format_html(' · <a href="{}">{}</a>', minutes, label) if minutes else "",
            )
            for link, meeting, day, minutes in rows
        ),
    )


# --- /member/meetings/<pk>/ -------------------------------------------------------------------


def _member_meeting(user, pk: int) -> Meeting:
    """A meeting of a committee the person sits on, during one of their seats (404 otherwise)."""
    meeting = get_object_or_404(
        # has_heard_reports: whether to read its 報告資料 (no query for a meeting without one)
        Meeting.objects.select_related("venue", "committee", "minutes").annotate(
            has_heard_reports=heard_reports_exist()
        ),
        pk=pk,
        committee__in=Membership.objects.filter(member__user=user).values("committee"),
    )
    return meeting


@_term_ended_page
def meeting_detail(request, pk: int):
    # The member's page of one meeting: when and where, the notice, the agenda with each item's
    # explanation and papers, the drafts it approves and its own minutes (her links), her
    # attendance; for the chair and vice chair, who has received the drafts and what
    # corrections were asked for.
    user = request.user
    meeting = _member_meeting(user, pk)
    seats = list(Membership.objects.filter(member__user=user, committee=meeting.committee_id))
    seat = _seat_on(seats, meeting.committee_id, meeting.date)
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("minutes_for__meeting__committee")
        .prefetch_related("documents")
    )
    minutes_ids = [i.minutes_for_id for i in items if i.minutes_for_id]
    own = getattr(meeting, "minutes", None)
    if own is not None:
        minutes_ids.append(own.pk)
    check_links = {
        copy.circulation.minutes_id: copy.token
        for copy in _latest_copies(user).filter(circulation__minutes__in=minutes_ids)
    }
    approvals = []
    for item in items:
        if item.minutes_for_id:
            link, _label = _minutes_link(item.minutes_for.meeting, check_links)
            # The line already says 会議録: the stage alone in the brackets (「…会議録（未定稿）」).
            approvals.append((item, link, _minutes_stage(item.minutes_for) if link else ""))
    attendance = (
        Attendance.objects.filter(meeting=meeting, member__user=user).first()
        if meeting.status == Meeting.Status.HELD
        else None
    )
    written = {}
    if meeting.held_in_writing:
        # No one attends a meeting held in writing: her written vote (書面表決) instead of the
        # answer to the notice.
        written = _written_vote(request, meeting, seat)
        if not isinstance(written, dict):
            return written
    # Her answer to the notice (出欠の回答): given or changed here until the meeting begins.
    reply = (
        AttendanceReply.objects.filter(meeting=meeting, member=seat.member_id).first()
        if seat and meeting.status == Meeting.Status.SCHEDULED and not meeting.held_in_writing
        else None
    )
    can_reply = seat is not None and replies_open(meeting) and not meeting.held_in_writing
    reply_form = None
    if can_reply:
        initial = {"answer": reply.answer, "comment": reply.comment} if reply else None
        reply_form = ReplyForm(request.POST or None, initial=initial)
        if request.method == "POST" and reply_form.is_valid():
            saved = submit(reply_form, attendance_reply, actor=user, meeting=meeting,
                           member=seat.member, **reply_form.cleaned_data)  # fmt: skip
            if not reply_form.errors:
                messages.success(
                    request,
                    gettext("Your answer 「%(answer)s」 has been sent to the secretariat.")
                    % {"answer": saved.get_answer_display()},
                )
                return redirect("member:meeting", pk=meeting.pk)
    elif request.method == "POST" and not meeting.held_in_writing:
        messages.error(
            request,
            closed_message(meeting)
            if seat
            else gettext("You have no seat on this meeting's day, so there is nothing to answer."),
        )
        return redirect("member:meeting", pk=meeting.pk)
    return render(
        request,
        "committees/member/meeting.html",
        {
            "reply": reply,
            "reply_form": reply_form,
            "meeting": meeting,
            "sections": agenda_sections(meeting, items),
            "approvals": approvals,
            "own_minutes": _minutes_link(meeting, check_links),
            "attendance": attendance,
            "seat_role": _ROLES.get(seat.role, "") if seat else "",
            "chair_drafts": chair_view(meeting) if seat and seat.role in _CHAIR_ROLES else None,
            # 報告資料: the monthly reports the meeting heard, as handed out (frozen only): their
            # tables until the minutes are published, then links to their public page and CSV.
            "heard_reports": heard_reports(meeting, with_figures=True),
            "upcoming": meeting.status == Meeting.Status.SCHEDULED
            and meeting.date >= timezone.localdate()
            and not meeting.held_in_writing,
            **written,
        },
        status=400
        if (reply_form is not None and reply_form.errors)
        or (written.get("vote_form") is not None and written["vote_form"].errors)
        else 200,
    )


def _written_vote(request, meeting: Meeting, seat: Membership | None):
    """The written vote part of a member's meeting page: the form while the votes are open
    (its POST saved, then a redirect), else her votes read-only. Returns the template's context,
    or the response to a POST."""
    member = seat.member if seat else None
    items = voting_items(meeting)
    mine = member_votes(meeting, member) if member else {}
    is_open = seat is not None and bool(items) and votes_open(meeting)
    form = None
    if is_open:
        form = WrittenVoteForm(
            request.POST or None, items=items, initial=WrittenVoteForm.initial_from(mine)
        )
        if request.method == "POST" and form.is_valid():
            submit(form, written_vote_submit, actor=request.user, meeting=meeting,
                   member=member, votes=form.votes())  # fmt: skip
            if not form.errors:
                messages.success(
                    request,
                    gettext("Your written vote has been sent to the secretariat.")
                    + " "
                    + gettext("You can change it until %(date)s.")
                    % {"date": wareki(meeting.votes_close_on)},
                )
                return redirect("member:meeting", pk=meeting.pk)
    elif request.method == "POST":
        messages.error(
            request,
            votes_closed_message(meeting)
            if seat
            else gettext("You have no seat on this meeting's day, so there is nothing to vote on."),
        )
        return redirect("member:meeting", pk=meeting.pk)
    return {
        "vote_form": form,
        "vote_items": [(item, mine.get(item.pk)) for item in items],
        "votes_given": bool(mine),
        "vote_seated": seat is not None,
        "votes_closed": votes_closed_message(meeting) if seat and not is_open else "",
    }


@_term_ended_page
def document_download(request, pk: int):
    # A paper of an agenda item, for the members of the item's committee (papers are not
    # public: never served from a media URL).
    document = get_object_or_404(
        AgendaDocument.objects.select_related("item__meeting"),
        pk=pk,
        item__meeting__committee__in=Membership.objects.filter(member__user=request.user).values(
            "committee"
        ),
    )
    return FileResponse(document.file.open("rb"), as_attachment=True)


# --- /committee/check/<token>/ ----------------------------------------------------------------

_ENTRY_LINE = re.compile(r'(<li id="entry-(\d+)" class="[^"]*">)(.*?)(</li>)')


def with_correction_links(document_html: str, label: str) -> SafeString:
    """The draft's lines, each with a 「この行の訂正を依頼」 link that opens the correction form
    with the line chosen (``?entry=<id>#correction-heading``): works without JavaScript. Only
    the page's own markup is matched, and only a link of our own is added."""
    link = '{0}{1} <a class="entry-correct" href="?entry={2}#correction-heading">{3}</a>{4}'
    return mark_safe(
        _ENTRY_LINE.sub(
            lambda m: link.format(m.group(1), m.group(3), m.group(2), escape(label), m.group(4)),
            document_html,
        )
    )


@never_cache
def check(request, token: str):
    # A member's personal link: the draft, a 「受領しました」 button (POST) recording the receipt,
    # and the correction request form. Opening the page records nothing: mail link scanners
    # open every link, and approval waits until every member has received the draft. A link
    # of an older sending leads to the new one; once confirmed, to the public minutes.
    recipient = recipient_by_token(token)
    if recipient is None:
        raise Http404
    minutes = recipient.circulation.minutes
    replaced_by = recipient_current(recipient)
    salutation = _salutation_on(recipient.member, minutes)
    if replaced_by is not None:
        return render(
            request,
            "committees/member/check_replaced.html",
            {
                "minutes": minutes,
                "salutation": salutation,
                "new_link": reverse("committees:check", args=[replaced_by.token]),
                "sent_on": timezone.localdate(replaced_by.circulation.created_at),
                "reason": replaced_by.circulation.reason,
            },
        )
    if request.method == "POST" and "receive" in request.POST and not minutes.is_confirmed:
        recipient_receive(token=token)
        messages.success(
            request, gettext("Thank you. Your receipt of the draft has been recorded.")
        )
        return redirect(request.path)
    document = minutes_document(minutes)
    chosen = request.GET.get("entry", "")
    form = CorrectionForm(
        request.POST or None,
        document=document,
        initial={"entry": chosen} if chosen.isdigit() else None,
    )
    if request.method == "POST" and form.is_valid() and not minutes.is_confirmed:
        submit(
            form,
            correction_submit,
            token=token,
            entry_id=form.cleaned_data["entry"],
            text=form.cleaned_data["text"],
        )
        if not form.errors:
            messages.success(
                request,
                gettext("Thank you. Your correction request has been sent.")
                + " "
                + gettext(
                    "The secretariat will look at it and tell you when it has been dealt with."
                ),
            )
            return redirect(request.path)
    document_html = html_of(
        document,
        standalone=False,
        by_reading=attendees_by_reading(minutes),
        minutes=minutes,
        version=minutes.current_version,
    )
    if not minutes.is_confirmed:
        document_html = with_correction_links(document_html, gettext("Ask to correct this line"))
    approving = None
    if not minutes.is_confirmed:
        from kyodo.committees.services.common import approving_meeting

        approving = approving_meeting(minutes)
    return render(
        request,
        "committees/member/check.html",
        {
            "recipient": recipient,
            "minutes": minutes,
            "salutation": salutation,
            "approving": approving,
            "document_html": document_html,
            "form": form,
            # Her requests on this draft, whichever sending's link she used to send them.
            "corrections": CorrectionRequest.objects.filter(
                recipient__member=recipient.member_id, recipient__circulation__minutes=minutes
            ).select_related("entry"),
        },
    )
