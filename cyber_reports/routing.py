"""Which federal agencies a cyber-incident report goes to, and why ("no wrong door").

`route_report()` is a pure function of the report's facts (`RoutingFacts`) and of the
admin-edited routing table (`RoutingTable`): the union of the agencies of every incident type
ticked, plus DHS/CISA under the critical-infrastructure rules below (among them: ransomware or
malicious code at an entity of one of the sixteen critical-infrastructure sectors, whatever
the impacts reported so far). It never returns nobody.
`record_routing()` stores the result, one `ReportRouting` row per agency with its reasons.
The golden file tests/cyber_reports/routing_golden.csv pins the behaviour down.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .agencies import Agency, IncidentType, IncidentTypeRoute
from .desk import ReportRouting
from .models import CyberIncidentReport
from .vocabulary import (
    CRITICAL_INFRASTRUCTURE_SECTORS,
    ActivityLocation,
    FunctionalImpact,
    Sector,
    YesNoUnknown,
)

CISA = "CISA"
FBI = "FBI"
OTHER = "other"

#: Functional impact from which DHS/CISA is told: "significant impact to critical services".
CISA_FUNCTIONAL_IMPACT_LEVEL = FunctionalImpact.level(FunctionalImpact.SIGNIFICANT_CRITICAL)
#: Location of observed activity from which DHS/CISA is told: level 4, the critical system DMZ.
CISA_LOCATION_LEVEL = 4
#: Incident types that reach DHS/CISA from any critical-infrastructure sector, impacts or not:
#: a water utility's ransomware is CISA's to help contain before anyone knows how far it went.
CISA_MALWARE_TYPES = frozenset({"ransomware", "malicious_code"})

CISA_REASONS = {
    "critical_functions": (
        "critical-infrastructure essential functions were affected, and DHS/CISA leads the "
        "technical response and mitigation for critical infrastructure"
    ),
    "control_system": (
        "a control system was compromised or manipulated, and DHS/CISA helps owners of "
        "industrial control systems respond"
    ),
    "technical_assistance": ("federal technical assistance was requested, which DHS/CISA provides"),
    "functional_impact": (
        "the incident significantly impairs or denies critical services, which DHS/CISA "
        "helps restore"
    ),
    "location": (
        "the activity reached critical systems (level 4 or higher), where DHS/CISA assesses "
        "the risk to critical infrastructure"
    ),
    "sector_malware": (
        "ransomware or malicious code struck an entity of a critical-infrastructure sector "
        "(%(sector)s), and DHS/CISA helps critical infrastructure contain it even before "
        "its impacts are known"
    ),
}
TRIAGE_REASONS = {
    FBI: "no listed agency matched the incident, so the FBI triages it and passes it on",
    CISA: "no listed agency matched the incident, so DHS/CISA triages it and passes it on",
}


@dataclass(frozen=True)
class RoutingFacts:
    """The answers of a report that routing reads."""

    incident_types: frozenset[str]
    critical_functions_affected: str = YesNoUnknown.UNKNOWN
    control_system_compromised: str = YesNoUnknown.UNKNOWN
    technical_assistance_requested: bool = False
    functional_impact: str = ""
    activity_location: str = ActivityLocation.UNKNOWN
    sector: str = Sector.UNKNOWN

    @classmethod
    def of_report(cls, report: CyberIncidentReport) -> "RoutingFacts":
        return cls(
            incident_types=frozenset(t.code for t in report.incident_types.all()),
            critical_functions_affected=report.critical_functions_affected,
            control_system_compromised=report.control_system_compromised,
            technical_assistance_requested=report.technical_assistance_requested,
            functional_impact=report.functional_impact,
            activity_location=report.activity_location,
            sector=report.sector,
        )


@dataclass(frozen=True)
class RoutingTable:
    """The agencies by code, and for each incident type code its (agency code, reason) rows."""

    agencies: Mapping[str, Agency]
    routes: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "RoutingTable":
        """Read the table from the database (two queries)."""
        agencies = {agency.code: agency for agency in Agency.objects.all()}
        routes: dict[str, list[tuple[str, str]]] = {}
        rows = IncidentTypeRoute.objects.select_related("incident_type", "agency")
        for row in rows:
            routes.setdefault(row.incident_type.code, []).append((row.agency.code, row.reason))
        return cls(agencies=agencies, routes={k: tuple(v) for k, v in routes.items()})


@dataclass(frozen=True)
class RoutedAgency:
    agency: Agency
    reasons: tuple[str, ...]


def cisa_rule_reasons(facts: RoutingFacts) -> list[str]:
    """The reasons, if any, that make DHS/CISA a recipient whatever the incident types."""
    reasons = []
    if facts.critical_functions_affected == YesNoUnknown.YES:
        reasons.append(CISA_REASONS["critical_functions"])
    if facts.control_system_compromised == YesNoUnknown.YES:
        reasons.append(CISA_REASONS["control_system"])
    if facts.technical_assistance_requested:
        reasons.append(CISA_REASONS["technical_assistance"])
    if FunctionalImpact.level(facts.functional_impact) >= CISA_FUNCTIONAL_IMPACT_LEVEL:
        reasons.append(CISA_REASONS["functional_impact"])
    if ActivityLocation.level(facts.activity_location) >= CISA_LOCATION_LEVEL:
        reasons.append(CISA_REASONS["location"])
    if (
        facts.sector in CRITICAL_INFRASTRUCTURE_SECTORS
        and facts.incident_types & CISA_MALWARE_TYPES
    ):
        sector = str(Sector(facts.sector).label).lower()
        reasons.append(CISA_REASONS["sector_malware"] % {"sector": sector})
    return reasons


def route_report(facts: RoutingFacts, table: RoutingTable) -> list[RoutedAgency]:
    """Every agency the report goes to, each with all its reasons, in the agencies' order.

    The union over the incident types of the table's agencies, plus DHS/CISA under the
    critical-infrastructure rules. When nothing matches (only "other" ticked, or types with no
    agency), the FBI and DHS/CISA receive it for triage: no report routes to nobody.
    """
    reasons: dict[str, list[str]] = {}

    def add(code: str, reason: str) -> None:
        if code in table.agencies and reason not in reasons.setdefault(code, []):
            reasons[code].append(reason)

    # The table's order (incident types by their admin order), so reasons read the same way
    # on every report.
    for type_code, rows in table.routes.items():
        if type_code in facts.incident_types:
            for agency_code, reason in rows:
                add(agency_code, reason)
    if not reasons:
        for agency_code, reason in TRIAGE_REASONS.items():
            add(agency_code, reason)
    for reason in cisa_rule_reasons(facts):
        add(CISA, reason)
    routed = [
        RoutedAgency(table.agencies[code], tuple(why)) for code, why in reasons.items() if why
    ]
    return sorted(routed, key=lambda r: (r.agency.order, r.agency.short_name))


def record_routing(report: CyberIncidentReport, routed: Iterable[RoutedAgency]) -> list:
    """Store the routing of a newly filed report, one row per agency, each with the first
    event of its history."""
    from .timeline import RoutingEvent

    routings = ReportRouting.objects.bulk_create(
        ReportRouting.of_report(report, agency=r.agency, reasons=r.reasons) for r in routed
    )
    RoutingEvent.objects.bulk_create(
        RoutingEvent(
            report=report,
            routing=routing,
            at=routing.routed_at,
            action=RoutingEvent.Action.ROUTED,
            to_status=routing.status,
            note="; ".join(routing.reasons),
        )
        for routing in routings
    )
    return routings


def incident_types_by_code() -> dict[str, IncidentType]:
    return {t.code: t for t in IncidentType.objects.all()}
