"""Public pages of core: confirming a submission by the link mailed to its sender."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from kyodo.core.confirmations import (
    kinds,
    submission_confirm,
    submission_pending,
    submission_refuse,
)
from kyodo.core.exceptions import DomainError


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
    return render(request, "core/public/confirm.html", {"what": kinds()[pending.kind][1]})


@never_cache
def confirm_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "core/public/confirm_sent.html")
