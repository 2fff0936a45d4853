"""Load test (issue 6): the portal's real mix under locust at rising concurrency.

Runs the portal as in production with `bench/harness.py` (DEBUG off, gunicorn on 127.0.0.1, a
throw-away PostgreSQL database migrated with the directory's seed content), fills it with
`bench/seed_scale.py` (5,000 stakeholder requests and 5,000 cyber reports at the default
scale, so every queue and list has work in it), gives the simulated people their accounts
(`prepare_accounts`), starts the task worker with an SMTP sink on loopback (so the
confirmation e-mails of every filing are really sent, and go nowhere), then runs
`bench/load/locustfile.py` headless in steps of rising concurrency. It prints a table per
step (users, requests per second, p50/p95/p99, errors, load average, peak worker memory) and
one summary line: the step where p95 first crosses 300 ms, the errors in all, and the peak
RSS (VmHWM) of each gunicorn worker. Everything it started is stopped and the database
dropped, also on failure or Ctrl-C; the whole run takes about five minutes by default.

    .venv/bin/python bench/load_test.py [--steps 2,5,10,20,40] [--step-seconds 35]
"""

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

from harness import ROOT, Portal, format_rss
from verdicts import ERROR, add_verdict_option, verdict_status

sys.path.insert(0, str(ROOT))
from testkit.smtp import SMTPListener  # noqa: E402 - the project root is on the path only from here

LOCUST = Path(sys.executable).with_name("locust")
LOCUSTFILE = Path(__file__).resolve().parent / "load" / "locustfile.py"
SEED_SCALE = Path(__file__).resolve().parent / "seed_scale.py"
P95_TARGET_MS = 300
TABLE = "{:>7} {:>5} {:>6} {:>7} {:>7} {:>7} {:>7} {:>8} {:>6} {:>5} {:>10}"
STAFF_DESKS = ("cisa", "usss", "hsi", "fbi")


def prepare_accounts(count: int) -> dict:
    """Accounts for `count` simulated people of each signed-in kind, in the throw-away
    database (Django set up on it): seeded users of `seed_scale` first, so a clerk's list is
    not empty, then new ones. Each gets the run's password and a verified e-mail address;
    each staff member a TOTP authenticator whose secret the locust users type codes from."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import DESK_ROLES, Role
    from testkit.mfa import enrol_totp

    password = secrets.token_urlsafe(18)
    hashed = make_password(password)  # hashed once: the hasher is slow on purpose

    def people(role: Role, n: int, email) -> list:
        group = Group.objects.get(name=role.value)
        users = list(User.objects.filter(groups=group).order_by("pk")[:n])
        for i in range(len(users), n):
            user = User.objects.create(
                email=email(i), full_name=f"Load {role.value} {i}", is_staff=role != Role.CLERK
            )
            user.groups.add(group)
            users.append(user)
        User.objects.filter(pk__in=[u.pk for u in users]).update(password=hashed, is_active=True)
        for user in users:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        return users

    accounts: dict = {"password": password, "clerk": [], "reviewer": [], "desk": []}
    for user in people(Role.CLERK, count, lambda i: f"load.clerk{i}@court.example"):
        accounts["clerk"].append({"email": user.email})
    for user in people(Role.ERO_REVIEWER, count, lambda i: f"load.reviewer{i}@ice.example"):
        accounts["reviewer"].append({"email": user.email, "totp_secret": enrol_totp(user)})
    # Desk members of every agency in turn, so each desk's list is worked.
    per_desk = -(-count // len(STAFF_DESKS))
    for code in STAFF_DESKS:
        role = DESK_ROLES[code.upper()]
        for user in people(role, per_desk, lambda i, c=code: f"load.{c}.desk{i}@{c}.example"):
            secret = enrol_totp(user)
            accounts["desk"].append({"email": user.email, "totp_secret": secret, "agency": code})
    # Interleave the agencies: the first desk users spawned belong to different desks.
    accounts["desk"] = [
        accounts["desk"][d * per_desk + i] for i in range(per_desk) for d in range(len(STAFF_DESKS))
    ][:count]
    return accounts


class Sampler(threading.Thread):
    """Every second: each gunicorn worker's peak RSS so far (VmHWM, KiB) and the 1-minute load
    average, kept with the time, so each step gets the figures at its end."""

    def __init__(self, portal: Portal) -> None:
        super().__init__(daemon=True)
        self.portal = portal
        self.samples: list[tuple[float, dict[int, int], float]] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(1.0):
            load = float(Path("/proc/loadavg").read_text().split()[0])
            self.samples.append((time.monotonic(), self.portal.peak_rss(), load))

    def at(self, moment: float) -> tuple[dict[int, int], float]:
        """The last sample taken at or before `moment`."""
        before = [s for s in self.samples if s[0] <= moment] or self.samples[:1]
        return (before[-1][1], before[-1][2]) if before else ({}, float("nan"))

    def peaks(self) -> dict[int, int]:
        """The highest VmHWM seen of every worker (a worker that was replaced keeps its own)."""
        peaks: dict[int, int] = {}
        for _at, rss, _load in self.samples:
            for pid, kib in rss.items():
                peaks[pid] = max(kib, peaks.get(pid, 0))
        return peaks


def gunicorn_args(worker_class: str, threads: int) -> list[str]:
    """Sync workers by default: the pages are CPU-bound Python, and two processes on two
    cores serve each request start to finish, where threads under one GIL share the CPU
    between requests and make each of them slower (bench/README.md has both runs)."""
    if worker_class == "sync":
        return []
    # Idle connections are kept longer than a simulated person's longest pause, so gunicorn
    # never closes one just as the client reuses it (a race the TLS proxy would retry away).
    return ["--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "10"]


def run_locust(portal: Portal, options, accounts: Path, prefix: Path) -> int:
    steps = options.steps.split(",")
    command = [
        str(LOCUST),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        f"http://127.0.0.1:{portal.port}",
        "--accounts",
        str(accounts),
        "--steps",
        options.steps,
        "--step-seconds",
        str(options.step_seconds),
        "--warmup-seconds",
        str(options.warmup_seconds),
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    with open(prefix.with_suffix(".log"), "w") as log:
        return subprocess.run(
            command,
            cwd=prefix.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=options.warmup_seconds + len(steps) * options.step_seconds + 120,
            check=False,
        ).returncode


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def report(options, prefix: Path, sampler: Sampler, started: float) -> tuple[str, int]:
    """Print the table of the steps and the slowest pages; return the summary line and the
    exit status (an error at any step; p95 over the target at a step)."""
    steps = read_csv(Path(f"{prefix}_steps.csv"))
    pages = read_csv(Path(f"{prefix}_steps_by_page.csv"))
    columns = "step users req/s p50_ms p95_ms p99_ms max_ms requests errors load1 worker_MiB"
    print(TABLE.format(*columns.split()))
    elapsed = 0.0
    crossed = capacity = None
    errors = 0
    for row in steps:
        elapsed += float(row["seconds"])
        rss, load = sampler.at(started + elapsed)
        failures = int(row["failures"])
        errors += failures
        print(
            TABLE.format(
                "warm-up" if row["step"] == "0" else row["step"],
                row["users"],
                f"{float(row['rps']):.1f}",
                row["p50"],
                row["p95"],
                row["p99"],
                row["max"],
                row["requests"],
                failures,
                f"{load:.1f}",
                f"{max(rss.values(), default=0) / 1024:.1f}",
            )
        )
        if row["step"] == "0":
            continue  # the warm-up's errors count, its latencies do not
        p95 = float(row["p95"])
        if crossed is None and p95 > P95_TARGET_MS:
            crossed = row
        if crossed is None and errors == 0:
            capacity = row
    if pages:
        last = pages[-1]["step"]
        slowest = sorted(
            (p for p in pages if p["step"] == last and int(p["requests"] or 0) >= 3),
            key=lambda p: -float(p["p95"] or 0),
        )[:6]
        print(f"slowest pages at {pages[-1]['users']} users (p95 ms): ", end="")
        print(", ".join(f"{p['method']} {p['name']} {p['p95']}" for p in slowest))
        failing = [p for p in pages if int(p["failures"] or 0) and not int(p["requests"] or 0)]
        for p in failing:
            print(f"  error at {p['users']} users: {p['failures']} x {p['name']}")
    if crossed is not None:
        where = f"p95 first crosses {P95_TARGET_MS} ms at {crossed['users']} users"
        where += f" ({crossed['p95']} ms)"
    else:
        top = steps[-1]["users"] if steps else "?"
        where = f"p95 stays under {P95_TARGET_MS} ms up to {top} users"
    within = f"{capacity['users']} users" if capacity else "none of the steps"
    summary = (
        f"load test: {where}; errors {errors}; capacity (p95 < {P95_TARGET_MS} ms, 0 errors) "
        f"{within}; {format_rss(sampler.peaks())}"
    )
    return summary, ERROR if errors else verdict_status(crossed is None, options)


def mail_report(delivered: int, wait: float = 30) -> str:
    """The confirmation e-mails of the filings: wait up to `wait` seconds for the task worker
    to send what is queued, then count them by status."""
    from django.db.models import Count

    from leacorner.models import OutgoingEmail

    unsent = (OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.RETRYING)
    deadline = time.monotonic() + wait
    while OutgoingEmail.objects.filter(status__in=unsent).exists():
        if time.monotonic() > deadline:
            break
        time.sleep(1)
    counts = dict(OutgoingEmail.objects.values_list("status").annotate(n=Count("pk")))
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
    return f"e-mails {statuses} ({delivered} received by the SMTP sink)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", default="2,5,10,20,40", help="users of each step, rising")
    parser.add_argument("--step-seconds", type=float, default=35.0, help="length of each step")
    parser.add_argument("--warmup-seconds", type=float, default=15.0, help="before the steps")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--scale", type=float, default=0.005, help="seed_scale --scale")
    parser.add_argument("--keep", type=Path, help="copy locust's CSV files and log here")
    add_verdict_option(parser)
    options = parser.parse_args()
    steps = [int(n) for n in options.steps.split(",")]

    smtp = SMTPListener()
    smtp.start()
    try:
        with Portal(
            workers=options.workers,
            gunicorn_args=gunicorn_args(options.worker_class, options.threads),
            env={"EMAIL_PORT": str(smtp.port)},
            database_name=f"leacorner_load_{os.getpid()}",
        ) as portal:
            subprocess.run(
                [sys.executable, str(SEED_SCALE), "--scale", str(options.scale)],
                env=portal.env,
                check=True,
                timeout=600,
            )
            portal.setup_django()
            from django.db import connections

            accounts = prepare_accounts(max(steps))
            connections.close_all()
            portal.start_task_worker()
            files = portal.workdir / "locust"
            files.mkdir()
            (files / "accounts.json").write_text(json.dumps(accounts))
            prefix = files / "load"
            sampler = Sampler(portal)
            sampler.start()
            started = time.monotonic()
            try:
                code = run_locust(portal, options, files / "accounts.json", prefix)
            finally:
                sampler.done.set()
                sampler.join()
            if options.keep:
                options.keep.mkdir(parents=True, exist_ok=True)
                for path in files.iterdir():
                    if path.name != "accounts.json":
                        (options.keep / path.name).write_bytes(path.read_bytes())
            print(
                f"gunicorn {options.workers} x {options.worker_class}"
                f"{f' x {options.threads} threads' if options.worker_class == 'gthread' else ''}, "
                f"PostgreSQL, seed_scale {options.scale}, {options.step_seconds:.0f} s per step, "
                f"{mail_report(len(smtp.messages))}"
            )
            summary, status = report(options, prefix, sampler, started)
            if code not in (0, 1):  # locust exits 1 when a request failed, reported above
                log = prefix.with_suffix(".log").read_text()[-3000:]
                raise SystemExit(f"locust exited with {code}:\n{log}")
            print(summary)
    finally:
        smtp.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())
