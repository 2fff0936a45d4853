from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import SecurityEvent, User
from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_accounts_unused_for_ninety_days_are_deactivated():
    now = timezone.now()
    stale = UserFactory(role=Role.CLERK, last_login=now - timedelta(days=91))
    never = UserFactory(role=Role.CLERK, date_joined=now - timedelta(days=120))
    recent = UserFactory(role=Role.ERO_REVIEWER, last_login=now - timedelta(days=89))
    newcomer = UserFactory(role=Role.CLERK, date_joined=now - timedelta(days=3))
    operator = UserFactory(is_superuser=True, is_staff=True, last_login=now - timedelta(days=400))
    out = StringIO()
    call_command("deactivate_inactive_accounts", stdout=out)
    active = dict(User.objects.values_list("email", "is_active"))
    assert active[stale.email] is False
    assert active[never.email] is False
    assert active[recent.email] is True
    assert active[newcomer.email] is True
    assert active[operator.email] is True, "superusers are kept for operators"
    assert "deactivated 2 account(s)" in out.getvalue()
    assert SecurityEvent.objects.filter(kind="account_deactivated").count() == 2


def test_dry_run_changes_nothing():
    UserFactory(role=Role.CLERK, last_login=timezone.now() - timedelta(days=200))
    call_command("deactivate_inactive_accounts", "--dry-run", stdout=StringIO())
    assert User.objects.filter(is_active=False).count() == 0


def test_demo_accounts_refuse_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_accounts", stdout=StringIO())


def test_demo_accounts_one_per_role_and_running_twice_works(settings):
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=StringIO())
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    assert "password for all:" in out.getvalue()
    for role in Role:
        user = User.objects.get(groups__name=role.value)
        assert user.email.endswith("@demo.leacorner.example")
    assert User.objects.filter(is_superuser=True).count() == 1
    assert User.objects.count() == len(Role) + 1


def test_security_events_are_kept_at_least_a_year_then_pruned():
    # CJIS AU-11: audit records are kept at least a year (SECURITY_EVENT_RETENTION, 400 days).
    now = timezone.now()
    old = SecurityEvent.objects.create(
        kind="login", email="a@x.example", at=now - timedelta(days=401)
    )
    kept = SecurityEvent.objects.create(
        kind="login", email="b@x.example", at=now - timedelta(days=366)
    )
    call_command("prune_security_events", stdout=StringIO())
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not SecurityEvent.objects.filter(pk=old.pk).exists()
