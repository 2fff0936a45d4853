"""Between agencies: a desk adds another agency (referral), hands a report on ("not ours"),
closes with a reason after a confirmation and reopens; every desk of the report sees every
agency's status, who and when, and the referral reasons, never another agency's private
notes or case numbers; every change is in the report's history."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from accounts.roles import Role
from cyber_reports.agencies import Agency
from cyber_reports.desk import ReportRouting
from cyber_reports.timeline import RoutingEvent
from leacorner.models import OutgoingEmail
from leacorner.transitions import TransitionError

from ..factories import routed_report

pytestmark = pytest.mark.django_db


def url(name: str, agency: str, report) -> str:
    return reverse(
        f"cyber_reports:{name}",
        kwargs={"agency": agency.lower(), "tracking_number": report.tracking_number},
    )


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)


@pytest.fixture
def ransomware(db):
    """Ransomware at a water utility: DHS/CISA, the Secret Service and the FBI."""
    report = routed_report(incident_types=["ransomware"], sector="water")
    assert list(report.routings.values_list("agency__code", flat=True)) == ["CISA", "USSS", "FBI"]
    return report


@pytest.fixture
def desks(role_client):
    return {
        code: role_client(getattr(Role, f"DESK_{code}")) for code in ("CISA", "USSS", "HSI", "FBI")
    }


def test_a_referral_adds_the_agency_with_its_reason_and_tells_its_desk(
    ransomware, desks, django_capture_on_commit_callbacks
):
    fbi, fbi_user = desks["FBI"]
    hsi, _ = desks["HSI"]
    assert hsi.get(url("desk_report", "HSI", ransomware)).status_code == 404
    reason = "The ransom was laundered through an exchange HSI is investigating."
    with django_capture_on_commit_callbacks(execute=True):
        response = fbi.post(
            url("desk_refer", "FBI", ransomware),
            {"refer-agency": agency("HSI").pk, "refer-reason": reason},
        )
    assert response.status_code == 302
    added = ransomware.routings.get(agency__code="HSI")
    assert added.status == "new" and added.added_by.code == "FBI"
    assert added.reasons == [f"added by the FBI desk: {reason}"]
    own = ransomware.routings.get(agency__code="FBI")
    assert own.status == "new" and own.version == 1  # the FBI keeps it as it was
    events = {
        (e.routing.agency.code, e.action, e.other_agency.code)
        for e in RoutingEvent.objects.filter(report=ransomware, other_agency__isnull=False)
    }
    assert events == {("FBI", "referred", "HSI"), ("HSI", "added", "FBI")}
    assert RoutingEvent.objects.get(action="referred").actor == fbi_user
    notice = next(m for m in mail.outbox if m.to == ["hsi-desk@leacorner.example"])
    assert notice.subject.endswith(f"{ransomware.tracking_number} added to your desk by FBI")
    assert reason in notice.body
    assert f"/cyber-incidents/desk/hsi/{ransomware.tracking_number}/" in notice.body
    # The HSI desk sees it, why, and from whom; its notices table lists the referral.
    page = hsi.get(url("desk_report", "HSI", ransomware))
    html = page.content.decode()
    assert page.status_code == 200 and reason in html
    assert "Added by another desk" in html
    # Every desk of the report sees the new agency and the reason.
    assert reason in desks["CISA"][0].get(url("desk_report", "CISA", ransomware)).content.decode()


def test_a_referral_is_refused_with_the_reason_and_what_was_typed_kept(ransomware, desks):
    fbi, _ = desks["FBI"]
    refer = url("desk_refer", "FBI", ransomware)
    response = fbi.post(
        refer, {"refer-agency": agency("USSS").pk, "refer-reason": "Card data seen."}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "USSS has this report already." in html and "Card data seen." in html
    response = fbi.post(refer, {"refer-agency": agency("FBI").pk, "refer-reason": "Ours."})
    assert response.status_code == 400  # not a choice: the list leaves the desk's own agency out
    assert "Choose one of the agencies listed." in response.content.decode()
    response = fbi.post(refer, {"refer-agency": agency("HSI").pk, "refer-reason": "  "})
    assert response.status_code == 400
    assert "Give the reason for adding the agency." in response.content.decode()
    assert not ransomware.routings.filter(agency__code="HSI").exists()
    # Another desk cannot refer through the FBI's page.
    assert desks["HSI"][0].post(refer, {"refer-agency": agency("HSI").pk}).status_code == 404


def test_a_hand_on_passes_the_report_and_never_leaves_it_with_no_agency(
    desks, django_capture_on_commit_callbacks
):
    report = routed_report(incident_types=["smuggling"])  # HSI alone
    hsi, hsi_user = desks["HSI"]
    hand_on = url("desk_hand_on", "HSI", report)
    response = hsi.post(hand_on, {"hand_on-reason": "Not ours."})  # no agency chosen
    assert response.status_code == 400
    assert "Choose the agency." in response.content.decode()
    routing = report.routings.get()
    assert routing.status == "new"
    with django_capture_on_commit_callbacks(execute=True):
        response = hsi.post(
            hand_on,
            {
                "hand_on-agency": agency("FBI").pk,
                "hand_on-reason": "A wire-fraud ring, not smuggling.",
            },
        )
    assert response.status_code == 302
    routing.refresh_from_db()
    assert routing.status == "handed_on" and routing.handed_on_to.code == "FBI"
    assert routing.handed_on_by == hsi_user
    fbi_routing = report.routings.get(agency__code="FBI")
    assert fbi_routing.status == "new"
    assert fbi_routing.reasons == ["handed on by the HSI desk: A wire-fraud ring, not smuggling."]
    assert report.routings.filter(status__in=ReportRouting.ACTIVE).exists()
    assert any("handed on to you by HSI" in m.subject for m in mail.outbox)
    # HSI still sees the report, as handed on, and may take it back.
    page = hsi.get(url("desk_report", "HSI", report)).content.decode()
    assert "Handed on to FBI" in page and "/reopen/" in page and "/hand-on/" not in page
    # The FBI desk hands it back: HSI's routing is active again, new.
    fbi, _ = desks["FBI"]
    response = fbi.post(
        url("desk_hand_on", "FBI", report),
        {"hand_on-agency": agency("HSI").pk, "hand_on-reason": "The goods did cross the border."},
    )
    assert response.status_code == 302
    routing.refresh_from_db()
    assert routing.status == "new" and routing.handed_on_to is None
    assert routing.reasons[-1] == "handed on by the FBI desk: The goods did cross the border."
    assert report.routings.get(agency__code="FBI").status == "handed_on"


def test_a_report_is_not_handed_or_referred_to_an_agency_that_closed_it(ransomware, make_user):
    usss = make_user(role=Role.DESK_USSS)
    fbi = make_user(role=Role.DESK_FBI)
    ransomware.routings.get(agency__code="USSS").close(by=usss, reason="No card data.")
    fbi_routing = ransomware.routings.select_related("agency").get(agency__code="FBI")
    for transition in (fbi_routing.hand_on, fbi_routing.refer):
        with pytest.raises(TransitionError, match="USSS has closed its handling"):
            transition(by=fbi, to=agency("USSS"), reason="Card data after all.")
    fbi_routing.refresh_from_db()
    assert fbi_routing.status == "new"


def test_close_asks_then_reopen_brings_it_back_with_history(ransomware, desks):
    cisa, cisa_user = desks["CISA"]
    cisa.post(url("desk_acknowledge", "CISA", ransomware), {"case_number": "CISA-77"})
    confirm = cisa.get(url("desk_close", "CISA", ransomware)).content.decode()
    assert "Close CIR" in confirm and "only your agency reads the reason" in confirm
    cisa.post(url("desk_close", "CISA", ransomware), {"reason": "Contained; backups restored."})
    routing = ransomware.routings.get(agency__code="CISA")
    assert routing.status == "closed"
    response = cisa.post(url("desk_reopen", "CISA", ransomware), {"reopen-reason": " "})
    assert response.status_code == 400
    assert "Give the reason for reopening." in response.content.decode()
    response = cisa.post(
        url("desk_reopen", "CISA", ransomware), {"reopen-reason": "Reinfected the next day."}
    )
    assert response.status_code == 302
    routing.refresh_from_db()
    assert routing.status == "acknowledged"  # it had been acknowledged
    assert routing.closed_at is None and routing.closing_note == ""
    actions = list(routing.events.values_list("action", "from_status", "to_status", "note"))
    assert actions[1:] == [
        ("acknowledged", "new", "acknowledged", ""),
        ("closed", "acknowledged", "closed", "Contained; backups restored."),
        ("reopened", "closed", "acknowledged", "Reinfected the next day."),
    ]
    assert actions[0][0] == "routed"
    # A new routing reopened goes back to new.
    usss = ransomware.routings.select_related("agency").get(agency__code="USSS")
    member = desks["USSS"][1]
    usss.close(by=member, reason="Duplicate.")
    usss.reopen(by=member, reason="Not a duplicate.")
    assert usss.status == "new"
    with pytest.raises(TransitionError, match="Only a closed or handed-on report"):
        usss.reopen(by=member, reason="Again.")
    assert cisa_user != member


def test_every_desk_sees_each_status_but_not_private_notes_or_case_numbers(ransomware, desks):
    fbi, fbi_user = desks["FBI"]
    usss, _ = desks["USSS"]
    fbi.post(url("desk_acknowledge", "FBI", ransomware), {"case_number": "288A-CI-4410"})
    fbi.post(url("desk_note", "FBI", ransomware), {"body": "Matches a Cleveland case."})
    fbi.post(
        url("desk_note", "FBI", ransomware),
        {"body": "Same actor hit two utilities this week.", "shared": "on"},
    )
    fbi.post(url("desk_close", "FBI", ransomware), {"reason": "Handled by the field office."})
    page = usss.get(url("desk_report", "USSS", ransomware)).content.decode()
    agencies = page[page.index('id="agencies"') : page.index('id="related"')]
    assert "FBI" in agencies and "closed by" in agencies
    assert escape(fbi_user.get_full_name()) in agencies
    assert "288A-CI-4410" not in page
    assert "Matches a Cleveland case." not in page
    assert "Handled by the field office." not in page
    assert "Same actor hit two utilities this week." in page and "shared by FBI" in page
    assert "FBI closed it" in page  # the history says it happened
    # The FBI shares its case number: now the others see it.
    response = fbi.post(url("desk_share_case_number", "FBI", ransomware), {"share-shared": "True"})
    assert response.status_code == 302
    page = usss.get(url("desk_report", "USSS", ransomware)).content.decode()
    assert "case 288A-CI-4410" in page
    assert f"FBI shared its case number ({escape(fbi_user.get_full_name())}):" in page
    fbi.post(url("desk_share_case_number", "FBI", ransomware), {"share-shared": ""})
    page = usss.get(url("desk_report", "USSS", ransomware)).content.decode()
    assert "case 288A-CI-4410" not in page
    own = fbi.get(url("desk_report", "FBI", ransomware)).content.decode()
    assert "Matches a Cleveland case." in own and "Handled by the field office." in own


def test_acknowledging_with_the_case_number_shared(ransomware, desks):
    cisa, _ = desks["CISA"]
    assert not ransomware.routings.filter(acknowledged_by_any=True).exists()
    cisa.post(
        url("desk_acknowledge", "CISA", ransomware),
        {"case_number": "CISA-2026-0042", "share_case_number": "on"},
    )
    assert ransomware.routings.get(agency__code="CISA").case_number_shared
    # Every routing of the report now says some agency took it on, and so does one added later.
    assert set(ransomware.routings.values_list("acknowledged_by_any", flat=True)) == {True}
    desks["FBI"][0].post(
        url("desk_refer", "FBI", ransomware),
        {"refer-agency": agency("HSI").pk, "refer-reason": "Laundering."},
    )
    assert ransomware.routings.get(agency__code="HSI").acknowledged_by_any
    page = desks["FBI"][0].get(url("desk_report", "FBI", ransomware)).content.decode()
    assert "case CISA-2026-0042" in page


def test_the_desk_list_filters_unacknowledged_reports_and_flags_the_late_ones(
    desks, settings, make_user
):
    from datetime import timedelta

    from django.utils import timezone

    settings.CYBER_REPORTS_ACKNOWLEDGE_WITHIN_HOURS = 6
    fresh = routed_report(incident_types=["ransomware"], sector="water")
    late = routed_report(incident_types=["ransomware"], sector="water")
    taken = routed_report(incident_types=["ransomware"], sector="water")
    earlier = timezone.now() - timedelta(hours=7)
    for report in (late, taken):
        report.routings.update(report_submitted_at=earlier)
        type(report).objects.filter(pk=report.pk).update(submitted_at=earlier)
    # The USSS took `taken` on, then closed it: it was acknowledged by an agency all the same.
    usss = make_user(role=Role.DESK_USSS)
    routing = taken.routings.select_related("agency").get(agency__code="USSS")
    routing.acknowledge(by=usss, case_number="U-1")
    routing.close(by=usss, reason="Done.")
    cisa, _ = desks["CISA"]
    listing = reverse("cyber_reports:desk_list", kwargs={"agency": "cisa"})

    def shown(**params):
        response = cisa.get(listing, params)
        assert response.status_code == 200
        return [r.report.tracking_number for r in response.context["page"].object_list]

    assert shown() == [fresh.tracking_number, taken.tracking_number, late.tracking_number] or (
        shown() == [fresh.tracking_number, late.tracking_number, taken.tracking_number]
    )
    assert set(shown(unacknowledged="on")) == {fresh.tracking_number, late.tracking_number}
    html = cisa.get(listing).content.decode()
    assert html.count("nobody acknowledged it in 6 hours") == 1  # the late one only
    assert "no agency yet" in html  # the fresh one, not yet late
    page = cisa.get(url("desk_report", "CISA", late)).content.decode()
    assert "No agency has acknowledged this report within 6 hours of filing." in page
    assert (
        "No agency has acknowledged"
        not in cisa.get(url("desk_report", "CISA", fresh)).content.decode()
    )


def test_the_referral_notice_shows_in_the_added_desks_notices(ransomware, make_user):
    fbi = make_user(role=Role.DESK_FBI)
    routing = ransomware.routings.select_related("agency").get(agency__code="FBI")
    routing.refer(by=fbi, to=agency("HSI"), reason="Crypto laundering.")
    kinds = set(OutgoingEmail.objects.about(ransomware).values_list("kind", flat=True))
    assert "cyber_desk_referral:HSI" in kinds
