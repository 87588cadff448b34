"""Staff pages (/staff/committees/): meetings, agenda, decisions, minutes and their versions.

Views are thin: a form validates the input, a service does the work, a refusal becomes the form's
error through ``kyodo.core.views.actions`` (so nothing is saved and the page says why in Japanese).
"""

from __future__ import annotations

import functools
from datetime import date

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.committees import services
from kyodo.committees.documents import minutes_document
from kyodo.committees.export import FORMATS, content_disposition, export_minutes, render_html
from kyodo.committees.forms import (
    OFFICE_FIELDS,
    ActionItemForm,
    ActionStatusForm,
    AppointmentForm,
    AttendanceForm,
    CommitteeForm,
    ConfirmForm,
    CorrectForm,
    DecisionForm,
    DocumentForm,
    EntriesTextForm,
    EntryForm,
    ItemEditForm,
    ItemForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingSwapForm,
    MeetingUpdateForm,
    NextMeetingForm,
    SettingsForm,
    SplitForm,
    StaffReplyForm,
    StaffWrittenVoteForm,
)
from kyodo.committees.models import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    CirculationRecipient,
    Committee,
    CorrectionRequest,
    Decision,
    Meeting,
    Member,
    Minutes,
    MinutesEntry,
    SecretariatMember,
    WrittenVote,
    meeting_name,
)
from kyodo.committees.rendering import rows_html
from kyodo.committees.selectors import (
    absent_speakers,
    agenda_sections,
    attendees,
    circulation_plan,
    committee_chosen,
    committee_people,
    latest_circulation,
    meeting_with_agenda,
    memberships_on,
    numbered_before,
    open_action_items,
    quorum_of,
    receipt_board,
)
from kyodo.committees.services.circulation import (
    DEFAULT_RESEND_REASON,
    circulation_refusal,
    held_when_circulated,
    minutes_confirm_and_tell,
    minutes_correct_and_tell,
)
from kyodo.committees.services.decisions import approval_review
from kyodo.committees.services.meetings import (
    notice_mails,
    number_fixed_reason,
    numbers_out_of_order,
)
from kyodo.committees.services.votes import (
    member_votes,
    vote_tally,
    votes_closed_message,
    votes_open,
    voting_items,
    written_vote_submit,
)
from kyodo.committees.views.links import pk_link
from kyodo.committees.views.versions import version_pages
from kyodo.core.exceptions import DomainError
from kyodo.core.months import Month
from kyodo.core.permissions import staff_required
from kyodo.core.statements import Prepared
from kyodo.core.templatetags.kyodo_ja import time_ja, wareki, wareki_date
from kyodo.core.views.actions import perform, submit, submit_edit


def _committee(request) -> Committee:
    committee = committee_chosen(request.GET.get("committee"))
    if committee is None:
        raise Http404
    return committee


def _form_page(request, form, title, *, meeting=None, upload=False, intro=None, submit_label=None):
    """The one-form page; a form with errors answers 400 so that the refusal is visible."""
    return render(
        request,
        "committees/staff/form.html",
        {
            "form": form,
            "title": title,
            "meeting": meeting,
            "upload": upload,
            "intro": intro,
            "submit_label": submit_label,
        },
        status=400 if form.errors else 200,
    )


@staff_required
def index(request):
    # The committee at a glance: who sits, whose term ends soon, the meetings, and a new one.
    slug = request.GET.get("committee")
    committee = committee_chosen(slug)
    if committee is None:
        if slug:
            raise Http404
        # No committee at all (kyodo setup --committee ""): the center's first is made here.
        return committee_new(request)
    today = timezone.localdate()
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = submit(form, services.meeting_create, actor=request.user, committee=committee,
                         **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("The meeting has been created."))
            for warning in meeting_warnings(meeting, today=today):
                messages.warning(request, warning)
            # Numbered in the order of the dates: the later meetings moved up one.
            _tell_moved(request, meeting.renumbered)
            if (later := numbered_before(meeting)) is not None:
                # A meeting after it is held or has approved minutes: numbers are not moved.
                messages.warning(
                    request,
                    _(
                        "%(meeting)s is dated before %(other)s, which has a lower number. To "
                        "number them in the order of their dates, use 「Exchange the numbers」 "
                        "on the meeting's page."
                    )
                    % {"meeting": meeting, "other": later},
                )
            return redirect("committees-staff:meeting", pk=meeting.pk)
    people = committee_people(committee=committee, today=today)
    settings_form = SettingsForm(
        initial={f: getattr(committee, f) for f in _settings_fields()},
        version_of=committee,
    )
    # Each date written once: the seats of a term share their first and last days.
    term_date = functools.cache(wareki_date)
    return render(
        request,
        "committees/staff/index.html",
        {
            "committee": committee,
            # The switcher between the center's committees (shown when there are several).
            "committees": list(Committee.objects.order_by("pk").values("slug", "name")),
            # Each list written as the template's loop printed it; ranges with 「～」 as
            # everywhere in the project.
            "seats": rows_html(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}～{}</td></tr>",
                (
                    (
                        seat.name,
                        seat.name_reading,
                        seat.role,
                        seat.sector,
                        term_date(seat.term_start),
                        term_date(seat.term_end),
                    )
                    for seat in people.seats
                ),
            ),
            "secretariat": rows_html(
                "<li>{} {}</li>",
                _SECRETARIAT.rows(committee_id=committee.pk),
            ),
            "terms_ending": rows_html(
                "<li><strong>{}</strong> {}：{}</li>",
                ((wareki(end), person, what) for end, person, what in people.terms_ending),
            ),
            "appointments": rows_html(
                "<li>{}：{}（{}～{}）</li>",
                (
                    (a.title, a.name, term_date(a.term_start), term_date(a.term_end))
                    for a in people.appointments
                ),
            ),
            "meetings": rows_html(
                '\n<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td>'
                '<td><a href="{}">{}</a></td></tr>\n',
                _meeting_rows(committee),
            ),
            "form": form,
            "settings_form": settings_form,
        },
        status=400 if form.errors else 200,
    )


# The committee page's statements, compiled once per process (kyodo.core.statements).
_SECRETARIAT = Prepared(
    lambda committee_id: SecretariatMember.objects.filter(committee_id=committee_id).values_list(
        "name", "title"
    ),
    committee_id=1,
)
_MEETINGS = Prepared(
    lambda committee_id: (
        Meeting.objects.filter(committee_id=committee_id).order_by("-date", "-pk").values_list(
            "pk", "fiscal_year", "number", "date", "start_time", "venue__name", "status",
            "minutes", "minutes__status",
        )
    ),
    committee_id=1,
)  # fmt: skip


def _meeting_rows(committee: Committee) -> list[tuple]:
    """The meetings table's cells: (link, meeting, when, venue, status, minutes link, minutes
    status), from plain values, the links built once for the table."""
    meeting_link = pk_link("committees-staff:meeting")
    minutes_link = pk_link("committees-staff:minutes")
    not_decided = _("Not decided yet")
    statuses = dict(Meeting.Status.choices)
    minutes_statuses = dict(Minutes.Status.choices)
    not_written = _("Not written yet")
    rows = []
    for (
        pk,
        fiscal_year,
        number,
        day,
        start,
        venue,
        status,
        minutes,
        minutes_status,
    ) in _MEETINGS.rows(committee_id=committee.pk):
        when = wareki(day)
        if start:
            when += " " + time_ja(start)
        rows.append(
            (
                meeting_link(pk),
                meeting_name(fiscal_year, number, committee.name),
                when,
                not_decided if venue is None else venue,
                str(statuses.get(status, status)),
                minutes_link(minutes),
                # A meeting still to come has no minutes to speak of, though its row exists.
                not_written
                if status == Meeting.Status.SCHEDULED and minutes_status == Minutes.Status.DRAFT
                else str(minutes_statuses.get(minutes_status, minutes_status)),
            )
        )
    return rows


def _settings_fields() -> list[str]:
    return [*services.COMMITTEE_FIELDS, *(f for f in OFFICE_FIELDS if f not in services.COMMITTEE_FIELDS)]  # fmt: skip


def _settings_save(*, actor, committee: Committee, **values) -> Committee:
    """The committee's settings: those the service knows through it, the body's own secretariat
    (``OFFICE_FIELDS``, until ``services.COMMITTEE_FIELDS`` lists them) the same way, audited as
    a change of the committee's settings."""
    from kyodo.core.services import update_fields

    office = {f: values.pop(f) for f in OFFICE_FIELDS if f not in services.COMMITTEE_FIELDS}
    committee = services.committee_update(actor=actor, committee=committee, **values)
    if office:
        committee, _changes = update_fields(
            actor=actor,
            instance=committee,
            values=office,
            fields=list(office),
            action="kyodo.committees.committee.updated",
        )
    return committee


@staff_required
@require_POST
def settings_update(request):
    committee = _committee(request)
    form = SettingsForm(request.POST, version_of=committee)
    if form.is_valid():
        submit_edit(form, _settings_save, obj=committee, actor=request.user,
                    committee=committee, **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect(_index_of(committee))
    # Refused (another person saved first, or a value not offered): the settings on their own
    # page, with what was chosen kept and the other person's change listed.
    return _form_page(request, form, _("Settings of %(committee)s") % {"committee": committee})


def _index_of(committee: Committee) -> str:
    from django.urls import reverse

    return reverse("committees-staff:index") + f"?committee={committee.slug}"


@staff_required
def committee_new(request):
    # A committee of the center's own (a second 委員会, 部会); other bodies' come with their minutes.
    from kyodo.core.models import Center

    center = Center.objects.order_by("pk").first()
    if center is None:
        raise Http404
    form = CommitteeForm(request.POST or None, initial={"slug": services.free_committee_slug()})
    if request.method == "POST" and form.is_valid():
        committee = submit(form, _committee_create, actor=request.user, center=center,
                           **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(
                request,
                _("%(committee)s was created. Add its members next.") % {"committee": committee},
            )
            return redirect(_index_of(committee))
    first = not Committee.objects.exists()
    return _form_page(
        request,
        form,
        _("A new committee"),
        intro=_(
            "No committee yet: create the center's steering committee (運営委員会) first. Its "
            "members, meetings and minutes follow."
        )
        if first
        else None,
        submit_label=_("Create the committee"),
    )


def _committee_create(*, actor, center, slug: str, **values) -> Committee:
    """A committee made on the staff page, with the short name the clerk gave (or, left empty,
    the next free one)."""
    return services.committee_create(
        actor=actor, center=center, via="staff", slug=slug or None, **values
    )


@staff_required
def appointment_add(request):
    committee = _committee(request)
    form = AppointmentForm(request.POST or None, members=Member.objects.all())
    if request.method == "POST" and form.is_valid():
        submit(form, services.appointment_add, actor=request.user, committee=committee,
               **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect(_index_of(committee))
    return _form_page(request, form, _("New appointment"))


def meeting_warnings(meeting: Meeting, *, today: date) -> list[str]:
    """What a clerk should know about a meeting's date: it has passed while the meeting is still
    予定 (a past meeting typed in afterwards is recorded as held), or no member's term covers it
    (the attendance form is empty until terms are renewed)."""
    warnings = []
    if meeting.status == Meeting.Status.SCHEDULED and meeting.date < today:
        warnings.append(
            _(
                "%(meeting)s is dated %(date)s, which has passed, but it is recorded as "
                "scheduled. If it was held, record it as held (開催済み) on its edit page."
            )
            % {"meeting": meeting, "date": wareki(meeting.date)}
        )
    if not memberships_on(committee=meeting.committee, on=meeting.date).exists():
        warnings.append(
            _(
                "No member's term covers %(date)s: the attendance cannot be recorded until the "
                "members' terms are renewed."
            )
            % {"date": wareki(meeting.date)}
        )
    return warnings


def locked_reason(minutes: Minutes) -> str:
    """Why the meeting's attendance, agenda and statements can no longer be changed ("" while
    they can): the services refuse every change once the minutes are approved or confirmed, so
    the pages say so instead of offering forms that would be refused."""
    if minutes.is_confirmed:
        return _(
            "The minutes of this meeting are confirmed: its attendance, agenda and statements "
            "no longer change. To correct them, use the correction (訂正) on the minutes page."
        )
    if minutes.status == Minutes.Status.APPROVED:
        return _(
            "The minutes of this meeting have been approved: its attendance, agenda and "
            "statements stay as approved until the minutes are confirmed."
        )
    return ""


@staff_required
def meeting_detail(request, pk: int):
    # The agenda page: items by category with their decisions, attendance and quorum, requests
    # still open from earlier meetings, and the minutes' state.
    meeting = get_object_or_404(Meeting, pk=pk)
    meeting = meeting_with_agenda(pk=meeting.pk)
    seats = list(memberships_on(committee=meeting.committee, on=meeting.date))
    current = {a.member_id: a.status for a in meeting.attendances.all()}
    replies = services.reply_summary(meeting)
    # A meeting held in writing: the written votes per item, and who voted fills in attendance.
    tally = vote_tally(meeting) if meeting.held_in_writing else None
    attendance_form = AttendanceForm(
        request.POST or None,
        seats=seats,
        current=current,
        replies={row.seat.member_id: row.reply for row in replies.rows if row.reply},
        voted={m.pk for m in tally.voted} if tally is not None else None,
    )
    if request.method == "POST" and attendance_form.is_valid():
        submit(attendance_form, services.attendance_record_all, actor=request.user,
               meeting=meeting, statuses=attendance_form.statuses())  # fmt: skip
        if not attendance_form.errors:
            messages.success(request, _("Attendance has been saved."))
            # Someone now recorded as absent speaks in the minutes: one of the two is wrong.
            for warning in absent_speakers(
                meeting=meeting,
                entries=MinutesEntry.objects.filter(item__meeting=meeting).select_related("member"),
            ):
                messages.warning(request, warning)
            return redirect("committees-staff:meeting", pk=meeting.pk)
    return render(
        request,
        "committees/staff/meeting.html",
        {
            "meeting": meeting,
            "sections": agenda_sections(meeting),
            "attendees": attendees(meeting=meeting),
            "quorum": quorum_of(meeting=meeting),
            # Before a meeting anyone is recorded for, no quorum is missing yet: no red alert.
            "attendance_recorded": bool(current),
            "attendance_form": attendance_form,
            "replies": replies,
            "replies_open": services.replies_open(meeting) and not meeting.held_in_writing,
            "tally": tally,
            "votes_open": tally is not None and votes_open(meeting),
            "open_actions": open_action_items(meeting=meeting),
            "editable": meeting.minutes.status in (Minutes.Status.DRAFT, Minutes.Status.CIRCULATED),
            "locked_reason": locked_reason(meeting.minutes),
            "no_seats": not seats,
            "past_scheduled": meeting.status == Meeting.Status.SCHEDULED
            and meeting.date < timezone.localdate(),
            # 「回を入れ替える」 only where the number may change.
            "number_fixed": number_fixed_reason(meeting) is not None,
        },
        status=400 if attendance_form.errors else 200,
    )


@staff_required
def meeting_replies(request, pk: int):
    # The members' answers to the notice (出欠の回答) in gojūon order, and an answer staff took on
    # the telephone, until the meeting begins.
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "venue"), pk=pk)
    summary = services.reply_summary(meeting)
    is_open = services.replies_open(meeting)
    form = StaffReplyForm(request.POST or None, seats=[row.seat for row in summary.rows])
    if request.method == "POST":
        if not is_open:
            form.add_error(None, services.closed_message(meeting))
        elif form.is_valid():
            data = form.cleaned_data
            reply = submit(form, services.attendance_reply, actor=request.user,
                           meeting=meeting, **data)  # fmt: skip
            if not form.errors:
                messages.success(
                    request,
                    _("Recorded: %(name)s, 「%(answer)s」.")
                    % {"name": data["member"].name, "answer": reply.get_answer_display()},
                )
                return redirect("committees-staff:meeting-replies", pk=meeting.pk)
    return render(
        request,
        "committees/staff/replies.html",
        {"meeting": meeting, "summary": summary, "form": form, "is_open": is_open},
        status=400 if form.errors else 200,
    )


@staff_required
def meeting_update(request, pk: int):
    # Reschedule (date, times, venue) or record the meeting as held.
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "venue"), pk=pk)
    form = MeetingUpdateForm(
        request.POST or None, initial=MeetingUpdateForm.initial_from(meeting), version_of=meeting
    )
    if request.method == "POST" and form.is_valid():
        updated = submit_edit(form, services.meeting_update, obj=meeting, actor=request.user,
                              meeting=meeting, **form.service_arguments())  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            _tell_renumbered(request, updated, before=meeting)
            return redirect("committees-staff:meeting", pk=meeting.pk)
    return _form_page(request, form, _("Change the meeting"), meeting=meeting)


def _tell_moved(request, renumbered) -> None:
    # The meetings whose 第N回 followed another's new place, each (meeting, its old number).
    for moved, old in renumbered:
        messages.info(
            request,
            _("%(old)s (%(date)s) is now %(meeting)s.")
            % {"old": f"第{old}回", "date": wareki(moved.date), "meeting": moved}
            + (
                _("Its notice named the old number: tell the members.")
                if moved.notice_sent_at
                else ""
            ),
        )


def _tell_renumbered(request, meeting: Meeting, *, before: Meeting) -> None:
    # A new date moved the meeting past others (or into another fiscal year): the numbers
    # followed, as they do for a meeting added between others; or they could not (a held
    # meeting in the way), and staff are pointed to 「回を入れ替える」. ``before``: the meeting
    # as the page had it.
    if str(meeting) != str(before):
        messages.info(
            request,
            _("%(old)s (%(date)s) is now %(meeting)s.")
            % {"old": before, "date": wareki(meeting.date), "meeting": meeting},
        )
    _tell_moved(request, getattr(meeting, "renumbered", []))
    if (meeting.date, meeting.number) == (before.date, before.number):
        return
    if (other := numbers_out_of_order(meeting)) is not None:
        earlier, lower = (meeting, other) if other.number < meeting.number else (other, meeting)
        messages.warning(
            request,
            _(
                "%(meeting)s is dated before %(other)s, which has a lower number. To "
                "number them in the order of their dates, use 「Exchange the numbers」 "
                "on the meeting's page."
            )
            % {"meeting": earlier, "other": lower},
        )


@staff_required
def meeting_swap(request, pk: int):
    # 「回を入れ替える」: a meeting added out of order and the one that has the number it should
    # have exchange them in one step (setting either number alone is refused: it is taken).
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    # A number that may not change, or no other meeting whose number may: there is nothing to
    # choose, so the meeting page says why instead of a form that can only be refused.
    if (fixed := number_fixed_reason(meeting)) is not None:
        messages.error(request, fixed)
        return redirect("committees-staff:meeting", pk=meeting.pk)
    form = MeetingSwapForm(request.POST or None, meeting=meeting)
    if not form.fields["other"].queryset.exists():
        messages.error(
            request,
            _(
                "No other meeting of this fiscal year has a number that may change: their "
                "minutes are approved or confirmed."
            ),
        )
        return redirect("committees-staff:meeting", pk=meeting.pk)
    if request.method == "POST" and form.is_valid():
        swapped = submit(form, services.meeting_swap_numbers, actor=request.user,
                         meeting=meeting, other=form.cleaned_data["other"],
                         shown=form.cleaned_data["shown"])  # fmt: skip
        if not form.errors:
            meeting, other = swapped
            messages.success(
                request,
                _(
                    "The numbers have been exchanged: %(meeting)s (%(date)s), %(other)s (%(other_date)s)."
                )
                % {
                    "meeting": meeting,
                    "date": wareki(meeting.date),
                    "other": other,
                    "other_date": wareki(other.date),
                },
            )
            return redirect("committees-staff:meeting", pk=meeting.pk)
    intro = _(
        "%(meeting)s (%(date)s) takes the number of the meeting chosen here, and that meeting "
        "takes %(number)s, in one step. Minutes approved or confirmed keep their meeting's "
        "number."
    ) % {"meeting": meeting, "date": wareki(meeting.date), "number": f"第{meeting.number}回"}
    return _form_page(request, form, _("Exchange the numbers"), meeting=meeting, intro=intro,
                      submit_label=_("Exchange the numbers"))  # fmt: skip


@staff_required
def meeting_cancel(request, pk: int):
    # 中止: asks first; members who had the notice are told.
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit(form, services.meeting_cancel, actor=request.user, meeting=meeting,
               **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("The meeting has been cancelled."))
            return redirect("committees-staff:meeting", pk=meeting.pk)
    intro = _(
        "Cancel %(meeting)s? Items carried over to it go to the next meeting; members who were "
        "sent the notice are told by mail."
    ) % {"meeting": meeting}
    return _form_page(request, form, _("Cancel the meeting"), meeting=meeting, intro=intro,
                      submit_label=_("Cancel the meeting"))  # fmt: skip


@staff_required
def meeting_delete(request, pk: int):
    # Only a meeting created by mistake (no notice, no minutes): asks first.
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    form = ConfirmDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit(form, services.meeting_delete, actor=request.user, meeting=meeting)
        if not form.errors:
            messages.success(request, _("%(meeting)s has been deleted.") % {"meeting": meeting})
            return redirect(_index_of(meeting.committee))
    intro = _("Delete %(meeting)s, created by mistake? This cannot be undone.") % {
        "meeting": meeting
    }
    return _form_page(request, form, _("Delete the meeting"), meeting=meeting, intro=intro,
                      submit_label=_("Delete"))  # fmt: skip


@staff_required
def meeting_votes(request, pk: int):
    # 書面表決 returned on paper (or read out on the telephone): staff type it in for the member
    # while the votes are open (audited, marked as entered by the secretariat); who has voted.
    meeting = get_object_or_404(
        Meeting.objects.select_related("committee", "minutes"), pk=pk, held_in_writing=True
    )
    seats = list(memberships_on(committee=meeting.committee, on=meeting.date))
    items = voting_items(meeting)
    is_open = bool(items) and votes_open(meeting)
    chosen = request.GET.get("member", "")
    initial = None
    if chosen.isdigit() and any(seat.member_id == int(chosen) for seat in seats):
        member = next(seat.member for seat in seats if seat.member_id == int(chosen))
        initial = {"member": member.pk, **StaffWrittenVoteForm.initial_from(
            member_votes(meeting, member))}  # fmt: skip
    form = StaffWrittenVoteForm(request.POST or None, seats=seats, items=items, initial=initial)
    if request.method == "POST":
        if not is_open:
            form.add_error(
                None,
                votes_closed_message(meeting)
                if items
                else _("This meeting has no item to vote on (審議事項)."),
            )
        elif form.is_valid():
            member = form.cleaned_data["member"]
            submit(form, written_vote_submit, actor=request.user, meeting=meeting,
                   member=member, votes=form.votes())  # fmt: skip
            if not form.errors:
                messages.success(
                    request,
                    _("Recorded: the written vote of %(name)s (entered by the secretariat).")
                    % {"name": member.name},
                )
                return redirect("committees-staff:meeting-votes", pk=meeting.pk)
    given = {}
    for vote in WrittenVote.objects.filter(item__in=items, member__in=[s.member for s in seats]):
        latest = given.get(vote.member_id)
        if latest is None or vote.voted_at > latest.voted_at:
            given[vote.member_id] = vote
    return render(
        request,
        "committees/staff/votes.html",
        {
            "meeting": meeting,
            "form": form,
            "is_open": is_open,
            "items": items,
            "closed": "" if is_open or not items else votes_closed_message(meeting),
            "rows": [(seat.member, given.get(seat.member_id)) for seat in seats],
        },
        status=400 if form.errors else 200,
    )


class ConfirmDeleteForm(ConfirmForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["understood"].label = _("Yes, delete it.")


@staff_required
def meeting_notice(request, pk: int):
    # The notice as it will be sent (to whom, subject, body), then 送信: mail to every member
    # cannot be taken back, so staff read it first.
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "venue"), pk=pk)
    if request.method != "POST":
        # notice_mails warns (venue 未定, meeting begun) but does not refuse.
        return render(
            request,
            "committees/staff/notice.html",
            {"meeting": meeting, "preview": notice_mails(meeting=meeting)},
        )
    try:
        count = services.meeting_send_notice(actor=request.user, meeting=meeting)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The notice has been queued for %(count)d members.") % {"count": count}
        )
    return redirect("committees-staff:meeting", pk=meeting.pk)


@staff_required
def meeting_notice_print(request, pk: int):
    # The notice on paper for members without an address (or ?member=<id> for one member): the
    # same meeting, agenda and wording as the mail, one page each, with the center as sender.
    from kyodo.committees.speakers import salutation
    from kyodo.core.models import Center

    meeting = get_object_or_404(Meeting.objects.select_related("committee", "venue"), pk=pk)
    seats = list(memberships_on(committee=meeting.committee, on=meeting.date))
    chosen = request.GET.get("member", "")
    if chosen:
        seats = [seat for seat in seats if str(seat.member_id) == chosen]
        if not seats:
            raise Http404
    else:
        seats = [seat for seat in seats if not seat.member.email]
    # The body's own secretariat signs when it has one (Committee.sender), else the center.
    center = meeting.committee.sender(Center.objects.current())
    return render(
        request,
        "committees/staff/notice_print.html",
        {
            "meeting": meeting,
            "letters": [(seat.member, salutation(seat)) for seat in seats],
            "agenda": agenda_sections(meeting),
            "center": center,
            "today": timezone.localdate(),
        },
    )


def _next_meeting_items(meeting: Meeting) -> list[AgendaItem]:
    """The items of the meeting's その他 about the next meeting (「次回の開催について」, the
    one 「次回の会議を設定」 adds itself): the draft needs no second one."""
    return list(
        AgendaItem.objects.filter(
            meeting=meeting, category=AgendaItem.Category.OTHER, title__contains="次回"
        ).order_by("number", "pk")
    )


def _schedule_next(*, actor, meeting: Meeting, **values) -> Meeting:
    """``services.meeting_schedule_next``, without its own 「次回…日程について」 item when the
    draft already has an item about the next meeting (the clerk's, under その他)."""
    from django.db import transaction

    from kyodo.committees.services.common import index_meeting
    from kyodo.committees.services.meetings import NEXT_MEETING_TITLE

    before = {item.pk for item in _next_meeting_items(meeting)}
    with transaction.atomic():
        following = services.meeting_schedule_next(actor=actor, meeting=meeting, **values)
        if before:
            added = AgendaItem.objects.filter(
                meeting=meeting,
                category=AgendaItem.Category.OTHER,
                title=NEXT_MEETING_TITLE.format(committee=meeting.committee.name),
            ).exclude(pk__in=before)
            if added.exists():
                added.delete()
                index_meeting(meeting.pk)
    return following


@staff_required
def meeting_next(request, pk: int):
    # The next meeting, and the line 「次回は…」 in the draft's その他 (unless it has one).
    from kyodo.committees.services.meetings import NEXT_MEETING_TITLE

    meeting = get_object_or_404(Meeting.objects.select_related("committee", "minutes"), pk=pk)
    form = NextMeetingForm(
        request.POST or None,
        # Most bodies meet at the same hour: the current meeting's, to change. The venue is
        # left 未定 (as the seed's 「場所は未定。」) unless chosen.
        initial={"start_time": meeting.start_time, "end_time": meeting.end_time},
    )
    own = _next_meeting_items(meeting)
    title = NEXT_MEETING_TITLE.format(committee=meeting.committee.name)
    editable = meeting.minutes.status in (Minutes.Status.DRAFT, Minutes.Status.CIRCULATED)
    if request.method == "POST" and form.is_valid():
        following = submit(form, _schedule_next, actor=request.user, meeting=meeting,
                           **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("The next meeting has been scheduled."))
            if editable and own:
                messages.info(
                    request,
                    _(
                        "The draft of %(meeting)s already has 「%(item)s」 under その他: nothing "
                        "was added to it. Check that its date and place agree with %(next)s."
                    )
                    % {"meeting": meeting, "item": own[0].title, "next": following},
                )
            return redirect("committees-staff:meeting", pk=following.pk)
    if not editable:
        intro = _("The minutes of %(meeting)s are no longer a draft: nothing is added to them.") % {
            "meeting": meeting
        }
    elif own:
        intro = _(
            "The draft of %(meeting)s already has 「%(item)s」 under その他: nothing is added to "
            "it. Check that its date and place agree with the next meeting."
        ) % {"meeting": meeting, "item": own[0].title}
    else:
        intro = _(
            "The draft of %(meeting)s gets the item 「%(item)s」 under その他, with the "
            "secretariat's line 「次回は…。場所は…。」 from the date, time and venue below."
        ) % {"meeting": meeting, "item": title}
    return _form_page(request, form, _("Schedule the next meeting"), meeting=meeting, intro=intro)


@staff_required
def item_add(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        report_month = None
        if data.pop("prefill_report") and not data["body"]:
            previous = Month.containing(meeting.date).previous()
            if previous is not None and previous.last_day >= timezone.localdate():
                # A month not over yet has no report: its figures would be guesses written
                # as facts into the agenda (「2月に実施した事業はなかった」 in December).
                form.add_error(
                    "prefill_report",
                    _(
                        "%(month)s has not ended yet: its monthly report cannot be put in the "
                        "explanation. Untick the box to add the item without it, or add the "
                        "item after %(month)s is over."
                    )
                    % {"month": previous.label},
                )
            elif previous is not None:
                report_month = previous
                data["body"] = services.business_report_text(
                    year=previous.year, month=previous.month
                )
        if not form.errors:
            item = submit(form, services.item_add, actor=request.user, meeting=meeting, **data)
        if not form.errors and report_month is not None:
            # The report itself goes with the item: live until handed out, then frozen.
            from kyodo.reports.services import presented_report_attach

            submit(form, presented_report_attach, actor=request.user, item=item,
                   month=report_month)  # fmt: skip
        if not form.errors:
            return redirect("committees-staff:item", pk=item.pk)
    return _form_page(request, form, _("New agenda item"), meeting=meeting)


def _item(pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related(
            "meeting__committee", "meeting__minutes", "decision", "minutes_for__meeting__committee"
        ),
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
        preview = submit(form, services.preview_entries, text=text)
        if preview is not None and "save" in request.POST:
            submit(form, services.minutes_entries_from_text, actor=request.user, item=item,
                   text=text, append=form.cleaned_data["append"])  # fmt: skip
            if not form.errors:
                messages.success(request, _("The minutes of the item have been saved."))
                return redirect("committees-staff:item", pk=item.pk)
    decision = getattr(item, "decision", None)
    entries = list(item.entries.select_related("member"))
    editable = item.meeting.minutes.status in (Minutes.Status.DRAFT, Minutes.Status.CIRCULATED)
    speaker_warnings = []
    if editable:
        # A speaker recorded as absent: the clerk fixes the attendance or the speaker.
        rows = entries + (services.entry_rows(item.meeting, item, preview) if preview else [])
        speaker_warnings = absent_speakers(meeting=item.meeting, entries=rows)
    return render(
        request,
        "committees/staff/item.html",
        {
            "item": item,
            "meeting": item.meeting,
            "entries": entries,
            "form": form,
            "preview": preview,
            "speaker_warnings": speaker_warnings,
            "editable": editable,
            "locked_reason": locked_reason(item.meeting.minutes),
            # Several forms on one page: distinct ids keep the labels pointing at their fields.
            "decision_form": DecisionForm(
                auto_id="decision_%s", item=item, initial=_decision_initial(decision, item)
            ),
            "approval": approval_review(item=item, today=timezone.localdate()),
            "named_minutes": services.minutes_named_by(item),
            "action_form": ActionItemForm(auto_id="action_%s"),
            "document_form": DocumentForm(auto_id="document_%s"),
            "actions": item.action_items.all(),
            "documents": item.documents.all(),
            "presented_report": getattr(item, "monthly_report", None),
        },
        status=400 if form.errors else 200,
    )


def _decision_initial(decision, item: AgendaItem) -> dict | None:
    if decision is None:
        # A 報告事項 is heard, not voted on: 「報告のみ」「採決なし」 rather than the list's first
        # choices (承認, 満場一致), which would record a report as approved unanimously.
        if item.category == AgendaItem.Category.REPORT:
            return {"outcome": Decision.Outcome.REPORT_ONLY, "method": Decision.Method.NONE}
        return None
    return {
        "outcome": decision.outcome,
        "method": decision.method,
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "abstentions": decision.abstentions,
        "text": decision.text,
        "entry": decision.entry_id,
        "override_reason": decision.override_reason,
    }


@staff_required
def item_edit(request, pk: int):
    item = _item(pk)
    form = ItemEditForm(
        request.POST or None, initial={"title": item.title, "body": item.body}, version_of=item
    )
    if request.method == "POST" and form.is_valid():
        submit_edit(form, services.item_update, obj=item, actor=request.user, item=item,
                    **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("committees-staff:meeting", pk=item.meeting_id)
    # The prefilled 業務報告 prose stays editable after its monthly report is handed out (its
    # figures frozen): staff are told to keep the two in agreement.
    from kyodo.reports.notices import frozen_prose_notice

    return _form_page(
        request,
        form,
        _("Change the agenda item"),
        meeting=item.meeting,
        intro=frozen_prose_notice(item) or None,
    )


@staff_required
@require_POST
def item_change(request, pk: int, change: str):
    # Move an item up or down within its category, or delete it; back to the agenda.
    item = _item(pk)
    if change in ("up", "down"):
        perform(request, services.item_move, actor=request.user, item=item, up=change == "up")
    elif change == "delete":
        perform(request, services.item_delete, success=_("The item has been deleted."),
                actor=request.user, item=item)  # fmt: skip
    elif change == "link-minutes":
        # An approval item typed by hand: linked, approving it approves the minutes.
        perform(request, services.item_link_minutes,
                success=_("The item is now the approval of those minutes."),
                actor=request.user, item=item)  # fmt: skip
        return redirect("committees-staff:item", pk=item.pk)
    else:
        raise Http404
    return redirect(f"{_url('committees-staff:meeting', item.meeting_id)}#agenda-heading")


def _url(name: str, pk: int) -> str:
    from django.urls import reverse

    return reverse(name, args=[pk])


@staff_required
def item_decision(request, pk: int):
    item = _item(pk)
    # 「この集計から議決を記録する」 on the meeting page: the form filled in from the written votes, for
    # staff to check and save (nothing is recorded by following the link).
    from_votes = None
    if request.method != "POST" and request.GET.get("from") == "votes":
        from_votes = _tally_of(item)
    form = DecisionForm(
        request.POST or None,
        item=item,
        initial=from_votes.decision_initial() if from_votes is not None else None,
    )
    approval = approval_review(item=item, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        decision = getattr(item, "decision", None)
        was_scheduled = item.meeting.status == Meeting.Status.SCHEDULED
        if decision is not None:
            submit_edit(form, services.decision_record, obj=decision, actor=request.user,
                        item=item, **form.service_arguments())  # fmt: skip
        else:
            submit(form, services.decision_record, actor=request.user, item=item,
                   **form.service_arguments())  # fmt: skip
        if not form.errors:
            messages.success(request, _("The decision has been recorded."))
            # Linked in the same step (「…の会議録とつなぐ」), or approving at a meeting still 予定.
            item = _item(item.pk)
            if was_scheduled and item.meeting.status == Meeting.Status.HELD:
                messages.info(
                    request,
                    _("%(meeting)s has been recorded as held (開催済み).")
                    % {"meeting": item.meeting},
                )
            if item.minutes_for_id and form.cleaned_data["outcome"] == "approved":
                messages.info(request, _("The minutes are approved. Confirm them to publish them."))
                return redirect("committees-staff:minutes", pk=item.minutes_for_id)
            return redirect("committees-staff:meeting", pk=item.meeting_id)
    return render(
        request,
        "committees/staff/decision.html",
        {
            "form": form,
            "item": item,
            "meeting": item.meeting,
            "approval": approval,
            "named_minutes": services.minutes_named_by(item),
            "editable": item.meeting.minutes.status
            in (Minutes.Status.DRAFT, Minutes.Status.CIRCULATED),
            "from_votes": from_votes,
        },
        status=400 if form.errors else 200,
    )


def _tally_of(item: AgendaItem):
    """The written votes' tally of ``item`` (None: not an item of a written vote)."""
    if not item.meeting.held_in_writing:
        return None
    return next((t for t in vote_tally(item.meeting).items if t.item.pk == item.pk), None)


@staff_required
def item_action(request, pk: int):
    item = _item(pk)
    form = ActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit(form, services.action_item_add, actor=request.user, meeting=item.meeting,
               item=item, **form.cleaned_data)  # fmt: skip
        if not form.errors:
            messages.success(request, _("The request is now tracked."))
            return redirect("committees-staff:item", pk=item.pk)
    return _form_page(request, form, _("New request"), meeting=item.meeting)


@staff_required
@require_POST
def action_status(request, pk: int):
    action = get_object_or_404(ActionItem, pk=pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        perform(request, services.action_item_set_status, success=_("Saved."),
                actor=request.user, action=action, **form.cleaned_data)  # fmt: skip
    else:
        messages.error(request, _("The input is not valid."))
    return redirect("committees-staff:meeting", pk=action.meeting_id)


@staff_required
def item_document(request, pk: int):
    item = _item(pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        submit(form, services.document_add, actor=request.user, item=item, **form.cleaned_data)
        if not form.errors:
            messages.success(request, _("The document has been attached."))
            return redirect("committees-staff:item", pk=item.pk)
    return _form_page(request, form, _("Attach a document"), meeting=item.meeting, upload=True)


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
        version_of=entry,
    )
    if request.method == "POST" and form.is_valid():
        submit_edit(form, services.entry_update, obj=entry, actor=request.user, entry=entry,
                    **form.cleaned_data)  # fmt: skip
        if not form.errors:
            return redirect("committees-staff:item", pk=entry.item_id)
    return render(
        request,
        "committees/staff/entry.html",
        {
            "form": form,
            "entry": entry,
            "split_form": SplitForm(),
            "meeting": entry.item.meeting,
            "speaker_warnings": absent_speakers(meeting=entry.item.meeting, entries=[entry]),
        },
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def entry_change(request, pk: int, change: str):
    # Move up/down, split, join or delete one entry; errors come back as a message.
    entry = _entry(pk)
    if change in ("up", "down"):
        perform(request, services.entry_move, actor=request.user, entry=entry, up=change == "up")
    elif change == "join":
        perform(request, services.entry_join, actor=request.user, entry=entry)
    elif change == "delete":
        perform(request, services.entry_delete, actor=request.user, entry=entry)
    elif change == "split":
        form = SplitForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the position where the entry is split."))
            return redirect("committees-staff:entry", pk=entry.pk)
        perform(request, services.entry_split, actor=request.user, entry=entry,
                at=form.cleaned_data["at"])  # fmt: skip
    else:
        raise Http404
    return redirect("committees-staff:item", pk=entry.item_id)


def _minutes(pk: int) -> Minutes:
    return get_object_or_404(
        Minutes.objects.select_related(
            "meeting__committee__center",
            "meeting__venue",
            "current_version",
            "approved_at__meeting",
        ),
        pk=pk,
    )


@staff_required
def minutes_detail(request, pk: int):
    # The whole minutes as they will print, their state, the receipt board, corrections asked
    # for by members, and, once confirmed, their versions.
    minutes = _minutes(pk)
    circulation = latest_circulation(minutes=minutes)
    approval_items = minutes.approval_items.select_related("meeting", "decision").order_by(
        "meeting__date"
    )
    speaker_warnings = []
    if minutes.status in (Minutes.Status.DRAFT, Minutes.Status.CIRCULATED):
        speaker_warnings = absent_speakers(
            meeting=minutes.meeting,
            entries=MinutesEntry.objects.filter(item__meeting=minutes.meeting)
            .select_related("member")
            .order_by("item__category", "item__number", "position"),
        )
    return render(
        request,
        "committees/staff/minutes.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "document_html": render_html(minutes, standalone=False, level=3),
            "circulation": circulation,
            "board": receipt_board(circulation=circulation) if circulation else [],
            "corrections": CorrectionRequest.objects.filter(
                recipient__circulation__minutes=minutes
            ).select_related("recipient__member", "entry"),
            "versions": minutes.versions.select_related("author").order_by("number"),
            "approval_items": approval_items,
            "speaker_warnings": speaker_warnings,
            # A meeting not begun or cancelled: the page says why instead of offering 送付.
            "circulation_refused": circulation_refusal(minutes),
            "formats": [
                ("pdf", "PDF"),
                ("docx", "Word (DOCX)"),
                ("text", _("Text")),
                ("html", "HTML"),
            ],
        },
    )


@staff_required
def minutes_circulate(request, pk: int):
    # Mail to every member cannot be taken back: the page lists who gets the draft by mail and
    # who on paper, and, sent again, whose receipt starts over and whose paper copy stays
    # recorded; 送付 sends. A meeting begun but still 予定 is recorded as held by the same
    # step, and the page says so first.
    minutes = _minutes(pk)
    marks_held = held_when_circulated(minutes.meeting)
    if request.method != "POST" and (refused := circulation_refusal(minutes)):
        messages.error(request, refused)
        return redirect("committees-staff:minutes", pk=minutes.pk)
    if request.method != "POST":
        plan = circulation_plan(minutes=minutes)
        return render(
            request,
            "committees/staff/circulate.html",
            {
                "minutes": minutes,
                "meeting": minutes.meeting,
                "again": latest_circulation(minutes=minutes) is not None,
                "by_mail": [p for p in plan if p.email],
                "on_paper": [p for p in plan if not p.email],
                "reset": [p for p in plan if p.received_at],
                "kept": [p for p in plan if p.paper_at],
                "default_reason": DEFAULT_RESEND_REASON,
                "marks_held": marks_held,
            },
        )
    # Sent again, the mail says 【再送】 and why: what staff typed, else the default.
    reason = request.POST.get("reason", "")[:1000]
    success = _("The draft minutes have been sent to the members.")
    if marks_held:
        success = _(
            "The draft minutes have been sent to the members, and %(meeting)s has been recorded "
            "as held (開催済み)."
        ) % {"meeting": minutes.meeting}
    perform(request, services.minutes_circulate, success=success,
            actor=request.user, minutes=minutes, reason=reason)  # fmt: skip
    return redirect("committees-staff:minutes", pk=minutes.pk)


@staff_required
def minutes_confirm(request, pk: int):
    # 確定: the explicit step after the approval; asks first, then freezes version 1.
    minutes = _minutes(pk)
    if minutes.status != Minutes.Status.APPROVED or minutes.approved_at is None:
        # Not approved (or confirmed already): said at once, with the meeting that is to approve
        # them, and no 確定 to press (posted anyway: refused, nothing changes).
        return _not_to_confirm(request, minutes)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Confirmed, the members are told by mail in the same transaction.
        submit(form, minutes_confirm_and_tell, actor=request.user, minutes=minutes)
        if not form.errors:
            messages.success(request, _("The minutes are confirmed and published."))
            return redirect("committees-staff:minutes", pk=minutes.pk)
    intro = _(
        "Confirm the minutes of %(meeting)s as approved at %(at)s? They are then published as "
        "確定稿 and never change; a correction is recorded as a new version."
    ) % {"meeting": minutes.meeting, "at": minutes.approved_at.meeting}
    return _form_page(request, form, _("Confirm the minutes"), meeting=minutes.meeting,
                      intro=intro, submit_label=_("Confirm (確定)"))  # fmt: skip


def _not_to_confirm(request, minutes: Minutes):
    """The confirm page of minutes that cannot be confirmed: why, and what to do instead."""
    from kyodo.committees.services.common import approving_meeting

    approving = None
    if minutes.is_confirmed:
        reason = _("These minutes are already confirmed.")
    else:
        approving = approving_meeting(minutes)
        if approving is not None:
            reason = _(
                "The minutes of %(meeting)s have not been approved yet: they are to be approved "
                "at %(approving)s on %(date)s. Record the approval there, then confirm them."
            ) % {
                "meeting": minutes.meeting,
                "approving": approving,
                "date": wareki(approving.date),
            }
        else:
            reason = _(
                "The minutes of %(meeting)s have not been approved yet, and no meeting to approve "
                "them is scheduled: put their approval on the agenda of the next meeting and "
                "record it there, then confirm them."
            ) % {"meeting": minutes.meeting}
    return render(
        request,
        "committees/staff/not_to_confirm.html",
        {"minutes": minutes, "meeting": minutes.meeting, "reason": reason, "approving": approving},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def minutes_correct(request, pk: int):
    # 訂正: one item at a time, starting from its current text; a preview shows the difference
    # before the new version is written.
    minutes = _minutes(pk)
    if minutes.current_version is None:
        raise Http404
    document = minutes_document(minutes)
    places = services.item_places(document)
    chosen = (
        request.POST.get("item")
        or request.GET.get("item")
        or (f"{places[0][0].section}-{places[0][0].item}" if places else "")
    )
    initial = {"item": chosen, "based_on": minutes.current_version.number}
    place = next((p for p, _label in places if f"{p.section}-{p.item}" == chosen), None)
    if place is not None:
        initial["text"] = services.item_text(document, place)
    form = CorrectForm(request.POST or None, places=places, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        entries = submit(form, services.preview_entries, text=form.cleaned_data["text"])
        if entries is not None:
            preview = services.correction_preview(document, form.place, entries)
            if "save" in request.POST:
                version = submit(form, minutes_correct_and_tell, actor=request.user,
                                 minutes=minutes, place=form.place,
                                 text=form.cleaned_data["text"],
                                 reason=form.cleaned_data["reason"],
                                 based_on=form.cleaned_data["based_on"])  # fmt: skip
                if not form.errors:
                    messages.success(
                        request,
                        _("The correction has been recorded as version %(number)d.")
                        % {"number": version.number},
                    )
                    return redirect("committees-staff:minutes", pk=minutes.pk)
    return render(
        request,
        "committees/staff/correct.html",
        {"form": form, "minutes": minutes, "meeting": minutes.meeting, "preview": preview},
        status=400 if form.errors else 200,
    )


@staff_required
def minutes_export(request, pk: int, fmt: str):
    minutes = _minutes(pk)
    if fmt not in FORMATS:
        raise Http404
    _render, content_type, extension = FORMATS[fmt]
    response = HttpResponse(export_minutes(minutes, fmt), content_type=content_type)
    if fmt in ("pdf", "docx", "text"):
        response["Content-Disposition"] = content_disposition(minutes, extension)
    return response


minutes_versions, minutes_diff = version_pages(
    template_prefix="committees/staff", decorator=staff_required, confirmed_only=False
)


@staff_required
@require_POST
def recipient_change(request, pk: int, change: str):
    recipient = get_object_or_404(
        CirculationRecipient.objects.select_related("circulation__minutes", "member"), pk=pk
    )
    if change == "resend":
        perform(request, services.recipient_resend, success=_("The link has been sent again."),
                actor=request.user, recipient=recipient)  # fmt: skip
    elif change == "paper":
        perform(request, services.recipient_mark_paper,
                success=_("Recorded as handed over on paper."),
                actor=request.user, recipient=recipient)  # fmt: skip
    else:
        raise Http404
    return redirect("committees-staff:minutes", pk=recipient.circulation.minutes_id)


@staff_required
@require_POST
def correction_resolve(request, pk: int):
    correction = get_object_or_404(
        CorrectionRequest.objects.select_related("recipient__circulation", "recipient__member"),
        pk=pk,
    )
    was_resolved = correction.resolved
    services.correction_resolve(actor=request.user, correction=correction)
    if not was_resolved:
        messages.success(
            request,
            _("Marked as dealt with; the member is told by mail.")
            if correction.recipient.member.email
            else _("Marked as dealt with. The member has no e-mail address: tell them in person."),
        )
    return redirect("committees-staff:minutes", pk=correction.recipient.circulation.minutes_id)
