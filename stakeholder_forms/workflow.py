"""The life of a stakeholder request: its states, who may move it from which state to which,
and the history of every move.

`submitted → in_review ⇄ needs_info → approved | denied`, or `withdrawn` by the clerk before a
decision. `TRANSITIONS` is the one table of what can happen; `RequestWorkflow.refusal()` says who
may do it; each transition is one method (`claim`, `release`, `ask_for_information`,
`answer_information_request`, `approve`, `deny`, `withdraw`) that locks the row, refuses a stale
page, records a `RequestEvent` and queues the clerk's e-mail, all in one transaction
(leacorner.transitions). `StakeholderRequest` (models.py) holds the data and inherits the flow;
nothing else changes a status.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner import numbering
from leacorner.transitions import StateMachine, TransitionError

from .certification import Certification
from .certification_documents import CertificationDocument, keep_pdf
from .uploads import event_document_path
from .vocabulary import DenialReason

REVIEW_PERMISSION = "stakeholder_forms.review_stakeholderrequest"
SUPERVISE_PERMISSION = "stakeholder_forms.supervise_stakeholderrequest"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    NEEDS_INFO = "needs_info", _("Needs information")
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Denied")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW, RequestStatus.NEEDS_INFO)
_OPEN = frozenset(OPEN_STATUSES)
#: Each transition method and the states it may start from.
TRANSITIONS: dict[str, frozenset[str]] = {
    "claim": _OPEN,
    "release": frozenset({RequestStatus.IN_REVIEW, RequestStatus.NEEDS_INFO}),
    "ask_for_information": frozenset({RequestStatus.IN_REVIEW}),
    "answer_information_request": frozenset({RequestStatus.NEEDS_INFO}),
    "approve": frozenset({RequestStatus.IN_REVIEW}),
    "deny": frozenset({RequestStatus.IN_REVIEW, RequestStatus.NEEDS_INFO}),
    "withdraw": _OPEN,
}
#: How a refusal names each transition: "A request that is “Denied” cannot be claimed."
ACTION_VERBS: dict[str, str] = {
    "claim": _("claimed"),
    "release": _("released"),
    "ask_for_information": _("sent back for information"),
    "answer_information_request": _("answered"),
    "approve": _("approved"),
    "deny": _("denied"),
    "withdraw": _("withdrawn"),
}


class RequestWorkflow(StateMachine):
    """The transitions of a stakeholder request (module docstring); `StakeholderRequest`
    supplies the fields they read and change."""

    Status = RequestStatus
    OPEN_STATUSES = OPEN_STATUSES
    TRANSITIONS = TRANSITIONS
    STALE_MESSAGE = _(
        "This request changed while you were working on it — reload the page and check its "
        "current state."
    )

    class Meta:
        abstract = True

    # --- Who may do what -------------------------------------------------------------------
    def refusal(self, action: str, user) -> str | None:
        """Why `user` may not take `action` now, or None when they may."""
        is_reviewer = user.is_active and user.has_perm(REVIEW_PERMISSION)
        if action in {"claim", "release", "ask_for_information", "approve", "deny"}:
            if not is_reviewer:
                return gettext("Only ERO reviewers may do this.")
        elif action in {"answer_information_request", "withdraw"} and user.pk != self.clerk_id:
            return gettext("Only the clerk who filed the request may do this.")
        if self.status not in self.TRANSITIONS[action]:
            return gettext("A request that is “%(status)s” cannot be %(action)s.") % {
                "status": self.get_status_display(),
                "action": ACTION_VERBS[action],
            }
        if action == "claim" and self.assigned_to_id is not None:
            if self.assigned_to_id == user.pk:
                return gettext("You already have this request.")
            return gettext("This request is assigned to %(name)s; they must release it first.") % {
                "name": self.assigned_to
            }
        if action in {"release", "ask_for_information", "approve", "deny"}:
            if self.assigned_to_id is None:
                return gettext("Claim the request first.")
            if self.assigned_to_id != user.pk and not (action == "release" and user.is_superuser):
                return gettext("Only the assigned reviewer (%(name)s) may do this.") % {
                    "name": self.assigned_to
                }
        return None

    @staticmethod
    def denial_problem(reason: str, note: str) -> tuple[str, str] | None:
        """The field at fault and why a denial with this reason and note may not be recorded,
        or None: the reason must be one of the list, and "Other" must be explained."""
        if reason not in DenialReason.values:
            return "reason", gettext("Choose a reason from the list.")
        if reason == DenialReason.OTHER and not note.strip():
            return "note", gettext("Explain the reason in the note.")
        return None

    # --- Transitions -------------------------------------------------------------------------
    def _locked(self, action: str, by, seen_version: int | None) -> "RequestWorkflow":
        return self.locked_for(action, by, seen_version, related=("assigned_to", "clerk"))

    def _record(
        self,
        locked: "RequestWorkflow",
        *,
        action: str,
        by,
        before: str,
        note: str = "",
        document=None,
        document_name: str = "",
        visible_to_clerk: bool = True,
        **changes,
    ) -> "RequestEvent":
        now = timezone.now()
        self.record_change(locked, updated_at=now, **changes)
        event = RequestEvent(
            request=locked,
            at=now,
            actor=by,
            action=action,
            from_status=before,
            to_status=locked.status,
            note=note,
            visible_to_clerk=visible_to_clerk,
            document_name=document_name,
        )
        if document is not None:
            event.document = document
        event.save()
        self.follow(locked, "updated_at", *changes)
        return event

    def claim(self, *, by, seen_version: int | None = None) -> None:
        """An ERO reviewer takes an unassigned open request; a new one goes into review."""
        with transaction.atomic():
            locked = self._locked("claim", by, seen_version)
            before = locked.status
            status = self.Status.IN_REVIEW if before == self.Status.SUBMITTED else before
            self._record(
                locked,
                action=RequestEvent.Action.CLAIMED,
                by=by,
                before=before,
                status=status,
                assigned_to=by,
            )

    def release(self, *, by, seen_version: int | None = None, note: str = "") -> None:
        """The assigned reviewer (or a superuser) hands the request back to the queue."""
        with transaction.atomic():
            locked = self._locked("release", by, seen_version)
            self._record(
                locked,
                action=RequestEvent.Action.RELEASED,
                by=by,
                before=locked.status,
                note=note,
                # Internal queue housekeeping: the clerk's timeline does not need it.
                visible_to_clerk=False,
                assigned_to=None,
            )

    def ask_for_information(self, *, by, message: str, seen_version: int | None = None) -> None:
        """The assigned reviewer asks the clerk a question; the request waits on the clerk."""
        if not message.strip():
            raise TransitionError(gettext("Write what the clerk should provide."))
        from . import notifications

        with transaction.atomic():
            locked = self._locked("ask_for_information", by, seen_version)
            self._record(
                locked,
                action=RequestEvent.Action.INFO_REQUESTED,
                by=by,
                before=locked.status,
                note=message.strip(),
                status=self.Status.NEEDS_INFO,
            )
            notifications.needs_information(locked, message=message.strip())

    def answer_information_request(
        self, *, by, message: str, document=None, document_name: str = ""
    ) -> None:
        """The clerk answers the reviewer's question; the request goes back into review."""
        if not message.strip():
            raise TransitionError(gettext("Write your answer."))
        with transaction.atomic():
            locked = self._locked("answer_information_request", by, None)
            self._record(
                locked,
                action=RequestEvent.Action.INFO_PROVIDED,
                by=by,
                before=locked.status,
                note=message.strip(),
                document=document,
                document_name=document_name,
                status=self.Status.IN_REVIEW,
            )

    def approve(self, *, by, findings: dict, seen_version: int | None = None) -> Certification:
        """The assigned reviewer approves and issues the one certification of this request.

        `findings` holds the `Certification.FINDING_FIELDS`; they are validated against the
        request (ValidationError) before anything is written. The certification's number is
        taken before the transaction (leacorner.numbering); an approval refused inside it leaves
        that number unused."""
        from . import notifications

        def certification_of(request: "RequestWorkflow") -> Certification:
            return Certification(
                request=request,
                officer=by,
                officer_name=by.get_full_name(),
                **{field: findings.get(field) for field in Certification.FINDING_FIELDS},
            )

        # Refusals and contradictory findings are answered before a number is spent.
        self.check_allowed("approve", by, seen_version)
        certification_of(self).validate_findings()
        number = numbering.allocate(numbering.Prefix.CERTIFICATION)
        with transaction.atomic():
            locked = self._locked("approve", by, seen_version)
            certification = certification_of(locked)
            certification.validate_findings()
            certification.issue(number=number)
            # The bytes every download will serve and /verify/ compares copies with.
            keep_pdf(certification, CertificationDocument.Kind.ISSUED)
            self._record(
                locked,
                action=RequestEvent.Action.APPROVED,
                by=by,
                before=locked.status,
                note=gettext("Certification %(number)s issued.") % {"number": certification.number},
                status=self.Status.APPROVED,
                decided_at=certification.issued_at,
            )
            notifications.approved(locked, certification)
        return certification

    def deny(self, *, by, reason: str, note: str = "", seen_version: int | None = None) -> None:
        """The assigned reviewer refuses the request with a reason from the fixed list."""
        if problem := self.denial_problem(reason, note):
            raise TransitionError(problem[1])
        from . import notifications

        with transaction.atomic():
            locked = self._locked("deny", by, seen_version)
            self._record(
                locked,
                action=RequestEvent.Action.DENIED,
                by=by,
                before=locked.status,
                note=note.strip(),
                status=self.Status.DENIED,
                denial_reason=reason,
                decision_note=note.strip(),
                decided_at=timezone.now(),
            )
            notifications.denied(locked)

    def withdraw(self, *, by, note: str = "", seen_version: int | None = None) -> None:
        """The clerk who filed the request withdraws it before a decision."""
        with transaction.atomic():
            locked = self._locked("withdraw", by, seen_version)
            self._record(
                locked,
                action=RequestEvent.Action.WITHDRAWN,
                by=by,
                before=locked.status,
                note=note.strip(),
                status=self.Status.WITHDRAWN,
                assigned_to=None,
            )


class RequestEvent(models.Model):
    """One step in a request's history: who did what, when, from which state to which, and
    what they wrote. Written only by the transition methods; never changed afterwards."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Request submitted")
        CLAIMED = "claimed", _("Claimed by a reviewer")
        RELEASED = "released", _("Returned to the queue")
        INFO_REQUESTED = "info_requested", _("Information requested")
        INFO_PROVIDED = "info_provided", _("Information provided")
        APPROVED = "approved", _("Approved, certification issued")
        DENIED = "denied", _("Denied")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REVOKED = "revoked", _("Certification revoked")

    request = models.ForeignKey(
        "stakeholder_forms.StakeholderRequest", on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    from_status = models.CharField(max_length=16, choices=RequestStatus.choices)
    to_status = models.CharField(max_length=16, choices=RequestStatus.choices)
    note = models.TextField(blank=True)
    document = models.FileField(upload_to=event_document_path, blank=True, max_length=200)
    document_name = models.CharField(max_length=200, blank=True)
    visible_to_clerk = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["request", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def actor_label(self) -> str:
        """How the clerk sees the actor: themselves by name, staff by role."""
        if self.actor_id is None:
            return gettext("System")
        if self.actor_id == self.request.clerk_id:
            return self.actor.get_full_name()
        return gettext("ERO reviewer %(name)s") % {"name": self.actor.get_full_name()}
