"""Page throughput: the production server under wrk, each page against a hello-world floor.

Two gunicorn servers (2 workers each) on one installation with the demo: one with the page cache
(the default, PAGE_CACHE_SECONDS=60), one without it (PAGE_CACHE_SECONDS=0), so every page is
measured cached and rendered in the same run. The floor is a hello-world Django view outside
Kyodo's middleware in the same gunicorn workers (bench/floor.py), measured again just before each
page: each ratio compares a page with the floor taken next to it. Signed-in pages (staff home,
staff committees, the member page) and search are measured on the server without the page
cache, with the session cookie of the demo's staff member or committee member.

BENCH_PAGES_DATABASES (default ``sqlite,postgresql``) chooses the databases; POSTGRES_BENCH_URL
names the PostgreSQL server (a database kyodo_bench_pages is created there and dropped first);
BENCH_PAGES_SECONDS (default 5) is the wrk duration per URL, split into BENCH_PAGES_ROUNDS
(default 3) alternating pairs of floor and page: a row reports the pair whose ratio is the
median, and the spread of all of them (a shared machine's neighbours move a single 3-second
sample by 10-15 %, more than the floor taken beside it corrects). Application POSTs are measured
in as many rounds, each on a new event, and the median reported.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

from bench.common import children, demo_server, gunicorn, reset_postgres, rss_mb

SECONDS = int(os.environ.get("BENCH_PAGES_SECONDS", "5"))
DURATION = f"{SECONDS}s"
ROUNDS = max(1, int(os.environ.get("BENCH_PAGES_ROUNDS", "3")))
# wrk takes whole seconds.
ROUND_DURATION = f"{max(1, round(SECONDS / ROUNDS))}s"
CONNECTIONS = 8
APP = "bench.floor:application"
FLOOR = "/__floor__"
# Goals of issue #19, as ratios to the floor measured next to the page.
GOAL_PUBLIC = 0.10
GOAL_SIGNED_IN = 0.08
GOAL_SEARCH = 0.08
DEMO_PASSWORD = "kyodo-demo-2011"


def wrk(url: str, cookie: str = "", duration: str = DURATION) -> dict[str, float]:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", duration, "--latency", *headers, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    def ms(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def demo_pages(base: str) -> dict[str, str]:
    """The public pages issue #9 names, found through the public API of the running demo."""

    def get(path: str) -> dict:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return json.load(response)

    def first_link(path: str, pattern: str) -> str:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return re.search(pattern, response.read().decode()).group(0)

    event = get("/api/v1/events")["items"][0]["url"]
    meetings = get("/api/v1/meetings?fiscal_year=2010")["items"]
    minutes = next(m["minutes_url"] for m in meetings if m["minutes_url"])
    return {
        "home": "/",
        "event list": "/events/",
        "event page": urllib.parse.urlsplit(event).path,
        "event calendar": "/events/calendar/",
        "minutes page": urllib.parse.urlsplit(minutes).path,
        "committee": "/committee/",
        "news": "/news/",
        "news post": first_link("/news/", r"/news/\d+/"),
        "group directory": "/groups/",
        "group page": first_link("/groups/", r"/groups/\d+/"),
        "collaboration": "/collaboration/",
        "collaboration record": first_link("/collaboration/", r"/collaboration/\d+/"),
        "contact form": "/contact/",
        "access": "/access/",
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base: str, username: str) -> str:
    """The Cookie header of a session signed in through the sign-in form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    page = opener.open(base + "/accounts/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD}
    ).encode()
    try:
        opener.open(base + "/accounts/login/", data=data, timeout=10)
    except urllib.error.HTTPError as exc:
        if exc.code != 302:
            raise
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"bench pages: could not sign in as {username}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


POST_SCRIPT = """
local counter = 0
local id = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  id = wrk.thread:get("id")
end
function request()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=%(token)s&kind=individual&name=bench&consent=on&step=send"
    .. "&email=post" .. id .. "-" .. counter .. "%%40example.jp"
  return wrk.format("POST", "%(path)s", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=%(cookie)s",
  }, body)
end
"""

# Before each round of POSTs, the statistics PostgreSQL's autovacuum would have gathered by then
# (it analyses a table once a tenth of its rows have changed). The machines these benchmarks run
# on have autovacuum off: without it, the plans of a round were those of the demo's dozen
# applications, read every application of the event to find the applicant, and each round of a
# run was slower than the one before (in-process, the backend's CPU per application 1.00 → 1.62
# ms over 2,400 applications; 1.00–1.35 ms, no trend, analysing before every 400).
ANALYZE = """
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
"""

STORED = """
import json
from kyodo.events.models import Application
rows = Application.objects.filter(event_id={pk})
print(json.dumps([rows.count(), rows.values("email").distinct().count()]))
"""


def application_posts(base: str, env: dict[str, str], duration: str = DURATION) -> dict:
    """Application POSTs to one event under wrk (each a new applicant): rate and storage."""
    import tempfile

    from bench.rush import CREATE_EVENT, django_python

    # One `kyodo shell` for both: the event's id is the last line printed.
    pk = int(django_python(env, CREATE_EVENT + ANALYZE).splitlines()[-1])
    path = f"/events/{pk}/"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + path, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(POST_SCRIPT % {"token": token, "path": path, "cookie": cookie})
    try:
        floor = wrk(base + FLOOR, duration=duration)
        out = subprocess.run(
            ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", duration, "--latency",
             "-s", script.name, base + path],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    answered = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    stored, distinct = json.loads(django_python(env, STORED.format(pk=pk)).splitlines()[-1])
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "floor": floor,
        "answered": answered,
        "non2xx": int(errors.group(1)) if errors else 0,
        "stored": stored,
        "distinct": distinct,
    }


def paired(base: str, path: str, cookie: str = "") -> tuple[dict, dict, list[float]]:
    """The floor and the page in ROUNDS alternating pairs: (floor, page) of the pair whose
    ratio is the median, and every pair's ratio, in order. The page's non-2xx answers are those
    of every round, not only the median's."""
    pairs = []
    for _ in range(ROUNDS):
        floor = wrk(base + FLOOR, duration=ROUND_DURATION)
        page = wrk(base + path, cookie, duration=ROUND_DURATION)
        pairs.append((page["rps"] / floor["rps"], floor, page))
    _ratio, floor, page = sorted(pairs, key=lambda pair: pair[0])[len(pairs) // 2]
    non2xx = sum(p["non2xx"] for _r, _f, p in pairs)
    return floor, page | {"non2xx": non2xx}, [ratio for ratio, _f, _p in pairs]


def median_posts(base: str, env: dict[str, str]) -> dict:
    """:func:`application_posts` in ROUNDS rounds (a new event each): the median round, with
    every round's rate."""
    rounds = [application_posts(base, env, duration=ROUND_DURATION) for _ in range(ROUNDS)]
    median = sorted(rounds, key=lambda r: r["rps"])[len(rounds) // 2]
    return median | {
        "rounds": [r["rps"] for r in rounds],
        "all": rounds,
        # Every round's refusals, not only the median's.
        "non2xx_all": sum(r["non2xx"] for r in rounds),
    }


def one_database(database: str, database_url: str | None) -> dict:
    if database_url and database_url.startswith("postgres"):
        reset_postgres(database_url)
    with demo_server(workers=2, database_url=database_url, app=APP) as (cached, server):
        uncached_env = server.env | {"PAGE_CACHE_SECONDS": "0"}
        with gunicorn(uncached_env, workers=2, app=APP) as (uncached, uncached_server):
            pages = demo_pages(cached)
            staff = sign_in(uncached, "nishiguchi")
            member = sign_in(uncached, "kumada")
            rows = []

            def measure(kind, name, path, base, cookie="", goal=None):
                floor, result, ratios = paired(base, urllib.parse.quote(path, safe="/?=&"), cookie)
                rows.append(
                    {"kind": kind, "name": name, "path": path, "floor": floor, "goal": goal}
                    | result
                    | {"ratios": ratios}
                )

            healthz = wrk(cached + "/healthz")
            for name, path in pages.items():
                measure("cached", name, path, cached)
                measure("rendered", name, path, uncached, goal=GOAL_PUBLIC)
            measure("signed in", "staff home", "/staff/", uncached, staff, GOAL_SIGNED_IN)
            measure(
                "signed in", "staff committees", "/staff/committees/", uncached, staff,
                GOAL_SIGNED_IN,
            )  # fmt: skip
            measure("signed in", "member page", "/member/", uncached, member, GOAL_SIGNED_IN)
            measure("rendered", "search 協働", "/search/?q=協働", uncached, goal=GOAL_SEARCH)
            posts = median_posts(uncached, uncached_env)
            workers = children(server.pid) + children(uncached_server.pid)
            memory = max((rss_mb(pid) for pid in workers), default=0.0)
            parts = max((rss_parts_mb(pid) for pid in workers), default=(0.0, 0.0))
    return {
        "rows": rows,
        "healthz": healthz,
        "posts": posts,
        "worker_rss_mb": memory,
        "worker_anon_mb": parts[0],
        "worker_file_mb": parts[1],
    }


def rss_parts_mb(pid: int) -> tuple[float, float]:
    """(anonymous, file-backed) resident memory of one process, in MB. The file-backed part is
    mostly SudachiPy's dictionary (system.dic, ~200 MB), mapped read-only once search or ふりがな
    first needs it: pages shared by every worker through the page cache, not each one's own."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("RssAnon", "RssFile", "RssShmem"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("RssAnon", 0.0), fields.get("RssFile", 0.0) + fields.get("RssShmem", 0.0)


def run() -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk (scripts/system-packages bench)")
    wanted = os.environ.get("BENCH_PAGES_DATABASES", "sqlite,postgresql").split(",")
    server = os.environ.get("POSTGRES_BENCH_URL", "postgres://postgres@127.0.0.1:5432")
    results = {}
    if "sqlite" in wanted:
        results["SQLite"] = one_database("SQLite", None)
    if "postgresql" in wanted:
        results["PostgreSQL"] = one_database(
            "PostgreSQL", server.rstrip("/") + "/kyodo_bench_pages"
        )
    return results


def _verdict(ratio: float, goal: float | None) -> str:
    if goal is None:
        return ""
    return f"≥ {goal:.2f}: {'met' if ratio >= goal else 'not met'}"


def markdown(result: dict) -> str:
    lines = [
        f"wrk, {CONNECTIONS} connections, {ROUNDS} rounds of {ROUND_DURATION} per URL, "
        "gunicorn with 2 workers "
        "(WhiteNoise), the demo. Two servers on one installation: one with the page cache "
        "(cached), one with `PAGE_CACHE_SECONDS=0` (rendered: every request renders its page, "
        "as for every signed-in person, every search and the first view after a write). The floor "
        f"is `{FLOOR}`, a hello-world Django view outside Kyodo's middleware in the same "
        "gunicorn workers (bench/floor.py), measured before each round of each row on the same "
        "server: a round's ratio compares the page with the floor next to it, and a row shows "
        "the round whose ratio is the median, with every round's ratio beside it (the spread "
        "is the machine's noise). Signed-in rows use the "
        "session of the demo's staff member (nishiguchi) or committee member (kumada). Goals "
        "(issue #19): rendered public pages ≥ 0.10 of the floor, signed-in pages and search "
        "≥ 0.08.",
    ]
    for database, r in result.items():
        floors = [row["floor"]["rps"] for row in r["rows"]]
        lines += [
            "",
            f"### {database}",
            "",
            f"Floor: {min(floors):.0f}–{max(floors):.0f} req/s; `/healthz` (Kyodo's middleware, "
            f"a trivial view) {r['healthz']['rps']:.0f} req/s.",
            "",
            "| page | path | served | req/s | p50 ms | p99 ms | floor req/s | ratio | rounds "
            "| goal | non-2xx |",
            "|---|---|---|---:|---:|---:|---:|---:|---|---|---:|",
        ]
        for row in r["rows"]:
            ratio = row["rps"] / row["floor"]["rps"]
            lines.append(
                f"| {row['name']} | {row['path']} | {row['kind']} | {row['rps']:.0f} "
                f"| {row['p50']:.1f} | {row['p99']:.1f} | {row['floor']['rps']:.0f} "
                f"| {ratio:.3f} | {', '.join(f'{r:.3f}' for r in row.get('ratios', ()))} "
                f"| {_verdict(ratio, row['goal'])} | {row['non2xx']} |"
            )
        posts = r.get("posts")
        if posts:
            every_once = all(
                p["stored"] == p["distinct"] and p["stored"] >= p["answered"] - p["non2xx"]
                for p in posts.get("all", [posts])
            )
            rounds = ", ".join(f"{rps:.0f}" for rps in posts.get("rounds", ()))
            lines += [
                "",
                f"Application POSTs to one event (each a new applicant, answered with the "
                f"redirect to the 完了 page), the median of {len(posts.get('rounds', [0]))} "
                f"rounds ({rounds}/s), each on a new event: {posts['rps']:.0f}/s "
                f"(floor {posts['floor']['rps']:.0f} req/s), goal ≥ 400/s: "
                f"{'met' if posts['rps'] >= 400 else 'not met'}; {posts['answered']} answered, "
                f"{posts['non2xx']} not 2xx/3xx ({posts.get('non2xx_all', posts['non2xx'])} in "
                f"all rounds), {posts['stored']} stored (those still in flight "
                f"when wrk stopped included), {posts['distinct']} distinct applicants: "
                f"{'each stored once' if every_once else 'NOT each stored once'} "
                "(in every round).",
            ]
        lines += [
            "",
            f"Largest web worker RSS after the load: {r['worker_rss_mb']:.0f} MB (goal < 150 MB: "
            f"{'met' if r['worker_rss_mb'] < 150 else 'not met'}); of the largest worker, "
            f"{r.get('worker_anon_mb', 0):.0f} MB its own (anonymous) and "
            f"{r.get('worker_file_mb', 0):.0f} MB files mapped read-only, mostly SudachiPy's "
            "dictionary, loaded on the first search and shared by the workers through the "
            "page cache.",
        ]
    return "\n".join(lines)
