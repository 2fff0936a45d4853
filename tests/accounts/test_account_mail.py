"""The account forms that send mail to an address the visitor types (sign-up, password reset,
adding an address) are no spam relay: limited per client, and per recipient whoever asks."""

import pytest
from django.core import mail

from accounts.models import User
from testkit.payloads import clerk_signup_post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Stonewall-Quarry-Lantern-88"
LIMITED = "Too many e-mails were asked for from your network"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.ACCOUNT_EMAIL_LIMIT = 3
    settings.ACCOUNT_EMAIL_RECIPIENT_LIMIT = 2


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Post, and deliver what the post queued (mail is sent after commit)."""

    def post(client, url, data, address="203.0.113.40"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, REMOTE_ADDR=address)

    return post


def test_sign_ups_from_one_address_are_limited(client, send):
    for n in range(3):
        email = f"clerk{n}@court.example"
        data = clerk_signup_post(email=email, password1=PASSWORD, password2=PASSWORD)
        assert send(client, "/accounts/signup/", data).status_code == 302
        client.logout()
    data = clerk_signup_post(email="victim@court.example", password1=PASSWORD, password2=PASSWORD)
    refused = send(client, "/accounts/signup/", data)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert LIMITED in page and "try again in" in page.lower()
    assert 'value="victim@court.example"' in page  # what was typed is kept
    assert not User.objects.filter(email="victim@court.example").exists()
    assert len(mail.outbox) == 3
    other = send(client, "/accounts/signup/", data, address="203.0.113.41")
    assert other.status_code == 302  # another client is not limited by this one


def test_password_reset_requests_are_limited_per_address(client, send):
    for n in range(3):
        send(client, "/accounts/password/reset/", {"email": f"anyone{n}@court.example"})
    refused = send(client, "/accounts/password/reset/", {"email": "someone@court.example"})
    assert refused.status_code == 200
    assert LIMITED in refused.content.decode()
    assert len(mail.outbox) == 3


def test_one_address_gets_at_most_its_limit_of_account_mail_whoever_asks(client, send):
    # Many clients asking for resets of one address (an account or not) is a mail bomb.
    user = UserFactory()
    for n in range(5):  # allauth itself answers the sixth in a minute with 429
        response = send(
            client, "/accounts/password/reset/", {"email": user.email}, f"198.51.100.{n + 1}"
        )
        assert response.status_code == 302  # the page never says whether mail went out
    assert [m.to for m in mail.outbox] == [[user.email], [user.email]]


def test_adding_addresses_to_an_account_is_limited(clerk_client, send):
    for n in range(3):
        send(clerk_client, "/accounts/email/", {"action_add": "", "email": f"new{n}@court.example"})
    refused = send(clerk_client, "/accounts/email/", {"action_add": "", "email": "x@court.example"})
    assert LIMITED in refused.content.decode()
