"""Filing a report and adding an update: each one transaction, notices after commit.

The report (or update), its details, attachments and routing are stored in one transaction;
the e-mails are stored in the same transaction by `leacorner.mail.queue_email` and sent by a
background task after commit. A mail outage therefore never loses or blocks a report. Filing
also marks the reports it is related to (cyber_reports.related). An update may answer a
desk's question, and a report takes at most `CYBER_REPORTS_MAX_UPDATES_PER_REPORT` updates and
`CYBER_REPORTS_MAX_FILES_PER_REPORT` files in all (`UpdateRefused`); the hourly limits of the
update link are the view's (leacorner.rate_limits).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .agencies import IncidentType
from .attachments import CheckedUpload
from .desk import ReportRouting
from .models import Attachment, CyberIncidentReport, Indicator, ReportUpdate, StatusChange
from .notifications import notify_new_report, notify_update
from .related import link_related
from .routing import RoutedAgency, RoutingFacts, RoutingTable, record_routing, route_report
from .timeline import ReporterMessage, RoutingEvent


@dataclass(frozen=True)
class FiledReport:
    report: CyberIncidentReport
    routed: list[RoutedAgency]
    update_token: str


class AttachmentStorageError(Exception):
    """The attachment storage refused a file (full, read-only, missing). Raised inside the
    filing transaction, so nothing of the submission is kept."""


class UpdateRefused(Exception):
    """The report has all the updates or files it takes; the message says which, for the
    reporter. Nothing of the update is kept."""


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
    indicators: Iterable[Indicator] = (),
    status_changes: Iterable[StatusChange] = (),
    uploads: Iterable[CheckedUpload] = (),
    submitted_by=None,
    source_address: str | None = None,
    send_receipt: bool = True,
) -> FiledReport:
    """Store a new report (anyone may file one), route it, mark the reports it is related
    to, and queue the receipt (unless `send_receipt` is False) and the desks' notices.
    `report` is an unsaved instance holding the answers of the form.

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
            indicator.report_submitted_at = report.submitted_at
        Indicator.objects.bulk_create(indicators)
        for change in status_changes:
            change.report = report
        StatusChange.objects.bulk_create(status_changes)
        _store_attachments(report, uploads, update=None)
        routed = route_report(RoutingFacts.of_report(report), RoutingTable.load())
        record_routing(report, routed)
        link_related(report)
        notify_new_report(report, routed=routed, update_token=token, send_receipt=send_receipt)
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
    in_reply_to: ReporterMessage | None = None,
) -> ReportUpdate:
    """Store new information from the reporter (holder of the secret link), perhaps the
    answer to a desk's question (`in_reply_to`, a question of this report), and tell every
    agency the report went to; the desk that asked is told of its answer. Raises
    `UpdateRefused` when the report has all the updates or files it takes."""
    uploads = list(uploads)
    with transaction.atomic():
        # The report's row, locked, serialises its updates: the totals below stay exact.
        list(CyberIncidentReport.objects.select_for_update().filter(pk=report.pk).values("pk"))
        if report.updates.count() >= settings.CYBER_REPORTS_MAX_UPDATES_PER_REPORT:
            raise UpdateRefused(
                _(
                    "This report has the %(max)d updates it can take. Call or e-mail the "
                    "agencies it went to with anything new."
                )
                % {"max": settings.CYBER_REPORTS_MAX_UPDATES_PER_REPORT}
            )
        if uploads:
            stored = report.attachments.count()
            room = settings.CYBER_REPORTS_MAX_FILES_PER_REPORT - stored
            if len(uploads) > room:
                raise UpdateRefused(
                    _(
                        "This report has %(stored)d files, and takes %(max)d in all: send the "
                        "update without files, or with %(room)d at most."
                    )
                    % {
                        "stored": stored,
                        "max": settings.CYBER_REPORTS_MAX_FILES_PER_REPORT,
                        "room": max(room, 0),
                    }
                )
        update = ReportUpdate.objects.create(
            report=report, body=body, source_address=source_address, in_reply_to=in_reply_to
        )
        attachments = _store_attachments(report, uploads, update=update)
        routings = list(ReportRouting.objects.filter(report=report).select_related("agency"))
        for routing in routings:
            routing.report = report
        if in_reply_to is not None:
            if in_reply_to.answered_at is None:
                ReporterMessage.objects.filter(pk=in_reply_to.pk, answered_at__isnull=True).update(
                    answered_at=update.created_at
                )
            asker = next(r for r in routings if r.pk == in_reply_to.routing_id)
            RoutingEvent.objects.create(
                report=report,
                routing=asker,
                at=update.created_at,
                action=RoutingEvent.Action.ANSWERED,
                from_status=asker.status,
                to_status=asker.status,
            )
        notify_update(
            update, routings=routings, attachment_count=len(attachments), answered=in_reply_to
        )
    return update
