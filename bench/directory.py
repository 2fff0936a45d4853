"""Requests per second of the directory's pages against the same bytes as static files.

Runs the portal as in production (`harness.Portal`: DEBUG off, gunicorn, whitenoise with
collected static files, a fresh PostgreSQL database migrated with the seed content) on
127.0.0.1. Saves the HTML of the home page, a program page and a search results page into the
static root, then for each page alternates rounds of the page and of its static copy with the
same client, in the same run. The search is measured twice: the same query again (served from
the page cache) and a new query every time (a cache miss: the full-text search and the render,
with a query parameter the page ignores, so the bytes stay those of the copy).

Prints one line per page (median req/s and p50/p95/p99 of both, median of the per-round
ratios) and a summary line with the targets: cached pages at least 0.8 of the static
throughput, an uncached search at least 0.3. Bounded in time; stops everything on exit.

    .venv/bin/python bench/directory.py [--seconds 4] [--rounds 3] [--workers 2]
"""

import argparse
import functools
import itertools
import os
import statistics
import sys
import time

from harness import Failure, Portal, get_path, load, request

SEARCH = "/directory/search/?q=detainer"
PAGES = {
    "home": "/",
    "program": "/directory/programs/287g-program/",
    "search": SEARCH,
}
TARGETS = {"home": 0.8, "program": 0.8, "search": 0.3, "search, new query": 0.3}


def new_search_each_time(port: int, number: int):
    """Scenario: the search page for a query never asked before (a page-cache miss)."""
    counter = itertools.count()
    visitor = f"{os.getpid()}-{number}-{time.monotonic_ns()}"  # new in every round

    def step() -> None:
        response = request(port, "GET", f"{SEARCH}&visit={visitor}-{next(counter)}")
        if response.status != 200 or response.headers.get("X-Directory-Cache") != "miss":
            raise Failure(f"search answered {response.status}, not a cache miss")

    return step


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each kind, alternating")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per client process")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    options = parser.parse_args()

    with Portal(database=options.database, workers=options.workers) as portal:
        # Capture each page as served, then serve those bytes as static files in the same run.
        copies, sizes = {}, {}
        for name, path in PAGES.items():
            page = request(portal.port, "GET", path)
            if page.status != 200:
                raise SystemExit(f"{path} answered {page.status}")
            static_file = portal.static_root / "bench" / f"{name}.html"
            static_file.parent.mkdir(parents=True, exist_ok=True)
            static_file.write_bytes(page.body)
            copies[name], sizes[name] = f"/static/bench/{name}.html", len(page.body)
        portal.restart()  # whitenoise indexes the static root at start-up
        for name, path in PAGES.items():
            if (
                request(portal.port, "GET", copies[name]).body
                != request(portal.port, "GET", path).body
            ):
                raise SystemExit(f"whitenoise did not serve the same bytes as {path}")

        def measure(scenario, seconds: float):
            result = load(
                scenario, seconds=seconds, clients=options.clients, threads=options.threads
            )
            if result.failed:
                raise SystemExit(f"{result.failed} requests failed: {dict(result.failures)}")
            return result

        kinds = {
            name: functools.partial(get_path, portal.port, path) for name, path in PAGES.items()
        }
        kinds["search, new query"] = functools.partial(new_search_each_time, portal.port)
        statics = {name: copies[name] for name in PAGES} | {"search, new query": copies["search"]}
        for name, scenario in kinds.items():  # warm every path and the page cache
            measure(scenario, 1.0)
            measure(functools.partial(get_path, portal.port, statics[name]), 1.0)
        ratios = {}
        verdicts = []
        for name, scenario in kinds.items():
            dynamic, static = [], []
            for _round in range(options.rounds):
                dynamic.append(measure(scenario, options.seconds))
                static.append(
                    measure(
                        functools.partial(get_path, portal.port, statics[name]), options.seconds
                    )
                )
            ratio = statistics.median(d.rps / s.rps for d, s in zip(dynamic, static, strict=True))
            ratios[name] = ratio
            met = ratio >= TARGETS[name]
            verdicts.append(met)

            def figures(results) -> str:
                median = {
                    key: statistics.median(getattr(r, key) for r in results)
                    for key in ("rps", "p50", "p95", "p99")
                }
                return (
                    f"{median['rps']:6.1f} req/s p50 {median['p50']:5.1f} p95 {median['p95']:5.1f} "
                    f"p99 {median['p99']:5.1f} ms"
                )

            print(
                f"{name:18} {sizes['search' if name.startswith('search') else name]:6d} B  "
                f"page {figures(dynamic)} | static {figures(static)} | "
                f"ratio {ratio:.2f} (target {TARGETS[name]}: {'met' if met else 'MISSED'})",
                flush=True,
            )
        peaks = portal.peak_rss()
    print(
        f"directory: {', '.join(f'{name} {ratio:.2f}' for name, ratio in ratios.items())} "
        f"of static throughput (medians of {options.rounds} rounds, gunicorn --workers "
        f"{options.workers}, peak RSS {max(peaks.values(), default=0) / 1024:.0f} MiB per worker); "
        f"targets {'met' if all(verdicts) else 'MISSED'}"
    )
    return 0  # a missed target is a figure to report, not a failure of `make bench`


if __name__ == "__main__":
    sys.exit(main())
