"""Full-text search: the bigram index against a plain LIKE scan, on SQLite and PostgreSQL.

N synthetic statements (kyodo.search.synthetic: meetings of 40 committees from 1990 on) are
bulk-loaded straight into the search tables (executemany / COPY), then each query class runs
through the real selector (hit counts by kind + the first page of 20, newest first, as the
public search page asks) and through a LIKE scan over the same normalized text, in the same
process. BENCH_SEARCH_SIZES (default 100000,1000000) and BENCH_SEARCH_DATABASES (default
sqlite,postgresql) choose what runs; POSTGRES_BENCH_URL names the server
(postgres://postgres@127.0.0.1:5432, database kyodo_bench_search is dropped and recreated).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from types import SimpleNamespace

from bench.common import ROOT, scratch_env

REPEAT = int(os.environ.get("BENCH_SEARCH_REPEAT", "5"))
LIKE_REPEAT = 2

QUERIES = {
    "2 characters": [("協働", {}), ("委託", {}), ("広報", {}), ("予算", {}), ("名簿", {})],
    "longer": [("市民活動団体", {}), ("指定管理者", {}), ("協働コミュニティ課", {}), ("地域包括支援センター", {})],
    "multi-term": [("協働 補助金", {}), ("NPO 広報 -委託", {}), ("会場 OR 会議室 センター", {}), ('"ホームページ" 周知', {})],
    "filtered": [
        ("協働", {"fiscal_year": 1992}),
        ("広報", {"speaker": "委員長"}),
        ("補助金", {"category": "discussion"}),
        ("予算", {"committee_id": 3, "since": "1991-04-01", "until": "1993-03-31"}),
    ],
    "variant spelling": [("申込", {}), ("申し込み", {}), ("問合せ", {}), ("問い合わせ", {})],
}  # fmt: skip


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


# --- inside a worker process (Django configured for one database) -------------------------------


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _load(start: int, count: int) -> float:
    """Bulk-load ``count`` statements with ids from ``start``; seconds taken (index included)."""
    from django.db import connection, transaction

    from kyodo.search import engine
    from kyodo.search.synthetic import statements
    from kyodo.search.text import bigram_tokens

    cols = (
        "id, kind, object_id, audience, date, fiscal_year, committee_id, meeting_id, category, "
        "speaker_role, speaker_public, speaker_staff, speaker_public_key, speaker_staff_key, seq, "
        "title, subtitle, url, staff_url, text, norm, source_hash, fts_key"
    )

    def row(s):
        role = s.speaker if s.speaker in ("委員長", "副委員長", "委員") else ""
        return (
            s.id, "entry", s.id, "public" if s.id % 10 else "staff", s.date, s.fiscal_year,
            s.committee_id, s.meeting_id, s.category, role, s.speaker, s.speaker, s.speaker,
            s.speaker, s.seq, f"第{s.meeting_id}回会議", "議題", f"/m/{s.meeting_id}/#entry-{s.id}",
            "", s.text, s.norm, "", engine.fts_key(s.date, "entry", s.id),
        )  # fmt: skip

    def attrs(s) -> list[str]:
        r = row(s)
        doc = SimpleNamespace(
            audience=r[3], kind="entry", date=s.date, fiscal_year=s.fiscal_year,
            committee_id=s.committee_id,
            meeting_id=s.meeting_id, category=s.category, speaker_role=r[9],
        )  # fmt: skip
        return engine.attr_tokens(doc)

    started = time.perf_counter()
    batch = 20_000
    gen = statements(count, start_id=start)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS search_doc_grams")
            raw = cursor.cursor
            with raw.copy(f"COPY {engine.TABLE} ({cols}, grams) FROM STDIN") as copy:
                for s in gen:
                    key = engine.fts_key(s.date, "entry", s.id)
                    copy.write_row((*row(s), " ".join(engine.pg_lexemes(s.norm, attrs(s), key))))
            cursor.execute(f"CREATE INDEX search_doc_grams ON {engine.TABLE} USING gin (grams)")
        else:
            placeholders = ", ".join(["%s"] * 23)
            while True:
                chunk = [s for _i, s in zip(range(batch), gen, strict=False)]
                if not chunk:
                    break
                cursor.executemany(
                    f"INSERT INTO {engine.TABLE} ({cols}) VALUES ({placeholders})",
                    [row(s) for s in chunk],
                )
                cursor.executemany(
                    f"INSERT INTO {engine.FTS}(rowid, tokens, attrs) VALUES (%s, %s, %s)",
                    [
                        (
                            engine.fts_key(s.date, "entry", s.id),
                            " ".join(bigram_tokens(s.norm)),
                            " ".join(attrs(s)),
                        )
                        for s in chunk
                    ],
                )
    engine.optimize()
    return time.perf_counter() - started


def _filters(spec: dict):
    from datetime import date

    from kyodo.search.selectors import Filters

    spec = dict(spec)
    for key in ("since", "until"):
        if key in spec:
            spec[key] = date.fromisoformat(spec[key])
    return Filters(**spec)


def _like_page(q: str, filters) -> tuple[int, list[int]]:
    """The same query answered by LIKE over the normalized text: count and first page."""
    from django.db import connection

    from kyodo.search import engine
    from kyodo.search.text import parse_query

    where, params = engine.query_conditions(parse_query(q), engine.like_sql)
    fsql, fparams = _like_filters(filters)
    cond = " AND ".join(where + fsql)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM search_searchdocument d WHERE {cond}", params + fparams
        )
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT d.id FROM search_searchdocument d WHERE {cond} "
            "ORDER BY d.fts_key DESC LIMIT 20",
            params + fparams,
        )
        return count, [r[0] for r in cursor.fetchall()]


def _like_filters(filters) -> tuple[list[str], list]:
    """The public audience and the filters as plain column conditions (no index tokens)."""
    where, params = ["d.audience = %s"], ["public"]
    for column, value in (
        ("fiscal_year", filters.fiscal_year),
        ("committee_id", filters.committee_id),
        ("meeting_id", filters.meeting_id),
        ("category", filters.category or None),
        ("speaker_role", filters.speaker or None),
    ):
        if value is not None:
            where.append(f"d.{column} = %s")
            params.append(value)
    if filters.since:
        where.append("d.date >= %s")
        params.append(filters.since)
    if filters.until:
        where.append("d.date <= %s")
        params.append(filters.until)
    return where, params


def _index_page(q: str, filters) -> tuple[int, list[int]]:
    from kyodo.search.selectors import search

    results = search(q, filters=filters, sort="newest")
    return results.count(), results.ids(0, 20)


def _measure(size: int) -> dict:
    from kyodo.search.selectors import COUNT_LIMIT

    out: dict = {}
    for name, queries in QUERIES.items():
        index_times, like_times, agree, hits = [], [], True, []
        for q, spec in queries:
            filters = _filters(spec)
            _index_page(q, filters)  # warm the cache
            for _ in range(REPEAT):
                t = time.perf_counter()
                count, page = _index_page(q, filters)
                index_times.append((time.perf_counter() - t) * 1000)
            for _ in range(LIKE_REPEAT):
                t = time.perf_counter()
                like_count, like_page = _like_page(q, filters)
                like_times.append((time.perf_counter() - t) * 1000)
            agree &= (count, page) == (min(like_count, COUNT_LIMIT), like_page)
            hits.append(like_count)
        out[name] = {
            "p50": statistics.median(index_times),
            "p95": percentile(index_times, 95),
            "like_p50": statistics.median(like_times),
            "like_p95": percentile(like_times, 95),
            "hits": hits,
            "agree": agree,
        }
    return out


def worker(url: str, sizes: list[int]) -> dict:
    _setup(url)
    from django.db import connection

    results: dict = {"vendor": connection.vendor, "sizes": {}}
    loaded = 0
    for size in sorted(sizes):
        seconds = _load(loaded + 1, size - loaded)
        loaded = size
        results["sizes"][str(size)] = {"load_s": seconds, "queries": _measure(size)}
        print(f"{connection.vendor} {size}: done", file=sys.stderr, flush=True)
    return results


# --- the benchmark -----------------------------------------------------------------------------


def _database_urls(name: str = "kyodo_bench_search") -> dict[str, str]:
    """The databases BENCH_SEARCH_DATABASES asks for: SQLite ("") and PostgreSQL's ``name``."""
    wanted = os.environ.get("BENCH_SEARCH_DATABASES", "sqlite,postgresql").split(",")
    urls = {}
    if "sqlite" in wanted:
        urls["SQLite"] = ""
    if "postgresql" in wanted:
        server = os.environ.get("POSTGRES_BENCH_URL", "postgres://postgres@127.0.0.1:5432")
        urls["PostgreSQL"] = f"{server.rstrip('/')}/{name}"
    return urls


def _recreate_postgres(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def run() -> dict:
    sizes = [int(s) for s in os.environ.get("BENCH_SEARCH_SIZES", "100000,1000000").split(",")]
    results = {}
    for label, url in _database_urls().items():
        env, var = scratch_env(url or None)
        if url:
            _recreate_postgres(url)
        code = (
            "import json; from bench.search import worker; "
            f"print(json.dumps(worker({env['DATABASE_URL']!r}, {sizes!r})))"
        )
        try:
            out = subprocess.run(
                [sys.executable, "-c", code],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
        finally:
            shutil.rmtree(var, ignore_errors=True)
        results[label] = json.loads(out.stdout.strip().splitlines()[-1])
    return {"sizes": sizes, "databases": results, "repeat": REPEAT}


def markdown(result: dict) -> str:
    lines = [
        "Synthetic minutes statements (`kyodo.search.synthetic`), 90% public; each query gives "
        "the hit count by kind and the first page of 20, newest first, through "
        "`kyodo.search.selectors` (what `/search/` runs). LIKE is a scan with the same "
        f"filters over the same normalized text in the same run. Index: {result['repeat']} runs "
        "per query after one warm-up, LIKE: 2 runs per query; p50/p95 over all runs of a class. "
        "“same” = the index gave exactly the LIKE scan's count and first page for every query.",
        "",
        "| database | statements | load s | query class | hits per query | p50 ms | p95 ms | LIKE p50 ms | LIKE p95 ms | speed-up (p50) | same |",
        "|---|---:|---:|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for label, data in result["databases"].items():
        for size, block in data["sizes"].items():
            for name, r in block["queries"].items():
                speed = r["like_p50"] / r["p50"] if r["p50"] else float("inf")
                hits = ", ".join(str(h) for h in r["hits"])
                lines.append(
                    f"| {label} | {int(size):,} | {block['load_s']:.0f} | {name} | {hits} | "
                    f"{r['p50']:.1f} | {r['p95']:.1f} | {r['like_p50']:.0f} | {r['like_p95']:.0f} | "
                    f"{speed:.0f}× | {'yes' if r['agree'] else 'NO'} |"
                )
    return "\n".join(lines)
