"""Forms of the events app. They check the shape of the input; the services decide the rest
(capacity, application period, status) and their refusals come back as form errors."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.core.forms import (
    CleanTextForm,
    ConsentField,
    EmailField,
    JapaneseTimeField,
    NumberField,
    PhoneField,
    WarekiDateField,
)
from kyodo.core.memo import until_next_write
from kyodo.core.models import Venue
from kyodo.core.text import gojuon_key, is_reading, normalize_reading, search_key
from kyodo.core.versions import VersionedFormMixin
from kyodo.events.models import (
    FEEDBACK_TEXT_MAX,
    Application,
    Event,
    EventKind,
    EventNote,
    EventSeries,
    Guest,
    Satisfaction,
)
from kyodo.events.selectors import registered_groups

MAX_PEOPLE = 10_000
MAX_GROUPS = 1_000
MAX_PEOPLE_PER_APPLICATION = 500


def clean_reading(value: str) -> str:
    reading = normalize_reading(value)
    if reading and not is_reading(reading):
        raise forms.ValidationError(_("Write the reading in hiragana or katakana."))
    return reading


# --- applications ------------------------------------------------------------------------------


class _GroupNames(ModelChoiceIterator):
    """The registered groups as (pk, name) rows, without building each group: the select shows
    only their names (``Organization.__str__``). Checking the chosen one still reads the group
    from the field's queryset.

    The rows are kept until the next write (``until_next_write``): every open event's page shows
    the select, and the groups change only with a write. The field's queryset is always
    ``registered_groups()`` (``RegisteredGroupField``); a field given another one must not use
    this iterator."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        rows = until_next_write(
            "events.registered_group_names", lambda: list(queryset.values_list("pk", "name"))
        )
        for pk, name in rows:
            yield (ModelChoiceIteratorValue(pk, None), name)


class RegisteredGroupField(forms.ModelChoiceField):
    iterator = _GroupNames


class ApplicationForm(CleanTextForm):
    """A citizen's application from the public event page, as a person or for a group."""

    kind = forms.ChoiceField(
        label=_("Applying as"),
        choices=Application.Kind.choices,
        widget=forms.RadioSelect,
        initial=Application.Kind.INDIVIDUAL,
    )
    organization = RegisteredGroupField(
        label=_("Registered group"),
        queryset=registered_groups(),
        required=False,
        empty_label=_("(not a registered group)"),
        help_text=_("If your group is registered with the center, choose it."),
    )
    group_name = forms.CharField(
        label=_("Group name"),
        max_length=200,
        required=False,
        help_text=_("If your group is not registered, write its name."),
    )
    people = NumberField(
        label=_("How many will come"),
        min_value=1,
        max_value=MAX_PEOPLE_PER_APPLICATION,
        required=False,
        help_text=_("For a group: the number of people who will come."),
    )
    # autocomplete: the browser may fill in the person's own name (WCAG 1.3.5).
    name = forms.CharField(
        label=pgettext_lazy("events person", "Name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    name_reading = forms.CharField(label=_("Reading (furigana)"), max_length=200, required=False)
    email = EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and your cancel link here."),
    )
    phone = PhoneField(label=_("Telephone"), required=False)
    note = forms.CharField(
        label=_("Message to the center"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = ConsentField()

    group_fields = ("organization", "group_name", "people")
    person_fields = ("name", "name_reading", "email", "phone", "note")

    def group_bound_fields(self) -> list:
        """The group's fields in their order (events/_application_fields.html)."""
        return [self[name] for name in self.group_fields if name in self.fields]

    def person_bound_fields(self) -> list:
        """The applicant's fields in their order (events/_application_fields.html)."""
        return [self[name] for name in self.person_fields if name in self.fields]

    def clean_name_reading(self) -> str:
        return clean_reading(self.cleaned_data["name_reading"])

    def clean(self):
        data = super().clean()
        if data.get("kind") == Application.Kind.GROUP:
            organization, group_name = data.get("organization"), data.get("group_name")
            if not organization and not group_name:
                self.add_error(
                    "group_name", _("Choose your group from the list or write its name.")
                )
            elif organization and group_name:
                self.add_error(
                    "group_name", _("Choose your group from the list or write its name, not both.")
                )
            if data.get("people") is None and "people" not in self.errors:
                self.add_error("people", _("Say how many people will come."))
        else:
            data["organization"], data["group_name"], data["people"] = None, "", 1
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "organization": data["organization"],
            "group_name": data["group_name"],
            "people": data["people"],
            "name": data["name"],
            "name_reading": data["name_reading"],
            "email": data["email"],
            "phone": data["phone"],
            "note": data["note"],
        }


class StaffApplicationForm(ApplicationForm):
    """An application staff take by telephone or at the counter (窓口): e-mail is optional."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[
            (Application.Channel.PHONE, Application.Channel.PHONE.label),
            (Application.Channel.COUNTER, Application.Channel.COUNTER.label),
            (Application.Channel.OTHER, Application.Channel.OTHER.label),
        ],
    )
    person_fields = ("name", "name_reading", "email", "phone", "note", "channel")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self.fields["email"].help_text = _("If given, the confirmation is mailed here.")
        # Staff take the application by telephone or at the counter: no online consent.
        del self.fields["consent"]

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.has_error("email"):
            self.add_error("phone", _("Give an e-mail address or a telephone number."))
        return data

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "channel": self.cleaned_data["channel"]}


class WalkInForm(ApplicationForm):
    """Someone who came without applying (当日参加), entered by reception at the door: only the
    name is needed; an address given receives the questionnaire after the event."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self.fields["email"].help_text = _(
            "If given, the questionnaire after the event is mailed here."
        )
        # Taken at the door by staff: no online consent.
        del self.fields["consent"]


# --- events ------------------------------------------------------------------------------------


class EventForm(VersionedFormMixin, CleanTextForm):
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=EventSeries.objects.none(),
        required=False,
        empty_label=_("(not in a series)"),
        help_text=_("An event in a series gets the next number (第N回) automatically."),
    )
    title = forms.CharField(
        label=pgettext_lazy("events", "Title"),
        max_length=200,
        required=False,
        help_text=_(
            "In a series, the date's own subtitle (shown as 第N回「…」): not the series' name, "
            "which is added by itself. It may be left empty."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    theme = forms.CharField(label=_("Theme"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    date = WarekiDateField(label=pgettext_lazy("events", "Date"))
    start_time = JapaneseTimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = JapaneseTimeField(
        label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.none(),
        required=False,
        empty_label=_("(other or not decided)"),
    )
    venue_text = forms.CharField(
        label=_("Other venue"),
        max_length=200,
        required=False,
        help_text=_("A place that is not in the list, or 未定 (not decided yet)."),
    )
    capacity_people = NumberField(
        label=_("Capacity (people)"), min_value=1, max_value=MAX_PEOPLE, required=False
    )
    capacity_groups = NumberField(
        label=_("Capacity (groups)"), min_value=1, max_value=MAX_GROUPS, required=False
    )
    accepts_applications = forms.BooleanField(
        label=_("Accepts applications"), required=False, initial=True
    )
    applications_open_on = WarekiDateField(label=_("Applications open on"), required=False)
    applications_close_on = WarekiDateField(
        label=_("Applications close on"),
        required=False,
        help_text=_("Empty: until the day of the event."),
    )
    feedback_enabled = forms.BooleanField(
        label=_("Send participants the questionnaire after the event"),
        required=False,
        initial=True,
        help_text=_(
            "The day after the event, participants with an e-mail address (only those marked "
            "as present, once attendance is recorded) are sent a short questionnaire, once."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = EventSeries.objects.order_by("name_reading", "name")
        self.fields["venue"].queryset = Venue.objects.filter(is_active=True)

    @classmethod
    def initial_from(cls, event: Event) -> dict:
        return {name: getattr(event, name) for name in cls.base_fields}

    def clean(self):
        data = super().clean()
        if not data.get("title") and not data.get("series") and "title" not in self.errors:
            self.add_error("title", _("Give the event a title or put it in a series."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The event must end after it starts."))
        if data.get("venue") and data.get("venue_text"):
            self.add_error("venue_text", _("Choose a venue from the list or type one, not both."))
        return data


class SeriesForm(VersionedFormMixin, CleanTextForm):
    name = forms.CharField(label=pgettext_lazy("events series", "Name"), max_length=200)
    name_reading = forms.CharField(label=_("Reading (furigana)"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_number = NumberField(
        label=_("Next number"),
        min_value=1,
        max_value=10_000,
        initial=1,
        help_text=_("The number the next event of the series gets (第N回)."),
    )

    def clean_name_reading(self) -> str:
        return clean_reading(self.cleaned_data["name_reading"])


class GuestForm(VersionedFormMixin, CleanTextForm):
    name = forms.CharField(label=pgettext_lazy("events person", "Name"), max_length=100)
    name_reading = forms.CharField(label=_("Reading (furigana)"), max_length=200, required=False)
    affiliation = forms.CharField(
        label=_("Affiliation and title"),
        max_length=300,
        required=False,
        help_text=_("For example NPO法人西東京コミュニティひろばNCH 事務局長."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Guest.Role.choices)
    position = NumberField(
        label=_("Order"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Empty: after the guests already listed."),
    )

    def clean_name_reading(self) -> str:
        return clean_reading(self.cleaned_data["name_reading"])


class NoteForm(CleanTextForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventNote.Kind.choices)
    text = forms.CharField(
        label=pgettext_lazy("event note", "Text"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttendanceForm(CleanTextForm):
    """Attended / no-show for each confirmed application, and who came without applying; the
    totals are worked out from these."""

    # Every field carries the value the page showed (``show_hidden_initial``): only what this
    # person changed is written, so two people checking in at two devices do not undo each
    # other's marks.
    walk_in_people = NumberField(
        label=_("People who came without applying"),
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
        show_hidden_initial=True,
    )
    walk_in_groups = NumberField(
        label=_("Groups who came without applying"),
        min_value=0,
        max_value=MAX_GROUPS,
        required=False,
        show_hidden_initial=True,
    )

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        # In gojūon order of the readings (a person at the door gives her name), the reading
        # beside the name.
        self.applications = sorted(
            applications, key=lambda a: (gojuon_key(a.name_reading or a.name), a.pk)
        )
        for application in self.applications:
            # What the page's filter (events/attendance.js) compares the typed text with: the
            # name, its reading and the group, under the search key (widths, kana, spaces).
            application.search_text = "|".join(
                search_key(text)
                for text in (application.name, application.name_reading, application.group_label)
                if text
            )
            label = application.applicant_label
            if application.name_reading:
                label = f"{label}（{application.name_reading}）"
            self.fields[f"attendance_{application.pk}"] = forms.ChoiceField(
                label=label,
                choices=Application.Attendance.choices,
                required=False,
                initial=application.attendance,
                show_hidden_initial=True,
            )

    def per_application(self) -> dict[int, str]:
        """The marks this person changed on the page, by application."""
        changed = set(self.changed_data)
        return {
            a.pk: self.cleaned_data[f"attendance_{a.pk}"]
            for a in self.applications
            if f"attendance_{a.pk}" in changed
        }

    def walk_ins(self, event) -> dict[str, int | None]:
        """The walk-in numbers: as typed where this person changed them, else as stored now."""
        changed = set(self.changed_data)
        return {
            name: self.cleaned_data[name] if name in changed else getattr(event, name)
            for name in ("walk_in_people", "walk_in_groups")
        }

    def total_fields(self):
        return [self["walk_in_people"], self["walk_in_groups"]]

    def application_fields(self):
        return [(a, self[f"attendance_{a.pk}"]) for a in self.applications]

    def tally(self) -> dict[str, int]:
        """The marks as stored when the page was made: applications (and their people) marked
        as attended, as not come, and not recorded yet (the count at the top of the page)."""
        attended = [a for a in self.applications if a.attendance == "attended"]
        return {
            "attended": len(attended),
            "attended_people": sum(a.people for a in attended),
            "no_show": sum(1 for a in self.applications if a.attendance == "no_show"),
            "unknown": sum(1 for a in self.applications if not a.attendance),
        }


class FeedbackForm(CleanTextForm):
    """The questionnaire a participant answers after an event: every question optional, but
    not all left empty (the service says the same)."""

    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied were you with this event?"),
        choices=Satisfaction.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    good_points = forms.CharField(
        label=_("What was good"),
        max_length=FEEDBACK_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    requests = forms.CharField(
        label=_("Requests for future events"),
        max_length=FEEDBACK_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Themes you would like, times and places that suit you, and so on."),
    )

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and data.get("satisfaction") is None
            and not data.get("good_points", "").strip()
            and not data.get("requests", "").strip()
        ):
            raise forms.ValidationError(_("Choose how satisfied you were, or write a comment."))
        return data


class ApplicationChangeForm(CleanTextForm):
    """「申し込み内容を変更する」 through the personal link: a group's number of people, the
    reading, the telephone and the note (``services.CHANGEABLE_FIELDS``); the name, the group
    and the e-mail address are changed through the center. Starts from the application."""

    people = NumberField(
        label=_("How many will come"),
        min_value=1,
        max_value=MAX_PEOPLE_PER_APPLICATION,
        help_text=_(
            "Fewer people can always be given. More can be given only while places are left."
        ),
    )
    name_reading = forms.CharField(label=_("Reading (furigana)"), max_length=200, required=False)
    phone = PhoneField(label=_("Telephone"), required=False)
    note = forms.CharField(
        label=_("Message to the center"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, application: Application, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "people": application.people,
                "name_reading": application.name_reading,
                "phone": application.phone,
                "note": application.note,
            },
        )
        super().__init__(*args, **kwargs)
        self.application = application
        if not application.is_group:
            del self.fields["people"]  # a person alone is one person

    def clean_name_reading(self) -> str:
        return clean_reading(self.cleaned_data["name_reading"])

    def service_arguments(self) -> dict:
        """Every field shown (``services.application_change`` writes only what differs)."""
        return {name: self.cleaned_data[name] for name in self.fields}
