from __future__ import annotations

from typing import Literal

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.collaboration.models import (
    CollaborationForm,
    Department,
    in_reading_order,
    yearly_amounts,
)
from kyodo.collaboration.selectors import bureau_names
from kyodo.collaboration.services import (
    ATTACHMENT_KINDS,
    ATTACHMENT_MAX_BYTES,
    call_closes_too_late,
    fiscal_year_out_of_range,
)
from kyodo.collaboration.yen import YenError, parse_yen
from kyodo.core.forms import (
    CleanTextMixin,
    ModelMultipleChoiceField,
    NumberField,
    WarekiDateField,
    reject_control_characters,
)
from kyodo.core.uploads import UploadField
from kyodo.core.versions import VersionedFormMixin
from kyodo.core.wareki import (
    WarekiError,
    fiscal_year_label,
    fiscal_year_name,
    format_wareki,
    parse_fiscal_year,
)

MAX_YEN = 10**12


class FiscalYearField(forms.Field):
    """A fiscal year typed as people write it: 平成22年度, H22, 2010, 2010年度.

    ``bounded`` checks it against the register's range (``services.fiscal_year_bounds``; "end"
    for a last fiscal year), so that the form says so beside the field with any other error.
    """

    widget = forms.TextInput

    def __init__(self, *args, bounded: Literal["start", "end"] | None = None, **kwargs):
        kwargs.setdefault("help_text", _("For example 平成22年度, H22 or 2010."))
        self.bounded = bounded
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return fiscal_year_label(value)
        return value

    def to_python(self, value) -> int | None:
        if isinstance(value, int):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_fiscal_year(str(value))
        except WarekiError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is not None and self.bounded:
            message = fiscal_year_out_of_range(value, end=self.bounded == "end")
            if message:
                raise forms.ValidationError(message, code="range")


class _DepartmentsByReading(ModelChoiceIterator):
    """The choices in gojūon order of the departments' readings, as the departments page lists
    them (the database's order by reading is by code point, see ``in_reading_order``)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for department in in_reading_order(self.queryset):
            yield self.choice(department)


class DepartmentChoiceField(forms.ModelChoiceField):
    iterator = _DepartmentsByReading


class DepartmentMultipleChoiceField(ModelMultipleChoiceField):
    iterator = _DepartmentsByReading


class YenField(forms.IntegerField):
    """An amount of yen as people write it (:func:`kyodo.collaboration.yen.parse_yen`):
    「500,000円」, 「50万円」, 「1.2億」, full-width figures; kept as the whole number."""

    # A text box, not type=number: people type 「1,200,000」, 「50万円」 or full-width digits.
    widget = forms.TextInput
    default_error_messages = {
        "invalid": _(
            "Enter the amount in yen in figures, such as 500000, 500,000 yen, 500 thousand "
            "yen or 120 million yen."
        ),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_YEN)
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        return {"inputmode": "numeric"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_yen(str(value))
        except YenError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


# Rows of the 年度別予算額 table: at least this many, more when the period is longer.
YEARLY_ROWS = 3
# Never more rows than this, whatever a request claims (a period is at most this long anyway).
MAX_YEARLY_ROWS = 60


class YearlyBudgetsWidget(forms.MultiWidget):
    """The 年度別予算額 as a small table: a fiscal year and an amount on each row."""

    template_name = "collaboration/widgets/yearly_budgets.html"

    def __init__(self, rows: int = YEARLY_ROWS, attrs=None):
        self.rows = rows
        widgets = []
        for _row in range(rows):
            widgets.append(forms.TextInput(attrs={"size": 12}))
            widgets.append(forms.TextInput(attrs={"size": 14, "inputmode": "numeric"}))
        super().__init__(widgets, attrs)

    def decompress(self, value):
        """``{year: yen}`` (as stored, or as cleaned) or [(year, yen or None), …] → the boxes."""
        if isinstance(value, dict):
            pairs = list(yearly_amounts(value).items())
        else:
            pairs = list(value or [])
        shown = []
        for year, amount in pairs[: self.rows]:
            shown += [
                fiscal_year_name(year) if isinstance(year, int) else (year or ""),
                f"{amount:,}" if isinstance(amount, int) else (amount or ""),
            ]
        return shown + [""] * (2 * self.rows - len(shown))

    def get_context(self, name, value, attrs):
        # The boxes as sent come as strings; anything else (a record's amounts, the period's
        # years as pairs) is decompressed (MultiWidget would take a list of pairs as the boxes).
        if not (isinstance(value, list) and all(isinstance(v, str | None) for v in value)):
            value = self.decompress(value)
        context = super().get_context(name, value, attrs)
        subwidgets = context["widget"]["subwidgets"]
        context["widget"]["rows"] = [
            (n + 1, subwidgets[2 * n], subwidgets[2 * n + 1]) for n in range(self.rows)
        ]
        return context


class YearlyBudgetsField(forms.MultiValueField):
    """年度別予算額: rows of a fiscal year (「令和8年度」, 「R8」, 「2026」) and an amount of yen
    (「600,000」, 「60万円」), cleaned to ``{year: yen}`` ({} when no row has an amount). A row
    with a year and no amount is left out (the edit page lists the period's years). Whether the
    rows fit the period and the budget is the service's check (``collaboration_create``)."""

    widget = YearlyBudgetsWidget

    def __init__(self, *, rows: int = YEARLY_ROWS, **kwargs):
        kwargs.setdefault("required", False)
        parts = []
        for _row in range(rows):
            parts.append(forms.CharField(required=False, max_length=30))
            parts.append(forms.CharField(required=False, max_length=40))
        for part in parts:
            part.validators.append(reject_control_characters)
        super().__init__(
            fields=parts, require_all_fields=False, widget=YearlyBudgetsWidget(rows), **kwargs
        )

    def compress(self, data_list) -> dict[int, int]:
        amounts: dict[int, int] = {}
        errors = []
        values = list(data_list or [])
        for n in range(len(values) // 2):
            year_text, amount_text = (
                (values[2 * n] or "").strip(),
                (values[2 * n + 1] or "").strip(),
            )
            if not amount_text:
                continue
            row = n + 1
            if not year_text:
                errors.append(_("Row %(row)s: enter the fiscal year of the amount.") % {"row": row})
                continue
            try:
                year = parse_fiscal_year(year_text)
            except WarekiError as exc:
                errors.append(_("Row %(row)s: %(error)s") % {"row": row, "error": exc})
                continue
            try:
                amount = parse_yen(amount_text)
            except YenError:
                errors.append(
                    _("Row %(row)s: %(error)s")
                    % {"row": row, "error": YenField.default_error_messages["invalid"]}
                )
                continue
            if not 0 <= amount <= MAX_YEN:
                errors.append(
                    _("Row %(row)s: the amount must be from 0 to %(max)s yen.")
                    % {"row": row, "max": f"{MAX_YEN:,}"}
                )
                continue
            if year in amounts:
                errors.append(
                    _("Row %(row)s: %(year)s is entered twice.")
                    % {"row": row, "year": fiscal_year_name(year)}
                )
                continue
            amounts[year] = amount
        if errors:
            raise forms.ValidationError(errors, code="invalid")
        return dict(sorted(amounts.items()))


def _rows_wanted(form: forms.BaseForm, name: str) -> int:
    """How many rows the 年度別予算額 table shows: those sent (a refused save shows them all
    again), the period typed or recorded, at least :data:`YEARLY_ROWS`."""
    rows = YEARLY_ROWS
    if form.is_bound:
        key = form.add_prefix(name)
        sent = [k for k in form.data if k.startswith(f"{key}_") and k[len(key) + 1 :].isdigit()]
        rows = max(rows, max((int(k[len(key) + 1 :]) for k in sent), default=-1) // 2 + 1)
        try:
            first = parse_fiscal_year(str(form.data.get(form.add_prefix("first_fiscal_year"))))
            last = parse_fiscal_year(str(form.data.get(form.add_prefix("last_fiscal_year"))))
        except (WarekiError, TypeError, ValueError):
            pass
        else:
            rows = max(rows, last - first + 1)
    else:
        initial = form.initial.get(name)
        rows = max(rows, len(initial) if isinstance(initial, list | dict) else 0)
    return min(rows, MAX_YEARLY_ROWS)


class DepartmentForm(VersionedFormMixin, CleanTextMixin, forms.Form):
    name = forms.CharField(label=pgettext_lazy("department", "Name"), max_length=100)
    name_reading = forms.CharField(
        label=_("Reading"), max_length=200, required=False, help_text=_("In hiragana, for sorting.")
    )
    bureau = forms.CharField(label=_("Bureau (部)"), max_length=100, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class DepartmentEditForm(DepartmentForm):
    """A department's page: a new name says from which fiscal year it is used (組織改正)."""

    renamed_from = FiscalYearField(
        label=_("New name or bureau used from fiscal year"),
        required=False,
        help_text=_(
            "When the name or the bureau (部) changes: the first fiscal year of the new one "
            "(the records and statistics of earlier years keep the former one). Leave it empty "
            "to correct a misspelling everywhere."
        ),
    )


class BureauRenameForm(CleanTextMixin, forms.Form):
    """A whole bureau (部) renamed from a fiscal year (``services.bureau_rename``). The bureau is
    chosen from those in use, but checked by the service: one renamed meanwhile in another tab
    is refused with its name."""

    # Left empty, each says what the service says.
    old = forms.CharField(
        label=_("Bureau to rename"),
        max_length=100,
        widget=forms.Select,
        error_messages={"required": _("Choose the bureau to rename.")},
    )
    new = forms.CharField(
        label=_("New name of the bureau"),
        max_length=100,
        error_messages={"required": _("Enter the new name of the bureau.")},
    )
    renamed_from = FiscalYearField(
        label=_("New name used from fiscal year"),
        bounded="end",
        error_messages={"required": _("Enter the fiscal year from which the new name is used.")},
        help_text=_(
            "The first fiscal year of the new name (for example 令和7年度, R7 or 2025): the "
            "records of earlier years keep the present one."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(b, b) for b in bureau_names()]
        self.fields["old"].widget.choices = [("", _("Choose a bureau")), *choices]


class BureauYearForm(forms.Form):
    """Which fiscal year's bureaus the bureaus page lists."""

    fiscal_year = FiscalYearField(label=_("Fiscal year"), required=False)


class EventMultipleChoiceField(ModelMultipleChoiceField):
    """The events with their day: the same title recurs every year (「市民まつり」), and the
    record takes only the events of its fiscal years."""

    def label_from_instance(self, obj) -> str:
        return f"{obj}（{format_wareki(obj.date)}）"


class RecordForm(VersionedFormMixin, CleanTextMixin, forms.Form):
    version_related = ("organizations", "departments", "events")

    title = forms.CharField(label=pgettext_lazy("collaboration", "Title"), max_length=200)
    # No form chosen beforehand: a record left at a preset 共催 would count in the statistics as
    # what it is not.
    form = forms.ChoiceField(
        label=_("Form of collaboration"),
        choices=[("", _("Choose a form")), *CollaborationForm.choices],
        error_messages={"required": _("Choose a form of collaboration.")},
    )
    organizations = ModelMultipleChoiceField(
        label=_("Groups"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    departments = DepartmentMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    events = EventMultipleChoiceField(
        label=_("Linked events (共催・後援)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    first_fiscal_year = FiscalYearField(label=_("First fiscal year"), bounded="start")
    last_fiscal_year = FiscalYearField(
        label=_("Last fiscal year"),
        bounded="end",
        required=False,
        help_text=_("Leave empty for a single fiscal year."),
    )
    budget = YenField(
        label=_("Budget (yen)"),
        help_text=_("The whole budget; for several fiscal years, the total of all of them."),
    )
    yearly_budgets = YearlyBudgetsField(
        label=_("Budget by fiscal year (several fiscal years only; optional)"),
        help_text=_(
            "The amount of each fiscal year of the period, adding up to the budget (left empty, "
            "the budget becomes their total). Without them, the statistics count the whole "
            "budget in the first fiscal year."
        ),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    evaluation = forms.CharField(
        label=_("Evaluation"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    is_published = forms.BooleanField(
        label=_("Publish as a case study on the public site"), required=False
    )
    cancelled_on = WarekiDateField(
        label=_("Cancelled on (中止)"),
        required=False,
        help_text=_(
            "Only if the collaboration stopped. The statistics then count it only in the fiscal "
            "years before the one it stopped in."
        ),
    )
    cancellation_reason = forms.CharField(
        label=_("Reason for the cancellation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        from kyodo.events.models import Event
        from kyodo.organizations.models import Organization

        super().__init__(*args, **kwargs)
        old = self.fields["yearly_budgets"]
        self.fields["yearly_budgets"] = YearlyBudgetsField(
            rows=_rows_wanted(self, "yearly_budgets"), label=old.label, help_text=old.help_text
        )
        self.fields["organizations"].queryset = Organization.objects.filter(
            status__in=[Organization.Status.REGISTERED, Organization.Status.SUSPENDED]
        ).order_by("reading_order", "pk")
        self.fields["events"].queryset = Event.objects.select_related("series").order_by(
            "-date", "pk"
        )

    def clean(self):
        data = super().clean()
        first, last = data.get("first_fiscal_year"), data.get("last_fiscal_year")
        if first and last and last < first:
            self.add_error(
                "last_fiscal_year", _("The last fiscal year cannot be before the first.")
            )
        return data


class CountingForm(VersionedFormMixin, forms.Form):
    counted_forms = forms.MultipleChoiceField(
        label=_("Forms counted as collaboration"),
        choices=CollaborationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CallForm(VersionedFormMixin, CleanTextMixin, forms.Form):
    title = forms.CharField(label=pgettext_lazy("collaboration", "Title"), max_length=200)
    fiscal_year = FiscalYearField(label=_("Fiscal year of the projects"), bounded="start")
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    opens_on = WarekiDateField(label=_("Open from"))
    closes_on = WarekiDateField(label=_("Open until"))
    budget_limit = YenField(label=_("Budget limit per proposal (yen)"))
    how_to_apply = forms.CharField(
        label=_("How to apply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the public page of the call, with its period and description."),
    )
    publish_declined = forms.BooleanField(
        label=_("Also publish the proposals not adopted"),
        required=False,
        help_text=_(
            "Once their results are notified, the public page lists the adopted proposals; "
            "with this, the others too (group and title only). Scores are never published."
        ),
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The call cannot close before it opens."))
        year = data.get("fiscal_year")
        if year and closes and (message := call_closes_too_late(year, closes)):
            self.add_error("closes_on", message)
        return data


class CriterionForm(VersionedFormMixin, CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("What reviewers look for"), max_length=500, required=False
    )
    max_score = NumberField(label=_("Maximum score"), min_value=1, max_value=1000)


class ProposalForm(VersionedFormMixin, CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    department = DepartmentChoiceField(
        label=_("Department to work with"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("Not decided"),
    )
    summary = forms.CharField(
        label=_("Summary of the project"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    aims = forms.CharField(
        label=_("Aims and expected effects"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    plan = forms.CharField(
        label=_("Plan and schedule"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    budget = YenField(label=_("Budget requested (yen)"))


class AttachmentForm(forms.Form):
    file = UploadField(
        label=_("File to attach"),
        help_text=_("PDF, Word, Excel, text or image; at most 5 MB, five files."),
        kinds=ATTACHMENT_KINDS,
        max_bytes=ATTACHMENT_MAX_BYTES,
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        fields = {}
        for criterion in self.criteria:
            # Out of range, the form says what the service says (in both places the same words).
            out_of_range = _("The score for 「%(criterion)s」 must be between 0 and %(max)s.") % {
                "criterion": criterion.name,
                "max": criterion.max_score,
            }
            fields[f"score_{criterion.pk}"] = NumberField(
                label=_("%(criterion)s (0 to %(max)s)")
                % {"criterion": criterion.name, "max": criterion.max_score},
                help_text=criterion.description,
                min_value=0,
                max_value=criterion.max_score,
                error_messages={"min_value": out_of_range, "max_value": out_of_range},
            )
        self.fields = {**fields, **self.fields}

    def scores(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"score_{c.pk}") for c in self.criteria}


class DecisionForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("adopt", _("Adopt")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the mail that tells the group the result."),
    )


class RecordFilterForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Form of collaboration"),
        required=False,
        choices=[("", _("All")), *CollaborationForm.choices],
    )
    department = DepartmentChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    fiscal_year = FiscalYearField(label=_("Fiscal year"), required=False, help_text="")
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class StatisticsFilterForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(
        label=_("Fiscal year"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [
            ("", _("All fiscal years")),
            *[(y, fiscal_year_label(y)) for y in years],
        ]
