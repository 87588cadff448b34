from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.months import Month, MonthError, parse_month


class MonthForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        max_length=30,
        help_text=_("For example 2010-12, 平成22年12月 or H22.12."),
    )

    def clean_month(self) -> Month:
        try:
            return parse_month(self.cleaned_data["month"])
        except MonthError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None
