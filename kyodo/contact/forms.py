from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.contact.models import Inquiry
from kyodo.core.forms import (
    UPCOMING,
    CleanTextForm,
    ConsentField,
    EmailField,
    PhoneField,
    WarekiDateField,
)

MAX_BODY = 4000


class InquiryForm(CleanTextForm):
    """The public お問い合わせ form."""

    kind = forms.ChoiceField(
        label=pgettext_lazy("inquiry", "Subject"),
        choices=Inquiry.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Choose “consultation” to consult the center about your group's activities: the "
            "staff reply and keep a record of it."
        ),
    )
    # autocomplete: the browser may fill in the person's own name and group (WCAG 1.3.5).
    name = forms.CharField(
        label=pgettext_lazy("contact", "Name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organization_name = forms.CharField(
        label=_("Group or organization"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = EmailField(
        label=_("E-mail"), max_length=254, help_text=_("The center replies to this address.")
    )
    phone = PhoneField(label=_("Telephone"), required=False)
    body = forms.CharField(
        label=pgettext_lazy("inquiry", "Message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Up to %(n)s characters.") % {"n": f"{MAX_BODY:,}"},
    )
    consent = ConsentField()


class ReplyForm(CleanTextForm):
    body = forms.CharField(
        label=_("Reply"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Sent by mail to the sender, with the center's contact details at the end."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Inquiry.Status.choices)


class TakeOverForm(CleanTextForm):
    """The consultation a 「相談」 inquiry becomes (what staff add to what the sender wrote)."""

    def __init__(self, *args, **kwargs):
        from kyodo.consultations.models import Category, Consultation

        super().__init__(*args, **kwargs)
        self.fields["client_type"] = forms.ChoiceField(
            label=_("Client type"), choices=Consultation.ClientType.choices
        )
        self.fields["categories"] = forms.MultipleChoiceField(
            label=_("Categories"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
        )
        self.fields["summary"] = forms.CharField(
            label=_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
        )
        self.fields["advice"] = forms.CharField(
            label=_("Advice given"),
            max_length=5000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        self.fields["follow_up_needed"] = forms.BooleanField(
            label=_("Follow-up needed"), required=False
        )
        # A follow-up is to come: 「12/21」 is the next 12月21日 from today on.
        self.fields["follow_up_on"] = WarekiDateField(
            label=_("Follow-up date"),
            required=False,
            month_day=UPCOMING,
            help_text=_(
                "For example 令和7年4月1日 or R7.4.1. A month and day alone (12/21) is the next "
                "such day from today on."
            ),
        )
