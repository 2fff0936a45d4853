"""The life of a stakeholder request: its states, who may move it from which state to which,
and the history of every move.

`submitted → in_review ⇄ needs_info → approved | denied`, or `withdrawn` by the clerk before a
decision. `TRANSITIONS` is the one table of what can happen; `RequestWorkflow.refusal()` says who
may do it; each transition is one method (`claim`, `assign`, `release`, `ask_for_information`,
`answer_information_request`, `approve`, `deny`, `withdraw`) that locks the row, refuses a stale
page, records a `RequestEvent` and queues its e-mails (to the clerk, or to the reviewer a
request is assigned to or answered for), all in one transaction (leacorner.transitions).

A reviewer claims unassigned work for themselves; an ERO supervisor (SUPERVISE_PERMISSION)
assigns any open request to any active reviewer, over another reviewer's claim too (re-assigning
it), and releases anyone's request back to the queue. `StakeholderRequest` (models.py) holds
the data and inherits the flow; nothing else changes a status.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner import numbering
from leacorner.transitions import StaleRecord, StateMachine, TransitionError

from .certification import Certification
from .certification_documents import CertificationDocument, keep_pdf
from .uploads import event_document_path
from .vocabulary import DenialReason


class LetterChanged(StaleRecord):
    """The letter composed now is not the one the reviewer previewed."""


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
    "assign": _OPEN,
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
    "assign": _("assigned"),
    "release": _("released"),
    "ask_for_information": _("sent back for information"),
    "answer_information_request": _("answered"),
    "approve": _("approved"),
    "deny": _("denied"),
    "withdraw": _("withdrawn"),
}


def reviewers() -> models.QuerySet:
    """The accounts a request may be assigned to: active, holding the review permission through
    their role or in their own right (operators' superuser accounts are not in the list)."""
    app_label, codename = REVIEW_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            models.Q(groups__permissions__in=permission) | models.Q(user_permissions__in=permission)
        )
        .distinct()
        .order_by("full_name", "email")
    )


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
        is_supervisor = user.is_active and user.has_perm(SUPERVISE_PERMISSION)
        if action == "assign" and not is_supervisor:
            return gettext("Only ERO supervisors may assign requests.")
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
        if action == "release" and self.assigned_to_id is None:
            return gettext("Nobody has this request; it is in the queue already.")
        if action in {"release", "ask_for_information", "approve", "deny"}:
            if self.assigned_to_id is None:
                return gettext("Claim the request first.")
            if self.assigned_to_id != user.pk and not (action == "release" and is_supervisor):
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
        letter=None,
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
        if letter is not None:
            event.letter_subject, event.letter_text = letter.subject, letter.body_text
        if document is not None:
            event.document = document
        event.save()
        self.follow(locked, "updated_at", *changes)
        return event

    @staticmethod
    def _check_previewed(letter, previewed: str | None) -> None:
        if previewed is not None and letter.digest != previewed:
            raise LetterChanged(
                gettext(
                    "The letter's template was changed after your preview. Read the new text "
                    "below and confirm again."
                )
            )

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

    @staticmethod
    def assignee_problem(to) -> str | None:
        """Why `to` cannot be given a request, or None: only active reviewers can."""
        if to is None or not to.is_active or not to.has_perm(REVIEW_PERMISSION):
            return gettext("Requests can only be assigned to an active ERO reviewer.")
        return None

    def assign(self, *, by, to, seen_version: int | None = None) -> None:
        """An ERO supervisor gives an open request to the reviewer `to`, from the queue or from
        another reviewer; a new one goes into review. `to` is e-mailed after commit (unless the
        supervisors assigned it to themselves). The history says who had it before."""
        if problem := self.assignee_problem(to):
            raise TransitionError(problem)
        from . import notifications

        with transaction.atomic():
            locked = self._locked("assign", by, seen_version)
            if locked.assigned_to_id == to.pk:
                raise TransitionError(
                    gettext("%(name)s has this request already.") % {"name": to.get_full_name()}
                )
            before = locked.status
            names = {"to": to.get_full_name(), "by": by.get_full_name()}
            if locked.assigned_to is None:
                note = gettext("Assigned to %(to)s by %(by)s.") % names
            else:
                names["from"] = locked.assigned_to.get_full_name()
                note = gettext("Re-assigned from %(from)s to %(to)s by %(by)s.") % names
            self._record(
                locked,
                action=RequestEvent.Action.ASSIGNED,
                by=by,
                before=before,
                note=note,
                # Internal queue housekeeping, like a claim's owner: not on the clerk's timeline.
                visible_to_clerk=False,
                status=self.Status.IN_REVIEW if before == self.Status.SUBMITTED else before,
                assigned_to=to,
            )
            if to.pk != by.pk:
                notifications.assigned(locked, assignee=to, by=by)

    def release(self, *, by, seen_version: int | None = None, note: str = "") -> None:
        """The assigned reviewer (or an ERO supervisor, for anyone's request) hands the request
        back to the queue. The history names whose it was when someone else releases it."""
        with transaction.atomic():
            locked = self._locked("release", by, seen_version)
            if locked.assigned_to_id != by.pk and not note:
                note = gettext("Released from %(from)s by %(by)s.") % {
                    "from": locked.assigned_to.get_full_name(),
                    "by": by.get_full_name(),
                }
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

    def ask_for_information(
        self,
        *,
        by,
        message: str,
        seen_version: int | None = None,
        previewed: str | None = None,
    ) -> None:
        """The assigned reviewer asks the clerk a question; the request waits on the clerk.

        The letter is composed from its template (message_templates.py) under the row lock;
        `previewed` is the digest of the letter the reviewer saw, refused when it differs."""
        if not message.strip():
            raise TransitionError(gettext("Write what the clerk should provide."))
        from . import message_templates, notifications

        with transaction.atomic():
            locked = self._locked("ask_for_information", by, seen_version)
            letter = message_templates.compose_information_request(locked, by=by, note=message)
            self._check_previewed(letter, previewed)
            self._record(
                locked,
                action=RequestEvent.Action.INFO_REQUESTED,
                by=by,
                before=locked.status,
                note=message.strip(),
                letter=letter,
                status=self.Status.NEEDS_INFO,
            )
            notifications.send_letter(locked, letter, kind="needs_info")

    def answer_information_request(
        self, *, by, message: str, document=None, document_name: str = ""
    ) -> None:
        """The clerk answers the reviewer's question; the request goes back into review, and
        the assigned reviewer is e-mailed after commit."""
        if not message.strip():
            raise TransitionError(gettext("Write your answer."))
        from . import notifications

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
            if locked.assigned_to is not None:
                notifications.information_provided(locked)

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

    def deny(
        self,
        *,
        by,
        reason: str,
        note: str = "",
        seen_version: int | None = None,
        previewed: str | None = None,
    ) -> None:
        """The assigned reviewer refuses the request with a reason from the fixed list; the
        letter is that reason's template, checked against `previewed` as in
        `ask_for_information`."""
        if problem := self.denial_problem(reason, note):
            raise TransitionError(problem[1])
        from . import message_templates, notifications

        with transaction.atomic():
            locked = self._locked("deny", by, seen_version)
            letter = message_templates.compose_denial(locked, by=by, reason=reason, note=note)
            self._check_previewed(letter, previewed)
            self._record(
                locked,
                action=RequestEvent.Action.DENIED,
                by=by,
                before=locked.status,
                note=note.strip(),
                letter=letter,
                status=self.Status.DENIED,
                denial_reason=reason,
                decision_note=note.strip(),
                decided_at=timezone.now(),
            )
            notifications.send_letter(locked, letter, kind="denied")

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
        ASSIGNED = "assigned", _("Assigned by a supervisor")
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
    letter_subject = models.CharField(_("subject of the letter sent"), max_length=255, blank=True)
    letter_text = models.TextField(
        _("letter sent"),
        blank=True,
        help_text=_("The e-mail to the clerk, word for word, as it was sent with this step."),
    )

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["request", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def staff_summary(self) -> str:
        """What happened, for the reviewers' history: "Filed", "Claimed by Ana Ortiz",
        "Denied: No ICE record matches the subject described"."""
        actor = self.actor.get_full_name() if self.actor_id else gettext("the system")
        Action = self.Action
        if self.action == Action.SUBMITTED:
            return gettext("Filed")
        if self.action == Action.CLAIMED:
            return gettext("Claimed by %(name)s") % {"name": actor}
        if self.action == Action.RELEASED:
            return gettext("Released to the queue by %(name)s") % {"name": actor}
        if self.action == Action.INFO_REQUESTED:
            return gettext("Asked for information")
        if self.action == Action.INFO_PROVIDED:
            return gettext("Answered by the clerk")
        if self.action == Action.DENIED:
            return gettext("Denied: %(reason)s") % {
                "reason": self.request.get_denial_reason_display()
            }
        if self.action == Action.WITHDRAWN:
            return gettext("Withdrawn by the clerk")
        return str(self.get_action_display())

    @property
    def actor_label(self) -> str:
        """How the clerk sees the actor: themselves by name, staff by role."""
        if self.actor_id is None:
            return gettext("System")
        if self.actor_id == self.request.clerk_id:
            return self.actor.get_full_name()
        return gettext("ERO reviewer %(name)s") % {"name": self.actor.get_full_name()}
