"""The monthly report and the statistics over 15 years of generated data (goal < 50 ms each).

A scratch installation on SQLite (and PostgreSQL when BENCH_REPORTS_POSTGRES is set) gets 15
fiscal years of a busy center: 600 groups with registration histories (registered, renewed,
some suspended, reinstated or withdrawn), 300 events a year with their applications and
attendance, 1,500 consultations a year with categories. Then, in a fresh process, each figure is
computed for 60 months or dates spread over the 15 years and timed: the monthly report
(``kyodo.reports.selectors.monthly_report``, all its queries), ``registered_count_on`` and, if
the collaboration app is installed, its statistics for each fiscal year.

Then (session 21) the first requests of a fresh worker: pages and the monthly report's PDF and
XLSX, each in a new one-worker gunicorn, before and after the worker's warm-up
(:func:`first_requests`; alone: ``.venv/bin/python -m bench.reports first``).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys

from bench.common import ROOT, kyodo, reset_postgres, scratch_env

YEARS = 15
FIRST_YEAR = 2010
GROUPS = 600
EVENTS_PER_YEAR = 300
APPLICATIONS_PER_EVENT = 20
CONSULTATIONS_PER_YEAR = 1500
SAMPLES = 60
POSTGRES_URL = os.environ.get("BENCH_REPORTS_POSTGRES", "")


def generate() -> dict:
    """Fill the database (inside a Django process); returns the row counts."""
    import random
    from datetime import date, time, timedelta

    from django.db import transaction

    from kyodo.consultations.models import Category, Consultation, ConsultationCategory
    from kyodo.core.models import User
    from kyodo.events.models import Application, Event, EventKind
    from kyodo.organizations.models import Organization, OrganizationStatusChange

    rng = random.Random(2011)
    staff = User.objects.filter(is_superuser=True).first()
    start, days = date(FIRST_YEAR, 4, 1), YEARS * 365
    Kind = OrganizationStatusChange.Kind
    with transaction.atomic():
        organizations = Organization.objects.bulk_create(
            Organization(
                name=f"ベンチ団体{n}",
                name_reading=f"べんちだんたい{n}",
                name_key=f"べんちだんたい{n}",
                reading_key=f"べんちだんたい{n}",
                core_key=f"べんち{n}",
                legal_form=Organization.LegalForm.choices[n % len(Organization.LegalForm.choices)][
                    0
                ],
                status=Organization.Status.REGISTERED,
            )
            for n in range(GROUPS)
        )
        changes = []
        for org in organizations:
            day = start + timedelta(days=rng.randrange(days))
            changes.append(
                OrganizationStatusChange(organization=org, kind=Kind.REGISTERED, effective_date=day)
            )
            while True:
                day += timedelta(days=rng.randrange(200, 500))
                if day >= start + timedelta(days=days):
                    break
                kind = rng.choices(
                    [Kind.RENEWED, Kind.SUSPENDED, Kind.REINSTATED, Kind.WITHDRAWN],
                    [70, 10, 10, 3],
                )[0]
                changes.append(
                    OrganizationStatusChange(organization=org, kind=kind, effective_date=day)
                )
                if kind == Kind.WITHDRAWN:
                    break
        OrganizationStatusChange.objects.bulk_create(changes, batch_size=2000)

        events = Event.objects.bulk_create(
            [
                Event(
                    title=f"講座{n}",
                    kind=EventKind.LECTURE,
                    date=start + timedelta(days=rng.randrange(days)),
                    start_time=time(19),
                    end_time=time(21),
                    capacity_people=APPLICATIONS_PER_EVENT,
                    status=Event.Status.HELD,
                    attendance_people=rng.randrange(5, 40),
                    attendance_groups=rng.randrange(0, 8),
                )
                for n in range(YEARS * EVENTS_PER_YEAR)
            ],
            batch_size=2000,
        )
        Application.objects.bulk_create(
            (
                Application(
                    event=event,
                    kind=Application.Kind.INDIVIDUAL,
                    name=f"申込者{n}",
                    email=f"p{event.pk}-{n}@example.jp",
                    status=Application.Status.CONFIRMED,
                )
                for event in events
                for n in range(APPLICATIONS_PER_EVENT)
            ),
            batch_size=5000,
        )
        categories = list(Category.values)
        consultations = Consultation.objects.bulk_create(
            (
                Consultation(
                    received_on=start + timedelta(days=rng.randrange(days)),
                    channel=Consultation.Channel.VISIT,
                    client_type=Consultation.ClientType.GROUP,
                    summary="運営の相談",
                    staff=staff,
                )
                for _ in range(YEARS * CONSULTATIONS_PER_YEAR)
            ),
            batch_size=5000,
        )
        ConsultationCategory.objects.bulk_create(
            (
                ConsultationCategory(consultation=c, category=category)
                for c in consultations
                for category in rng.sample(categories, rng.randrange(1, 3))
            ),
            batch_size=5000,
        )
    collaborations = _generate_collaborations(rng, staff)
    return {
        "groups": len(organizations),
        "status changes": len(changes),
        "events": len(events),
        "applications": len(events) * APPLICATIONS_PER_EVENT,
        "consultations": len(consultations),
        "collaboration records": collaborations,
    }


def _generate_collaborations(rng, staff) -> int | None:
    try:
        from kyodo.collaboration import statistics as _  # noqa: F401
        from kyodo.collaboration.models import Collaboration
    except ImportError:
        return None
    # The model's required fields are whatever the collaboration app says: fill them from the
    # demo's first record when there is one, else leave the register as the demo made it.
    template = Collaboration.objects.first()
    if template is None:
        return Collaboration.objects.count()
    fields = [
        f
        for f in Collaboration._meta.concrete_fields
        if not f.primary_key and f.name not in ("first_fiscal_year", "last_fiscal_year")
    ]
    records = []
    for n in range(YEARS * 40):
        record = Collaboration(**{f.attname: getattr(template, f.attname) for f in fields})
        first = FIRST_YEAR + rng.randrange(YEARS)
        record.first_fiscal_year = first
        record.last_fiscal_year = min(FIRST_YEAR + YEARS - 1, first + rng.randrange(3))
        if hasattr(record, "title"):
            record.title = f"協働事業{n}"
        records.append(record)
    Collaboration.objects.bulk_create(records, batch_size=1000)
    return Collaboration.objects.count()


def measure() -> dict:
    """Time each figure for SAMPLES months or dates (inside a fresh Django process)."""
    import time
    from datetime import date, timedelta

    from django.db import connection, reset_queries

    from kyodo.core.months import Month
    from kyodo.organizations.selectors import registered_count_on
    from kyodo.reports.selectors import monthly_report

    def timed(call) -> tuple[float, int]:
        reset_queries()
        started = time.perf_counter()
        call()
        elapsed = (time.perf_counter() - started) * 1000
        return elapsed, len(connection.queries)

    months = [Month.of(FIRST_YEAR + 1 + (n * YEARS // SAMPLES) % (YEARS - 1), 1 + n % 12) for n in range(SAMPLES)]  # fmt: skip
    dates = [date(FIRST_YEAR, 4, 1) + timedelta(days=37 * n + 11) for n in range(SAMPLES)]

    def report(month):
        result = monthly_report(month=month)
        # Touch every part so lazy pieces are evaluated.
        repr(result)

    connection.force_debug_cursor = True
    monthly_report(month=months[0])  # warm-up: imports, first connection
    results = {
        "monthly report": [timed(lambda m=m: report(m)) for m in months],
        "registered_count_on": [timed(lambda d=d: registered_count_on(d)) for d in dates],
    }
    try:
        from kyodo.collaboration import statistics as collaboration_statistics
    except ImportError:
        collaboration_statistics = None
    if collaboration_statistics is not None:
        years = [FIRST_YEAR + n % YEARS for n in range(SAMPLES)]
        results["collaboration statistics (a fiscal year)"] = [
            timed(lambda y=y: collaboration_statistics.compute(fiscal_year=y)) for y in years
        ]
    return {
        name: {
            "p50": statistics.median(ms for ms, _ in values),
            "p95": sorted(ms for ms, _ in values)[int(0.95 * (len(values) - 1))],
            "max": max(ms for ms, _ in values),
            "queries": max(q for _, q in values),
            "samples": len(values),
        }
        for name, values in results.items()
    }


def _inside(step: str) -> None:
    import django

    django.setup()
    print(json.dumps(generate() if step == "generate" else measure()))


def one(database: str, database_url: str | None) -> dict:
    import shutil

    if database_url:
        reset_postgres(database_url)
    env, var = scratch_env(database_url)
    env["DJANGO_SETTINGS_MODULE"] = "kyodo.settings"
    try:
        kyodo(env, "migrate", "--noinput", "-v", "0")
        kyodo(env, "demo")

        def step(name: str) -> dict:
            out = subprocess.run(
                [sys.executable, "-m", "bench.reports", "--inside", name],
                env=env, cwd=ROOT, check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            return json.loads(out.strip().splitlines()[-1])

        rows = step("generate")
        timings = step("measure")
    finally:
        shutil.rmtree(var, ignore_errors=True)
    return {"database": database, "rows": rows, "timings": timings}


# --- first requests of a fresh worker (session 21) ------------------------------------------------

FIRST_ROUNDS = max(1, int(os.environ.get("BENCH_FIRST_ROUNDS", "3")))
# before: the worker as it was until session 21 (no warm-up, both PDF fonts read at the first
# PDF); lazy fonts: the fallback font read only when a text needs it, no warm-up; after:
# kyodo.wsgi as served (warm-up in the worker's start, lazy fallback font).
VARIANTS = {
    "before": "bench.reports:cold_application(eager_fonts=True)",
    "lazy fonts": "bench.reports:cold_application()",
    "after": "kyodo.wsgi:application",
}
_READY_HOOK = """
import os, time
def post_worker_init(worker):
    with open(os.environ["BENCH_READY_FILE"], "w") as f:
        f.write(repr(time.time()))
"""


def cold_application(eager_fonts: bool = False):
    """kyodo.wsgi without its warm-up (gunicorn's ``module:factory()``); with ``eager_fonts``
    the fallback PDF font is read with the body font, as it was before session 21."""
    import gc

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    if eager_fonts:
        from kyodo.core import pdf_fonts

        lazy = pdf_fonts._register

        def eager(path):
            fonts = lazy(path)
            fonts.fallback_has  # noqa: B018 (reads the fallback font)
            return fonts

        pdf_fonts._register = eager
    gc.freeze()
    return application


def _first_requests(env: dict, app: str, url: str, cookie: str) -> dict:
    """A gunicorn with one fresh worker running ``app``: seconds until the worker is ready, and
    the first and the second request of ``url`` in ms."""
    import tempfile
    import time
    import urllib.request
    from pathlib import Path

    from bench.common import free_port

    work = Path(tempfile.mkdtemp(prefix="kyodo-bench-first-"))
    (work / "ready_hook.py").write_text(_READY_HOOK)
    ready = work / "ready"
    port = free_port()
    started = time.time()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "-c", str(work / "ready_hook.py"),
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        env=env | {"BENCH_READY_FILE": str(ready)}, cwd=ROOT,
    )  # fmt: skip
    try:
        while not ready.exists() or not ready.read_text():
            if server.poll() is not None or time.time() - started > 120:
                raise SystemExit(f"bench reports: gunicorn {app} did not start")
            time.sleep(0.05)
        boot = float(ready.read_text()) - started

        def get() -> float:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{url}")
            request.add_header("Cookie", cookie)
            begun = time.perf_counter()
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                assert response.status == 200, (url, response.status)
            return (time.perf_counter() - begun) * 1000

        first, second = get(), get()
    finally:
        server.terminate()
        server.wait(timeout=20)
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return {"boot": boot, "first": first, "second": second}


def first_requests() -> dict:
    """First and second request of the pages the newcomer timed (session 21, finding #16) and
    the monthly report's downloads, each in a fresh one-worker gunicorn, the variants alternating
    (their order reversed every round) so that the shared machine's load falls on all alike."""
    import shutil
    import statistics as stats

    from bench.common import gunicorn
    from bench.pages import sign_in

    env, var = scratch_env()
    env["DJANGO_SETTINGS_MODULE"] = "kyodo.settings"
    try:
        kyodo(env, "migrate", "--noinput", "-v", "0")
        kyodo(env, "demo")
        kyodo(env, "collectstatic", "--noinput", "-v", "0")
        found = subprocess.run(
            [sys.executable, "-m", "kyodo", "shell", "-c",
             "from django.utils import timezone; from kyodo.core.months import Month; "
             "from kyodo.events.models import Event; t = timezone.localdate(); "
             "print(Month.of(t.year, t.month).slug, "
             "Event.objects.filter(status='published').order_by('pk').first().pk)"],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        month, event = found[-2], found[-1]
        with gunicorn(env, workers=1) as (base, _server):
            cookie = sign_in(base, "nishiguchi")
        urls = {
            "/staff/": "/staff/",
            "/events/<pk>/": f"/events/{event}/",
            "report.pdf": f"/staff/reports/monthly/{month}/report.pdf",
            "report.xlsx": f"/staff/reports/monthly/{month}/report.xlsx",
        }
        samples: dict = {(name, v): [] for name in urls for v in VARIANTS}
        order = list(VARIANTS)
        for round_ in range(FIRST_ROUNDS):
            for name, url in urls.items():
                for variant in order if round_ % 2 == 0 else order[::-1]:
                    samples[name, variant].append(
                        _first_requests(env, VARIANTS[variant], url, cookie)
                    )
    finally:
        shutil.rmtree(var, ignore_errors=True)
    return {
        "rounds": FIRST_ROUNDS,
        "rows": [
            {
                "url": name,
                "variant": variant,
                **{
                    key: stats.median(s[key] for s in samples[name, variant])
                    for key in ("boot", "first", "second")
                },
            }
            for name in urls
            for variant in VARIANTS
        ],
    }


def run() -> dict:
    results = [one("SQLite", None)]
    if POSTGRES_URL:
        results.append(one("PostgreSQL", POSTGRES_URL))
    return {"results": results, "first requests": first_requests()}


def first_requests_markdown(result: dict) -> str:
    rows = result["rows"]
    before = {r["url"]: r for r in rows if r["variant"] == "before"}
    lines = [
        "First and second request of a page in a fresh one-worker gunicorn on the demo (SQLite), "
        f"median of {result['rounds']} rounds, the variants alternating; ratios to *before* "
        "(no warm-up, both PDF fonts read at the first PDF) in the same run. *lazy fonts*: the "
        "fallback font read only when a text needs it; *after*: kyodo.wsgi's warm-up as well.",
        "",
        "| page | variant | worker ready s | first ms | first / before | second ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['url']} | {r['variant']} | {r['boot']:.2f} | {r['first']:.0f} "
            f"| {r['first'] / before[r['url']]['first']:.2f} | {r['second']:.0f} |"
        )
    return "\n".join(lines)


def markdown(result: dict) -> str:
    rows = result["results"][0]["rows"]
    lines = [
        f"{YEARS} fiscal years generated on top of the demo: "
        + ", ".join(f"{count:,} {name}" for name, count in rows.items() if count is not None)
        + f". Each figure computed for {SAMPLES} months, dates or years spread over them, in a "
        "fresh process after one warm-up call; times include every query.",
        "",
        "| database | figure | p50 ms | p95 ms | max ms | queries | goal |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for r in result["results"]:
        for name, t in r["timings"].items():
            lines.append(
                f"| {r['database']} | {name} | {t['p50']:.1f} | {t['p95']:.1f} | {t['max']:.1f} "
                f"| {t['queries']} | {'met' if t['p95'] < 50 else 'MISSED'} (< 50 ms) |"
            )
    if "first requests" in result:
        lines += ["", first_requests_markdown(result["first requests"])]
    return "\n".join(lines)


if __name__ == "__main__" and sys.argv[1:2] == ["--inside"]:
    _inside(sys.argv[2])
elif __name__ == "__main__" and sys.argv[1:2] == ["first"]:
    # Only the first requests: .venv/bin/python -m bench.reports first
    print(first_requests_markdown(first_requests()))
