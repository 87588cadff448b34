"""The public site's event pages: the list, an event with its application form, cancelling."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kyodo.events import selectors, services
from kyodo.events.exceptions import EventError
from kyodo.events.forms import ApplicationForm
from kyodo.events.models import Application


def event_list(request: HttpRequest) -> HttpResponse:
    # Counts only: who applied is never shown on the public site.
    return render(request, "events/list.html", {"events": selectors.public_events()})


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.public_event(pk)
    if event is None:
        raise Http404
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                actor=None, event=event, **form.service_arguments()
            )
        except EventError as exc:
            form.add_error(None, exc.message)
        else:
            if application.status == Application.Status.CONFIRMED:
                messages.success(
                    request,
                    _("Your application is confirmed. We have sent you a confirmation e-mail."),
                )
            else:
                messages.success(
                    request,
                    _(
                        "The event is full: you are number %(position)s on the waiting list. "
                        "We have sent you an e-mail."
                    )
                    % {"position": application.waitlist_position},
                )
            return redirect(event)
    accepting = True
    closed_reason = ""
    try:
        services.check_accepting(event)
    except EventError as exc:
        accepting, closed_reason = False, exc.message
    return render(
        request,
        "events/detail.html",
        {"event": event, "form": form, "accepting": accepting, "closed_reason": closed_reason},
        status=400 if form.is_bound and form.errors else 200,
    )


@never_cache
def application_cancel(request: HttpRequest, token: str) -> HttpResponse:
    # The token in the mailed link is the applicant's only key; nothing here needs a login.
    application = get_object_or_404(
        Application.objects.select_related("event", "event__series", "event__venue"), token=token
    )
    error = ""
    if request.method == "POST":
        try:
            services.application_cancel(actor=None, application=application)
        except EventError as exc:
            error = exc.message
        else:
            messages.success(request, _("Your application has been cancelled."))
            return redirect("events:application-cancel", token=token)
        application.refresh_from_db()
    return render(
        request,
        "events/cancel.html",
        {"application": application, "event": application.event, "error": error},
    )
