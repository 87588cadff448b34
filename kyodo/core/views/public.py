"""Public pages of core: confirming a submission by the link mailed to its sender."""

from __future__ import annotations

import sys

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import defaults
from django.views.decorators.cache import never_cache

from kyodo.core.confirmations import (
    kinds,
    submission_confirm,
    submission_pending,
    submission_refuse,
    submission_summary,
)
from kyodo.core.exceptions import DomainError
from kyodo.core.middleware import database_failure_response


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button: mail scanners open links, and must not confirm anything.
    try:
        pending = submission_pending(token=token)
    except DomainError as error:
        return render(request, "core/public/confirm.html", {"error": error.message}, status=404)
    if request.method == "POST":
        try:
            url, message = submission_confirm(token=token)
        except DomainError as error:
            submission_refuse(token=token)
            return render(request, "core/public/confirm.html", {"error": error.message}, status=400)
        messages.success(request, message)
        return redirect(url)
    return render(
        request,
        "core/public/confirm.html",
        {"what": kinds()[pending.kind][1], "rows": submission_summary(pending)},
    )


@never_cache
def confirm_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "core/public/confirm_sent.html")


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the 503 page when the database cannot be reached (wherever it failed:
    a middleware's read before the view never reaches DatabaseUnavailableMiddleware), otherwise
    Django's 500 page (``500.html``)."""
    response = database_failure_response(request, sys.exception())
    return response if response is not None else defaults.server_error(request)
