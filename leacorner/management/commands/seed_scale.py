"""Fill a PostgreSQL database with production-like volumes, fast, for the benchmarks.

At `--scale 1`: 2,000 clerks, 500 programs, 1,000,000 stakeholder requests with their history
and 250,000 certifications, 1,000,000 cyber reports with their incident types and routings.
Rows go in with PostgreSQL's COPY, 50,000 at a time; every row satisfies the models' database
constraints, states come with the fields their state requires (a decision date, a denial
reason, an acknowledgement stamp), routings come from the real `route_report()` and the number
counters are advanced, so the portal keeps working on the data afterwards.

Never for a production database: it refuses SQLite and a database that already has requests.
"""

import datetime
import io
import json
import random
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from sequences.models import Sequence

from accounts.models import User
from accounts.roles import DESK_ROLES, Role
from cyber_reports.models import (
    Agency,
    CyberIncidentReport,
    IncidentType,
    ReportRouting,
)
from cyber_reports.routing import RoutingFacts, RoutingTable, route_report
from leacorner import numbering
from programs.models import Category, Program
from stakeholder_forms.models import (
    Certification,
    RequestEvent,
    StakeholderRequest,
)

CHUNK = 50_000
FULL = {
    "clerks": 2_000,
    "reviewers": 60,
    "desk_members": 12,  # per agency desk
    "programs": 500,
    "requests": 1_000_000,
    "certifications": 250_000,
    "reports": 1_000_000,
}
FAMILY = [
    "Garcia",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Perez",
    "Sanchez",
    "Ramirez",
    "Torres",
    "Flores",
    "Rivera",
    "Gomez",
    "Diaz",
    "Cruz",
    "Morales",
    "Reyes",
    "Gutierrez",
    "Ortiz",
    "Chavez",
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Kim",
    "Park",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "Singh",
    "Patel",
    "Khan",
    "Ali",
    "Ahmed",
    "Mensah",
    "Okafor",
    "Nwosu",
    "Haddad",
    "Mendoza",
    "Castillo",
    "Vargas",
    "Romero",
    "Herrera",
    "Medina",
    "Aguilar",
]
GIVEN = [
    "Jose",
    "Maria",
    "Juan",
    "Ana",
    "Luis",
    "Carmen",
    "Carlos",
    "Rosa",
    "Miguel",
    "Sofia",
    "Jorge",
    "Lucia",
    "Pedro",
    "Elena",
    "David",
    "Laura",
    "Daniel",
    "Isabel",
    "Mohammed",
    "Fatima",
    "Wei",
    "Mei",
    "Minh",
    "Linh",
    "Ji-ho",
    "Seo-yeon",
    "Kwame",
    "Ama",
    "Chinedu",
    "Ngozi",
    "John",
    "Mary",
    "James",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "Omar",
    "Layla",
    "Samir",
]
COUNTRIES = [
    "Mexico",
    "Guatemala",
    "Honduras",
    "El Salvador",
    "India",
    "China",
    "Philippines",
    "Vietnam",
    "Cuba",
    "Haiti",
    "Dominican Republic",
    "Colombia",
    "Venezuela",
    "Ecuador",
    "Brazil",
    "Nigeria",
    "Ghana",
    "Jamaica",
    "Canada",
]
COURTS = [
    "Circuit Court",
    "General District Court",
    "Superior Court",
    "Municipal Court",
    "County Court",
    "District Court",
    "Court of Common Pleas",
    "Justice Court",
]
PLACES = [
    "Fairfax",
    "Arlington",
    "Harris County",
    "Maricopa County",
    "Cook County",
    "Miami-Dade",
    "Los Angeles",
    "King County",
    "Fulton County",
    "Suffolk County",
    "Travis County",
    "Clark County",
    "Wake County",
    "Denver",
    "Salt Lake County",
    "Hennepin County",
    "Cuyahoga County",
    "Essex County",
    "Bexar County",
    "Orange County",
]
ENTITY_KINDS = [
    "Water Authority",
    "School District",
    "County Hospital",
    "City Hall",
    "Police Department",
    "Public Library",
    "Transit Agency",
    "Electric Cooperative",
    "Community College",
    "Sheriff's Office",
    "Clinic",
    "Court Clerk's Office",
    "911 Center",
    "Port Authority",
    "Housing Authority",
]
# (incident type codes, weight): the mixes officers report most.
INCIDENT_MIXES = [
    (("ransomware", "malicious_code"), 22),
    (("phishing",), 14),
    (("business_email_compromise",), 14),
    (("computer_intrusion",), 12),
    (("denial_of_service",), 6),
    (("data_breach",), 8),
    (("ransomware",), 8),
    (("computer_intrusion", "data_breach"), 6),
    (("malicious_code",), 4),
]


def _text(field: models.Field, value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return r"\N"
    if isinstance(field, models.JSONField):
        value = json.dumps(value)
    elif isinstance(value, bool):
        return "t" if value else "f"
    elif isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    value = str(value)
    if any(ch in value for ch in "\\\t\n\r"):
        value = (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


class Copier:
    """Rows of one model as column → value dicts over a template instance's defaults."""

    def __init__(self, model: type[models.Model], *, with_pk: bool = True, **template) -> None:
        self.model = model
        self.fields = {
            f.column: f for f in model._meta.concrete_fields if with_pk or not f.primary_key
        }
        instance = model(**template)
        for field in self.fields.values():
            # A checkbox left unset is False, as the forms would save it.
            if isinstance(field, models.BooleanField) and getattr(instance, field.attname) is None:
                setattr(instance, field.attname, False)
        self.base = {
            column: _text(field, field.pre_save(instance, add=True))
            if not isinstance(field, models.FileField)
            else ""
            for column, field in self.fields.items()
        }
        self.rows = 0

    def copy(self, cursor, rows: Iterable[dict]) -> None:
        columns = list(self.fields)
        buffer = io.StringIO()
        count = 0
        for row in rows:
            values = self.base.copy()
            for column, value in row.items():
                values[column] = _text(self.fields[column], value)
            buffer.write("\t".join(values[c] for c in columns))
            buffer.write("\n")
            count += 1
            if count % CHUNK == 0:
                self._flush(cursor, columns, buffer)
                buffer = io.StringIO()
        self._flush(cursor, columns, buffer)
        self.rows += count

    def _flush(self, cursor, columns: list[str], buffer: io.StringIO) -> None:
        if not buffer.tell():
            return
        buffer.seek(0)
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buffer)


def _next_id(cursor, model) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608
    return cursor.fetchone()[0]


def _reset_sequence(cursor, model) -> None:
    table = model._meta.db_table
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
    )


@contextmanager
def foreign_keys_checked_once(cursor, models_: Iterable[type[models.Model]]) -> Iterator[None]:
    """Load the tables without their foreign keys, then add the keys back, checking every row.

    Django's foreign keys are deferred: each COPY'd row queues a check (and a share lock on the
    referenced row) that runs at COMMIT, millions of them one by one, for longer than the load
    itself. Adding a key to a full table checks all rows in one join instead. Inside the seed's
    transaction, so either every row passes every key or nothing is kept.
    """
    tables = [model._meta.db_table for model in models_]
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
        [tables],
    )
    keys = cursor.fetchall()
    for table, name, _definition in keys:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    yield
    for table, name, definition in keys:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


class Command(BaseCommand):
    help = (
        "Fill a PostgreSQL database with production-like volumes (1,000,000 stakeholder requests "
        "and cyber reports at --scale 1) using COPY. For benchmark databases only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="fraction of the full volumes (default 1)"
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")

    def handle(self, *args, scale: float, seed: int, **options) -> None:
        # Made-up people for a scratch database: a seeded, reproducible generator is the point.
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale needs PostgreSQL: set DATABASE_URL to a scratch DB.")
        if StakeholderRequest.objects.exists() or CyberIncidentReport.objects.exists():
            raise CommandError("This database has requests or reports already: use a fresh one.")
        self.random = random.Random(seed)  # noqa: S311
        self.now = timezone.now().replace(microsecond=0)
        self.counts = {key: max(1, round(value * scale)) for key, value in FULL.items()}
        self.counts["certifications"] = min(self.counts["certifications"], self.counts["requests"])
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
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg2's own cursor, for COPY
            with foreign_keys_checked_once(raw, loaded):
                for step in (self.users, self.programs, self.requests, self.reports):
                    step_started = time.monotonic()
                    done = step(raw)
                    self.stdout.write(f"{done} in {time.monotonic() - step_started:.1f} s")
                step_started = time.monotonic()
            self.stdout.write(f"foreign keys checked in {time.monotonic() - step_started:.1f} s")
            for model in (
                User,
                Program,
                StakeholderRequest,
                RequestEvent,
                Certification,
                CyberIncidentReport,
                ReportRouting,
            ):
                _reset_sequence(raw, model)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"seed_scale --scale {scale}: {time.monotonic() - started:.1f} s")
        )

    # --- People and content ---------------------------------------------------------------
    def users(self, cursor) -> str:
        copier = Copier(User, password="!unusable", is_active=True)  # noqa: S106
        first = _next_id(cursor, User)
        groups = {g.name: g.pk for g in Group.objects.all()}
        people: list[tuple[str, Role]] = [
            (f"clerk{n}@court{n % 400}.example", Role.CLERK) for n in range(self.counts["clerks"])
        ]
        people += [
            (f"reviewer{n}@ice.example", Role.ERO_REVIEWER) for n in range(self.counts["reviewers"])
        ]
        for code, role in DESK_ROLES.items():
            people += [
                (f"{code.lower()}.desk{n}@{code.lower()}.example", role)
                for n in range(self.counts["desk_members"])
            ]
        rng = self.random
        joined = self.now - datetime.timedelta(days=4 * 365)
        copier.copy(
            cursor,
            (
                {
                    "id": first + i,
                    "email": email,
                    "full_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                    "is_staff": role != Role.CLERK,
                    "date_joined": joined + datetime.timedelta(minutes=i),
                }
                for i, (email, role) in enumerate(people)
            ),
        )
        through = User.groups.through
        membership = io.StringIO(
            "".join(f"{first + i}\t{groups[role.value]}\n" for i, (_e, role) in enumerate(people))
        )
        cursor.copy_expert(
            f"COPY {through._meta.db_table} (user_id, group_id) FROM STDIN", membership
        )
        self.emails = {first + i: email for i, (email, _role) in enumerate(people)}
        ids: dict[Role, list[int]] = {}
        for i, (_email, role) in enumerate(people):
            ids.setdefault(role, []).append(first + i)
        self.user_ids = ids
        return f"{len(people)} users ({self.counts['clerks']} clerks)"

    def programs(self, cursor) -> str:
        copier = Copier(Program, is_published=True)
        first = _next_id(cursor, Program)
        categories = list(Category.objects.values_list("pk", flat=True))
        words = "Liaison Partnership Assistance Training Outreach Support Task Force Initiative"
        words = words.split()
        rows = []
        for i in range(self.counts["programs"]):
            name = f"{self.random.choice(PLACES)} {self.random.choice(words)} Program {i + 1}"
            rows.append(
                {
                    "id": first + i,
                    "name": name,
                    "slug": f"scale-program-{i + 1}",
                    "summary": f"How {name} works with state and local partners.",
                    "body": f"{name} helps partner agencies. " * 20,
                    "lookup_keys": f" {name.lower()} ",
                }
            )
        copier.copy(cursor, rows)
        if categories:
            links = io.StringIO(
                "".join(
                    f"{first + i}\t{self.random.choice(categories)}\n"
                    for i in range(self.counts["programs"])
                )
            )
            table = Program.categories.through._meta.db_table
            cursor.copy_expert(f"COPY {table} (program_id, category_id) FROM STDIN", links)
        return f"{self.counts['programs']} programs"

    # --- Stakeholder requests ---------------------------------------------------------------
    def _statuses(self) -> list[str]:
        """Each request's status: exactly the certifications' number approved, the rest spread
        as a queue looks after a few years (most decided, a working set open)."""
        total, approved = self.counts["requests"], self.counts["certifications"]
        rest = total - approved
        shares = [("denied", 0.50), ("withdrawn", 0.15), ("submitted", 0.12)]
        shares += [("in_review", 0.15), ("needs_info", 0.08)]
        statuses = ["approved"] * approved
        for status, share in shares:
            statuses += [status] * round(rest * share)
        statuses = (statuses + ["submitted"] * total)[:total]
        self.random.shuffle(statuses)
        return statuses

    def requests(self, cursor) -> str:
        rng = self.random
        clerks = self.user_ids[Role.CLERK]
        reviewers = self.user_ids[Role.ERO_REVIEWER]
        reviewer_names = dict(User.objects.filter(pk__in=reviewers).values_list("pk", "full_name"))
        agency_types = [c for c, _ in StakeholderRequest._meta.get_field("agency_type").choices]
        agency_types = [c for c in agency_types if c != "other"]
        obligations = [c for c, _ in StakeholderRequest._meta.get_field("obligation_type").choices]
        obligations = [c for c in obligations if c != "other"]
        denial_reasons = [c for c, _ in StakeholderRequest._meta.get_field("denial_reason").choices]
        denial_reasons = [c for c in denial_reasons if c and c != "other"]
        request_copier = Copier(
            StakeholderRequest,
            requester_title="Deputy clerk",
            mailing_address="1 Courthouse Square",
            obligation_description="Did not appear as ordered; a warrant was issued.",
            attested=True,
            wants_custody_on_date=True,
            wants_current_status=True,
        )
        event_copier = Copier(RequestEvent, with_pk=False, visible_to_clerk=True)
        certification_copier = Copier(
            Certification,
            in_custody_on_date=True,
            facility="Processing Center",
            officer_name="",
            statement="",
        )
        first = _next_id(cursor, StakeholderRequest)
        certification_id = _next_id(cursor, Certification)
        years: dict[str, dict[int, int]] = {"CJS": {}, "CERT": {}}
        span = 3 * 365 * 24 * 3600
        start = self.now - datetime.timedelta(seconds=span)
        statuses = self._statuses()
        events: list[dict] = []
        certifications: list[dict] = []

        def number(prefix: str, at: datetime.datetime) -> str:
            counters = years[prefix]
            counters[at.year] = counters.get(at.year, 0) + 1
            return str(numbering.Number(prefix, at.year, counters[at.year]))

        def request_rows() -> Iterator[dict]:
            nonlocal certification_id
            # Submission times in order, so numbers grow with time as they do live.
            offsets = sorted(rng.randrange(span) for _ in statuses)
            for i, (status, offset) in enumerate(zip(statuses, offsets, strict=True)):
                pk = first + i
                submitted = start + datetime.timedelta(seconds=offset)
                clerk = clerks[(i * 7919) % len(clerks)]
                reviewer = rng.choice(reviewers) if status != "submitted" else None
                decided = None
                if status in ("approved", "denied", "withdrawn"):
                    decided = min(
                        submitted + datetime.timedelta(hours=rng.randrange(2, 24 * 30)), self.now
                    )
                obligation = (submitted - datetime.timedelta(days=rng.randrange(1, 120))).date()
                row = {
                    "id": pk,
                    "tracking_number": number("CJS", submitted),
                    "clerk_id": clerk,
                    "status": status,
                    "assigned_to_id": reviewer
                    if status not in ("submitted", "withdrawn")
                    else None,
                    "version": 1,
                    "submitted_at": submitted,
                    "updated_at": decided or submitted,
                    "decided_at": decided if status in ("approved", "denied") else None,
                    "denial_reason": rng.choice(denial_reasons) if status == "denied" else "",
                    "requester_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                    "agency_name": f"{rng.choice(PLACES)} {rng.choice(COURTS)}",
                    "agency_type": rng.choice(agency_types),
                    "requester_phone": f"(555) 01{i % 10}-{i % 10000:04d}",
                    "requester_email": self.emails[clerk],
                    "subject_family_name": rng.choice(FAMILY),
                    "subject_given_names": rng.choice(GIVEN),
                    "subject_date_of_birth": datetime.date(1950, 1, 1)
                    + datetime.timedelta(days=rng.randrange(18_000)),
                    "subject_country_of_birth": rng.choice(COUNTRIES),
                    "subject_sex": "male" if rng.random() < 0.8 else "female",
                    "a_number": f"{rng.randrange(10**8, 10**9 - 1):09d}"
                    if rng.random() < 0.7
                    else "",
                    "obligation_type": rng.choice(obligations),
                    "obligation_date": obligation,
                    "obligation_court": f"{rng.choice(PLACES)} {rng.choice(COURTS)}",
                    "case_number": f"CR{submitted.year % 100}-{i:07d}",
                }
                yield row
                events.extend(self._history(row, reviewer, decided))
                if status == "approved":
                    certifications.append(
                        {
                            "id": certification_id,
                            "number": number("CERT", decided),
                            "request_id": pk,
                            **self._findings(obligation, timezone.localdate(decided), row),
                            "statement": "ICE records show the custody facts of "
                            f"{row['tracking_number']}.",
                            "officer_id": reviewer,
                            "officer_name": reviewer_names[reviewer],
                            "issued_at": decided,
                            "verification_code": f"{certification_id:05X}"[-5:].rjust(5, "A")
                            + "-"
                            + f"{rng.randrange(16**5):05X}",
                        }
                    )
                    certification_id += 1
                if len(events) >= CHUNK:
                    event_copier.copy(cursor, events)
                    events.clear()
                if len(certifications) >= CHUNK:
                    certification_copier.copy(cursor, certifications)
                    certifications.clear()

        request_copier.copy(cursor, request_rows())
        event_copier.copy(cursor, events)
        certification_copier.copy(cursor, certifications)
        self._advance_counters(years)
        return (
            f"{request_copier.rows} stakeholder requests, {event_copier.rows} history entries, "
            f"{certification_copier.rows} certifications"
        )

    def _findings(self, day: datetime.date, decided: datetime.date, row: dict) -> dict:
        """Findings consistent with each other and the obligation date, by current status."""
        rng = self.random
        status = rng.choices(
            ["removed", "released", "in_custody", "not_in_custody"], [40, 35, 15, 10]
        )[0]
        if status == "not_in_custody":
            return {"in_custody_on_date": False, "current_status": status, "facility": ""}
        start = day - datetime.timedelta(days=rng.randrange(0, 60))
        end = min(day + datetime.timedelta(days=rng.randrange(0, 90)), decided)
        findings = {"in_custody_on_date": True, "current_status": status, "custody_from": start}
        if status == "removed":
            findings |= {
                "custody_to": end,
                "removed_on": end,
                "removal_country": row["subject_country_of_birth"],
            }
        elif status == "released":
            findings |= {"custody_to": end, "released_on": end}
        return findings

    def _history(self, row: dict, reviewer: int | None, decided) -> list[dict]:
        """The history entries a request in this state has: filed, claimed, then its outcome."""
        at = row["submitted_at"]
        steps = [("submitted", "submitted", "submitted", row["clerk_id"], at)]
        status = row["status"]
        if status == "withdrawn":
            steps.append(("withdrawn", "submitted", "withdrawn", row["clerk_id"], decided))
        elif status != "submitted":
            claimed = at + datetime.timedelta(hours=1)
            steps.append(("claimed", "submitted", "in_review", reviewer, claimed))
            if status == "needs_info":
                steps.append(("info_requested", "in_review", "needs_info", reviewer, claimed))
            elif status in ("approved", "denied"):
                steps.append((status, "in_review", status, reviewer, decided))
        rows = []
        for action, from_status, to_status, actor, when in steps:
            rows.append(
                {
                    "request_id": row["id"],
                    "at": when,
                    "actor_id": actor,
                    "action": action,
                    "from_status": from_status,
                    "to_status": to_status,
                }
            )
        return rows

    def _advance_counters(self, years: dict[str, dict[int, int]]) -> None:
        for prefix, counters in years.items():
            for year, last in counters.items():
                Sequence.objects.update_or_create(
                    name=numbering.sequence_name(prefix, year), defaults={"last": last}
                )

    # --- Cyber reports ----------------------------------------------------------------------
    def reports(self, cursor) -> str:
        rng = self.random
        table = RoutingTable.load()
        types = {t.code: t.pk for t in IncidentType.objects.all()}
        mixes = [(codes, weight) for codes, weight in INCIDENT_MIXES if set(codes) <= set(types)]
        if not mixes:
            mixes = [((code,), 1) for code in types]
        report_field = CyberIncidentReport._meta.get_field
        sectors = [c for c, _ in report_field("sector").choices if c]
        entity_types = [c for c, _ in report_field("entity_type").choices if c]
        # Routing is a pure function of a few answers: computed once per combination.
        routes: dict[tuple, list[tuple[int, list[str]]]] = {}

        def routing(codes: tuple[str, ...], critical: str) -> list[tuple[int, list[str]]]:
            key = (codes, critical)
            if key not in routes:
                facts = RoutingFacts(
                    incident_types=frozenset(codes), critical_functions_affected=critical
                )
                routes[key] = [(r.agency.pk, list(r.reasons)) for r in route_report(facts, table)]
            return routes[key]

        desk_members = {
            Agency.objects.get(code=code).pk: self.user_ids[role]
            for code, role in DESK_ROLES.items()
            if Agency.objects.filter(code=code).exists()
        }
        report_copier = Copier(
            CyberIncidentReport,
            reporter_title="Detective",
            detection_method="Staff noticed unusual activity.",
            time_zone="America/New_York",
        )
        routing_copier = Copier(ReportRouting)
        first = _next_id(cursor, CyberIncidentReport)
        routing_id = _next_id(cursor, ReportRouting)
        span = 3 * 365 * 24 * 3600
        start = self.now - datetime.timedelta(seconds=span)
        total = self.counts["reports"]
        sequences: dict[int, int] = {}
        links: list[str] = []
        routings: list[dict] = []
        through = CyberIncidentReport.incident_types.through._meta.db_table
        link_columns = "cyberincidentreport_id, incidenttype_id"
        codes_list, weights = zip(*mixes, strict=True)

        def flush_links() -> None:
            cursor.copy_expert(
                f"COPY {through} ({link_columns}) FROM STDIN", io.StringIO("".join(links))
            )
            links.clear()

        def report_rows() -> Iterator[dict]:
            nonlocal routing_id
            offsets = sorted(rng.randrange(span) for _ in range(total))
            for i, offset in enumerate(offsets):
                pk = first + i
                submitted = start + datetime.timedelta(seconds=offset)
                sequences[submitted.year] = sequences.get(submitted.year, 0) + 1
                sequence = sequences[submitted.year]
                codes = rng.choices(codes_list, weights)[0]
                critical = "yes" if rng.random() < 0.15 else "no"
                place = rng.choice(PLACES)
                sector = rng.choice(sectors)
                yield {
                    "id": pk,
                    "tracking_number": str(
                        numbering.Number(numbering.Prefix.CYBER_REPORT, submitted.year, sequence)
                    ),
                    "year": submitted.year,
                    "sequence": sequence,
                    "submitted_at": submitted,
                    "update_token_hash": f"{pk:064x}",
                    "reporter_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                    "reporter_organization": f"{place} Police Department",
                    "reporter_email": f"officer{i % 50_000}@pd{i % 3000}.example",
                    "entity_name": f"{place} {rng.choice(ENTITY_KINDS)}",
                    "entity_type": rng.choice(entity_types),
                    "sector": sector,
                    "detected_at": submitted - datetime.timedelta(hours=rng.randrange(1, 72)),
                    "critical_functions_affected": critical,
                }
                links.extend(f"{pk}\t{types[code]}\n" for code in codes)
                # Older reports are mostly worked; the newest are still new.
                age = (self.now - submitted).days
                for agency_id, reasons in routing(codes, critical):
                    status = "new"
                    draw = rng.random()
                    if age > 14 and draw < 0.85 or age > 2 and draw < 0.5:
                        status = "closed" if draw < 0.45 and age > 30 else "acknowledged"
                    worked = submitted + datetime.timedelta(hours=rng.randrange(1, 48))
                    member = (
                        rng.choice(desk_members[agency_id]) if agency_id in desk_members else None
                    )
                    routings.append(
                        {
                            "id": routing_id,
                            "report_id": pk,
                            "agency_id": agency_id,
                            "reasons": reasons,
                            "sector": sector,
                            "report_submitted_at": submitted,
                            "status": status if member else "new",
                            "agency_case_number": f"C-{routing_id}" if status != "new" else "",
                            "acknowledged_at": worked if status != "new" and member else None,
                            "acknowledged_by_id": member if status != "new" else None,
                            "closed_at": worked if status == "closed" and member else None,
                            "closed_by_id": member if status == "closed" else None,
                        }
                    )
                    routing_id += 1
                if len(routings) >= CHUNK:
                    routing_copier.copy(cursor, routings)
                    routings.clear()
                if len(links) >= CHUNK:
                    flush_links()

        report_copier.copy(cursor, report_rows())
        routing_copier.copy(cursor, routings)
        flush_links()
        self._advance_counters({numbering.Prefix.CYBER_REPORT: sequences})
        return f"{report_copier.rows} cyber reports, {routing_copier.rows} routings"
