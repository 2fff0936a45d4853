"""Failed sign-ins (CJIS AC-7) without a lockout anyone can use as a weapon.

Five failures in a row, each within 15 minutes of the one before, lock the account from that
address for 30 minutes, clerk or staff alike; from its other addresses the account stays open.
Guessing spread over many addresses is slowed per account. The holder, and for a staff account
the administrators, are told by e-mail; the lockout page is the same for every account; the
holder's password reset releases every lock and pause at once.
"""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.utils import timezone

from accounts.models import SecurityEvent
from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


_after_commit = {}


@pytest.fixture(autouse=True)
def _send_mail_at_once(django_capture_on_commit_callbacks):
    """Mail is sent after commit (leacorner.mail): each post below runs what its commit would."""
    _after_commit["run"] = django_capture_on_commit_callbacks
    yield
    _after_commit.clear()


def post(client, url, data, **extra):
    with _after_commit["run"](execute=True):
        return client.post(url, data, **extra)


HOME = "203.0.113.10"  # where the holder signs in
ATTACKER = "198.51.100.66"
NEW_PASSWORD = "Granite-Harbour-Lamplight-31"


def sign_in(client, email, password, address=HOME):
    return post(
        client,
        "/accounts/login/",
        {"login": email, "password": password, "acknowledge_notice": "on"},
        REMOTE_ADDR=address,
    )


def fail(client, email, times=5, address=ATTACKER):
    for _ in range(times):
        sign_in(client, email, "wrong-password-123", address)


def age_attempts(email, minutes):
    AccessAttempt.objects.filter(username=email).update(
        attempt_time=timezone.now() - timedelta(minutes=minutes)
    )


def main_of(response) -> str:
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_four_failures_do_not_lock(client):
    user = UserFactory(role=Role.CLERK)
    fail(client, user.email, times=4)
    assert sign_in(client, user.email, PASSWORD, ATTACKER).status_code == 302


@pytest.mark.parametrize("role", [Role.CLERK, Role.ERO_REVIEWER])
def test_five_failures_lock_the_account_from_that_address_for_thirty_minutes(client, role):
    user = UserFactory(role=role)
    fail(client, user.email)
    response = sign_in(client, user.email, PASSWORD, ATTACKER)
    assert response.status_code == 403
    assert "Try again in 30 minutes" in response.content.decode()
    assert SecurityEvent.objects.filter(kind="lockout", email=user.email).exists()

    age_attempts(user.email, 29)
    assert sign_in(client, user.email, PASSWORD, ATTACKER).status_code == 403
    age_attempts(user.email, 31)
    assert sign_in(client, user.email, PASSWORD, ATTACKER).status_code == 302


@pytest.mark.parametrize("role", [Role.CLERK, Role.ERO_REVIEWER])
def test_a_lock_from_one_address_leaves_the_account_open_from_its_others(client, role):
    # Five wrong passwords for a staff e-mail, from anywhere, used to lock the ERO team out
    # until an administrator came.
    user = UserFactory(role=role)
    fail(client, user.email)
    assert sign_in(client, user.email, PASSWORD, ATTACKER).status_code == 403
    assert sign_in(client, user.email, PASSWORD, HOME).status_code == 302


def test_failures_spread_beyond_fifteen_minutes_do_not_lock(client):
    user = UserFactory(role=Role.CLERK)
    fail(client, user.email, times=4)
    age_attempts(user.email, 16)
    fail(client, user.email, times=1)
    assert sign_in(client, user.email, PASSWORD, ATTACKER).status_code == 302


def test_the_lockout_page_is_the_same_for_every_account(client):
    # It said "Staff accounts stay locked", telling a stranger which addresses are staff's.
    pages = []
    for email in (
        UserFactory(role=Role.ERO_REVIEWER).email,
        UserFactory(role=Role.CLERK).email,
        "nobody-by-this-name@agency.example",
    ):
        fail(client, email)
        response = sign_in(client, email, PASSWORD, ATTACKER)
        assert response.status_code == 403
        pages.append(main_of(response))
    assert pages[0] == pages[1] == pages[2]
    assert "staff" not in pages[0].lower()


def _reset_password(client, email, new_password=NEW_PASSWORD):
    post(client, "/accounts/password/reset/", {"email": email}, REMOTE_ADDR=ATTACKER)
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = post(
        client,
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"password1": new_password, "password2": new_password},
    )
    assert done.status_code == 302, done.content.decode()[:2000]


@pytest.mark.parametrize("role", [Role.CLERK, Role.ERO_REVIEWER])
def test_resetting_the_password_by_the_emailed_link_releases_the_lock(client, role):
    user = UserFactory(role=role)
    fail(client, user.email)
    assert sign_in(client, user.email, PASSWORD, ATTACKER).status_code == 403
    _reset_password(client, user.email)
    assert sign_in(client, user.email, NEW_PASSWORD, ATTACKER).status_code == 302


def test_an_administrator_may_release_a_lock_at_once(client):
    user = UserFactory(role=Role.ERO_REVIEWER)
    fail(client, user.email)
    AccessAttempt.objects.filter(username=user.email).delete()  # the admin's "release"
    assert sign_in(client, user.email, PASSWORD, ATTACKER).status_code == 302


def _spread_failures(client, email, count):
    """`count` failures, two from each of a run of addresses: no address is ever locked."""
    for n in range(count):
        sign_in(client, email, "wrong-password-123", f"192.0.2.{n // 2 + 1}")


def test_guessing_spread_over_many_addresses_is_slowed_per_account(client, settings):
    user = UserFactory(role=Role.ERO_REVIEWER)
    assert sign_in(client, user.email, PASSWORD, HOME).status_code == 302  # a known address
    client.logout()
    _spread_failures(client, user.email, settings.SIGN_IN_ACCOUNT_LIMIT)
    refused = sign_in(client, user.email, PASSWORD, "192.0.2.200")  # right password, new place
    assert refused.status_code == 200
    assert "Sign-in to this account is paused" in refused.content.decode()
    assert 'value="' + user.email + '"' in refused.content.decode()  # nothing typed is lost
    # Where the holder has signed in before, the account is still open.
    assert sign_in(client, user.email, PASSWORD, HOME).status_code == 302


def test_the_slow_down_is_the_same_for_an_unknown_address(client, settings):
    email = "nobody-at-all@agency.example"
    _spread_failures(client, email, settings.SIGN_IN_ACCOUNT_LIMIT)
    refused = sign_in(client, email, PASSWORD, "192.0.2.200")
    assert "Sign-in to this account is paused" in refused.content.decode()


def test_a_password_reset_ends_the_slow_down(client, settings):
    user = UserFactory(role=Role.CLERK)
    _spread_failures(client, user.email, settings.SIGN_IN_ACCOUNT_LIMIT)
    assert sign_in(client, user.email, PASSWORD, "192.0.2.200").status_code == 200
    _reset_password(client, user.email)
    assert sign_in(client, user.email, NEW_PASSWORD, "192.0.2.200").status_code == 302


def _alerts():
    return [m for m in mail.outbox if "sign-in" in m.subject.lower()]


def test_a_lock_of_a_staff_account_mails_the_holder_and_the_administrators(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    UserFactory(is_staff=True, is_superuser=True, is_active=False)  # not told
    user = UserFactory(role=Role.ERO_REVIEWER)
    fail(client, user.email)
    recipients = sorted(m.to[0] for m in _alerts())
    assert recipients == sorted([user.email, admin.email])
    holder = next(m for m in _alerts() if m.to == [user.email])
    assert ATTACKER in holder.body and "reset your password" in holder.body.lower()
    # More locks from more addresses within the hour add no more mail: the alert is no
    # mail bomb for whoever can guess an address.
    fail(client, user.email, address="198.51.100.67")
    assert len(_alerts()) == 2


def test_a_lock_of_a_clerk_mails_only_the_clerk(client):
    UserFactory(is_staff=True, is_superuser=True)
    user = UserFactory(role=Role.CLERK)
    fail(client, user.email)
    assert [m.to for m in _alerts()] == [[user.email]]


def test_a_lock_of_an_unknown_address_mails_nobody(client):
    UserFactory(is_staff=True, is_superuser=True)
    fail(client, "nobody-here@agency.example")
    assert _alerts() == []
