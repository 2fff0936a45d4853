"""E-mail about cyber-incident reports: to the reporter (the receipt, the first agency's
acknowledgement, a desk's question or message) and to the desks (a new report, an agency
added by another desk, an update, the answer to a desk's question).

Every message goes through `leacorner.mail.queue_email`, stored in the caller's transaction and
sent after commit with retries. Desk notices carry a summary and a link to the desk's page,
never the attachments or the reporter's free-text details. The kind of a desk notice ends with
the agency code (`cyber_desk_new:FBI`) so each desk sees the delivery state of its own notices.
Messages to the reporter after the receipt do not carry the private update link: only its
hash is kept, so they point to the receipt that holds it.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Case, CharField, Value, When
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner.mail import queue_email
from leacorner.models import OutgoingEmail

from .desk import ReportRouting
from .emergency import recipients_contacts
from .models import CyberIncidentReport, ReportUpdate
from .routing import RoutedAgency
from .timeline import ReporterMessage

RECEIPT = "cyber_receipt"
REPORTER_ACKNOWLEDGED = "cyber_reporter_acknowledged"
REPORTER_MESSAGE = "cyber_reporter_message"
DESK_NEW = "cyber_desk_new"
DESK_REFERRAL = "cyber_desk_referral"
DESK_UPDATE = "cyber_desk_update"
DESK_ANSWER = "cyber_desk_answer"
#: What a desk calls each of its notices, in its notices table.
DESK_NOTICE_LABELS = {
    DESK_NEW: _("New report"),
    DESK_REFERRAL: _("Added by another desk"),
    DESK_UPDATE: _("Update"),
    DESK_ANSWER: _("Answer to your question"),
}


def update_url(token: str) -> str:
    return settings.SITE_URL + reverse("cyber_reports:report_update", kwargs={"token": token})


def desk_url(report: CyberIncidentReport, agency_code: str) -> str:
    return settings.SITE_URL + reverse(
        "cyber_reports:desk_report",
        kwargs={"agency": agency_code.lower(), "tracking_number": report.tracking_number},
    )


def _summary(report: CyberIncidentReport) -> dict:
    return {
        "report": report,
        "incident_types": [t.name for t in report.incident_types.all()],
        "sector": report.get_sector_display(),
        "functional_impact": report.get_functional_impact_display(),
    }


def _to_desk(routing: ReportRouting, *, template: str, kind: str, **context) -> None:
    report = routing.report
    for address in routing.agency.desk_email_list():
        queue_email(
            to=address,
            template=f"cyber_reports/email/{template}",
            context={
                **_summary(report),
                "agency": routing.agency,
                "link": desk_url(report, routing.agency.code),
                **context,
            },
            kind=f"{kind}:{routing.agency.code}",
            about=report,
        )


def notify_new_report(
    report: CyberIncidentReport,
    *,
    routed: Iterable[RoutedAgency],
    update_token: str,
    send_receipt: bool = True,
) -> None:
    """The receipt to the reporter's address (unless `send_receipt` is False: the address
    is past its limit of receipts, leacorner.rate_limits.RECEIPTS) and each desk's notice."""
    routed = list(routed)
    summary = _summary(report)
    if report.reporter_email and send_receipt:
        queue_email(
            to=report.reporter_email,
            template="cyber_reports/email/receipt",
            context={
                **summary,
                "routed": routed,
                "contacts": recipients_contacts(item.agency for item in routed),
                "update_url": update_url(update_token),
            },
            kind=RECEIPT,
            about=report,
        )
    for item in routed:
        for address in item.agency.desk_email_list():
            queue_email(
                to=address,
                template="cyber_reports/email/desk_new_report",
                context={
                    **summary,
                    "agency": item.agency,
                    "reasons": item.reasons,
                    "link": desk_url(report, item.agency.code),
                },
                kind=f"{DESK_NEW}:{item.agency.code}",
                about=report,
            )


def notify_update(
    update: ReportUpdate,
    *,
    routings: Iterable[ReportRouting],
    attachment_count: int,
    answered: ReporterMessage | None = None,
) -> None:
    """Each desk of the report is told of the reporter's update; the desk whose question it
    answers is told so instead."""
    for routing in routings:
        if answered is not None and routing.pk == answered.routing_id:
            _to_desk(
                routing,
                template="desk_answer",
                kind=DESK_ANSWER,
                update=update,
                question=answered,
                attachment_count=attachment_count,
            )
        else:
            _to_desk(
                routing,
                template="desk_update",
                kind=DESK_UPDATE,
                update=update,
                attachment_count=attachment_count,
            )


def notify_referral(
    routing: ReportRouting, *, by_agency, reason: str, handed_on: bool = False
) -> None:
    """The desk of an agency another desk added to a report, or handed it on to."""
    _to_desk(
        routing,
        template="desk_referral",
        kind=DESK_REFERRAL,
        by_agency=by_agency,
        reason=reason,
        handed_on=handed_on,
    )


def notify_reporter_acknowledged(routing: ReportRouting) -> None:
    """The reporter hears when the first agency takes the report on."""
    report = routing.report
    if report.reporter_email:
        queue_email(
            to=report.reporter_email,
            template="cyber_reports/email/reporter_acknowledged",
            context={"report": report, "agency": routing.agency},
            kind=REPORTER_ACKNOWLEDGED,
            about=report,
        )


def notify_reporter_message(message: ReporterMessage) -> None:
    """A desk's question or message reaches the reporter's address, if they gave one."""
    report = message.routing.report
    if report.reporter_email:
        queue_email(
            to=report.reporter_email,
            template="cyber_reports/email/reporter_message",
            context={"report": report, "agency": message.routing.agency, "message": message},
            kind=REPORTER_MESSAGE,
            about=report,
        )


def desk_notices(report: CyberIncidentReport, agency_code: str):
    """The notices about `report` sent to one agency's desk, newest first, each with
    `kind_label`, what the desk calls it (`DESK_NOTICE_LABELS`)."""
    kinds = {f"{kind}:{agency_code}": label for kind, label in DESK_NOTICE_LABELS.items()}
    return (
        OutgoingEmail.objects.about(report)
        .filter(kind__in=list(kinds))
        .annotate(
            kind_label=Case(
                *(When(kind=kind, then=Value(gettext(label))) for kind, label in kinds.items()),
                output_field=CharField(),
            )
        )
    )
