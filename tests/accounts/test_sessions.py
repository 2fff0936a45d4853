import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.middleware import SESSION_STARTED_KEY
from accounts.roles import Role
from testkit.mfa import signed_in_client
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_session_ends_twelve_hours_after_sign_in_however_active():
    client = signed_in_client(UserFactory(role=Role.CLERK))
    client.get("/accounts/email/")
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - 12 * 3600 - 1
    session.save()
    response = client.get("/accounts/email/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_a_session_younger_than_twelve_hours_goes_on():
    client = signed_in_client(UserFactory(role=Role.CLERK))
    client.get("/accounts/email/")
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - 11 * 3600
    session.save()
    assert client.get("/accounts/email/").status_code == 200


def test_an_idle_session_expires_after_thirty_minutes():
    client = signed_in_client(UserFactory(role=Role.CLERK))
    client.get("/accounts/email/")
    assert client.session.get_expiry_age() == 30 * 60
    session = client.session
    session.set_expiry(-1)  # what thirty idle minutes leave behind
    session.save()
    assert client.get("/accounts/email/").status_code == 302


def test_no_get_request_signs_out(client):
    client = signed_in_client(UserFactory(role=Role.CLERK))
    response = client.get("/accounts/logout/")
    assert response.status_code == 200  # a confirmation page, not a sign-out
    assert "_auth_user_id" in client.session


def test_messages_are_kept_in_the_session_not_in_a_cookie(client):
    # A messages cookie is only signed, not encrypted: "Signed in as x@y" was readable in it.
    user = UserFactory(role=Role.CLERK)
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": PASSWORD, "acknowledge_notice": "on"},
    )
    assert response.status_code == 302
    assert "messages" not in response.cookies
    page = client.get(response["Location"])
    assert "messages" not in page.cookies
    assert "Successfully signed in" in page.content.decode()  # still shown, once
    assert "Successfully signed in" not in client.get("/").content.decode()


def _session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    ]


def test_pages_within_a_minute_do_not_write_the_session(django_assert_max_num_queries):
    client = signed_in_client(UserFactory(role=Role.CLERK))
    client.get("/accounts/email/")
    with django_assert_max_num_queries(50) as queries:
        response = client.get("/accounts/email/")
    assert response.status_code == 200
    assert not _session_writes(queries.captured_queries)
    assert "sessionid" not in response.cookies


def test_a_session_in_use_is_renewed_once_the_minute_is_past(django_assert_max_num_queries):
    from accounts.middleware import SESSION_RENEWED_KEY

    client = signed_in_client(UserFactory(role=Role.CLERK))
    client.get("/accounts/email/")
    session = client.session
    session[SESSION_RENEWED_KEY] = time.time() - 61
    session.save()
    row = Session.objects.filter(session_key=session.session_key)
    row.update(expire_date=timezone.now() + timedelta(seconds=60))  # almost idle thirty minutes
    with django_assert_max_num_queries(50) as queries:
        assert client.get("/accounts/email/").status_code == 200
    assert _session_writes(queries.captured_queries)
    left = row.get().expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)  # thirty minutes again


def test_no_session_is_started_for_a_visitor_without_one(client):
    response = client.get("/")
    assert "sessionid" not in response.cookies
