"""The one valid post of each filing form, as a browser sends it (without its CSRF token, which
the caller adds from the page it fetched).

Each call returns a fresh dict that the caller may change freely. Keyword arguments replace
fields or add them (a `document`, a `duplicates_seen`): that is how a test spoils one answer and
how a benchmark makes every filing a different person. Plain data with no Django, so the load
generator (bench/load/locustfile.py) imports it as the tests and bench/harness.py do.
"""

import datetime
from collections.abc import Iterable
from typing import Any

#: The password of every sign-up these posts make: long, uncommon, unlike the address.
SIGN_UP_PASSWORD = "Stonewall-Quarry-Lantern-88"  # noqa: S105 - a test fixture


def clerk_signup_post(**fields: Any) -> dict[str, Any]:
    """A complete, valid clerk sign-up: who the person is, the agency and its ORI (typed in
    lower case with a space, as people do), the address and the password twice."""
    return {
        "full_name": "Pat Clerk",
        "title": "Deputy clerk",
        "agency_name": "Arlington General District Court",
        "agency_ori": "va 0070000",
        "email": "pat.clerk@county-court.example",
        "password1": SIGN_UP_PASSWORD,
        "password2": SIGN_UP_PASSWORD,
        **fields,
    }


def stakeholder_request_post(**fields: Any) -> dict[str, Any]:
    """A complete, valid stakeholder request, submitted (`action=submit`): a court clerk asks
    whether Ana Maria Rivera, who missed a hearing a week ago, was in ICE custody that day.

    Some answers are typed as people type them (`A 123 456 789`, a lower-case ORI, a phone
    number with dashes), so the form's normalising is exercised on every filing."""
    last_week = datetime.date.today() - datetime.timedelta(days=7)
    return {
        "requester_name": "Pat Clerk",
        "requester_title": "Deputy clerk",
        "agency_name": "Arlington General District Court",
        "agency_type": "court",
        "agency_type_other": "",
        "agency_ori": "va0070000",
        "requester_phone": "703-555-0199",
        "mailing_address": "1425 N Courthouse Rd\nArlington, VA 22201",
        "subject_family_name": "Rivera",
        "subject_given_names": "Ana Maria",
        "subject_middle_name": "",
        "subject_other_names": "",
        "subject_date_of_birth": "1990-05-17",
        "subject_country_of_birth": "Honduras",
        "subject_sex": "female",
        "a_number": "A 123 456 789",
        "fbi_number": "",
        "state_id_number": "",
        "booking_number": "",
        "obligation_type": "court_appearance",
        "obligation_type_other": "",
        "obligation_date": last_week.isoformat(),
        "obligation_court": "Arlington General District Court",
        "case_number": "GC26-1234",
        "obligation_description": "Failed to appear for a hearing; a capias was issued.",
        "information_requested": ["wants_custody_on_date", "wants_current_status"],
        "attested": "on",
        "action": "submit",
        **fields,
    }


# The answers an officer may leave out, each given here: what the systems were, the network
# indicators, a request for technical assistance, the ransom and the losses, and one status
# change of the formset. No wallet or domain: every filing would share it, and be related.
_OPTIONAL_ANSWERS = {
    "assets_affected": "Electronic health records, imaging servers",
    "systems_affected": "140",
    "technical_assistance_requested": "on",
    "destination_addresses": "203.0.113.5:443\n[2001:db8::1]:8443\n3389",
    "destination_urls": "hxxps://pay-now[.]example/ransom",
    "source_addresses": "198.51.100.7",
    "operating_systems": "Windows Server 2019",
    "ransomware_variant": "LockBit",
    "ransom_demanded": "2.5",
    "ransom_currency": "BTC",
    "ransom_paid": "no",
    "estimated_loss": "$1,250,000",
    "backups": "affected",
    "status-TOTAL_FORMS": "3",
    "status-0-occurred_at": "2026-11-28T07:30",
    "status-0-description": "Systems isolated from the internet",
}


def cyber_report_post(
    incident_types: Iterable[int | str],
    *,
    optional_answers: bool = True,
    filing: int | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A complete, valid anonymous cyber-incident report: ransomware at a hospital, detected on
    28 November 2026, critical functions affected, so the routing adds CISA.

    `incident_types` are the values of the form's incident-type boxes (the incident types'
    primary keys, as the page lists them). With `optional_answers=False` only the required
    answers are sent (no indicators, no status change, no request for assistance): the
    shortest filing, as the filing-speed benchmarks send it. A `filing` number goes into the
    reporter's address and the entity's name, so filings one after another are told apart."""
    post = {
        "reporter_name": "Dana Whitfield",
        "reporter_title": "Detective Sergeant",
        "reporter_organization": "Riverton Police Department",
        "reporter_address": "100 Main Street\nRiverton, OH 45000",
        "reporter_phone": "(555) 010-4477",
        "reporter_email": "d.whitfield@riverton-pd.example",
        "entity_name": "Riverton General Hospital",
        "entity_owner": "Riverton Health System",
        "entity_contact": "Sam Ortiz, CISO, (555) 010-9000",
        "entity_type": "non_profit",
        "sector": "healthcare",
        "incident_types": [str(value) for value in incident_types],
        "started_at": "2026-11-27T22:15",
        "detected_at": "2026-11-28T06:40",
        "time_zone": "America/New_York",
        "ongoing": "yes",
        "attack_vector": "email",
        "vulnerability": "",
        "detection_method": "Staff could not open patient records; ransom note on screens.",
        "assets_affected": "",
        "systems_affected": "",
        "records_affected": "",
        "people_affected": "",
        "functional_impact": "denial_critical",
        "information_impact": ["suspected"],
        "recoverability": "extended",
        "activity_location": "critical_systems",
        "critical_functions_affected": "yes",
        "control_system_compromised": "no",
        "impact_synopsis": "Ambulances diverted; surgeries postponed.",
        "actions_taken": "Network isolated; backups checked.",
        "mssp_name": "",
        "investigation_case_number": "",
        "other_agencies_notified": "",
        "destination_addresses": "",
        "destination_urls": "",
        "source_addresses": "",
        "operating_systems": "",
        "sophisticated_ttps": "",
        "targeting_indications": "",
        "domains": "",
        "email_addresses": "",
        "file_hashes": "",
        "wallet_addresses": "",
        "ransomware_variant": "",
        "ransom_demanded": "",
        "ransom_currency": "",
        "ransom_paid": "unknown",
        "estimated_loss": "",
        "backups": "unknown",
        "homepage": "",  # the honeypot stays empty
        "status-TOTAL_FORMS": "0",
        "status-INITIAL_FORMS": "0",
        "status-MIN_NUM_FORMS": "0",
        "status-MAX_NUM_FORMS": "20",
    }
    if filing is not None:
        post["reporter_email"] = f"officer{filing}@riverton-pd.example"
        post["entity_name"] = f"Riverton General Hospital {filing}"
    if optional_answers:
        post.update(_OPTIONAL_ANSWERS)
        for row in (1, 2):  # the formset's two spare rows, left blank
            post |= {f"status-{row}-occurred_at": "", f"status-{row}-description": ""}
    return {**post, **fields}
