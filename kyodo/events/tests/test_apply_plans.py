"""An application's count of places reads only the rows it counts, however many have applied and
whatever PostgreSQL's statistics know of them.

The count (services._send_count) is one statement of four lookups. A popular event's applications
arrive after the last ANALYZE: the statistics call the event rare, and every index that begins
with the event looks as cheap as another. With an index on the event alone, the planner read all
of the event's applications three times over for each new one: an application cost more the more
had applied before it. PostgreSQL plans the prepared statement for the values given (a custom
plan) as long as that looks cheaper than its generic plan, which it does for a rare event; the
generic plan depends on the statistics of the moment (on a small table it may read the table
whole), so it is not forced (docs/benchmarks.md, twenty-fourth session)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from psycopg import sql

from kyodo.events.models import Application
from kyodo.events.tests.conftest import apply

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]

SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"}


def _rows(event, count: int, status: str, start: int = 0) -> None:
    Application.objects.bulk_create(
        Application(
            event=event,
            kind="individual",
            name=f"申込者{n}",
            email=f"person{n}@example.jp",
            status=status,
            waitlist_position=n if status == "waitlisted" else None,
        )
        for n in range(start, start + count)
    )


def _count_statement(event) -> tuple[str, list]:
    """The count statement of one more application to ``event``, and its parameters."""
    seen = []

    def record(execute, sql_text, params, many, context):
        if sql_text.startswith("SELECT (SELECT waitlist_position"):
            seen.append((sql_text, list(params)))
        return execute(sql_text, params, many, context)

    with connection.execute_wrapper(record):
        apply(event, 9999)
    assert len(seen) == 1
    return seen[0]


def _examined(plan: dict) -> tuple[int, set[str]]:
    """Rows the plan's scans read (kept or removed by a filter), and the indexes it used."""
    rows, indexes = 0, set()
    if plan["Node Type"] in SCANS:
        rows += plan["Actual Rows"] + plan.get("Rows Removed by Filter", 0)
        rows += plan.get("Rows Removed by Index Recheck", 0)
    if "Index Name" in plan:
        indexes.add(plan["Index Name"])
    for child in plan.get("Plans", []):
        more, used = _examined(child)
        rows += more
        indexes |= used
    return rows, indexes


def _explain(statement: str, params: list, mode: str) -> tuple[int, set[str]]:
    numbered = iter(range(1, len(params) + 1))
    prepared = re.sub("%s", lambda _m: f"${next(numbered)}", statement)
    with connection.cursor() as cursor:
        raw = cursor.connection
        literals = sql.SQL(", ").join(sql.Literal(p) for p in params).as_string(raw)
        cursor.execute(f"SET LOCAL plan_cache_mode = {mode}")
        cursor.execute(f"PREPARE kyodo_count AS {prepared}")
        try:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE kyodo_count({literals})")
            (document,) = cursor.fetchone()
        finally:
            cursor.execute("DEALLOCATE kyodo_count")
    return _examined(document[0]["Plan"])


def test_the_count_reads_only_what_it_counts_with_hundreds_waiting(make_event):
    # A center's earlier events, known to the statistics; then the popular one, unknown to them.
    for n in range(10):
        _rows(make_event(title=f"講座{n + 1}", capacity_people=500), 500, "confirmed")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_application")
    event = make_event(capacity_people=5, capacity_groups=2)
    _rows(event, 5, "confirmed")
    _rows(event, 300, "waitlisted", start=5)
    statement, params = _count_statement(event)

    examined, indexes = _explain(statement, params, "force_custom_plan")

    # The waiting list's last place (1), the confirmed places (5), the confirmed groups (the 5
    # confirmed persons, read and set aside) and this applicant's own waiting application (1),
    # not the 300 others waiting.
    assert examined == 1 + 5 + 5 + 1
    assert indexes == {"events_application_waitlist", "events_application_event"}
    assert event.applications.filter(email="person9999@example.jp").get().waitlist_position == 305
