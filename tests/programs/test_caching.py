"""The directory's page cache under attack: what goes into it, what it answers, and what it
may never push out (issue 15, "cache flooding")."""

import datetime

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse

from leacorner.rate_limits import CERTIFICATE_CHECKS

pytestmark = pytest.mark.django_db

SEARCH = reverse("programs:search")


def page_cache_entries() -> int:
    """Pages stored in the directory's cache (local memory in the tests)."""
    return sum(1 for key in caches["directory"]._cache if "directory-page" in key)


def test_parameters_a_page_does_not_read_add_no_entries(client):
    # 100 GETs of ?q=ice&junk=<n> added 100 entries of 12-49 KB each.
    first = client.get(SEARCH, {"q": "ice", "junk": "0"})
    assert first["X-Directory-Cache"] == "miss"
    for n in range(1, 100):
        assert client.get(SEARCH, {"q": "ice", "junk": str(n)})["X-Directory-Cache"] == "hit"
    assert client.get(reverse("home"), {"utm_source": "mail"})["X-Directory-Cache"] == "miss"
    assert client.get(reverse("home"), {"fbclid": "abc"})["X-Directory-Cache"] == "hit"
    assert page_cache_entries() == 2


@pytest.mark.parametrize(
    ("first", "again"),
    [
        ({"q": "ice"}, {"q": "  ice  "}),
        ({"q": "detainee locator"}, {"q": "detainee \t locator"}),
        ({"q": "ice"}, {"q": "ice", "page": "1"}),
        ({"q": "program", "page": "2"}, {"q": "program", "page": "02"}),
    ],
)
def test_what_a_page_reads_is_normalised_before_it_is_a_key(client, first, again):
    assert client.get(SEARCH, first)["X-Directory-Cache"] == "miss"
    assert client.get(SEARCH, again)["X-Directory-Cache"] == "hit"
    assert page_cache_entries() == 1


def test_the_page_shows_the_normalised_words_it_is_cached_under(client):
    client.get(SEARCH, {"q": "  detainee   locator "})
    page = client.get(SEARCH, {"q": "detainee locator"})
    assert page["X-Directory-Cache"] == "hit"
    assert 'value="detainee locator"' in page.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ice", "page": "abc"},
        {"q": "ice", "page": "99999999"},
        {"q": "x" * 500},  # refused as too long
    ],
)
def test_requests_outside_what_a_page_can_show_are_answered_but_not_stored(client, params):
    assert client.get(SEARCH, params).status_code == 200
    assert page_cache_entries() == 0


def test_field_offices_are_cached_per_known_place_only(client):
    url = reverse("programs:field_office_list")
    assert client.get(url, {"state": "tx"})["X-Directory-Cache"] == "miss"
    assert client.get(url, {"state": " TX "})["X-Directory-Cache"] == "hit"
    for junk in ("zz", "<script>", "x" * 50):
        response = client.get(url, {"state": junk})
        assert response.status_code == 200
        assert "Choose a state or territory" in response.content.decode()
    assert page_cache_entries() == 1


def test_not_found_pages_are_never_cached(client):
    for n in range(20):
        response = client.get(reverse("programs:program_detail", args=[f"no-such-program-{n}"]))
        assert response.status_code == 404
        assert response.get("X-Directory-Cache") != "hit"
    again = client.get(reverse("programs:program_detail", args=["no-such-program-0"]))
    assert again.get("X-Directory-Cache") != "hit"
    assert client.get("/sitemap.xml", {"p": "7"}).status_code == 404
    assert page_cache_entries() == 0


def test_the_host_is_validated_before_a_cached_page_is_answered(client):
    url = reverse("programs:faq")
    assert client.get(url)["X-Directory-Cache"] == "miss"
    assert client.get(url)["X-Directory-Cache"] == "hit"
    response = client.get(url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "X-Directory-Cache" not in response


def test_a_flood_of_pages_cannot_push_out_the_rate_limit_counters(client, settings):
    # The limits of /verify/, sign-in and mail count in the default cache; pages go to their
    # own, bounded one, so filling it evicts only pages.
    settings.STAKEHOLDER_VERIFY_LIMIT = 3
    # A day's window: the flood takes a while, and a fixed window's edge must not fall in it.
    settings.STAKEHOLDER_VERIFY_WINDOW = datetime.timedelta(days=1)
    visitor = RequestFactory().post("/verify/", REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert CERTIFICATE_CHECKS.consume(visitor).allowed
    limit = caches["directory"]._max_entries
    for n in range(limit + 50):
        Client().get(SEARCH, {"q": f"flood {n}"})
    assert page_cache_entries() <= limit
    assert not CERTIFICATE_CHECKS.consume(visitor).allowed  # still counted: no reset
