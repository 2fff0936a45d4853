"""The daily review digest: one e-mail a day to each ERO reviewer and supervisor who has
something to hear about, and none to anyone else.

- A reviewer hears of their own open requests past the age target
  (STAKEHOLDER_AGE_WARNING_WORKING_DAYS) and of those a clerk answered since the last digest.
- A supervisor (SUPERVISE_PERMISSION) also hears of open requests nobody has taken for more than
  STAKEHOLDER_UNASSIGNED_ALERT_WORKING_DAYS working days (2 by default).

Each run is a `ReviewDigestRun` row for its day, written in the same transaction as the mails it
queues (the outbox sends them after commit): a second run on the same day, or two crons at once,
find the day taken and send nothing, and a failed run leaves neither the row nor half its mails.
"Since the last digest" starts at the previous run's `ran_at`; the first run ever looks back one
day. Mails name requests by tracking number only (notifications.py), at most `LISTED` per list,
with the count of the rest and a link to the queue.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from leacorner.mail import queue_email

from .models import RequestEvent, ReviewDigestRun, StakeholderRequest
from .notifications import admin_path
from .workflow import SUPERVISE_PERMISSION, reviewers

#: The most requests one list of a digest names.
LISTED = 25


def _listed(queryset) -> dict:
    items = list(queryset.select_related(None).order_by("submitted_at", "pk")[: LISTED + 1])
    shown = items[:LISTED]
    return {
        "items": [(item, admin_path(item)) for item in shown],
        "more": queryset.count() - len(shown) if len(items) > LISTED else 0,
    }


def send_review_digest(*, now=None) -> int | None:
    """Queue today's digests; how many were queued, or None when today's digest ran already."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    previous = ReviewDigestRun.objects.filter(day__lt=today).order_by("-day").first()
    since = previous.ran_at if previous else now - timedelta(days=1)
    try:
        with transaction.atomic():
            run = ReviewDigestRun.objects.create(day=today, ran_at=now)
            run.recipients = _queue_all(since=since, now=now, today=today)
            run.save(update_fields=["recipients"])
    except IntegrityError:
        return None  # today's row exists: another run did (or is doing) today's digest
    return run.recipients


def _queue_all(*, since, now, today) -> int:
    requests = StakeholderRequest.objects.open()
    answered_ids = RequestEvent.objects.filter(
        action=RequestEvent.Action.INFO_PROVIDED, at__gt=since, at__lte=now
    ).values("request_id")
    unassigned = requests.unassigned().older_than(
        settings.STAKEHOLDER_UNASSIGNED_ALERT_WORKING_DAYS, today
    )
    queue = reverse("admin:stakeholder_forms_stakeholderrequest_changelist")
    sent = 0
    for person in reviewers():
        mine = requests.assigned_to(person)
        lists = {
            "overdue": _listed(mine.overdue(today)),
            "answered": _listed(mine.filter(pk__in=answered_ids)),
            "unassigned": _listed(unassigned)
            if person.has_perm(SUPERVISE_PERMISSION)
            else {"items": [], "more": 0},
        }
        if not any(part["items"] for part in lists.values()):
            continue
        queue_email(
            to=person.email,
            template="stakeholder_forms/email/review_digest",
            context={
                "reviewer": person,
                "day": today,
                "queue_path": queue,
                "age_limit": settings.STAKEHOLDER_AGE_WARNING_WORKING_DAYS,
                "unassigned_limit": settings.STAKEHOLDER_UNASSIGNED_ALERT_WORKING_DAYS,
                **lists,
            },
            kind="stakeholder_review_digest",
        )
        sent += 1
    return sent
