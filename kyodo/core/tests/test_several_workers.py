"""Task workers and `kyodo periodic` on several hosts at once: each mail leaves exactly once, each
daily job runs once a day.

The task workers are real db_worker processes; the periodic rounds are threads of this process,
each with its own database connection, all at the same time against one database and one shared
cache (the database table, as without CACHE_URL, or Redis, as with it).
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import threading
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from kyodo.core.management.commands import periodic
from kyodo.core.models import OutboxMessage
from kyodo.core.outbox import outbox_enqueue, outbox_flush
from kyodo.core.tests.test_hosts import REDIS_URL, ROOT, database_url

pytestmark = pytest.mark.django_db(transaction=True)

RUNS: Counter = Counter()
_RUNS_LOCK = threading.Lock()


def count_run() -> str:
    """A daily job of this test: counts how often it ran."""
    with _RUNS_LOCK:
        RUNS["count_run"] += 1
    return "ran"


def _at_once(*jobs) -> None:
    """Runs the jobs in threads started together; raises the first exception any of them raised."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job):
        try:
            barrier.wait(timeout=30)
            job()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if errors:
        raise errors[0]


def test_two_workers_and_two_periodic_rounds_send_each_mail_exactly_once(
    smtp_server, settings, tmp_path
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    with transaction.atomic():
        for n in range(40):
            outbox_enqueue(to=f"member{n}@example.jp", subject=f"招集通知 {n}", body="第9回")

    # Two hosts, each with its task worker (a process of its own, as in production) and a
    # periodic flush, all at the same moment against one database.
    env = dict(os.environ)
    env.update(
        KYODO_VAR_DIR=str(tmp_path),
        DATABASE_URL=database_url(),
        EMAIL_URL=f"smtp://{smtp_server.host}:{smtp_server.port}",
        LOG_LEVEL="ERROR",
    )
    command = [sys.executable, "-m", "kyodo", "db_worker", "--batch", "--no-startup-delay"]
    workers = [
        subprocess.Popen([*command, "--queue-name", "*"], env=env, cwd=ROOT) for _ in range(2)
    ]
    _at_once(outbox_flush, outbox_flush)
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0]

    received = Counter(r for m in smtp_server.messages for r in m["rcpt_tos"])
    assert received == Counter({f"member{n}@example.jp": 1 for n in range(40)})
    assert Counter(OutboxMessage.objects.values_list("status", flat=True)) == {"sent": 40}
    assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [1] * 40


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings):
    if request.param == "database":
        from django.core.cache import caches

        settings.CACHES = {
            **settings.CACHES,
            "ratelimit": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "kyodo_ratelimit",
            },
        }
        caches["ratelimit"].clear()
    else:
        import uuid

        import redis

        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        except redis.RedisError as exc:
            pytest.fail(f"This test needs Redis at {REDIS_URL}: {exc}")
        # Keys of this test's own: tests running in parallel share the Redis.
        prefix = f"kyodo-test-{uuid.uuid4().hex[:12]}"
        settings.CACHES = {
            **settings.CACHES,
            "ratelimit": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": prefix,
            },
        }
        client = redis.Redis.from_url(REDIS_URL)
        request.addfinalizer(lambda: [client.delete(key) for key in client.scan_iter(f"{prefix}*")])
    return request.param


def test_periodic_on_three_hosts_runs_each_daily_job_once_a_day(shared_cache, monkeypatch):
    RUNS.clear()
    monkeypatch.setattr(
        periodic,
        "daily_schedule",
        lambda: [("kyodo.core.tests.test_several_workers.count_run", datetime.time(0))],
    )

    def one_round():
        call_command("periodic", "--once", verbosity=0)

    _at_once(one_round, one_round, one_round)
    assert RUNS == {"count_run": 1}

    # The next round the same day, on any host, leaves it alone.
    one_round()
    assert RUNS == {"count_run": 1}


def test_a_daily_claim_is_for_one_day(shared_cache):
    from datetime import date

    assert periodic.claim_daily("kyodo.x.job", date(2026, 12, 5)) is True
    assert periodic.claim_daily("kyodo.x.job", date(2026, 12, 5)) is False
    assert periodic.claim_daily("kyodo.x.other", date(2026, 12, 5)) is True
    assert periodic.claim_daily("kyodo.x.job", date(2026, 12, 6)) is True
