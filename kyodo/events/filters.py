"""The public event list's filters: kind, month (shown in 和暦) and "open for applications now".

A plain GET form. A value that cannot be read is reported in Japanese beside its field and left
out of the filtering; the other filters still apply. Nothing here ever raises on bad input.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from kyodo.core.months import Month
from kyodo.events.models import EventKind


class EventFilterForm(forms.Form):
    """``?kind=lecture&month=2011-02&open=1``; every field optional, all of them combine."""

    kind = forms.ChoiceField(
        label=pgettext_lazy("event filter", "Kind of event"),
        required=False,
        choices=[("", pgettext_lazy("event filter", "All kinds")), *EventKind.choices],
        error_messages={
            "invalid_choice": pgettext_lazy(
                "event filter", "There is no such kind of event. Choose one from the list."
            )
        },
    )
    month = forms.CharField(
        label=pgettext_lazy("event filter", "Month"),
        required=False,
        max_length=20,
        widget=forms.Select,
        error_messages={
            "max_length": pgettext_lazy(
                "event filter", "Give the month as year and month, for example 2011-02."
            )
        },
    )
    open = forms.BooleanField(
        label=pgettext_lazy("event filter", "Only events open for applications now"),
        required=False,
    )

    def __init__(self, data=None, *, months: list[Month] | None = None, **kwargs):
        super().__init__(data, **kwargs)
        chosen = Month.parse(data.get("month", "")) if data else None
        options = sorted(set(months or []) | ({chosen} if chosen else set()))
        self.fields["month"].widget.choices = [
            ("", pgettext_lazy("event filter", "From today on")),
            *[(m.slug, m.label) for m in options],
        ]

    def clean_month(self) -> Month | None:
        text = self.cleaned_data.get("month", "")
        if not text:
            return None
        month = Month.parse(text)
        if month is None:
            raise forms.ValidationError(
                pgettext_lazy(
                    "event filter", "Give the month as year and month, for example 2011-02."
                ),
                code="invalid",
            )
        return month

    def filters(self) -> dict:
        """The valid filters as keyword arguments of ``selectors.public_event_list``; a field
        with an error is left out."""
        if not self.is_bound:
            return {"kind": "", "month": None, "open_now": False}
        self.is_valid()
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or "",
            "month": data.get("month"),
            "open_now": bool(data.get("open")),
        }

    @property
    def is_filtered(self) -> bool:
        values = self.filters()
        return bool(values["kind"] or values["month"] or values["open_now"])
