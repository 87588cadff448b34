"""Application POSTs alone, several rounds against one server: `python -m bench.posts [sqlite|
postgresql] [rounds]` (not part of `make bench`; `bench pages` measures one round of them).

A fresh demo (PostgreSQL: the database kyodo_bench_posts on POSTGRES_BENCH_URL, created anew), the
server without the page cache as in `bench pages`, then ``rounds`` runs of
``bench.pages.application_posts`` (BENCH_PAGES_SECONDS each, a new event each), one line per
round. Compare code versions one server at a time, each on its own fresh demo: two servers side
by side measured in alternate rounds do not answer alike (docs/benchmarks.md, seventh session).
"""

from __future__ import annotations

import os
import sys

from bench import pages
from bench.common import demo_server, gunicorn, reset_postgres


def main(database: str = "postgresql", rounds: int = 3) -> None:
    url = None
    if database == "postgresql":
        server = os.environ.get("POSTGRES_BENCH_URL", "postgres://postgres@127.0.0.1:5432")
        url = server.rstrip("/") + "/kyodo_bench_posts"
        reset_postgres(url)
    with demo_server(workers=2, database_url=url, app=pages.APP) as (_, cached):
        env = cached.env | {"PAGE_CACHE_SECONDS": "0"}
        with gunicorn(env, workers=2, app=pages.APP) as (base, _):
            for n in range(rounds):
                result = pages.application_posts(base, env)
                print(
                    f"{database} round {n}: {result['rps']:.0f} POSTs/s, floor "
                    f"{result['floor']['rps']:.0f} req/s, {result['answered']} answered, "
                    f"{result['non2xx']} not 2xx/3xx, {result['stored']} stored, "
                    f"{result['distinct']} distinct",
                    flush=True,
                )


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else "postgresql",
        int(sys.argv[2] if len(sys.argv) > 2 else 3),
    )
