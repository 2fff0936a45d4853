"""Related reports: reports that share an indicator (or whose addresses fall in each other's
ranges) show on each other's desk pages, only where that desk sees both, and the desk list
filters them (cyber_reports/related.py)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from cyber_reports.agencies import Agency
from cyber_reports.indicators import parse_addresses, parse_domains, parse_wallets
from cyber_reports.models import CyberIncidentReport, Indicator
from cyber_reports.related import PANEL_SIZE, link_related, related_panel

from ..factories import UserFactory, routed_report
from .conftest import report_data

pytestmark = pytest.mark.django_db
WALLET = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"


def with_indicators(*indicators, **report_fields):
    """A routed report carrying `indicators`, marked as filing marks it."""
    report = routed_report(**report_fields)
    for indicator in indicators:
        indicator.report = report
        indicator.report_submitted_at = report.submitted_at
        indicator.pk = None
    Indicator.objects.bulk_create(indicators)
    link_related(report)
    return report


def related_on(routing_report, agency_code: str, user) -> list[str]:
    routing = routing_report.routings.select_related("agency", "report").get(
        agency__code=agency_code
    )
    return [item.routing.report.tracking_number for item in related_panel(routing, user).reports]


def flags(report) -> dict[str, bool]:
    return dict(report.routings.values_list("agency__code", "has_related"))


def test_two_filings_with_one_wallet_are_related_on_every_desk_of_both(role_client):
    data = report_data(types=("ransomware",), sector="water", wallet_addresses=WALLET)
    first = Client().post("/cyber-incidents/report/", data)
    second = Client().post("/cyber-incidents/report/", {**data, "entity_name": "Lakeside Water"})
    assert first.status_code == second.status_code == 302
    older, newer = CyberIncidentReport.objects.order_by("pk")
    assert flags(older) == flags(newer) == {"CISA": True, "USSS": True, "FBI": True}
    client, user = role_client(Role.DESK_FBI)
    assert related_on(newer, "FBI", user) == [older.tracking_number]
    page = client.get(
        reverse(
            "cyber_reports:desk_report",
            kwargs={"agency": "fbi", "tracking_number": older.tracking_number},
        )
    ).content.decode()
    panel = page[page.index('id="related"') :]
    assert newer.tracking_number in panel and f"Wallet address: {WALLET}" in panel
    listing = client.get(
        reverse("cyber_reports:desk_list", kwargs={"agency": "fbi"}), {"related": "on"}
    )
    assert {r.report.tracking_number for r in listing.context["page"].object_list} == {
        older.tracking_number,
        newer.tracking_number,
    }


def test_a_desk_sees_only_related_reports_it_may_see_until_an_agency_is_added(make_user):
    domain = parse_domains("pay-now.example")
    fbi_report = with_indicators(*domain, incident_types=["identity_theft"])  # FBI only
    hsi_report = with_indicators(*parse_domains("PAY-NOW[.]EXAMPLE"), incident_types=["smuggling"])
    fbi, hsi = make_user(role=Role.DESK_FBI), make_user(role=Role.DESK_HSI)
    assert flags(fbi_report) == {"FBI": False} and flags(hsi_report) == {"HSI": False}
    assert related_on(fbi_report, "FBI", fbi) == []
    assert related_on(hsi_report, "HSI", hsi) == []
    # A member of both desks still sees, on the FBI's page, only what the FBI desk has.
    both = make_user(role=Role.DESK_FBI)
    both.groups.add(hsi.groups.get())
    assert related_on(fbi_report, "FBI", both) == []
    # The FBI desk adds HSI: now both reports are HSI's, and related there.
    routing = fbi_report.routings.select_related("agency").get()
    routing.refer(by=fbi, to=Agency.objects.get(code="HSI"), reason="Smuggling ring's site.")
    assert flags(fbi_report) == {"FBI": False, "HSI": True}
    assert flags(hsi_report) == {"HSI": True}
    assert related_on(hsi_report, "HSI", hsi) == [fbi_report.tracking_number]
    assert related_on(fbi_report, "HSI", hsi) == [hsi_report.tracking_number]
    assert related_on(fbi_report, "FBI", fbi) == []


def test_an_address_inside_another_reports_range_relates_them(make_user):
    network = with_indicators(*parse_addresses("203.0.113.0/24", "source"))
    inside = with_indicators(*parse_addresses("203.0.113.77:443", "destination"))
    wider = with_indicators(*parse_addresses("203.0.0.0/16", "source"))
    elsewhere = with_indicators(*parse_addresses("198.51.100.7", "source"))
    user = make_user(role=Role.DESK_FBI)
    assert set(related_on(inside, "FBI", user)) == {network.tracking_number, wider.tracking_number}
    assert set(related_on(network, "FBI", user)) == {inside.tracking_number, wider.tracking_number}
    assert set(related_on(wider, "FBI", user)) == {inside.tracking_number, network.tracking_number}
    assert related_on(elsewhere, "FBI", user) == []
    assert not any(flags(elsewhere).values())


def test_a_bare_port_relates_nothing(make_user):
    first = with_indicators(*parse_addresses("3389", "destination"))
    with_indicators(*parse_addresses("3389", "destination"))
    assert related_on(first, "FBI", make_user(role=Role.DESK_FBI)) == []


def test_the_panel_is_three_queries_however_many_reports_are_related(make_user):
    user = make_user(role=Role.DESK_FBI)
    user.has_role(Role.DESK_FBI)  # the user's roles, read once per request by the desk pages
    wallet = parse_wallets(WALLET)
    first = with_indicators(*wallet)

    def queries() -> int:
        routing = first.routings.select_related("agency", "report").get(agency__code="FBI")
        with CaptureQueriesContext(connection) as captured:
            panel = related_panel(routing, user)
        return len(captured), panel

    for _ in range(3):
        with_indicators(*parse_wallets(WALLET))
    few, panel = queries()
    assert len(panel.reports) == 3 and not panel.more
    for _ in range(PANEL_SIZE):
        with_indicators(*parse_wallets(WALLET))
    many, panel = queries()
    assert len(panel.reports) == PANEL_SIZE and panel.more
    assert few == many == 3
    # Newest first.
    shown = [item.routing.report_submitted_at for item in panel.reports]
    assert shown == sorted(shown, reverse=True)


def test_no_indicator_no_query_for_related(make_user):
    report = routed_report()
    routing = report.routings.select_related("agency", "report").first()
    user = UserFactory(role=Role.DESK_FBI)
    with CaptureQueriesContext(connection) as captured:
        assert related_panel(routing, user).reports == []
    assert len(captured) == 1  # the report's own indicators


def test_the_desk_report_page_costs_the_same_however_many_reports_are_related(role_client):
    client, _user = role_client(Role.DESK_FBI)
    first = with_indicators(*parse_wallets(WALLET))
    url = reverse(
        "cyber_reports:desk_report",
        kwargs={"agency": "fbi", "tracking_number": first.tracking_number},
    )

    def queries() -> int:
        client.get(url)  # the session and caches warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    with_indicators(*parse_wallets(WALLET))
    few = queries()
    for _ in range(PANEL_SIZE + 5):
        with_indicators(*parse_wallets(WALLET))
    assert queries() == few
