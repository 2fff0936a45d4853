"""Outgoing mail is stored first, sent after commit by a task, and survives a mail outage."""

import copy
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from leacorner.mail import deliver_email, queue_email, recover_lost_deliveries, retry_undelivered
from leacorner.models import OutgoingEmail

from .conftest import DATABASE_TASKS

pytestmark = pytest.mark.django_db

TEMPLATE = "account/email/test_notice"


@pytest.fixture(autouse=True)
def _templates(tmp_path, settings):
    folder = tmp_path / "account" / "email"
    folder.mkdir(parents=True)
    (folder / "test_notice_subject.txt").write_text("Request {{ number }} received\n")
    (folder / "test_notice.txt").write_text("We received request {{ number }}.\n")
    (folder / "test_notice.html").write_text("<p>We received request <b>{{ number }}</b>.</p>")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates  # assigned, not mutated, so the engines are rebuilt


def send_one(number="CJS-2026-000001"):
    with transaction.atomic():
        return queue_email(
            to="clerk@court.example", template=TEMPLATE, context={"number": number}, kind="test"
        )


def test_nothing_is_sent_before_commit_and_the_message_is_sent_after(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email = send_one()
    assert mail.outbox == []
    assert OutgoingEmail.objects.get(pk=email.pk).status == "queued"
    for callback in callbacks:
        callback()
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 1
    [message] = mail.outbox
    assert message.subject == "[LEA Corner] Request CJS-2026-000001 received"
    assert message.body == "We received request CJS-2026-000001.\n"
    assert message.alternatives[0][0] == "<p>We received request <b>CJS-2026-000001</b>.</p>"


def test_a_mail_outage_loses_nothing_and_every_message_goes_out_once_it_is_back(
    smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        first = send_one("CJS-2026-000001")
        second = send_one("CJS-2026-000002")
    for email in (first, second):
        email.refresh_from_db()
        assert email.status == "retrying"
        assert "Error" in email.last_error
    assert smtp_server.messages == []

    smtp_server.start()
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_undelivered() == 2
    subjects = sorted(m["Subject"] for m in smtp_server.messages)
    assert subjects == [
        "[LEA Corner] Request CJS-2026-000001 received",
        "[LEA Corner] Request CJS-2026-000002 received",
    ]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}

    # Running the deliveries again sends nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        retry_undelivered()
    assert len(smtp_server.messages) == 2


def test_a_message_that_keeps_failing_is_marked_failed(smtp_server, settings):
    settings.TASK_MAX_ATTEMPTS = 3
    smtp_server.stop()
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            kind="test", to="x@court.example", subject="s", body_text="b"
        )
    for _ in range(3):
        deliver_email.call(email.pk)
    email.refresh_from_db()
    assert email.status == "failed" and email.attempts == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_delivers_queued_mail_from_the_database(settings):
    settings.TASKS = DATABASE_TASKS
    email = send_one("CJS-2026-000009")
    assert OutgoingEmail.objects.get(pk=email.pk).status == "queued"
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)
    email.refresh_from_db()
    assert email.status == "sent"
    assert [m.subject for m in mail.outbox] == ["[LEA Corner] Request CJS-2026-000009 received"]


def test_only_messages_whose_delivery_task_died_are_queued_again(
    settings, django_capture_on_commit_callbacks
):
    """`retry_email --lost` (cron): a task still running after the lease lost its worker; a
    message with a task waiting, a task running within the lease, or younger than the lease is
    left alone, and so are failed and sent ones. (The real worker killed mid-send is
    tests/test_fault_drills.py.)"""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_DELIVERY_LEASE_SECONDS = 600
    now = timezone.now()

    def message(status="queued", age=timedelta(hours=1)):
        return OutgoingEmail.objects.create(
            kind="test",
            to="x@court.example",
            subject="s",
            body_text="b",
            status=status,
            created_at=now - age,
        )

    def task_of(email, *, started_ago=None, run_after=None):
        result = deliver_email.using(run_after=run_after).enqueue(email.pk).db_result
        if started_ago is not None:
            result.claim("worker-gone")
            DBTaskResult.objects.filter(pk=result.pk).update(started_at=now - started_ago)
        return result

    killed = message()
    dead_task = task_of(killed, started_ago=timedelta(minutes=11))
    never_enqueued = message(status="retrying")
    task_of(message(), started_ago=timedelta(seconds=30))  # being sent now
    task_of(message())  # waiting for a worker
    task_of(message(status="retrying"), run_after=now + timedelta(minutes=30))
    message(age=timedelta(seconds=5))  # committed a moment ago, its task on the way
    message(status="failed")
    message(status="sent")

    before = set(DBTaskResult.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_lost_deliveries() == 2
    dead_task.refresh_from_db()
    assert dead_task.status == "FAILED"
    assert dead_task.exception_class_path == "leacorner.mail.DeliveryLost"
    queued_again = DBTaskResult.objects.exclude(pk__in=before).filter(status="READY")
    assert sorted(t.args_kwargs["args"][0] for t in queued_again) == [
        killed.pk,
        never_enqueued.pk,
    ]
    assert OutgoingEmail.objects.get(pk=never_enqueued.pk).status == "queued"
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_lost_deliveries() == 0  # their new tasks are waiting
