"""Fault drills that fit in CI time: the mail server down while requests are decided and
reports routed, the task worker killed in the middle of sending, and the upload storage not
writable. (PostgreSQL restarted under load runs outside CI: bench/faults/.)"""

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.roles import Role
from cyber_reports.models import Attachment, CyberIncidentReport
from leacorner.mail import retry_undelivered
from leacorner.models import OutgoingEmail
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import RequestDraft, StakeholderRequest
from testkit.mfa import signed_in_client
from testkit.payloads import stakeholder_request_post
from testkit.previews import decide
from testkit.smtp import SMTPListener

from .conftest import DATABASE_TASKS
from .cyber_reports.conftest import report_data
from .factories import (
    StakeholderRequestFactory,
    UserFactory,
    approval_post,
    custody_findings,
)
from .fuzz.strategies import MINIMAL_PDF

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
        filed = clerk_client.post(
            reverse("stakeholder_forms:request_create"), stakeholder_request_post()
        )
        assert filed.status_code == 302
        to_approve = StakeholderRequest.objects.get()
        to_deny, to_ask = StakeholderRequestFactory(), StakeholderRequestFactory()
        for item in (to_approve, to_deny, to_ask):
            assert reviewer_client.post(_admin("claim", item)).status_code == 302
            item.refresh_from_db()
        approved = decide(reviewer_client, _admin("approve", to_approve), approval_post(to_approve))
        denied = decide(
            reviewer_client,
            _admin("deny", to_deny),
            {"version": to_deny.version, "reason": "no_record"},
        )
        asked = decide(
            reviewer_client,
            _admin("ask", to_ask),
            {"version": to_ask.version, "message": "Send the docket."},
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


ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The test database as a DATABASE_URL, for a process the test starts."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}{port}/{db['NAME']}"


def worker_command(*extra: str) -> list[str]:
    return [
        sys.executable,
        "manage.py",
        "db_worker",
        "--queue-name",
        "*",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0.1",
        *extra,
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    "stall_at",
    ["RCPT", "DATA"],
    ids=["before-the-server-took-the-message", "after-the-server-took-the-message"],
)
def test_task_worker_killed_in_the_middle_of_sending(stall_at, settings, tmp_path):
    """A real `db_worker` process, configured as in production, is killed with SIGKILL while
    the mail server holds its exchange. Its task stays "running" and nothing sends the notice
    until `retry_email --lost` (cron) finds it; then a new worker sends it. The recipient gets
    the notice at least once (twice if the server had already taken it), and there is still
    exactly one certification."""
    settings.TASKS = DATABASE_TASKS
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    certification = item.approve(by=reviewer, findings=custody_findings(item))
    notice = OutgoingEmail.objects.about(item).get()
    listener = SMTPListener(stall_at=stall_at)
    listener.start()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SECRET_KEY": "x7#kq2-production-like-secret-for-the-worker-drill-0b9c8d7e6f5a4",
        "CERTIFICATION_CODE_KEY": "production-like-certification-code-key-for-the-drill-77",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(listener.port),
        "EMAIL_USE_TLS": "0",
    }
    log = tmp_path / "workers.log"
    worker = None
    try:
        with log.open("ab") as out:
            worker = subprocess.Popen(  # noqa: S603 - fixed arguments, our own manage.py
                worker_command(), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        assert listener.stalled.wait(timeout=60), log.read_text()
        # In the middle of sending: the task is claimed, the message not yet marked sent.
        assert DBTaskResult.objects.get().status == "RUNNING"
        assert OutgoingEmail.objects.get(pk=notice.pk).status == "queued"
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(timeout=10) == -signal.SIGKILL
        listener.release()

        # The killed worker's transaction is rolled back: the message is still to be sent, its
        # task "running" for ever, and no task is waiting that a new worker would pick up.
        notice.refresh_from_db()
        assert (notice.status, notice.attempts) == ("queued", 0)
        assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["RUNNING"]
        assert len(listener.messages) == (1 if stall_at == "DATA" else 0)

        # Once the lease has passed (10 minutes in production), the cron job queues it again
        # and a new worker sends it.
        settings.EMAIL_DELIVERY_LEASE_SECONDS = 0
        output = io.StringIO()
        call_command("retry_email", "--lost", stdout=output)
        assert output.getvalue() == "queued 1 lost message(s) again\n"
        with log.open("ab") as out:
            subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
                worker_command("--batch"),
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=60,  # the worker is killed if it runs longer
                check=True,
            )
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
        listener.stop()

    received = listener.messages
    assert len(received) == (2 if stall_at == "DATA" else 1), log.read_text()
    for message in received:
        assert message["To"] == item.requester_email
        [text] = [part for part in message.walk() if part.get_content_type() == "text/plain"]
        body = text.get_payload(decode=True).decode()
        assert f"issued certification {certification.number}." in body
    assert Certification.objects.count() == 1
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == ("sent", 1)
    tasks = DBTaskResult.objects.order_by("enqueued_at").values_list(
        "status", "exception_class_path"
    )
    assert list(tasks) == [("FAILED", "leacorner.mail.DeliveryLost"), ("SUCCESSFUL", "")]


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
    data = stakeholder_request_post()
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
