from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.models import OutboxMessage
from kyodo.core.wareki import WarekiError, format_wareki, parse_date_ja


class WarekiDateField(forms.Field):
    """A date typed the way people type it: 平成23年1月18日, H23.1.18, 2011-01-18, full-width too."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("For example 令和7年4月1日, R7.4.1 or 2025-04-01."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, date):
            return format_wareki(value, weekday=False)
        return value

    def to_python(self, value) -> date | None:
        if isinstance(value, date):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_date_ja(str(value))
        except WarekiError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False, max_length=100)
    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    since = WarekiDateField(label=_("From"), required=False)
    until = WarekiDateField(label=_("Until"), required=False)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *OutboxMessage.Status.choices],
    )
