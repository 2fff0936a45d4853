"""Each agency's handling of the reports routed to it: its routing rows and its desk's notes.

One `ReportRouting` row per agency a report went to, with the reasons: the routing rules'
at filing, a desk's when it added the agency (a referral) or handed the report on to it. The
desk of that agency (accounts.roles.DESK_ROLES) works only its own row, through the
transitions of `TRANSITIONS`, each one locked and recorded in the report's history
(cyber_reports.timeline.RoutingEvent). Every desk of the report sees every agency's status,
who and when; a desk's `DeskNote`s and its case number stay its own unless it shares them.
Who is on which desk is `desk_agency_codes()`.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner.choice_labels import ChoiceLabels
from leacorner.transitions import StateMachine, TransitionError

from .agencies import Agency
from .vocabulary import Sector

if TYPE_CHECKING:
    from .models import CyberIncidentReport
    from .timeline import ReporterMessage


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


class RoutingStatus(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLOSED = "closed", _("Closed")
    HANDED_ON = "handed_on", _("Handed on")


_ACTIVE = frozenset({RoutingStatus.NEW, RoutingStatus.ACKNOWLEDGED})
_DONE = frozenset({RoutingStatus.CLOSED, RoutingStatus.HANDED_ON})


class ReportRouting(ChoiceLabels, StateMachine):
    """The report as one agency has it: why it was sent there, and the desk's handling.

    A member of that agency's desk moves it new → acknowledged (under the agency's case
    number) → closed (with a reason, after a confirmation), reopens a closed one (with a
    reason), adds another agency to the report (`refer`), hands the report on to another
    agency as "not ours" (`hand_on`: never to nobody, the other agency always holds it
    after), asks the reporter a question or sends a message, and shares its case number or
    stops. Every transition locks every routing of the report in id order, then this one
    with its version check (leacorner.transitions): members of two desks acting on one report
    at once are served one after the other and never deadlock, and a member acting on an old
    page is told the report changed under them. Each records a `RoutingEvent` and queues its
    e-mails in the same transaction.
    """

    Status = RoutingStatus
    ACTIVE = _ACTIVE
    TRANSITIONS = {
        "acknowledge": frozenset({RoutingStatus.NEW}),
        "close": _ACTIVE,
        "reopen": _DONE,
        "refer": _ACTIVE,
        "hand_on": _ACTIVE,
        "ask_reporter": _ACTIVE,
        "message_reporter": _ACTIVE,
        "share_case_number": frozenset({RoutingStatus.ACKNOWLEDGED, *_DONE}),
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
    routed_at = models.DateTimeField(
        _("received by the agency"), default=timezone.now, help_text=_("When it reached the desk.")
    )
    added_by = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The agency whose desk added this one (a referral or a hand-on)."),
    )
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
    case_number_shared = models.BooleanField(
        _("case number shown to the other agencies"), default=False
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by_any = models.BooleanField(
        default=False,
        editable=False,
        help_text=_(
            "Some agency has acknowledged the report: a copy on each of its routings, set by "
            "the first acknowledgement, for the desks' “acknowledged by no agency yet”."
        ),
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closing_note = models.TextField(_("reason for closing"), blank=True)
    handed_on_to = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handed_on_at = models.DateTimeField(null=True, blank=True)
    handed_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    has_related = models.BooleanField(
        default=False,
        editable=False,
        help_text=_(
            "Another report routed to this agency shares an indicator with this one "
            "(cyber_reports.related keeps it)."
        ),
    )

    objects = ReportRoutingQuerySet.as_manager()

    class Meta:
        ordering = ["agency__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "agency"], name="cyber_unique_report_agency"),
            models.CheckConstraint(
                condition=Q(status="new")
                | (Q(acknowledged_at__isnull=False) & Q(status="acknowledged"))
                | (Q(closed_at__isnull=False) & Q(status="closed"))
                | (
                    Q(handed_on_at__isnull=False)
                    & Q(handed_on_to__isnull=False)
                    & Q(status="handed_on")
                ),
                name="cyber_routing_status_stamped",
            ),
            models.CheckConstraint(
                condition=~Q(handed_on_to=F("agency")) & ~Q(added_by=F("agency")),
                name="cyber_routing_other_agency",
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
            # The desk's reports that have related reports, in the same order.
            models.Index(
                fields=["agency", "report_submitted_at", "id"],
                name="cyber_desk_related",
                condition=Q(has_related=True),
            ),
            # The desk's reports that no agency has acknowledged yet, in the same order.
            models.Index(
                fields=["agency", "report_submitted_at", "id"],
                name="cyber_desk_unacknowledged",
                condition=Q(acknowledged_by_any=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} → {self.agency}"

    @classmethod
    def of_report(
        cls,
        report: "CyberIncidentReport",
        *,
        agency: Agency,
        reasons: Iterable[str] = (),
        added_by: Agency | None = None,
    ) -> "ReportRouting":
        """An unsaved routing of the report to the agency, with the report's copied fields."""
        return cls(
            report=report,
            agency=agency,
            reasons=list(reasons),
            added_by=added_by,
            sector=report.sector,
            report_submitted_at=report.submitted_at,
        )

    # --- Who may do what -----------------------------------------------------------------

    def refusal(self, action: str, user) -> str | None:
        """Why `user` may not take `action` on this routing now, or None when they may."""
        if self.agency.code not in desk_agency_codes(user):
            return gettext("Only this agency's desk may do that.")
        if self.status not in self.TRANSITIONS[action]:
            if action == "acknowledge":
                return gettext("Only a new report can be acknowledged.")
            if action == "reopen":
                return gettext("Only a closed or handed-on report can be reopened.")
            if action == "close" and self.status == self.Status.CLOSED:
                return gettext("This report is already closed.")
            if action == "share_case_number":
                return gettext("Acknowledge the report with your case number first.")
            if self.status == self.Status.HANDED_ON:
                return gettext("Your agency handed this report on: reopen it first.")
            return gettext("This report is closed for your agency: reopen it first.")
        if action == "share_case_number" and not self.agency_case_number:
            return gettext("Acknowledge the report with your case number first.")
        return None

    def status_for_reporter(self) -> str:
        """The agency's handling in the reporter's words (the update page)."""
        day = date_format(
            timezone.localtime(
                self.handed_on_at or self.closed_at or self.acknowledged_at or self.routed_at
            ),
            "DATE_FORMAT",
        )
        if self.status == self.Status.ACKNOWLEDGED:
            return gettext("is working on it (taken on on %(day)s)") % {"day": day}
        if self.status == self.Status.CLOSED:
            return gettext("has finished its work on it (%(day)s)") % {"day": day}
        if self.status == self.Status.HANDED_ON:
            return gettext("passed it on to %(agency)s (%(day)s)") % {
                "agency": self.handed_on_to.short_name,
                "day": day,
            }
        return gettext("has it and has not taken it on yet (received %(day)s)") % {"day": day}

    # --- Transitions -----------------------------------------------------------------------

    def _locked(self, action: str, by, seen_version: int | None) -> "ReportRouting":
        # Every routing of the report first, in id order: a hand-on or a referral changes a
        # second routing of the report, and two of them at once must not wait on each other.
        list(
            type(self)
            .objects.select_for_update()
            .filter(report_id=self.report_id)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        return self.locked_for(action, by, seen_version, related=("agency", "report"))

    def _event(self, routing: "ReportRouting", action: str, by, before: str, **fields) -> None:
        from .timeline import RoutingEvent

        RoutingEvent.objects.create(
            report_id=routing.report_id,
            routing=routing,
            actor=by,
            action=action,
            from_status=before,
            to_status=routing.status,
            **fields,
        )

    @staticmethod
    def _required(field: str, text: str, message: str) -> str:
        text = (text or "").strip()
        if not text:
            raise ValidationError({field: message})
        return text

    def acknowledge(
        self,
        *,
        by,
        case_number: str,
        share_case_number: bool = False,
        seen_version: int | None = None,
    ) -> None:
        """The agency's desk takes the report on, under its own case number (required),
        shown to the other agencies only if `share_case_number`. The first acknowledgement of
        a report, by any agency, is e-mailed to the reporter."""
        from . import notifications
        from .timeline import RoutingEvent

        case_number = self._required(
            "case_number", case_number, gettext("Enter your agency's case number.")
        )
        with transaction.atomic():
            locked = self._locked("acknowledge", by, seen_version)
            first = not locked.acknowledged_by_any
            if first:
                # The report's other routings are locked already (`_locked`): their copy
                # changes with this one, and nobody waits on anybody.
                type(self).objects.filter(report_id=locked.report_id).exclude(pk=locked.pk).update(
                    acknowledged_by_any=True
                )
            before = locked.status
            self.record_change(
                locked,
                status=self.Status.ACKNOWLEDGED,
                agency_case_number=case_number,
                case_number_shared=share_case_number,
                acknowledged_at=timezone.now(),
                acknowledged_by=by,
                acknowledged_by_any=True,
            )
            self._event(locked, RoutingEvent.Action.ACKNOWLEDGED, by, before)
            if first:
                notifications.notify_reporter_acknowledged(locked)
            self.follow(
                locked,
                "agency_case_number",
                "case_number_shared",
                "acknowledged_at",
                "acknowledged_by",
                "acknowledged_by_any",
            )

    def close(self, *, by, reason: str, seen_version: int | None = None) -> None:
        """The agency's desk closes its handling of the report, with a reason (required) that
        only this agency reads; `reopen()` undoes it."""
        from .timeline import RoutingEvent

        reason = self._required("reason", reason, gettext("Give the reason for closing."))
        with transaction.atomic():
            locked = self._locked("close", by, seen_version)
            before = locked.status
            self.record_change(
                locked,
                status=self.Status.CLOSED,
                closed_at=timezone.now(),
                closed_by=by,
                closing_note=reason,
            )
            self._event(locked, RoutingEvent.Action.CLOSED, by, before, note=reason)
            self.follow(locked, "closed_at", "closed_by", "closing_note")

    def reopen(self, *, by, reason: str, seen_version: int | None = None) -> None:
        """A member of the desk takes a closed or handed-on report back: acknowledged again
        if the agency had acknowledged it, new otherwise. The reason is required."""
        from .timeline import RoutingEvent

        reason = self._required("reason", reason, gettext("Give the reason for reopening."))
        with transaction.atomic():
            locked = self._locked("reopen", by, seen_version)
            before = locked.status
            self.record_change(
                locked,
                status=self.Status.ACKNOWLEDGED if locked.acknowledged_at else self.Status.NEW,
                closed_at=None,
                closed_by=None,
                closing_note="",
                handed_on_to=None,
                handed_on_at=None,
                handed_on_by=None,
            )
            self._event(locked, RoutingEvent.Action.REOPENED, by, before, note=reason)
            self.follow(
                locked,
                "closed_at",
                "closed_by",
                "closing_note",
                "handed_on_to",
                "handed_on_at",
                "handed_on_by",
            )

    def _take_on(self, locked: "ReportRouting", to: Agency, by, reason: str, *, handing: bool):
        """The routing of the report to `to` after this desk referred or handed the report on
        to it: a new routing, or its old one active again (after `to` had handed the report
        on itself), or, for a hand-on, its active one with one more reason. Refused for this
        agency itself, for an agency that closed the report, and for a referral to an agency
        that has the report already."""
        from . import related
        from .timeline import RoutingEvent

        if to.pk == locked.agency_id:
            raise TransitionError(gettext("The report is your agency's already: choose another."))
        words = (
            gettext("handed on by the %(agency)s desk: %(reason)s")
            if handing
            else gettext("added by the %(agency)s desk: %(reason)s")
        ) % {"agency": locked.agency.short_name, "reason": reason}
        action = RoutingEvent.Action.RECEIVED if handing else RoutingEvent.Action.ADDED
        target = type(self).objects.filter(report_id=locked.report_id, agency=to).first()
        if target is None:
            target = type(self).of_report(
                locked.report, agency=to, reasons=[words], added_by=locked.agency
            )
            target.acknowledged_by_any = locked.acknowledged_by_any
            target.save()
            self._event(target, action, by, "", note=reason, other_agency=locked.agency)
            related.link_related(locked.report, agency_ids=[to.pk])
            return target
        if target.status == self.Status.CLOSED:
            raise TransitionError(
                gettext(
                    "%(agency)s has closed its handling of this report; ask its desk to "
                    "reopen it, or choose another agency."
                )
                % {"agency": to.short_name}
            )
        if target.status in self.ACTIVE and not handing:
            raise TransitionError(
                gettext("%(agency)s has this report already.") % {"agency": to.short_name}
            )
        before = target.status
        if before == self.Status.HANDED_ON:
            self.record_change(
                target,
                status=self.Status.NEW,
                reasons=[*target.reasons, words],
                handed_on_to=None,
                handed_on_at=None,
                handed_on_by=None,
            )
        else:  # an active routing handed the report: one more reason, the same state
            target.reasons = [*target.reasons, words]
            target.save(update_fields=["reasons"])
        self._event(target, action, by, before, note=reason, other_agency=locked.agency)
        return target

    def refer(self, *, by, to: Agency, reason: str, seen_version: int | None = None) -> None:
        """The desk adds another agency to the report, with a reason that joins the new
        routing's reasons ("added by the FBI desk: …"); the added desk is e-mailed. This
        routing stays as it is."""
        from . import notifications, related
        from .timeline import RoutingEvent

        reason = self._required("reason", reason, gettext("Give the reason for adding the agency."))
        with transaction.atomic():
            related.lock_indicators_of(self.report_id)  # before any routing lock: see related.py
            locked = self._locked("refer", by, seen_version)
            target = self._take_on(locked, to, by, reason, handing=False)
            self._event(
                locked,
                RoutingEvent.Action.REFERRED,
                by,
                locked.status,
                note=reason,
                other_agency=to,
            )
            notifications.notify_referral(target, by_agency=locked.agency, reason=reason)

    def hand_on(self, *, by, to: Agency, reason: str, seen_version: int | None = None) -> None:
        """ "Not ours": the desk hands the report on to another agency, with a reason, and
        steps back. The other agency holds the report after, so no report is ever left with
        no agency; its desk is e-mailed."""
        from . import notifications, related
        from .timeline import RoutingEvent

        reason = self._required(
            "reason", reason, gettext("Give the reason for handing the report on.")
        )
        with transaction.atomic():
            related.lock_indicators_of(self.report_id)
            locked = self._locked("hand_on", by, seen_version)
            target = self._take_on(locked, to, by, reason, handing=True)
            before = locked.status
            self.record_change(
                locked,
                status=self.Status.HANDED_ON,
                handed_on_to=to,
                handed_on_at=timezone.now(),
                handed_on_by=by,
            )
            self._event(
                locked, RoutingEvent.Action.HANDED_ON, by, before, note=reason, other_agency=to
            )
            notifications.notify_referral(
                target, by_agency=locked.agency, reason=reason, handed_on=True
            )
            self.follow(locked, "handed_on_to", "handed_on_at", "handed_on_by")

    def _write_to_reporter(self, *, by, kind: str, body: str) -> "ReporterMessage":
        from . import notifications
        from .timeline import ReporterMessage, RoutingEvent

        question = kind == ReporterMessage.Kind.QUESTION
        body = self._required(
            "body",
            body,
            gettext("Write your question.") if question else gettext("Write your message."),
        )
        action = "ask_reporter" if question else "message_reporter"
        with transaction.atomic():
            locked = self._locked(action, by, None)
            message = ReporterMessage.objects.create(
                routing=locked, author=by, kind=kind, body=body
            )
            event = RoutingEvent.Action.ASKED if question else RoutingEvent.Action.MESSAGED
            self._event(locked, event, by, locked.status, note=body)
            notifications.notify_reporter_message(message)
        return message

    def ask_reporter(self, *, by, question: str) -> "ReporterMessage":
        """The desk asks the reporter for more information: shown on the update page and
        e-mailed; the reporter answers through the update link and this desk is told."""
        from .timeline import ReporterMessage

        return self._write_to_reporter(by=by, kind=ReporterMessage.Kind.QUESTION, body=question)

    def message_reporter(self, *, by, message: str) -> "ReporterMessage":
        """The desk tells the reporter something (no answer expected), as a question is."""
        from .timeline import ReporterMessage

        return self._write_to_reporter(by=by, kind=ReporterMessage.Kind.MESSAGE, body=message)

    def share_case_number(self, *, by, shared: bool, seen_version: int | None = None) -> None:
        """Show the agency's case number to the other agencies on the report, or stop."""
        from .timeline import RoutingEvent

        with transaction.atomic():
            locked = self._locked("share_case_number", by, seen_version)
            self.record_change(locked, case_number_shared=shared)
            action = (
                RoutingEvent.Action.SHARED_CASE_NUMBER
                if shared
                else RoutingEvent.Action.UNSHARED_CASE_NUMBER
            )
            note = locked.agency_case_number if shared else ""
            self._event(locked, action, by, locked.status, note=note)
            self.follow(locked, "case_number_shared")


class DeskNote(models.Model):
    """A note by a desk on its own routing of a report: no other agency sees it, unless the
    desk chose to share it (`shared`, when writing it) with the other agencies on the report."""

    routing = models.ForeignKey(ReportRouting, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    body = models.TextField()
    shared = models.BooleanField(_("shared with the other agencies on the report"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note on {self.routing} at {self.created_at:%Y-%m-%d %H:%M}"
