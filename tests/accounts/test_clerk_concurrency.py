"""Two supervisors deciding on one clerk account at once: exactly one decision is taken, and
the clerk gets exactly one e-mail (PostgreSQL, real connections: tests/races.py)."""

from accounts.models import ClerkAccount, SecurityEvent
from accounts.roles import Role
from leacorner.models import OutgoingEmail

from ..factories import UserFactory, waiting_clerk
from ..races import RACES, race

pytestmark = RACES


def test_approve_and_refuse_at_once_exactly_one_wins():
    first = UserFactory(role=Role.ERO_SUPERVISOR)
    second = UserFactory(role=Role.ERO_SUPERVISOR)
    account = waiting_clerk().clerk_account
    as_first = ClerkAccount.objects.get(pk=account.pk)
    as_second = ClerkAccount.objects.get(pk=account.pk)
    outcomes = race(
        lambda: as_first.approve(by=first),
        lambda: as_second.refuse(by=second, reason="Not a court employee."),
        hold_lock_on=account,
    )
    assert sorted(outcomes) == ["stale", "won"]
    final = ClerkAccount.objects.get(pk=account.pk)
    assert final.status == ("approved" if outcomes[0] == "won" else "refused")
    assert final.user.groups.filter(name=Role.CLERK).exists() == (final.status == "approved")
    to_clerk = OutgoingEmail.objects.filter(to=final.user.email)
    assert to_clerk.count() == 1
    decisions = [SecurityEvent.Kind.CLERK_APPROVED, SecurityEvent.Kind.CLERK_REFUSED]
    assert SecurityEvent.objects.filter(kind__in=decisions).count() == 1


def test_two_supervisors_approving_at_once_approve_once():
    first = UserFactory(role=Role.ERO_SUPERVISOR)
    second = UserFactory(role=Role.ERO_SUPERVISOR)
    account = waiting_clerk().clerk_account
    as_first = ClerkAccount.objects.get(pk=account.pk)
    as_second = ClerkAccount.objects.get(pk=account.pk)
    outcomes = race(
        lambda: as_first.approve(by=first),
        lambda: as_second.approve(by=second),
        hold_lock_on=account,
    )
    assert sorted(outcomes) == ["stale", "won"]
    assert OutgoingEmail.objects.filter(kind="clerk_approved").count() == 1
