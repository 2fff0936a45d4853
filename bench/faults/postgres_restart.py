"""Drill: PostgreSQL is restarted while officers file cyber reports.

Starts a private PostgreSQL cluster (a temporary folder, reached by its Unix socket only, so
the shared server on 127.0.0.1:5432 is never touched), migrates a fresh database, runs the
portal under gunicorn on 127.0.0.1, and sends reports from a few clients for a fixed time.
The database is stopped and started again in the middle. Checks:

- during the outage every answer is the styled 503 page (with Retry-After), never a trace;
- the portal serves and files reports again once the database is back, by itself;
- every report acknowledged to a client (a redirect to its receipt) is in the database.

Prints one summary line and exits non-zero when a check fails. Run as root (the cluster runs
as the `postgres` user) from the project folder:
`.venv/bin/python bench/faults/postgres_restart.py`.
"""

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from testkit.payloads import cyber_report_post  # noqa: E402 - the root is on the path from here

PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"  # load only ever goes to loopback


def pg_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else name


def as_postgres(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, **kwargs)


class Cluster:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.log = folder / "postgres.log"

    def create(self) -> None:
        shutil.chown(self.folder, "postgres")
        as_postgres(
            pg_bin("initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-N",
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        options = f"-k {self.folder} -c listen_addresses='' -c fsync=off"
        as_postgres(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "start",
            stdout=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        as_postgres(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-m",
            "fast",
            "-w",
            "stop",
            stdout=subprocess.DEVNULL,
        )

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = as_postgres(
            "psql",
            "-h",
            str(self.folder),
            "-d",
            database,
            "-At",
            "-c",
            sql,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()


class Client(threading.Thread):
    """Files reports one after another until `stop_at`; records every outcome."""

    TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    def __init__(self, base: str, number: int, incident_type_pk: str, stop_at: float) -> None:
        super().__init__(daemon=True)
        self.base, self.number, self.pk, self.stop_at = base, number, incident_type_pk, stop_at
        self.outcomes: list[tuple[float, int, str]] = []  # (time, status, note)
        self.acknowledged: list[str] = []
        self.bad_pages: list[str] = []

    def run(self) -> None:
        # Production settings: secure cookies and HTTPS behind a proxy, so the client says it
        # came through one and sends its cookies itself.
        headers = {"X-Forwarded-Proto": "https", "Origin": f"https://{self.base}"}
        url = f"http://{self.base}/cyber-incidents/report/"
        n = 0
        while time.monotonic() < self.stop_at:
            n += 1
            try:
                form = requests.get(url, headers=headers, timeout=10)
                if form.status_code != 200:
                    self._record(form)
                    time.sleep(0.2)
                    continue
                token = self.TOKEN.search(form.text).group(1)
                cookies = "; ".join(f"{c.name}={c.value}" for c in form.cookies)
                report = cyber_report_post(
                    [self.pk], optional_answers=False, filing=self.number * 100_000 + n
                )
                answer = requests.post(
                    url,
                    data={**report, "csrfmiddlewaretoken": token},
                    headers={**headers, "Cookie": cookies, "Referer": f"https://{self.base}/"},
                    allow_redirects=False,
                    timeout=10,
                )
            except requests.RequestException as error:
                self.outcomes.append((time.monotonic(), 0, type(error).__name__))
                time.sleep(0.2)
                continue
            self._record(answer)
            if answer.status_code == 302:
                number = answer.headers["Location"].rstrip("/").split("/")[-2]
                self.acknowledged.append(number)

    def _record(self, response) -> None:
        self.outcomes.append((time.monotonic(), response.status_code, ""))
        if response.status_code == 503:
            styled = "usa-" in response.text and "Traceback" not in response.text
            if not styled or response.headers.get("Retry-After") is None:
                self.bad_pages.append(response.text[:200])
        elif response.status_code >= 500:
            self.bad_pages.append(f"{response.status_code}: {response.text[:200]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--before", type=float, default=10, help="seconds of load before")
    parser.add_argument("--outage", type=float, default=10, help="seconds the database is down")
    parser.add_argument("--after", type=float, default=15, help="seconds of load after")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="leacorner-pg-drill-"))
    cluster = Cluster(folder)
    gunicorn = None
    try:
        cluster.create()
        cluster.start()
        cluster.psql("CREATE DATABASE leacorner_drill")
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@{quote(str(folder), safe='')}/leacorner_drill",
            "SECRET_KEY": "drill-only-" + "x" * 50,
            "CERTIFICATION_CODE_KEY": "drill-only-certification-code-key-" + "x" * 30,
            "DEBUG": "0",
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{args.port}",
            "CYBER_REPORTS_ANONYMOUS_LIMIT": "1000000",
            "LOG_LEVEL": "ERROR",
            # No task worker runs: notices wait in the database queue, nothing is sent.
            "EMAIL_HOST": HOST,
            "EMAIL_PORT": str(args.port + 1),
        }
        subprocess.run(
            [str(PYTHON), "manage.py", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        subprocess.run(
            [str(PYTHON), "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        pk = cluster.psql(
            "SELECT id FROM cyber_reports_incidenttype WHERE code = 'ransomware'", "leacorner_drill"
        )
        gunicorn = subprocess.Popen(
            [
                str(GUNICORN),
                "leacorner.wsgi",
                "-b",
                f"{HOST}:{args.port}",
                "-w",
                "2",
                "--timeout",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"{HOST}:{args.port}"
        for _ in range(100):
            try:
                requests.get(f"http://{base}/healthz", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.2)
        start = time.monotonic()
        total = args.before + args.outage + args.after
        clients = [Client(base, i, pk, start + total) for i in range(args.clients)]
        for client in clients:
            client.start()
        time.sleep(args.before)
        down_at = time.monotonic()
        cluster.stop()
        time.sleep(args.outage)
        cluster.start()
        up_at = time.monotonic()
        for client in clients:
            client.join(timeout=total + 30)

        outcomes = [o for c in clients for o in c.outcomes]
        acknowledged = [n for c in clients for n in c.acknowledged]
        bad = [p for c in clients for p in c.bad_pages]
        during = [s for t, s, _ in outcomes if down_at + 1 < t < up_at]
        after_ok = [s for t, s, _ in outcomes if t > up_at and s in (200, 302)]
        first_ok = min((t for t, s, _ in outcomes if t > up_at and s == 302), default=None)
        stored = set(
            cluster.psql(
                "SELECT tracking_number FROM cyber_reports_cyberincidentreport", "leacorner_drill"
            ).split()
        )
        missing = [n for n in acknowledged if n not in stored]
        checks = {
            "503 during the outage": bool(during) and set(during) <= {503},
            "styled 503 pages": not bad,
            "recovered": bool(after_ok),
            "no acknowledged report missing": not missing,
        }
        print(
            f"postgres restart drill: {len(acknowledged)} reports acknowledged, "
            f"{len(missing)} missing; {len(during)} answers during the {args.outage:.0f} s "
            f"outage, statuses {sorted(set(during))}; first report filed "
            f"{(first_ok - up_at) if first_ok else float('nan'):.1f} s after the restart; "
            + "; ".join(f"{name}: {'ok' if ok else 'FAILED'}" for name, ok in checks.items())
        )
        return 0 if all(checks.values()) else 1
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
