"""django-axes: five failed sign-ins within 15 minutes lock an account (CJIS AC-7)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from accounts.models import SecurityEvent
from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email, password):
    return client.post(
        "/accounts/login/",
        {"login": email, "password": password, "acknowledge_notice": "on"},
    )


def fail_five_times(client, email):
    for _ in range(5):
        sign_in(client, email, "wrong-password-123")


def age_attempts(email, minutes):
    AccessAttempt.objects.filter(username=email).update(
        attempt_time=timezone.now() - timedelta(minutes=minutes)
    )


def test_four_failures_do_not_lock(client):
    user = UserFactory(role=Role.CLERK)
    for _ in range(4):
        assert sign_in(client, user.email, "wrong-password-123").status_code == 200
    assert sign_in(client, user.email, PASSWORD).status_code == 302


def test_clerk_is_locked_after_five_failures_for_thirty_minutes(client):
    user = UserFactory(role=Role.CLERK)
    fail_five_times(client, user.email)
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 403
    assert "Try again in 30 minutes" in response.content.decode()
    assert SecurityEvent.objects.filter(kind="lockout", email=user.email).exists()

    age_attempts(user.email, 29)
    assert sign_in(client, user.email, PASSWORD).status_code == 403
    age_attempts(user.email, 31)
    assert sign_in(client, user.email, PASSWORD).status_code == 302


def test_failures_spread_beyond_fifteen_minutes_do_not_lock(client):
    user = UserFactory(role=Role.CLERK)
    for _ in range(4):
        sign_in(client, user.email, "wrong-password-123")
    age_attempts(user.email, 16)
    sign_in(client, user.email, "wrong-password-123")
    assert sign_in(client, user.email, PASSWORD).status_code == 302


def test_staff_stays_locked_until_an_administrator_releases_it(client):
    user = UserFactory(role=Role.ERO_REVIEWER)
    fail_five_times(client, user.email)
    age_attempts(user.email, 60 * 24 * 30)
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 403
    assert "until an administrator releases them" in response.content.decode()

    AccessAttempt.objects.filter(username=user.email).delete()  # the admin's "release"
    assert sign_in(client, user.email, PASSWORD).status_code == 302
