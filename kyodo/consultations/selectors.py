"""Reads of consultations. Lists for people take the acting user: consultations hold personal data
and are for staff only, whichever way they are reached. The report's aggregates carry no
personal data (counts and the anonymised examples) and take none."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Count, Prefetch, QuerySet

from kyodo.consultations.models import Category, Consultation, ConsultationCategory
from kyodo.core.roles import Role, require_role


def consultation_list(
    *,
    actor,
    start: date | None = None,
    end: date | None = None,
    category: str = "",
    channel: str = "",
) -> QuerySet[Consultation]:
    """Consultations, newest first, with what a list row shows loaded in a fixed few queries."""
    require_role(actor, Role.STAFF)
    qs = Consultation.objects.select_related("staff", "organization").prefetch_related(
        Prefetch("categories", queryset=ConsultationCategory.objects.order_by("pk"))
    )
    if start:
        qs = qs.filter(received_on__gte=start)
    if end:
        qs = qs.filter(received_on__lte=end)
    if category:
        qs = qs.filter(categories__category=category)
    if channel:
        qs = qs.filter(channel=channel)
    return qs


def consultation_get(*, actor, pk: int) -> Consultation:
    """One consultation for staff; raises Consultation.DoesNotExist."""
    return consultation_list(actor=actor).get(pk=pk)


def category_counts_between(*, start: date, end: date) -> list[tuple[str, int]]:
    """``[(category value, consultations)]`` in the list's order, categories with none left out.

    A consultation on two topics counts once under each, so the sum can exceed the total.
    """
    rows = (
        ConsultationCategory.objects.filter(
            consultation__received_on__gte=start, consultation__received_on__lte=end
        )
        .values("category")
        .annotate(n=Count("consultation", distinct=True))
    )
    counts = {row["category"]: row["n"] for row in rows}
    return [(value, counts[value]) for value in Category.values if value in counts]


def counts_by_month_between(*, start: date, end: date) -> dict[date, int]:
    """``{first day of month: consultations}`` for the months between ``start`` and ``end``."""
    # Counted per day and folded into months here: SQLite's month truncation is a Python
    # function called for every row.
    days = (
        Consultation.objects.filter(received_on__gte=start, received_on__lte=end)
        .order_by()
        .values_list("received_on")
        .annotate(n=Count("pk"))
    )
    months: Counter[date] = Counter()
    for day, n in days:
        months[day.replace(day=1)] += n
    return dict(months)


def report_examples_between(*, start: date, end: date) -> QuerySet[Consultation]:
    """The consultations staff chose for the report, in date order (only the example is read)."""
    return (
        Consultation.objects.filter(
            received_on__gte=start, received_on__lte=end, use_in_report=True
        )
        .exclude(report_example="")
        .order_by("received_on", "pk")
        .only("pk", "received_on", "report_example")
    )
