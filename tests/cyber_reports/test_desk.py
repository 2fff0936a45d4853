"""Agency desks: each sees and works only the reports routed to its agency."""

from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import DESK_ROLES, Role
from cyber_reports.agencies import IncidentType
from cyber_reports.desk import DeskNote, ReportRouting
from cyber_reports.models import Attachment
from leacorner import numbering
from leacorner.transitions import TransitionError

from ..factories import routed_report

# One report per agency, routed to that agency alone.
ONLY_TO = {
    "CISA": {"incident_types": ["other"], "critical_functions_affected": "yes"},
    "USSS": {"incident_types": ["payment_card_theft"]},
    "HSI": {"incident_types": ["smuggling"]},
    "FBI": {"incident_types": ["identity_theft"]},
}


def desk_url(name: str, agency: str, report=None, **extra) -> str:
    kwargs = {"agency": agency.lower(), **extra}
    if report is not None:
        kwargs["tracking_number"] = report.tracking_number
    return reverse(f"cyber_reports:{name}", kwargs=kwargs)


@pytest.fixture
def reports_by_agency(db):
    reports = {}
    for code, kwargs in ONLY_TO.items():
        report = routed_report(**kwargs)
        codes = list(report.routings.values_list("agency__code", flat=True))
        if code == "CISA":  # "other" triage goes to the FBI too; keep this one CISA's alone
            report.routings.exclude(agency__code="CISA").delete()
            codes = ["CISA"]
        assert codes == [code]
        attachment = Attachment(
            report=report, original_name="evidence.txt", kind="text", size=5, sha256="x"
        )
        attachment.file.save("upload", ContentFile(b"proof"), save=True)
        reports[code] = report
    return reports


@pytest.mark.parametrize("agency", list(DESK_ROLES))
def test_desk_isolation(agency, reports_by_agency, role_client):
    """Every desk sees its own report and gets 404 for every other agency's."""
    client, _user = role_client(DESK_ROLES[agency])
    listing = client.get(desk_url("desk_list", agency))
    assert listing.status_code == 200
    shown = {r.report.tracking_number for r in listing.context["page"].object_list}
    assert shown == {reports_by_agency[agency].tracking_number}
    own = reports_by_agency[agency]
    assert client.get(desk_url("desk_report", agency, own)).status_code == 200
    attachment = own.attachments.get()
    download = client.get(desk_url("desk_attachment", agency, own, attachment_id=attachment.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"proof"
    assert download["Content-Disposition"].startswith('attachment; filename="evidence.txt"')
    for other, report in reports_by_agency.items():
        if other == agency:
            continue
        # Another agency's report, through this desk's URLs or the other desk's.
        assert client.get(desk_url("desk_report", agency, report)).status_code == 404
        assert client.get(desk_url("desk_report", other, report)).status_code == 404
        assert client.get(desk_url("desk_list", other)).status_code == 404
        attachment = report.attachments.get()
        for code in (agency, other):
            url = desk_url("desk_attachment", code, report, attachment_id=attachment.pk)
            assert client.get(url).status_code == 404
        assert client.get(desk_url("desk_report_stix", agency, report)).status_code == 404
        assert (
            client.post(
                desk_url("desk_acknowledge", other, report), {"case_number": "X"}
            ).status_code
            == 404
        )
        assert client.post(desk_url("desk_note", agency, report), {"body": "X"}).status_code == 404
    # An attachment of another report cannot be fetched through the desk's own report.
    foreign = reports_by_agency["FBI" if agency != "FBI" else "HSI"].attachments.get()
    url = desk_url("desk_attachment", agency, own, attachment_id=foreign.pk)
    assert client.get(url).status_code == 404
    assert ReportRouting.objects.exclude(status="new").count() == 0
    assert not DeskNote.objects.exists()


def test_superuser_sees_every_desk(reports_by_agency, role_client):
    client, _user = role_client(None)
    for agency, report in reports_by_agency.items():
        assert client.get(desk_url("desk_report", agency, report)).status_code == 200
    index = client.get(reverse("cyber_reports:desk_index"))
    assert [a.code for a in index.context["agencies"]] == ["CISA", "USSS", "HSI", "FBI"]


def test_a_single_desk_is_sent_straight_to_its_list(role_client, db):
    client, _user = role_client(Role.DESK_HSI)
    response = client.get(reverse("cyber_reports:desk_index"))
    assert response.status_code == 302
    assert response["Location"] == desk_url("desk_list", "HSI")


def test_desk_pages_need_mfa(db, role_client):
    client, _user = role_client(Role.DESK_FBI, mfa=False)
    response = client.get(desk_url("desk_list", "FBI"))
    # Not enrolled: told to set it up with an administrator's link (accounts.enrolment).
    assert response.status_code == 403
    assert "Set up two-factor authentication first" in response.content.decode()


def test_acknowledge_notes_and_close(role_client, db):
    report = routed_report(incident_types=["computer_intrusion"])  # USSS and FBI
    fbi, fbi_user = role_client(Role.DESK_FBI)
    usss, _ = role_client(Role.DESK_USSS)

    response = fbi.post(desk_url("desk_acknowledge", "FBI", report), {"case_number": " "})
    assert response.status_code == 400
    assert "Enter your agency&#x27;s case number." in response.content.decode()

    response = fbi.post(desk_url("desk_acknowledge", "FBI", report), {"case_number": "288A-CI-9"})
    assert response.status_code == 302
    routing = report.routings.get(agency__code="FBI")
    assert routing.status == "acknowledged"
    assert routing.agency_case_number == "288A-CI-9"
    assert routing.acknowledged_by == fbi_user
    assert routing.acknowledged_at is not None
    assert report.routings.get(agency__code="USSS").status == "new"

    again = fbi.post(
        desk_url("desk_acknowledge", "FBI", report), {"case_number": "other"}, follow=True
    )
    assert "Only a new report can be acknowledged." in again.content.decode()
    routing.refresh_from_db()
    assert routing.agency_case_number == "288A-CI-9"

    fbi.post(desk_url("desk_note", "FBI", report), {"body": "Subject known to the field office."})
    usss.post(desk_url("desk_note", "USSS", report), {"body": "Card data not involved."})
    fbi_page = fbi.get(desk_url("desk_report", "FBI", report)).content.decode()
    usss_page = usss.get(desk_url("desk_report", "USSS", report)).content.decode()
    assert "Subject known to the field office." in fbi_page
    assert "Card data not involved." not in fbi_page
    assert "Card data not involved." in usss_page
    assert "Subject known to the field office." not in usss_page
    assert "288A-CI-9" not in usss_page  # another agency's case number stays private

    # Closing asks first, and wants a reason (closing was one click with none).
    confirm = fbi.get(desk_url("desk_close", "FBI", report))
    assert confirm.status_code == 200
    assert "Close it for FBI" in confirm.content.decode()
    response = fbi.post(desk_url("desk_close", "FBI", report), {"reason": " "})
    assert response.status_code == 400
    assert "Give the reason for closing." in response.content.decode()
    assert report.routings.get(agency__code="FBI").status == "acknowledged"
    reason = {"reason": "Referred to task force."}
    response = fbi.post(desk_url("desk_close", "FBI", report), reason)
    assert response.status_code == 302
    routing.refresh_from_db()
    assert routing.status == "closed"
    assert routing.closing_note == "Referred to task force."
    closed = fbi.post(desk_url("desk_close", "FBI", report), {"reason": "Again."})
    assert closed.status_code == 409
    assert "This report is already closed." in closed.content.decode()
    assert "Again." in closed.content.decode()  # what was typed is kept
    again = fbi.get(desk_url("desk_close", "FBI", report), follow=True)
    assert "This report is already closed." in again.content.decode()
    # The USSS desk sees that the FBI closed it, not why.
    usss_page = usss.get(desk_url("desk_report", "USSS", report)).content.decode()
    assert "closed by" in usss_page and "Referred to task force." not in usss_page


def test_model_methods_check_the_desk(db, make_user):
    report = routed_report(incident_types=["smuggling"])
    routing = report.routings.get()
    outsider = make_user(role=Role.DESK_FBI)
    assert routing.allowed_actions(outsider) == []
    with pytest.raises(TransitionError, match="Only this agency's desk"):
        routing.acknowledge(by=outsider, case_number="1")
    with pytest.raises(TransitionError, match="Only this agency's desk"):
        routing.close(by=outsider, reason="Not ours.")
    hsi = make_user(role=Role.DESK_HSI)
    assert routing.allowed_actions(hsi) == [
        "acknowledge",
        "close",
        "refer",
        "hand_on",
        "ask_reporter",
        "message_reporter",
    ]
    with pytest.raises(ValidationError):
        routing.acknowledge(by=hsi, case_number="")
    with pytest.raises(ValidationError):
        routing.close(by=hsi, reason="  ")
    routing.close(by=hsi, reason="Duplicate of an open case.")
    assert routing.status == "closed" and routing.version == 2
    assert routing.allowed_actions(hsi) == ["reopen"]
    with pytest.raises(TransitionError, match="already closed"):
        routing.close(by=hsi, reason="Again.")


def test_a_page_older_than_the_routing_is_refused_with_the_reason(role_client, db):
    """Two members of a desk: the second acts on the page they loaded before the first."""
    report = routed_report(incident_types=["smuggling"])  # HSI alone
    first, _ = role_client(Role.DESK_HSI)
    second, _ = role_client(Role.DESK_HSI)
    page = second.get(desk_url("desk_report", "HSI", report))
    version = page.context["routing"].version
    first.post(desk_url("desk_close", "HSI", report), {"reason": "Not ours.", "version": version})
    late = second.post(
        desk_url("desk_acknowledge", "HSI", report),
        {"case_number": "HSI-1", "version": version},
        follow=True,
    )
    assert "This report changed while you were working on it" in late.content.decode()
    routing = report.routings.get()
    assert routing.status == "closed" and routing.agency_case_number == ""


def test_the_buttons_are_the_allowed_actions(role_client, db):
    report = routed_report(incident_types=["smuggling"])
    client, _ = role_client(Role.DESK_HSI)

    names = ("acknowledge", "close", "reopen", "refer", "hand-on", "to-reporter", "case-number")

    def buttons() -> set[str]:
        page = client.get(desk_url("desk_report", "HSI", report)).content.decode()
        return {name for name in names if f"/{name}/" in page}

    active = {"close", "refer", "hand-on", "to-reporter"}
    assert buttons() == {"acknowledge", *active}
    client.post(desk_url("desk_acknowledge", "HSI", report), {"case_number": "HSI-7"})
    assert buttons() == {*active, "case-number"}
    client.post(desk_url("desk_close", "HSI", report), {"reason": "Done."})
    assert buttons() == {"reopen", "case-number"}


def test_visible_to_is_the_desks_of_the_user(db, make_user):
    routed_report(incident_types=["computer_intrusion"])  # USSS and FBI
    routed_report(incident_types=["smuggling"])  # HSI
    fbi = make_user(role=Role.DESK_FBI)
    both = make_user(role=Role.DESK_FBI)
    both.groups.add(Group.objects.get(name=Role.DESK_HSI))
    clerk = make_user(role=Role.CLERK)
    superuser = make_user(is_superuser=True, is_staff=True)

    def agencies(user) -> list[str]:
        return sorted(ReportRouting.objects.visible_to(user).values_list("agency__code", flat=True))

    assert agencies(fbi) == ["FBI"]
    assert agencies(both) == ["FBI", "HSI"]
    assert agencies(clerk) == []
    assert agencies(AnonymousUser()) == []
    assert agencies(superuser) == ["FBI", "HSI", "USSS"]
    fbi.is_active = False
    assert agencies(fbi) == []


def test_list_filters_and_search(role_client, db):
    water = routed_report(
        incident_types=["computer_intrusion"], sector="water", entity_name="Lakeside Water"
    )
    bank = routed_report(
        incident_types=["online_fraud"], sector="financial_services", entity_name="First Bank"
    )
    client, user = role_client(Role.DESK_FBI)
    water.routings.get(agency__code="FBI").acknowledge(by=user, case_number="1")

    def shown(**params):
        response = client.get(desk_url("desk_list", "FBI"), params)
        assert response.status_code == 200
        return {r.report.tracking_number for r in response.context["page"].object_list}

    both = {water.tracking_number, bank.tracking_number}
    assert shown() == both
    assert shown(sector="water") == {water.tracking_number}
    fraud = IncidentType.objects.get(code="online_fraud")
    assert shown(incident_type=fraud.pk) == {bank.tracking_number}
    assert shown(status="acknowledged") == {water.tracking_number}
    assert shown(status="new") == {bank.tracking_number}
    assert shown(q=bank.tracking_number.lower()) == {bank.tracking_number}
    assert shown(q="lakeside") == {water.tracking_number}
    today = timezone.localdate(water.submitted_at).isoformat()
    assert shown(received_from=today, received_to=today) == both
    assert shown(received_from="2000-01-01", received_to="2000-01-02") == set()
    # A bad filter is reported, and nothing is listed (see the test below).
    response = client.get(
        desk_url("desk_list", "FBI"), {"received_from": "2026-12-01", "received_to": "2026-11-01"}
    )
    assert "The end date is before the start date." in response.content.decode()
    assert not response.context["page"].object_list


def test_desk_list_queries_are_bounded_at_10000_reports(
    role_client, django_assert_max_num_queries, db
):
    from cyber_reports.models import CyberIncidentReport

    fbi_agency = ReportRouting._meta.get_field("agency").related_model.objects.get(code="FBI")
    intrusion = IncidentType.objects.get(code="computer_intrusion")
    client, _user = role_client(Role.DESK_FBI)
    first = numbering.allocate(numbering.Prefix.CYBER_REPORT)
    year = first.year
    reports = CyberIncidentReport.objects.bulk_create(
        CyberIncidentReport(
            tracking_number=str(replace(first, sequence=first.sequence + n + 1)),
            year=year,
            sequence=first.sequence + n + 1,
            update_token_hash=f"{n:064d}",
            reporter_name="Officer",
            reporter_organization="PD",
            reporter_phone="555",
            entity_name=f"Entity {n}",
            entity_type="business",
            sector="energy",
            detected_at="2026-11-01T00:00Z",
        )
        for n in range(10_000)
    )
    through = CyberIncidentReport.incident_types.through
    through.objects.bulk_create(
        through(cyberincidentreport_id=r.pk, incidenttype_id=intrusion.pk) for r in reports
    )
    ReportRouting.objects.bulk_create(
        ReportRouting.of_report(r, agency=fbi_agency) for r in reports
    )
    client.get(desk_url("desk_list", "FBI"))  # warm the session
    # Session, user, MFA, groups, agency, count, a bounded count per status (4), the user's
    # permissions (2, for the header's "Staff admin"), type choices, page rows, their incident
    # types, every agency's routing of them, and the session save (3): none grows with the
    # number of reports. Past 10,000 rows a count adds the planner's estimate (one EXPLAIN each).
    with django_assert_max_num_queries(19):
        response = client.get(desk_url("desk_list", "FBI"), {"sector": "energy", "page": "3"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 10_000
    assert len(response.context["page"].object_list) == 50


@pytest.mark.postgres
def test_desk_search_by_entity_uses_the_trigram_index(db):
    """At a million reports `entity ILIKE '%term%'` read the whole table (docs/performance.md)."""
    from django.db import connection

    from cyber_reports.desk_forms import DeskFilterForm

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    routed_report(entity_name="Riverton Water Authority")
    routings = DeskFilterForm({"q": "riverton"}).filter(ReportRouting.objects.all())
    assert {routing.report.entity_name for routing in routings} == {"Riverton Water Authority"}
    # The tables are tiny, so the planner would read them whole (or walk a primary key);
    # with both plans off it shows whether the search's own indexes can answer it.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
    try:
        plan = routings.order_by().explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
            cursor.execute("SET enable_indexscan = on")
    assert "cyber_report_entity_trgm" in plan
    assert "cyberincidentreport_tracking_number" in plan or "tracking_number_key" in plan


@pytest.mark.postgres
def test_desk_status_and_sector_page_reads_one_index_of_the_routings(db):
    """At a million reports the page joined each new routing to its report to test the sector
    (docs/performance.md, item 7): the routing's own copies and one index answer it now."""
    from django.db import connection

    from cyber_reports.desk_forms import DeskFilterForm

    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    water = routed_report(incident_types=["identity_theft"], sector="water")  # the FBI's only
    for _ in range(30):
        routed_report(incident_types=["identity_theft"], sector="energy")
    agency = water.routings.get().agency
    routings = DeskFilterForm({"status": "new", "sector": "water"}).filter(
        ReportRouting.objects.for_agency(agency).order_by("-report_submitted_at", "-pk")
    )
    assert [routing.report for routing in routings] == [water]
    # The tables are tiny: with their statistics, and reading them whole ruled out, the plan
    # shows which index the planner picks for a rare status and sector.
    table = ReportRouting._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_bitmapscan = off")
    try:
        page = routings.all()[:50].explain()
        count = routings.order_by().explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
            cursor.execute("SET enable_bitmapscan = on")
    for plan in (page, count):
        assert "cyber_desk_status_sector" in plan, plan
        assert "cyberincidentreport" not in plan
    # In the list's order straight from the index: a page stops after its rows, unsorted.
    assert "Index Scan Backward using cyber_desk_status_sector" in page
    assert "Sort" not in page


@pytest.mark.parametrize(
    "bad",
    [{"incident_type": "abc"}, {"sector": "moon"}, {"status": "lost"}, {"received_from": "soon"}],
)
def test_an_invalid_filter_is_reported_and_lists_and_exports_nothing(role_client, db, bad):
    # It used to be ignored: the desk saw, and exported, every report as if it had filtered.
    routed_report(incident_types=["identity_theft"])
    client, _user = role_client(Role.DESK_FBI)
    response = client.get(desk_url("desk_list", "FBI"), bad)
    assert response.status_code == 200
    assert response.context["filters"].errors
    assert not response.context["page"].object_list
    page = response.content.decode()
    assert "usa-error-message" in page
    assert "Correct the filters to see the reports." in page
    for export in ("desk_export_csv", "desk_export_stix"):
        refused = client.get(desk_url(export, "FBI"), bad)
        assert refused.status_code == 400  # no file: the list, saying what is wrong
        assert "Content-Disposition" not in refused
        assert "Correct the filters to see the reports." in refused.content.decode()
