"""The retention schedule of cyber-incident reports (leacorner.retention).

A report's clock starts at its last activity (its filing, a reporter's update, any desk's
action) and only once no agency is still working it (every routing closed or handed on):

- `cyber_attachments`: CYBER_ATTACHMENT_RETENTION_DAYS after that, the files the reporter gave
  are deleted from storage; each attachment's row stays (name, kind, size, SHA-256), so the
  report still says what was given and a file hash can still be matched;
- `cyber_reports`: CYBER_REPORT_RETENTION_DAYS after that, the whole report is deleted: the
  reporter's details, the facts, indicators, updates, routings, history, notes, messages, the
  e-mails about it and any file left. Nothing of a report is kept for statistics: its facts
  describe a named victim; the counts the agencies report on are theirs to keep.

A report on legal hold (any agency's) is left whole, files included.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from leacorner import retention
from leacorner.legal_holds import not_held
from leacorner.models import OutgoingEmail
from leacorner.retention import Disposal, RetentionRule, StoredFile

from .desk import ReportRouting, RoutingStatus
from .models import Attachment, CyberIncidentReport, ReportUpdate
from .timeline import RoutingEvent

WORKING = (RoutingStatus.NEW, RoutingStatus.ACKNOWLEDGED)


def _quiet_since(cutoff: datetime):
    """Reports filed before `cutoff` with nothing done on them since and no desk working them."""
    report = OuterRef("pk")
    return not_held(
        CyberIncidentReport.objects.filter(submitted_at__lt=cutoff)
        .exclude(Exists(ReportRouting.objects.filter(report=report, status__in=WORKING)))
        .exclude(Exists(RoutingEvent.objects.filter(report=report, at__gte=cutoff)))
        .exclude(Exists(ReportUpdate.objects.filter(report=report, created_at__gte=cutoff)))
    )


def _files(pks: Sequence[int]) -> dict[int, list[StoredFile]]:
    files: dict[int, list[StoredFile]] = {}
    attachments = Attachment.objects.filter(report__in=pks).exclude(file="").order_by("pk")
    for attachment in attachments.only("pk", "report_id", "file"):
        files.setdefault(attachment.report_id, []).append(
            StoredFile(attachment.file.storage, attachment.file.name)
        )
    return files


def _describe(pks: Sequence[int]) -> list[Disposal]:
    files = _files(pks)
    numbers = CyberIncidentReport.objects.filter(pk__in=pks).order_by("pk")
    return [
        Disposal(number, tuple(files.get(pk, ())))
        for pk, number in numbers.values_list("pk", "tracking_number")
    ]


def _days(setting: str) -> timedelta:
    return timedelta(days=getattr(settings, setting))


# --- Attachments ---------------------------------------------------------------------------------
def _due_attachments(now: datetime):
    with_files = Attachment.objects.filter(report=OuterRef("pk")).exclude(file="")
    return _quiet_since(now - _days("CYBER_ATTACHMENT_RETENTION_DAYS")).filter(Exists(with_files))


def _dispose_attachments(pks: Sequence[int]) -> list[Disposal]:
    disposals = _describe(pks)
    Attachment.objects.filter(report__in=pks).update(file="")
    return disposals


# --- Reports -------------------------------------------------------------------------------------
def _due_reports(now: datetime):
    return _quiet_since(now - _days("CYBER_REPORT_RETENTION_DAYS"))


def _dispose_reports(pks: Sequence[int]) -> list[Disposal]:
    disposals = _describe(pks)
    routings = ReportRouting.objects.filter(report__in=pks).values_list("pk", flat=True)
    for model, ids in ((CyberIncidentReport, pks), (ReportRouting, list(routings))):
        OutgoingEmail.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in ids],
        ).delete()
    # An update answering a desk's question protects the question: updates go first.
    ReportUpdate.objects.filter(report__in=pks).delete()
    CyberIncidentReport.objects.filter(pk__in=pks).delete()
    return disposals


def register() -> None:
    """Add this app's rules to the schedule (CyberReportsConfig.ready)."""
    retention.register(
        RetentionRule(
            kind="cyber_attachments",
            action="files deleted",
            due=_due_attachments,
            describe=_describe,
            dispose=_dispose_attachments,
            setting="CYBER_ATTACHMENT_RETENTION_DAYS",
        )
    )
    retention.register(
        RetentionRule(
            kind="cyber_reports",
            action="deleted",
            due=_due_reports,
            describe=_describe,
            dispose=_dispose_reports,
            setting="CYBER_REPORT_RETENTION_DAYS",
        )
    )
