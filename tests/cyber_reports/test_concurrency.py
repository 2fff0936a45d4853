"""Desk members acting on one report at once, and filings at once, on PostgreSQL
(tests/races.py): one routing's transitions, a report's routings changed by two desks (a
referral, hand-ons), the reporter's first-acknowledgement e-mail, and two filings with one
wallet that must each see the other."""

from django.test import Client

from accounts.roles import Role
from cyber_reports.agencies import Agency
from cyber_reports.desk import ReportRouting
from cyber_reports.models import CyberIncidentReport
from leacorner.models import OutgoingEmail

from ..factories import UserFactory, routed_report
from ..races import RACES, race
from .conftest import report_data

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
        lambda: as_closing.close(by=member, reason="Not ours."),
        hold_lock_on=routing,
    )
    assert sorted(outcomes) == ["stale", "won"]
    stored = ReportRouting.objects.get(pk=routing.pk)
    assert stored.status == ("acknowledged" if outcomes[0] == "won" else "closed")
    assert stored.version == 2


def _routing(report, code: str) -> ReportRouting:
    return ReportRouting.objects.select_related("agency", "report").get(
        report=report, agency__code=code
    )


def test_two_referrals_of_one_report_to_one_agency_add_it_once():
    report = routed_report(incident_types=["ransomware"], sector="water")  # CISA, USSS, FBI
    hsi = Agency.objects.get(code="HSI")
    fbi, usss = UserFactory(role=Role.DESK_FBI), UserFactory(role=Role.DESK_USSS)
    as_fbi, as_usss = _routing(report, "FBI"), _routing(report, "USSS")
    outcomes = race(
        lambda: as_fbi.refer(by=fbi, to=hsi, reason="Laundering."),
        lambda: as_usss.refer(by=usss, to=hsi, reason="Crypto exchange."),
        hold_lock_on=_routing(report, "CISA"),
    )
    assert sorted(outcomes) == ["refused", "won"]
    added = ReportRouting.objects.get(report=report, agency=hsi)
    assert added.status == "new" and len(added.reasons) == 1
    kinds = OutgoingEmail.objects.about(report).values_list("kind", flat=True)
    assert list(kinds).count("cyber_desk_referral:HSI") == 1


def test_two_desks_handing_one_report_on_to_one_agency_both_reach_it():
    report = routed_report(incident_types=["computer_intrusion"])  # USSS and FBI
    hsi = Agency.objects.get(code="HSI")
    fbi, usss = UserFactory(role=Role.DESK_FBI), UserFactory(role=Role.DESK_USSS)
    as_fbi, as_usss = _routing(report, "FBI"), _routing(report, "USSS")
    outcomes = race(
        lambda: as_fbi.hand_on(by=fbi, to=hsi, reason="Border crossing."),
        lambda: as_usss.hand_on(by=usss, to=hsi, reason="No card data; goods smuggled."),
        hold_lock_on=_routing(report, "USSS"),
    )
    assert outcomes == ["won", "won"]
    statuses = dict(report.routings.values_list("agency__code", "status"))
    assert statuses == {"USSS": "handed_on", "HSI": "new", "FBI": "handed_on"}
    assert len(ReportRouting.objects.get(report=report, agency=hsi).reasons) == 2


def test_two_desks_handing_a_report_to_each_other_never_leave_it_with_no_agency():
    report = routed_report(incident_types=["computer_intrusion"])  # USSS and FBI
    fbi, usss = UserFactory(role=Role.DESK_FBI), UserFactory(role=Role.DESK_USSS)
    as_fbi, as_usss = _routing(report, "FBI"), _routing(report, "USSS")
    outcomes = race(
        lambda: as_fbi.hand_on(by=fbi, to=as_usss.agency, reason="Card data."),
        lambda: as_usss.hand_on(by=usss, to=as_fbi.agency, reason="Hacking."),
        hold_lock_on=_routing(report, "USSS"),
    )
    assert "won" in outcomes
    statuses = list(report.routings.values_list("status", flat=True))
    assert set(statuses) & set(ReportRouting.ACTIVE), statuses


def test_two_first_acknowledgements_at_once_e_mail_the_reporter_once():
    report = routed_report(incident_types=["computer_intrusion"])  # USSS and FBI
    fbi, usss = UserFactory(role=Role.DESK_FBI), UserFactory(role=Role.DESK_USSS)
    as_fbi, as_usss = _routing(report, "FBI"), _routing(report, "USSS")
    outcomes = race(
        lambda: as_fbi.acknowledge(by=fbi, case_number="288A"),
        lambda: as_usss.acknowledge(by=usss, case_number="U-1"),
        hold_lock_on=_routing(report, "USSS"),
    )
    assert outcomes == ["won", "won"]
    kinds = list(OutgoingEmail.objects.about(report).values_list("kind", flat=True))
    assert kinds.count("cyber_reporter_acknowledged") == 1


def test_reopen_and_hand_on_at_once_keep_one_decision():
    report = routed_report(incident_types=["smuggling"])  # HSI alone
    member = UserFactory(role=Role.DESK_HSI)
    routing = _routing(report, "HSI")
    routing.close(by=member, reason="Duplicate.")
    as_reopening, as_handing = _routing(report, "HSI"), _routing(report, "HSI")
    fbi = Agency.objects.get(code="FBI")
    outcomes = race(
        lambda: as_reopening.reopen(by=member, reason="Not a duplicate."),
        lambda: as_handing.hand_on(by=member, to=fbi, reason="The FBI's."),
        hold_lock_on=routing,
    )
    # A closed routing cannot be handed on: the hand-on is refused or, after the reopening,
    # stale (the page it was sent from showed the report closed).
    assert outcomes[0] == "won" and outcomes[1] in ("refused", "stale")
    assert _routing(report, "HSI").status == "new"
    assert not report.routings.filter(agency=fbi).exists()


def test_two_filings_with_one_wallet_at_once_each_see_the_other():
    """Neither filing's transaction sees the other's indicators until it commits; the
    advisory locks on the wallet's key make the second wait for the first (related.py)."""
    data = report_data(
        types=("ransomware",),
        sector="water",
        wallet_addresses="bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    )
    statuses = []
    outcomes = race(
        lambda: statuses.append(Client().post("/cyber-incidents/report/", data).status_code),
        lambda: statuses.append(
            Client(REMOTE_ADDR="198.51.100.9").post("/cyber-incidents/report/", data).status_code
        ),
    )
    assert outcomes == ["won", "won"] and statuses == [302, 302]
    assert CyberIncidentReport.objects.count() == 2
    assert set(ReportRouting.objects.values_list("has_related", flat=True)) == {True}
