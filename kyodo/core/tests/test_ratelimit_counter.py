"""Rate-limit counters in the database cache (the default without Redis): one upsert a hit,
exact under parallel requests on SQLite and PostgreSQL, started again once expired."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from kyodo.core import ratelimit


def test_a_hit_is_one_statement_and_the_limit_holds(
    db, database_counters, django_assert_num_queries
):
    # The window's first hit also checks the table's size, as the cache's own set() does.
    with django_assert_num_queries(2):
        first = ratelimit.hit("test", "192.0.2.1", "3/h", now=7200.0)
    decisions = [first]
    for _ in range(3):
        with django_assert_num_queries(1):
            decisions.append(ratelimit.hit("test", "192.0.2.1", "3/h", now=7200.0))
    assert [(d.allowed, d.count) for d in decisions] == [
        (True, 1),
        (True, 2),
        (True, 3),
        (False, 4),
    ]
    # Another window, another address: counters of their own.
    assert ratelimit.hit("test", "192.0.2.1", "3/h", now=10800.0).count == 1
    assert ratelimit.hit("test", "192.0.2.2", "3/h", now=7200.0).count == 1


def test_an_expired_counter_starts_again(db, database_counters):
    for _ in range(3):
        ratelimit.hit("test", "192.0.2.1", "2/h", now=7200.0)
    table = connection.ops.quote_name("kyodo_ratelimit")
    past = connection.ops.adapt_datetimefield_value(timezone.now() - timedelta(seconds=1))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET expires = %s", [past])

    again = ratelimit.hit("test", "192.0.2.1", "2/h", now=7200.0)

    assert (again.allowed, again.count) == (True, 1)


def test_the_cache_still_serves_its_other_keys(db, database_counters):
    # Sign-in delays and the periodic jobs' claims share the table through the cache's API.
    ratelimit.hit("test", "192.0.2.1", "2/h", now=7200.0)
    ratelimit.state_set("signin|192.0.2.1", {"failures": 2}, timeout=60)
    assert ratelimit.state_get("signin|192.0.2.1") == {"failures": 2}
    assert caches["ratelimit"].add("periodic:job:2026-12-05", 1, 60)
    assert not caches["ratelimit"].add("periodic:job:2026-12-05", 1, 60)


@pytest.mark.django_db(transaction=True)
def test_parallel_hits_are_each_counted_once(database_counters):
    count = 20
    start = threading.Barrier(count)
    seen: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            start.wait()
            decision = ratelimit.hit("test", "192.0.2.1", "10/h", now=7200.0)
            with lock:
                seen.append(decision.count)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connection.close()  # each thread opened its own

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(seen) == list(range(1, count + 1))


def test_a_view_declares_which_of_its_posts_count():
    from django.test import RequestFactory

    def page(request):
        return None

    def form(request):
        return None

    ratelimit.counts_when(lambda request: request.POST.get("step") == "send")(form)
    factory = RequestFactory()
    send = factory.post("/", {"step": "send"})
    confirm = factory.post("/", {"step": "confirm"})
    # Undeclared, every POST counts; declared, only those it names.
    assert [ratelimit.counted(r, page) for r in (send, confirm)] == [True, True]
    assert [ratelimit.counted(r, form) for r in (send, confirm)] == [True, False]
    # The application form of an event declares its 完了 step.
    from kyodo.events.views.public import event_detail

    assert [ratelimit.counted(r, event_detail) for r in (send, confirm)] == [True, False]
