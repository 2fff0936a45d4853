"""Reports as CSV rows and as a STIX 2.1 bundle, for an agency desk to load into its tools.

The bundle holds, per report: an `identity` for the reporting organization (one per
organization, with a stable id), an `incident`, and when addresses or URLs were given an
`observed-data` with the cyber observables (IPv4/IPv6 addresses, URLs, network traffic) and a
`related-to` relationship from the incident. Ids are derived from the tracking number, so
exporting a report twice gives the same ids.
"""

import uuid
from collections.abc import Iterable, Iterator

import stix2

from .models import CyberIncidentReport, NetworkIndicator

NAMESPACE = uuid.UUID("6f1d7a0e-4c5b-4f0a-9a57-2d7c3cc9b2a1")

CSV_HEADER = [
    "tracking_number",
    "submitted_at",
    "reporter_name",
    "reporter_title",
    "reporter_organization",
    "reporter_phone",
    "reporter_email",
    "entity_name",
    "entity_type",
    "sector",
    "incident_types",
    "started_at",
    "detected_at",
    "time_zone",
    "ongoing",
    "attack_vector",
    "functional_impact",
    "information_impact",
    "recoverability",
    "activity_location",
    "critical_functions_affected",
    "control_system_compromised",
    "technical_assistance_requested",
    "investigation_case_number",
    "systems_affected",
    "records_affected",
    "people_affected",
    "destination_indicators",
    "source_indicators",
    "agencies",
]


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_rows(reports: Iterable[CyberIncidentReport]) -> Iterator[list[str]]:
    """The header, then one row per report; `reports` should prefetch incident types,
    indicators and routings with their agencies."""
    yield CSV_HEADER
    for r in reports:
        indicators = list(r.indicators.all())
        row = [
            r.tracking_number,
            _iso(r.submitted_at),
            r.reporter_name,
            r.reporter_title,
            r.reporter_organization,
            r.reporter_phone,
            r.reporter_email,
            r.entity_name,
            r.entity_type,
            r.sector,
            ";".join(t.code for t in r.incident_types.all()),
            _iso(r.started_at),
            _iso(r.detected_at),
            r.time_zone,
            r.ongoing,
            r.attack_vector,
            r.functional_impact,
            ";".join(r.information_impact),
            r.recoverability,
            r.activity_location,
            r.critical_functions_affected,
            r.control_system_compromised,
            "yes" if r.technical_assistance_requested else "no",
            r.investigation_case_number,
            "" if r.systems_affected is None else str(r.systems_affected),
            "" if r.records_affected is None else str(r.records_affected),
            "" if r.people_affected is None else str(r.people_affected),
            " ".join(str(i) for i in indicators if i.direction == i.Direction.DESTINATION),
            " ".join(str(i) for i in indicators if i.direction == i.Direction.SOURCE),
            ";".join(routing.agency.code for routing in r.routings.all()),
        ]
        yield [_csv_safe(cell) for cell in row]


def _id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def _address(ip: str):
    if ":" in ip:
        return stix2.IPv6Address(value=ip)
    return stix2.IPv4Address(value=ip)


def _description(report: CyberIncidentReport) -> str:
    lines = [
        f"Affected entity: {report.entity_name} ({report.get_entity_type_display()}, "
        f"sector: {report.get_sector_display()}).",
        f"Detected: {report.detected_at.isoformat()} (reported time zone {report.time_zone}).",
        f"Attack vector: {report.get_attack_vector_display()}.",
    ]
    if report.functional_impact:
        lines.append(f"Functional impact: {report.get_functional_impact_display()}.")
    if report.information_impact:
        lines.append("Information impact: " + ", ".join(report.information_impact_labels()) + ".")
    if report.recoverability:
        lines.append(f"Recoverability: {report.get_recoverability_display()}.")
    lines.append(f"Location of observed activity: {report.get_activity_location_display()}.")
    lines.append(
        "Critical-infrastructure essential functions affected: "
        f"{report.get_critical_functions_affected_display()}; control system compromised: "
        f"{report.get_control_system_compromised_display()}."
    )
    for label, text in (
        ("Impact", report.impact_synopsis),
        ("Assets affected", report.assets_affected),
        ("Detection", report.detection_method),
        ("Actions taken", report.actions_taken),
    ):
        if text:
            lines.append(f"{label}: {text}")
    ports = [str(i.port) for i in report.indicators.all() if i.ip is None and i.port is not None]
    if ports:
        lines.append("Ports observed without an address: " + ", ".join(ports) + ".")
    return "\n".join(lines)


def _observations(report: CyberIncidentReport, created_by: str) -> list:
    observables: dict[str, object] = {}
    for indicator in report.indicators.all():
        if indicator.url:
            url = stix2.URL(value=indicator.url)
            observables[url.id] = url
            continue
        if indicator.ip is None:
            continue
        address = _address(indicator.ip)
        observables[address.id] = address
        if indicator.port is not None:
            protocol = "ipv6" if ":" in indicator.ip else "ipv4"
            if indicator.direction == NetworkIndicator.Direction.DESTINATION:
                traffic = stix2.NetworkTraffic(
                    dst_ref=address.id, dst_port=indicator.port, protocols=[protocol]
                )
            else:
                traffic = stix2.NetworkTraffic(
                    src_ref=address.id, src_port=indicator.port, protocols=[protocol]
                )
            observables[traffic.id] = traffic
    if not observables:
        return []
    first = report.started_at or report.detected_at
    observed = stix2.ObservedData(
        id=_id("observed-data", report.tracking_number),
        created_by_ref=created_by,
        created=report.submitted_at,
        modified=report.submitted_at,
        first_observed=min(first, report.detected_at),
        last_observed=report.detected_at,
        number_observed=1,
        object_refs=list(observables),
    )
    return [*observables.values(), observed]


def stix_bundle(reports: Iterable[CyberIncidentReport]) -> stix2.Bundle:
    objects: dict[str, object] = {}
    for report in reports:
        organization = report.reporter_organization
        identity = stix2.Identity(
            id=_id("identity", organization.casefold()),
            name=organization,
            identity_class="organization",
            created=report.submitted_at,
            modified=report.submitted_at,
        )
        objects.setdefault(identity.id, identity)
        types = [t.name for t in report.incident_types.all()]
        incident = stix2.Incident(
            id=_id("incident", report.tracking_number),
            created_by_ref=identity.id,
            created=report.submitted_at,
            modified=report.submitted_at,
            name=f"{report.tracking_number}: {', '.join(types)}",
            description=_description(report),
            labels=[t.code for t in report.incident_types.all()],
            external_references=[
                {"source_name": "LEA Corner", "external_id": report.tracking_number}
            ],
        )
        objects[incident.id] = incident
        observations = _observations(report, identity.id)
        for item in observations:
            objects[item.id] = item
        if observations:
            relationship = stix2.Relationship(
                id=_id("relationship", report.tracking_number + ":observed"),
                relationship_type="related-to",
                source_ref=incident.id,
                target_ref=observations[-1].id,
                created_by_ref=identity.id,
                created=report.submitted_at,
                modified=report.submitted_at,
            )
            objects[relationship.id] = relationship
    return stix2.Bundle(objects=list(objects.values()))
