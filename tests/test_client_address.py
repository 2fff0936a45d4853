"""The client's address behind the portal's own proxies: what a client can and cannot forge,
and that the rate limits, the audit log and axes all count the same address."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from axes.models import AccessFailureLog
from django.test import Client, RequestFactory

from accounts.models import SecurityEvent
from accounts.roles import Role
from cyber_reports.models import CyberIncidentReport
from leacorner.client_address import client_address, client_network

from .cyber_reports.conftest import report_data
from .factories import UserFactory

ROOT = Path(__file__).resolve().parents[1]
BALANCER = "10.0.0.2"  # REMOTE_ADDR of every request that came through the load balancer


def request_from(remote_addr: str = BALANCER, forwarded_for: str | None = None):
    headers = {} if forwarded_for is None else {"X-Forwarded-For": forwarded_for}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


def behind_balancer(forwarded_for: str) -> Client:
    """A browser whose requests reach gunicorn through the balancer, which appended the
    browser's address to whatever X-Forwarded-For the browser itself sent."""
    return Client(REMOTE_ADDR=BALANCER, headers={"X-Forwarded-For": forwarded_for})


class TestClientAddress:
    def test_without_a_trusted_proxy_a_forged_header_is_ignored(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"

    def test_behind_one_proxy_the_address_it_appended_is_the_client(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_address(request_from(forwarded_for="203.0.113.7")) == "203.0.113.7"
        # Whatever the client wrote itself stays to the left of what the proxy appended.
        forged = request_from(forwarded_for="198.51.100.1, 203.0.113.7")
        assert client_address(forged) == "203.0.113.7"

    def test_behind_two_proxies_a_forged_leftmost_entry_is_not_used(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        # The client sent "198.51.100.1"; the outer proxy appended the client's address, the
        # inner one the outer one's, and REMOTE_ADDR is the inner proxy.
        forged = request_from(forwarded_for="198.51.100.1, 203.0.113.7, 10.0.0.3")
        assert client_address(forged) == "203.0.113.7"
        assert client_address(request_from(forwarded_for="203.0.113.7,10.0.0.3")) == "203.0.113.7"

    def test_fewer_entries_than_proxies_fall_back_to_the_peer(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        # A request that did not pass through both proxies (or a client's own header alone).
        assert client_address(request_from(forwarded_for="198.51.100.1")) == BALANCER
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_address(request_from()) == BALANCER

    @pytest.mark.parametrize(
        "header",
        [
            "",
            ",",
            "not-an-address",
            "203.0.113.7:51234",
            "203.0.113.999",
            "<script>alert(1)</script>",
            "fe80::1%eth0",
            "203.0.113.7, ",
            "\x00",
        ],
    )
    def test_a_malformed_entry_falls_back_to_the_peer(self, settings, header):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_address(request_from(forwarded_for=header)) == BALANCER

    def test_the_address_is_canonical(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_address(request_from(forwarded_for=" 2001:DB8::0001 ")) == "2001:db8::1"

    def test_no_valid_address_at_all_is_none(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        assert client_address(request_from("")) is None
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_address(request_from("unix-socket", "garbage")) is None

    def test_allauth_rate_limits_count_the_same_address(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        request = request_from(forwarded_for="198.51.100.1, 203.0.113.7")
        assert get_adapter(request).get_client_ip(request) == "203.0.113.7"


@pytest.mark.django_db
class TestBehindTheBalancer:
    def test_anonymous_reports_are_limited_per_client_not_per_balancer(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        settings.CYBER_REPORTS_ANONYMOUS_LIMIT = 1
        first = behind_balancer("203.0.113.7")
        second = behind_balancer("203.0.113.8")
        assert first.post("/cyber-incidents/report/", report_data()).status_code == 302
        assert second.post("/cyber-incidents/report/", report_data()).status_code == 302
        assert first.post("/cyber-incidents/report/", report_data()).status_code == 429
        # Forging a fresh address on the left does not escape the limit.
        forger = behind_balancer("192.0.2.99, 203.0.113.7")
        assert forger.post("/cyber-incidents/report/", report_data()).status_code == 429
        stored = CyberIncidentReport.objects.values_list("source_address", flat=True)
        assert sorted(stored) == ["203.0.113.7", "203.0.113.8"]

    def test_without_a_trusted_proxy_everyone_behind_it_shares_one_limit(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        settings.CYBER_REPORTS_ANONYMOUS_LIMIT = 1
        first = behind_balancer("203.0.113.7")
        assert first.post("/cyber-incidents/report/", report_data()).status_code == 302
        second = behind_balancer("203.0.113.8")
        assert second.post("/cyber-incidents/report/", report_data()).status_code == 429

    def test_certification_checks_are_limited_per_client(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        settings.STAKEHOLDER_VERIFY_LIMIT = 1
        check = {"number": "CERT-1999-000001", "code": "AAAAA-AAAAA"}
        first = behind_balancer("203.0.113.7")
        assert first.post("/verify/", check).status_code == 200
        assert first.post("/verify/", check).status_code == 429
        assert behind_balancer("203.0.113.8").post("/verify/", check).status_code == 200

    def test_the_audit_log_and_axes_record_the_client(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        user = UserFactory(role=Role.CLERK)
        data = {"login": user.email, "password": "not-the-password", "acknowledge_notice": "on"}
        behind_balancer("192.0.2.99, 203.0.113.7").post("/accounts/login/", data)
        event = SecurityEvent.objects.get(kind="login_failed")
        assert event.source_address == "203.0.113.7"
        assert AccessFailureLog.objects.get().ip_address == "203.0.113.7"


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:abcd:1:2:3", "2001:db8:1:2::"),
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("not-an-address", None),
    ],
)
def test_a_client_is_one_node_an_ipv6_client_its_slash_64(settings, address, network):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    assert client_network(request) == network


@pytest.mark.parametrize("value", ["one", "-1", "1.5"])
def test_a_bad_proxy_count_stops_start_up_with_one_line(value):
    env = {"PATH": os.environ.get("PATH", ""), "DEBUG": "1", "TRUSTED_PROXY_COUNT": value}
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"TRUSTED_PROXY_COUNT={value!r} is not a count: set TRUSTED_PROXY_COUNT to a whole "
        "number, 0 or more."
    ]
