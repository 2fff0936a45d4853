"""Filing a report and adding an update: each one transaction, notices after commit.

The report (or update), its details, attachments and routing are stored in one transaction;
the e-mails are stored in the same transaction by `leacorner.mail.queue_email` and sent by a
background task after commit. A mail outage therefore never loses or blocks a report.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .agencies import IncidentType
from .attachments import CheckedUpload
from .desk import ReportRouting
from .models import Attachment, CyberIncidentReport, NetworkIndicator, ReportUpdate, StatusChange
from .notifications import notify_new_report, notify_update
from .routing import RoutedAgency, RoutingFacts, RoutingTable, record_routing, route_report


@dataclass(frozen=True)
class FiledReport:
    report: CyberIncidentReport
    routed: list[RoutedAgency]
    update_token: str


class AttachmentStorageError(Exception):
    """The attachment storage refused a file (full, read-only, missing). Raised inside the
    filing transaction, so nothing of the submission is kept."""


def _store_attachments(
    report: CyberIncidentReport, uploads: Iterable[CheckedUpload], update: ReportUpdate | None
) -> list[Attachment]:
    stored = []
    for upload in uploads:
        attachment = Attachment(
            report=report,
            update=update,
            original_name=upload.name,
            kind=upload.kind,
            size=upload.size,
            sha256=upload.sha256,
        )
        upload.file.seek(0)
        try:
            attachment.file.save("upload", upload.file, save=False)
        except OSError as error:
            # The rows roll back with the transaction; the files written so far must go too.
            for done in stored:
                done.file.delete(save=False)
            raise AttachmentStorageError from error
        attachment.save()
        stored.append(attachment)
    return stored


def file_report(
    *,
    report: CyberIncidentReport,
    incident_types: Iterable[IncidentType],
    indicators: Iterable[NetworkIndicator] = (),
    status_changes: Iterable[StatusChange] = (),
    uploads: Iterable[CheckedUpload] = (),
    submitted_by=None,
    source_address: str | None = None,
) -> FiledReport:
    """Store a new report (anyone may file one), route it, and queue the receipt and the
    desks' notices. `report` is an unsaved instance holding the answers of the form.

    The tracking number is taken before the filing's transaction, in a statement of its own,
    so the year's counter is locked for that instant only and not while the report is saved,
    routed and its e-mails rendered: filings at once do not queue behind each other. A filing
    that fails after that (its files could not be stored) leaves its number unused.
    """
    report.take_number()
    with transaction.atomic():
        report.submitted_at = timezone.now()
        report.submitted_by = submitted_by if getattr(submitted_by, "pk", None) else None
        report.source_address = source_address
        token = report.issue_update_token()
        report.save()
        report.incident_types.set(incident_types)
        indicators, status_changes = list(indicators), list(status_changes)
        for indicator in indicators:
            indicator.report = report
        NetworkIndicator.objects.bulk_create(indicators)
        for change in status_changes:
            change.report = report
        StatusChange.objects.bulk_create(status_changes)
        _store_attachments(report, uploads, update=None)
        routed = route_report(RoutingFacts.of_report(report), RoutingTable.load())
        record_routing(report, routed)
        notify_new_report(report, routed=routed, update_token=token)
    return FiledReport(report=report, routed=routed, update_token=token)


def find_by_update_token(token: str) -> CyberIncidentReport | None:
    if not token or len(token) > 100:
        return None
    return CyberIncidentReport.objects.filter(
        update_token_hash=CyberIncidentReport.hash_token(token)
    ).first()


def add_update(
    *,
    report: CyberIncidentReport,
    body: str,
    uploads: Iterable[CheckedUpload] = (),
    source_address: str | None = None,
) -> ReportUpdate:
    """Store new information from the reporter (holder of the secret link) and tell every
    agency the report went to."""
    with transaction.atomic():
        update = ReportUpdate.objects.create(
            report=report, body=body, source_address=source_address
        )
        attachments = _store_attachments(report, uploads, update=update)
        routings = list(ReportRouting.objects.filter(report=report).select_related("agency"))
        notify_update(update, routings=routings, attachment_count=len(attachments))
    return update
