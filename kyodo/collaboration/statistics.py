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

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils.translation import gettext_lazy as _

from kyodo.collaboration.models import Collaboration, CollaborationForm
from kyodo.collaboration.selectors import counting_settings
from kyodo.core.text import gojuon_key
from kyodo.core.wareki import fiscal_year_name
from kyodo.organizations.models import ActivityField, split_codes

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
    """The statistics for one fiscal year (or all years) under the counting setting.

    Four queries whatever the size of the register (five when the setting is read): the
    database counts by form, by department and by range of years; the groups' fields are read
    as (record, fields) pairs, because a field counts once per record.
    """
    if counted_forms is None:
        counted_forms = counting_settings().counted_form_list
    counted = set(counted_forms)
    stats = Statistics(fiscal_year=fiscal_year, counted_forms=list(counted_forms))

    scoped = Collaboration.objects.order_by()
    if fiscal_year is not None:
        scoped = scoped.filter(
            first_fiscal_year__lte=fiscal_year, last_fiscal_year__gte=fiscal_year
        )
    chosen = scoped.filter(form__in=counted)
    department_links = Collaboration.departments.through.objects
    organization_links = Collaboration.organizations.through.objects

    by_form = {
        row["form"]: row
        for row in scoped.values("form").annotate(
            n=Count("pk"),
            budget=Sum("budget", default=0),
            without_department=Count(
                "pk", filter=~Exists(department_links.filter(collaboration=OuterRef("pk")))
            ),
        )
    }
    for value, label in CollaborationForm.choices:
        row = by_form.get(value)
        stats.by_form.append(
            Row(
                label=str(label),
                count=row["n"] if row else 0,
                budget=row["budget"] if row else 0,
                counted=value in counted,
            )
        )
    counted_rows = [row for form, row in by_form.items() if form in counted]
    stats.total = sum(row["n"] for row in counted_rows)
    stats.budget = sum(row["budget"] for row in counted_rows)

    departments = (
        department_links.filter(collaboration__in=chosen)
        .values("department", "department__name", "department__name_reading")
        .annotate(n=Count("collaboration"))
        .order_by()
    )
    for row in sorted(
        departments,
        key=lambda r: (
            gojuon_key(r["department__name_reading"] or r["department__name"]),
            r["department"],
        ),
    ):
        stats.by_department.append(Row(label=row["department__name"], count=row["n"]))
    if without_department := sum(row["without_department"] for row in counted_rows):
        stats.by_department.append(Row(label=str(NO_DEPARTMENT), count=without_department))

    codes_of: dict[int, set[str]] = {}
    for record, codes in organization_links.filter(collaboration__in=chosen).values_list(
        "collaboration", "organization__activity_fields"
    ):
        codes_of.setdefault(record, set()).update(split_codes(codes))
    fields: Counter[str] = Counter()
    for codes in codes_of.values():
        fields.update(codes)
    for value, label in ActivityField.choices:
        if fields[value]:
            stats.by_field.append(Row(label=str(label), count=fields[value]))
    if without_field := stats.total - sum(1 for codes in codes_of.values() if codes):
        stats.by_field.append(Row(label=str(NO_FIELD), count=without_field))

    # The trend covers every year, whatever year is chosen.
    years: Counter[int] = Counter()
    for row in (
        Collaboration.objects.filter(form__in=counted)
        .values("first_fiscal_year", "last_fiscal_year")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        for year in range(row["first_fiscal_year"], row["last_fiscal_year"] + 1):
            years[year] += row["n"]
    for year in sorted(years):
        stats.by_fiscal_year.append(Row(label=fiscal_year_name(year), count=years[year]))
    return stats


def fiscal_years_in_register() -> list[int]:
    """Every fiscal year some record runs in, newest first (for the year chooser)."""
    years: set[int] = set()
    for first, last in (
        Collaboration.objects.order_by()
        .values_list("first_fiscal_year", "last_fiscal_year")
        .distinct()
    ):
        years.update(range(first, last + 1))
    return sorted(years, reverse=True)
