"""Two members of one desk acting on the same routing at once, on PostgreSQL (tests/races.py)."""

from accounts.roles import Role
from cyber_reports.desk import ReportRouting

from ..factories import UserFactory, routed_report
from ..races import RACES, race

pytestmark = RACES


def test_two_acknowledgements_at_once_exactly_one_wins_and_keeps_its_case_number():
    report = routed_report(incident_types=["smuggling"])  # HSI alone
    first_member = UserFactory(role=Role.DESK_HSI)
    second_member = UserFactory(role=Role.DESK_HSI)
    routing = report.routings.get()
    # Each member loaded the report page at the same version.
    as_first = ReportRouting.objects.select_related("agency").get(pk=routing.pk)
    as_second = ReportRouting.objects.select_related("agency").get(pk=routing.pk)
    outcomes = race(
        lambda: as_first.acknowledge(by=first_member, case_number="HSI-FIRST"),
        lambda: as_second.acknowledge(by=second_member, case_number="HSI-SECOND"),
        hold_lock_on=routing,
    )
    assert sorted(outcomes) == ["stale", "won"]
    stored = ReportRouting.objects.get(pk=routing.pk)
    winner, number = (
        (first_member, "HSI-FIRST") if outcomes[0] == "won" else (second_member, "HSI-SECOND")
    )
    assert stored.status == "acknowledged" and stored.version == 2
    assert stored.agency_case_number == number and stored.acknowledged_by == winner


def test_acknowledge_and_close_at_once_never_lose_either_decision_silently():
    report = routed_report(incident_types=["smuggling"])
    member = UserFactory(role=Role.DESK_HSI)
    routing = report.routings.get()
    as_acknowledging = ReportRouting.objects.select_related("agency").get(pk=routing.pk)
    as_closing = ReportRouting.objects.select_related("agency").get(pk=routing.pk)
    outcomes = race(
        lambda: as_acknowledging.acknowledge(by=member, case_number="HSI-9"),
        lambda: as_closing.close(by=member, note="Not ours."),
        hold_lock_on=routing,
    )
    assert sorted(outcomes) == ["stale", "won"]
    stored = ReportRouting.objects.get(pk=routing.pk)
    assert stored.status == ("acknowledged" if outcomes[0] == "won" else "closed")
    assert stored.version == 2
