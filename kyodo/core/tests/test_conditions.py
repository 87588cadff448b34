"""kyodo.core.conditions.holds answers for one row in memory what filter() answers in SQL."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import F, Q

from kyodo.core.conditions import holds
from kyodo.events.models import Event

pytestmark = pytest.mark.django_db

DAY = date(2011, 1, 18)
CONDITIONS = [
    Q(status="published"),
    ~Q(status="published"),
    Q(status="published", accepts_applications=True),
    Q(capacity_people__isnull=True),
    ~Q(capacity_people__isnull=True),
    Q(capacity_people=None),
    Q(capacity_people__gte=10),
    ~Q(capacity_people__gte=10),  # NULL: not ≥ 10, so the negation holds
    Q(capacity_people__lt=10) | Q(capacity_people__isnull=True),
    Q(applications_close_on__lte=DAY) & Q(date__gt=DAY),
    Q(status__in=["draft", "cancelled"]),
    ~(Q(date__lt=DAY) | Q(status="held")),
]


def test_a_row_in_memory_meets_a_condition_exactly_when_the_database_finds_it():
    rows = [
        Event.objects.create(kind="lecture", date=DAY, status="published", capacity_people=None),
        Event.objects.create(kind="lecture", date=DAY, status="draft", capacity_people=10),
        Event.objects.create(
            kind="lecture",
            date=date(2011, 2, 1),
            status="held",
            capacity_people=9,
            accepts_applications=False,
            applications_close_on=DAY,
        ),
    ]
    found = {
        (n, row.pk): Event.objects.filter(condition, pk=row.pk).exists()
        for n, condition in enumerate(CONDITIONS)
        for row in rows
    }
    answered = {
        (n, row.pk): holds(condition, row) for n, condition in enumerate(CONDITIONS) for row in rows
    }
    assert answered == found
    assert sum(found.values()) == 17  # neither all nor none: the cases differ


def test_what_it_cannot_answer_is_an_error_not_a_guess():
    row = Event(kind="lecture", date=DAY)
    for condition in (Q(date__year=2011), Q(series__name="x"), Q(date=F("applications_close_on"))):
        with pytest.raises(ValueError):
            holds(condition, row)
