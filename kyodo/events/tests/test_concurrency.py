"""Places under load: 200 people apply at the same moment for 50 places, on SQLite and PostgreSQL.

Each thread has its own database connection, as each web worker would; the test database is a
file (SQLite) or a server (PostgreSQL), so the locking is real.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection

from kyodo.core.models import OutboxMessage
from kyodo.events import services
from kyodo.events.models import Application, Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db(transaction=True)


def max_connections() -> int:
    # PostgreSQL allows 100 connections and other test runs share the server: at most 40 of
    # the 200 threads hold a connection at once there. SQLite has no such limit.
    return 40 if connection.vendor == "postgresql" else 200


def run_at_once(work: Callable[[int], Any], count: int) -> tuple[list[Any], list[BaseException]]:
    """Run ``work(0) … work(count - 1)`` in ``count`` threads released together."""
    start = threading.Barrier(count)
    slots = threading.BoundedSemaphore(max_connections())
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(n: int) -> None:
        try:
            start.wait()
            with slots:
                try:
                    result = work(n)
                finally:
                    connection.close()  # each thread opened its own
            with lock:
                results.append(result)
        except BaseException as exc:
            with lock:
                errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_sqlite_serialises_writers_since_select_for_update_does_nothing_there(db):
    # The capacity lock relies on this setting on SQLite (see kyodo/env.py and services.py).
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL locks the event row with SELECT … FOR UPDATE")
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_200_simultaneous_applications_for_50_places(make_event, staff_user):
    event = make_event(capacity_people=50)
    began = time.monotonic()

    results, errors = run_at_once(lambda n: apply(event, n).pk, 200)

    assert errors == []
    assert len(results) == 200
    # Not a speed test (`bench rush` measures that): nobody waited out SQLite's 30-second busy
    # timeout or PostgreSQL's lock wait, which a writer queued behind a lost lock would.
    assert time.monotonic() - began < 45
    statuses = list(Application.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 50
    assert statuses.count("waitlisted") == 150
    positions = sorted(
        Application.objects.filter(event=event, status="waitlisted").values_list(
            "waitlist_position", flat=True
        )
    )
    assert positions == list(range(1, 151))
    assert OutboxMessage.objects.filter(kind="events.application_received").count() == 200

    # When one confirmed applicant cancels, exactly the first in line moves up and is mailed.
    first_in_line = Application.objects.get(event=event, waitlist_position=1)
    leaving = Application.objects.filter(event=event, status="confirmed").first()
    services.application_cancel(actor=None, application=leaving)

    first_in_line.refresh_from_db()
    assert first_in_line.status == "confirmed"
    assert first_in_line.waitlist_position is None
    assert Application.objects.filter(event=event, status="confirmed").count() == 50
    assert Application.objects.filter(event=event, status="waitlisted").count() == 149
    assert sorted(
        Application.objects.filter(event=event, status="waitlisted").values_list(
            "waitlist_position", flat=True
        )
    ) == list(range(1, 150))
    promoted_mail = OutboxMessage.objects.filter(kind="events.application_promoted")
    assert [m.to for m in promoted_mail] == [first_in_line.email]


def test_simultaneous_cancellations_promote_each_waiting_person_once(make_event):
    event = make_event(capacity_people=10)
    applications = [apply(event, n) for n in range(30)]
    confirmed = [a for a in applications if a.status == "confirmed"]

    _cancelled, errors = run_at_once(
        lambda n: services.application_cancel(actor=None, application=confirmed[n]).pk, 10
    )

    assert errors == []
    assert Application.objects.filter(event=event, status="confirmed").count() == 10
    assert Application.objects.filter(event=event, status="waitlisted").count() == 10
    promoted = Application.objects.filter(event=event, promoted_at__isnull=False)
    # The first ten in line, nobody else, each mailed once.
    assert sorted(a.email for a in promoted) == sorted(a.email for a in applications[10:20])
    assert OutboxMessage.objects.filter(kind="events.application_promoted").count() == 10


def test_simultaneous_events_in_one_series_get_distinct_numbers(staff_user):
    series = services.series_create(actor=staff_user, name="NPO市民活動ネットワーク", next_number=3)

    results, errors = run_at_once(
        lambda n: (
            services.event_create(
                actor=staff_user,
                series=series,
                kind="round_table",
                date=date(2011, 2, n + 1),
            ).series_number
        ),
        12,
    )

    assert errors == []
    assert sorted(results) == list(range(3, 15))
    assert sorted(Event.objects.values_list("series_number", flat=True)) == list(range(3, 15))
