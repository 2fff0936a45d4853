"""Criminal Justice Stakeholder requests: what a clerk files, their drafts and who opened them.

`StakeholderRequest` holds the data a clerk gives and the decision fields; its flow (states,
transitions and their history, `RequestEvent`) is `workflow.py`'s `RequestWorkflow`, its answer
is a `Certification` (certification.py), filing it is `filing.py`. The models of those modules
are imported here so that Django finds every model of the app in `stakeholder_forms.models`.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner.choice_labels import ChoiceLabels

from .certification import Certification
from .certification_documents import CertificationDocument
from .message_templates import MessageTemplate
from .uploads import draft_document_path, request_document_path
from .vocabulary import INFORMATION_ITEMS, AgencyType, DenialReason, ObligationType, Sex
from .workflow import (
    OPEN_STATUSES,
    SUPERVISE_PERMISSION,
    RequestEvent,
    RequestStatus,
    RequestWorkflow,
)
from .working_days import working_days_before, working_days_between

__all__ = [
    "Certification",
    "CertificationDocument",
    "MessageTemplate",
    "RecordView",
    "RequestDraft",
    "RequestEvent",
    "ReviewDigestRun",
    "StakeholderRequest",
]


@lru_cache(maxsize=32)
def _older_than_cutoff(working_days: int, today: date) -> datetime:
    # Age > n ⇔ filed on or before the last day with n + 1 working days since, i.e. before the
    # start of the day after it.
    day = working_days_before(today, working_days + 1) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))


def older_than_cutoff(working_days: int, today: date | None = None) -> datetime:
    """The moment before which a request is more than `working_days` working days old: the one
    rule of a request's age, for the queue's filters, its badges and the overdue count."""
    return _older_than_cutoff(working_days, today or timezone.localdate())


# --- Requests -----------------------------------------------------------------------------------
class StakeholderRequestQuerySet(models.QuerySet):
    def open(self) -> "StakeholderRequestQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def older_than(self, working_days: int, today: date | None = None):
        """Requests more than `working_days` working days old (open or not)."""
        return self.filter(submitted_at__lt=older_than_cutoff(working_days, today))

    def not_older_than(self, working_days: int, today: date | None = None):
        return self.filter(submitted_at__gte=older_than_cutoff(working_days, today))

    def overdue(self, today: date | None = None) -> "StakeholderRequestQuerySet":
        """Open requests past the target of STAKEHOLDER_AGE_WARNING_WORKING_DAYS."""
        return self.open().older_than(settings.STAKEHOLDER_AGE_WARNING_WORKING_DAYS, today)

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


class StakeholderRequest(ChoiceLabels, RequestWorkflow):
    """A criminal-justice partner's request for ICE custody facts about one person who missed
    one obligation. Filed by a clerk, worked by ERO reviewers, answered by a `Certification`.

    Only the transition methods of `RequestWorkflow` change `status`, `assigned_to` and the
    decision fields.
    """

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
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
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
            "spaces or dashes (A123456789, 123-456-789). An older 8-digit number (A12345678) "
            "is kept with a 0 in front (A012-345-678), as USCIS writes it."
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
    anonymised_at = models.DateTimeField(
        _("personal data removed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the retention schedule removed the personal data (stakeholder_forms.retention)."
        ),
    )

    objects = StakeholderRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder request")
        verbose_name_plural = _("stakeholder requests")
        ordering = ["-submitted_at"]
        permissions = [
            ("review_stakeholderrequest", "Can review stakeholder requests"),
            (
                "supervise_stakeholderrequest",
                "Can assign stakeholder requests, export the queue and set legal holds",
            ),
        ]
        indexes = [
            models.Index(fields=["clerk", "-submitted_at"], name="stakeholder_clerk_newest"),
            models.Index(fields=["status", "submitted_at"], name="stakeholder_status_oldest"),
            # "Assigned to me": a reviewer's open requests, counted and paged from this alone.
            models.Index(
                fields=["assigned_to", "status", "submitted_at"], name="stakeholder_assignee_queue"
            ),
            # The dashboard's decisions of the last 90 days and their time from filing, read
            # from this index alone.
            models.Index(
                fields=["decided_at", "submitted_at"],
                name="stakeholder_decided",
                condition=Q(status__in=["approved", "denied"]),
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

    # --- Legal holds (leacorner.legal_holds) -------------------------------------------------
    @property
    def legal_hold_label(self) -> str:
        return self.tracking_number

    def legal_hold_refusal(self, action: str, user, *, held_for: str = "") -> str | None:
        """Supervisors (the supervise permission) place and release holds, for ERO only."""
        if not (user.is_active and user.has_perm(SUPERVISE_PERMISSION)):
            return gettext("Only ERO supervisors may place or release a legal hold.")
        if held_for:
            return gettext("A stakeholder request is held for ERO only.")
        if action == "place" and self.anonymised_at is not None:
            return gettext(
                "This request's personal data was removed under the retention schedule; "
                "there is nothing left to hold."
            )
        return None

    def is_overdue(self, today: date | None = None) -> bool:
        """Open and past the age target (the rule of `StakeholderRequestQuerySet.overdue`)."""
        limit = settings.STAKEHOLDER_AGE_WARNING_WORKING_DAYS
        return self.is_open and self.submitted_at < older_than_cutoff(limit, today)


class RequestDraft(models.Model):
    """A request being written: what the clerk has typed so far, kept on the server so the
    form can be left and finished later. Holds raw form data; nothing is validated here."""

    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stakeholder_drafts"
    )
    data = models.JSONField(default=dict)
    document = models.FileField(upload_to=draft_document_path, blank=True, max_length=200)
    document_name = models.CharField(max_length=200, blank=True)
    # The new-request page's own key, posted with every save of it: a page posted again (a
    # second failed submit before the address changed, a reload, the autosave racing the
    # button) updates the draft it made instead of making a look-alike.
    form_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("request draft")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["clerk", "form_key"], name="draft_one_per_form_key")
        ]

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


class RecordView(models.Model):
    """A staff member opened a request, its document or a certification: who, when, which."""

    class What(models.TextChoices):
        REQUEST = "request", _("Request page")
        DOCUMENT = "document", _("Supporting document")
        CERTIFICATION = "certification", _("Certification")
        CERTIFICATION_PDF = "certification_pdf", _("Certification PDF")
        EXPORT = "export", _("Queue export (CSV)")

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


class ReviewDigestRun(models.Model):
    """One day's review digest (review_digest.py): the day, and the moment it looked at the
    queue, which is where the next day's "answered since the last digest" starts. One row a day,
    so a second run on the same day sends nothing."""

    day = models.DateField(unique=True)
    ran_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("review digest")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"
