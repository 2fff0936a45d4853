"""Fill a PostgreSQL database with production-like volumes, fast, for the benchmarks.

At `scale=1`: 2,000 clerks, 500 programs, 1,000,000 stakeholder requests with their history
and 250,000 certifications, 1,000,000 cyber reports with their incident types, indicators
(campaigns of related reports among them), routings and the routings' history.
Rows go in with PostgreSQL's COPY, 50,000 at a time; every row satisfies the models' database
constraints, states come with the fields their state requires (a decision date, a denial
reason, an acknowledgement stamp), routings come from the real `route_report()` and the number
counters are advanced, so the portal keeps working on the data afterwards.

Never for a production database: it refuses SQLite and a database that already has requests.
Run it as `bench/seed_scale.py`; the tests call `seed_scale()` (tests/test_seed_scale.py).

One module per part: `copying` (COPY and the foreign keys), `names` (the made-up vocabulary),
`plan` (the volumes and what the steps hand on), `users`, `programs`, `stakeholder_requests`,
`cyber_incident_reports`, and `numbering` (the counters, written once at the end).
"""

import time
from collections.abc import Callable

from django.db import connection, transaction

from accounts.models import User
from cyber_reports.desk import ReportRouting
from cyber_reports.models import CyberIncidentReport, Indicator
from cyber_reports.timeline import RoutingEvent
from programs.models import Program
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import StakeholderRequest
from stakeholder_forms.workflow import RequestEvent

from .copying import foreign_keys_checked_once, reset_sequence
from .cyber_incident_reports import seed_cyber_reports
from .numbering import advance_number_counters
from .plan import SeedRun
from .programs import seed_programs
from .stakeholder_requests import seed_stakeholder_requests
from .users import seed_users

__all__ = ["SeedRefused", "seed_scale"]


class SeedRefused(Exception):
    """The database is not one the seeder may fill (not PostgreSQL, or not empty)."""


def seed_scale(*, scale: float = 1.0, seed: int = 2026, log: Callable[[str], None] = print) -> None:
    """Fill the empty PostgreSQL database of the default connection at `scale` (a fraction of
    the full volumes), in one transaction: either every row passes every constraint and key or
    nothing is kept. `seed` makes the run reproducible; `log` receives one line per step."""
    if connection.vendor != "postgresql":
        raise SeedRefused("seed_scale needs PostgreSQL: set DATABASE_URL to a scratch DB.")
    if StakeholderRequest.objects.exists() or CyberIncidentReport.objects.exists():
        raise SeedRefused("This database has requests or reports already: use a fresh one.")
    run = SeedRun.at_scale(scale, seed)
    started = time.monotonic()
    loaded = [
        User.groups.through,
        Program,
        Program.categories.through,
        StakeholderRequest,
        RequestEvent,
        Certification,
        CyberIncidentReport,
        CyberIncidentReport.incident_types.through,
        ReportRouting,
        RoutingEvent,
        Indicator,
    ]
    steps = (seed_users, seed_programs, seed_stakeholder_requests, seed_cyber_reports)
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2's own cursor, for COPY
        with foreign_keys_checked_once(raw, loaded):
            for step in steps:
                step_started = time.monotonic()
                done = step(run, raw)
                log(f"{done} in {time.monotonic() - step_started:.1f} s")
            step_started = time.monotonic()
        log(f"foreign keys checked in {time.monotonic() - step_started:.1f} s")
        advance_number_counters(run.last_numbers)
        for model in (
            User,
            Program,
            StakeholderRequest,
            RequestEvent,
            Certification,
            CyberIncidentReport,
            ReportRouting,
            RoutingEvent,
            Indicator,
        ):
            reset_sequence(raw, model)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"seed_scale --scale {scale}: {time.monotonic() - started:.1f} s")
