"""The search page beside the floor on a fresh PostgreSQL demo, for comparing two trees:
`cd TREE && PYTHONPATH=TREE BENCH_PAGES_SECONDS=5 BENCH_PAGES_ROUNDS=5 python -m bench.search_ab`
(not part of `make bench`; `bench pages` measures the same row among all the others)."""

from __future__ import annotations

import os

import kyodo
from bench import pages
from bench.common import demo_server, gunicorn, reset_postgres

PATH = "/search/?q=%E5%8D%94%E5%83%8D"  # 協働


def main() -> None:
    server = os.environ.get("POSTGRES_BENCH_URL", "postgres://postgres@127.0.0.1:5432")
    url = server.rstrip("/") + "/kyodo_bench_ab"
    reset_postgres(url)
    with demo_server(workers=2, database_url=url, app=pages.APP) as (_, cached):
        env = cached.env | {"PAGE_CACHE_SECONDS": "0"}
        with gunicorn(env, workers=2, app=pages.APP) as (base, _):
            pages.wrk(base + PATH, duration="1s")  # warm: the dictionary, the kept values
            floor, page, ratios = pages.paired(base, PATH)
            median = sorted(ratios)[len(ratios) // 2]
            print(
                f"{kyodo.__file__}: ratio {median:.4f} (rounds "
                f"{', '.join(f'{r:.4f}' for r in ratios)}), page {page['rps']:.0f} req/s, "
                f"floor {floor['rps']:.0f} req/s",
                flush=True,
            )


if __name__ == "__main__":
    main()
