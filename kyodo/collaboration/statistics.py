"""Statistics of the register, counted the way the city's statistics count 協働.

Which forms count is a setting (``CountingSettings``): by default 後援 (endorsement) does not
count, 共催 (co-hosting) and 委託 (consignment) do. The table by form lists every form, counted or
not, so the figures can be compared with statistics that count differently.

How records are counted:
- a record counts once in each fiscal year from its first to its last (a three-year agreement
  counts in all three years); with a fiscal year chosen, only records running in that year count;
- budgets: with a fiscal year chosen, each record's amount for that year
  (``models.amount_in_year``): its 年度別予算額 for the year when entered, else its whole budget
  in its first fiscal year and nothing in the others, never the whole budget in every year. So
  the years add up to the budgets of all years; the records of several years without amounts
  per year are listed (``unsplit``) so that the page says how they were counted;
- by department: once for each department involved (a record with two departments counts for
  both, so the rows may add up to more than the total), named as it was in the chosen year
  (組織改正: ``DepartmentName``), or over all years 「旧名→現名」;
- by field: once for each field of activity of the groups involved (a field is counted once per
  record even if several of its groups share it);
- a cancelled record (中止) counts only in the fiscal years before the one it stopped in
  (``models.counted_years``), with those years' amounts: its unspent years are left out, and a
  record that stopped in its first fiscal year counts nowhere. They are listed (``cancelled``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from kyodo.collaboration.models import (
    Collaboration,
    CollaborationForm,
    DepartmentName,
    amount_in_year,
    counted_years,
    yearly_amounts,
)
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


@dataclass(frozen=True)
class Unsplit:
    """A record of several fiscal years with a budget and no amounts per year (按分なし): its
    whole budget counts in its first fiscal year."""

    pk: int
    title: str
    form: str  # the form's label
    first_fiscal_year: int
    last_fiscal_year: int
    budget: int
    counted: bool

    @property
    def period(self) -> str:
        return (
            f"{fiscal_year_name(self.first_fiscal_year)}～{fiscal_year_name(self.last_fiscal_year)}"
        )

    @property
    def counted_in(self) -> str:
        return fiscal_year_name(self.first_fiscal_year)


@dataclass(frozen=True)
class Cancelled:
    """A cancelled record (中止) in scope, and the fiscal years the statistics still count."""

    pk: int
    title: str
    form: str  # the form's label
    cancelled_on: object  # date
    counted: list[int]

    @property
    def counted_text(self) -> str:
        if not self.counted:
            return "—"
        first, last = fiscal_year_name(self.counted[0]), fiscal_year_name(self.counted[-1])
        return first if first == last else f"{first}～{last}"


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
    # Multi-year records without amounts per year (in the chosen year, or any), by title.
    unsplit: list[Unsplit] = field(default_factory=list)
    # Cancelled records (中止) of the chosen year (or any), by title.
    cancelled: list[Cancelled] = field(default_factory=list)

    @property
    def counted_form_labels(self) -> list[str]:
        labels = dict(CollaborationForm.choices)
        return [str(labels[f]) for f in self.counted_forms if f in labels]


def _former_name(fiscal_year: int | None) -> Subquery:
    """A renamed department's name (組織改正, :class:`DepartmentName`) in ``fiscal_year``, or
    over all years its first name (the row shows 「旧名→現名」); None if never renamed."""
    names = DepartmentName.objects.filter(department=OuterRef("department"))
    if fiscal_year is None:
        names = names.filter(first_fiscal_year=0)
    else:
        names = names.filter(first_fiscal_year__lte=fiscal_year).order_by("-first_fiscal_year")
    return Subquery(names.values("name")[:1])


def compute(
    *, fiscal_year: int | None = None, counted_forms: list[str] | None = None
) -> Statistics:
    """The statistics for one fiscal year (or all years) under the counting setting.

    Four queries whatever the size of the register (five when the setting is read): the
    records in scope as rows (form, budget, years, amounts per year and whether a department is
    recorded: the budgets of a year are counted from the amounts per year in Python), the
    departments counted by the database, the groups' fields read as (record, fields) pairs
    (a field counts once per record), and every counted record's years and amounts for the
    trend.
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
    chosen = scoped.filter(form__in=counted)  # the cancelled left out below
    department_links = Collaboration.departments.through.objects
    organization_links = Collaboration.organizations.through.objects

    counts: Counter[str] = Counter()
    budgets: Counter[str] = Counter()
    without_department = 0
    labels = dict(CollaborationForm.choices)
    left_out: list[int] = []  # cancelled records not counted in the chosen year (or at all)
    for pk, title, form, budget, first, last, yearly, has_department, cancelled_on in (
        scoped.annotate(
            has_department=Exists(department_links.filter(collaboration=OuterRef("pk")))
        )
        .order_by("title", "pk")
        .values_list(
            "pk",
            "title",
            "form",
            "budget",
            "first_fiscal_year",
            "last_fiscal_year",
            "yearly_budgets",
            "has_department",
            "cancelled_on",
        )
    ):
        if cancelled_on is not None:
            years_counted = counted_years(first, last, cancelled_on)
            stats.cancelled.append(
                Cancelled(
                    pk=pk,
                    title=title,
                    form=str(labels.get(form, form)),
                    cancelled_on=cancelled_on,
                    counted=years_counted,
                )
            )
            if not years_counted or (fiscal_year is not None and fiscal_year not in years_counted):
                left_out.append(pk)
                continue
        counts[form] += 1
        if fiscal_year is None and cancelled_on is not None:
            budgets[form] += sum(
                amount_in_year(
                    year,
                    budget=budget,
                    first_fiscal_year=first,
                    last_fiscal_year=last,
                    yearly_budgets=yearly,
                )
                for year in years_counted
            )
        elif fiscal_year is None:
            budgets[form] += budget or 0
        else:
            budgets[form] += amount_in_year(
                fiscal_year,
                budget=budget,
                first_fiscal_year=first,
                last_fiscal_year=last,
                yearly_budgets=yearly,
            )
        if form in counted and not has_department:
            without_department += 1
        if first != last and budget and not yearly_amounts(yearly):
            stats.unsplit.append(
                Unsplit(
                    pk=pk,
                    title=title,
                    form=str(labels.get(form, form)),
                    first_fiscal_year=first,
                    last_fiscal_year=last,
                    budget=budget,
                    counted=form in counted,
                )
            )
    for value, label in CollaborationForm.choices:
        stats.by_form.append(
            Row(
                label=str(label),
                count=counts[value],
                budget=budgets[value],
                counted=value in counted,
            )
        )
    stats.total = sum(counts[form] for form in counted)
    stats.budget = sum(budgets[form] for form in counted)

    if left_out:
        chosen = chosen.exclude(pk__in=left_out)
    departments = (
        department_links.filter(collaboration__in=chosen)
        .values("department", "department__name", "department__name_reading")
        .annotate(n=Count("collaboration"), name_then=_former_name(fiscal_year))
        .order_by()
    )
    for row in sorted(
        departments,
        key=lambda r: (
            gojuon_key(r["department__name_reading"] or r["department__name"]),
            r["department"],
        ),
    ):
        label = row["department__name"]
        if (then := row["name_then"]) and then != label:
            label = then if fiscal_year is not None else f"{then}→{label}"
        stats.by_department.append(Row(label=label, count=row["n"]))
    if without_department:
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

    # The trend covers every year, whatever year is chosen: each year's records and amounts.
    years: Counter[int] = Counter()
    year_budgets: Counter[int] = Counter()
    for budget, first, last, yearly, cancelled_on in Collaboration.objects.filter(
        form__in=counted
    ).values_list(
        "budget", "first_fiscal_year", "last_fiscal_year", "yearly_budgets", "cancelled_on"
    ):
        for year in counted_years(first, last, cancelled_on):
            years[year] += 1
            year_budgets[year] += amount_in_year(
                year,
                budget=budget,
                first_fiscal_year=first,
                last_fiscal_year=last,
                yearly_budgets=yearly,
            )
    for year in sorted(years):
        stats.by_fiscal_year.append(
            Row(label=fiscal_year_name(year), count=years[year], budget=year_budgets[year])
        )
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
