"""The public event list's filters: kind, month (shown in 和暦) and "open for applications now".

A plain GET form. A value that cannot be read is reported in Japanese beside its field and left
out of the filtering; the other filters still apply. Nothing here ever raises on bad input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils.translation import pgettext_lazy

from kyodo.core.wareki import WarekiError, format_wareki_year
from kyodo.events.models import EventKind

_MONTH_RE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})")
# Years the Japanese calendar can name (from 明治6年, the Gregorian reform) and that keep a
# following month inside date's range.
FIRST_YEAR, LAST_YEAR = 1873, 9998


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month: ``Month(2011, 2)``; its value is "2011-02", its label 「平成23年2月」."""

    year: int
    month: int

    @classmethod
    def of(cls, d: date) -> Month:
        return cls(d.year, d.month)

    @classmethod
    def parse(cls, text: str) -> Month | None:
        """ "2011-02" (or "2011-2", full-width digits too) → Month; None if it is no month."""
        match = _MONTH_RE.fullmatch(unicodedata.normalize("NFKC", text or "").strip())
        if match is None:
            return None
        year, month = int(match["year"]), int(match["month"])
        if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
            return None
        return cls(year, month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def value(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """「令和8年11月」, 「平成23年1月」, 「令和元年5月」 (April 2019 is still 平成31年4月)."""
        try:
            return f"{format_wareki_year(self.first_day)}{self.month}月"
        except WarekiError:  # pragma: no cover - parse() keeps years inside the era calendar
            return f"{self.year}年{self.month}月"

    def previous(self) -> Month | None:
        month = Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)
        return month if month.year >= FIRST_YEAR else None

    def next(self) -> Month | None:
        month = Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)
        return month if month.year <= LAST_YEAR else None


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
            *[(m.value, m.label) for m in options],
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
