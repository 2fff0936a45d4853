"""Staff pages at a million rows: the ERO admin queue and an agency desk list.

Needs a PostgreSQL database filled by `bench/seed_scale.py` (default: leacorner_scale on
127.0.0.1). Renders each page in process through Django's test client with production settings
(DEBUG off), signed in as a seeded reviewer or desk member with MFA passed, and prints per page
the p50 and p95 latency over `--runs` renders, the number of queries, and with `--explain` the
plan (EXPLAIN ANALYZE) of the slowest query. The last line is the summary.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/leacorner_scale \\
        .venv/bin/python bench/staff_at_scale.py --runs 20 --explain
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/leacorner_scale")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leacorner.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
# The key bench/seed_scale.py sealed the seeded certifications' codes with.
os.environ.setdefault("CERTIFICATION_CODE_KEY", "bench-only-certification-code-key-" + "x" * 30)
os.environ.setdefault("EMAIL_HOST", "127.0.0.1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("LOG_LEVEL", "ERROR")
# Production serves hashed static names from collectstatic's manifest; kept between runs.
os.environ.setdefault("STATIC_ROOT", str(ROOT / "var" / "bench-static"))

TARGET_P95_MS = 150
BIG_TABLES = re.compile(r"stakeholderrequest|reportrouting|cyberincidentreport")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="print the slowest query's plan")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from accounts.models import User
    from cyber_reports.models import CyberIncidentReport
    from stakeholder_forms.models import StakeholderRequest
    from testkit.mfa import signed_in_client

    setup_test_environment()  # the test client's template signals; settings stay production
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)

    def client_for(email: str) -> Client:
        """A seeded staff member signed in with MFA passed (enrolled in TOTP on the first run)."""
        return signed_in_client(User.objects.get(email=email))

    from django.db import DatabaseError

    try:
        total = StakeholderRequest.objects.count()
        reports = CyberIncidentReport.objects.count()
    except DatabaseError as error:
        print(f"staff at scale: skipped, no database ({error}".strip() + ")")
        return 0
    if total < 1000:
        print("staff at scale: skipped, fill the database first with bench/seed_scale.py")
        return 0
    reviewer = client_for("reviewer0@ice.example")
    desk = client_for("cisa.desk0@cisa.example")
    middle = StakeholderRequest.objects.order_by("pk")[total // 2]
    with_a_number = StakeholderRequest.objects.exclude(a_number="").order_by("pk")[total // 3]
    cisa = CyberIncidentReport.objects.filter(routings__agency__code="CISA").order_by("-pk")
    # The 500th newest report of the CISA desk (its newest in a small database).
    report = next(iter(cisa[500:501]), None) or cisa.first()
    queue = "/admin/stakeholder_forms/stakeholderrequest/"
    desk_list = "/cyber-incidents/desk/cisa/"
    a = with_a_number.a_number
    pages = [
        ("queue: default (open)", reviewer, queue),
        ("queue: status denied", reviewer, queue + "?status=denied"),
        ("queue: assigned to me", reviewer, queue + "?assigned=me"),
        ("queue: tracking number", reviewer, queue + f"?q={middle.tracking_number}"),
        ("queue: A-number", reviewer, queue + f"?q=A{a[:3]}-{a[3:6]}-{a[6:]}&status=all"),
        ("queue: subject name", reviewer, queue + f"?q={middle.subject_family_name}"),
        ("desk: default", desk, desk_list),
        ("desk: status new, sector", desk, desk_list + f"?status=new&sector={report.sector}"),
        ("desk: tracking number", desk, desk_list + f"?q={report.tracking_number}"),
    ]
    print(f"{total:,} stakeholder requests, {reports:,} cyber reports; {args.runs} runs per page")
    worst = 0.0
    for name, client, url in pages:
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
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 2 else timings[0]
        worst = max(worst, p95)
        # The plan worth showing is that of the slowest read of the big tables.
        reads = [
            q
            for q in queries.captured_queries
            if q["sql"].startswith("SELECT") and BIG_TABLES.search(q["sql"])
        ]
        slowest = max(reads or queries.captured_queries, key=lambda q: float(q["time"]))
        print(
            f"{name:28} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {len(queries):3d} queries  "
            f"SQL {sum(float(q['time']) for q in queries.captured_queries) * 1000:5.1f} ms, "
            f"slowest {float(slowest['time']) * 1000:6.1f} ms"
        )
        if args.explain:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
                plan = "\n".join("      " + row[0] for row in cursor.fetchall())
            print(f"    {slowest['sql'][:300]}\n{plan}")
    verdict = "met" if worst < TARGET_P95_MS else "MISSED"
    print(
        f"staff at scale: worst p95 {worst:.1f} ms over {len(pages)} pages "
        f"(target {TARGET_P95_MS} ms: {verdict}), {total:,} requests, {reports:,} reports"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
