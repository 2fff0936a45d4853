"""Requests per second of the directory home page against the same bytes as a static file.

Runs the portal as in production (DEBUG off, gunicorn, whitenoise with collected static files,
a fresh SQLite database migrated with the seed content) on 127.0.0.1, saves the home page's HTML
into the static root, then loads `/` and `/static/bench/home.html` alternately in the same run
with the same client, and prints the ratio. Bounded in time: a few seconds per round, and every
subprocess is stopped on exit.

    .venv/bin/python bench/directory_home.py [--seconds 5] [--rounds 3] [--workers 2]
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        {
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "STATIC_ROOT": str(workdir / "static"),
            "EMAIL_HOST": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args, "--verbosity", "0"], cwd=ROOT, env=env, check=True, timeout=300
    )


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            GUNICORN,
            "leacorner.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _body = get(port, "/healthz")
            if status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise SystemExit("gunicorn did not answer /healthz within 30 seconds")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _load(args: tuple[int, str, float, int]) -> tuple[int, int]:
    """One client process: `threads` threads requesting `path` until the deadline."""
    port, path, seconds, threads = args
    counts = [0, 0]  # ok, failed
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        ok = failed = 0
        while time.monotonic() < deadline:
            try:
                status, _body = get(port, path)
                if status == 200:
                    ok += 1
                else:
                    failed += 1
            except OSError:
                failed += 1
        with lock:
            counts[0] += ok
            counts[1] += failed

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return counts[0], counts[1]


def measure(port: int, path: str, seconds: float, clients: int, threads: int) -> float:
    with ProcessPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(_load, [(port, path, seconds, threads)] * clients))
    ok = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    if failed:
        raise SystemExit(f"{failed} requests to {path} failed")
    return ok / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each kind, alternating")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per client process")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="leacorner-bench-"))
    process = None
    try:
        env = environment(workdir)
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        port = free_port()

        # Capture the page as served, then serve those bytes as a static file in the same run.
        process = start_gunicorn(env, port, options.workers)
        status, page = get(port, "/")
        if status != 200:
            raise SystemExit(f"the home page answered {status}")
        stop(process)
        static_file = workdir / "static" / "bench" / "home.html"
        static_file.parent.mkdir(parents=True)
        static_file.write_bytes(page)
        process = start_gunicorn(env, port, options.workers)
        status, copy = get(port, "/static/bench/home.html")
        if status != 200 or copy != page:
            raise SystemExit("whitenoise did not serve the same bytes")

        for path in ("/", "/static/bench/home.html"):  # warm both paths and the page cache
            measure(port, path, 1.0, options.clients, options.threads)
        dynamic, static = [], []
        load = (options.seconds, options.clients, options.threads)
        for _round in range(options.rounds):
            dynamic.append(measure(port, "/", *load))
            static.append(measure(port, "/static/bench/home.html", *load))
        best_dynamic, best_static = max(dynamic), max(static)
        figures = {
            "page_bytes": len(page),
            "gunicorn_workers": options.workers,
            "client_processes": options.clients,
            "threads_per_client": options.threads,
            "seconds_per_round": options.seconds,
            "rounds": options.rounds,
            "dynamic_rps": [round(x, 1) for x in dynamic],
            "static_rps": [round(x, 1) for x in static],
            "ratio": round(best_dynamic / best_static, 3),
        }
        if options.json:
            print(json.dumps(figures, indent=2))
        else:
            print(f"home page: {len(page)} bytes, gunicorn --workers {options.workers}")
            print(f"dynamic /                       req/s per round: {figures['dynamic_rps']}")
            print(f"static  /static/bench/home.html req/s per round: {figures['static_rps']}")
            print(f"ratio (best dynamic / best static): {figures['ratio']}")
    finally:
        if process is not None:
            stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
