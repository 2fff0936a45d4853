"""Criminal Justice Stakeholder requests, their history and their certifications.

A clerk files a `StakeholderRequest`; ERO reviewers move it through
`submitted → in_review ⇄ needs_info → approved | denied`, and the clerk may withdraw it before a
decision. Every status change is one method of `StakeholderRequest` (or `Certification.revoke`):
it locks the row, checks who may act from which state, records a `RequestEvent` and queues the
clerk's e-mail, all in one transaction. Nothing else changes a status.
"""

import secrets
import uuid
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner import numbering
from leacorner.numbering import Number
from leacorner.transitions import StaleRecord, StateMachine, TransitionError

from .working_days import working_days_between

REVIEW_PERMISSION = "stakeholder_forms.review_stakeholderrequest"
REVOKE_PERMISSION = "stakeholder_forms.revoke_certification"


# --- Choices ------------------------------------------------------------------------------------
class AgencyType(models.TextChoices):
    COURT = "court", _("Court")
    PROBATION = "probation", _("Probation")
    PAROLE = "parole", _("Parole")
    PRETRIAL = "pretrial", _("Pretrial services")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    DEFENSE = "defense", _("Public defender or defense counsel")
    LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement agency")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Unknown or not recorded")


class ObligationType(models.TextChoices):
    COURT_APPEARANCE = "court_appearance", _("Court appearance")
    BOND_APPEARANCE = "bond_appearance", _("Bond or bail appearance")
    PROBATION_MEETING = "probation_meeting", _("Probation meeting")
    PAROLE_MEETING = "parole_meeting", _("Parole meeting")
    PRETRIAL_CHECK_IN = "pretrial_check_in", _("Pretrial-services check-in")
    OTHER = "other", _("Other")


#: The information a clerk may ask for: model field → label.
INFORMATION_ITEMS: dict[str, str] = {
    "wants_custody_on_date": _("Was the person in ICE custody on the obligation date?"),
    "wants_custody_dates": _("The dates of ICE custody and the facility"),
    "wants_removal": _("Removal from the United States (date and country)"),
    "wants_release": _("Release from ICE custody (date)"),
    "wants_current_status": _("The person's current custody status"),
}


class DenialReason(models.TextChoices):
    NO_RECORD = "no_record", _("No ICE record matches the subject described")
    NOT_CRIMINAL_JUSTICE = (
        "not_criminal_justice",
        _("The requester is not acting in an official criminal-justice capacity"),
    )
    INSUFFICIENT_IDENTITY = (
        "insufficient_identity",
        _("The subject cannot be identified from the details given"),
    )
    NO_RESPONSE = "no_response", _("The information asked for was not provided")
    DUPLICATE = "duplicate", _("The same matter is already answered by another request")
    OUTSIDE_SCOPE = "outside_scope", _("The information asked for is outside this process")
    OTHER = "other", _("Other (explained in the note)")


class CurrentStatus(models.TextChoices):
    IN_CUSTODY = "in_custody", _("In ICE custody")
    RELEASED = "released", _("Released from ICE custody")
    REMOVED = "removed", _("Removed from the United States")
    NOT_IN_CUSTODY = "not_in_custody", _("Not in ICE custody")


# --- Uploads ------------------------------------------------------------------------------------
def _upload_path(folder: str, filename: str) -> str:
    # A random name: the clerk's file name is kept in a field, never used as a path.
    return f"stakeholder/{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def request_document_path(instance, filename: str) -> str:
    return _upload_path("requests", filename)


def event_document_path(instance, filename: str) -> str:
    return _upload_path("answers", filename)


def draft_document_path(instance, filename: str) -> str:
    return _upload_path("drafts", filename)


# --- Requests -----------------------------------------------------------------------------------
class StakeholderRequestQuerySet(models.QuerySet):
    def open(self) -> "StakeholderRequestQuerySet":
        return self.filter(status__in=StakeholderRequest.OPEN_STATUSES)

    def filed_by(self, user) -> "StakeholderRequestQuerySet":
        return self.filter(clerk=user)

    def assigned_to(self, user) -> "StakeholderRequestQuerySet":
        return self.filter(assigned_to=user)

    def unassigned(self) -> "StakeholderRequestQuerySet":
        return self.filter(assigned_to__isnull=True)

    def possible_duplicates(
        self, *, family_name: str, given_names: str, date_of_birth: date, obligation_date: date
    ) -> "StakeholderRequestQuerySet":
        """Open requests about the same person (name and date of birth) and the same day."""
        return self.open().filter(
            subject_family_name__iexact=family_name.strip(),
            subject_given_names__iexact=given_names.strip(),
            subject_date_of_birth=date_of_birth,
            obligation_date=obligation_date,
        )


class StakeholderRequest(StateMachine):
    """A criminal-justice partner's request for ICE custody facts about one person who missed
    one obligation. Filed by a clerk, worked by ERO reviewers, answered by a `Certification`.

    Only the transition methods below change `status`, `assigned_to` and the decision fields.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        NEEDS_INFO = "needs_info", _("Needs information")
        APPROVED = "approved", _("Approved")
        DENIED = "denied", _("Denied")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW, Status.NEEDS_INFO)
    STALE_MESSAGE = _(
        "This request changed while you were working on it — reload the page and check its "
        "current state."
    )

    tracking_number = models.CharField(
        _("tracking number"), max_length=20, unique=True, editable=False
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="stakeholder_requests",
        verbose_name=_("filed by"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_stakeholder_requests",
        verbose_name=_("assigned reviewer"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    denial_reason = models.CharField(
        _("denial reason"), max_length=32, choices=DenialReason.choices, blank=True
    )
    decision_note = models.TextField(_("decision note"), blank=True)

    # Requester
    requester_name = models.CharField(_("your name"), max_length=150)
    requester_title = models.CharField(
        _("your title or position"), max_length=150, help_text=_("For example: Deputy clerk.")
    )
    agency_name = models.CharField(_("agency name"), max_length=200)
    agency_type = models.CharField(_("agency type"), max_length=20, choices=AgencyType.choices)
    agency_type_other = models.CharField(
        _("other agency type"),
        max_length=100,
        blank=True,
        help_text=_("Only when the agency type is “Other”."),
    )
    agency_ori = models.CharField(
        _("agency ORI"),
        max_length=9,
        blank=True,
        help_text=_(
            "Optional. The 9-character Originating Agency Identifier: two letters for the state "
            "followed by 7 letters or digits, for example VA0290000."
        ),
    )
    requester_phone = models.CharField(
        _("phone"), max_length=32, help_text=_("A number ERO staff can call, with extension.")
    )
    requester_email = models.EmailField(
        _("e-mail"), help_text=_("Your account's address; notices are sent there.")
    )
    mailing_address = models.TextField(_("mailing address"))

    # Subject
    subject_family_name = models.CharField(_("family name"), max_length=100)
    subject_given_names = models.CharField(_("given name(s)"), max_length=150)
    subject_middle_name = models.CharField(_("middle name"), max_length=100, blank=True)
    subject_other_names = models.TextField(
        _("other names used"),
        blank=True,
        help_text=_("Aliases, maiden names or other spellings, one per line."),
    )
    subject_date_of_birth = models.DateField(_("date of birth"))
    subject_country_of_birth = models.CharField(_("country of birth"), max_length=100)
    subject_sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    a_number = models.CharField(
        _("A-number"),
        max_length=9,
        blank=True,
        help_text=_(
            "Optional. The Alien Registration Number: 9 digits, with or without the leading A, "
            "spaces or dashes (A123456789, 123-456-789)."
        ),
    )
    fbi_number = models.CharField(
        _("FBI number"),
        max_length=9,
        blank=True,
        help_text=_("Optional. Up to 9 letters and digits (the FBI Universal Control Number)."),
    )
    state_id_number = models.CharField(
        _("state identification number (SID)"),
        max_length=20,
        blank=True,
        help_text=_("Optional. Letters, digits and dashes, as your state issues it."),
    )
    booking_number = models.CharField(
        _("booking or inmate number"),
        max_length=30,
        blank=True,
        help_text=_("Optional. Letters, digits, dashes and slashes."),
    )

    # Obligation
    obligation_type = models.CharField(
        _("type of obligation"), max_length=24, choices=ObligationType.choices
    )
    obligation_type_other = models.CharField(
        _("other obligation"),
        max_length=100,
        blank=True,
        help_text=_("Only when the type is “Other”."),
    )
    obligation_date = models.DateField(_("date of the obligation"))
    obligation_court = models.CharField(_("court or agency"), max_length=200)
    case_number = models.CharField(_("case or docket number"), max_length=60)
    obligation_description = models.TextField(
        _("what happened"),
        help_text=_("What the person failed to do and what you know of the circumstances."),
    )

    # Information requested
    wants_custody_on_date = models.BooleanField(INFORMATION_ITEMS["wants_custody_on_date"])
    wants_custody_dates = models.BooleanField(INFORMATION_ITEMS["wants_custody_dates"])
    wants_removal = models.BooleanField(INFORMATION_ITEMS["wants_removal"])
    wants_release = models.BooleanField(INFORMATION_ITEMS["wants_release"])
    wants_current_status = models.BooleanField(INFORMATION_ITEMS["wants_current_status"])

    document = models.FileField(
        _("supporting document"), upload_to=request_document_path, blank=True, max_length=200
    )
    document_name = models.CharField(_("document file name"), max_length=200, blank=True)
    attested = models.BooleanField(
        _("attestation"),
        help_text=_("The requester asks in an official criminal-justice capacity."),
    )

    objects = StakeholderRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder request")
        verbose_name_plural = _("stakeholder requests")
        ordering = ["-submitted_at"]
        permissions = [("review_stakeholderrequest", "Can review stakeholder requests")]
        indexes = [
            models.Index(fields=["clerk", "-submitted_at"], name="stakeholder_clerk_newest"),
            models.Index(fields=["status", "submitted_at"], name="stakeholder_status_oldest"),
            # "Assigned to me": a reviewer's open requests, counted and paged from this alone.
            models.Index(
                fields=["assigned_to", "status", "submitted_at"], name="stakeholder_assignee_queue"
            ),
            models.Index(fields=["subject_family_name", "subject_date_of_birth"]),
            models.Index(fields=["a_number"], name="stakeholder_a_number"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(wants_custody_on_date=True)
                | Q(wants_custody_dates=True)
                | Q(wants_removal=True)
                | Q(wants_release=True)
                | Q(wants_current_status=True),
                name="stakeholder_asks_something",
                violation_error_message=_("Choose at least one piece of information."),
            ),
            models.CheckConstraint(
                condition=Q(attested=True),
                name="stakeholder_attested",
                violation_error_message=_("The attestation is required."),
            ),
            models.CheckConstraint(
                condition=Q(a_number="") | Q(a_number__regex=r"^[0-9]{9}$"),
                name="stakeholder_a_number_nine_digits",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "in_review", "needs_info", "withdrawn"])
                | Q(decided_at__isnull=False),
                name="stakeholder_decision_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="denied") | ~Q(denial_reason=""),
                name="stakeholder_denial_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} — {self.subject_display}"

    def get_absolute_url(self) -> str:
        return reverse("stakeholder_forms:request_detail", kwargs={"pk": self.pk})

    # --- Reading ---------------------------------------------------------------------------
    @property
    def subject_display(self) -> str:
        return f"{self.subject_family_name.upper()}, {self.subject_given_names}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def information_wanted(self) -> list[str]:
        return [str(label) for field, label in INFORMATION_ITEMS.items() if getattr(self, field)]

    @property
    def a_number_display(self) -> str:
        n = self.a_number
        return f"A{n[0:3]}-{n[3:6]}-{n[6:9]}" if n else ""

    @property
    def obligation_display(self) -> str:
        if self.obligation_type == ObligationType.OTHER and self.obligation_type_other:
            return self.obligation_type_other
        return self.get_obligation_type_display()

    @property
    def agency_type_display(self) -> str:
        if self.agency_type == AgencyType.OTHER and self.agency_type_other:
            return self.agency_type_other
        return self.get_agency_type_display()

    def age_in_working_days(self, today: date | None = None) -> int:
        return working_days_between(
            timezone.localdate(self.submitted_at), today or timezone.localdate()
        )

    def is_overdue(self, today: date | None = None) -> bool:
        limit = settings.STAKEHOLDER_AGE_WARNING_WORKING_DAYS
        return self.is_open and self.age_in_working_days(today) > limit

    # --- Who may do what -------------------------------------------------------------------
    def refusal(self, action: str, user) -> str | None:
        """Why `user` may not take `action` now, or None when they may."""
        is_reviewer = user.is_active and user.has_perm(REVIEW_PERMISSION)
        if action in {"claim", "release", "ask_for_information", "approve", "deny"}:
            if not is_reviewer:
                return gettext("Only ERO reviewers may do this.")
        elif action in {"answer_information_request", "withdraw"} and user.pk != self.clerk_id:
            return gettext("Only the clerk who filed the request may do this.")
        if self.status not in TRANSITIONS[action]:
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

    # --- Transitions -------------------------------------------------------------------------
    def _locked(self, action: str, by, seen_version: int | None) -> "StakeholderRequest":
        return self.locked_for(action, by, seen_version, related=("assigned_to", "clerk"))

    def _record(
        self,
        locked: "StakeholderRequest",
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

    def approve(self, *, by, findings: dict, seen_version: int | None = None) -> "Certification":
        """The assigned reviewer approves and issues the one certification of this request.

        `findings` holds the `Certification.FINDING_FIELDS`; they are validated against the
        request (ValidationError) before anything is written. The certification's number is
        taken before the transaction (leacorner.numbering); an approval refused inside it leaves
        that number unused."""
        from . import notifications

        def certification_of(request: StakeholderRequest) -> Certification:
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
        if reason not in DenialReason.values:
            raise TransitionError(gettext("Choose a reason from the list."))
        if reason == DenialReason.OTHER and not note.strip():
            raise TransitionError(gettext("Explain the reason in the note."))
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


_OPEN = frozenset(StakeholderRequest.OPEN_STATUSES)
#: Each transition method and the states it may start from.
TRANSITIONS: dict[str, frozenset[str]] = {
    "claim": _OPEN,
    "release": frozenset(
        {StakeholderRequest.Status.IN_REVIEW, StakeholderRequest.Status.NEEDS_INFO}
    ),
    "ask_for_information": frozenset({StakeholderRequest.Status.IN_REVIEW}),
    "answer_information_request": frozenset({StakeholderRequest.Status.NEEDS_INFO}),
    "approve": frozenset({StakeholderRequest.Status.IN_REVIEW}),
    "deny": frozenset({StakeholderRequest.Status.IN_REVIEW, StakeholderRequest.Status.NEEDS_INFO}),
    "withdraw": _OPEN,
}
StakeholderRequest.TRANSITIONS = TRANSITIONS
ACTION_VERBS: dict[str, str] = {
    "claim": _("claimed"),
    "release": _("released"),
    "ask_for_information": _("sent back for information"),
    "answer_information_request": _("answered"),
    "approve": _("approved"),
    "deny": _("denied"),
    "withdraw": _("withdrawn"),
}


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

    request = models.ForeignKey(StakeholderRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    from_status = models.CharField(max_length=16, choices=StakeholderRequest.Status.choices)
    to_status = models.CharField(max_length=16, choices=StakeholderRequest.Status.choices)
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


class RequestDraft(models.Model):
    """A request being written: what the clerk has typed so far, kept on the server so the
    form can be left and finished later. Holds raw form data; nothing is validated here."""

    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stakeholder_drafts"
    )
    data = models.JSONField(default=dict)
    document = models.FileField(upload_to=draft_document_path, blank=True, max_length=200)
    document_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("request draft")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stakeholder_forms:draft_edit", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        family = (self.data.get("subject_family_name") or "").strip()
        given = (self.data.get("subject_given_names") or "").strip()
        if family or given:
            return ", ".join(filter(None, [family.upper(), given]))
        return gettext("Untitled draft")


# --- Certifications -----------------------------------------------------------------------------
VERIFICATION_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U


def new_verification_code() -> str:
    raw = "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_verification_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:5]}-{raw[5:]}" if len(raw) == 10 else raw


class CertificationQuerySet(models.QuerySet):
    def valid(self) -> "CertificationQuerySet":
        return self.filter(revoked_at__isnull=True)


class Certification(models.Model):
    """ERO's answer to an approved request: the custody facts found, a statement composed from
    them, the certifying officer and the date. Issued once by `StakeholderRequest.approve`;
    never edited afterwards; `revoke` withdraws it with a reason the clerk sees."""

    FINDING_FIELDS = (
        "in_custody_on_date",
        "custody_from",
        "custody_to",
        "facility",
        "removed_on",
        "removal_country",
        "released_on",
        "current_status",
    )
    REVOCATION_FIELDS = frozenset({"revoked_at", "revoked_by", "revocation_reason"})

    number = models.CharField(_("certification number"), max_length=20, unique=True)
    request = models.OneToOneField(
        StakeholderRequest, on_delete=models.PROTECT, related_name="certification"
    )
    in_custody_on_date = models.BooleanField(
        _("in ICE custody on the obligation date"),
        help_text=_("Whether ICE held the person on the day of the missed obligation."),
    )
    custody_from = models.DateField(_("in ICE custody from"), null=True, blank=True)
    custody_to = models.DateField(
        _("in ICE custody until"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the person is still in ICE custody."),
    )
    facility = models.CharField(_("facility"), max_length=200, blank=True)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_country = models.CharField(_("removed to (country)"), max_length=100, blank=True)
    released_on = models.DateField(_("released from ICE custody on"), null=True, blank=True)
    current_status = models.CharField(
        _("current status"), max_length=20, choices=CurrentStatus.choices
    )
    statement = models.TextField(_("statement"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("certifying officer"),
    )
    officer_name = models.CharField(_("certifying officer's name"), max_length=150)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    verification_code = models.CharField(max_length=11, default=new_verification_code)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["-issued_at"]
        permissions = [("revoke_certification", "Can revoke certifications")]
        constraints = [
            models.CheckConstraint(
                condition=Q(custody_from__isnull=True)
                | Q(custody_to__isnull=True)
                | Q(custody_from__lte=models.F("custody_to")),
                name="certification_custody_in_order",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certification_revocation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs) -> None:
        # Issued certifications are evidence: only the revocation fields may change later.
        if self.pk is not None and not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= self.REVOCATION_FIELDS:
                raise TransitionError(gettext("An issued certification cannot be edited."))
        super().save(*args, **kwargs)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def issued_on(self) -> date:
        return timezone.localdate(self.issued_at)

    def validate_findings(self) -> None:
        """Raise ValidationError (per field) when the findings contradict each other or the
        request's obligation date."""
        errors: dict[str, list[str]] = {}
        today = timezone.localdate()
        obligation = self.request.obligation_date

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        if self.in_custody_on_date is None:
            add("in_custody_on_date", gettext("Say whether the person was in ICE custody."))
        if not self.current_status:
            add("current_status", gettext("Choose the current status."))
        for field in ("custody_from", "custody_to", "removed_on", "released_on"):
            value = getattr(self, field)
            if value and value > today:
                add(field, gettext("This date is in the future."))
        start, end = self.custody_from, self.custody_to
        if end and not start:
            add("custody_from", gettext("Give the first day of custody as well."))
        if start and end and start > end:
            add("custody_to", gettext("Custody cannot end before it starts."))
        if (start or end) and not self.facility.strip():
            add("facility", gettext("Name the facility where the person was held."))
        if self.in_custody_on_date:
            if not start:
                add("custody_from", gettext("Give the custody dates that cover the obligation."))
            elif start > obligation or (end is not None and end < obligation):
                add(
                    "in_custody_on_date",
                    gettext(
                        "The obligation date (%(date)s) is outside the custody dates given, "
                        "but the finding says the person was in custody that day."
                    )
                    % {"date": date_format(obligation, "SHORT_DATE_FORMAT")},
                )
        elif (
            self.in_custody_on_date is False
            and start
            and start <= obligation
            and (end is None or end >= obligation)
        ):
            add(
                "in_custody_on_date",
                gettext(
                    "The obligation date (%(date)s) falls inside the custody dates given, "
                    "but the finding says the person was not in custody that day."
                )
                % {"date": date_format(obligation, "SHORT_DATE_FORMAT")},
            )
        if bool(self.removed_on) != bool(self.removal_country.strip()):
            add(
                "removal_country" if self.removed_on else "removed_on",
                gettext("Give both the date of removal and the country."),
            )
        for field in ("removed_on", "released_on"):
            value = getattr(self, field)
            if value and start and value < start:
                add(field, gettext("This date is before custody began."))
        if self.released_on and self.removed_on:
            add("released_on", gettext("A person removed from custody was not also released."))
        status = self.current_status
        if status == CurrentStatus.REMOVED and not self.removed_on:
            add("removed_on", gettext("The current status is “removed”: give the removal date."))
        if status == CurrentStatus.RELEASED and not self.released_on:
            add(
                "released_on",
                gettext("The current status is “released”: give the release date."),
            )
        if status == CurrentStatus.IN_CUSTODY:
            if not start:
                add("custody_from", gettext("The person is in custody: give the first day."))
            if end or self.removed_on or self.released_on:
                add(
                    "current_status",
                    gettext("A person still in custody has no end of custody, removal or release."),
                )
        if errors:
            raise ValidationError(errors)

    def compose_statement(self) -> str:
        """The certification's plain-language statement, built only from the findings."""
        req = self.request

        def day(value: date) -> str:
            return date_format(value, "DATE_FORMAT")

        name = " ".join(
            filter(
                None, [req.subject_given_names, req.subject_middle_name, req.subject_family_name]
            )
        )
        facts = {
            "name": name,
            "dob": day(req.subject_date_of_birth),
            "obligation": req.obligation_display.lower(),
            "date": day(req.obligation_date),
            "court": req.obligation_court,
            "case": req.case_number,
        }
        parts = [
            gettext(
                "U.S. Immigration and Customs Enforcement, Enforcement and Removal Operations, "
                "has searched its records for %(name)s, born %(dob)s, about the %(obligation)s "
                "of %(date)s before %(court)s (case %(case)s)."
            )
            % facts
        ]
        if self.in_custody_on_date:
            parts.append(
                gettext("ICE records show that the person was in ICE custody on %(date)s.") % facts
            )
        else:
            parts.append(
                gettext("ICE records do not show the person in ICE custody on %(date)s.") % facts
            )
        if self.custody_from:
            until = (
                gettext("until %(end)s") % {"end": day(self.custody_to)}
                if self.custody_to
                else gettext("and remains in custody")
            )
            parts.append(
                gettext("The person was held from %(start)s %(until)s at %(facility)s.")
                % {"start": day(self.custody_from), "until": until, "facility": self.facility}
            )
        if self.released_on:
            parts.append(
                gettext("The person was released from ICE custody on %(day)s.")
                % {"day": day(self.released_on)}
            )
        if self.removed_on:
            parts.append(
                gettext("The person was removed from the United States to %(country)s on %(day)s.")
                % {"country": self.removal_country, "day": day(self.removed_on)}
            )
        parts.append(
            gettext("Current status: %(status)s.") % {"status": self.get_current_status_display()}
        )
        return " ".join(parts)

    def issue(self, *, number: Number) -> None:
        """Compose and store, under `number`, a certification whose findings were validated."""
        self.issued_at = timezone.now()
        self.number = str(number)
        self.statement = self.compose_statement()
        self.save()

    def revoke(self, *, by, reason: str) -> None:
        """Withdraw an issued certification; the clerk sees the reason and is e-mailed.
        Reviewers with the revoke permission may do it, once."""
        if not (by.is_active and by.has_perm(REVOKE_PERMISSION)):
            raise TransitionError(gettext("Only ERO reviewers may revoke a certification."))
        if not reason.strip():
            raise TransitionError(gettext("Give the reason for the revocation."))
        from . import notifications

        with transaction.atomic():
            locked = (
                Certification.objects.select_for_update(of=("self",))
                .select_related("request")
                .get(pk=self.pk)
            )
            if locked.revoked_at is not None:
                raise StaleRecord(gettext("This certification is already revoked — reload."))
            locked.revoked_at = timezone.now()
            locked.revoked_by = by
            locked.revocation_reason = reason.strip()
            locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
            RequestEvent.objects.create(
                request=locked.request,
                at=locked.revoked_at,
                actor=by,
                action=RequestEvent.Action.REVOKED,
                from_status=locked.request.status,
                to_status=locked.request.status,
                note=locked.revocation_reason,
            )
            notifications.revoked(locked)
        self.revoked_at, self.revoked_by, self.revocation_reason = (
            locked.revoked_at,
            by,
            locked.revocation_reason,
        )


class RecordView(models.Model):
    """A staff member opened a request, its document or a certification: who, when, which."""

    class What(models.TextChoices):
        REQUEST = "request", _("Request page")
        DOCUMENT = "document", _("Supporting document")
        CERTIFICATION = "certification", _("Certification")
        CERTIFICATION_PDF = "certification_pdf", _("Certification PDF")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(
        StakeholderRequest, on_delete=models.CASCADE, related_name="staff_views"
    )
    what = models.CharField(max_length=20, choices=What.choices)

    class Meta:
        verbose_name = _("staff view")
        verbose_name_plural = _("staff views")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.viewer} — {self.get_what_display()} {self.request.tracking_number}"

    @classmethod
    def log(cls, *, viewer, request: StakeholderRequest, what: str) -> "RecordView":
        return cls.objects.create(viewer=viewer, request=request, what=what)


def document_file_name(name: str) -> str:
    """The base name of an uploaded file, safe to show and to offer as a download name."""
    cleaned = PurePath(name.replace("\\", "/")).name.strip()
    return (
        "".join(ch for ch in cleaned if ch.isprintable() and ch not in '"<>')[:200]
        or "document.pdf"
    )
