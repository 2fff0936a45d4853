"""A supervisor's assignment racing a reviewer's claim or decision, on PostgreSQL with real
connections: exactly one wins, and the history and e-mails are those of the winner only."""

from accounts.roles import Role
from leacorner.models import OutgoingEmail
from stakeholder_forms.models import StakeholderRequest

from ..factories import StakeholderRequestFactory, UserFactory
from ..races import RACES, race

pytestmark = RACES


def test_assign_and_claim_at_once_exactly_one_wins():
    supervisor = UserFactory(role=Role.ERO_SUPERVISOR)
    assignee = UserFactory(role=Role.ERO_REVIEWER)
    claimant = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    as_supervisor = StakeholderRequest.objects.get(pk=item.pk)
    as_claimant = StakeholderRequest.objects.get(pk=item.pk)
    outcomes = race(
        lambda: as_supervisor.assign(by=supervisor, to=assignee),
        lambda: as_claimant.claim(by=claimant),
        hold_lock_on=item,
    )
    assert sorted(outcomes) == ["stale", "won"]
    final = StakeholderRequest.objects.get(pk=item.pk)
    assert final.assigned_to == (assignee if outcomes[0] == "won" else claimant)
    assert final.events.filter(action__in=["assigned", "claimed"]).count() == 1
    mailed = OutgoingEmail.objects.filter(kind="stakeholder_assigned").count()
    assert mailed == (1 if outcomes[0] == "won" else 0)


def test_assign_and_deny_at_once_never_assign_a_decided_request():
    supervisor = UserFactory(role=Role.ERO_SUPERVISOR)
    owner = UserFactory(role=Role.ERO_REVIEWER)
    other = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=owner)
    as_supervisor = StakeholderRequest.objects.get(pk=item.pk)
    as_owner = StakeholderRequest.objects.get(pk=item.pk)
    outcomes = race(
        lambda: as_supervisor.assign(by=supervisor, to=other),
        lambda: as_owner.deny(by=owner, reason="no_record"),
        hold_lock_on=item,
    )
    assert sorted(outcomes) == ["stale", "won"]
    final = StakeholderRequest.objects.get(pk=item.pk)
    if outcomes[0] == "won":
        assert final.status == "in_review" and final.assigned_to == other
    else:
        assert final.status == "denied" and final.assigned_to == owner
        assert not final.events.filter(action="assigned").exists()
