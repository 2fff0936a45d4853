"""The retention schedule (leacorner.retention) and legal holds (leacorner.legal_holds):
the dry run lists exactly what the real run then does, on the rows and on the disk; nothing
on hold is touched; holds and releases are recorded with who, when and why."""

import dataclasses
import os
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from accounts.models import SecurityEvent
from accounts.roles import Role
from cyber_reports.models import Attachment, CyberIncidentReport
from leacorner import retention
from leacorner.legal_holds import LegalHold, place_hold, release_hold
from leacorner.models import OutgoingEmail
from leacorner.transitions import TransitionError
from stakeholder_forms.certification_documents import CertificationDocument
from stakeholder_forms.models import Certification, RecordView, StakeholderRequest
from testkit.pdfs import PLAIN_PDF

from .factories import StakeholderRequestFactory, UserFactory, approved_request, routed_report

pytestmark = pytest.mark.django_db
YEARS_AGO = timezone.now() - timedelta(days=7 * 365)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def _closed_long_ago(stakeholder_request):
    StakeholderRequest.objects.filter(pk=stakeholder_request.pk).update(
        submitted_at=YEARS_AGO, decided_at=YEARS_AGO, updated_at=YEARS_AGO
    )
    Certification.objects.filter(request=stakeholder_request).update(issued_at=YEARS_AGO)


def _with_document(stakeholder_request) -> str:
    stakeholder_request.document.save("doc.pdf", ContentFile(PLAIN_PDF), save=False)
    StakeholderRequest.objects.filter(pk=stakeholder_request.pk).update(
        document=stakeholder_request.document.name, document_name="Bond order Doe.pdf"
    )
    return stakeholder_request.document.path


def _run(*args) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def supervisor():
    return UserFactory(role=Role.ERO_SUPERVISOR)


def test_stakeholder_records_past_retention_are_listed_then_disposed_of_held_ones_kept(
    supervisor,
):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    due, certification = approved_request(reviewer=reviewer)
    _closed_long_ago(due)
    due_file = _with_document(due)
    RecordView.objects.create(viewer=reviewer, request=due, what="request", at=YEARS_AGO)
    held, held_certification = approved_request(reviewer=reviewer)
    _closed_long_ago(held)
    held_file = _with_document(held)
    place_hold(held, by=supervisor, reason="Litigation hold, Doe v. County, 26-cv-1")
    recent, _ = approved_request(reviewer=reviewer)
    recent_file = _with_document(recent)
    still_open = StakeholderRequestFactory()
    StakeholderRequest.objects.filter(pk=still_open.pk).update(submitted_at=YEARS_AGO)

    listing = _run("--dry-run")
    assert f"stakeholder_documents: {due.tracking_number} would be documents deleted" in listing
    assert f"certifications: {certification.number} would be deleted" in listing
    assert f"file {due.document.name} would be deleted" in listing
    assert "stakeholder_documents: 1 record(s) would be documents deleted, 1 file(s)" in listing
    assert "certifications: 1 record(s) would be deleted" in listing
    assert "record_views: 1 record(s) would be deleted" in listing
    for kept in (held, recent, still_open):
        assert kept.tracking_number not in listing
    assert held_certification.number not in listing
    # The dry run changed nothing.
    assert os.path.exists(due_file)
    assert Certification.objects.count() == 3
    assert RecordView.objects.filter(request=due).exists()

    done = _run()
    # The run does what the dry run listed: the same lines without "would be".
    assert done.replace(" would be", "").splitlines()[:3] == [
        line.replace(" would be", "") for line in listing.splitlines()[:3]
    ]
    assert not os.path.exists(due_file)
    assert not Certification.objects.filter(pk=certification.pk).exists()
    assert not CertificationDocument.objects.filter(certification_id=certification.pk).exists()
    due.refresh_from_db()
    assert due.anonymised_at is not None
    assert (due.subject_family_name, due.requester_name, due.a_number, due.document) == (
        "",
        "",
        "",
        "",
    )
    assert due.subject_date_of_birth.month == 1 and due.subject_date_of_birth.day == 1
    assert due.status == "approved" and due.tracking_number  # kept for the statistics
    assert not due.events.exclude(note="").exists()
    assert not OutgoingEmail.objects.about(due).exists()
    assert not RecordView.objects.filter(request=due).exists()
    # Held, recent and open requests are whole.
    for kept, path in ((held, held_file), (recent, recent_file)):
        kept.refresh_from_db()
        assert kept.anonymised_at is None and kept.subject_family_name
        assert os.path.exists(path)
    assert Certification.objects.filter(pk=held_certification.pk).exists()
    assert CertificationDocument.objects.filter(certification=held_certification).exists()
    still_open.refresh_from_db()
    assert still_open.anonymised_at is None

    # Idempotent: nothing is left to do.
    again = _run()
    assert "stakeholder_requests: 0 record(s) anonymised" in again
    assert "certifications: 0 record(s) deleted" in again


def test_cyber_reports_past_retention_are_deleted_with_their_files_held_and_worked_ones_kept():
    desk = UserFactory(role=Role.DESK_FBI)

    def old_report():
        report = routed_report(incident_types=["identity_theft"])  # the FBI only
        attachment = Attachment(report=report, original_name="log.txt", kind="text", size=2)
        attachment.sha256 = "0" * 64
        attachment.file.save("upload", ContentFile(b"hi"), save=True)
        report.routings.update(status="closed", closed_at=YEARS_AGO)
        CyberIncidentReport.objects.filter(pk=report.pk).update(submitted_at=YEARS_AGO)
        report.routing_events.update(at=YEARS_AGO)
        return report, attachment.file.path

    gone, gone_file = old_report()
    held, held_file = old_report()
    place_hold(held, by=desk, reason="Grand-jury preservation letter", held_for="FBI")
    worked, worked_file = old_report()
    worked.routings.update(status="acknowledged", acknowledged_at=YEARS_AGO)

    listing = _run("--dry-run", "--kind", "cyber_reports")
    assert f"cyber_reports: {gone.tracking_number} would be deleted" in listing
    assert "cyber_reports: 1 record(s) would be deleted, 1 file(s)" in listing
    assert held.tracking_number not in listing and worked.tracking_number not in listing
    assert os.path.exists(gone_file)

    _run("--kind", "cyber_reports")
    assert not CyberIncidentReport.objects.filter(pk=gone.pk).exists()
    assert not os.path.exists(gone_file)
    assert os.path.exists(held_file) and os.path.exists(worked_file)
    assert CyberIncidentReport.objects.filter(pk__in=[held.pk, worked.pk]).count() == 2


def test_cyber_attachments_go_first_and_the_row_says_what_was_given(settings):
    settings.CYBER_ATTACHMENT_RETENTION_DAYS = 30
    report = routed_report(incident_types=["identity_theft"])
    attachment = Attachment(report=report, original_name="log.txt", kind="text", size=2)
    attachment.sha256 = "0" * 64
    attachment.file.save("upload", ContentFile(b"hi"), save=True)
    path = attachment.file.path
    report.routings.update(status="closed", closed_at=timezone.now())
    old = timezone.now() - timedelta(days=60)
    CyberIncidentReport.objects.filter(pk=report.pk).update(submitted_at=old)
    report.routing_events.update(at=old)
    _run()
    attachment.refresh_from_db()
    assert not os.path.exists(path) and not attachment.file
    assert attachment.original_name == "log.txt" and attachment.sha256 == "0" * 64
    assert CyberIncidentReport.objects.filter(pk=report.pk).exists()


def test_audit_records_are_kept_at_least_a_year():
    now = timezone.now()
    old = SecurityEvent.objects.create(kind="login", email="a@x.example", at=now - timedelta(401))
    kept = SecurityEvent.objects.create(kind="login", email="b@x.example", at=now - timedelta(366))
    listing = _run("--dry-run", "--kind", "security_events")
    assert f"security_events: event {old.pk} (login," in listing
    assert f"event {kept.pk} " not in listing
    _run("--kind", "security_events")
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_hold_placed_after_the_batch_was_chosen_keeps_the_record(supervisor, monkeypatch):
    """The run looks for holds again once it holds the rows' locks."""
    request = StakeholderRequestFactory()
    request.withdraw(by=request.clerk)
    _closed_long_ago(request)
    rule = retention._rules["stakeholder_requests"]

    def lock_then_hold(pks):
        place_hold(request, by=supervisor, reason="Subpoena received this morning")
        retention.lock_rows_of(StakeholderRequest, pks)

    monkeypatch.setitem(retention._rules, rule.kind, dataclasses.replace(rule, lock=lock_then_hold))
    out = _run("--kind", "stakeholder_requests")
    assert "0 record(s) anonymised" in out
    request.refresh_from_db()
    assert request.anonymised_at is None


def test_holds_and_releases_are_recorded_and_only_supervisors_may(supervisor):
    request = StakeholderRequestFactory()
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    with pytest.raises(TransitionError, match="Only ERO supervisors"):
        place_hold(request, by=reviewer, reason="x")
    with pytest.raises(TransitionError, match="Give the reason"):
        place_hold(request, by=supervisor, reason="  ")
    hold = place_hold(request, by=supervisor, reason="Doe v. County")
    with pytest.raises(TransitionError, match="already on hold"):
        place_hold(request, by=supervisor, reason="again")
    release_hold(request, by=supervisor, reason="Case settled, 2026-11-02")
    hold.refresh_from_db()
    assert (hold.placed_by, hold.reason, hold.record_label) == (
        supervisor,
        "Doe v. County",
        request.tracking_number,
    )
    assert hold.released_by == supervisor and hold.released_at is not None
    assert hold.release_reason == "Case settled, 2026-11-02"
    with pytest.raises(TransitionError, match="not on hold"):
        release_hold(request, by=supervisor, reason="twice")


def test_one_agency_cannot_release_another_agencys_hold():
    report = routed_report(incident_types=["ransomware"])
    codes = set(report.routings.values_list("agency__code", flat=True))
    assert {"FBI", "CISA"} <= codes
    fbi, cisa = UserFactory(role=Role.DESK_FBI), UserFactory(role=Role.DESK_CISA)
    place_hold(report, by=fbi, reason="Open investigation", held_for="FBI")
    with pytest.raises(TransitionError, match="that agency's desk"):
        release_hold(report, by=cisa, reason="not ours", held_for="FBI")
    assert LegalHold.objects.active().on(report).count() == 1


def test_the_supervisor_holds_and_releases_in_the_admin(role_client):
    client, supervisor = role_client(Role.ERO_SUPERVISOR)
    request = StakeholderRequestFactory()
    url = f"/admin/stakeholder_forms/stakeholderrequest/{request.pk}/legal-hold/"
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and "Give the reason." in empty.text
    response = client.post(url, {"reason": "Preservation order 26-44"})
    assert response.status_code == 302
    page = client.get(f"/admin/stakeholder_forms/stakeholderrequest/{request.pk}/change/")
    assert "Preservation order 26-44" in page.text and "Release the legal hold" in page.text
    client.post(url + "release/", {"reason": "Order lifted"})
    assert LegalHold.objects.get().release_reason == "Order lifted"
    reviewer_client, _ = role_client(Role.ERO_REVIEWER)
    assert reviewer_client.get(url).status_code == 403


def test_the_desk_holds_a_report_from_its_page(role_client):
    client, _ = role_client(Role.DESK_FBI)
    report = routed_report(incident_types=["identity_theft"])
    base = f"/cyber-incidents/desk/fbi/{report.tracking_number}/"
    bad = client.post(base + "legal-hold/", {"hold-reason": ""})
    assert bad.status_code == 400 and "Give the reason." in bad.text
    assert client.post(base + "legal-hold/", {"hold-reason": "Case 26-88"}).status_code == 302
    page = client.get(base)
    assert "Case 26-88" in page.text and "Release your agency" in page.text
    assert LegalHold.objects.active().on(report).get().held_for == "FBI"


def test_the_legal_holds_list_is_for_superusers_and_bounded_in_queries(
    role_client, supervisor, django_assert_max_num_queries
):
    client, _ = role_client(None)
    url = "/admin/leacorner/legalhold/"
    place_hold(StakeholderRequestFactory(), by=supervisor, reason="first")
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for _ in range(30):
        place_hold(
            StakeholderRequestFactory(), by=UserFactory(role=Role.ERO_SUPERVISOR), reason="r"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.status_code == 200 and "first" not in page.text  # the reason is on the hold
    supervisor_client, _ = role_client(Role.ERO_SUPERVISOR)
    assert supervisor_client.get(url).status_code == 403
