"""The versions of confirmed minutes and the difference between any two, for staff and public.

One pair of views serves both areas (``version_pages``): they differ only in their templates'
frame and in who may see them.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt

from kyodo.committees.documents import (
    canonical_json,
    version_attendees_by_reading,
    version_document,
)
from kyodo.committees.export import html_of
from kyodo.committees.models import Minutes, MinutesVersion
from kyodo.committees.services.versions import version_diff


def version_pages(*, template_prefix: str, decorator, confirmed_only: bool = True):
    """(versions, diff) views rendering ``<template_prefix>/versions.html`` and ``diff.html``."""

    def _minutes(pk: int) -> Minutes:
        minutes = get_object_or_404(
            Minutes.objects.select_related("meeting__committee", "current_version"), pk=pk
        )
        if confirmed_only and not minutes.is_published:
            raise Http404
        return minutes

    @decorator
    def versions(request, pk: int):
        # Every version with its reason, author (staff only) and hash.
        minutes = _minutes(pk)
        return render(
            request,
            f"{template_prefix}/versions.html",
            {
                "minutes": minutes,
                "versions": minutes.versions.select_related("author").order_by("number"),
            },
        )

    @decorator
    def diff(request, pk: int, older: int, newer: int):
        # What changed between two versions, line by line.
        minutes = _minutes(pk)
        by_number = {v.number: v for v in minutes.versions.filter(number__in=[older, newer])}
        if older not in by_number or newer not in by_number or older == newer:
            raise Http404
        return render(
            request,
            f"{template_prefix}/diff.html",
            {
                "minutes": minutes,
                "older": by_number[older],
                "newer": by_number[newer],
                "lines": version_diff(by_number[older], by_number[newer]),
            },
        )

    return versions, diff


def _published_version(pk: int, number: int) -> MinutesVersion:
    version = get_object_or_404(
        MinutesVersion.objects.select_related("minutes__meeting__committee"),
        minutes_id=pk,
        number=number,
    )
    if not version.minutes.is_published:
        raise Http404
    return version


@csrf_exempt  # nothing is changed here: a POST is told 405 by public_data, not 403
def public_version_json(request, pk: int, number: int):
    # The frozen document of one version exactly as it was hashed (canonical JSON, UTF-8): anyone
    # can compute its SHA-256 and compare it with the value the page prints. Open data: any site
    # may read it, as the API and the minutes' other files (GET, HEAD, OPTIONS; others 405).
    from kyodo.api.opendata import public_data

    return public_data(_version_json)(request, pk, number)


def _version_json(request, pk: int, number: int):
    version = _published_version(pk, number)
    response = HttpResponse(
        canonical_json(version.document).encode("utf-8"),
        content_type="application/json; charset=utf-8",
    )
    name = f"minutes-{pk}-v{number}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def public_version(request, pk: int, number: int):
    # One version of published minutes on its own (第1版 after a correction, say), read from the
    # frozen version and never rebuilt from rows; the current one says so and links to the page.
    version = _published_version(pk, number)
    minutes = version.minutes
    document = version_document(version)
    versions = list(minutes.versions.order_by("number").values_list("number", flat=True))
    return render(
        request,
        "committees/version.html",
        {
            "minutes": minutes,
            "version": version,
            "document": document,
            "is_current": version.pk == minutes.current_version_id,
            "newer": next((n for n in versions if n > number), None),
            "document_html": html_of(
                document,
                standalone=False,
                by_reading=version_attendees_by_reading(version.document),
                minutes=minutes,
                version=version,
            ),
        },
    )
