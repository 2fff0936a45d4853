"""Fault drills that fit in CI time: the mail server down while requests are decided and
reports routed, and the upload storage not writable. (PostgreSQL restarted under load runs
outside CI: bench/faults/.)"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from cyber_reports.models import Attachment, CyberIncidentReport
from leacorner.mail import retry_undelivered
from leacorner.models import OutgoingEmail
from stakeholder_forms.models import Certification, RequestDraft, StakeholderRequest

from .conftest import signed_in_client
from .cyber_reports.conftest import report_data
from .factories import StakeholderRequestFactory, UserFactory
from .fuzz.strategies import MINIMAL_PDF
from .fuzz.test_stakeholder_fuzz import valid_request_post

pytestmark = pytest.mark.django_db


def _admin(action: str, item) -> str:
    return reverse(f"admin:stakeholder_forms_stakeholderrequest_{action}", args=[item.pk])


def test_mail_server_down_while_requests_are_decided_and_reports_routed(
    smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    clerk = UserFactory(role=Role.CLERK)
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    clerk_client, reviewer_client = signed_in_client(clerk), signed_in_client(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        filed = clerk_client.post(reverse("stakeholder_forms:request_create"), valid_request_post())
        assert filed.status_code == 302
        to_approve = StakeholderRequest.objects.get()
        to_deny, to_ask = StakeholderRequestFactory(), StakeholderRequestFactory()
        for item in (to_approve, to_deny, to_ask):
            assert reviewer_client.post(_admin("claim", item)).status_code == 302
            item.refresh_from_db()
        day = to_approve.obligation_date
        approved = reviewer_client.post(
            _admin("approve", to_approve),
            {
                "version": to_approve.version,
                "in_custody_on_date": "yes",
                "custody_from": (day - datetime.timedelta(days=5)).isoformat(),
                "custody_to": (day + datetime.timedelta(days=3)).isoformat(),
                "facility": "Farmville Detention Center",
                "removed_on": (day + datetime.timedelta(days=3)).isoformat(),
                "removal_country": "Mexico",
                "current_status": "removed",
            },
        )
        denied = reviewer_client.post(
            _admin("deny", to_deny), {"version": to_deny.version, "reason": "no_record"}
        )
        asked = reviewer_client.post(
            _admin("ask", to_ask), {"version": to_ask.version, "message": "Send the docket."}
        )
        reported = signed_in_client(UserFactory(), mfa=False).post(
            reverse("cyber_reports:report_create"), report_data()
        )
    assert {r.status_code for r in (approved, denied, asked, reported)} == {302}

    # Every decision and the report are saved; every notice waits, none is lost.
    statuses = dict(StakeholderRequest.objects.values_list("pk", "status"))
    assert statuses == {
        to_approve.pk: "approved",
        to_deny.pk: "denied",
        to_ask.pk: "needs_info",
    }
    assert Certification.objects.count() == 1
    report = CyberIncidentReport.objects.get()
    agencies = report.routings.count()
    assert agencies >= 1
    notices = list(OutgoingEmail.objects.values_list("to", flat=True))
    # received + approved (clerk), denied, asked, the report's receipt and one per agency desk
    # member (there are none here, so the desks' shared addresses).
    assert len(notices) >= 5 + 1
    assert smtp_server.messages == []
    assert not OutgoingEmail.objects.filter(status="sent").exists()

    smtp_server.start()
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_undelivered() == len(notices)
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(notices)
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_undelivered() == 0
    assert len(smtp_server.messages) == len(notices)  # nothing sent twice


@pytest.fixture
def unwritable(tmp_path):
    """A folder that cannot be created, even by root: its parent is a regular file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    return blocker / "uploads"


def test_cyber_attachments_storage_not_writable(
    client, unwritable, monkeypatch, django_capture_on_commit_callbacks
):
    from cyber_reports.models import PrivateFileStorage

    monkeypatch.setattr(
        Attachment._meta.get_field("file"), "storage", PrivateFileStorage(location=unwritable)
    )
    data = report_data()
    data["attachments"] = [SimpleUploadedFile("notes.txt", b"first seen 06:40\n")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cyber_reports:report_create"), data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "could not be stored" in html
    assert 'value="Riverton General Hospital"' in html  # nothing typed is lost
    assert not CyberIncidentReport.objects.exists()
    assert not Attachment.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_stakeholder_document_storage_not_writable(clerk, unwritable, settings):
    settings.MEDIA_ROOT = unwritable
    client = signed_in_client(clerk)
    data = valid_request_post()
    data["document"] = SimpleUploadedFile("capias.pdf", MINIMAL_PDF)
    response = client.post(reverse("stakeholder_forms:request_create"), data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "could not be stored" in html
    assert 'value="Rivera"' in html  # nothing typed is lost
    assert not StakeholderRequest.objects.exists()
    assert not OutgoingEmail.objects.exists()
    # The typed answers are kept as a draft, without the file.
    assert RequestDraft.objects.get().data["subject_family_name"] == "Rivera"


def test_stakeholder_answer_storage_not_writable(unwritable, settings):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    item.ask_for_information(by=reviewer, message="Send the capias.")
    settings.MEDIA_ROOT = unwritable
    client = signed_in_client(item.clerk)
    response = client.post(
        reverse("stakeholder_forms:request_answer", args=[item.pk]),
        {"message": "Attached.", "document": SimpleUploadedFile("capias.pdf", MINIMAL_PDF)},
    )
    assert response.status_code == 503
    assert "could not be stored" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "needs_info"
    assert not item.events.filter(action="info_provided").exists()
