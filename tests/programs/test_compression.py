"""Directory pages from the page cache are sent compressed to a browser that accepts it, and
no page with a secret ever is (programs/caching.py, BREACH)."""

import gzip

import brotli
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BROWSER = "gzip, deflate, br, zstd"  # what Chromium and Firefox send over HTTPS


def plain(client, url):
    return client.get(url, HTTP_ACCEPT_ENCODING="identity")


@pytest.mark.parametrize("url", [reverse("home"), reverse("programs:search") + "?q=detainer"])
def test_a_browser_gets_the_page_in_brotli_on_a_miss_and_on_a_hit(client, url):
    miss = client.get(url, HTTP_ACCEPT_ENCODING=BROWSER)
    hit = client.get(url, HTTP_ACCEPT_ENCODING=BROWSER)
    assert (miss["X-Directory-Cache"], hit["X-Directory-Cache"]) == ("miss", "hit")
    page = plain(client, url)
    assert "Content-Encoding" not in page
    for response in (miss, hit):
        assert response["Content-Encoding"] == "br"
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        assert brotli.decompress(response.content) == page.content
        assert len(response.content) < len(page.content) / 3
    assert int(page["Content-Length"]) == len(page.content)


@pytest.mark.parametrize(
    ("accepts", "encoding"),
    [
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.8", "gzip"),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
        ("gzip;q=0, br;q=0", None),
        ("identity", None),
        ("", None),
        ("br;q=nonsense, gzip", "gzip"),
    ],
)
def test_the_encoding_is_one_the_client_accepts(client, accepts, encoding):
    url = reverse("programs:faq")
    client.get(url)  # stored
    response = client.get(url, HTTP_ACCEPT_ENCODING=accepts)
    assert response["X-Directory-Cache"] == "hit"
    assert response.get("Content-Encoding") == encoding
    body = response.content
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "br":
        body = brotli.decompress(body)
    assert body == plain(client, url).content


def test_a_compressed_page_revalidates_with_its_weak_etag(client):
    url = reverse("home")
    first = client.get(url, HTTP_ACCEPT_ENCODING=BROWSER)
    assert first["ETag"].startswith('W/"')
    assert plain(client, url)["ETag"] == first["ETag"].removeprefix("W/")
    again = client.get(url, HTTP_ACCEPT_ENCODING=BROWSER, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        reverse("account_login"),  # a CSRF token
        reverse("cyber_reports:report_create"),  # a CSRF token
        reverse("verify_certification"),
    ],
)
def test_pages_with_a_csrf_token_are_never_compressed(client, url):
    response = client.get(url, HTTP_ACCEPT_ENCODING=BROWSER)
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_signed_in_visitors_directory_page_is_never_compressed(clerk_client):
    response = clerk_client.get(reverse("home"), HTTP_ACCEPT_ENCODING=BROWSER)
    assert b"Sign out" in response.content
    assert "Content-Encoding" not in response
