"""The staff dashboards at a million rows: the stakeholder queue's and an agency desk's.

Needs a PostgreSQL database filled by `bench/seed_scale.py` (default: leacorner_scale on
127.0.0.1). Renders each dashboard in process through Django's test client with production
settings (DEBUG off), signed in as a seeded reviewer or desk member with MFA passed, and prints
per page the p50 and p95 latency over `--runs` renders and the number of queries. The pages
show the snapshot the task worker keeps (leacorner/snapshots.py); the benchmark also times
`--computes` runs of the worker's computation of each snapshot, whose queries `--explain` shows
(EXPLAIN ANALYZE of every query of the big tables). The last line is the summary against the
target of issue 13 (p95 under 300 ms, for the pages).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/leacorner_scale \\
        .venv/bin/python bench/dashboards.py --runs 20 --explain
"""

import argparse
import re
import statistics
import sys
import time

from in_process import use_production_settings  # noqa: E402

use_production_settings()

from verdicts import ERROR, add_verdict_option, verdict_status  # noqa: E402

TARGET_P95_MS = 300
BIG_TABLES = re.compile(r"stakeholderrequest|reportrouting|cyberincidentreport")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--computes", type=int, default=5, help="runs of each computation")
    parser.add_argument("--explain", action="store_true", help="print the big tables' plans")
    add_verdict_option(parser)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from accounts.models import User
    from cyber_reports.agencies import Agency
    from cyber_reports.dashboard import refresh_desk_dashboard
    from stakeholder_forms.dashboard import refresh_queue_dashboard
    from stakeholder_forms.models import StakeholderRequest
    from testkit.mfa import signed_in_client

    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        total = StakeholderRequest.objects.count()
    except DatabaseError as error:
        print(f"dashboards: FAILED, no database ({error}".strip() + ")")
        return ERROR
    if total < 1000:
        print("dashboards: FAILED, fill the database first with bench/seed_scale.py")
        return ERROR
    reviewer = signed_in_client(User.objects.get(email="reviewer0@ice.example"))
    desk = signed_in_client(User.objects.get(email="cisa.desk0@cisa.example"))
    cisa = Agency.objects.get(code="CISA")
    pages = [
        (
            "stakeholder queue dashboard",
            reviewer,
            "/stakeholder-requests/dashboard/",
            refresh_queue_dashboard.call,
        ),
        (
            "CISA desk dashboard",
            desk,
            "/cyber-incidents/desk/cisa/dashboard/",
            lambda: refresh_desk_dashboard.call(cisa.code),
        ),
    ]
    print(f"{total:,} stakeholder requests; {args.runs} runs per page")
    worst = 0.0
    for name, client, url, compute in pages:
        for _ in range(2):  # warm the caches of Django and PostgreSQL
            response = client.get(url, secure=True)
            assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                client.get(url, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        worst = max(worst, p95)
        print(f"{name:32} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {len(queries)} queries")
        computes = []
        for _ in range(args.computes):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                compute()
            computes.append((time.perf_counter() - started) * 1000)
        print(
            f"{'  its snapshot, by the worker':32} p50 {statistics.median(computes):7.1f} ms  "
            f"max {max(computes):7.1f} ms  {len(queries)} queries (once per refresh period)"
        )
        if args.explain:
            for query in queries.captured_queries:
                if not BIG_TABLES.search(query["sql"]) or not query["sql"].startswith("SELECT"):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                print(f"  {query['time']} s: {query['sql'][:160]}…\n{plan}\n")
    verdict = "met" if worst < TARGET_P95_MS else "MISSED"
    print(
        f"dashboards: worst p95 {worst:.1f} ms over {len(pages)} pages "
        f"(target {TARGET_P95_MS} ms: {verdict})"
    )
    return verdict_status(verdict == "met", args)


if __name__ == "__main__":
    sys.exit(main())
