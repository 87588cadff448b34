"""The public committee pages and the token page of a circulation (no sign-in needed)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kyodo.committees import services
from kyodo.committees.documents import version_document
from kyodo.committees.export import html_of, render_html
from kyodo.committees.forms import CorrectionForm
from kyodo.committees.models import Committee, Meeting, Minutes, MinutesEntry
from kyodo.committees.selectors import confirmed_minutes, memberships_on
from kyodo.committees.views.versions import version_pages
from kyodo.core.views.actions import submit


def _committee() -> Committee:
    committee = Committee.objects.select_related("center").order_by("pk").first()
    if committee is None:
        raise Http404
    return committee


def index(request):
    # Purpose, members by name and field, the schedule, and confirmed minutes by fiscal year.
    committee = _committee()
    today = timezone.localdate()
    by_year: dict[int, list[Minutes]] = defaultdict(list)
    for minutes in confirmed_minutes(committee=committee):
        by_year[minutes.meeting.fiscal_year].append(minutes)
    return render(
        request,
        "committees/public/index.html",
        {
            "committee": committee,
            "seats": memberships_on(committee=committee, on=today) or _latest_seats(committee),
            "upcoming": Meeting.objects.filter(
                committee=committee, date__gte=today, status=Meeting.Status.SCHEDULED
            ).select_related("venue"),
            "minutes_by_year": sorted(by_year.items(), reverse=True),
        },
    )


def _latest_seats(committee: Committee):
    # Without a sitting committee today (an archive), show the last one that sat.
    last = committee.meetings.order_by("-date").first()
    return memberships_on(committee=committee, on=last.date) if last else []


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
