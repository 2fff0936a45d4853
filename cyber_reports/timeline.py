"""What happened to a report after filing: every routing change, and the desks' words to the
reporter.

`RoutingEvent` is the history of the routings: one row per change, written by the transition
that made it (cyber_reports/desk.py) in the same transaction, never changed afterwards. Why a
table of our own and not django-simple-history (which the directory uses): the history here
is of *acts*, not of row versions, and an act says more than the fields it changed: who did
it for which desk, why (a referral's reason), to or from which agency, and who may read that
why. simple-history would keep a copy of the routing per save, with the reason and the other
agency nowhere, and a timeline rebuilt by comparing copies; the stakeholder request keeps its
`RequestEvent` for the same reasons.

What another agency sees of an event: that it happened, who and when, and the reason of a
referral or hand-on (shared by design, it tells the other desk why the report came), the
words sent to the reporter (they left the portal anyway) and a case number the desk chose to
share; never the reason a desk gave for closing or reopening for itself (`shared_note`).

`ReporterMessage` is a desk's question or message to the reporter: shown on the update page,
e-mailed when the report has an address, answered through the update link.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class RoutingEvent(models.Model):
    """One change of a report's routing, by whom, when, why (module docstring)."""

    class Action(models.TextChoices):
        ROUTED = "routed", _("Received by the routing rules")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")
        REFERRED = "referred", _("Referred to another agency")
        ADDED = "added", _("Added by another agency")
        HANDED_ON = "handed_on", _("Handed on to another agency")
        RECEIVED = "received", _("Handed on by another agency")
        ASKED = "asked", _("Asked the reporter")
        MESSAGED = "messaged", _("Sent the reporter a message")
        ANSWERED = "answered", _("The reporter answered")
        SHARED_CASE_NUMBER = "shared_case_number", _("Shared the case number")
        UNSHARED_CASE_NUMBER = "unshared_case_number", _("Stopped sharing the case number")

    #: Actions whose note every agency on the report may read.
    SHARED_NOTES = frozenset(
        {
            Action.ROUTED,
            Action.REFERRED,
            Action.ADDED,
            Action.HANDED_ON,
            Action.RECEIVED,
            Action.ASKED,
            Action.MESSAGED,
            Action.SHARED_CASE_NUMBER,
        }
    )

    report = models.ForeignKey(
        "CyberIncidentReport", on_delete=models.CASCADE, related_name="routing_events"
    )
    routing = models.ForeignKey("ReportRouting", on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=24, choices=Action.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    other_agency = models.ForeignKey(
        "Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The agency referred or handed on to, or the one that did it."),
    )
    note = models.TextField(blank=True, help_text=_("The reason, question or message."))

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["report", "at"], name="cyber_event_report_at")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"

    def shared_note(self, agency_id: int) -> str:
        """The note as the desk of `agency_id` may read it: all of it on its own routing,
        only the shared kinds on another agency's."""
        if self.routing.agency_id == agency_id or self.action in self.SHARED_NOTES:
            return self.note
        return ""

    def sentence(self) -> str:
        """The event in the words of the desks' timeline, without its note."""
        other = self.other_agency.short_name if self.other_agency_id else ""
        agency = self.routing.agency.short_name
        words = {
            self.Action.ROUTED: gettext("Sent to %(agency)s by the routing rules"),
            self.Action.ACKNOWLEDGED: gettext("%(agency)s acknowledged it"),
            self.Action.CLOSED: gettext("%(agency)s closed it"),
            self.Action.REOPENED: gettext("%(agency)s reopened it"),
            self.Action.REFERRED: gettext("%(agency)s added %(other)s"),
            self.Action.ADDED: gettext("Added to %(agency)s by the %(other)s desk"),
            self.Action.HANDED_ON: gettext("%(agency)s handed it on to %(other)s"),
            self.Action.RECEIVED: gettext("Handed on to %(agency)s by the %(other)s desk"),
            self.Action.ASKED: gettext("%(agency)s asked the reporter"),
            self.Action.MESSAGED: gettext("%(agency)s sent the reporter a message"),
            self.Action.ANSWERED: gettext("The reporter answered %(agency)s's question"),
            self.Action.SHARED_CASE_NUMBER: gettext("%(agency)s shared its case number"),
            self.Action.UNSHARED_CASE_NUMBER: gettext("%(agency)s stopped sharing its case number"),
        }
        return words[self.action] % {"agency": agency, "other": other}


class ReporterMessageQuerySet(models.QuerySet):
    def open_questions(self) -> "ReporterMessageQuerySet":
        return self.filter(kind=ReporterMessage.Kind.QUESTION, answered_at__isnull=True)


class ReporterMessage(models.Model):
    """A desk's question or message to the reporter of a report (module docstring)."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        MESSAGE = "message", _("Message")

    routing = models.ForeignKey(
        "ReportRouting", on_delete=models.CASCADE, related_name="reporter_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    body = models.TextField()
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ReporterMessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True) | models.Q(kind="question"),
                name="cyber_only_questions_are_answered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.routing.agency} ({self.created_at:%Y-%m-%d})"

    @property
    def is_question(self) -> bool:
        return self.kind == self.Kind.QUESTION

    @property
    def is_open_question(self) -> bool:
        return self.kind == self.Kind.QUESTION and self.answered_at is None
