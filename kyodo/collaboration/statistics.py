"""Statistics of the register, counted the way the city's statistics count 協働.

Which forms count is a setting (``CountingSettings``): by default 後援 (endorsement) does not
count, 共催 (co-hosting) and 委託 (consignment) do. The table by form lists every form, counted or
not, so the figures can be compared with statistics that count differently.

How records are counted:
- a record counts once in each fiscal year from its first to its last (a three-year agreement
  counts in all three years); with a fiscal year chosen, only records running in that year count;
- by department: once for each department involved (a record with two departments counts for
  both, so the rows may add up to more than the total);
- by field: once for each field of activity of the groups involved (a field is counted once per
  record even if several of its groups share it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kyodo.collaboration.models import Collaboration, CollaborationForm
from kyodo.collaboration.selectors import counting_settings
from kyodo.core.text import gojuon_key
from kyodo.core.wareki import fiscal_year_name
from kyodo.organizations.models import ActivityField

NO_DEPARTMENT = _("No department recorded")
NO_FIELD = _("No field recorded")


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    budget: int | None = None
    counted: bool = True


@dataclass
class Statistics:
    fiscal_year: int | None
    counted_forms: list[str]
    total: int = 0
    budget: int = 0
    by_form: list[Row] = field(default_factory=list)
    by_department: list[Row] = field(default_factory=list)
    by_field: list[Row] = field(default_factory=list)
    by_fiscal_year: list[Row] = field(default_factory=list)

    @property
    def counted_form_labels(self) -> list[str]:
        labels = dict(CollaborationForm.choices)
        return [str(labels[f]) for f in self.counted_forms if f in labels]


def compute(
    *, fiscal_year: int | None = None, counted_forms: list[str] | None = None
) -> Statistics:
    """The statistics for one fiscal year (or all years) under the counting setting."""
    if counted_forms is None:
        counted_forms = counting_settings().counted_form_list
    counted = set(counted_forms)
    records = list(Collaboration.objects.prefetch_related("departments", "organizations"))
    stats = Statistics(fiscal_year=fiscal_year, counted_forms=list(counted_forms))

    def in_scope(record: Collaboration) -> bool:
        return fiscal_year is None or (
            record.first_fiscal_year <= fiscal_year <= record.last_fiscal_year
        )

    scoped = [r for r in records if in_scope(r)]
    form_counts: Counter[str] = Counter(r.form for r in scoped)
    form_budgets: Counter[str] = Counter()
    for record in scoped:
        form_budgets[record.form] += record.budget or 0
    for value, label in CollaborationForm.choices:
        stats.by_form.append(
            Row(
                label=str(label),
                count=form_counts[value],
                budget=form_budgets[value],
                counted=value in counted,
            )
        )

    chosen = [r for r in scoped if r.form in counted]
    stats.total = len(chosen)
    stats.budget = sum(r.budget or 0 for r in chosen)

    departments: Counter[int] = Counter()
    names: dict[int, tuple[str, str]] = {}
    without_department = 0
    for record in chosen:
        involved = list(record.departments.all())
        if not involved:
            without_department += 1
        for department in involved:
            departments[department.pk] += 1
            names[department.pk] = (department.name, department.name_reading or department.name)
    for pk in sorted(departments, key=lambda pk: gojuon_key(names[pk][1])):
        stats.by_department.append(Row(label=names[pk][0], count=departments[pk]))
    if without_department:
        stats.by_department.append(Row(label=str(NO_DEPARTMENT), count=without_department))

    fields: Counter[str] = Counter()
    without_field = 0
    for record in chosen:
        codes = {c for o in record.organizations.all() for c in o.activity_field_list}
        if not codes:
            without_field += 1
        fields.update(codes)
    for value, label in ActivityField.choices:
        if fields[value]:
            stats.by_field.append(Row(label=str(label), count=fields[value]))
    if without_field:
        stats.by_field.append(Row(label=str(NO_FIELD), count=without_field))

    # The trend covers every year, whatever year is chosen.
    years: Counter[int] = Counter()
    for record in records:
        if record.form in counted:
            years.update(record.fiscal_years)
    for year in sorted(years):
        stats.by_fiscal_year.append(Row(label=fiscal_year_name(year), count=years[year]))
    return stats


def fiscal_years_in_register() -> list[int]:
    """Every fiscal year some record runs in, newest first (for the year chooser)."""
    years: set[int] = set()
    for first, last in Collaboration.objects.values_list("first_fiscal_year", "last_fiscal_year"):
        years.update(range(first, last + 1))
    return sorted(years, reverse=True)
