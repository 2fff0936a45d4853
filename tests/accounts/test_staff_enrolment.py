"""Staff set up two-factor authentication only with the single-use, expiring link an
administrator sends (accounts.enrolment); the password alone never enrols a staff account."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import SecurityEvent, StaffEnrolmentLink
from accounts.roles import Role
from testkit.mfa import has_totp, signed_in_client
from testkit.totp import totp
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a request's commit runs (mail, allauth's activation signal) at once."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def password_client(user) -> Client:
    """A browser that signed in with the password alone, as a person does."""
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": PASSWORD, "acknowledge_notice": "on"},
    )
    assert response.status_code == 302
    return client


def send_link(commit, user) -> str:
    """An administrator's action in the Users list; the path of the link it mailed."""
    admin, _ = signed_in_client(UserFactory(is_staff=True, is_superuser=True)), None
    response = commit(
        admin.post,
        reverse("admin:accounts_user_changelist"),
        {"action": "send_enrolment_link", "_selected_action": [user.pk]},
    )
    assert response.status_code == 302
    message = [m for m in mail.outbox if m.to == [user.email]][-1]
    return re.search(r"https?://[^/]+(/accounts/staff-enrolment/[^/\s]+/)", message.body).group(1)


def activate(commit, client) -> object:
    page = client.get(ACTIVATE)
    if page.status_code == 302 and "/reauthenticate/" in page["Location"]:
        # allauth asks for the password again before any change of two-factor settings.
        client.post(page["Location"], {"password": PASSWORD})
        page = client.get(ACTIVATE)
    assert page.status_code == 200
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.content.decode())
    if secret is None:
        secret = re.search(r'value="([A-Z2-7]{16,})"', page.content.decode())
    return commit(client.post, ACTIVATE, {"code": totp(secret.group(1))})


def test_a_staff_account_cannot_enrol_with_its_password_alone(commit):
    user = UserFactory(role=Role.ERO_REVIEWER)
    client = password_client(user)
    page = client.get(ACTIVATE)
    assert page.status_code == 403
    assert "link" in page.content.decode()
    commit(client.post, ACTIVATE, {"code": "123456"})
    assert not has_totp(user)


def test_the_admin_asks_a_staff_member_without_two_factor_for_the_link(client):
    user = UserFactory(role=Role.CONTENT_EDITOR)
    response = password_client(user).get("/admin/")
    assert response.status_code == 403
    assert "Set up two-factor authentication first" in response.content.decode()


# Transactional: allauth reports the new authenticator after its commit, inside the request,
# as in production; a test transaction would hold that back until after the response.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_link_the_staff_member_enrols_and_goes_where_they_were_going(commit):
    user = UserFactory(role=Role.ERO_REVIEWER)
    link = send_link(commit, user)
    client = password_client(user)
    wanted = "/admin/stakeholder_forms/stakeholderrequest/"
    assert client.get(wanted).status_code == 403  # remembered as where they were going

    opened = client.get(link)
    assert opened.status_code == 302 and opened["Location"] == ACTIVATE
    activated = activate(commit, client)
    assert activated.status_code == 302
    codes = client.get(activated["Location"])
    assert codes.status_code == 200
    page = codes.content.decode()
    assert "Your recovery codes" in page and 'id="mfa-continue"' in page
    assert has_totp(user)

    onward = client.get(reverse("mfa_continue"))
    assert onward["Location"] == wanted
    # The code that activated the app counts for this session: no second code at once.
    assert client.get(wanted).status_code == 200
    assert StaffEnrolmentLink.objects.get(user=user).used_at is not None
    assert SecurityEvent.objects.filter(kind="mfa_link_sent", user=user).exists()


def test_the_link_works_once(commit):
    user = UserFactory(role=Role.DESK_FBI)
    link = send_link(commit, user)
    client = password_client(user)
    client.get(link)
    activate(commit, client)
    Authenticator.objects.filter(user=user).delete()  # an administrator resets it
    again = password_client(user)
    assert again.get(link).status_code == 404
    assert again.get(ACTIVATE).status_code == 403


def test_an_expired_link_is_refused_with_what_to_do(commit):
    user = UserFactory(role=Role.ERO_REVIEWER)
    link = send_link(commit, user)
    StaffEnrolmentLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = password_client(user).get(link)
    assert response.status_code == 404
    assert "Ask your portal administrator for a new link" in response.content.decode()


def test_a_new_link_voids_the_old_one(commit):
    user = UserFactory(role=Role.ERO_REVIEWER)
    first = send_link(commit, user)
    second = send_link(commit, user)
    client = password_client(user)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 302


def test_a_link_opens_nothing_for_another_account(commit):
    user = UserFactory(role=Role.ERO_REVIEWER)
    link = send_link(commit, user)
    other = password_client(UserFactory(role=Role.ERO_REVIEWER))
    assert other.get(link).status_code == 404
    assert other.get(ACTIVATE).status_code == 403


def test_opening_the_link_signed_out_asks_for_the_password_first(commit):
    user = UserFactory(role=Role.ERO_REVIEWER)
    link = send_link(commit, user)
    response = Client().get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_links_are_only_for_active_staff_accounts(commit):
    clerk = UserFactory(role=Role.CLERK)
    admin = signed_in_client(UserFactory(is_staff=True, is_superuser=True))
    response = commit(
        admin.post,
        reverse("admin:accounts_user_changelist"),
        {"action": "send_enrolment_link", "_selected_action": [clerk.pk]},
        follow=True,
    )
    assert "is not a staff account" in response.content.decode()
    assert not StaffEnrolmentLink.objects.exists()


def test_the_operator_can_send_the_first_superusers_link_from_the_server(commit, capsys):
    operator = UserFactory(is_staff=True, is_superuser=True)
    commit(call_command, "send_mfa_enrolment_link", operator.email, "--print")
    printed = capsys.readouterr().out
    assert "/accounts/staff-enrolment/" in printed
    assert [m.to for m in mail.outbox] == [[operator.email]]


def test_clerks_may_still_set_up_an_app_themselves(commit, clerk):
    client = password_client(clerk)
    assert activate(commit, client).status_code == 302
    assert has_totp(clerk)


def test_staff_keep_their_authenticator_app():
    user = UserFactory(role=Role.ERO_REVIEWER)
    client = signed_in_client(user)  # enrolled, MFA passed
    client.post("/accounts/2fa/totp/deactivate/")
    assert has_totp(user)


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/2fa/",
        ACTIVATE,
        "/accounts/2fa/recovery-codes/generate/",
        "/accounts/reauthenticate/",
    ],
)
def test_the_two_factor_pages_speak_in_sentence_case(clerk_client, path):
    page = clerk_client.get(path).content.decode()
    for title_case in (
        "Two-Factor Authentication",
        "Recovery Codes",
        "Authenticator App",
        "Confirm Access",
    ):
        assert title_case not in page, f"{path}: {title_case}"
