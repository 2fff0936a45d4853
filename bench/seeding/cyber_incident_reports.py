"""The seeded cyber-incident reports, their incident types, indicators, routings and the
routings' history (routed, acknowledged, closed)."""

import datetime
import io
from collections.abc import Iterator

from accounts.roles import DESK_ROLES
from cyber_reports.agencies import Agency, IncidentType
from cyber_reports.desk import ReportRouting
from cyber_reports.models import CyberIncidentReport, Indicator
from cyber_reports.routing import RoutingFacts, RoutingTable, route_report
from cyber_reports.timeline import RoutingEvent
from leacorner import numbering

from .copying import CHUNK, Copier, next_id
from .cyber_indicators import IndicatorPlan
from .names import ENTITY_KINDS, FAMILY, GIVEN, INCIDENT_MIXES, PLACES
from .plan import SeedRun


def seed_cyber_reports(run: SeedRun, cursor) -> str:
    """Reports spread over three years, numbered in the order they were filed, with their
    incident types, their indicators (bench/seeding/cyber_indicators.py), the routings
    `route_report()` gives them (older ones mostly worked, `has_related` where another report
    of the agency shares an indicator) and each routing's history."""
    rng = run.random
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

    def routing(codes: tuple[str, ...], critical: str, sector: str) -> list[tuple[int, list[str]]]:
        key = (codes, critical, sector)
        if key not in routes:
            facts = RoutingFacts(
                incident_types=frozenset(codes),
                critical_functions_affected=critical,
                sector=sector,
            )
            routes[key] = [(r.agency.pk, list(r.reasons)) for r in route_report(facts, table)]
        return routes[key]

    desk_members = {
        Agency.objects.get(code=code).pk: run.user_ids[role]
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
    indicator_copier = Copier(Indicator, with_pk=False)
    event_copier = Copier(RoutingEvent, with_pk=False)
    first = next_id(cursor, CyberIncidentReport)
    routing_id = next_id(cursor, ReportRouting)
    span = 3 * 365 * 24 * 3600
    start = run.now - datetime.timedelta(seconds=span)
    total = run.counts["reports"]
    through = CyberIncidentReport.incident_types.through._meta.db_table
    link_columns = "cyberincidentreport_id, incidenttype_id"
    codes_list, weights = zip(*mixes, strict=True)
    links: list[str] = []
    routings: list[dict] = []
    indicators: list[dict] = []
    events: list[dict] = []
    # Each report's answers are drawn first, so that the flags of related reports, which
    # depend on every report of a campaign, are known when the routings are written.
    offsets = sorted(rng.randrange(span) for _ in range(total))
    draws = [
        (rng.choices(codes_list, weights)[0], "yes" if rng.random() < 0.15 else "no")
        for _ in range(total)
    ]
    report_sectors = [rng.choice(sectors) for _ in range(total)]
    plan = IndicatorPlan.draw(rng, total)
    for i, (codes, critical) in enumerate(draws):
        plan.count(i, (a for a, _r in routing(codes, critical, report_sectors[i])))

    def flush_links() -> None:
        cursor.copy_expert(
            f"COPY {through} ({link_columns}) FROM STDIN", io.StringIO("".join(links))
        )
        links.clear()

    def report_rows() -> Iterator[dict]:
        nonlocal routing_id
        for i, offset in enumerate(offsets):
            pk = first + i
            submitted = start + datetime.timedelta(seconds=offset)
            sequence = run.next_number("CIR", submitted.year)
            codes, critical = draws[i]
            place = rng.choice(PLACES)
            sector = report_sectors[i]
            ransomware = "ransomware" in codes
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
                "ransomware_variant": rng.choice(("", "LockBit", "Akira", "Play", "Medusa"))
                if ransomware
                else "",
            }
            links.extend(f"{pk}\t{types[code]}\n" for code in codes)
            for row in plan.rows(i, pk, rng):
                indicators.append({**row, "report_id": pk, "report_submitted_at": submitted})
            # Older reports are mostly worked; the newest are still new.
            age = (run.now - submitted).days
            first_of_report = len(routings)
            for agency_id, reasons in routing(codes, critical, sector):
                status = "new"
                draw = rng.random()
                if age > 14 and draw < 0.85 or age > 2 and draw < 0.5:
                    status = "closed" if draw < 0.45 and age > 30 else "acknowledged"
                worked = submitted + datetime.timedelta(hours=rng.randrange(1, 48))
                member = rng.choice(desk_members[agency_id]) if agency_id in desk_members else None
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
                        "closing_note": "Handled." if status == "closed" and member else "",
                        "routed_at": submitted,
                        "has_related": plan.related(i, agency_id),
                    }
                )
                history = [("routed", submitted, None, "new", "; ".join(reasons))]
                if status != "new" and member:
                    history.append(("acknowledged", worked, member, "acknowledged", ""))
                if status == "closed" and member:
                    history.append(("closed", worked, member, "closed", "Handled."))
                events.extend(
                    {
                        "report_id": pk,
                        "routing_id": routing_id,
                        "at": at,
                        "actor_id": actor,
                        "action": action,
                        "to_status": to_status,
                        "note": note,
                    }
                    for action, at, actor, to_status, note in history
                )
                routing_id += 1
            # The copy every routing of the report carries: some agency acknowledged it.
            acknowledged = any(r["acknowledged_at"] for r in routings[first_of_report:])
            for row in routings[first_of_report:]:
                row["acknowledged_by_any"] = acknowledged
            if len(routings) >= CHUNK:
                routing_copier.copy(cursor, routings)
                routings.clear()
                event_copier.copy(cursor, events)
                events.clear()
            if len(indicators) >= CHUNK:
                indicator_copier.copy(cursor, indicators)
                indicators.clear()
            if len(links) >= CHUNK:
                flush_links()

    report_copier.copy(cursor, report_rows())
    routing_copier.copy(cursor, routings)
    event_copier.copy(cursor, events)
    indicator_copier.copy(cursor, indicators)
    flush_links()
    return (
        f"{report_copier.rows} cyber reports, {routing_copier.rows} routings, "
        f"{event_copier.rows} routing events, {indicator_copier.rows} indicators"
    )
