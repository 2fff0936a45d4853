"""Staff must have MFA enrolled, and have passed it in this session, before the admin opens."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from accounts.roles import Role
from testkit.mfa import enrol_totp, mark_mfa_passed, signed_in_client
from testkit.totp import totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.CLERK])
def test_staff_without_mfa_are_told_to_enrol_with_the_administrators_link(role):
    # They were sent to enrol with the password alone (tests/accounts/test_staff_enrolment.py).
    client = signed_in_client(UserFactory(role=role), mfa=False)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "Set up two-factor authentication first" in response.content.decode()


def test_staff_with_mfa_enrolled_but_not_passed_must_enter_a_code():
    user = UserFactory(role=Role.ERO_REVIEWER)
    enrol_totp(user)
    client = signed_in_client(user, mfa=False)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_staff_who_passed_mfa_reach_the_admin():
    user = UserFactory(role=Role.ERO_REVIEWER)
    enrol_totp(user)
    client = signed_in_client(user, mfa=False)
    mark_mfa_passed(client, user)
    assert client.get("/admin/").status_code == 200


def test_superuser_needs_mfa_too():
    client = signed_in_client(UserFactory(is_staff=True, is_superuser=True), mfa=False)
    assert client.get("/admin/").status_code == 403


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/?next=/admin/", "/admin/auth/group/"])
def test_a_signed_in_clerk_opening_the_admin_gets_the_styled_403(clerk_client, path):
    # It was /admin/ -> /admin/login/ -> /accounts/login/ -> /admin/ … until the browser gave
    # up (ERR_TOO_MANY_REDIRECTS).
    response = clerk_client.get(path, follow=True)
    assert response.status_code == 403
    assert response.redirect_chain == []
    assert "usa-banner" in response.content.decode()  # the portal's own page


def test_an_anonymous_visitor_of_the_admin_is_sent_to_the_one_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_admin_login_page_is_the_portal_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_admin_login_does_not_redirect_off_site(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_a_code_of_the_step_just_past_passes_but_never_twice():
    # A code typed as the phone's 30-second step turns still signs in (MFA_TOTP_TOLERANCE); one
    # seen once is refused, so a code read over a shoulder cannot be replayed.
    user = UserFactory(role=Role.ERO_REVIEWER)
    secret = enrol_totp(user)
    authenticator = TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP))
    previous = totp(secret, at=time.time() - 30)
    assert authenticator.validate_code(previous)
    assert not authenticator.validate_code(previous)
    assert not authenticator.validate_code(totp(secret, at=time.time() - 120))
