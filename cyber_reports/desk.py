"""Each agency's handling of the reports routed to it: its routing rows and its desk's notes.

One `ReportRouting` row per agency a report went to, with the reasons; the desk of that agency
(accounts.roles.DESK_ROLES) works only its own rows, moving them new → acknowledged → closed,
and keeps `DeskNote`s that no other agency sees. Who is on which desk is `desk_agency_codes()`.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner.transitions import StateMachine

from .agencies import Agency
from .vocabulary import Sector

if TYPE_CHECKING:
    from .models import CyberIncidentReport


class ReportRoutingQuerySet(models.QuerySet):
    def for_agency(self, agency: Agency) -> "ReportRoutingQuerySet":
        return self.filter(agency=agency)

    def visible_to(self, user) -> "ReportRoutingQuerySet":
        """The routings `user` may see: those of every agency whose desk they are on
        (superusers: every agency). The one rule of desk visibility: every desk page, file
        and export reads its routings from here."""
        return self.filter(agency__code__in=desk_agency_codes(user))


def desk_agency_codes(user) -> list[str]:
    """The codes of the agencies whose desk `user` is on (superusers: all of them)."""
    from accounts.roles import DESK_ROLES

    if not (user.is_authenticated and user.is_active):
        return []
    return [code for code, role in DESK_ROLES.items() if user.has_role(role)]


class ReportRouting(StateMachine):
    """The report as one agency has it: why it was sent there, and the desk's handling.

    Status moves new → acknowledged → closed (or new → closed) only through `acknowledge()`
    and `close()`, taken by a member of that agency's desk on the locked row
    (leacorner.transitions): two members acting at once are served one after the other, and
    the second is told the report changed under them.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CLOSED = "closed", _("Closed")

    TRANSITIONS = {
        "acknowledge": frozenset({Status.NEW}),
        "close": frozenset({Status.NEW, Status.ACKNOWLEDGED}),
    }
    STALE_MESSAGE = _(
        "This report changed while you were working on it — reload the page and check its "
        "current state."
    )

    # Named, not imported: cyber_reports.models imports this module to register its models.
    report = models.ForeignKey(
        "CyberIncidentReport", on_delete=models.CASCADE, related_name="routings"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="routings")
    reasons = models.JSONField(default=list, help_text=_("Why the report went to this agency."))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    # The report's sector and filing time, copied when it is routed: a report is never edited
    # after filing, so the copies cannot drift. With them one index answers the desk's list
    # (status and sector, newest first) without reading a report per routing.
    sector = models.CharField(
        _("critical-infrastructure sector"),
        max_length=32,
        choices=Sector.choices,
        editable=False,
        help_text=_("A copy of the report's sector, kept for the desk's index."),
    )
    report_submitted_at = models.DateTimeField(
        _("report received"),
        editable=False,
        help_text=_("A copy of the report's filing time, kept for the desk's index."),
    )
    agency_case_number = models.CharField(
        _("agency case number"),
        max_length=80,
        blank=True,
        help_text=_("The agency's own number for this matter."),
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closing_note = models.TextField(blank=True)

    objects = ReportRoutingQuerySet.as_manager()

    class Meta:
        ordering = ["agency__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "agency"], name="cyber_unique_report_agency"),
            models.CheckConstraint(
                condition=Q(status="new")
                | (Q(acknowledged_at__isnull=False) & Q(status="acknowledged"))
                | (Q(closed_at__isnull=False) & Q(status="closed")),
                name="cyber_routing_status_stamped",
            ),
        ]
        indexes = [
            # The desk's list by status and sector, in its order (newest first, then by id,
            # so a page stops after its rows with no sort); its prefix serves the bounded
            # count per status.
            models.Index(
                fields=["agency", "status", "sector", "report_submitted_at", "id"],
                name="cyber_desk_status_sector",
            ),
            # The desk's list unfiltered, or by one of status and sector, in the same order.
            models.Index(fields=["agency", "report_submitted_at", "id"], name="cyber_desk_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.report} → {self.agency}"

    @classmethod
    def of_report(
        cls, report: "CyberIncidentReport", *, agency: Agency, reasons: Iterable[str] = ()
    ) -> "ReportRouting":
        """An unsaved routing of the report to the agency, with the report's copied fields."""
        return cls(
            report=report,
            agency=agency,
            reasons=list(reasons),
            sector=report.sector,
            report_submitted_at=report.submitted_at,
        )

    def refusal(self, action: str, user) -> str | None:
        """Why `user` may not take `action` on this routing now, or None when they may."""
        if self.agency.code not in desk_agency_codes(user):
            return gettext("Only this agency's desk may do that.")
        if self.status not in self.TRANSITIONS[action]:
            if action == "acknowledge":
                return gettext("Only a new report can be acknowledged.")
            return gettext("This report is already closed.")
        return None

    def acknowledge(self, *, by, case_number: str, seen_version: int | None = None) -> None:
        """The agency's desk takes the report on, under its own case number (required)."""
        case_number = case_number.strip()
        if not case_number:
            raise ValidationError({"case_number": gettext("Enter your agency's case number.")})
        with transaction.atomic():
            locked = self.locked_for("acknowledge", by, seen_version, related=("agency",))
            self.record_change(
                locked,
                status=self.Status.ACKNOWLEDGED,
                agency_case_number=case_number,
                acknowledged_at=timezone.now(),
                acknowledged_by=by,
            )
            self.follow(locked, "agency_case_number", "acknowledged_at", "acknowledged_by")

    def close(self, *, by, note: str = "", seen_version: int | None = None) -> None:
        """The agency's desk closes its handling of the report, with an optional note."""
        with transaction.atomic():
            locked = self.locked_for("close", by, seen_version, related=("agency",))
            self.record_change(
                locked,
                status=self.Status.CLOSED,
                closed_at=timezone.now(),
                closed_by=by,
                closing_note=note.strip(),
            )
            self.follow(locked, "closed_at", "closed_by", "closing_note")


class DeskNote(models.Model):
    """A note by a desk on its own routing of a report; no other agency ever sees it."""

    routing = models.ForeignKey(ReportRouting, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    body = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note on {self.routing} at {self.created_at:%Y-%m-%d %H:%M}"
