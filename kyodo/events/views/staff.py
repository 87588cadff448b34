"""Staff pages for events (/staff/events/): plan events, take applications, record attendance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST

from kyodo.core.exceptions import DomainError
from kyodo.core.exports import CSV_CONTENT_TYPE, csv_bytes, download
from kyodo.core.permissions import staff_required
from kyodo.core.text import sort_by_reading
from kyodo.core.views.actions import perform, submit, submit_edit
from kyodo.events import selectors, services
from kyodo.events.forms import (
    AttendanceForm,
    EventForm,
    GuestForm,
    NoteForm,
    SeriesForm,
    StaffApplicationForm,
    WalkInForm,
)
from kyodo.events.models import Application, Event, EventNote, EventSeries, Feedback, Guest


def _event_or_404(pk: int) -> Event:
    event = selectors.staff_event(pk)
    if event is None:
        raise Http404
    return event


def _form_page(
    request,
    form,
    *,
    title: str,
    event: Event | None = None,
    status: int = 200,
    notice: str = "",
):
    return render(
        request,
        "events/staff/form.html",
        {"form": form, "title": title, "event": event, "notice": notice},
        status=status,
    )


def _change_notice(event: Event) -> str:
    """What the edit page warns of when people have applied: who is mailed if the day, time or
    venue change, and who must be told some other way (no e-mail address)."""
    open_ = event.applications.filter(
        status__in=[Application.Status.CONFIRMED, Application.Status.WAITLISTED]
    )
    mailed = services.changed_recipients(event).count()
    unmailed = open_.filter(email="").count()
    if not mailed and not unmailed:
        return ""
    notice = _(
        "%(n)s applications (confirmed and waiting) have been received. If you change the "
        "date, time or venue, the %(mailed)s with an e-mail address are told by mail when "
        "you save."
    ) % {"n": mailed + unmailed, "mailed": mailed}
    if unmailed:
        # Japanese sentences follow one another without a space.
        notice += _("%(n)s have no e-mail address: please tell them by telephone.") % {
            "n": unmailed
        }
    return notice


def _invalid(form) -> int:
    # A refused form answers 400, so that scripts and tests can tell it from a page view.
    return 400 if form.is_bound else 200


@staff_required
def index(request: HttpRequest) -> HttpResponse:
    # Upcoming events by default; ?past=1 lists what has been held, latest first.
    past = request.GET.get("past") == "1"
    return render(
        request,
        "events/staff/index.html",
        {"events": selectors.staff_events(past=past), "past": past},
    )


@staff_required
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = submit(form, services.event_create, actor=request.user, **form.cleaned_data)
        if not form.errors:
            messages.success(request, _("The event was created as a draft."))
            return redirect("events-staff:event", pk=event.pk)
    return _form_page(request, form, title=_("New event"), status=_invalid(form))


@staff_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(pk)
    form = EventForm(request.POST or None, initial=EventForm.initial_from(event), version_of=event)
    if request.method == "POST" and form.is_valid():
        saved = submit_edit(
            form,
            services.event_update,
            obj=event,
            actor=request.user,
            event=event,
            **form.cleaned_data,
        )
        if not form.errors:
            messages.success(request, _("The event was saved."))
            told = getattr(saved, "applicants_told", 0)
            if told:
                messages.info(
                    request,
                    _("The new date, time or venue was mailed to %(n)s applicants.") % {"n": told},
                )
            return redirect("events-staff:event", pk=event.pk)
    return _form_page(
        request,
        form,
        title=_("Edit event"),
        event=event,
        status=_invalid(form),
        notice=_change_notice(event),
    )


def _has_applications(event: Event) -> bool:
    # From the counts selectors.staff_event annotates: any application, cancelled ones too.
    return bool(event.confirmed_count or event.waitlisted_count or event.cancelled_count)


@staff_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(pk)
    is_draft, has_applications = event.status == Event.Status.DRAFT, _has_applications(event)
    applications = selectors.event_applications_marked(event)
    _mark_changes(applications)
    return render(
        request,
        "events/staff/event_detail.html",
        {
            "event": event,
            "applications": applications,
            "notes": event.notes.select_related("created_by"),
            "note_form": NoteForm(),
            # A draft that never took an application was never public: it is deleted, not
            # cancelled (services.event_cancel refuses it).
            "deletable": is_draft and not has_applications,
            "cancellable": event.status == Event.Status.PUBLISHED
            or (is_draft and has_applications),
            "feedback": selectors.feedback_summary(event),
            "feedback_refusal": services.feedback_refusal(event),
            "feedback_closes_on": event.feedback_closes_on(),
        },
    )


@dataclass(frozen=True)
class _Change:
    """One change of an application (「申し込み内容を変更する」), as the event page lists it."""

    at: datetime
    who: str
    lines: list


def _mark_changes(applications: list[Application]) -> None:
    """Set ``changes_made`` on each application: its changes, oldest first, from the audit log
    (services.application_change writes one row each). One query for the page, none without
    applications. The values of personal details are not in the log: only that they changed."""
    from django.contrib.contenttypes.models import ContentType

    from kyodo.core.audit import change_lines
    from kyodo.core.models import AuditEntry

    for application in applications:
        application.changes_made = []
    if not applications:
        return
    by_pk = {str(application.pk): application for application in applications}
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id__in=list(by_pk),
        action="kyodo.events.application.changed",
    ).order_by("created_at", "pk")
    for entry in entries:
        # In the form's order (PostgreSQL's JSON keeps its own order of the keys).
        shown = {
            key: entry.changes[key] for key in services.CHANGEABLE_FIELDS if key in entry.changes
        }
        by_pk[entry.object_id].changes_made.append(
            _Change(
                at=entry.created_at,
                # Without a staff member, the applicant through the personal link.
                who=entry.actor_label or _("The applicant"),
                lines=change_lines(shown, model=Application, action=entry.action),
            )
        )


@staff_required
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    # A draft made by mistake: GET asks first, POST deletes (services.event_delete decides).
    event = _event_or_404(pk)
    if request.method == "POST":
        deleted = perform(
            request,
            services.event_delete,
            success=_("The draft event %(event)s was deleted.") % {"event": event.name},
            actor=request.user,
            event=event,
        )
        return redirect("events-staff:index") if deleted else redirect("events-staff:event", pk=pk)
    deletable = event.status == Event.Status.DRAFT and not _has_applications(event)
    return render(
        request, "events/staff/event_delete.html", {"event": event, "deletable": deletable}
    )


@staff_required
@require_POST
def event_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    change = {
        "publish": services.event_publish,
        "unpublish": services.event_unpublish,
        "cancel": services.event_cancel,
    }.get(action)
    if change is None:
        raise Http404
    perform(
        request,
        change,
        success=_("The event's status was changed."),
        actor=request.user,
        event=event,
    )
    return redirect("events-staff:event", pk=pk)


# --- series ------------------------------------------------------------------------------------


@staff_required
def series_list(request: HttpRequest) -> HttpResponse:
    return render(request, "events/staff/series_list.html", {"series_list": selectors.all_series()})


@staff_required
def series_create(request: HttpRequest) -> HttpResponse:
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit(form, services.series_create, actor=request.user, **form.cleaned_data)
        if not form.errors:
            messages.success(request, _("The series was created."))
            return redirect("events-staff:series")
    return _form_page(request, form, title=_("New series"), status=_invalid(form))


@staff_required
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(EventSeries, pk=pk)
    initial = {name: getattr(series, name) for name in SeriesForm.base_fields}
    form = SeriesForm(request.POST or None, initial=initial, version_of=series)
    if request.method == "POST" and form.is_valid():
        submit_edit(
            form,
            services.series_update,
            obj=series,
            actor=request.user,
            series=series,
            **form.cleaned_data,
        )
        if not form.errors:
            messages.success(request, _("The series was saved."))
            return redirect("events-staff:series")
    return _form_page(request, form, title=_("Edit series"), status=_invalid(form))


# --- guests ------------------------------------------------------------------------------------


@staff_required
def guest_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(pk)
    form = GuestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.guest_add(actor=request.user, event=event, **form.cleaned_data)
        messages.success(request, _("The guest was added."))
        return redirect("events-staff:event", pk=event.pk)
    return _form_page(request, form, title=_("Add a guest"), event=event, status=_invalid(form))


@staff_required
def guest_edit(request: HttpRequest, pk: int) -> HttpResponse:
    guest = get_object_or_404(Guest.objects.select_related("event"), pk=pk)
    initial = {name: getattr(guest, name) for name in GuestForm.base_fields}
    form = GuestForm(request.POST or None, initial=initial, version_of=guest)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["position"] is None:
            data["position"] = guest.position
        submit_edit(form, services.guest_update, obj=guest, actor=request.user, guest=guest, **data)
        if not form.errors:
            messages.success(request, _("The guest was saved."))
            return redirect("events-staff:event", pk=guest.event_id)
    return _form_page(
        request, form, title=_("Edit guest"), event=guest.event, status=_invalid(form)
    )


@staff_required
@require_POST
def guest_remove(request: HttpRequest, pk: int) -> HttpResponse:
    guest = get_object_or_404(Guest, pk=pk)
    services.guest_remove(actor=request.user, guest=guest)
    messages.success(request, _("The guest was removed."))
    return redirect("events-staff:event", pk=guest.event_id)


# --- applications ------------------------------------------------------------------------------


@staff_required
def application_add(request: HttpRequest, pk: int) -> HttpResponse:
    # Telephone and counter (窓口) applications: the same service and rules as online ones.
    event = _event_or_404(pk)
    form = StaffApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = submit(
            form,
            services.application_submit,
            actor=request.user,
            event=event,
            **form.service_arguments(),
        )
        if not form.errors:
            messages.success(
                request,
                _("The application was recorded: %(status)s.")
                % {"status": application.get_status_display()},
            )
            return redirect("events-staff:event", pk=event.pk)
    return render(
        request,
        "events/staff/application_form.html",
        # Once the event has begun, applications are closed: the page points to the walk-in's.
        {"form": form, "event": event, "walk_ins": event.takes_walk_ins},
        status=_invalid(form),
    )


@staff_required
def walk_in_add(request: HttpRequest, pk: int) -> HttpResponse:
    # 当日参加: someone at the door, entered as an application marked as attended (after the
    # start too); the waiting list is left as it is and nobody is mailed.
    event = _event_or_404(pk)
    form = WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = submit(
            form,
            services.walk_in_add,
            actor=request.user,
            event=event,
            **form.service_arguments(),
        )
        if not form.errors:
            messages.success(
                request,
                _("%(name)s was entered as a walk-in and marked as attended.")
                % {"name": application.applicant_label},
            )
            return redirect("events-staff:event", pk=event.pk)
    return render(
        request,
        "events/staff/walk_in_form.html",
        {"form": form, "event": event},
        status=_invalid(form),
    )


@staff_required
@require_POST
def application_seat(request: HttpRequest, pk: int) -> HttpResponse:
    # 「当日参加として受け付ける」: someone on the waiting list who came on the day is seated and
    # marked as attended; back to the page the button was on (the event's, or attendance).
    application = get_object_or_404(Application.objects.select_related("organization"), pk=pk)
    perform(
        request,
        services.application_seat,
        success=_("%(name)s was seated from the waiting list and marked as attended.")
        % {"name": application.applicant_label},
        actor=request.user,
        application=application,
    )
    back = "attendance" if request.POST.get("back") == "attendance" else "event"
    return redirect(f"events-staff:{back}", pk=application.event_id)


@staff_required
def application_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    # GET asks for confirmation (who, what, that the person will be mailed); POST cancels.
    application = get_object_or_404(
        Application.objects.select_related("event", "organization"), pk=pk
    )
    if request.method == "POST":
        started = timezone.now()
        if perform(
            request,
            services.application_cancel,
            success=_("The application was cancelled."),
            actor=request.user,
            application=application,
        ):
            _say_moved_up(request, application.event_id, since=started)
        return redirect("events-staff:event", pk=application.event_id)
    return render(
        request,
        "events/staff/application_cancel.html",
        {
            "application": application,
            "event": application.event,
            # Why the service would refuse (an ended event), said instead of the button.
            "refusal": services.application_cancel_refusal(application.event, by_staff=True),
        },
    )


def _say_moved_up(request: HttpRequest, event_id: int, *, since: datetime) -> None:
    # The place given up went to the waiting list: say to whom, so that the clerk who took the
    # call knows, and who has no e-mail address and must be telephoned.
    moved_up = list(
        Application.objects.filter(
            event_id=event_id, status=Application.Status.CONFIRMED, promoted_at__gte=since
        )
        .select_related("organization")
        .order_by("promoted_at", "pk")
    )
    if not moved_up:
        return
    separator = pgettext("list separator", ", ")
    messages.info(
        request,
        _("Moved up from the waiting list: %(names)s.")
        % {"names": separator.join(_people_label(a) for a in moved_up)},
    )
    unmailed = [a.applicant_label for a in moved_up if not a.email]
    if unmailed:
        messages.warning(
            request,
            _("%(names)s gave no e-mail address: tell them by telephone.")
            % {"names": separator.join(unmailed)},
        )


def _people_label(application: Application) -> str:
    return _("%(name)s (%(people)s)") % {
        "name": application.applicant_label,
        "people": ngettext("%(n)s person", "%(n)s people", application.people)
        % {"n": application.people},
    }


def _csv_moment(value) -> str:
    """A stored time in Japan's time as the exports write dates (ISO 8601, kyodo.core.exports),
    to the minute: 「2026-12-07 20:10」, which Excel reads as a date and time it can sort."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@staff_required
def applications_csv(request: HttpRequest, pk: int) -> HttpResponse:
    # UTF-8 with a BOM: Excel, which the center opens it in, needs the BOM to read Japanese.
    event = _event_or_404(pk)
    header = [
        _("Applied at"),
        _("Status"),
        _("Place on the waiting list"),
        _("Applying as"),
        _("Group"),
        pgettext("events person", "Name"),
        _("Reading (furigana)"),
        _("Number of people"),
        _("E-mail"),
        _("Telephone"),
        _("Received by"),
        # Each application's own (出欠), not the event's page title (出欠・参加者数).
        _("Attendance"),
        _("Message to the center"),
    ]
    rows = [
        [
            _csv_moment(a.created_at),
            a.get_status_display(),
            a.waitlist_position,
            a.get_kind_display(),
            a.group_label,
            a.name,
            a.name_reading,
            a.people,
            a.email,
            a.phone,
            a.get_channel_display(),
            a.get_attendance_display() if a.attendance else "",
            a.note,
        ]
        for a in selectors.event_applications(event)
    ]
    return download(
        csv_bytes([header, *rows]),
        filename=f"event-{event.pk}-applications.csv",
        name=f"申込者一覧_{event.title}.csv",
        content_type=CSV_CONTENT_TYPE,
    )


# --- after the event ---------------------------------------------------------------------------


@staff_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(pk)
    applications = selectors.event_applications(event)
    confirmed = applications.filter(status=Application.Status.CONFIRMED)
    initial = {"walk_in_people": event.walk_in_people, "walk_in_groups": event.walk_in_groups}
    form = AttendanceForm(request.POST or None, initial=initial, applications=confirmed)
    if request.method == "POST" and form.is_valid():
        submit(
            form,
            services.event_record_attendance,
            actor=request.user,
            event=event,
            attendance=form.per_application(),
            **form.walk_ins(event),
        )
        if not form.errors:
            messages.success(request, _("The attendance was recorded."))
            return redirect("events-staff:event", pk=event.pk)
    return render(
        request,
        "events/staff/attendance.html",
        {
            "form": form,
            "event": event,
            "not_yet": event.date > timezone.localdate(),
            # Reception checks people in at the door before the start (documented, tested): not
            # refused, but the page says the report counts the event as held only once it ends.
            "before_start": event.date == timezone.localdate()
            and event.start_time is not None
            and not event.has_started,
            # Those on the waiting list who turn up are seated from here (application_seat).
            "waiting": applications.filter(status=Application.Status.WAITLISTED)
            if event.takes_walk_ins
            else [],
        },
        status=_invalid(form),
    )


@staff_required
def roster(request: HttpRequest, pk: int) -> HttpResponse:
    # 受付名簿: the confirmed applicants in gojūon order of their readings, to print for the
    # reception desk (name, reading, people, group, a column to tick).
    event = _event_or_404(pk)
    confirmed = selectors.event_applications(event).filter(status=Application.Status.CONFIRMED)
    rows = sort_by_reading(list(confirmed), key=lambda a: a.name_reading or a.name)
    return render(
        request,
        "events/staff/roster.html",
        {
            "event": event,
            "rows": rows,
            "people": sum(a.people for a in rows),
            "waiting": event.waitlisted_count,
        },
    )


@staff_required
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.note_add(actor=request.user, event=event, **form.cleaned_data)
        messages.success(request, _("The note was recorded."))
        return redirect("events-staff:event", pk=event.pk)
    return _form_page(
        request, form, title=_("Feedback and requests"), event=event, status=_invalid(form)
    )


@staff_required
@require_POST
def note_remove(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(EventNote, pk=pk)
    services.note_remove(actor=request.user, note=note)
    messages.success(request, _("The note was deleted."))
    return redirect("events-staff:event", pk=note.event_id)


# --- the questionnaire after the event ---------------------------------------------------------


@staff_required
@require_POST
def feedback_send(request: HttpRequest, pk: int) -> HttpResponse:
    # 「アンケートを送る」: at once rather than the day after (the service refuses before the end).
    event = get_object_or_404(Event, pk=pk)
    groups_before = selectors.feedback_asked_groups(event)
    try:
        count = services.feedback_request(actor=request.user, event=event)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        # Counted as applications (件): a group's is one request for all who came with it.
        groups = selectors.feedback_asked_groups(event) - groups_before
        messages.success(
            request,
            ngettext(
                "The questionnaire was sent for %(n)s application (%(split)s).",
                "The questionnaire was sent for %(n)s applications (%(split)s).",
                count,
            )
            % {
                "n": count,
                "split": _("%(individuals)s alone, %(groups)s groups")
                % {"individuals": count - groups, "groups": groups},
            },
        )
    return redirect("events-staff:event", pk=pk)


@staff_required
@require_POST
def feedback_note(request: HttpRequest, pk: int) -> HttpResponse:
    # A participant's request for future events, kept as the event's 要望 note.
    answer = get_object_or_404(Feedback, pk=pk)
    perform(
        request,
        services.feedback_to_note,
        success=_("The request was kept as a note."),
        actor=request.user,
        feedback=answer,
    )
    return redirect("events-staff:event", pk=answer.event_id)


@staff_required
def feedback_csv(request: HttpRequest, pk: int) -> HttpResponse:
    # The answers without names (as a paper アンケート): staff only, like every download here.
    event = _event_or_404(pk)
    header = [
        _("No."),
        _("Answered at"),
        _("Satisfaction"),
        _("Satisfaction (1-5)"),
        _("What was good"),
        _("Requests for future events"),
    ]
    rows = [
        [
            n,
            _csv_moment(f.answered_at),
            f.get_satisfaction_display() if f.satisfaction else "",
            f.satisfaction,
            f.good_points,
            f.requests,
        ]
        for n, f in enumerate(selectors.feedback_answers(event), start=1)
    ]
    return download(
        csv_bytes([header, *rows]),
        filename=f"event-{event.pk}-feedback.csv",
        name=f"アンケート結果_{event.name}.csv",
        content_type=CSV_CONTENT_TYPE,
    )
