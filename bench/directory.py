"""Requests per second of the directory's pages against the same bytes as static files.

Runs the portal as in production (`harness.Portal`: DEBUG off, gunicorn, whitenoise with
collected static files, a fresh PostgreSQL database migrated with the seed content) on
127.0.0.1. Saves the HTML of the home page, a program page and a search results page into the
static root, then for each page alternates rounds of the page and of its static copy with the
same client, in the same run. The search is measured twice: the same query again (served from
the page cache) and a new query every time (a cache miss: the full-text search and the render,
with stop words that spell a counter added to the query, so the results stay those of the
copy).

Production configuration: both caches in Redis (`--cache local` for each worker's memory), and
every request with a browser's Accept-Encoding, so the page comes compressed from the page
cache and its static copy compressed by whitenoise (the copy gets the same brotli and gzip
files, so both send the same bytes).

Prints one line per page (median req/s and p50/p95/p99 of both, median of the per-round
ratios) and a summary line with the targets: cached pages at least 0.8 of the static
throughput, an uncached search at least 0.3. Exits 2 when a target is missed (0 with
`--report-only`), 1 on an error. Bounded in time; stops everything on exit.

    .venv/bin/python bench/directory.py [--seconds 4] [--rounds 3] [--workers 2]
"""

import argparse
import functools
import gzip
import itertools
import os
import statistics
import sys
import time

import brotli
from harness import Failure, Portal, get_path, load, request
from verdicts import ERROR, add_verdict_option, verdict_status

SEARCH = "/directory/search/?q=detainer"
PAGES = {
    "home": "/",
    "program": "/directory/programs/287g-program/",
    "search": SEARCH,
}
TARGETS = {"home": 0.8, "program": 0.8, "search": 0.3, "search, new query": 0.3}


# Words of programs.search.STOP_WORDS (the search drops them; importing it needs Django).
STOP_WORDS = ("a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "how")
RESULT = b"usa-collection__item"


def new_search_each_time(port: int, results: int, number: int):
    """Scenario: the search page for words never asked before (a page-cache miss): "detainer"
    followed by stop words that spell out a counter, so every request is a new key of the page
    cache (the words as typed) with the same results (stop words are not searched for)."""
    counter = itertools.count(number * 10**6 + time.monotonic_ns() % 10**5 * 10)
    stop_words = STOP_WORDS

    def words(value: int) -> str:
        spelled = []
        while value:
            value, digit = divmod(value, len(stop_words))
            spelled.append(stop_words[digit])
        return "+".join(spelled)

    def step() -> None:
        response = request(port, "GET", f"{SEARCH}+{words(next(counter))}")
        if response.status != 200 or response.headers.get("X-Directory-Cache") != "miss":
            raise Failure(f"search answered {response.status}, not a cache miss")
        if response.body.count(RESULT) != results:
            raise Failure("the search's results are not those of the copy")

    return step


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each kind, alternating")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per client process")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--cache", choices=["redis", "local"], default="redis")
    add_verdict_option(parser)
    options = parser.parse_args()

    with Portal(database=options.database, workers=options.workers, cache=options.cache) as portal:
        # Capture each page as served, then serve those bytes as static files in the same run.
        copies, sizes = {}, {}
        for name, path in PAGES.items():
            page = request(portal.port, "GET", path)
            if page.status != 200:
                raise SystemExit(f"{path} answered {page.status}")
            static_file = portal.static_root / "bench" / f"{name}.html"
            static_file.parent.mkdir(parents=True, exist_ok=True)
            static_file.write_bytes(page.body)
            # The encodings the page cache stores, as whitenoise serves a compressed file.
            static_file.with_name(static_file.name + ".br").write_bytes(
                brotli.compress(page.body, quality=5)
            )
            static_file.with_name(static_file.name + ".gz").write_bytes(
                gzip.compress(page.body, compresslevel=6, mtime=0)
            )
            copies[name], sizes[name] = f"/static/bench/{name}.html", page.transferred
        portal.restart()  # whitenoise indexes the static root at start-up
        for name, path in PAGES.items():
            copy, page = (request(portal.port, "GET", url) for url in (copies[name], path))
            if (copy.body, copy.transferred) != (page.body, page.transferred):
                raise SystemExit(f"whitenoise did not serve the same bytes as {path}")

        def measure(scenario, seconds: float):
            result = load(
                scenario, seconds=seconds, clients=options.clients, threads=options.threads
            )
            if result.failed:
                print(f"{result.failed} requests failed: {dict(result.failures)}")
                raise SystemExit(ERROR)
            return result

        kinds = {
            name: functools.partial(get_path, portal.port, path) for name, path in PAGES.items()
        }
        results = request(portal.port, "GET", SEARCH).body.count(RESULT)
        kinds["search, new query"] = functools.partial(new_search_each_time, portal.port, results)
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
        f"{options.workers}, {options.cache} cache, peak RSS "
        f"{max(peaks.values(), default=0) / 1024:.0f} MiB per worker, load average "
        f"{os.getloadavg()[0]:.1f}); targets {'met' if all(verdicts) else 'MISSED'}"
    )
    return verdict_status(all(verdicts), options)


if __name__ == "__main__":
    sys.exit(main())
