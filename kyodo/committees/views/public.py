"""The public committee pages and the token page of a circulation (no sign-in needed)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kyodo.api.opendata import public_data
from kyodo.committees.documents import version_attendees_by_reading, version_document
from kyodo.committees.export import html_of
from kyodo.committees.models import (
    Committee,
    Meeting,
    Member,
    Membership,
    Minutes,
    meeting_name,
    minutes_published,
    minutes_published_q,
)
from kyodo.committees.rendering import rows_html
from kyodo.committees.selectors import memberships_on, seat_order
from kyodo.committees.views.links import pk_link
from kyodo.committees.views.versions import version_pages
from kyodo.core.exports import CSV_CONTENT_TYPE, content_disposition
from kyodo.core.links import reverse_once
from kyodo.core.statements import Prepared
from kyodo.core.templatetags.kyodo_ja import fiscal_year_label, time_ja, wareki
from kyodo.reports.selectors import heard_reports, heard_reports_exist
from kyodo.website.breadcrumbs import committee_section


def index(request):
    # The first committee (the center's steering committee, 運営委員会) is the section's page.
    return _committee_page(request, slug=None)


def committee(request, slug: str):
    # Another body's page (市民協働推進委員会 beside the 運営委員会): the same page for that body.
    return _committee_page(request, slug=slug)


def _committee_page(request, *, slug: str | None):
    # Purpose, members by name and field, the schedule, confirmed minutes by fiscal year and the
    # other bodies. Rows are put together here (texts, links, dates) so that the template only
    # prints them. Three queries of plain values (the bodies, the seats, the meetings: those to
    # come and those with published minutes in one): Django's SQL compiler pays for every query
    # and column.
    bodies = [
        dict(zip(("pk", "slug", "name", "purpose"), row, strict=True)) for row in _COMMITTEES.rows()
    ]
    if not bodies:
        raise Http404
    first = bodies[0]
    by_slug = {body["slug"]: body for body in bodies}
    if slug is None:
        committee = first
        # ?committee=<slug>, as the staff pages name a body: that body's own page.
        wanted = by_slug.get(request.GET.get("committee", ""))
        if wanted is not None and wanted is not first:
            return redirect(_body_url(wanted, first=first))
    else:
        committee = by_slug.get(slug)
        if committee is None:
            raise Http404
        if committee is first:  # one address per page: the first body's is /committee/
            return redirect(_body_url(first, first=first), permanent=True)
    name = committee["name"]
    today = timezone.localdate()
    seats = _seats_on(committee["pk"], today) or _latest_seats(committee["pk"])
    minutes_link = pk_link("committees:minutes")
    no_venue = _("Venue not decided yet")
    upcoming = []
    by_year: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
    # Newest first, as the minutes are listed; the schedule is in date order.
    reports_label = _("Report materials available")
    for row in reversed(_PUBLIC_MEETINGS.rows(committee_id=committee["pk"], today=today)):
        (fiscal_year, number, day, start, status, venue, minutes, minutes_status, version, title,
         in_writing, heard) = row  # fmt: skip
        meeting = meeting_name(fiscal_year, number, name)
        if minutes_published(minutes_status, version):
            # What the minutes call themselves (their frozen title), never rebuilt from the
            # committee's name today: renaming a body renames no past minutes.
            url, title = minutes_link(minutes), title or meeting
            # 「報告資料あり」: the meeting heard a monthly report, listed on its minutes' page.
            reports = format_html(_REPORTS_LINK, url, reports_label, title) if heard else ""
            by_year[fiscal_year].append((url, title, wareki(day), reports))
        if day >= today and status == Meeting.Status.SCHEDULED:
            upcoming.append(
                (meeting, wareki(day), time_ja(start) if start else "",
                 _("Held in writing") if in_writing else no_venue if venue is None else venue)
            )  # fmt: skip
    upcoming.reverse()
    others = [body for body in bodies if body is not committee]
    return render(
        request,
        "committees/public/index.html",
        {
            "committee": committee,
            "seats": rows_html("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", seats),
            "upcoming": upcoming,
            "minutes_by_year": [
                (fiscal_year_label(year), rows_html(_MINUTES_ROW, rows))
                for year, rows in sorted(by_year.items(), reverse=True)
            ],
            "other_bodies": rows_html(
                _BODY_ROW, [(_body_url(body, first=first), body["name"]) for body in others]
            ),
            "breadcrumb_parents": [
                committee_section(name, committee["slug"], first=committee is first)
            ],
        },
    )


def _body_url(body: dict, *, first: dict) -> str:
    if body is first:
        return reverse_once("committees:index")
    return reverse_once("committees:committee", args=[body["slug"]])


_MINUTES_ROW = '<li><a href="{}">{}</a> ({}){}</li>'
_REPORTS_LINK = ' <a href="{}#heard-reports">{}<span class="visually-hidden">（{}）</span></a>'
_BODY_ROW = '<li><a href="{}">{}</a></li>'
_ROLES = dict(Membership.Role.choices)
_SECTORS = dict(Member.Sector.choices)


def _label(choices: dict, value) -> str:
    # What ``get_<field>_display()`` gives, from the field's choices as a dict.
    return str(choices.get(value, value))


# The page's statements, compiled once per process (kyodo.core.statements).
# Every body, the first (the steering committee) first: one page names the others.
_COMMITTEES = Prepared(
    lambda: Committee.objects.order_by("pk").values_list("pk", "slug", "name", "purpose")
)
# The public committee page's meetings in one query of plain values, in date order: those to
# come (scheduled, from today) and those whose minutes are published (``minutes_published``
# tells them apart), with, for the latter, the title of their current version (a key of its frozen document, read by the
# database: no document is loaded) and whether the meeting heard a report handed out (報告資料).
_PUBLIC_MEETINGS = Prepared(
    lambda committee_id, today: (
        Meeting.objects.filter(committee=committee_id)
        .filter(
            Q(date__gte=today, status=Meeting.Status.SCHEDULED)
            | minutes_published_q("minutes__")
        )
        .annotate(heard=heard_reports_exist())
        .values_list(
            "fiscal_year", "number", "date", "start_time", "status", "venue__name", "minutes",
            "minutes__status", "minutes__current_version",
            "minutes__current_version__document__title", "held_in_writing", "heard",
        )
    ),
    committee_id=1,
    today=date(2000, 4, 1),
)  # fmt: skip
_SEATS_ON = Prepared(
    lambda committee_id, on: memberships_on(committee=committee_id, on=on).values_list(
        "member__name", "role", "member__sector", "member__name_reading"
    ),
    committee_id=1,
    on=date(2000, 4, 1),
)


# The minutes with their current version and their body, and whether that body is the first
# (whose section is the site's 「運営委員会」) and whether its meeting heard a report handed out
# (報告資料): one query.
_MINUTES = Prepared(
    lambda pk: (
        Minutes.objects.select_related("current_version", "meeting__committee")
        .annotate(
            first_body=~Exists(Committee.objects.filter(pk__lt=OuterRef("meeting__committee"))),
            has_heard_reports=heard_reports_exist("meeting"),
        )
        .filter(pk=pk)
    ),
    pk=1,
)


def _seats_on(committee_id: int, on) -> list[tuple[str, str, str]]:
    # (name, role, field represented), 委員長 and 副委員長 first, then the others in gojūon order
    # (the house order of a member list); the labels looked up once (get_FOO_display hashes
    # every lazy label each time).
    rows = sorted(
        _SEATS_ON.rows(committee_id=committee_id, on=on),
        key=lambda row: seat_order(row[1], row[3]),
    )
    return [
        (name, _label(_ROLES, role), _label(_SECTORS, sector))
        for name, role, sector, _reading in rows
    ]


def _latest_seats(committee_id: int) -> list[tuple[str, str, str]]:
    # Without a sitting committee today (an archive), show the last one that sat.
    last = Meeting.objects.filter(committee=committee_id).order_by("-date").values_list("date")
    day = last.first()
    return _seats_on(committee_id, day[0]) if day else []


def minutes_detail(request, pk: int):
    # Published minutes: confirmed ones only, read from their current version (never from rows
    # that can still change), in the seed's layout; earlier versions and their differences.
    # Minutes.is_published is Minutes.objects.published() for the row: asked in Python, the
    # query stays a plain lookup by pk.
    minutes = _MINUTES.first(pk=pk)
    if minutes is None or not minutes.is_published:
        raise Http404
    # ?version=N (an old link, or a reader's guess): the page of that version.
    if (number := request.GET.get("version", "")).isdigit() and int(number) != (
        minutes.current_version.number
    ):
        if minutes.versions.filter(number=int(number)).exists():
            return redirect("committees:minutes-version", pk=minutes.pk, number=int(number))
    document = version_document(minutes.current_version)
    body = minutes.meeting.committee
    section = committee_section(body.name, body.slug, first=minutes.first_body)
    return render(
        request,
        "committees/public/minutes.html",
        {
            "minutes": minutes,
            "document": document,
            "section": section,
            "breadcrumb_parents": [section],
            "version": minutes.current_version,
            "approval": minutes.current_version.document.get("approval") or {},
            # 報告資料: the monthly reports the meeting heard, as handed out (frozen only).
            "heard_reports": heard_reports(minutes.meeting, minutes=minutes),
            "document_html": html_of(
                document,
                standalone=False,
                by_reading=version_attendees_by_reading(minutes.current_version.document),
                minutes=minutes,
                version=minutes.current_version,
            ),
        },
    )


minutes_versions, minutes_diff = version_pages(
    template_prefix="committees/public", decorator=lambda view: view
)


def _heard_report(minutes_pk: int, pk: int):
    # A frozen monthly report of a meeting whose minutes are published, or 404 (a report not
    # handed out, of another meeting, or of minutes not published: never live figures).
    from kyodo.reports.frozen import report_from_dict
    from kyodo.reports.selectors import published_heard_report

    presented = published_heard_report(minutes_pk=minutes_pk, pk=pk)
    if presented is None:
        raise Http404
    return presented, report_from_dict(presented.figures)


def minutes_report(request, pk: int, report: int):
    # The monthly report the meeting heard (報告資料), as handed out: its tables of figures, no
    # prose or consultation examples (kyodo.reports.exports.rendered_public).
    from kyodo.reports.exports import rendered_public

    presented, monthly = _heard_report(pk, report)
    meeting = presented.item.meeting
    minutes = meeting.minutes
    body = meeting.committee
    first = not Committee.objects.filter(pk__lt=body.pk).exists()
    section = committee_section(body.name, body.slug, first=first)
    title = minutes.current_version.document.get("title") or str(meeting)
    minutes_url = reverse_once("committees:minutes", args=[minutes.pk])
    return render(
        request,
        "committees/public/report.html",
        {
            "presented": presented,
            "doc": rendered_public(monthly),
            "minutes_title": title,
            "minutes_url": minutes_url,
            "csv_url": reverse_once("committees:minutes-report-csv", args=[minutes.pk, report]),
            "breadcrumb_parents": [section, (title, minutes_url)],
        },
    )


@public_data
def minutes_report_csv(request, pk: int, report: int):
    # The same tables as one CSV (UTF-8 with a BOM, CRLF), like the other public files.
    from kyodo.reports.exports import rendered_public, to_csv

    presented, monthly = _heard_report(pk, report)
    month = presented.report_month
    response = HttpResponse(to_csv(rendered_public(monthly)), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        f"monthly-report-{month.slug}-minutes-{pk}.csv",
        f"月次報告_{month.label}分_{presented.item.meeting}.csv",
    )
    return response
