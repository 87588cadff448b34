"""The committee member's pages (/member/): their seats, meetings, notices and minutes to check;
and the personal link of a circulated draft (/committee/check/<token>/), which needs no sign-in."""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from kyodo.committees.documents import attendees_by_reading, minutes_document
from kyodo.committees.export import html_of
from kyodo.committees.forms import CorrectionForm
from kyodo.committees.models import (
    AgendaItem,
    Meeting,
    Membership,
    meeting_name,
    minutes_published,
)
from kyodo.committees.rendering import rows_html
from kyodo.committees.selectors import agenda_sections, meetings_of_member, minutes_to_check
from kyodo.committees.services.circulation import (
    correction_submit,
    recipient_by_token,
    recipient_receive,
)
from kyodo.committees.views.links import pk_link
from kyodo.core.models import Center
from kyodo.core.permissions import member_required
from kyodo.core.roles import Role, has_role
from kyodo.core.statements import Prepared
from kyodo.core.templatetags.kyodo_ja import wareki, wareki_date
from kyodo.core.views.actions import submit

_ROLES = dict(Membership.Role.choices)


# The member page's statements, compiled once per process (kyodo.core.statements).
_SEATS = Prepared(
    lambda user_id: Membership.objects.filter(member__user_id=user_id).values_list(
        "committee", "committee__name", "role", "term_start", "term_end"
    ),
    user_id=1,
)
_TO_CHECK = Prepared(
    lambda user_id: minutes_to_check(user=user_id).values_list(
        "token",
        "circulation__minutes__meeting__fiscal_year",
        "circulation__minutes__meeting__number",
        "circulation__minutes__meeting__committee__name",
        "opened_at",
    ),
    user_id=1,
)
# The meetings of the member's committees (meetings_of_member's), as plain values.
_MEETINGS = Prepared(
    lambda user_id: (
        Meeting.objects.filter(
            committee__in=Membership.objects.filter(member__user_id=user_id).values("committee")
        )
        .order_by("-date")
        .values_list(
            "pk",
            "fiscal_year",
            "number",
            "committee",
            "date",
            "minutes",
            "minutes__status",
            "minutes__current_version",
        )[:20]
    ),
    user_id=1,
)


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


@_term_ended_page
def member_home(request):
    # A committee member's start page: seats, meetings (with their notices) and minutes to check,
    # read as plain values with their links built once per list.
    seats = _SEATS.rows(user_id=request.user.pk)
    committee_names = {committee: name for committee, name, *_rest in seats}
    check_link = pk_link("committees:check")
    to_check = _TO_CHECK.rows(user_id=request.user.pk)
    meeting_link = pk_link("member:meeting")
    minutes_link = pk_link("committees:minutes")
    meetings = _MEETINGS.rows(user_id=request.user.pk) if committee_names else []
    return render(
        request,
        "committees/member/home.html",
        {
            "seats": seats_html(
                (
                    committee,
                    str(_ROLES.get(role, role)),
                    wareki_date(start),
                    f"～{wareki_date(end)}" if end else "",
                )
                for _pk, committee, role, start, end in seats
            ),
            "to_check": to_check_html(
                (check_link(token), meeting_name(fiscal_year, number, committee), opened_at)
                for token, fiscal_year, number, committee, opened_at in to_check
            ),
            "meetings": meetings_html(
                (
                    meeting_link(pk),
                    meeting_name(fiscal_year, number, committee_names[committee]),
                    wareki(day),
                    # Minutes.is_published, from the values.
                    minutes_link(minutes) if minutes_published(status, version) else "",
                )
                for pk, fiscal_year, number, committee, day, minutes, status, version in meetings
            ),
        },
    )


# The page's lists, written as their template loops printed them (each value escaped).


def seats_html(rows) -> SafeString:
    """(committee, role, start, "～end" or "") rows as the seats' list items."""
    term = gettext("term")
    return rows_html("<li>{}: {} ({} {}{})</li>", ((c, r, term, s, e) for c, r, s, e in rows))


def to_check_html(rows) -> SafeString:
    """(link, meeting, opened_at) rows as the list of minutes to check."""
    received = format_html(" ({})", gettext("received"))
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


@_term_ended_page
def meeting_detail(request, pk: int):
    # The notice as the member received it: when, where, the agenda.
    # Only what the notice shows is read: Django's SQL compiler pays for every column and join.
    meeting = get_object_or_404(
        meetings_of_member(user=request.user)
        .select_related(None)
        .select_related("venue", "committee")
        .only("fiscal_year", "number", "date", "start_time", "end_time", "venue__name",
              "committee__name"),
        pk=pk,
    )  # fmt: skip
    # The items without their default order (by meeting: a join); agenda_sections sorts them.
    items = (
        AgendaItem.objects.filter(meeting=meeting).order_by().only("category", "number", "title")
    )
    return render(
        request,
        "committees/member/meeting.html",
        {"meeting": meeting, "sections": agenda_sections(meeting, items)},
    )


@never_cache
def check(request, token: str):
    # A member's personal link: the draft, a 「受領しました」 button (POST) recording the receipt,
    # and the correction request form. Opening the page records nothing: mail link scanners
    # open every link, and approval waits until every member has received the draft.
    recipient = recipient_by_token(token)
    if recipient is None:
        raise Http404
    minutes = recipient.circulation.minutes
    if request.method == "POST" and "receive" in request.POST:
        recipient_receive(token=token)
        messages.success(
            request, gettext("Thank you. Your receipt of the draft has been recorded.")
        )
        return redirect(request.path)
    document = minutes_document(minutes)
    form = CorrectionForm(request.POST or None, document=document)
    if request.method == "POST" and form.is_valid():
        submit(
            form,
            correction_submit,
            token=token,
            entry_id=form.cleaned_data["entry"],
            text=form.cleaned_data["text"],
        )
        if not form.errors:
            messages.success(request, gettext("Thank you. Your correction request has been sent."))
            return redirect(request.path)
    return render(
        request,
        "committees/member/check.html",
        {
            "recipient": recipient,
            "minutes": minutes,
            "document_html": html_of(
                document,
                standalone=False,
                by_reading=attendees_by_reading(minutes),
                minutes=minutes,
                version=minutes.current_version,
            ),
            "form": form,
            "corrections": recipient.corrections.select_related("entry"),
        },
    )
