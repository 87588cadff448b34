"""The public site's event pages: the list with its filters, the month calendar, an event with
its application form, cancelling."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache

from kyodo.core.confirmations import submission_request
from kyodo.core.exceptions import DomainError
from kyodo.core.forms import confirmation_rows, initial_from_post, posted_values
from kyodo.core.months import Month
from kyodo.core.ratelimit import counts_when
from kyodo.core.roles import Role, has_role
from kyodo.core.statements import Prepared
from kyodo.core.templatetags.kyodo_ja import time_ja
from kyodo.core.views.actions import perform, submit
from kyodo.events import selectors, services
from kyodo.events.exceptions import EventError
from kyodo.events.filters import EventFilterForm
from kyodo.events.forms import ApplicationChangeForm, ApplicationForm, FeedbackForm
from kyodo.events.models import Application, Event

PAGE_SIZE = 20
# Weeks start on Sunday, as Japanese wall calendars do.
WEEKDAYS = [
    ("sun", "日", "日曜日"),
    ("mon", "月", "月曜日"),
    ("tue", "火", "火曜日"),
    ("wed", "水", "水曜日"),
    ("thu", "木", "木曜日"),
    ("fri", "金", "金曜日"),
    ("sat", "土", "土曜日"),
]


def event_list(request: HttpRequest) -> HttpResponse:
    # Counts only: who applied is never shown on the public site.
    form = EventFilterForm(request.GET or None, months=selectors.public_event_months())
    filters = form.filters()
    page = _page(
        lambda: selectors.public_event_list(**filters),
        request.GET.get("page"),
        first=None if any(filters.values()) else _first_listed,
    )
    selectors.attach_list_details(page.object_list)
    month = filters["month"]
    return render(
        request,
        "events/public/list.html",
        {
            "form": form,
            "page": page,
            "events": page.object_list,
            "month": month,
            "calendar_month": month or Month.containing(timezone.localdate()),
            "is_filtered": form.is_filtered,
        },
        status=400 if form.errors else 200,
    )


# The unfiltered list's first page (what most visitors open), one event more than it shows,
# compiled once per process (kyodo.core.statements).
_FIRST_LISTED = Prepared(
    lambda today: selectors.public_event_list(today=today)[: PAGE_SIZE + 1],
    today=date(2000, 4, 1),
)


def _first_listed() -> list[Event]:
    return _FIRST_LISTED.objects(today=timezone.localdate())


def _page(events: Callable[[], QuerySet[Event]], number: str | None, *, first=None) -> Page:
    """``Paginator(events(), PAGE_SIZE).get_page(number)`` with its events read (a list). The
    first page, when it holds every event (the usual case: a few weeks of events), is read
    without the COUNT query: its length is the count. ``first`` reads the first page's events
    (and one more) instead of ``events()`` when given; the queryset is then built only when the
    first page does not hold them all (building it costs more than the compiled statement)."""
    if number in (None, "", "1"):
        listed = first() if first is not None else list(events()[: PAGE_SIZE + 1])
        if len(listed) <= PAGE_SIZE:  # every event: the list is its own count
            return Page(listed, 1, Paginator(listed, PAGE_SIZE))
        return Page(listed[:PAGE_SIZE], 1, Paginator(events(), PAGE_SIZE))
    page = Paginator(events(), PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    return page


def event_calendar(
    request: HttpRequest, year: int | None = None, month: int | None = None
) -> HttpResponse:
    today = timezone.localdate()
    if year is None or month is None:
        shown = Month.containing(today)
    else:
        shown = Month.parse(f"{year:04d}-{month:02d}")
        if shown is None:
            raise Http404
    events = selectors.public_calendar_events(shown)
    return render(
        request,
        "events/public/calendar.html",
        {
            "month": shown,
            "previous": shown.previous(),
            "next": shown.next(),
            "this_month": Month.containing(today),
            "weeks_html": _calendar_weeks_html(shown, events, today),
            "weekdays": WEEKDAYS,
            "event_count": len(events),
        },
    )


def _calendar_weeks_html(shown: Month, events: list[Event], today: date) -> SafeString:
    """The calendar's weeks (its table's rows from Sunday), written here rather than by the
    template: six weeks of seven cells each cost the template far more than the rest of the page.
    """
    by_day: dict[date, list[Event]] = defaultdict(list)
    for event in events:
        by_day[event.date].append(event)
    # Translated literals are not escaped, as in the templates (Django marks them safe).
    today_label = pgettext("calendar", "Today")
    # 「（中止）」: full-width brackets in Japanese, as on the list and the event page.
    cancelled = (
        pgettext("brackets", " (")
        + pgettext("event status", "Cancelled")
        + pgettext("brackets", ")")
    )
    rows = []
    for week in calendar.Calendar(firstweekday=calendar.SUNDAY).monthdatescalendar(
        shown.year, shown.month
    ):
        cells = []
        for day in week:
            if day.month != shown.month:
                cells.append('<td class="outside"></td>')
                continue
            code, short, _name = WEEKDAYS[(day.weekday() + 1) % 7]
            is_today = day == today
            day_events = by_day.get(day)
            items = ""
            if day_events:
                items = (
                    '<ul class="day-events">'
                    + "".join(
                        f'<li><a href="{escape(event.get_absolute_url())}">'
                        + (f"{escape(time_ja(event.start_time))} " if event.start_time else "")
                        + f"{escape(event.name)}</a>"
                        + (
                            f'<span class="status-failed">{cancelled}</span>'
                            if event.status == "cancelled"
                            else ""
                        )
                        + "</li>"
                        for event in day_events
                    )
                    + "</ul>"
                )
            cells.append(
                f'<td class="{code}{" today" if is_today else ""}'
                f'{" has-events" if day_events else " no-events"}"'
                f"{' aria-current="date"' if is_today else ''}>\n"
                f'        <span class="day-number">{day.day}<span class="day-suffix">日</span></span>'
                f'<span class="day-weekday">({short})</span>'
                f"{f' <strong class="today-label">{today_label}</strong>' if is_today else ''}"
                f"\n        {items}\n      </td>"
            )
        rows.append("<tr>\n      " + "".join(cells) + "\n    </tr>")
    return mark_safe("".join(rows))


def _sends(request: HttpRequest) -> bool:
    return request.POST.get("step") == "send"


# Only 完了 writes (an application, or its confirmation mailed first): the 確認 step and
# 「修正する」 do not count against the page's limit (RATE_LIMITS "events:detail", 20 an hour).
@counts_when(_sends)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The event, and its application form: 入力 → 確認 (``step=confirm``) → 完了
    (``step=send``, then the application's own page); 「修正する」 (``step=edit``) goes back to
    the input with what was typed."""
    if request.method == "POST" and _sends(request):
        sent = _send_application(request, pk)
        if sent is not None:
            return sent
    event = selectors.public_event(pk)
    if event is None:
        raise Http404
    step = request.POST.get("step", "confirm") if request.method == "POST" else ""
    if step == "edit":
        form = ApplicationForm(initial=initial_from_post(request, ApplicationForm))
    elif request.method == "POST":
        form = ApplicationForm(request.POST)
    else:
        form = ApplicationForm(initial=_group_initial(request))
    accepting, closed_reason = True, ""
    try:
        services.check_accepting(event)
    except EventError as exc:
        accepting, closed_reason = False, exc.message
    if step in ("confirm", "send") and form.is_valid():
        if not accepting:
            form.add_error(None, closed_reason)
        elif step == "confirm":
            people = form.cleaned_data["people"]
            is_group = form.cleaned_data["kind"] == Application.Kind.GROUP
            will_wait = event.would_wait(people=people, is_group=is_group)
            return render(
                request,
                "events/public/application_confirm.html",
                {
                    "event": event,
                    "rows": _application_rows(form),
                    "hidden": posted_values(request, form),
                    # Said before sending, not only after: the page may show places left that
                    # this application does not fit in, or others may be waiting already.
                    "will_wait": will_wait,
                    # And why, in words true of this application (「お申し込みの人数分の席が
                    # ないため」, not 「席がないため」 with places left).
                    "wait_reason": services.waitlist_reason(
                        event,
                        people_taken=event.confirmed_people,
                        groups_taken=event.confirmed_groups,
                        waiting=event.waitlisted_count,
                        people=people,
                        is_group=is_group,
                    )
                    if will_wait
                    else "",
                    "breadcrumb_parents": [(event.name, event.get_absolute_url())],
                },
            )
        elif settings.EVENT_APPLICATION_CONFIRMATION:
            # The place is taken only when the applicant confirms the address by mail (#18).
            arguments = form.service_arguments()
            organization = arguments.pop("organization")
            submission_request(
                kind="events.application",
                email=arguments["email"],
                payload={"event": event.pk, "organization": organization and organization.pk}
                | arguments,
                hours=settings.EVENT_APPLICATION_CONFIRM_HOURS,
            )
            return redirect("confirm-sent")
        else:
            application = submit(
                form,
                services.application_submit,
                actor=None,
                event=event,
                **form.service_arguments(),
            )
            if not form.errors:
                return redirect("events:application", token=application.token)
    return render(
        request,
        "events/detail.html",
        {"event": event, "form": form, "accepting": accepting, "closed_reason": closed_reason},
        status=400 if form.is_bound and form.errors else 200,
    )


def _group_initial(request: HttpRequest) -> dict:
    """The form's start for a signed-in group representative (or contact): as the group, their
    group chosen and their own details filled in, rather than 「個人」 and a list of every group
    to find theirs in. Nothing for anyone else, or a group not registered (not in the list)."""
    from kyodo.organizations.models import Organization
    from kyodo.organizations.selectors import organization_for_representative

    user = request.user
    if not user.is_authenticated or not has_role(user, Role.GROUP):
        return {}
    organization = organization_for_representative(user=user)
    if organization is None or organization.status != Organization.Status.REGISTERED:
        return {}
    initial = {"kind": Application.Kind.GROUP, "organization": organization.pk}
    if organization.representative_user_id == user.pk:
        initial |= {
            "name": organization.representative_name,
            "name_reading": organization.representative_reading,
            "email": user.email or organization.email,
            "phone": organization.phone,
        }
    else:
        initial |= {
            "name": user.full_name,
            "name_reading": user.name_reading,
            "email": user.email,
        }
    return initial


def _send_application(request: HttpRequest, pk: int) -> HttpResponse | None:
    """完了 at once for a valid form (``step=send``, no confirmation by mail): the service locks
    the event and checks everything itself, so the page's own reads (the event with its counts
    and guests) are not needed. None, for the page to do it all as usual, when the form is not
    valid or the service refuses (nothing was written then): an event that is not public (404),
    closed, or already applied to."""
    if settings.EVENT_APPLICATION_CONFIRMATION:
        return None
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return None
    try:
        application = services.application_submit(
            actor=None, event=Event(pk=pk), **form.service_arguments()
        )
    except (DomainError, Event.DoesNotExist):
        return None
    return redirect("events:application", token=application.token)


def _application_message(application: Application) -> str:
    if application.status == Application.Status.CONFIRMED:
        return _("Your application is confirmed. We have sent you a confirmation e-mail.")
    # Why it waits is in the mail (services.waitlist_reason): this page may be read later, when
    # the reason it had then no longer holds.
    return _("You are number %(position)s on the waiting list. We have sent you an e-mail.") % {
        "position": application.waitlist_position
    }


def application_confirmed(payload: dict, upload) -> tuple[str, str]:
    """The applicant confirmed the address: the application is made now, places counted now."""
    from kyodo.organizations.models import Organization

    arguments = dict(payload)
    event = selectors.public_event(arguments.pop("event"))
    if event is None:
        raise EventError(_("This event is no longer on the site."))
    organization = arguments.pop("organization")
    if organization is not None:
        organization = Organization.objects.filter(pk=organization).first()
    application = services.application_submit(
        actor=None, event=event, organization=organization, **arguments
    )
    # The same 完了 page as without the confirmation: what was sent and the cancel link.
    return reverse("events:application", args=[application.token]), _application_message(
        application
    )


def _application_rows(form: ApplicationForm) -> list[tuple[str, str]]:
    """What the 確認 page lists: the group's fields only for a group's application."""
    skip = () if form.cleaned_data["kind"] == Application.Kind.GROUP else form.group_fields
    return confirmation_rows(form, skip=skip)


@never_cache
def application_done(request: HttpRequest, token: str) -> HttpResponse:
    # 完了: what was sent and the cancel link. The token in the address (and in the mail) is
    # the applicant's only key, as for cancelling; the page is never cached or indexed.
    application = get_object_or_404(
        Application.objects.select_related(
            "event", "event__series", "event__venue", "organization"
        ),
        token=token,
    )
    event = application.event
    # After the event, the page says what happened and offers nothing the service would refuse
    # (services.application_cancel: not once it is over for its applicants).
    over = event.closed_to_applicants
    response = render(
        request,
        "events/public/application_done.html",
        {
            "application": application,
            "event": event,
            "over": over,
            "may_cancel": application.status != Application.Status.CANCELLED
            and event.status != Event.Status.CANCELLED
            and not over,
            "may_change": services.application_change_refusal(application, event) is None,
            "cancel_path": reverse("events:application-cancel", args=[token]),
            "breadcrumb_parents": [(application.event.name, application.event.get_absolute_url())],
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def application_cancel(request: HttpRequest, token: str) -> HttpResponse:
    # The token in the mailed link is the applicant's only key; nothing here needs a login.
    application = get_object_or_404(
        Application.objects.select_related("event", "event__series", "event__venue"), token=token
    )
    if request.method == "POST":
        perform(
            request,
            services.application_cancel,
            success=_(
                "Your application has been cancelled. We have sent you a confirmation e-mail."
            ),
            actor=None,
            application=application,
        )
        return redirect("events:application-cancel", token=token)
    return render(
        request,
        "events/cancel.html",
        {
            "application": application,
            "event": application.event,
            # The mail's link leads here: someone who only needs fewer places finds the change.
            "may_change": services.application_change_refusal(application, application.event)
            is None,
            "breadcrumb_parents": [(application.event.name, application.event.get_absolute_url())],
        },
    )


@never_cache
def application_change(request: HttpRequest, token: str) -> HttpResponse:
    """「申し込み内容を変更する」 through the personal link (the token is the applicant's only
    key, as for cancelling): the number of people of a group, the reading, the telephone and
    the note. The service decides under the event's lock; a refusal is shown on the form with
    what was typed, and nothing changes."""
    application = get_object_or_404(
        Application.objects.select_related(
            "event", "event__series", "event__venue", "organization"
        ),
        token=token,
    )
    event = application.event
    refusal = services.application_change_refusal(application, event)
    form = None
    if refusal is None:
        if request.method == "POST":
            form = ApplicationChangeForm(request.POST, application=application)
            if form.is_valid():
                submit(
                    form,
                    services.application_change,
                    actor=None,
                    application=application,
                    **form.service_arguments(),
                )
                if not form.errors:
                    messages.success(
                        request,
                        _("Your application has been changed. We have sent you an e-mail."),
                    )
                    return redirect("events:application", token=token)
        else:
            form = ApplicationChangeForm(application=application)
    response = render(
        request,
        "events/public/application_change.html",
        {
            "application": application,
            "event": event,
            "form": form,
            "refusal": refusal,
            # The refusal asks to cancel instead: the link to do so, while it still may be.
            "can_cancel": refusal is not None
            and application.status != Application.Status.CANCELLED
            and services.application_cancel_refusal(event) is None,
            "breadcrumb_parents": [(event.name, event.get_absolute_url())],
        },
        status=400
        if (form is not None and form.errors) or (refusal and request.method == "POST")
        else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    # The questionnaire after the event, reached by the personal link mailed to the participant
    # (the application's token, as for cancelling): answered, and changed, until it closes.
    found = selectors.feedback_by_token(token)
    if found is None:
        raise Http404
    event = found.event
    closed = timezone.localdate() > event.feedback_closes_on()
    if closed:
        form = None
    elif request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            submit(
                form,
                services.feedback_answer,
                token=token,
                satisfaction=form.cleaned_data["satisfaction"],
                good_points=form.cleaned_data["good_points"],
                requests=form.cleaned_data["requests"],
            )
            if not form.errors:
                messages.success(request, _("Thank you for your answer."))
                return redirect("events:feedback", token=token)
    else:
        form = FeedbackForm(
            initial={
                "satisfaction": found.satisfaction,
                "good_points": found.good_points,
                "requests": found.requests,
            }
        )
    response = render(
        request,
        "events/public/feedback.html",
        {
            "feedback": found,
            "event": event,
            "form": form,
            "closed": closed,
            "closes_on": event.feedback_closes_on(),
            "breadcrumb_parents": [(event.name, event.get_absolute_url())],
        },
        status=400 if form is not None and form.errors else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
