"""Reports as CSV rows and as a STIX 2.1 bundle, for an agency desk to load into its tools.

The bundle holds, per report: an `identity` for the reporting organization (one per
organization, with a stable id), an `incident` (its description carries the ransom demanded,
whether it was paid, the estimated loss and the backups), and `related-to` relationships from
the incident to: an `observed-data` with the cyber observables when indicators were given
(IPv4/IPv6 addresses and CIDR ranges, URLs, domain names, e-mail addresses, files by hash,
network traffic for ports); a `malware` (a ransomware family) when the variant is known; and
an `indicator` per wallet address, with a STIX pattern on `cryptocurrency-wallet:address`
(STIX 2.1 has no wallet observable; a pattern may name any object type, and `stix2` parses
the bundle without custom objects). Ids are derived from the tracking number, so exporting a
report twice gives the same ids.
"""

import uuid
from collections.abc import Iterable, Iterator

import stix2

from leacorner.downloads import csv_safe

from .models import CyberIncidentReport, Indicator

Kind = Indicator.Kind
NETWORK_KINDS = (Kind.IP, Kind.IP_RANGE, Kind.PORT, Kind.URL)
HASH_NAMES = {Kind.MD5: "MD5", Kind.SHA1: "SHA-1", Kind.SHA256: "SHA-256"}

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
    "domains",
    "email_addresses",
    "file_hashes",
    "wallet_addresses",
    "ransomware_variant",
    "ransom_demanded",
    "ransom_currency",
    "ransom_paid",
    "estimated_loss",
    "backups",
    "agencies",
]


def _joined(indicators, kinds, *, direction: str | None = None) -> str:
    return " ".join(
        str(i)
        for i in indicators
        if i.kind in kinds and (direction is None or i.direction == direction)
    )


def _iso(value) -> str:
    return value.isoformat() if value else ""


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
            _joined(indicators, NETWORK_KINDS, direction=Indicator.Direction.DESTINATION),
            _joined(indicators, NETWORK_KINDS, direction=Indicator.Direction.SOURCE),
            _joined(indicators, (Kind.DOMAIN,)),
            _joined(indicators, (Kind.EMAIL,)),
            _joined(indicators, tuple(HASH_NAMES)),
            " ".join(f"{i.currency}:{i.value}" for i in indicators if i.kind == Kind.WALLET),
            r.ransomware_variant,
            "" if r.ransom_demanded is None else f"{r.ransom_demanded.normalize():f}",
            r.ransom_currency,
            r.ransom_paid,
            "" if r.estimated_loss is None else str(r.estimated_loss),
            r.backups,
            ";".join(routing.agency.code for routing in r.routings.all()),
        ]
        yield [csv_safe(cell) for cell in row]


def _id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def _address(ip: str):
    """An address or a CIDR range, which STIX's address objects hold too."""
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
    if report.ransom_demanded is not None:
        lines.append(
            f"Ransom demanded: {report.ransom_display()}; paid: {report.get_ransom_paid_display()}."
        )
    if report.estimated_loss is not None:
        lines.append(f"Estimated financial loss: {report.estimated_loss:,.2f} U.S. dollars.")
    lines.append(f"Backups: {report.get_backups_display()}.")
    ports = [str(i.port) for i in report.indicators.all() if i.kind == Kind.PORT]
    if ports:
        lines.append("Ports observed without an address: " + ", ".join(ports) + ".")
    return "\n".join(lines)


def _observable(indicator: Indicator):
    """The cyber observable of one indicator, or None (ports and wallets go elsewhere)."""
    if indicator.kind in (Kind.IP, Kind.IP_RANGE):
        return _address(indicator.value)
    if indicator.kind == Kind.URL:
        return stix2.URL(value=indicator.value)
    if indicator.kind == Kind.DOMAIN:
        return stix2.DomainName(value=indicator.value)
    if indicator.kind == Kind.EMAIL:
        return stix2.EmailAddress(value=indicator.value)
    if indicator.kind in HASH_NAMES:
        return stix2.File(hashes={HASH_NAMES[indicator.kind]: indicator.value})
    return None


def _observations(report: CyberIncidentReport, created_by: str) -> list:
    observables: dict[str, object] = {}
    for indicator in report.indicators.all():
        observable = _observable(indicator)
        if observable is None:
            continue
        observables[observable.id] = observable
        if indicator.kind == Kind.IP and indicator.port is not None:
            protocol = "ipv6" if ":" in indicator.value else "ipv4"
            if indicator.direction == Indicator.Direction.SOURCE:
                traffic = stix2.NetworkTraffic(
                    src_ref=observable.id, src_port=indicator.port, protocols=[protocol]
                )
            else:
                traffic = stix2.NetworkTraffic(
                    dst_ref=observable.id, dst_port=indicator.port, protocols=[protocol]
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


def _ransomware(report: CyberIncidentReport, created_by: str) -> list:
    """The ransomware family, when named, and one indicator per wallet address."""
    objects: list = []
    if report.ransomware_variant:
        objects.append(
            stix2.Malware(
                id=_id("malware", report.ransomware_variant.casefold()),
                created_by_ref=created_by,
                created=report.submitted_at,
                modified=report.submitted_at,
                name=report.ransomware_variant,
                is_family=True,
                malware_types=["ransomware"],
            )
        )
    for wallet in (i for i in report.indicators.all() if i.kind == Kind.WALLET):
        address = wallet.value.replace("\\", "\\\\").replace("'", "\\'")
        objects.append(
            stix2.Indicator(
                id=_id("indicator", f"{report.tracking_number}:{wallet.currency}:{wallet.value}"),
                created_by_ref=created_by,
                created=report.submitted_at,
                modified=report.submitted_at,
                name=f"{wallet.currency} wallet named in {report.tracking_number}",
                indicator_types=["malicious-activity"],
                pattern=f"[cryptocurrency-wallet:address = '{address}']",
                pattern_type="stix",
                valid_from=report.submitted_at,
            )
        )
    return objects


def _related(report, identity_id: str, incident_id: str, target_id: str, key: str):
    return stix2.Relationship(
        id=_id("relationship", f"{report.tracking_number}:{key}"),
        relationship_type="related-to",
        source_ref=incident_id,
        target_ref=target_id,
        created_by_ref=identity_id,
        created=report.submitted_at,
        modified=report.submitted_at,
    )


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
            relationship = _related(
                report, identity.id, incident.id, observations[-1].id, "observed"
            )
            objects[relationship.id] = relationship
        for item in _ransomware(report, identity.id):
            objects.setdefault(item.id, item)
            relationship = _related(report, identity.id, incident.id, item.id, item.id)
            objects[relationship.id] = relationship
    return stix2.Bundle(objects=list(objects.values()))
