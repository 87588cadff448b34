"""Seating from the waiting list under load (session 21): reception seats two people waiting
while a third cancels, all at once, on SQLite and PostgreSQL. The event's lock (the one every
write of places takes) keeps the waiting list numbered 1, 2, 3 … without a gap or a repeat."""

from __future__ import annotations

from datetime import time

import pytest
from django.utils import timezone

from kyodo.core.models import OutboxMessage
from kyodo.events import services
from kyodo.events.models import Application, Event
from kyodo.events.tests.conftest import apply
from kyodo.events.tests.test_concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_seated_and_one_cancelled_at_once_leave_the_list_numbered(make_event, staff_user):
    event = make_event(capacity_people=2)
    applications = [apply(event, n) for n in range(1, 8)]  # 3 … 7 wait, places 1 … 5
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate(), start_time=time(0, 0), end_time=time(23, 59)
    )
    mails = OutboxMessage.objects.count()
    third, fifth, sixth = applications[2], applications[4], applications[5]

    def work(n: int) -> str:
        if n == 2:
            services.application_cancel(actor=staff_user, application=fifth)
        else:
            services.application_seat(actor=staff_user, application=(third, sixth)[n])
        return "ok"

    results, errors = run_at_once(work, 3)

    assert errors == [] and results == ["ok"] * 3
    rows = Application.objects.filter(event=event).order_by("pk")
    assert list(rows.values_list("name", "status", "waitlist_position", "attendance")) == [
        ("申込者1", "confirmed", None, ""),
        ("申込者2", "confirmed", None, ""),
        ("申込者3", "confirmed", None, "attended"),
        ("申込者4", "waitlisted", 1, ""),
        ("申込者5", "cancelled", None, ""),
        ("申込者6", "confirmed", None, "attended"),
        ("申込者7", "waitlisted", 2, ""),
    ]
    event.refresh_from_db()
    assert (event.status, event.attendance_people) == ("held", 2)
    # Only the cancelled one is mailed (that it is cancelled): nobody moved up after the start.
    assert list(OutboxMessage.objects.order_by("pk")[mails:].values_list("kind", "to")) == [
        ("events.application_cancelled", "person5@example.jp")
    ]
