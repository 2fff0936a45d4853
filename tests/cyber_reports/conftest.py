"""Shared data of the cyber-report tests."""


def report_data(**overrides) -> dict:
    """The POST of a complete, valid report form (ransomware at a hospital)."""
    data = {
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
        "incident_types": [],
        "started_at": "2026-11-27T22:15",
        "detected_at": "2026-11-28T06:40",
        "time_zone": "America/New_York",
        "ongoing": "yes",
        "attack_vector": "email",
        "vulnerability": "",
        "detection_method": "Staff could not open patient records; ransom note on screens.",
        "assets_affected": "Electronic health records, imaging servers",
        "systems_affected": "140",
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
        "technical_assistance_requested": "on",
        "mssp_name": "",
        "investigation_case_number": "",
        "other_agencies_notified": "",
        "destination_addresses": "203.0.113.5:443\n[2001:db8::1]:8443\n3389",
        "destination_urls": "hxxps://pay-now[.]example/ransom",
        "source_addresses": "198.51.100.7",
        "operating_systems": "Windows Server 2019",
        "sophisticated_ttps": "",
        "targeting_indications": "",
        "homepage": "",
        "status-TOTAL_FORMS": "3",
        "status-INITIAL_FORMS": "0",
        "status-MIN_NUM_FORMS": "0",
        "status-MAX_NUM_FORMS": "20",
        "status-0-occurred_at": "2026-11-28T07:30",
        "status-0-description": "Systems isolated from the internet",
        "status-1-occurred_at": "",
        "status-1-description": "",
        "status-2-occurred_at": "",
        "status-2-description": "",
    }
    from cyber_reports.models import IncidentType

    types = overrides.pop("types", ["ransomware", "malicious_code"])
    data["incident_types"] = [
        str(pk) for pk in IncidentType.objects.filter(code__in=types).values_list("pk", flat=True)
    ]
    data.update(overrides)
    return data
