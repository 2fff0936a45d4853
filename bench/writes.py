"""Filings per second, end to end over HTTP: cyber reports and stakeholder requests.

Runs the portal as in production (`harness.Portal`: gunicorn, PostgreSQL on 127.0.0.1:5432,
a fresh database) and, for each concurrency in `--concurrency`, lets that many clients file
for `--seconds`: first anonymous officers filing cyber reports, then signed-in clerks filing
stakeholder requests. One filing is what a browser does: GET the form (CSRF cookie and token),
POST a valid filing, follow the redirect to the receipt. Validation, the tracking number,
saving, routing, history and the queued e-mails all happen in the portal as for a person.

After each phase the database is checked: every filing acknowledged to a client (a redirect to
its receipt, showing its tracking number) exists with that number, the number of stored
filings equals the number acknowledged, and no tracking number is stored twice. The last line
is the summary; the peak resident memory of each gunicorn worker is printed before it. Exits 1
on an error or a failed check, 2 when the target is missed (0 with `--report-only`).

Rate limit: anonymous cyber reports are limited per network address
(CYBER_REPORTS_ANONYMOUS_LIMIT, 5 an hour by default). Every client here comes from
127.0.0.1, so the benchmark's portal is started with CYBER_REPORTS_ANONYMOUS_LIMIT=1000000000;
the limit is still checked and counted on every filing. Stakeholder requests have no rate limit.

    .venv/bin/python bench/writes.py [--seconds 10] [--concurrency 8 16] [--workers 5]
"""

import argparse
import functools
import re
import statistics
import sys
import time

from harness import ROOT, Browser, Failure, Portal, format_rss, load
from verdicts import ERROR, add_verdict_option, verdict_status

sys.path.insert(0, str(ROOT))
from testkit.payloads import cyber_report_post, stakeholder_request_post  # noqa: E402

TARGET_CYBER_PER_SECOND = 100
CLERK_PASSWORD = "bench-clerk-password-0123456789"  # noqa: S105 - a throw-away database
CIR_NUMBER = re.compile(r"CIR-\d{4}-\d{6}")
CJS_NUMBER = re.compile(rb"CJS-\d{4}-\d{6}")


def _expect(response, status: int, what: str) -> None:
    if response.status != status:
        raise Failure(f"{what} answered {response.status}")


def file_cyber_reports(port: int, incident_type_pk: int, number: int):
    """Scenario: a new anonymous officer files a report each time; returns its number."""
    counter = iter(range(number * 1_000_000, (number + 1) * 1_000_000))
    path = "/cyber-incidents/report/"

    def step() -> str:
        browser = Browser(port)
        form = browser.get(path)
        _expect(form, 200, "the report form")
        # The shortest filing: the required answers only (no indicators, no status change).
        report = cyber_report_post([incident_type_pk], optional_answers=False, filing=next(counter))
        answer = browser.post(path, report, token=browser.csrf_token(form))
        _expect(answer, 302, "filing a report")
        receipt = browser.get(answer.headers["Location"])
        _expect(receipt, 200, "the receipt")
        tracking_number = CIR_NUMBER.search(answer.headers["Location"]).group(0)
        if tracking_number.encode() not in receipt.body:
            raise Failure("the receipt does not show its tracking number")
        return tracking_number

    return step


def file_stakeholder_requests(port: int, number: int):
    """Scenario: clerk `number` signs in once, then files a request each time; returns
    (request id, tracking number on the receipt)."""
    browser = Browser(port)
    login = browser.get("/accounts/login/")
    _expect(login, 200, "the sign-in page")
    signed_in = browser.post(
        "/accounts/login/",
        {"login": clerk_email(number), "password": CLERK_PASSWORD, "acknowledge_notice": "on"},
        token=browser.csrf_token(login),
    )
    _expect(signed_in, 302, "signing in")
    counter = iter(range(number * 1_000_000, (number + 1) * 1_000_000))
    path = "/stakeholder-requests/new/"

    def step() -> tuple[int, str]:
        form = browser.get(path)
        _expect(form, 200, "the request form")
        # A different person each time, so the duplicate warning never stops a filing.
        request_post = stakeholder_request_post(subject_family_name=f"Doe{next(counter)}")
        answer = browser.post(path, request_post, token=browser.csrf_token(form))
        _expect(answer, 302, "filing a request")
        location = answer.headers["Location"]
        found = re.search(r"/stakeholder-requests/(\d+)/submitted/$", location)
        if found is None:
            raise Failure(f"filing a request went to {location}")
        receipt = browser.get(location)
        _expect(receipt, 200, "the receipt")
        tracking_number = CJS_NUMBER.search(receipt.body)
        if tracking_number is None:
            raise Failure("the receipt shows no tracking number")
        return int(found.group(1)), tracking_number.group(0).decode()

    return step


def clerk_email(number: int) -> str:
    return f"clerk{number}@court.example"


def create_clerks(count: int) -> None:
    """Clerk accounts with a verified e-mail address, as after sign-up and confirmation."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import Role

    password = make_password(CLERK_PASSWORD)  # one hash for all: hashing is slow on purpose
    clerks = Group.objects.get(name=Role.CLERK.value)
    for number in range(count):
        user, created = User.objects.get_or_create(
            email=clerk_email(number),
            defaults={"full_name": f"Bench Clerk {number}", "password": password},
        )
        if created:
            user.groups.add(clerks)
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def check_cyber_reports(acknowledged: list[str]) -> list[str]:
    """What is wrong in the database after a phase of reports (nothing: an empty list)."""
    from django.db.models import Count

    from cyber_reports.models import CyberIncidentReport

    problems = []
    stored = CyberIncidentReport.objects.aggregate(
        rows=Count("pk"), numbers=Count("tracking_number", distinct=True)
    )
    found = set(
        CyberIncidentReport.objects.filter(tracking_number__in=acknowledged).values_list(
            "tracking_number", flat=True
        )
    )
    if len(set(acknowledged)) != len(acknowledged):
        problems.append("a tracking number was acknowledged twice")
    if missing := set(acknowledged) - found:
        problems.append(f"{len(missing)} acknowledged reports missing")
    if stored["rows"] != stored["numbers"]:
        problems.append(f"{stored['rows'] - stored['numbers']} duplicate tracking numbers")
    if stored["rows"] != len(acknowledged):
        problems.append(f"{stored['rows']} reports stored, {len(acknowledged)} acknowledged")
    unrouted = CyberIncidentReport.objects.filter(routings=None).count()
    if unrouted:
        problems.append(f"{unrouted} reports without routing")
    return problems


def check_stakeholder_requests(acknowledged: list[tuple[int, str]]) -> list[str]:
    from django.db.models import Count

    from stakeholder_forms.models import RequestEvent, StakeholderRequest

    problems = []
    stored = StakeholderRequest.objects.aggregate(
        rows=Count("pk"), numbers=Count("tracking_number", distinct=True)
    )
    numbers = dict(
        StakeholderRequest.objects.filter(pk__in=[pk for pk, _n in acknowledged]).values_list(
            "pk", "tracking_number"
        )
    )
    if wrong := [pk for pk, number in acknowledged if numbers.get(pk) != number]:
        problems.append(f"{len(wrong)} acknowledged requests missing or with another number")
    if stored["rows"] != stored["numbers"]:
        problems.append(f"{stored['rows'] - stored['numbers']} duplicate tracking numbers")
    if stored["rows"] != len(acknowledged):
        problems.append(f"{stored['rows']} requests stored, {len(acknowledged)} acknowledged")
    without_history = StakeholderRequest.objects.exclude(
        pk__in=RequestEvent.objects.values("request_id")
    ).count()
    if without_history:
        problems.append(f"{without_history} requests without history")
    return problems


def empty_tables() -> None:
    """Start each phase from no filings, so the checks count only its own."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE cyber_reports_cyberincidentreport, stakeholder_forms_stakeholderrequest "
            "CASCADE"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 16])
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of each, not counted")
    parser.add_argument("--only", choices=["cyber", "stakeholder"], help="one kind of filing")
    add_verdict_option(parser)
    options = parser.parse_args()
    kinds = [options.only] if options.only else ["cyber", "stakeholder"]

    env = {"CYBER_REPORTS_ANONYMOUS_LIMIT": "1000000000"}
    with Portal(workers=options.workers, env=env) as portal:
        portal.setup_django()
        from cyber_reports.agencies import IncidentType

        incident_type_pk = IncidentType.objects.get(code="ransomware").pk
        create_clerks(max(options.concurrency))
        scenarios = {
            "cyber": functools.partial(file_cyber_reports, portal.port, incident_type_pk),
            "stakeholder": functools.partial(file_stakeholder_requests, portal.port),
        }
        checks = {"cyber": check_cyber_reports, "stakeholder": check_stakeholder_requests}
        for kind in kinds:  # every worker loads its code and templates before the clock runs
            load(scenarios[kind], seconds=options.warmup, clients=options.clients, threads=4)
        started = time.monotonic()
        figures: dict[tuple[str, int], float] = {}
        problems: list[str] = []
        for concurrency in options.concurrency:
            if concurrency % options.clients:
                raise SystemExit("--concurrency must be a multiple of --clients")
            threads = concurrency // options.clients
            for kind in kinds:
                empty_tables()
                cpu_before = portal.cpu_seconds()
                result = load(
                    scenarios[kind],
                    seconds=options.seconds,
                    clients=options.clients,
                    threads=threads,
                )
                cpu_ms = (portal.cpu_seconds() - cpu_before) * 1000 / max(result.ok, 1)
                found = checks[kind](result.values)
                found += [f"{count}× {reason}" for reason, count in result.failures.items()]
                problems += [f"{kind} ×{concurrency}: {problem}" for problem in found]
                figures[kind, concurrency] = result.rps
                print(
                    f"{kind:11} {concurrency:3d} clients: {result.ok} filed, "
                    f"{result.failed} errors, {result.summary()} per filing, "
                    f"gunicorn CPU {cpu_ms:.0f} ms per filing"
                    + (f"  PROBLEMS: {'; '.join(found)}" if found else ""),
                    flush=True,
                )
        peaks = portal.peak_rss()
        print(f"gunicorn --workers {options.workers}: {format_rss(peaks)}")

    best_cyber = max((v for (k, _c), v in figures.items() if k == "cyber"), default=None)
    parts = [
        f"{kind} {'/'.join(f'{figures[kind, c]:.1f}' for c in options.concurrency)}/s"
        for kind in kinds
    ]
    verdict, met = "", True
    if best_cyber is not None:
        met = best_cyber >= TARGET_CYBER_PER_SECOND and not problems
        verdict = f"; target {TARGET_CYBER_PER_SECOND} reports/s: {'met' if met else 'MISSED'}"
    print(
        f"writes: {', '.join(parts)} at {'/'.join(map(str, options.concurrency))} clients "
        f"({time.monotonic() - started:.0f} s); "
        f"{'no errors, no duplicate numbers' if not problems else f'{len(problems)} PROBLEMS'}; "
        f"peak RSS {max(peaks.values(), default=0) / 1024:.0f} MiB per worker"
        f" (median {statistics.median(peaks.values() or [0]) / 1024:.0f}){verdict}"
    )
    return ERROR if problems else verdict_status(met, options)


if __name__ == "__main__":
    sys.exit(main())
