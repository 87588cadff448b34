"""Page throughput: the production server under wrk, each page against Django's floor (/healthz)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request

from bench.common import children, demo_server, rss_mb

DURATION = "10s"
CONNECTIONS = 8


def wrk(url: str) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", DURATION, "--latency", url],
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
    """The pages issue #9 names, found through the public API of the running demo."""
    from urllib.parse import urlsplit

    def get(path: str) -> dict:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return json.load(response)

    event = get("/api/v1/events")["items"][0]["url"]
    meetings = get("/api/v1/meetings?fiscal_year=2010")["items"]
    minutes = next(m["minutes_url"] for m in meetings if m["minutes_url"])
    return {
        "home": "/",
        "event list": "/events/",
        "event page": urlsplit(event).path,
        "minutes page": urlsplit(minutes).path,
        "news": "/news/",
        "group directory": "/groups/",
    }


def run(pages: dict[str, str] | None = None) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk (scripts/system-packages bench)")
    with demo_server(workers=2) as (base, server):
        pages = pages or demo_pages(base)
        # The machine is shared: the floor is measured again just before each page, and each
        # page is compared with the floor taken next to it.
        floors, results = {}, {}
        for name, path in pages.items():
            floors[name] = wrk(base + "/healthz")
            results[name] = wrk(base + path)
        floor = {
            key: sum(f[key] for f in floors.values()) / len(floors) for key in ("rps", "p50", "p99")
        } | {"non2xx": sum(f["non2xx"] for f in floors.values())}
        workers = children(server.pid)
        memory = max((rss_mb(pid) for pid in workers), default=0.0)
    return {
        "floor": floor,
        "floors": floors,
        "pages": results,
        "paths": pages,
        "worker_rss_mb": memory,
    }


def markdown(result: dict) -> str:
    floor = result["floor"]
    lines = [
        f"wrk, {CONNECTIONS} connections, {DURATION} per URL, gunicorn with 2 workers "
        "(WhiteNoise), SQLite with the demo. The floor is `/healthz`, a trivial Django view on "
        "the same server, measured again just before each page: the ratio compares each page "
        "with the floor taken next to it (the floor row shows their mean). Anonymous public pages "
        "are served from the page cache (kyodo/core/cache.py); the first request of each page "
        "renders it.",
        "",
        "| page | path | req/s | p50 ms | p99 ms | ratio to floor | non-2xx |",
        "|---|---|---:|---:|---:|---:|---:|",
        f"| floor | /healthz | {floor['rps']:.0f} | {floor['p50']:.1f} | {floor['p99']:.1f} | 1.00 | {floor['non2xx']} |",
    ]
    for name, r in result["pages"].items():
        lines.append(
            f"| {name} | {result['paths'][name]} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} "
            f"| {r['rps'] / result.get('floors', {}).get(name, floor)['rps']:.2f} "
            f"| {r['non2xx']} |"
        )
    lines += [
        "",
        f"Largest web worker RSS after the load: {result['worker_rss_mb']:.0f} MB (goal < 150 MB).",
    ]
    return "\n".join(lines)
