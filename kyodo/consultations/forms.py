from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.consultations import exceptions
from kyodo.consultations.models import SUMMARY_MAX_LENGTH, Category, Consultation
from kyodo.core.forms import WarekiDateField
from kyodo.core.months import Month, MonthError, parse_month
from kyodo.core.roles import Role
from kyodo.core.versions import VersionedFormMixin


def staff_members():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.STAFF)
        .order_by("name_reading", "username")
    )


class ConsultationForm(VersionedFormMixin, forms.Form):
    received_on = WarekiDateField(label=_("Date of consultation"))
    channel = forms.ChoiceField(label=_("Channel"), choices=Consultation.Channel.choices)
    client_type = forms.ChoiceField(label=_("Client type"), choices=Consultation.ClientType.choices)
    organization = forms.ModelChoiceField(
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
    follow_up_on = WarekiDateField(
        label=_("Follow-up date"),
        required=False,
        help_text=_(
            "Required when “Follow-up needed” is ticked. For example 令和7年4月1日 or R7.4.1."
        ),
    )
    follow_up_notes = forms.CharField(
        label=_("Follow-up notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    staff = forms.ModelChoiceField(label=_("Staff member"), queryset=None)
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
        from kyodo.organizations.models import Organization

        self.fields["organization"].queryset = Organization.objects.all()
        self.fields["staff"].queryset = staff_members()

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
