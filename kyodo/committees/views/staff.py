"""Staff pages (/staff/committees/): meetings, agenda, decisions, minutes and their circulation.

Views are thin: a form validates the input, a service does the work, a domain error becomes a
form error (so nothing is saved and the page says why in Japanese).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.committees import services
from kyodo.committees.exceptions import CommitteeError
from kyodo.committees.export import FORMATS, export_minutes, render_html
from kyodo.committees.forms import (
    ActionItemForm,
    ActionStatusForm,
    AppointmentForm,
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    EntriesTextForm,
    EntryForm,
    ItemForm,
    MeetingForm,
    MeetingUpdateForm,
    NextMeetingForm,
    ReviseForm,
    SettingsForm,
    SplitForm,
)
from kyodo.committees.models import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    CirculationRecipient,
    Committee,
    CorrectionRequest,
    Meeting,
    Member,
    Minutes,
    MinutesEntry,
)
from kyodo.committees.selectors import (
    agenda_sections,
    attendees,
    latest_circulation,
    meeting_with_agenda,
    meetings_of,
    memberships_on,
    open_action_items,
    quorum_of,
    receipt_board,
    terms_ending,
)
from kyodo.core.permissions import staff_required


def _attempt(form, action: Callable[[], object]) -> bool:
    """Run a service; a domain error becomes a form error and nothing is saved."""
    try:
        action()
    except CommitteeError as error:
        form.add_error(None, error.message)
        return False
    return True


def _committee(request) -> Committee:
    committees = Committee.objects.select_related("center").order_by("pk")
    slug = request.GET.get("committee")
    committee = committees.filter(slug=slug).first() if slug else committees.first()
    if committee is None:
        raise Http404
    return committee


@staff_required
def index(request):
    # The committee at a glance: who sits, whose term ends soon, the meetings, and a new one.
    committee = _committee(request)
    today = timezone.localdate()
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created: list[Meeting] = []
        if _attempt(
            form,
            lambda: created.append(
                services.meeting_create(
                    actor=request.user,
                    committee=committee,
                    date=data["date"],
                    start_time=data["start_time"],
                    end_time=data["end_time"],
                    venue=data["venue"],
                    number=data["number"],
                )
            ),
        ):
            messages.success(request, _("The meeting has been created."))
            return redirect("committees-staff:meeting", pk=created[0].pk)
    return render(
        request,
        "committees/staff/index.html",
        {
            "committee": committee,
            "seats": memberships_on(committee=committee, on=today),
            "secretariat": committee.secretariat.all(),
            "terms_ending": terms_ending(committee=committee, today=today),
            "appointments": committee.appointments.select_related("member"),
            "meetings": meetings_of(committee=committee),
            "form": form,
            "settings_form": SettingsForm(initial={"speaker_labels": committee.speaker_labels}),
        },
    )


@staff_required
@require_POST
def settings_update(request):
    committee = _committee(request)
    form = SettingsForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: services.committee_update(
            actor=request.user,
            committee=committee,
            speaker_labels=form.cleaned_data["speaker_labels"],
        ),
    ):
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("The input is not valid."))
    return redirect("committees-staff:index")


@staff_required
def appointment_add(request):
    committee = _committee(request)
    form = AppointmentForm(request.POST or None, members=Member.objects.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.appointment_add(
                actor=request.user,
                committee=committee,
                member=data["member"],
                title=data["title"],
                term_start=data["term_start"],
                term_end=data["term_end"],
            ),
        ):
            messages.success(request, _("Saved."))
            return redirect("committees-staff:index")
    return render(
        request, "committees/staff/form.html", {"form": form, "title": _("New appointment")}
    )


@staff_required
def meeting_detail(request, pk: int):
    # The agenda page: items by category with their decisions, attendance and quorum, requests
    # still open from earlier meetings, and the minutes' state.
    meeting = get_object_or_404(Meeting, pk=pk)
    meeting = meeting_with_agenda(pk=meeting.pk)
    seats = memberships_on(committee=meeting.committee, on=meeting.date)
    current = {a.member_id: a.status for a in meeting.attendances.all()}
    attendance_form = AttendanceForm(request.POST or None, seats=seats, current=current)
    if request.method == "POST" and attendance_form.is_valid():

        def record():
            for member, status in attendance_form.statuses():
                services.attendance_record(
                    actor=request.user, meeting=meeting, member=member, status=status
                )

        if _attempt(attendance_form, record):
            messages.success(request, _("Attendance has been saved."))
            return redirect("committees-staff:meeting", pk=meeting.pk)
    return render(
        request,
        "committees/staff/meeting.html",
        {
            "meeting": meeting,
            "sections": agenda_sections(meeting),
            "attendees": attendees(meeting=meeting),
            "quorum": quorum_of(meeting=meeting),
            "attendance_form": attendance_form,
            "open_actions": open_action_items(meeting=meeting),
        },
    )


@staff_required
def meeting_update(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingUpdateForm(
        request.POST or None,
        initial={
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "venue": meeting.venue,
            "status": meeting.status,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.meeting_update(
                actor=request.user,
                meeting=meeting,
                start_time=data["start_time"],
                end_time=data["end_time"],
                venue=data["venue"],
                status=data["status"],
            ),
        ):
            messages.success(request, _("Saved."))
            return redirect("committees-staff:meeting", pk=meeting.pk)
    return render(
        request,
        "committees/staff/form.html",
        {"form": form, "title": _("Change the meeting"), "meeting": meeting},
    )


@staff_required
@require_POST
def meeting_notice(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        count = services.meeting_send_notice(actor=request.user, meeting=meeting)
    except CommitteeError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The notice has been queued for %(count)d members.") % {"count": count}
        )
    return redirect("committees-staff:meeting", pk=meeting.pk)


@staff_required
def meeting_next(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = NextMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created: list[Meeting] = []
        if _attempt(
            form,
            lambda: created.append(
                services.meeting_schedule_next(
                    actor=request.user,
                    meeting=meeting,
                    date=data["date"],
                    start_time=data["start_time"],
                    end_time=data["end_time"],
                    venue=data["venue"],
                )
            ),
        ):
            messages.success(request, _("The next meeting has been scheduled."))
            return redirect("committees-staff:meeting", pk=created[0].pk)
    return render(
        request,
        "committees/staff/form.html",
        {"form": form, "title": _("Schedule the next meeting"), "meeting": meeting},
    )


@staff_required
def item_add(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body = data["body"]
        if data["prefill_report"] and not body:
            month = meeting.date.replace(day=1)
            previous = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
            body = services.business_report_text(year=previous.year, month=previous.month)
        created: list[AgendaItem] = []
        if _attempt(
            form,
            lambda: created.append(
                services.item_add(
                    actor=request.user,
                    meeting=meeting,
                    category=data["category"],
                    title=data["title"],
                    body=body,
                )
            ),
        ):
            return redirect("committees-staff:item", pk=created[0].pk)
    return render(
        request,
        "committees/staff/form.html",
        {"form": form, "title": _("New agenda item"), "meeting": meeting},
    )


def _item(pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__committee", "meeting__minutes", "decision"),
        pk=pk,
    )


@staff_required
def item_detail(request, pk: int):
    # Writing the minutes of one item: paste the house format, preview, save; then edit entries.
    item = _item(pk)
    form = EntriesTextForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            preview = services.preview_entries(text)
        except CommitteeError as error:
            form.add_error("text", error.message)
        else:
            if "save" in request.POST and _attempt(
                form,
                lambda: services.minutes_entries_from_text(
                    actor=request.user, item=item, text=text, append=form.cleaned_data["append"]
                ),
            ):
                messages.success(request, _("The minutes of the item have been saved."))
                return redirect("committees-staff:item", pk=item.pk)
    decision = getattr(item, "decision", None)
    return render(
        request,
        "committees/staff/item.html",
        {
            "item": item,
            "meeting": item.meeting,
            "entries": item.entries.select_related("member"),
            "form": form,
            "preview": preview,
            # Several forms on one page: distinct ids keep the labels pointing at their fields.
            "decision_form": DecisionForm(
                auto_id="decision_%s",
                initial={
                    "outcome": decision.outcome,
                    "method": decision.method,
                    "text": decision.text,
                }
                if decision
                else None,
            ),
            "action_form": ActionItemForm(auto_id="action_%s"),
            "document_form": DocumentForm(auto_id="document_%s"),
            "actions": item.action_items.all(),
            "documents": item.documents.all(),
        },
    )


@staff_required
def item_decision(request, pk: int):
    item = _item(pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.decision_record(
                actor=request.user,
                item=item,
                outcome=data["outcome"],
                method=data["method"],
                votes_for=data["votes_for"],
                votes_against=data["votes_against"],
                abstentions=data["abstentions"],
                text=data["text"],
            ),
        ):
            messages.success(request, _("The decision has been recorded."))
            return redirect("committees-staff:meeting", pk=item.meeting_id)
    return render(
        request,
        "committees/staff/form.html",
        {"form": form, "title": _("Decision"), "meeting": item.meeting},
    )


@staff_required
def item_action(request, pk: int):
    item = _item(pk)
    form = ActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.action_item_add(
                actor=request.user,
                meeting=item.meeting,
                item=item,
                description=data["description"],
                assignee=data["assignee"],
                due_date=data["due_date"],
            ),
        ):
            messages.success(request, _("The request is now tracked."))
            return redirect("committees-staff:item", pk=item.pk)
    return render(
        request,
        "committees/staff/form.html",
        {"form": form, "title": _("New request"), "meeting": item.meeting},
    )


@staff_required
@require_POST
def action_status(request, pk: int):
    action = get_object_or_404(ActionItem, pk=pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(
            actor=request.user, action=action, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("The input is not valid."))
    return redirect("committees-staff:meeting", pk=action.meeting_id)


@staff_required
def item_document(request, pk: int):
    item = _item(pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if _attempt(
            form,
            lambda: services.document_add(
                actor=request.user,
                item=item,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            ),
        ):
            messages.success(request, _("The document has been attached."))
            return redirect("committees-staff:item", pk=item.pk)
    return render(
        request,
        "committees/staff/form.html",
        {"form": form, "title": _("Attach a document"), "meeting": item.meeting, "upload": True},
    )


@staff_required
def document_download(request, pk: int):
    # Papers are internal: served through a staff-only view, never from a public media URL.
    document = get_object_or_404(AgendaDocument, pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True)


def _entry(pk: int) -> MinutesEntry:
    return get_object_or_404(MinutesEntry.objects.select_related("item__meeting"), pk=pk)


@staff_required
def entry_edit(request, pk: int):
    entry = _entry(pk)
    form = EntryForm(
        request.POST or None,
        entry=entry,
        initial={"speaker": entry.speaker, "text": entry.text},
    )
    if request.method == "POST" and form.is_valid():
        if _attempt(
            form,
            lambda: services.entry_update(
                actor=request.user,
                entry=entry,
                speaker=form.cleaned_data["speaker"],
                text=form.cleaned_data["text"],
            ),
        ):
            return redirect("committees-staff:item", pk=entry.item_id)
    split_form = SplitForm()
    return render(
        request,
        "committees/staff/entry.html",
        {"form": form, "entry": entry, "split_form": split_form, "meeting": entry.item.meeting},
    )


@staff_required
@require_POST
def entry_change(request, pk: int, change: str):
    # Move up/down, split, join or delete one entry; errors come back as a message.
    entry = _entry(pk)
    try:
        if change == "up" or change == "down":
            services.entry_move(actor=request.user, entry=entry, up=change == "up")
        elif change == "join":
            services.entry_join(actor=request.user, entry=entry)
        elif change == "delete":
            services.entry_delete(actor=request.user, entry=entry)
        elif change == "split":
            form = SplitForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give the position where the entry is split."))
                return redirect("committees-staff:entry", pk=entry.pk)
            services.entry_split(actor=request.user, entry=entry, at=form.cleaned_data["at"])
        else:
            raise Http404
    except CommitteeError as error:
        messages.error(request, error.message)
    return redirect("committees-staff:item", pk=entry.item_id)


def _minutes(pk: int) -> Minutes:
    return get_object_or_404(
        Minutes.objects.select_related("meeting__committee__center", "meeting__venue"), pk=pk
    )


@staff_required
def minutes_detail(request, pk: int):
    # The whole minutes as they will print, their state, the receipt board and corrections.
    minutes = _minutes(pk)
    circulation = latest_circulation(minutes=minutes)
    items = sorted(
        AgendaItem.objects.filter(meeting=minutes.meeting),
        key=lambda i: (i.section_number, i.number),
    )
    return render(
        request,
        "committees/staff/minutes.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "document_html": render_html(minutes, standalone=False),
            "circulation": circulation,
            "board": receipt_board(circulation=circulation) if circulation else [],
            "corrections": CorrectionRequest.objects.filter(
                recipient__circulation__minutes=minutes
            ).select_related("recipient__member", "entry"),
            "revisions": minutes.revisions.select_related("author"),
            "revise_form": ReviseForm(items=items) if minutes.is_confirmed else None,
            "formats": sorted(FORMATS),
        },
    )


@staff_required
@require_POST
def minutes_circulate(request, pk: int):
    minutes = _minutes(pk)
    try:
        services.minutes_circulate(actor=request.user, minutes=minutes)
    except CommitteeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The draft minutes have been sent to the members."))
    return redirect("committees-staff:minutes", pk=minutes.pk)


@staff_required
@require_POST
def minutes_revise(request, pk: int):
    minutes = _minutes(pk)
    items = AgendaItem.objects.filter(meeting=minutes.meeting)
    form = ReviseForm(request.POST, items=items)
    if form.is_valid():
        item = items.get(pk=form.cleaned_data["item"])
        if _attempt(
            form,
            lambda: services.minutes_revise(
                actor=request.user,
                minutes=minutes,
                item=item,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["reason"],
            ),
        ):
            messages.success(request, _("The correction has been recorded as a new revision."))
            return redirect("committees-staff:minutes", pk=minutes.pk)
    return render(
        request,
        "committees/staff/form.html",
        {"form": form, "title": _("Correct confirmed minutes"), "meeting": minutes.meeting},
    )


@staff_required
def minutes_export(request, pk: int, fmt: str):
    minutes = _minutes(pk)
    if fmt not in FORMATS:
        raise Http404
    _render, content_type, extension = FORMATS[fmt]
    response = HttpResponse(export_minutes(minutes, fmt), content_type=content_type)
    if fmt in ("pdf", "docx", "text"):
        name = f"minutes-{minutes.meeting.code}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_required
@require_POST
def recipient_change(request, pk: int, change: str):
    recipient = get_object_or_404(
        CirculationRecipient.objects.select_related("circulation__minutes", "member"), pk=pk
    )
    try:
        if change == "resend":
            services.recipient_resend(actor=request.user, recipient=recipient)
            messages.success(request, _("The link has been sent again."))
        elif change == "paper":
            services.recipient_mark_paper(actor=request.user, recipient=recipient)
            messages.success(request, _("Recorded as handed over on paper."))
        else:
            raise Http404
    except CommitteeError as error:
        messages.error(request, error.message)
    return redirect("committees-staff:minutes", pk=recipient.circulation.minutes_id)


@staff_required
@require_POST
def correction_resolve(request, pk: int):
    correction = get_object_or_404(
        CorrectionRequest.objects.select_related("recipient__circulation"), pk=pk
    )
    services.correction_resolve(actor=request.user, correction=correction)
    return redirect("committees-staff:minutes", pk=correction.recipient.circulation.minutes_id)
