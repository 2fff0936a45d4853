"""Races between real database connections (threads), on PostgreSQL.

SQLite is skipped with a reason: it has no row locks (`select_for_update` does nothing there)
and serialises every writer, so these races cannot be staged on it."""

import re
import threading

from accounts.roles import Role
from leacorner import numbering
from leacorner.numbering import Prefix
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import StakeholderRequest

from ..factories import StakeholderRequestFactory, UserFactory, custody_findings
from ..races import RACES, race

pytestmark = RACES


def test_two_approvals_at_once_exactly_one_wins_and_one_certification():
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    findings = custody_findings(item)
    # Two browser tabs of the same reviewer: each loaded the request at the same version.
    first = StakeholderRequest.objects.get(pk=item.pk)
    second = StakeholderRequest.objects.get(pk=item.pk)
    outcomes = race(
        lambda: first.approve(by=reviewer, findings=findings),
        lambda: second.approve(by=reviewer, findings=findings),
        hold_lock_on=item,
    )
    assert sorted(outcomes) == ["stale", "won"]
    assert Certification.objects.filter(request=item).count() == 1
    assert StakeholderRequest.objects.get(pk=item.pk).status == "approved"


def test_deny_and_withdraw_at_once_exactly_one_wins():
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    as_reviewer = StakeholderRequest.objects.get(pk=item.pk)
    as_clerk = StakeholderRequest.objects.get(pk=item.pk)
    outcomes = race(
        lambda: as_reviewer.deny(by=reviewer, reason="no_record"),
        lambda: as_clerk.withdraw(by=item.clerk),
    )
    assert sorted(outcomes) == ["stale", "won"]
    final = StakeholderRequest.objects.get(pk=item.pk)
    winner = "denied" if outcomes[0] == "won" else "withdrawn"
    assert final.status == winner
    assert final.events.filter(action__in=["denied", "withdrawn"]).count() == 1


def test_two_reviewers_claiming_at_once_exactly_one_gets_it():
    first_reviewer = UserFactory(role=Role.ERO_REVIEWER)
    second_reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    a = StakeholderRequest.objects.get(pk=item.pk)
    b = StakeholderRequest.objects.get(pk=item.pk)
    outcomes = race(
        lambda: a.claim(by=first_reviewer),
        lambda: b.claim(by=second_reviewer),
        hold_lock_on=item,
    )
    assert sorted(outcomes) == ["stale", "won"]
    assert StakeholderRequest.objects.get(pk=item.pk).assigned_to in {
        first_reviewer,
        second_reviewer,
    }


def test_tracking_numbers_stay_unique_and_sequential_under_concurrency():
    numbers: list[str] = []
    lock = threading.Lock()

    def allocate_five():
        for _ in range(5):
            number = str(numbering.allocate(Prefix.STAKEHOLDER_REQUEST, year=2031))
            with lock:
                numbers.append(number)

    outcomes = race(*[allocate_five] * 8)
    assert outcomes == ["won"] * 8
    assert len(numbers) == len(set(numbers)) == 40
    assert sorted(numbers) == [f"CJS-2031-{n:06d}" for n in range(1, 41)]
    assert all(re.fullmatch(r"CJS-2031-\d{6}", n) for n in numbers)
