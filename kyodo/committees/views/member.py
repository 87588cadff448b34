"""The committee member's pages (/member/): their seats, meetings, notices and minutes to check."""

from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from kyodo.committees.models import (
    AgendaItem,
    Meeting,
    Membership,
    meeting_name,
    minutes_published,
)
from kyodo.committees.rendering import rows_html
from kyodo.committees.selectors import agenda_sections, meetings_of_member, minutes_to_check
from kyodo.committees.views.links import pk_link
from kyodo.core.permissions import member_required
from kyodo.core.statements import Prepared
from kyodo.core.templatetags.kyodo_ja import wareki, wareki_date

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


@member_required
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
                    f"–{wareki_date(end)}" if end else "",
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
    """(committee, role, start, "–end" or "") rows as the seats' list items."""
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


@member_required
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
