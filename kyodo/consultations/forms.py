from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.consultations import exceptions
from kyodo.consultations.models import SUMMARY_MAX_LENGTH, Category, Consultation
from kyodo.core.forms import THIS_YEAR, UPCOMING, WarekiDateField
from kyodo.core.months import Month, MonthError, parse_month
from kyodo.core.roles import Role
from kyodo.core.versions import VersionedFormMixin


def staff_members(*, recorded: int | None = None):
    """The active staff, in gojūon order of their readings; with ``recorded`` (the pk of the
    対応者 of a consultation being edited) even if they have left since, so that the edit keeps
    them."""
    User = get_user_model()
    staff = User.objects.filter(is_active=True, groups__name=Role.STAFF).values("pk")
    shown = Q(pk__in=staff)
    if recorded is not None:
        shown |= Q(pk=recorded)
    return User.objects.filter(shown).order_by("name_reading", "username")


class StaffMemberField(forms.ModelChoiceField):
    """対応者: a person recorded on an old consultation who is no longer active staff is marked
    「（元職員）」."""

    #: The pks of the people chosen from who are not active staff now.
    former: frozenset[int] = frozenset()

    def label_from_instance(self, obj) -> str:
        if obj.pk not in self.former:
            return str(obj)
        return _("%(name)s (%(status)s)") % {
            "name": obj,
            "status": pgettext_lazy("staff choice", "former staff"),
        }


def _group_marks() -> dict[str, str]:
    from kyodo.organizations.models import Organization

    Status = Organization.Status
    return {
        Status.SCHEDULED: pgettext_lazy("group status in a choice", "registration scheduled"),
        Status.SUSPENDED: pgettext_lazy("group status in a choice", "suspended"),
        Status.APPLIED: pgettext_lazy("group status in a choice", "applied"),
        Status.RETURNED: pgettext_lazy("group status in a choice", "returned for correction"),
        Status.REJECTED: pgettext_lazy("group status in a choice", "rejected"),
        Status.WITHDRAWN: pgettext_lazy("group status in a choice", "withdrawn"),
    }


def group_choices(*, recorded: int | None = None):
    """The groups a consultation may concern: registered ones first, then those registered
    later, suspended or applying (marked so by :class:`GroupField`), each part in gojūon order.
    Rejected and withdrawn (登録抹消) groups are left out, except ``recorded`` (the pk of the
    group of a consultation being edited)."""
    from kyodo.organizations.models import Organization

    Status = Organization.Status
    shown = Q(
        status__in=[
            Status.REGISTERED,
            Status.SCHEDULED,
            Status.SUSPENDED,
            Status.APPLIED,
            Status.RETURNED,
        ]
    )
    if recorded is not None:
        shown |= Q(pk=recorded)
    registered_first = Case(When(status=Status.REGISTERED, then=Value(0)), default=Value(1))
    return Organization.objects.filter(shown).order_by(registered_first, "reading_order", "pk")


class GroupField(forms.ModelChoiceField):
    """登録団体: a group that is not registered now is marked with its state, 「（休止中）」,
    「（申請中）」, 「（登録抹消）」 …"""

    def label_from_instance(self, obj) -> str:
        mark = _group_marks().get(obj.status)
        if mark is None:
            return obj.name
        return _("%(name)s (%(status)s)") % {"name": obj.name, "status": mark}


class ConsultationForm(VersionedFormMixin, forms.Form):
    # A 相談日 has been: 「12/5」 is this year's (one after today asks for the year).
    received_on = WarekiDateField(label=_("Date of consultation"), month_day=THIS_YEAR)
    channel = forms.ChoiceField(label=_("Channel"), choices=Consultation.Channel.choices)
    client_type = forms.ChoiceField(label=_("Client type"), choices=Consultation.ClientType.choices)
    organization = GroupField(
        label=_("Registered group"),
        queryset=None,
        required=False,
        empty_label=_("(not a registered group)"),
        help_text=_("When the client is one of the center's registered groups."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one category.")},
    )
    client_name = forms.CharField(
        label=_("Client name"),
        max_length=200,
        required=False,
        help_text=_("Personal data: only staff see it. Leave empty if the client stays anonymous."),
    )
    client_contact = forms.CharField(label=_("Client contact"), max_length=300, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": exceptions.SummaryTooLong.default_message},
    )
    advice = forms.CharField(
        label=_("Advice given"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    follow_up_needed = forms.BooleanField(label=_("Follow-up needed"), required=False)
    # A follow-up is to come: 「12/21」 is the next 12月21日 from today on.
    follow_up_on = WarekiDateField(
        label=_("Follow-up date"),
        required=False,
        month_day=UPCOMING,
        help_text=_(
            "Required when “Follow-up needed” is ticked. For example 令和7年4月1日 or R7.4.1. "
            "A month and day alone (12/21) is the next such day from today on."
        ),
    )
    follow_up_notes = forms.CharField(
        label=_("Follow-up notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    staff = StaffMemberField(label=_("Staff member"), queryset=None)
    report_example = forms.CharField(
        label=_("Example for the report"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=_(
            "One anonymised sentence for the monthly report, without names, for example "
            "「高齢者向けの活動をしている方から、法人格について相談があった。」"
        ),
    )
    use_in_report = forms.BooleanField(label=_("Use in the monthly report"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An edit keeps what the consultation recorded, even a group since withdrawn or a staff
        # member since gone; the view defaults a new one's 対応者 to the signed-in staff member.
        recorded = self.version_of
        self.fields["organization"].queryset = group_choices(
            recorded=recorded.organization_id if recorded else None
        )
        staff = self.fields["staff"]
        staff.queryset = staff_members(recorded=recorded.staff_id if recorded else None)
        if recorded is not None and not staff_members().filter(pk=recorded.staff_id).exists():
            staff.former = frozenset([recorded.staff_id])

    def clean(self):
        data = super().clean()
        # The service refuses it too (so that no other caller can skip it); said here beside the
        # field, with the form's other errors at once.
        if data.get("follow_up_needed") and not data.get("follow_up_on"):
            if "follow_up_on" not in self.errors:
                self.add_error("follow_up_on", exceptions.FollowUpDateMissing.default_message)
        return data

    @classmethod
    def initial_for(cls, consultation: Consultation) -> dict:
        initial = {name: getattr(consultation, name) for name in cls.base_fields}
        initial["categories"] = consultation.category_values
        return initial


class ConsultationFilterForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=30,
        help_text=_("For example 2010-12 or 平成22年12月."),
    )
    category = forms.ChoiceField(
        label=pgettext_lazy("consultation", "Category"),
        required=False,
        choices=[("", _("All")), *Category.choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All")), *Consultation.Channel.choices],
    )

    def clean_month(self) -> Month | None:
        text = self.cleaned_data["month"]
        if not text.strip():
            return None
        try:
            return parse_month(text)
        except MonthError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None
