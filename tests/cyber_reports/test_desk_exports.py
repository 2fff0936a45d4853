"""The desk's exports: the STIX bundle and the CSV of one report and of the filtered list."""

import csv
import io
import json
from decimal import Decimal

import pytest
import stix2

from accounts.roles import Role
from cyber_reports.indicators import (
    normalised,
    parse_addresses,
    parse_domains,
    parse_emails,
    parse_hashes,
    parse_wallets,
)
from cyber_reports.models import Indicator

from ..factories import routed_report
from .test_desk import desk_url


@pytest.fixture
def detailed_report(db):
    report = routed_report(
        incident_types=["ransomware", "computer_intrusion"],
        reporter_organization="=Riverton PD",
        started_at="2026-11-27T22:15-05:00",
        detected_at="2026-11-28T06:40-05:00",
    )
    D, S = Indicator.Direction.DESTINATION, Indicator.Direction.SOURCE
    at = {"report": report, "report_submitted_at": report.submitted_at}
    Indicator.objects.bulk_create(
        [
            normalised("ip", "203.0.113.5", direction=D, port=443, **at),
            normalised("ip", "2001:db8::1", direction=D, **at),
            normalised("port", "3389", direction=D, port=3389, **at),
            normalised("url", "https://pay-now.example/x", direction=D, **at),
            normalised("ip", "198.51.100.7", direction=S, port=51515, **at),
        ]
    )
    return report


def test_stix_bundle_of_one_report_parses_back(detailed_report, role_client):
    client, _user = role_client(Role.DESK_FBI)
    response = client.get(desk_url("desk_report_stix", "FBI", detailed_report))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/stix+json")
    bundle = stix2.parse(response.content.decode(), allow_custom=False)
    by_type = {}
    for obj in bundle.objects:
        by_type.setdefault(obj.type, []).append(obj)
    assert [o.name for o in by_type["identity"]] == ["=Riverton PD"]
    incident = by_type["incident"][0]
    assert incident.name.startswith(detailed_report.tracking_number)
    assert incident.external_references[0].external_id == detailed_report.tracking_number
    assert "3389" in incident.description
    assert {o.value for o in by_type["ipv4-addr"]} == {"203.0.113.5", "198.51.100.7"}
    assert {o.value for o in by_type["ipv6-addr"]} == {"2001:db8::1"}
    assert {o.value for o in by_type["url"]} == {"https://pay-now.example/x"}
    ports = {
        (getattr(t, "dst_port", None), getattr(t, "src_port", None))
        for t in by_type["network-traffic"]
    }
    assert ports == {(443, None), (None, 51515)}
    observed = by_type["observed-data"][0]
    assert set(observed.object_refs) == {
        o.id for kind in ("ipv4-addr", "ipv6-addr", "url", "network-traffic") for o in by_type[kind]
    }
    assert by_type["relationship"][0].source_ref == incident.id
    # The same report exports to the same ids.
    again = client.get(desk_url("desk_report_stix", "FBI", detailed_report)).content
    assert json.loads(again)["objects"] == json.loads(response.content)["objects"]


def test_filtered_list_exports(detailed_report, role_client):
    other = routed_report(incident_types=["identity_theft"], sector="energy")
    routed_report(incident_types=["smuggling"])  # HSI only: never in the FBI's export
    client, _user = role_client(Role.DESK_FBI)
    response = client.get(desk_url("desk_export_stix", "FBI"))
    bundle = stix2.parse(response.content.decode())
    incidents = {
        o.external_references[0].external_id for o in bundle.objects if o.type == "incident"
    }
    assert incidents == {detailed_report.tracking_number, other.tracking_number}
    response = client.get(desk_url("desk_export_stix", "FBI"), {"sector": "energy"})
    bundle = stix2.parse(response.content.decode())
    assert [o.type for o in bundle.objects].count("incident") == 1

    response = client.get(desk_url("desk_export_csv", "FBI"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["tracking_number"] for row in rows} == incidents
    row = next(r for r in rows if r["tracking_number"] == detailed_report.tracking_number)
    assert row["reporter_organization"] == "'=Riverton PD"  # no spreadsheet formula
    assert (
        row["destination_indicators"]
        == "203.0.113.5:443 2001:db8::1 port 3389 https://pay-now.example/x"
    )
    assert row["source_indicators"] == "198.51.100.7:51515"
    # Ransomware at a water utility: DHS/CISA too (issue 12's sector rule).
    assert row["agencies"] == "CISA;USSS;FBI"
    assert row["incident_types"] == "computer_intrusion;ransomware"

    single = client.get(desk_url("desk_report_csv", "FBI", other))
    rows = list(csv.DictReader(io.StringIO(b"".join(single.streaming_content).decode())))
    assert [r["tracking_number"] for r in rows] == [other.tracking_number]


def test_the_ransomware_answers_and_every_indicator_kind_export(role_client, db):
    """CSV columns and STIX objects that `stix2` parses with no custom object: the variant as
    a ransomware `malware`, each wallet as an `indicator` with a pattern, domains, e-mail
    addresses, hashes and ranges as observables, the demand and the losses in the incident."""
    report = routed_report(
        incident_types=["ransomware"],
        ransomware_variant="Akira",
        ransom_demanded=Decimal("2.5"),
        ransom_currency="BTC",
        ransom_paid="yes",
        estimated_loss=Decimal("1250000"),
        backups="none",
    )
    indicators = [
        *parse_wallets(
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\nZEC: t1Rv4exT7bqhZqi2j7xz8bUHDMxwosrjADU"
        ),
        *parse_domains("pay-now.example"),
        *parse_emails("ransom@proton.example"),
        *parse_hashes("d41d8cd98f00b204e9800998ecf8427e"),
        *parse_addresses("198.51.100.0/24", "source"),
    ]
    for indicator in indicators:
        indicator.report, indicator.report_submitted_at = report, report.submitted_at
    Indicator.objects.bulk_create(indicators)
    client, _user = role_client(Role.DESK_FBI)
    response = client.get(desk_url("desk_report_csv", "FBI", report))
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["ransomware_variant"] == "Akira"
    assert (row["ransom_demanded"], row["ransom_currency"], row["ransom_paid"]) == (
        "2.5",
        "BTC",
        "yes",
    )
    assert (row["estimated_loss"], row["backups"]) == ("1250000.00", "none")
    assert row["wallet_addresses"] == (
        "BTC:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq ZEC:t1Rv4exT7bqhZqi2j7xz8bUHDMxwosrjADU"
    )
    assert row["domains"] == "pay-now.example"
    assert row["email_addresses"] == "ransom@proton.example"
    assert row["file_hashes"] == "d41d8cd98f00b204e9800998ecf8427e"
    assert row["source_indicators"] == "198.51.100.0/24"

    response = client.get(desk_url("desk_report_stix", "FBI", report))
    bundle = stix2.parse(response.content.decode(), allow_custom=False)
    by_type = {}
    for obj in bundle.objects:
        by_type.setdefault(obj.type, []).append(obj)
    (malware,) = by_type["malware"]
    assert malware.name == "Akira" and malware.is_family and malware.malware_types == ["ransomware"]
    patterns = sorted(i.pattern for i in by_type["indicator"])
    assert patterns == [
        "[cryptocurrency-wallet:address = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']",
        "[cryptocurrency-wallet:address = 't1Rv4exT7bqhZqi2j7xz8bUHDMxwosrjADU']",
    ]
    assert {o.value for o in by_type["domain-name"]} == {"pay-now.example"}
    assert {o.value for o in by_type["email-addr"]} == {"ransom@proton.example"}
    assert by_type["file"][0].hashes == {"MD5": "d41d8cd98f00b204e9800998ecf8427e"}
    assert {o.value for o in by_type["ipv4-addr"]} == {"198.51.100.0/24"}
    incident = by_type["incident"][0]
    assert "Ransom demanded: 2.5 Bitcoin (BTC); paid: Yes." in incident.description
    assert "Estimated financial loss: 1,250,000.00 U.S. dollars." in incident.description
    assert "Backups: No backups." in incident.description
    targets = {r.target_ref for r in by_type["relationship"] if r.source_ref == incident.id}
    assert malware.id in targets and {i.id for i in by_type["indicator"]} <= targets
