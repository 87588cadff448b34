"""Forms of the committee pages; every refusal is a Japanese message through the catalogue."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.committees.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AttendanceReply,
    Decision,
    Meeting,
    MinutesEntry,
    RecordKind,
    SpeakerLabels,
)
from kyodo.core.forms import (
    EmailField,
    JapaneseTimeField,
    KeptWhenEmpty,
    NumberField,
    PhoneField,
    TextField,
    WarekiDateField,
)
from kyodo.core.memo import until_next_write
from kyodo.core.models import Venue
from kyodo.core.uploads import UploadField
from kyodo.core.versions import VersionedFormMixin


class _TimesMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            raise forms.ValidationError(_("The meeting cannot end before it starts."))
        if end and not start:
            self.add_error("start_time", _("Give the start time as well."))
        return data


# 19:00, not 19:00:00, as people write a meeting's time.
HOUR_MINUTE = forms.TimeInput(format="%H:%M")


def _venue_names() -> list[tuple[int, str]]:
    # What the select shows of a venue: its name (``Venue.__str__``), in the venues' order.
    return list(Venue.objects.filter(is_active=True).values_list("pk", "name"))


class _VenueNames(ModelChoiceIterator):
    """The venues in use as (pk, name) rows, without building each venue. The rows are kept
    until the next write (``until_next_write``): the staff committee page and every meeting's
    form offer them, and they change only with a write. Checking the chosen one still reads the
    venue from the field's queryset (the same venues: ``_venue_field``'s)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name in until_next_write("committees.venue_names", _venue_names):
            yield (ModelChoiceIteratorValue(pk, None), name)


class _VenueField(forms.ModelChoiceField):
    iterator = _VenueNames


def _venue_field() -> forms.ModelChoiceField:
    return _VenueField(
        label=_("Venue"),
        queryset=Venue.objects.filter(is_active=True),
        required=False,
        empty_label=_("Not decided yet"),
    )


def _in_writing_fields() -> dict:
    """Whether the meeting is held in writing (書面開催), and the day its written votes close."""
    return {
        "held_in_writing": forms.BooleanField(
            label=_("Held in writing"),
            required=False,
            help_text=_("The members vote on paper instead of meeting: no venue."),
        ),
        "votes_close_on": WarekiDateField(
            label=_("Written votes close on"),
            required=False,
            help_text=_("The minutes of a meeting held in writing are dated this day."),
        ),
    }


def _same_day_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Hold it even if the committee already meets that day"), required=False
    )


class MeetingForm(KeptWhenEmpty, _TimesMixin, forms.Form):
    date = WarekiDateField(label=_("Date"))
    start_time = JapaneseTimeField(
        label=_("Starts at"),
        required=False,
        widget=HOUR_MINUTE,
        help_text=_("e.g. 19:00"),
    )
    end_time = JapaneseTimeField(
        label=_("Ends at"),
        required=False,
        widget=HOUR_MINUTE,
        help_text=_("e.g. 21:00"),
    )
    venue = _venue_field()
    number = NumberField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=99,
        help_text=_("Leave empty to number the meeting automatically within the fiscal year."),
    )
    held_in_writing, votes_close_on = _in_writing_fields().values()
    allow_same_day = _same_day_field()


class NextMeetingForm(_TimesMixin, forms.Form):
    date = WarekiDateField(label=_("Date"))
    start_time = JapaneseTimeField(
        label=_("Starts at"),
        required=False,
        widget=HOUR_MINUTE,
        help_text=_("e.g. 19:00"),
    )
    end_time = JapaneseTimeField(
        label=_("Ends at"),
        required=False,
        widget=HOUR_MINUTE,
        help_text=_("e.g. 21:00"),
    )
    venue = _venue_field()
    allow_same_day = _same_day_field()


class MeetingUpdateForm(VersionedFormMixin, _TimesMixin, forms.Form):
    date = WarekiDateField(
        label=_("Date"),
        help_text=_("Members who were sent the notice are told of a new date, time or venue."),
    )
    start_time = JapaneseTimeField(label=_("Starts at"), required=False, widget=HOUR_MINUTE)
    end_time = JapaneseTimeField(label=_("Ends at"), required=False, widget=HOUR_MINUTE)
    venue = _venue_field()
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in (Meeting.Status.SCHEDULED, Meeting.Status.HELD)],
    )
    number = NumberField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_(
            "第N回 within the fiscal year, in the order of the dates: a new date past meetings "
            "not held yet gives it the number of the last one it passes, and they move one "
            "towards the number it leaves; in another fiscal year it is numbered there. A "
            "number another meeting has is refused: to put two meetings in the order of their "
            "dates, use 「Exchange the numbers」 on the meeting's page."
        ),
    )
    held_in_writing, votes_close_on = _in_writing_fields().values()
    allow_same_day = _same_day_field()

    @classmethod
    def initial_from(cls, meeting: Meeting) -> dict:
        return {
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "venue": meeting.venue,
            "status": meeting.status,
            "number": meeting.number,
            "held_in_writing": meeting.held_in_writing,
            "votes_close_on": meeting.votes_close_on,
        }

    def service_arguments(self) -> dict:
        """The cleaned data for ``meeting_update``; an emptied number keeps the meeting's."""
        data = dict(self.cleaned_data)
        if data.get("number") is None:
            data.pop("number", None)
        return data


class MeetingSwapForm(forms.Form):
    """「回を入れ替える」: the meeting of the same committee and fiscal year whose number a meeting
    takes, giving it its own. The meeting's number as the page showed it goes with the form:
    sent twice (two people, or a page left open), the exchange is not undone unseen."""

    other = forms.ModelChoiceField(
        label=_("Exchange the number with"),
        queryset=Meeting.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose another meeting of the same fiscal year.")},
    )
    shown = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("shown", meeting.number)
        from kyodo.committees.services.meetings import number_fixed_reason
        from kyodo.core.wareki import format_wareki

        field = self.fields["other"]
        same_year = (
            Meeting.objects.filter(committee=meeting.committee_id, fiscal_year=meeting.fiscal_year)
            .exclude(pk=meeting.pk)
            .select_related("committee")
            .order_by("number")
        )
        # Only meetings whose number may change: choosing another is always refused.
        field.queryset = same_year.filter(
            pk__in=[m.pk for m in same_year if number_fixed_reason(m) is None]
        )
        field.label_from_instance = lambda m: f"{m}（{format_wareki(m.date)}）"


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (told to the members who had the notice)"),
        max_length=300,
        required=False,
    )


class ItemEditForm(VersionedFormMixin, forms.Form):
    title = forms.CharField(label=pgettext_lazy("agenda item", "Title"), max_length=300)
    body = forms.CharField(label=_("Explanation"), widget=forms.Textarea, required=False)


class AttendanceForm(forms.Form):
    """One choice per seated member, in gojūon order. Before any attendance is recorded, the
    members' answers to the notice (``replies``) fill it in, and each answer is shown beside
    its member."""

    def __init__(self, *args, seats, current: dict[int, str], replies=None, voted=None, **kwargs):
        super().__init__(*args, **kwargs)
        from kyodo.committees.services.replies import ATTENDANCE_FROM_REPLY

        replies = replies or {}
        self.seats = list(seats)
        self.from_replies = not current and any(seat.member_id in replies for seat in self.seats)
        # A meeting held in writing (``voted``: the ids of the members who gave a written vote):
        # those who voted attended in writing (出席（書面）), the others are absent.
        self.from_votes = voted is not None and not current
        choices = Attendance.Status.choices
        if voted is not None and Attendance.Status.ONLINE not in current.values():
            choices = [
                (Attendance.Status.PRESENT, _("Present (in writing)")),
                (Attendance.Status.ABSENT, Attendance.Status.ABSENT.label),
            ]
        for seat in self.seats:
            reply = replies.get(seat.member_id)
            initial = current.get(seat.member_id, "")
            help_text = reply_text(reply) if reply is not None else ""
            if self.from_replies and reply is not None:
                initial = ATTENDANCE_FROM_REPLY[reply.answer]
            if voted is not None:
                help_text = _("Written vote given") if seat.member_id in voted else _("Not voted")
                if self.from_votes:
                    initial = (
                        Attendance.Status.PRESENT
                        if seat.member_id in voted
                        else Attendance.Status.ABSENT
                    )
            self.fields[f"m{seat.member_id}"] = forms.ChoiceField(
                label=seat.member.name,
                choices=[("", "—"), *choices],
                required=False,
                initial=initial,
                help_text=help_text,
            )

    def statuses(self) -> list[tuple[object, str]]:
        return [
            (seat.member, self.cleaned_data[f"m{seat.member_id}"])
            for seat in self.seats
            if self.cleaned_data.get(f"m{seat.member_id}")
        ]


def reply_text(reply) -> str:
    """「回答：出席（15分ほど遅れます）」: a member's answer as the staff's pages show it."""
    text = _("Answer: %(answer)s") % {"answer": reply.get_answer_display()}
    if reply.comment:
        text += f"（{reply.comment}）"
    return text


class ItemForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=AgendaItem.Category.choices)
    title = forms.CharField(label=pgettext_lazy("agenda item", "Title"), max_length=300)
    body = forms.CharField(label=_("Explanation"), widget=forms.Textarea, required=False)
    prefill_report = forms.BooleanField(
        label=_("Prefill with the monthly report of the previous month"), required=False
    )


class EntriesTextForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes in the house format"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("One entry per line: 「委員長：……」, 「事務局：……」, 「委員：……」 or 「○……」."),
    )
    append = forms.BooleanField(label=_("Add after the existing entries"), required=False)


class EntryForm(VersionedFormMixin, forms.Form):
    speaker = forms.CharField(label=_("Speaker"), max_length=100, required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, entry: MinutesEntry, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry

    def clean(self):
        data = super().clean()
        if self.entry.kind == MinutesEntry.Kind.STATEMENT and not data.get("speaker", "").strip():
            self.add_error("speaker", _("A statement has no speaker."))
        return data


class SplitForm(forms.Form):
    at = NumberField(label=_("Split after character"), min_value=1)


class DecisionForm(VersionedFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Decision.Outcome.choices)
    method = forms.ChoiceField(label=_("How it was taken"), choices=Decision.Method.choices)
    votes_for = NumberField(label=_("Votes for"), min_value=0, max_value=999, required=False)
    votes_against = NumberField(
        label=_("Votes against"), min_value=0, max_value=999, required=False
    )
    abstentions = NumberField(label=_("Abstentions"), min_value=0, max_value=999, required=False)
    text = forms.CharField(
        label=_("Decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "As the minutes print it (「満場一致で…ことになった。」). Left empty, the minutes say "
            "「承認した。」 and the like."
        ),
    )
    entry = forms.TypedChoiceField(
        label=_("Stated in the minutes by"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "The ○ line of this item's minutes that already states the decision, so that it is "
            "printed once. Without one, the decision is printed after the item's entries."
        ),
    )
    override_reason = forms.CharField(
        label=_("Reason to approve anyway"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_(
            "Only for approving minutes when the meeting has no quorum or members have not "
            "received the draft; kept in the confirmed minutes."
        ),
    )

    def __init__(self, *args, item: AgendaItem, **kwargs):
        # The decision already recorded is what a second person could overwrite.
        kwargs.setdefault("version_of", getattr(item, "decision", None))
        super().__init__(*args, **kwargs)
        self.item = item
        notes = [e for e in item.entries.all() if e.kind == MinutesEntry.Kind.NOTE]
        self.fields["entry"].choices = [("", _("None: print the decision"))] + [
            (e.pk, f"○{e.text[:60]}") for e in notes
        ]
        if not item.minutes_for_id:
            del self.fields["override_reason"]
        # An item typed by hand whose title names minutes: linked in the same step, so that
        # approving it approves them (unticked, an approval is refused before anything is saved).
        from kyodo.committees.services.agenda import minutes_named_by
        from kyodo.committees.services.decisions import link_minutes_label

        if (named := minutes_named_by(item)) is not None:
            self.fields["link_minutes"] = forms.BooleanField(
                label=link_minutes_label(named), required=False, initial=True
            )

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        entry = data.pop("entry", None)
        data["entry"] = self.item.entries.filter(pk=entry).first() if entry else None
        return data


# A confirmation checkbox left unticked: a short message of its own. Its label is a whole
# sentence, which the error summary would repeat before Django's generic 「このフィールドは必須です。」.
CONFIRM_REQUIRED = _("Tick the box to confirm.")


def confirm_checkbox(label) -> forms.BooleanField:
    """A checkbox the person must tick to confirm what its ``label`` says (確定, 削除 …): left
    unticked, 「確認のチェックを入れてください。」, shown alone in the error summary."""
    field = forms.BooleanField(label=label, error_messages={"required": CONFIRM_REQUIRED})
    # core/_error_summary.html: the message alone, not after the sentence-long label.
    field.summary_without_label = True
    return field


class ConfirmForm(forms.Form):
    understood = confirm_checkbox(
        _(
            "I understand that confirmed minutes are published and never change; corrections "
            "are recorded as new versions."
        )
    )


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Request"), max_length=500)
    assignee = forms.CharField(label=_("Assigned to"), max_length=100, initial="事務局")
    due_date = WarekiDateField(label=_("Due"), required=False)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)


# Papers (資料) for an agenda item: office documents, text and images, by content as well as name.
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "pptx", "doc", "xls", "txt", "csv", "image")
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    # The help text and every refusal come from kyodo/core's catalogue.
    file = UploadField(label=_("File"), kinds=DOCUMENT_KINDS, max_bytes=DOCUMENT_MAX_BYTES)


class AppointmentForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=None)
    title = forms.CharField(label=_("Position"), max_length=200)
    term_start = WarekiDateField(label=_("Term starts"))
    term_end = WarekiDateField(label=_("Term ends"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members

    def clean(self):
        data = super().clean()
        if (
            data.get("term_end")
            and data.get("term_start")
            and data["term_end"] < data["term_start"]
        ):
            raise forms.ValidationError(_("The term ends before it starts."))
        return data


class CommitteeForm(forms.Form):
    """A committee's name, short name, purpose, size and quorum (new, or on its settings: the
    short name only when new)."""

    field_order = ["name", "slug"]

    name = forms.CharField(label=_("Name of the committee"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example what its 設置要綱 says it does."),
    )
    min_members = NumberField(
        label=_("Minimum members"), min_value=1, max_value=200, required=False
    )
    max_members = NumberField(
        label=_("Maximum members"), min_value=1, max_value=200, required=False
    )
    quorum = NumberField(
        label=_("Quorum"),
        min_value=1,
        max_value=200,
        required=False,
        help_text=_("Members needed for a valid meeting (often half of them)."),
    )

    # The short name (slug) in the body's addresses and the open data's committee=: given when
    # the body is created, fixed afterwards (addresses already shared and downloaded data keep
    # working). Pre-filled with a free one by the page.
    slug = forms.CharField(
        label=_("Short name (in addresses and open data)"),
        max_length=50,
        required=False,  # left empty: the next free 「committee-N」
        help_text=_(
            "Half-width lower-case letters, digits and hyphens, e.g. suishin. It is part of the "
            "addresses of the committee's pages and of its open data, and cannot be changed once "
            "the committee is created."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_slug(self) -> str:
        if not self.cleaned_data["slug"].strip():
            return ""
        return committee_slug_check(self.cleaned_data["slug"])


# Words that are pages under /committee/ and /staff/committees/ (never a committee's address).
RESERVED_SLUGS = frozenset(
    {"minutes", "check", "new", "people", "import", "meetings", "items", "members", "api",
     "settings", "search", "feed", "static", "media", "staff", "member", "opendata"}
)  # fmt: skip
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def committee_slug_check(value: str) -> str:
    """A new committee's short name, as typed (full-width and capitals folded), or a Japanese
    ValidationError: its form, a word the site's pages use, one already taken."""
    from kyodo.committees.models import Committee

    slug = unicodedata.normalize("NFKC", value or "").strip().lower().replace("_", "-")
    if not _SLUG.match(slug):
        raise forms.ValidationError(
            _(
                "Use half-width lower-case letters, digits and hyphens only (no spaces, no "
                "hyphen at either end), e.g. suishin."
            )
        )
    if len(slug) > 50:
        raise forms.ValidationError(_("Use 50 characters at most."))
    if slug in RESERVED_SLUGS:
        raise forms.ValidationError(
            _("「%(slug)s」 is used by the site's own pages: choose another.") % {"slug": slug}
        )
    taken = Committee.objects.filter(slug=slug).values_list("name", flat=True).first()
    if taken is not None:
        raise forms.ValidationError(
            _("「%(slug)s」 is already the short name of %(name)s: choose another.")
            % {"slug": slug, "name": taken}
        )
    return slug


# A body's own secretariat (Committee.office_*): signs its notices and circulation mails.
OFFICE_FIELDS = ["office_name", "office_phone", "office_email", "office_address"]


class SettingsForm(VersionedFormMixin, CommitteeForm):
    slug = None  # given when the committee is created, fixed afterwards
    speaker_labels = forms.ChoiceField(
        label=_("Speakers in published minutes"), choices=SpeakerLabels.choices
    )
    # Not sent (a form of before it was offered): the body keeps what it has.
    record_kind = forms.ChoiceField(
        label=_("Record kept"),
        choices=RecordKind.choices,
        required=False,
        help_text=_(
            "The title of the minutes of its meetings: 会議録 or 議事要旨. Confirmed minutes keep "
            "the title they were confirmed with."
        ),
    )
    office_name = TextField(
        label=_("Secretariat's name"),
        max_length=200,
        required=False,
        help_text=_(
            "Only when the committee's secretariat is not the center, e.g. 西東京市 協働コミュニティ課. "
            "Its notices and the mails with its draft minutes are then signed with this name, "
            "telephone, e-mail and address instead of the center's."
        ),
    )
    # Not the clerk's own: no autocomplete of her address or telephone.
    office_phone = PhoneField(
        label=_("Secretariat's telephone"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    office_email = EmailField(
        label=_("Secretariat's e-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    office_address = TextField(label=_("Secretariat's address"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("record_kind"):
            data.pop("record_kind", None)
        given = [f for f in ("office_phone", "office_email", "office_address") if data.get(f)]
        if given and not data.get("office_name"):
            self.add_error(
                "office_name",
                _("Give the secretariat's name: without it, the center signs the mail."),
            )
        return data


# Three answers (出席 / オンラインで出席 / 欠席): 「出欠を選んでください。」, not 「出席か欠席か」.
ATTENDANCE_REQUIRED = _("Choose your attendance.")


class ReplyForm(forms.Form):
    """A member's answer to a meeting's notice (出欠の回答), on her page of the meeting."""

    answer = forms.ChoiceField(
        label=_("Will you attend?"),
        choices=AttendanceReply.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": ATTENDANCE_REQUIRED},
    )
    comment = forms.CharField(
        label=_("Message to the secretariat"),
        max_length=200,
        required=False,
        help_text=_("Optional, for example 「15分ほど遅れます」 (200 characters at most)."),
    )


class StaffReplyForm(ReplyForm):
    """An answer staff took on the telephone or in person, for one seated member."""

    member = forms.TypedChoiceField(
        label=_("Member"),
        coerce=int,
        error_messages={
            "required": _("Choose a member"),
            "invalid_choice": _("Choose a member seated on the meeting's day."),
        },
    )

    field_order = ["member", "answer", "comment"]

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = _("Answer")
        self.fields["member"].choices = [
            ("", _("Choose a member")),
            *((seat.member_id, seat.member.name) for seat in seats),
        ]
        self.seats = {seat.member_id: seat for seat in seats}

    def clean_member(self):
        seat = self.seats.get(self.cleaned_data["member"])
        if seat is None:
            raise forms.ValidationError(_("Choose a member seated on the meeting's day."))
        return seat.member


class CorrectionForm(forms.Form):
    entry = forms.TypedChoiceField(
        label=_("Line to correct"), coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(
        label=_("Correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the correction you ask for.")},
    )

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [
            ("", _("The minutes as a whole")),
            *entry_choices(document),
        ]


def entry_choices(document) -> list:
    """The lines a member may ask to correct, grouped by item and numbered as the minutes print
    them (the member's page, the staff page and the PDF): 「3．協議事項　1．協働について」, then
    「3-1-2　委員長：…」 for the item's second line (its place in the item's numbered list, as the
    page shows it). Sections are numbered among those the minutes print, items with no entry
    yet included, so that the numbers read alike everywhere."""
    from kyodo.committees.export import entry_line

    groups = []
    for section in document.sections:
        for item in section.items:
            lines = [
                (
                    entry.ref,
                    f"{section.number}-{item.number}-{position}　{entry_line(entry)}",
                )
                for position, entry in enumerate(item.entries, start=1)
                if entry.ref is not None  # a decision's ○ line is no entry of the minutes
            ]
            if lines:
                heading = f"{section.number}．{section.category}　{item.number}．{item.title}"
                groups.append((heading, lines))
    return groups


class CorrectForm(forms.Form):
    """A correction (訂正) of one item of confirmed minutes, starting from its current text."""

    item = forms.ChoiceField(label=_("Agenda item"), widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Corrected minutes of the item"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("The item's text as the current version prints it, one entry per line."),
    )
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)
    # The version the text was taken from: a correction on top of another person's is refused.
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = {f"{p.section}-{p.item}": p for p, _label in places}
        self.fields["item"].choices = [(f"{p.section}-{p.item}", label) for p, label in places]

    @property
    def place(self):
        return self.places[self.cleaned_data["item"]]


class WrittenVoteForm(forms.Form):
    """A member's written vote (書面表決) on a meeting held in writing: for, against or reserved on
    each item to decide (its 審議事項), each with an optional comment. ``items`` are the items;
    :meth:`initial_from` fills it in with her votes so far."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        from kyodo.committees.models import WrittenVote
        from kyodo.committees.services.votes import COMMENT_MAX

        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=_("Your vote on 「%(title)s」") % {"title": item.title},
                choices=WrittenVote.Choice.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose for, against or reserved on 「%(title)s」.")
                    % {"title": item.title},
                    "invalid_choice": _("Choose for, against or reserved on 「%(title)s」.")
                    % {"title": item.title},
                },
            )
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("Comment on 「%(title)s」") % {"title": item.title},
                max_length=COMMENT_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "With a reserved vote (保留), your opinion is required; otherwise optional "
                    "(500 characters at most)."
                ),
                error_messages={
                    "max_length": _("Write the comment in %(max)d characters or fewer.")
                    % {"max": COMMENT_MAX}
                },
            )

    def clean(self):
        # 保留 says why: the page asks for the opinion, and the service refuses it without one.
        from kyodo.committees.models import WrittenVote
        from kyodo.committees.services.votes import reserved_without_comment

        cleaned = super().clean()
        for item in self.items:
            choice = cleaned.get(f"item_{item.pk}")
            comment = cleaned.get(f"comment_{item.pk}", "")
            if choice == WrittenVote.Choice.RESERVED and not " ".join((comment or "").split()):
                self.add_error(f"comment_{item.pk}", reserved_without_comment(item))
        return cleaned

    @staticmethod
    def initial_from(votes) -> dict:
        """The form's ``initial`` from a member's votes (by item id)."""
        initial = {}
        for item_id, vote in votes.items():
            initial[f"item_{item_id}"] = vote.choice
            initial[f"comment_{item_id}"] = vote.comment
        return initial

    def rows(self):
        """(item, choice field, comment field) per item, for the template."""
        return [(item, self[f"item_{item.pk}"], self[f"comment_{item.pk}"]) for item in self.items]

    def votes(self) -> dict[int, tuple[str, str]]:
        """The service's ``votes``: item id → (choice, comment)."""
        return {
            item.pk: (
                self.cleaned_data[f"item_{item.pk}"],
                self.cleaned_data.get(f"comment_{item.pk}", ""),
            )
            for item in self.items
        }


class StaffWrittenVoteForm(WrittenVoteForm):
    """A written vote returned on paper (or read out on the telephone), typed in by staff for
    one member seated on the meeting's day (``seats``, in gojūon order)."""

    def __init__(self, *args, seats, items, **kwargs):
        super().__init__(*args, items=items, **kwargs)
        self.seats = {seat.member_id: seat for seat in seats}
        self.fields["member"] = forms.TypedChoiceField(
            label=_("Member"),
            coerce=int,
            choices=[
                ("", _("Choose a member")),
                *((seat.member_id, seat.member.name) for seat in seats),
            ],
            error_messages={
                "required": _("Choose a member"),
                "invalid_choice": _("Choose a member seated on the meeting's day."),
            },
        )
        self.order_fields(["member"])
        for item in self.items:
            self.fields[f"item_{item.pk}"].label = _("Vote on 「%(title)s」") % {
                "title": item.title
            }

    def clean_member(self):
        seat = self.seats.get(self.cleaned_data["member"])
        if seat is None:
            raise forms.ValidationError(_("Choose a member seated on the meeting's day."))
        return seat.member
