"""The security audit log records who did what, from where, and never a password."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import SecurityEvent
from accounts.roles import Role
from testkit.mfa import signed_in_client
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in_kinds():
    events = SecurityEvent.objects.exclude(kind="groups_changed").order_by("at", "pk")
    return list(events.values_list("kind", flat=True))


def test_sign_in_failure_and_sign_out_are_recorded_with_the_address(client):
    user = UserFactory(role=Role.CLERK)
    data = {"login": user.email, "password": "not-the-password", "acknowledge_notice": "on"}
    client.post("/accounts/login/", data, REMOTE_ADDR="203.0.113.7")
    data["password"] = PASSWORD
    client.post("/accounts/login/", data, REMOTE_ADDR="203.0.113.7")
    client.post("/accounts/logout/", REMOTE_ADDR="203.0.113.7")

    assert sign_in_kinds() == ["login_failed", "login", "logout"]
    failed = SecurityEvent.objects.get(kind="login_failed")
    assert failed.outcome == "failure"
    assert failed.email == user.email
    assert failed.source_address == "203.0.113.7"
    for event in SecurityEvent.objects.all():
        assert PASSWORD not in str(event.__dict__)
        assert "not-the-password" not in str(event.__dict__)


def test_sign_in_without_acknowledging_the_notice_is_refused(client):
    user = UserFactory(role=Role.CLERK)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Acknowledge the system-use notice to sign in." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_group_changes_in_the_admin_name_the_actor():
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = signed_in_client(admin)
    target = UserFactory(role=Role.CLERK)
    reviewer = Group.objects.get(name=Role.ERO_REVIEWER)
    response = client.post(
        f"/admin/accounts/user/{target.pk}/change/",
        {
            "email": target.email,
            "full_name": target.full_name,
            "is_active": "on",
            "is_staff": "on",
            "groups": [reviewer.pk],
            "last_login_0": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
        REMOTE_ADDR="198.51.100.4",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    events = SecurityEvent.objects.filter(
        kind="groups_changed", email=target.email, source_address="198.51.100.4"
    )
    assert events.exists()
    assert all(e.actor_email == admin.email for e in events)
    assert any("ERO reviewer" in e.detail for e in events)


def test_password_change_is_recorded():
    user = UserFactory(role=Role.CLERK)
    client = signed_in_client(user)
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "Granite-Harbor-Falcon-19",
            "password2": "Granite-Harbor-Falcon-19",
        },
    )
    assert response.status_code == 302
    assert SecurityEvent.objects.filter(kind="password_changed", email=user.email).exists()


def test_audit_log_is_for_superusers_only(role_client):
    reviewer, _ = role_client(Role.ERO_REVIEWER)
    assert reviewer.get("/admin/accounts/securityevent/").status_code == 403
    superuser, _ = role_client(None)
    assert superuser.get("/admin/accounts/securityevent/").status_code == 200
