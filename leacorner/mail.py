"""Outgoing e-mail: stored with the change it reports, sent after commit by a task, retried.

Every message is rendered from three templates, `<name>_subject.txt`, `<name>.txt` and
`<name>.html`, so plain-text and HTML readers get the same content.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend, task
from django_tasks_db.models import DBTaskResult

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def queue_email(
    *,
    to: str,
    template: str,
    context: dict,
    kind: str,
    about: models.Model | None = None,
) -> OutgoingEmail:
    """Store a message rendered from `template` and send it once the transaction commits."""
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    email = OutgoingEmail(
        kind=kind,
        to=to,
        subject=f"[{settings.SITE_NAME}] {subject}"[:255],
        body_text=render_to_string(f"{template}.txt", context),
        body_html=render_to_string(f"{template}.html", context),
    )
    if about is not None:
        email.about = about
    email.save()
    enqueue_delivery(email)
    return email


def queue_rendered_email(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str,
    kind: str,
    about: models.Model | None = None,
):
    """Store a message rendered elsewhere (allauth's account mail, a reviewer's letter from
    its template) and send it after commit."""
    email = OutgoingEmail(
        kind=kind, to=to, subject=subject[:255], body_text=body_text, body_html=body_html
    )
    if about is not None:
        email.about = about
    email.save()
    enqueue_delivery(email)
    return email


def enqueue_delivery(email: OutgoingEmail) -> None:
    transaction.on_commit(lambda: deliver_email.enqueue(email.pk), robust=True)


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min … capped at one hour."""
    base = settings.EMAIL_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


@task(queue_name="email")
def deliver_email(email_id: int) -> str:
    """Send one stored message. Sending twice is prevented by the row lock and the status:
    a message already sent is never sent again, whoever runs the task."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status in {
            OutgoingEmail.Status.SENT,
            OutgoingEmail.Status.FAILED,
        }:
            return "skipped"
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        email.attempts += 1
        try:
            message.send()
        except Exception as error:  # any transport failure is retried
            email.last_error = f"{type(error).__name__}: {error}"[:500]
            give_up = email.attempts >= settings.TASK_MAX_ATTEMPTS
            email.status = OutgoingEmail.Status.FAILED if give_up else OutgoingEmail.Status.RETRYING
            email.save(update_fields=["attempts", "last_error", "status"])
            logger.warning(
                "e-mail %s to %s failed (attempt %s): %s",
                email.pk,
                email.to,
                email.attempts,
                email.last_error,
            )
        else:
            email.status = OutgoingEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["attempts", "last_error", "status", "sent_at"])
            return "sent"
    if email.status == OutgoingEmail.Status.RETRYING:
        schedule_retry(email)
    return email.status


def schedule_retry(email: OutgoingEmail) -> None:
    run_after = timezone.now() + retry_delay(email.attempts)
    if default_task_backend.supports_defer:
        deliver_email.using(run_after=run_after).enqueue(email.pk)
    # A backend that cannot defer (the immediate backend of the tests) leaves the message in
    # RETRYING; `manage.py retry_email` or the admin action sends it again.


def retry_undelivered(queryset: models.QuerySet | None = None) -> int:
    """Queue every unsent message again (after an outage); returns how many."""
    queryset = queryset if queryset is not None else OutgoingEmail.objects.all()
    pending = list(queryset.undelivered().values_list("pk", flat=True))
    OutgoingEmail.objects.filter(pk__in=pending).update(status=OutgoingEmail.Status.QUEUED)
    for pk in pending:
        transaction.on_commit(lambda pk=pk: deliver_email.enqueue(pk), robust=True)
    return len(pending)


class DeliveryLost(Exception):
    """Recorded on a delivery task whose worker died while running it."""


def recover_lost_deliveries() -> int:
    """Queue again every message whose delivery task died with its worker; returns how many.

    django-tasks' database backend has no lease: a worker killed in the middle of a task
    (SIGKILL, out of memory, the machine lost) leaves the task's row "running" for ever, and no
    worker, not even a new one at start-up, looks at it again (RealOrangeOne/django-tasks#46).
    The message's own row is unchanged, still queued or retrying, because the killed worker's
    transaction is rolled back with its connection. So a message is lost when it is still to be
    sent (failed ones wait for an operator), is older than `EMAIL_DELIVERY_LEASE_SECONDS`, and
    has no delivery task waiting for it nor one that started less than that long ago. Its dead
    task rows are marked failed (`DeliveryLost`), so the task admin tells the truth and
    `prune_db_task_results` removes them, and it is queued again.

    A worker cannot do this at start-up itself: worker ids are random per process and workers
    send no heartbeat, so only the age of a task tells a dead worker's task from a live one on
    another machine. `manage.py retry_email --lost` runs it from cron (docs/operations.md).

    The guarantee is at least once: a worker killed after the mail server took the message but
    before its own commit leaves the message unsent, and it goes out twice. Nothing else is
    repeated: the message was rendered when the change it reports was committed (a certification
    is issued by `StakeholderRequest.approve`, in its own transaction, before any notice), and a
    message already sent is never sent again (`deliver_email`)."""
    cutoff = timezone.now() - timedelta(seconds=settings.EMAIL_DELIVERY_LEASE_SECONDS)
    deliveries = DBTaskResult.objects.filter(task_path=deliver_email.module_path).annotate(
        email_id=Cast(KT("args_kwargs__args__0"), models.BigIntegerField())
    )
    for dead in deliveries.running().filter(started_at__lt=cutoff):
        dead.set_failed(DeliveryLost(f"worker {dead.worker_ids[-1]} stopped during the task"))
    alive = deliveries.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    lost = OutgoingEmail.objects.filter(
        status__in=[OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.RETRYING],
        created_at__lt=cutoff,
    ).exclude(models.Exists(alive.filter(email_id=models.OuterRef("pk"))))
    return retry_undelivered(lost)
