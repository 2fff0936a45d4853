"""The one rate limiter: exact under concurrency, per client address, IPv6 grouped by /64."""

import os
import threading
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory

from cyber_reports.models import CyberIncidentReport
from leacorner.rate_limits import (
    ANONYMOUS_REPORTS,
    CERTIFICATE_CHECKS,
    REPORT_UPDATE_FILES,
    REPORT_UPDATES,
    RateLimit,
)
from testkit.redis import REDIS_URL, needs_redis

from .cyber_reports.conftest import report_data


@pytest.fixture(autouse=True)
def _day_long_windows(settings):
    """Windows are fixed, each key's at its own offset: a day-long one cannot end in the middle
    of a test that counts (the window test sets its own)."""
    settings.STAKEHOLDER_VERIFY_WINDOW = timedelta(days=1)
    settings.CYBER_REPORTS_ANONYMOUS_WINDOW = timedelta(days=1)


def request_from(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_a_limit_admits_exactly_its_count_in_a_window(settings):
    settings.STAKEHOLDER_VERIFY_LIMIT = 3
    request = request_from("198.51.100.20")
    verdicts = [CERTIFICATE_CHECKS.consume(request) for _ in range(5)]
    assert [v.allowed for v in verdicts] == [True, True, True, False, False]
    assert verdicts[-1].count == 5 and verdicts[-1].limit == 3
    assert timedelta(0) <= verdicts[-1].retry_after <= CERTIFICATE_CHECKS.window


def test_peek_counts_nothing(settings):
    settings.STAKEHOLDER_VERIFY_LIMIT = 1
    request = request_from("198.51.100.21")
    assert all(CERTIFICATE_CHECKS.peek(request).allowed for _ in range(3))
    assert CERTIFICATE_CHECKS.consume(request).allowed
    assert not CERTIFICATE_CHECKS.peek(request).allowed


def test_limits_count_apart_from_each_other_and_per_address(settings):
    settings.STAKEHOLDER_VERIFY_LIMIT = 1
    settings.CYBER_REPORTS_ANONYMOUS_LIMIT = 1
    one, other = request_from("198.51.100.22"), request_from("198.51.100.23")
    assert CERTIFICATE_CHECKS.consume(one).allowed
    assert ANONYMOUS_REPORTS.consume(one).allowed  # another limit, its own count
    assert CERTIFICATE_CHECKS.consume(other).allowed  # another client
    assert not CERTIFICATE_CHECKS.consume(one).allowed


def test_ipv6_clients_are_counted_by_their_slash_64(settings):
    settings.STAKEHOLDER_VERIFY_LIMIT = 2
    # Three addresses of one /64 (a household rotating its privacy addresses): one client.
    same_network = ["2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:2:abcd:1:2:3"]
    verdicts = [CERTIFICATE_CHECKS.consume(request_from(a)).allowed for a in same_network]
    assert verdicts == [True, True, False]
    # The next /64 is another client.
    assert CERTIFICATE_CHECKS.consume(request_from("2001:db8:1:3::1")).allowed


def test_a_limit_may_count_per_key_whatever_the_address(settings):
    settings.SIGN_IN_ACCOUNT_LIMIT = 2
    limit = RateLimit("per-key-test", "SIGN_IN_ACCOUNT_LIMIT", "SIGN_IN_ACCOUNT_WINDOW")
    addresses = ["198.51.100.30", "198.51.100.31", "2001:db8:9::1"]
    verdicts = [limit.consume(request_from(a), key="clerk@court.example") for a in addresses]
    assert [v.allowed for v in verdicts] == [True, True, False]
    assert limit.consume(request_from("198.51.100.30"), key="other@court.example").allowed
    assert limit.consume(request_from("198.51.100.30")).allowed  # the address: its own count


def test_a_request_without_an_address_is_limited_not_an_error(settings):
    settings.STAKEHOLDER_VERIFY_LIMIT = 1
    assert CERTIFICATE_CHECKS.consume(request_from("")).allowed
    assert not CERTIFICATE_CHECKS.consume(request_from("not-an-address")).allowed


def test_the_window_comes_from_the_settings_at_call_time(settings):
    settings.STAKEHOLDER_VERIFY_WINDOW = timedelta(minutes=2)
    verdict = CERTIFICATE_CHECKS.consume(request_from("198.51.100.24"))
    assert verdict.retry_after <= timedelta(minutes=2)


def _admitted_in_parallel(limit: RateLimit, threads: int) -> int:
    """How many of `threads` simultaneous attempts of one client the limit admits."""
    start = threading.Barrier(threads)
    admitted: list[bool] = []
    lock = threading.Lock()

    def attempt():
        start.wait()
        verdict = limit.consume(request_from("203.0.113.50"))
        with lock:
            admitted.append(verdict.allowed)

    workers = [threading.Thread(target=attempt) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    return admitted.count(True)


def test_a_keyed_limit_counts_its_key_whoever_asks(settings):
    """The updates of one report, the receipts to one address: the key, not the client."""
    settings.CYBER_REPORTS_UPDATE_LIMIT = 2
    verdicts = [
        REPORT_UPDATES.consume(request_from(address), key="report:7").allowed
        for address in ("198.51.100.30", "203.0.113.31", "2001:db8:9::1")
    ]
    assert verdicts == [True, True, False]
    assert REPORT_UPDATES.consume(request_from("198.51.100.30"), key="report:8").allowed
    assert REPORT_UPDATES.consume(request_from("198.51.100.30")).allowed  # by address: apart


def test_an_attempt_may_count_several_and_is_admitted_only_whole(settings):
    settings.CYBER_REPORTS_UPDATE_FILE_LIMIT = 5
    request = request_from("198.51.100.32")
    assert REPORT_UPDATE_FILES.consume(request, key="report:9", amount=3).allowed
    refused = REPORT_UPDATE_FILES.consume(request, key="report:9", amount=3)
    assert not refused.allowed and refused.count == 6
    assert REPORT_UPDATE_FILES.consume(request, key="report:9", amount=0).allowed is False
    assert REPORT_UPDATE_FILES.peek(request, key="report:10").allowed


def test_racing_for_the_last_places_never_admits_more_than_the_limit(settings):
    """Two posts of three files each race for five places: at most one is admitted."""
    settings.CYBER_REPORTS_UPDATE_FILE_LIMIT = 5
    start = threading.Barrier(8)
    admitted: list[bool] = []
    lock = threading.Lock()

    def attempt():
        start.wait()
        verdict = REPORT_UPDATE_FILES.consume(
            request_from("203.0.113.51"), key="report:race", amount=3
        )
        with lock:
            admitted.append(verdict.allowed)

    workers = [threading.Thread(target=attempt) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert admitted.count(True) == 1


def test_simultaneous_attempts_never_exceed_the_limit(settings):
    settings.STAKEHOLDER_VERIFY_LIMIT = 5
    assert _admitted_in_parallel(CERTIFICATE_CHECKS, 40) == 5


@needs_redis
def test_simultaneous_attempts_never_exceed_the_limit_on_redis(settings):
    """The production cache: Redis' INCR is the atomic step across processes."""
    settings.CACHES = {
        **settings.CACHES,
        "rate-limit-test": {
            "BACKEND": "leacorner.redis_cache.KeptClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"leacorner-test-{os.getpid()}",
        },
    }
    settings.RATELIMIT_USE_CACHE = "rate-limit-test"
    settings.STAKEHOLDER_VERIFY_LIMIT = 5
    try:
        assert _admitted_in_parallel(CERTIFICATE_CHECKS, 40) == 5
    finally:
        caches["rate-limit-test"].clear()


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL (DATABASE_URL): SQLite serialises every writer",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_anonymous_reports_at_once_file_exactly_the_limit(settings):
    """The attack that once got 6 of 12 posts through a limit of 5: now exactly 5 are filed,
    the other 7 answer 429 with the reporter's answers kept."""
    assert connection.vendor == "postgresql"
    settings.CYBER_REPORTS_ANONYMOUS_LIMIT = 5
    data = report_data()
    start = threading.Barrier(12)
    statuses: list[int] = []
    lock = threading.Lock()

    def post():
        try:
            client = Client(REMOTE_ADDR="203.0.113.60")
            start.wait()
            response = client.post("/cyber-incidents/report/", data)
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    workers = [threading.Thread(target=post) for _ in range(12)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(statuses) == [302] * 5 + [429] * 7
    assert CyberIncidentReport.objects.count() == 5
