"""E-mail about cyber-incident reports: the reporter's receipt and the desks' notices.

Every message goes through `leacorner.mail.queue_email`, stored in the caller's transaction and
sent after commit with retries. Desk notices carry a summary and a link to the desk's page,
never the attachments or the reporter's free-text details. The kind of a desk notice ends with
the agency code (`cyber_desk_new:FBI`) so each desk sees the delivery state of its own notices.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Case, CharField, Value, When
from django.urls import reverse
from django.utils.translation import gettext

from leacorner.mail import queue_email
from leacorner.models import OutgoingEmail

from .desk import ReportRouting
from .models import CyberIncidentReport, ReportUpdate
from .routing import RoutedAgency

RECEIPT = "cyber_receipt"
DESK_NEW = "cyber_desk_new"
DESK_UPDATE = "cyber_desk_update"


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


def notify_new_report(
    report: CyberIncidentReport, *, routed: Iterable[RoutedAgency], update_token: str
) -> None:
    routed = list(routed)
    summary = _summary(report)
    if report.reporter_email:
        queue_email(
            to=report.reporter_email,
            template="cyber_reports/email/receipt",
            context={**summary, "routed": routed, "update_url": update_url(update_token)},
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
    update: ReportUpdate, *, routings: Iterable[ReportRouting], attachment_count: int
) -> None:
    report = update.report
    summary = _summary(report)
    for routing in routings:
        for address in routing.agency.desk_email_list():
            queue_email(
                to=address,
                template="cyber_reports/email/desk_update",
                context={
                    **summary,
                    "agency": routing.agency,
                    "update": update,
                    "attachment_count": attachment_count,
                    "link": desk_url(report, routing.agency.code),
                },
                kind=f"{DESK_UPDATE}:{routing.agency.code}",
                about=report,
            )


def desk_notices(report: CyberIncidentReport, agency_code: str):
    """The notices about `report` sent to one agency's desk, newest first, each with
    `kind_label`, what the desk calls it ("New report" or "Update")."""
    new, update = f"{DESK_NEW}:{agency_code}", f"{DESK_UPDATE}:{agency_code}"
    return (
        OutgoingEmail.objects.about(report)
        .filter(kind__in=[new, update])
        .annotate(
            kind_label=Case(
                When(kind=update, then=Value(gettext("Update"))),
                default=Value(gettext("New report")),
                output_field=CharField(),
            )
        )
    )
