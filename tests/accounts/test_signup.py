"""Self-registration: what the sign-up form refuses, and how."""

import pytest

from accounts.models import User
from testkit.payloads import clerk_signup_post

pytestmark = pytest.mark.django_db

PASSWORD = "Stonewall-Quarry-Lantern-88"


def sign_up(client, email):
    return client.post(
        "/accounts/signup/", clerk_signup_post(email=email, password1=PASSWORD, password2=PASSWORD)
    )


def test_an_address_longer_than_the_column_is_refused_with_a_message(client):
    # 300 characters were stored as the first 254: no domain left, no mail could reach it.
    email = "a" * 280 + "@county-court.example"
    response = sign_up(client, email)
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()
    assert 'value="' + email + '"' in response.content.decode()  # what was typed is kept
    assert not User.objects.exists()


def test_the_longest_address_that_fits_is_accepted(client):
    email = "a" * 64 + "@" + ".".join(["b" * 59] * 3) + ".example"
    assert len(email) <= 254
    response = sign_up(client, email)
    assert response.status_code == 302
    assert User.objects.get().email == email


def test_adding_an_over_long_address_to_an_account_is_refused_too(clerk_client, clerk):
    email = "b" * 250 + "@court.example"
    response = clerk_client.post("/accounts/email/", {"action_add": "", "email": email})
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()
    assert list(clerk.emailaddress_set.values_list("email", flat=True)) == [clerk.email]
