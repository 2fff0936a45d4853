"""The one way the benchmarks run the portal as in production and load it over HTTP.

`Portal` is a throw-away production setup: a temporary folder, production settings from
environment variables (DEBUG off, a secret key, whitenoise's hashed and compressed static files
from `collectstatic`, no task worker: e-mails wait in the database queue), a fresh database
migrated with the seed content, and gunicorn on a free port of 127.0.0.1. The database is a new
PostgreSQL database `leacorner_bench_<pid>` on 127.0.0.1:5432 (the default), created at start
and dropped (with its connections) at exit, or an SQLite file in the folder. Everything it
starts is stopped when the `with` block ends, whatever happens inside it.

Both caches are in Redis (`bench_redis.py`) under a key prefix of the run, deleted at exit;
`cache="local"` for each worker's memory. Every request sends a browser's `Accept-Encoding` and
is decoded (`browser_encoding.py`; `transferred` is the bytes on the wire).

`load()` runs a scenario in `clients` processes × `threads` threads for a fixed time and
returns requests per second and p50/p95/p99 latency. `Browser` is one visitor over plain HTTP
with its cookies, as behind the production TLS proxy (X-Forwarded-Proto: https), so CSRF and
secure cookies work as in production. `Portal.peak_rss()` reads each gunicorn worker's peak
resident memory (VmHWM).

    with Portal(workers=2) as portal:
        result = load(functools.partial(get_path, portal.port, "/"), seconds=5)
        print(result.rps, result.p95, portal.peak_rss())
"""

import hashlib
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench_redis import REDIS_URL, check_redis, delete_redis_keys
from browser_encoding import BROWSER_ACCEPT_ENCODING, decoded

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
HOST = "127.0.0.1"  # load only ever goes to loopback
POSTGRES = {"host": HOST, "port": 5432, "user": "postgres"}
SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
CERTIFICATION_CODE_KEY = "bench-only-certification-code-key-" + "x" * 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# --- PostgreSQL ---------------------------------------------------------------------------------


def _postgres_admin():
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", **POSTGRES)
    connection.autocommit = True
    return connection


def create_database(name: str) -> str:
    """Create the empty database `name` (dropping a leftover of that name); its URL."""
    drop_database(name)
    connection = _postgres_admin()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()
    return f"postgres://{POSTGRES['user']}@{HOST}:{POSTGRES['port']}/{name}"


def drop_database(name: str) -> None:
    connection = _postgres_admin()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


# --- The portal ---------------------------------------------------------------------------------


class Portal:
    """The portal in production settings under gunicorn, on a fresh database; a context manager.

    `database` is "postgres" (a new `database_name`, by default `leacorner_bench_<pid>`, on
    127.0.0.1:5432) or "sqlite". `cache` is "redis" (production: `REDIS_URL` and
    `DIRECTORY_CACHE_URL` at `BENCH_REDIS_URL`, keys under a prefix of this run) or "local"
    (each worker's local memory). `env` adds or overrides environment variables (a benchmark's
    rate limits, say). Entering migrates, collects the static files and starts gunicorn;
    leaving stops it and the task worker, drops the database and removes the folder.
    """

    def __init__(
        self,
        *,
        database: str = "postgres",
        workers: int = 2,
        env: dict[str, str] | None = None,
        gunicorn_args: Iterable[str] = (),
        database_name: str = "",
        cache: str = "redis",
    ) -> None:
        if database not in ("postgres", "sqlite"):
            raise ValueError(f"unknown database {database!r}")
        if cache not in ("redis", "local"):
            raise ValueError(f"unknown cache {cache!r}")
        self.database = database
        self.cache = cache
        self.cache_prefix = f"bench-{os.getpid()}-{time.monotonic_ns()}"
        self.workers = workers
        self.extra_env = dict(env or {})
        self.gunicorn_args = list(gunicorn_args)
        self.workdir: Path | None = None
        self.database_name = database_name or f"leacorner_bench_{os.getpid()}"
        self.env: dict[str, str] = {}
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self._created_database = False

    @property
    def static_root(self) -> Path:
        return self.workdir / "static"

    def __enter__(self) -> "Portal":
        self.workdir = Path(tempfile.mkdtemp(prefix="leacorner-bench-"))
        try:
            if self.database == "postgres":
                database_url = create_database(self.database_name)
                self._created_database = True
            else:
                database_url = f"sqlite:///{self.workdir / 'bench.sqlite3'}"
            self.env = self._environment(database_url)
            self.manage("migrate", "--no-input")
            self._collect_static()
            self.port = free_port()
            self.start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()
        self.worker, worker = None, self.worker
        _stop_process(worker)
        if self.cache == "redis":
            delete_redis_keys(self.cache_prefix)
        if self._created_database:
            drop_database(self.database_name)
            self._created_database = False
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _environment(self, database_url: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
        }
        env.update(
            {
                "SECRET_KEY": SECRET_KEY,
                "CERTIFICATION_CODE_KEY": CERTIFICATION_CODE_KEY,
                "ALLOWED_HOSTS": HOST,
                "DATABASE_URL": database_url,
                "STATIC_ROOT": str(self.workdir / "static"),
                "MEDIA_ROOT": str(self.workdir / "uploads"),
                "CYBER_REPORTS_ATTACHMENT_ROOT": str(self.workdir / "cyber-attachments"),
                # Unless `start_task_worker()` is called, e-mails wait in the database queue;
                # a benchmark that runs the worker sets EMAIL_PORT to its SMTP sink.
                "EMAIL_HOST": HOST,
                # The client speaks plain HTTP and says it came through the TLS proxy.
                "SECURE_SSL_REDIRECT": "0",
                "LOG_LEVEL": "WARNING",
            }
        )
        if self.cache == "redis":
            check_redis()
            env.update(
                {
                    "REDIS_URL": REDIS_URL,
                    # docs/deployment.md gives the pages a Redis of their own (LRU eviction);
                    # here one instance holds both, under the run's prefix.
                    "DIRECTORY_CACHE_URL": REDIS_URL,
                    "CACHE_KEY_PREFIX": self.cache_prefix,
                }
            )
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, timeout: float = 300) -> None:
        subprocess.run(
            [PYTHON, "manage.py", *args, "--verbosity", "0"],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=timeout,
        )

    def _collect_static(self) -> None:
        """`collectstatic` into the static root, from a cache kept between runs.

        Compressing every file (gzip and brotli) takes minutes on two shared cores, and its
        output depends only on the static sources and the installed packages, so it is
        collected once per version of those into the temporary folder and copied from there.
        """
        digest = hashlib.sha256()
        for distribution in sorted(metadata.distributions(), key=lambda d: d.name or ""):
            digest.update(f"{distribution.name}={distribution.version};".encode())
        folders = [ROOT / "static", *sorted(ROOT.glob("*/static"))]
        for folder in folders:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
        cache = Path(tempfile.gettempdir()) / "leacorner-bench-static" / digest.hexdigest()[:24]
        if not cache.is_dir():
            cache.parent.mkdir(parents=True, exist_ok=True)
            building = Path(tempfile.mkdtemp(prefix="building-", dir=cache.parent))
            try:
                subprocess.run(
                    [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
                    cwd=ROOT,
                    env={**self.env, "STATIC_ROOT": str(building)},
                    check=True,
                    timeout=900,
                )
                building.rename(cache)  # atomic; another run may have finished first
            except OSError:
                pass
            finally:
                shutil.rmtree(building, ignore_errors=True)
        # Hard links: nothing writes into these files, and linking is instant.
        shutil.copytree(cache, self.static_root, copy_function=os.link)

    def setup_django(self) -> None:
        """Configure Django in this process with the portal's settings and database, to prepare
        data or check results with the ORM. Call it once, before the first `load()`."""
        import django

        os.environ.update(self.env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "leacorner.settings"
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        django.setup()

    def start(self) -> None:
        """Start gunicorn (sync workers) and wait until /healthz answers 200."""
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "leacorner.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "30",
                "--log-level",
                "warning",
                *self.gunicorn_args,
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}")
            try:
                if request(self.port, "GET", "/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not answer /healthz within 30 seconds")

    def stop(self) -> None:
        process, self.process = self.process, None
        _stop_process(process)

    def start_task_worker(self) -> None:
        """Start `manage.py db_worker` on every queue, as production runs it beside the web
        tier (stopped when the `with` block ends; its log is `task-worker.log` in the folder).
        Point EMAIL_PORT at an SMTP sink first."""
        with open(self.workdir / "task-worker.log", "ab") as log:
            self.worker = subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--queue-name", "*"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def restart(self) -> None:
        """A new master and new workers (whitenoise indexes the static root at start-up)."""
        self.stop()
        self.start()

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the processes whose parent is the master."""
        if self.process is None:
            return []
        master = str(self.process.pid)
        workers = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue  # ended while we looked
            if re.search(rf"^PPid:\s+{master}$", text, re.MULTILINE):
                workers.append(int(status.parent.name))
        return sorted(workers)

    def peak_rss(self) -> dict[int, int]:
        """Peak resident memory (VmHWM, in KiB) of each gunicorn worker so far, by PID."""
        peaks = {}
        for pid in self.worker_pids():
            try:
                text = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            found = re.search(r"^VmHWM:\s+(\d+) kB$", text, re.MULTILINE)
            if found:
                peaks[pid] = int(found.group(1))
        return peaks

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the gunicorn workers together: the server's
        cost of the work, whatever else the shared machine runs at the same time."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return total / ticks


def _stop_process(process: subprocess.Popen | None) -> None:
    """SIGTERM to the process group, SIGKILL if it has not ended within 15 seconds."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


def format_rss(peaks: dict[int, int]) -> str:
    """'peak RSS per worker 61.2, 63.0 MiB' for a summary line."""
    sizes = ", ".join(f"{kib / 1024:.1f}" for _pid, kib in sorted(peaks.items()))
    return f"peak RSS per worker {sizes} MiB"


# --- HTTP ---------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes  # decoded, as a browser reads it
    transferred: int = 0  # bytes of the body on the wire

    @property
    def text(self) -> str:
        return self.body.decode()


def request(
    port: int,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> Response:
    """One request on a new connection (gunicorn's sync workers close every connection), with
    the Accept-Encoding of a browser unless `headers` say otherwise; the body is decoded."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(
            method,
            path,
            body=body,
            headers={"Accept-Encoding": BROWSER_ACCEPT_ENCODING, **(headers or {})},
        )
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    return Response(response.status, response.headers, decoded(response.headers, raw), len(raw))


class Browser:
    """One visitor: keeps its cookies and sends CSRF tokens, as a browser behind the TLS proxy."""

    CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.origin = f"https://{HOST}:{port}"

    def _headers(self) -> dict[str, str]:
        headers = {"X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep_cookies(self, response: Response) -> Response:
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str) -> Response:
        return self._keep_cookies(request(self.port, "GET", path, headers=self._headers()))

    def post(self, path: str, data: dict[str, Any], *, token: str) -> Response:
        """Post `data` (lists become repeated fields) with the CSRF token of the form page."""
        body = urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        headers = {
            **self._headers(),
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": self.origin + path,
        }
        return self._keep_cookies(request(self.port, "POST", path, body=body, headers=headers))

    def csrf_token(self, page: Response) -> str:
        found = self.CSRF_TOKEN.search(page.body)
        if found is None:
            raise Failure(f"no CSRF token in a {page.status} page")
        return found.group(1).decode()


# --- Load ---------------------------------------------------------------------------------------


class Failure(Exception):
    """A scenario step went wrong (an unexpected status, a missing token); counted, not fatal."""


@dataclass
class LoadResult:
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> int:
        return len(self.latencies_ms)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    @property
    def rps(self) -> float:
        return self.ok / self.seconds

    def percentile(self, p: int) -> float:
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[p - 1]

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p95(self) -> float:
        return self.percentile(95)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    def summary(self) -> str:
        return f"{self.rps:.1f}/s p50 {self.p50:.1f} ms p95 {self.p95:.1f} ms p99 {self.p99:.1f} ms"


#: A scenario is called once per thread with the thread's number (0 .. clients × threads - 1),
#: before the clock starts, and returns the step that the thread repeats. A step raises
#: `Failure` (or OSError) when it goes wrong and may return a value to keep (a tracking number).
Scenario = Callable[[int], Callable[[], Any]]


def _client_process(
    scenario: Scenario, first: int, threads: int, seconds: float
) -> tuple[list[float], list[Any], Counter]:
    latencies: list[float] = []
    values: list[Any] = []
    failures: Counter = Counter()
    lock = threading.Lock()
    ready = threading.Barrier(threads)

    def worker(number: int) -> None:
        mine, kept, failed = [], [], Counter()
        step = None
        try:
            step = scenario(number)
        except (Failure, OSError) as error:
            failed[f"setup: {error}"] += 1
        ready.wait()
        deadline = time.monotonic() + seconds
        while step is not None and time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                value = step()
            except (Failure, OSError) as error:
                failed[str(error) or type(error).__name__] += 1
                continue
            mine.append((time.perf_counter() - started) * 1000)
            if value is not None:
                kept.append(value)
        with lock:
            latencies.extend(mine)
            values.extend(kept)
            failures.update(failed)

    pool = [threading.Thread(target=worker, args=(first + i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return latencies, values, failures


def load(scenario: Scenario, *, seconds: float, clients: int = 2, threads: int = 4) -> LoadResult:
    """Run `scenario` in `clients` processes × `threads` threads for `seconds` each."""
    result = LoadResult(seconds=seconds)
    if "django.db" in sys.modules:
        # The client processes are forked: they must not share this process's connections.
        from django.db import connections

        connections.close_all()
    with ProcessPoolExecutor(max_workers=clients) as pool:
        futures = [
            pool.submit(_client_process, scenario, i * threads, threads, seconds)
            for i in range(clients)
        ]
        for future in futures:
            latencies, values, failures = future.result(timeout=seconds + 600)
            result.latencies_ms.extend(latencies)
            result.values.extend(values)
            result.failures.update(failures)
    return result


def get_path(port: int, path: str, _number: int) -> Callable[[], None]:
    """Scenario: GET `path` as an anonymous visitor without cookies; anything but 200 fails."""

    def step() -> None:
        response = request(port, "GET", path)
        if response.status != 200:
            raise Failure(f"{path} answered {response.status}")

    return step
