from unittest import mock

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from accounts.roles import Role
from testkit.payloads import clerk_signup_post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-pw-1", "at least 12 characters"),
        ("password1234", "too common"),
        ("maria.lopez@court.example", "too similar"),
        ("739284619275", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(client, password, message):
    response = client.post(
        "/accounts/signup/",
        clerk_signup_post(
            email="maria.lopez@court.example", password1=password, password2=password
        ),
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def _hashes_during_a_failed_sign_in(client, email: str) -> int:
    """How many times the password hasher ran while `email` failed to sign in."""
    original = MD5PasswordHasher.encode
    calls = []

    def counting(self, password, salt):
        calls.append(salt)
        return original(self, password, salt)

    with mock.patch.object(MD5PasswordHasher, "encode", counting):
        response = client.post(
            "/accounts/login/",
            {"login": email, "password": "wrong-password-123", "acknowledge_notice": "on"},
        )
    assert response.status_code == 200  # refused, the form shown again
    return len(calls)


def test_a_failed_sign_in_hashes_the_password_once(client):
    # In production each hash is PBKDF2 (about 0.5 s of CPU): two backends checking the same
    # password doubled the cost of every failure, which is the cost an attacker imposes.
    user = UserFactory(role=Role.CLERK)
    assert _hashes_during_a_failed_sign_in(client, user.email) == 1


def test_a_sign_in_for_an_unknown_address_hashes_once_too(client):
    # As many hashes as for a real account, so the time taken does not tell them apart.
    assert _hashes_during_a_failed_sign_in(client, "nobody@nowhere.example") == 1
