"""Routing against the golden file: the report's answers → the agencies it must reach.

A change to the seeded table or to the CISA rules shows up as a readable diff of
routing_golden.csv. The table comes from the data migration, as in production.
"""

import csv
from pathlib import Path

import pytest

from cyber_reports.agencies import Agency, IncidentType, IncidentTypeRoute
from cyber_reports.desk import ReportRouting
from cyber_reports.routing import (
    CISA_REASONS,
    RoutingFacts,
    RoutingTable,
    record_routing,
    route_report,
)
from cyber_reports.vocabulary import ActivityLocation, FunctionalImpact, Sector, YesNoUnknown

from ..factories import CyberIncidentReportFactory

GOLDEN = Path(__file__).with_name("routing_golden.csv")


def golden_cases() -> list[dict]:
    with GOLDEN.open(newline="") as handle:
        return list(csv.DictReader(handle))


def split(value: str) -> list[str]:
    return [part for part in value.split(";") if part]


def facts_of(row: dict) -> RoutingFacts:
    return RoutingFacts(
        incident_types=frozenset(split(row["incident_types"])),
        critical_functions_affected=row["critical_functions"],
        control_system_compromised=row["control_system"],
        technical_assistance_requested=row["technical_assistance"] == "yes",
        functional_impact=row["functional_impact"],
        activity_location=row["location"],
        sector=row["sector"],
    )


def test_the_golden_file_is_big_enough_and_uses_only_known_values(db):
    cases = golden_cases()
    assert len(cases) >= 60
    assert len({case["case"] for case in cases}) == len(cases), "case names must be unique"
    codes = set(IncidentType.objects.values_list("code", flat=True))
    agencies = set(Agency.objects.values_list("code", flat=True))
    for case in cases:
        assert set(split(case["incident_types"])) <= codes, case["case"]
        assert set(split(case["expected_agencies"])) <= agencies, case["case"]
        assert case["critical_functions"] in YesNoUnknown.values
        assert case["control_system"] in YesNoUnknown.values
        assert case["functional_impact"] in ["", *FunctionalImpact.values]
        assert case["location"] in ActivityLocation.values
        assert case["sector"] in Sector.values


@pytest.mark.parametrize("case", golden_cases(), ids=lambda case: case["case"])
def test_golden_routing(db, case):
    routed = route_report(facts_of(case), RoutingTable.load())
    assert [r.agency.code for r in routed] == split(case["expected_agencies"])
    assert all(r.reasons for r in routed), "every agency comes with at least one reason"


def test_every_seeded_incident_type_of_the_issue_has_an_agency(db):
    wanted = {
        "computer_intrusion",
        "ransomware",
        "malicious_code",
        "denial_of_service",
        "password_trafficking",
        "payment_card_theft",
        "online_fraud",
        "identity_theft",
        "trade_secrets",
        "intellectual_property",
        "child_exploitation",
        "money_laundering",
        "smuggling",
        "terrorist_activity",
        "espionage",
        "other",
    }
    assert wanted <= set(IncidentType.objects.values_list("code", flat=True))
    for incident_type in IncidentType.objects.all():
        assert incident_type.routes.exists(), incident_type.code
    assert set(Agency.objects.values_list("code", flat=True)) == {"CISA", "USSS", "HSI", "FBI"}


def test_reasons_are_the_union_over_types_and_rules(db):
    facts = RoutingFacts(
        incident_types=frozenset({"ransomware", "malicious_code"}),
        critical_functions_affected=YesNoUnknown.YES,
        technical_assistance_requested=True,
    )
    routed = {r.agency.code: r.reasons for r in route_report(facts, RoutingTable.load())}
    assert len(routed["FBI"]) == 2
    assert len(routed["USSS"]) == 2
    assert routed["CISA"] == (
        CISA_REASONS["critical_functions"],
        CISA_REASONS["technical_assistance"],
    )


def test_an_admin_edit_of_the_table_changes_routing(db):
    """The table is data: pointing a type at another agency re-routes new reports."""
    fraud = IncidentType.objects.get(code="online_fraud")
    IncidentTypeRoute.objects.create(
        incident_type=fraud,
        agency=Agency.objects.get(code="USSS"),
        reason="wire fraud is a financial crime the Secret Service investigates",
    )
    routed = route_report(
        RoutingFacts(incident_types=frozenset({"online_fraud"})), RoutingTable.load()
    )
    assert [r.agency.code for r in routed] == ["USSS", "FBI"]


def test_a_type_with_no_agency_still_reaches_triage(db):
    orphan = IncidentType.objects.create(code="new_kind", name="New kind", description="x")
    routed = route_report(
        RoutingFacts(incident_types=frozenset({orphan.code})), RoutingTable.load()
    )
    assert [r.agency.code for r in routed] == ["CISA", "FBI"]


def test_route_report_reads_no_database(db, django_assert_num_queries):
    table = RoutingTable.load()
    with django_assert_num_queries(0):
        route_report(RoutingFacts(incident_types=frozenset({"smuggling"})), table)


def test_routing_is_stored_per_report_and_agency(db):
    report = CyberIncidentReportFactory(incident_types=["payment_card_theft"])
    routed = route_report(RoutingFacts.of_report(report), RoutingTable.load())
    record_routing(report, routed)
    rows = ReportRouting.objects.filter(report=report)
    assert [(row.agency.code, row.status) for row in rows] == [("USSS", "new")]
    assert "payment-card" in rows[0].reasons[0]


def test_malware_in_a_critical_infrastructure_sector_reaches_cisa_with_its_reason(db):
    """A water utility's ransomware with its impacts not known yet went to the Secret Service
    and the FBI only; DHS/CISA is told, and says why, naming the sector."""
    facts = RoutingFacts(incident_types=frozenset({"ransomware"}), sector="water")
    routed = {r.agency.code: r.reasons for r in route_report(facts, RoutingTable.load())}
    assert list(routed) == ["CISA", "USSS", "FBI"]
    assert routed["CISA"] == (
        CISA_REASONS["sector_malware"] % {"sector": "water and wastewater systems"},
    )
    for sector in ("none", "unknown"):
        facts = RoutingFacts(incident_types=frozenset({"ransomware"}), sector=sector)
        assert [r.agency.code for r in route_report(facts, RoutingTable.load())] == ["USSS", "FBI"]


def test_a_report_is_routed_by_its_sector(db):
    report = CyberIncidentReportFactory(incident_types=["malicious_code"], sector="dams")
    assert RoutingFacts.of_report(report).sector == "dams"
    routed = route_report(RoutingFacts.of_report(report), RoutingTable.load())
    assert [r.agency.code for r in routed] == ["CISA", "USSS", "FBI"]
