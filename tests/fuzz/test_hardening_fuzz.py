"""Hostile input to what issue 15 added or changed: the PDF rule, the directory's page cache
(junk parameters, hostile hosts), the account forms that send mail, the staff enrolment link,
the desk's exports with invalid filters, and sign-in from many addresses (the lockout)."""

import pytest
from django.core.cache import cache, caches
from django.http.request import split_domain_port, validate_host
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import User
from accounts.roles import Role
from leacorner.pdf_safety import UnsafePDF, check_pdf
from testkit.mfa import signed_in_client
from testkit.pdfs import ACTIVE_PDFS, HTML_POSING_AS_PDF, PLAIN_PDF

from ..factories import PASSWORD, UserFactory
from .checks import assert_refused_clearly
from .strategies import FRAGMENTS, hostile_text, spoil

pytestmark = pytest.mark.django_db


def _mutated(data: bytes):
    """`data` with bytes flipped, cut, inserted or repeated: what a damaged or crafted file is."""
    return st.one_of(
        st.integers(0, len(data)).map(lambda cut: data[:cut]),
        st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)).map(
            lambda change: data[: change[0]] + bytes([change[1]]) + data[change[0] + 1 :]
        ),
        st.tuples(st.integers(0, len(data)), st.binary(max_size=64)).map(
            lambda insert: data[: insert[0]] + insert[1] + data[insert[0] :]
        ),
        st.integers(2, 50).map(lambda times: data[:-6] + data[9:-6] * times + b"%%EOF\n"),
    )


_pdfs = st.one_of(
    st.binary(max_size=2048).map(lambda tail: b"%PDF-1.7\n" + tail + b"\n%%EOF\n"),
    st.binary(max_size=512),
    _mutated(PLAIN_PDF),
    st.sampled_from(list(ACTIVE_PDFS.values())).flatmap(_mutated),
    _mutated(HTML_POSING_AS_PDF),
)


@given(data=_pdfs)
def test_the_pdf_rule_refuses_or_accepts_and_never_fails(data):
    import io

    try:
        check_pdf(io.BytesIO(data))
    except UnsafePDF as refusal:
        assert refusal.message
    # Accepted: then nothing active is in it, whatever the mutation did to the rest.
    else:
        assert not any(name in data for name in (b"/JavaScript", b"/Launch", b"/EmbeddedFile"))


def _page_entries() -> int:
    return sum(1 for key in caches["directory"]._cache if "directory-page" in key)


_junk_names = st.one_of(
    st.sampled_from(["utm_source", "junk", "page", "q", "state", "p"]), st.text(max_size=20)
)


@given(
    path=st.sampled_from(
        ["/", "/directory/search/", "/directory/field-offices/", "/directory/faq/", "/sitemap.xml"]
    ),
    params=st.dictionaries(_junk_names, hostile_text, max_size=4),
)
def test_directory_pages_with_junk_parameters_add_at_most_one_entry(client, path, params):
    before = _page_entries()
    response = client.get(path, params)
    assert response.status_code in (200, 404)
    assert _page_entries() - before <= 1


@given(
    host=st.one_of(st.sampled_from(["evil.example", "localhost:99999", "a" * 300]), hostile_text)
)
def test_a_cached_page_answers_a_host_as_django_would(client, settings, host):
    client.get("/directory/faq/")  # cached for the real host
    try:
        response = client.get("/directory/faq/", HTTP_HOST=host)
    except UnicodeError:
        return  # the test client cannot even send it; a real server refuses it earlier
    domain, _port = split_domain_port(host)
    if domain and validate_host(domain, settings.ALLOWED_HOSTS):
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert "X-Directory-Cache" not in response


@given(post=spoil({"email": "clerk@court.example"}))
def test_password_reset_request(client, post):
    cache.clear()
    response = client.post(reverse("account_reset_password"), post)
    assert response.status_code < 500
    if response.status_code != 302:
        assert_refused_clearly(response, counts_before={}, counts_after={}, post=post)


@given(email=hostile_text)
def test_adding_an_address(clerk_client, clerk, email):
    cache.clear()
    before = clerk.emailaddress_set.count()
    response = clerk_client.post(reverse("account_email"), {"action_add": "", "email": email})
    assert response.status_code < 500
    if response.status_code != 302:
        assert_refused_clearly(
            response,
            counts_before={"addresses": before},
            counts_after={"addresses": clerk.emailaddress_set.count()},
        )


@given(token=st.one_of(hostile_text, st.sampled_from(FRAGMENTS)))
def test_enrolment_links_with_forged_tokens_open_nothing(token):
    user = UserFactory(role=Role.ERO_REVIEWER)
    client = signed_in_client(user, mfa=False)
    path = "/accounts/staff-enrolment/" + "".join(ch for ch in token if ch not in "/?#") + "/"
    response = client.get(path)
    assert response.status_code in (404, 301)
    assert client.get("/accounts/2fa/totp/activate/").status_code == 403


@given(
    export=st.sampled_from(["desk_export_csv", "desk_export_stix"]),
    query=st.dictionaries(
        st.sampled_from(["q", "incident_type", "sector", "status", "received_from", "received_to"]),
        hostile_text,
        max_size=3,
    ),
)
def test_desk_exports_give_a_file_or_the_list_with_its_errors(role_client, export, query):
    client, _user = role_client(Role.DESK_CISA)
    response = client.get(reverse(f"cyber_reports:{export}", args=["cisa"]), query)
    assert response.status_code in (200, 400)
    if response.status_code == 400:  # no file: the list, saying what is wrong
        assert "Content-Disposition" not in response
        assert response.context["filters"].errors


@given(
    attempts=st.lists(
        st.tuples(
            st.sampled_from(["203.0.113.1", "203.0.113.2", "2001:db8::1", "2001:db8::2", "junk"]),
            st.one_of(st.just(PASSWORD), hostile_text),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_sign_in_from_many_addresses(client, attempts):
    cache.clear()
    user = UserFactory(role=Role.ERO_REVIEWER)
    users = User.objects.count()
    for address, password in attempts:
        response = client.post(
            reverse("account_login"),
            {"login": user.email, "password": password, "acknowledge_notice": "on"},
            REMOTE_ADDR=address,
        )
        assert response.status_code in (200, 302, 403)
        client.logout()
    assert User.objects.count() == users
