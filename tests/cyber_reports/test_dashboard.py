"""An agency desk's dashboard: its figures on known reports (the FBI desk's, with an HSI-only
report it must not count; percentiles worked out by hand), who may open it, its queries."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.roles import Role
from cyber_reports.agencies import Agency
from cyber_reports.dashboard import desk_dashboard
from cyber_reports.desk import ReportRouting
from cyber_reports.models import CyberIncidentReport
from tests.factories import UserFactory, routed_report

EASTERN = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 3, 15, 0, tzinfo=ZoneInfo("UTC"))
URL = reverse("cyber_reports:desk_dashboard", kwargs={"agency": "fbi"})


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=EASTERN)


def report(when: datetime, *, types=("computer_intrusion",), sector="water", ack_hours=None):
    filed = routed_report(incident_types=list(types), sector=sector)
    CyberIncidentReport.objects.filter(pk=filed.pk).update(submitted_at=when)
    ReportRouting.objects.filter(report=filed).update(report_submitted_at=when, routed_at=when)
    if ack_hours is not None:
        routing = ReportRouting.objects.get(report=filed, agency__code="FBI")
        routing.acknowledge(by=UserFactory(role=Role.DESK_FBI), case_number="FBI-1")
        ReportRouting.objects.filter(pk=routing.pk).update(
            acknowledged_at=when + timedelta(hours=ack_hours)
        )
    return filed


@pytest.fixture
def reports(db):
    report(at(12, 1), types=("ransomware", "computer_intrusion"), ack_hours=2)
    report(at(11, 24), sector="healthcare", ack_hours=5)
    report(at(11, 10), ack_hours=10)
    report(at(10, 20), ack_hours=30)  # 44 days ago
    report(at(11, 30))  # not acknowledged
    report(at(12, 2), types=("smuggling",), ack_hours=None)  # HSI's alone
    report(at(7, 1), ack_hours=1)  # before every window


def fbi_dashboard():
    return desk_dashboard(
        user=UserFactory(role=Role.DESK_FBI), agency=Agency.objects.get(code="FBI"), now=NOW
    )


def cells(chart) -> dict:
    return {group.label: group.cells for group in chart.groups}


def test_reports_received_per_week(reports):
    dashboard = fbi_dashboard()
    rows = cells(dashboard.weekly_chart)
    assert len(rows) == 12 and list(rows)[-1] == "November 30, 2026"
    assert rows["November 30, 2026"] == ("2",)  # not the HSI report of Dec 2
    assert rows["November 23, 2026"] == ("1",)
    assert rows["November 9, 2026"] == ("1",)
    assert rows["October 19, 2026"] == ("1",)
    assert dashboard.received == 5


def test_by_incident_type_and_by_sector(reports):
    dashboard = fbi_dashboard()
    assert cells(dashboard.type_chart) == {
        "Computer intrusion or criminal hacking": ("5",),
        "Ransomware or cyber extortion": ("1",),
    }
    weekly = dashboard.type_weekly_chart
    assert [one.name for one in weekly.series] == [
        "Computer intrusion or criminal hacking",
        "Ransomware or cyber extortion",
    ]
    assert cells(weekly)["November 30, 2026"] == ("2", "1")
    assert cells(dashboard.sector_chart) == {
        "Water and wastewater systems": ("4",),
        "Healthcare and public health": ("1",),
    }
    assert cells(dashboard.sector_weekly_chart)["November 23, 2026"] == ("0", "1")


def test_time_to_first_acknowledgement(reports):
    dashboard = fbi_dashboard()
    last_30, last_90 = dashboard.acknowledgement["last_30"], dashboard.acknowledgement["last_90"]
    hour = 3600
    # 2, 5, 10 hours: median 5; position 1.8: 5 + 0.8 × 5 = 9.
    assert last_30.count == 3
    assert last_30.median_seconds == pytest.approx(5 * hour)
    assert last_30.p90_seconds == pytest.approx(9 * hour)
    # With October's 30 hours: median 7.5; position 2.7: 10 + 0.7 × 20 = 24.
    assert last_90.count == 4
    assert last_90.median_seconds == pytest.approx(7.5 * hour)
    assert last_90.p90_seconds == pytest.approx(24 * hour)
    assert dashboard.not_acknowledged == 1
    assert cells(dashboard.acknowledgement_chart) == {
        "Last 30 days": ("5.0", "9.0"),
        "Last 90 days": ("7.5", "24.0"),
    }


def test_the_desk_opens_it_from_its_list(role_client, reports):
    client, _user = role_client(Role.DESK_FBI)
    listing = client.get(reverse("cyber_reports:desk_list", kwargs={"agency": "fbi"}))
    assert URL in listing.content.decode()
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    page = response.content.decode()
    assert "<svg" in page and "Computer intrusion or criminal hacking" in page
    assert 'aria-current="page"' in page  # "My desk" stays current


def test_another_desk_finds_nothing_and_others_are_refused(role_client, reports):
    hsi, _user = role_client(Role.DESK_HSI)
    assert hsi.get(URL).status_code == 404
    for role in (Role.CLERK, Role.ERO_REVIEWER, Role.CONTENT_EDITOR):
        client, _user = role_client(role)
        assert client.get(URL).status_code == 403


def test_the_dashboard_needs_mfa(role_client, db):
    client, _user = role_client(Role.DESK_FBI, mfa=False)
    assert client.get(URL).status_code == 403


def test_queries_do_not_grow_with_the_reports(role_client, reports, django_assert_max_num_queries):
    client, user = role_client(Role.DESK_FBI)
    client.get(URL)  # session and permission caches; the first snapshot is computed here
    with django_assert_max_num_queries(11) as page:  # the agency, the worker's snapshot
        assert client.get(URL).status_code == 200
    assert not [
        sql
        for sql in (q["sql"] for q in page.captured_queries)
        if "cyber_reports_reportrouting" in sql
    ]
    fbi = Agency.objects.get(code="FBI")
    with django_assert_max_num_queries(10):  # what the worker computes
        desk_dashboard(user=user, agency=fbi, now=NOW)
    for day in (3, 4, 5):
        report(at(11, day), types=("ransomware", "fraud"), ack_hours=1)
    with django_assert_max_num_queries(10):
        desk_dashboard(user=user, agency=fbi, now=NOW)
