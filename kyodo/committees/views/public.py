"""The public committee pages and the token page of a circulation (no sign-in needed)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kyodo.committees import services
from kyodo.committees.documents import version_document
from kyodo.committees.export import html_of, render_html
from kyodo.committees.forms import CorrectionForm
from kyodo.committees.models import (
    Committee,
    Meeting,
    Member,
    Membership,
    Minutes,
    MinutesEntry,
)
from kyodo.committees.selectors import confirmed_minutes, memberships_on
from kyodo.committees.views.versions import version_pages
from kyodo.core.templatetags.kyodo_ja import fiscal_year_label, time_ja, wareki
from kyodo.core.views.actions import submit


def index(request):
    # Purpose, members by name and field, the schedule, and confirmed minutes by fiscal year.
    # Rows are put together here (texts, links, dates) so that the template only prints them;
    # the meetings know their committee already, so naming one reads nothing more. Only the
    # columns shown are read: Django's SQL compiler pays for every column.
    committee = Committee.objects.only("name", "purpose").order_by("pk").first()
    if committee is None:
        raise Http404
    today = timezone.localdate()
    by_year: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for minutes in confirmed_minutes(committee=committee).only(
        "meeting__fiscal_year", "meeting__number", "meeting__date"
    ):
        meeting = minutes.meeting
        meeting.committee = committee
        by_year[meeting.fiscal_year].append(
            (reverse("committees:minutes", args=[minutes.pk]), str(meeting), wareki(meeting.date))
        )
    seats = _seats_on(committee, today) or _latest_seats(committee)
    no_venue = _("Venue not decided yet")
    upcoming = []
    for meeting in (
        Meeting.objects.filter(
            committee=committee, date__gte=today, status=Meeting.Status.SCHEDULED
        )
        .select_related("venue")
        .only("fiscal_year", "number", "date", "start_time", "venue__name")
    ):
        meeting.committee = committee
        upcoming.append(
            (
                str(meeting),
                wareki(meeting.date),
                time_ja(meeting.start_time) if meeting.start_time else "",
                no_venue if meeting.venue is None else str(meeting.venue),
            )
        )
    roles = {value: str(label) for value, label in Membership.Role.choices}
    sectors = {value: str(label) for value, label in Member.Sector.choices}
    return render(
        request,
        "committees/public/index.html",
        {
            "committee": committee,
            # The labels looked up once (get_FOO_display hashes every lazy label each time).
            "seats": [
                (
                    seat.member.name,
                    roles.get(seat.role, seat.role),
                    sectors.get(seat.member.sector, seat.member.sector),
                )
                for seat in seats
            ],
            "upcoming": upcoming,
            "minutes_by_year": [
                (fiscal_year_label(year), rows)
                for year, rows in sorted(by_year.items(), reverse=True)
            ],
        },
    )


def _seats_on(committee: Committee, on):
    return memberships_on(committee=committee, on=on).only("role", "member__name", "member__sector")


def _latest_seats(committee: Committee):
    # Without a sitting committee today (an archive), show the last one that sat.
    last = committee.meetings.order_by("-date").first()
    return _seats_on(committee, last.date) if last else []


def minutes_detail(request, pk: int):
    # Published minutes: confirmed ones only, read from their current version (never from rows
    # that can still change), in the seed's layout; earlier versions and their differences.
    # Minutes.is_published is Minutes.objects.published() for the row: asked in Python, the
    # query stays a plain lookup by pk.
    minutes = get_object_or_404(Minutes.objects.select_related("current_version"), pk=pk)
    if not minutes.is_published:
        raise Http404
    document = version_document(minutes.current_version)
    return render(
        request,
        "committees/public/minutes.html",
        {
            "minutes": minutes,
            "document": document,
            "version": minutes.current_version,
            "approval": minutes.current_version.document.get("approval") or {},
            "document_html": html_of(
                document, standalone=False, minutes=minutes, version=minutes.current_version
            ),
        },
    )


minutes_versions, minutes_diff = version_pages(
    template_prefix="committees/public", decorator=lambda view: view
)


@never_cache
def check(request, token: str):
    # A member's personal link: opening it records receipt; the form sends a correction request.
    recipient = services.recipient_open(token=token)
    if recipient is None:
        raise Http404
    minutes = recipient.circulation.minutes
    entries = sorted(
        MinutesEntry.objects.filter(item__meeting=minutes.meeting).select_related("item"),
        key=lambda e: (e.item.section_number, e.item.number, e.position),
    )
    form = CorrectionForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        submit(
            form,
            services.correction_submit,
            token=token,
            entry_id=form.cleaned_data["entry"],
            text=form.cleaned_data["text"],
        )
        if not form.errors:
            messages.success(request, _("Thank you. Your correction request has been sent."))
            return redirect(request.path)
    return render(
        request,
        "committees/public/check.html",
        {
            "recipient": recipient,
            "minutes": minutes,
            "document_html": render_html(minutes, standalone=False),
            "form": form,
            "corrections": recipient.corrections.select_related("entry"),
        },
    )
