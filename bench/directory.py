"""Requests per second of the directory home page against the same bytes as a static file.

Runs the portal as in production (`harness.Portal`: DEBUG off, gunicorn, whitenoise with
collected static files, a fresh PostgreSQL database migrated with the seed content) on
127.0.0.1, saves the home page's HTML into the static root, then loads `/` and
`/static/bench/home.html` alternately in the same run with the same client, and prints the
median ratio. Bounded in time: a few seconds per round; every process is stopped on exit.

    .venv/bin/python bench/directory_home.py [--seconds 5] [--rounds 3] [--workers 2]
"""

import argparse
import functools
import statistics

from harness import Portal, get_path, load, request


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each kind, alternating")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per client process")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    options = parser.parse_args()

    with Portal(database=options.database, workers=options.workers) as portal:
        # Capture the page as served, then serve those bytes as a static file in the same run.
        page = request(portal.port, "GET", "/")
        if page.status != 200:
            raise SystemExit(f"the home page answered {page.status}")
        static_file = portal.static_root / "bench" / "home.html"
        static_file.parent.mkdir(parents=True)
        static_file.write_bytes(page.body)
        portal.restart()  # whitenoise indexes the static root at start-up
        if request(portal.port, "GET", "/static/bench/home.html").body != page.body:
            raise SystemExit("whitenoise did not serve the same bytes")

        def measure(path: str, seconds: float):
            scenario = functools.partial(get_path, portal.port, path)
            result = load(
                scenario, seconds=seconds, clients=options.clients, threads=options.threads
            )
            if result.failed:
                raise SystemExit(f"{result.failed} requests to {path} failed: {result.failures}")
            return result

        for path in ("/", "/static/bench/home.html"):  # warm both paths and the page cache
            measure(path, 1.0)
        dynamic, static = [], []
        for _round in range(options.rounds):
            dynamic.append(measure("/", options.seconds))
            static.append(measure("/static/bench/home.html", options.seconds))
        ratio = statistics.median(d.rps / s.rps for d, s in zip(dynamic, static, strict=True))
        print(f"home page: {len(page.body)} bytes, gunicorn --workers {options.workers}")
        print(f"dynamic /      req/s per round: {[round(r.rps, 1) for r in dynamic]}")
        print(f"static  copy   req/s per round: {[round(r.rps, 1) for r in static]}")
        print(
            f"directory home: ratio {ratio:.2f} of static (median of {options.rounds} rounds); "
            f"dynamic {statistics.median(r.rps for r in dynamic):.0f} req/s "
            f"p95 {statistics.median(r.p95 for r in dynamic):.1f} ms, "
            f"static {statistics.median(r.rps for r in static):.0f} req/s "
            f"p95 {statistics.median(r.p95 for r in static):.1f} ms"
        )


if __name__ == "__main__":
    main()
