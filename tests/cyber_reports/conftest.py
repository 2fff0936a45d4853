"""Shared data of the cyber-report tests."""

import re

from testkit.payloads import cyber_report_post


def report_data(*, types=("ransomware", "malicious_code"), **overrides) -> dict:
    """testkit's valid report post (ransomware at a hospital, every optional answer given),
    with the incident types of the codes `types` ticked."""
    from cyber_reports.agencies import IncidentType

    ticked = IncidentType.objects.filter(code__in=types).values_list("pk", flat=True)
    return cyber_report_post(ticked, **overrides)


def update_token_on_receipt(client, filed) -> str:
    """The update link's secret, as the filer reads it on the receipt `filed` redirected to."""
    receipt = client.get(filed["Location"])
    assert receipt.status_code == 200
    return re.search(r'href="/cyber-incidents/update/([^/"]+)/?"', receipt.text).group(1)
