from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.core.months import Month, MonthError, parse_month


def before_first_month(month: Month, first: Month) -> str:
    """Why there is no report of ``month``: it is before ``first``, the month of the center's
    first record (the picker's error and the page of such a month say the same)."""
    return gettext(
        "%(month)s is before the month of the center's first record (%(first)s): the monthly "
        "reports start from %(first)s."
    ) % {"month": month.label, "first": first.label}


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
