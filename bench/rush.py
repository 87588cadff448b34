"""Application rush: 1,000 people apply over HTTP at the same moment for an event with 100 places.

The production server (gunicorn, 2 workers) with the demo, on SQLite and on PostgreSQL. Each
client is a thread with its own cookie jar: it opens the event page (getting its CSRF cookie and
token, as a browser does), waits until all 1,000 are ready, then posts its application. Expected:
exactly 100 confirmed, 900 on the waiting list numbered 1…900, no error. Latency is the time of
the POST alone, from the moment all clients are released.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from bench.common import ROOT, demo_server, reset_postgres

CLIENTS = int(os.environ.get("BENCH_RUSH_CLIENTS", "1000"))
PLACES = 100
POSTGRES_URL = os.environ.get(
    "BENCH_RUSH_POSTGRES", "postgres://postgres@127.0.0.1:5432/kyodo_bench_rush"
)
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')

CREATE_EVENT = f"""
import datetime
from django.utils import timezone
from kyodo.core.models import User
from kyodo.events import services
from kyodo.events.models import Event
staff = User.objects.filter(is_superuser=True).first()
event = services.event_create(
    actor=staff, kind="lecture", title="ベンチマーク講座", status=Event.Status.PUBLISHED,
    date=timezone.localdate() + datetime.timedelta(days=14),
    start_time=datetime.time(19), end_time=datetime.time(21), capacity_people={PLACES},
)
print(event.pk)
"""

COUNT = """
import json, sys
from kyodo.events.models import Application
rows = list(Application.objects.filter(event_id={pk}).values("status", "waitlist_position", "email"))
print(json.dumps(rows))
"""


def django_python(env: dict[str, str], code: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "kyodo", "shell", "-c", code],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client_run(base: str, path: str, n: int, ready: threading.Barrier, out: dict) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    try:
        with opener.open(base + path, timeout=120) as response:
            token = TOKEN_RE.search(response.read().decode())[1]
    except Exception as exc:  # the page itself failed: counted, and the client still waits
        token = None
        out["get_error"] = repr(exc)
    ready.wait()
    if token is None:
        return
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "kind": "individual",
            "name": f"申込者{n}",
            "email": f"rush{n}@example.jp",
            # The form's consent, and the 確認 page's button (入力 → 確認 → 完了).
            "consent": "on",
            "step": "send",
        }
    ).encode()
    request = urllib.request.Request(base + path, data=data, headers={"Referer": base + path})
    start = time.perf_counter()
    try:
        with opener.open(request, timeout=300) as response:
            out["status"] = response.status
    except urllib.error.HTTPError as exc:
        out["status"] = exc.code
    except Exception as exc:
        out["status"] = 0
        out["error"] = repr(exc)
    out["seconds"] = time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def rush(database: str, database_url: str | None) -> dict:
    if database_url and database_url.startswith("postgres"):
        reset_postgres(database_url)
    with demo_server(workers=2, database_url=database_url) as (base, server):
        env = server.env
        pk = int(django_python(env, CREATE_EVENT).splitlines()[-1])
        path = f"/events/{pk}/"
        threading.stack_size(256 * 1024)
        ready = threading.Barrier(CLIENTS + 1)
        outs = [{} for _ in range(CLIENTS)]
        threads = [
            threading.Thread(target=client_run, args=(base, path, n, ready, outs[n]))
            for n in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        ready.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        rows = json.loads(django_python(env, COUNT.format(pk=pk)).splitlines()[-1])
    statuses: dict[int, int] = {}
    for out in outs:
        statuses[out.get("status", -1)] = statuses.get(out.get("status", -1), 0) + 1
    accepted = {f"rush{n}@example.jp" for n, out in enumerate(outs) if out.get("status") == 302}
    confirmed = [r for r in rows if r["status"] == "confirmed"]
    waitlisted = [r for r in rows if r["status"] == "waitlisted"]
    positions = sorted(r["waitlist_position"] for r in waitlisted)
    latencies = [out["seconds"] * 1000 for out in outs if "seconds" in out]
    return {
        "database": database,
        "clients": CLIENTS,
        "places": PLACES,
        "statuses": statuses,
        "errors_5xx": sum(c for s, c in statuses.items() if s >= 500),
        "not_redirected": sum(c for s, c in statuses.items() if s != 302),
        "confirmed": len(confirmed),
        "waitlisted": len(waitlisted),
        "waitlist_numbered_1_to_n": positions == list(range(1, len(waitlisted) + 1)),
        "every_accepted_in_db": accepted == {r["email"] for r in rows},
        "p50_ms": statistics.median(latencies) if latencies else 0.0,
        "p95_ms": percentile(latencies, 95),
        "max_ms": max(latencies, default=0.0),
        "wall_s": wall,
        "get_errors": sum(1 for out in outs if "get_error" in out),
    }


def run() -> dict:
    return {
        "results": [
            rush("SQLite", None),
            rush("PostgreSQL", POSTGRES_URL),
        ]
    }


def markdown(result: dict) -> str:
    lines = [
        f"{CLIENTS} clients, each a thread with its own cookie jar, open the event page (CSRF "
        f"cookie and token) and then post their application at the same moment; the event has "
        f"{PLACES} places. gunicorn with 2 workers, the demo loaded. Latency is the POST alone.",
        "",
        "| database | confirmed | waitlisted | waiting list 1…n | every 302 in the DB | "
        "5xx | other non-302 | p50 ms | p95 ms | max ms | all done in s |",
        "|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["results"]:
        lines.append(
            f"| {r['database']} | {r['confirmed']} | {r['waitlisted']} | "
            f"{'yes' if r['waitlist_numbered_1_to_n'] else 'NO'} | "
            f"{'yes' if r['every_accepted_in_db'] else 'NO'} | {r['errors_5xx']} | "
            f"{r['not_redirected'] - r['errors_5xx']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | "
            f"{r['max_ms']:.0f} | {r['wall_s']:.1f} |"
        )
    lines += [
        "",
        f"Goal: exactly {PLACES} confirmed, the rest waitlisted, 0 errors. Statuses seen: "
        + "; ".join(
            f"{r['database']} {dict(sorted(r['statuses'].items()))}" for r in result["results"]
        )
        + ".",
    ]
    return "\n".join(lines)
