"""Fixtures of the events tests: events ready to take applications."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from kyodo.events import services
from kyodo.events.models import Event, EventKind


@pytest.fixture
def make_event(staff_user):
    """A published event a week from today, open for applications, unless told otherwise."""

    def make(**fields) -> Event:
        status = fields.pop("status", Event.Status.PUBLISHED)
        fields.setdefault("title", "会計講座中級編")
        fields.setdefault("kind", EventKind.LECTURE)
        fields.setdefault("date", timezone.localdate() + timedelta(days=7))
        fields.setdefault("start_time", time(19, 0))
        fields.setdefault("end_time", time(21, 0))
        fields.setdefault("venue_text", "イングビル3階 第1会議室")
        return services.event_create(actor=staff_user, status=status, **fields)

    return make


@pytest.fixture
def event(make_event) -> Event:
    return make_event(capacity_people=20, capacity_groups=10)


def apply(event: Event, n: int = 1, **fields):
    """A citizen's online application, person number ``n``."""
    fields.setdefault("kind", "individual")
    fields.setdefault("name", f"申込者{n}")
    fields.setdefault("email", f"person{n}@example.jp")
    return services.application_submit(actor=None, event=event, **fields)


def long_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
