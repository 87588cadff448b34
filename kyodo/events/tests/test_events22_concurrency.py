"""Changing an application while others apply, on SQLite and PostgreSQL: the places are decided
under the event's lock either way, so the event is never overbooked and the waiting list stays
numbered 1, 2, 3 … (see test_concurrency.py for the threads)."""

from __future__ import annotations

import pytest

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.events import services
from kyodo.events.exceptions import InvalidApplication
from kyodo.events.models import Application
from kyodo.events.tests.conftest import apply
from kyodo.events.tests.test_concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def _confirmed_people(event) -> int:
    return sum(
        Application.objects.filter(event=event, status="confirmed").values_list("people", flat=True)
    )


def _positions(event) -> list[int]:
    return sorted(
        Application.objects.filter(event=event, status="waitlisted").values_list(
            "waitlist_position", flat=True
        )
    )


def test_groups_growing_while_people_apply_never_overbook(make_event):
    event = make_event(capacity_people=20)
    hibari = apply(event, 100, kind="group", group_name="ひばりの会", people=5)
    kaze = apply(event, 101, kind="group", group_name="風の会", people=3)  # 8 taken, 12 left
    growing = {0: (hibari, 10), 1: (kaze, 8)}  # five more each

    def work(n: int):
        if n in growing:
            application, people = growing[n]
            try:
                services.application_change(actor=None, application=application, people=people)
            except InvalidApplication as refused:
                return ("refused", str(refused.message))
            return ("changed", people)
        return ("applied", apply(event, n).status)

    results, errors = run_at_once(work, 17)  # the two changes and 15 people, at once

    assert errors == []
    # Fifteen people of one each are more than the 12 places: whatever the order, every place is
    # taken and not one more.
    assert _confirmed_people(event) == 20
    changed = [r for r in results if r[0] == "changed"]
    refusals = [r for r in results if r[0] == "refused"]
    assert len(changed) + len(refusals) == 2
    hibari.refresh_from_db()
    kaze.refresh_from_db()
    assert (hibari.people, kaze.people) == (
        10 if ("changed", 10) in changed else 5,
        8 if ("changed", 8) in changed else 3,
    )
    assert AuditEntry.objects.filter(action="kyodo.events.application.changed").count() == len(
        changed
    )
    assert OutboxMessage.objects.filter(kind="events.application_changed").count() == len(changed)
    applied = [r[1] for r in results if r[0] == "applied"]
    confirmed_people = 20 - hibari.people - kaze.people
    assert applied.count("confirmed") == confirmed_people
    assert applied.count("waitlisted") == 15 - confirmed_people
    assert _positions(event) == list(range(1, 16 - confirmed_people))


def test_a_group_shrinking_while_people_apply_moves_the_list_up_once(make_event):
    event = make_event(capacity_people=10)
    hibari = apply(event, 100, kind="group", group_name="ひばりの会", people=10)  # full
    waiting = [apply(event, n) for n in range(5)]  # 1 … 5 on the list

    def work(n: int):
        if n == 0:
            services.application_change(actor=None, application=hibari, people=4)
            return ("changed", None)
        return ("applied", apply(event, 10 + n).pk)

    results, errors = run_at_once(work, 11)  # the change and 10 more people

    assert errors == []
    assert _confirmed_people(event) == 10
    # Six places freed: the five waiting first, strictly in turn, then the first of the others.
    for application in waiting:
        application.refresh_from_db()
    assert [a.status for a in waiting] == ["confirmed"] * 5
    newcomers = Application.objects.filter(event=event, pk__in=[r[1] for r in results if r[1]])
    assert newcomers.filter(status="confirmed").count() == 1
    assert _positions(event) == list(range(1, 10))
    promoted = OutboxMessage.objects.filter(kind="events.application_promoted")
    assert promoted.count() == Application.objects.filter(promoted_at__isnull=False).count()
