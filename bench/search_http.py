"""Search through HTTP: `/search/` served by gunicorn over a million statements (issue #19:
p95 < 50 ms on SQLite and on PostgreSQL).

The statements of `bench search` (kyodo.search.synthetic, bulk-loaded the same way) fill a
scratch installation; gunicorn (2 workers, no page cache: search pages are never cached) then
answers GET /search/?q=… for each query kind in turn, one request at a time from this process
(urllib, a new connection per request as a browser's first visit), after one warm-up round.
Each request's time is from sending it to reading the last byte. BENCH_SEARCH_HTTP_SIZE
(default 1000000) statements, BENCH_SEARCH_HTTP_REQUESTS (default 400) timed requests spread
evenly over the queries, BENCH_SEARCH_DATABASES (default sqlite,postgresql);
POSTGRES_BENCH_URL names the server (database BENCH_SEARCH_HTTP_PGDB, default
kyodo_bench_search_http, is dropped and recreated).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from bench.common import ROOT, gunicorn, kyodo, reset_postgres, scratch_env
from bench.search import _database_urls as search_databases
from bench.search import percentile

SIZE = int(os.environ.get("BENCH_SEARCH_HTTP_SIZE", "1000000"))
REQUESTS = int(os.environ.get("BENCH_SEARCH_HTTP_REQUESTS", "400"))
GOAL_P95_MS = 50

# (kind, query string parameters). The synthetic vocabulary has no rare word: rare hits are
# words that never meet in one statement's sentences, no hit is words that never follow each
# other (every bigram common) or that do not occur at all.
QUERIES: dict[str, list[dict[str, str]]] = {
    "2 characters": [{"q": "協働"}, {"q": "委託"}, {"q": "広報"}, {"q": "予算"}, {"q": "名簿"}],
    "1 character": [{"q": "会"}, {"q": "市"}],
    "longer": [{"q": "市民活動団体"}, {"q": "指定管理者"}, {"q": "地域包括支援センター"}],
    "multi-term": [{"q": "協働 補助金"}, {"q": "NPO 広報 -委託"}, {"q": "会場 OR 会議室 センター"}],
    "rare": [{"q": "印刷機 高齢者クラブ 決算書 公民館"}, {"q": '"ロッカーは商店会に任せる"'}],
    "no hit": [{"q": "委託の補助金"}, {"q": "存在しない語句"}],
    "page 10": [{"q": "協働", "page": "10"}, {"q": "広報", "page": "10"}],
    "filtered": [{"q": "予算", "fy": "平成4年度"}, {"q": "広報", "speaker": "委員長"}],
}  # fmt: skip

_HEADING_RE = re.compile(r'<h2 id="search-results-heading">([^<]*)</h2>')


def _database_urls() -> dict[str, str]:
    return search_databases(os.environ.get("BENCH_SEARCH_HTTP_PGDB", "kyodo_bench_search_http"))


def _build(env: dict[str, str], size: int) -> float:
    """Migrate, collect the static files and load ``size`` statements; seconds of the load."""
    code = (
        "from bench.search import _setup, _load; "
        f"_setup({env['DATABASE_URL']!r}); print(_load(1, {size}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    kyodo(env, "collectstatic", "--noinput", "-v", "0")
    return float(out.stdout.strip().splitlines()[-1])


def _get(url: str) -> tuple[float, str]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        status = response.status
    ms = (time.perf_counter() - started) * 1000
    if status != 200:
        raise RuntimeError(f"{url}: {status}")
    found = _HEADING_RE.search(body.decode())
    return ms, found.group(1) if found else "?"


def _label(params: dict[str, str]) -> str:
    extra = ", ".join(f"{k}={v}" for k, v in params.items() if k != "q")
    return params["q"] + (f" ({extra})" if extra else "")


def _measure(base: str, requests: int) -> dict:
    urls = {
        kind: [f"{base}/search/?{urllib.parse.urlencode(params)}" for params in queries]
        for kind, queries in QUERIES.items()
    }
    every = [(kind, url) for kind, kind_urls in urls.items() for url in kind_urls]
    hits = {url: _get(url)[1] for _kind, url in every}  # warm-up, and what each one found
    times: dict[str, list[float]] = {kind: [] for kind in urls}
    rounds = max(1, round(requests / len(every)))
    for _ in range(rounds):
        for kind, url in every:
            times[kind].append(_get(url)[0])
    out: dict = {"kinds": {}, "rounds": rounds}
    for kind, values in times.items():
        out["kinds"][kind] = {
            "queries": [_label(params) for params in QUERIES[kind]],
            "hits": [hits[url] for url in urls[kind]],
            "p50": statistics.median(values),
            "p95": percentile(values, 95),
            "max": max(values),
            "n": len(values),
        }
    every_time = [t for values in times.values() for t in values]
    out["overall"] = {
        "p50": statistics.median(every_time),
        "p95": percentile(every_time, 95),
        "max": max(every_time),
        "n": len(every_time),
    }
    return out


def run() -> dict:
    results = {}
    for label, url in _database_urls().items():
        env, var = scratch_env(url or None)
        env["PAGE_CACHE_SECONDS"] = "0"
        try:
            if url:
                reset_postgres(url)
            load_s = _build(env, SIZE)
            # A loaded machine (the benchmark runs niced) may take a while to boot the workers.
            with gunicorn(env, workers=2, ready_timeout=300) as (base, _server):
                measured = _measure(base, REQUESTS)
            results[label] = {"load_s": load_s, **measured}
            print(f"{label}: done", file=sys.stderr, flush=True)
        finally:
            shutil.rmtree(var, ignore_errors=True)
    return {"size": SIZE, "databases": results, "goal": GOAL_P95_MS}


def markdown(result: dict) -> str:
    goal = result["goal"]
    lines = [
        f"GET /search/ through gunicorn (2 workers, no page cache) over {result['size']:,} "
        "synthetic minutes statements (`kyodo.search.synthetic`, loaded as `bench search` "
        "loads them), one request at a time with urllib (a new connection each), after one "
        "warm-up round; each query kind's queries in turn, round after round. Time: from "
        "sending the request to reading the last byte of the page. Hits: the page's own "
        f"heading. Goal (issue #19): p95 < {goal} ms on each database.",
        "",
        "| database | query kind | queries | hits | requests | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---:|---:|---:|---:|",
    ]
    verdicts = []
    for label, data in result["databases"].items():
        for kind, r in data["kinds"].items():
            queries = ", ".join(f"`{q}`" for q in r["queries"])
            hits = ", ".join(r["hits"])
            lines.append(
                f"| {label} | {kind} | {queries} | {hits} | {r['n']} | {r['p50']:.1f} | "
                f"{r['p95']:.1f} | {r['max']:.1f} |"
            )
        o = data["overall"]
        lines.append(
            f"| {label} | **all** | | | {o['n']} | {o['p50']:.1f} | {o['p95']:.1f} | "
            f"{o['max']:.1f} |"
        )
        met = "met" if o["p95"] < goal else "not met"
        verdicts.append(
            f"{label}: p95 {o['p95']:.1f} ms over all kinds (goal < {goal} ms: {met}); "
            f"statements loaded in {data['load_s']:.0f} s."
        )
    return "\n".join([*lines, "", *verdicts])
