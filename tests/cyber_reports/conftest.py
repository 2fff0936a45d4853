"""Shared data of the cyber-report tests."""

from testkit.payloads import cyber_report_post


def report_data(*, types=("ransomware", "malicious_code"), **overrides) -> dict:
    """testkit's valid report post (ransomware at a hospital, every optional answer given),
    with the incident types of the codes `types` ticked."""
    from cyber_reports.agencies import IncidentType

    ticked = IncidentType.objects.filter(code__in=types).values_list("pk", flat=True)
    return cyber_report_post(ticked, **overrides)
