"""The certification: ERO's answer to an approved stakeholder request.

Its findings (the custody facts found) are checked against each other and the request, its
statement is composed from them alone, its verification code lets anyone check it at /verify/
(kept as a keyed hash and a sealed copy, never as it is: `verification_codes.py`), and once
issued it is never edited: it can only be revoked, with a reason the clerk sees. The PDF is
rendered from it by `certification_pdf.py`, once, and kept as served
(`certification_documents.py`).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner.numbering import Number
from leacorner.transitions import StaleRecord, TransitionError

from . import verification_codes
from .vocabulary import CurrentStatus

REVOKE_PERMISSION = "stakeholder_forms.revoke_certification"


new_verification_code = verification_codes.new_code
normalise_verification_code = verification_codes.normalise


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
        "stakeholder_forms.StakeholderRequest",
        on_delete=models.PROTECT,
        related_name="certification",
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
    verification_digest = models.CharField(
        max_length=64, editable=False, help_text=_("HMAC-SHA256 of the verification code.")
    )
    sealed_verification_code = models.CharField(
        max_length=200, editable=False, help_text=_("The verification code, encrypted.")
    )
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
        if self._state.adding and not self.verification_digest:
            self.set_verification_code(new_verification_code())
        # Issued certifications are evidence: only the revocation fields may change later.
        if self.pk is not None and not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= self.REVOCATION_FIELDS:
                raise TransitionError(gettext("An issued certification cannot be edited."))
        super().save(*args, **kwargs)

    def set_verification_code(self, code: str) -> None:
        """Keep `code` as its keyed hash and its sealed copy (before the certification is
        saved for the first time: an issued certification never changes)."""
        self.verification_digest = verification_codes.digest(code)
        self.sealed_verification_code = verification_codes.seal(code)

    @property
    def verification_code(self) -> str:
        """The code as printed, for the pages and the PDF entitled to show it."""
        return verification_codes.unseal(self.sealed_verification_code)

    def verification_code_matches(self, code: str) -> bool:
        """Whether `code` (as typed) is this certification's, in constant time."""
        return verification_codes.matches(code, self.verification_digest)

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
                    % {"date": date_format(obligation)},
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
                % {"date": date_format(obligation)},
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
            return date_format(value)

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

    # --- Revocation ----------------------------------------------------------------------------
    def refusal(self, action: str, user) -> str | None:
        """Why `user` may not take `action` (only "revoke") on this certification now, or None:
        reviewers with the revoke permission may revoke a valid certification, once."""
        if not (user.is_active and user.has_perm(REVOKE_PERMISSION)):
            return gettext("Only ERO reviewers may revoke a certification.")
        if self.revoked_at is not None:
            return gettext("This certification is already revoked.")
        return None

    def allowed_actions(self, user) -> list[str]:
        return [action for action in ("revoke",) if self.refusal(action, user) is None]

    def revoke(self, *, by, reason: str) -> None:
        """Withdraw an issued certification; the clerk sees the reason and is e-mailed."""
        if not (by.is_active and by.has_perm(REVOKE_PERMISSION)):
            raise TransitionError(self.refusal("revoke", by))
        if not reason.strip():
            raise TransitionError(gettext("Give the reason for the revocation."))
        from . import notifications
        from .certification_documents import CertificationDocument, keep_pdf
        from .workflow import RequestEvent

        with transaction.atomic():
            locked = (
                Certification.objects.select_for_update(of=("self",))
                .select_related("request")
                .get(pk=self.pk)
            )
            if locked.refusal("revoke", by) is not None:
                # Revoked since this page was loaded: the permission was checked above.
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
            # From now on downloads serve the copy marked revoked; /verify/ knows it too.
            keep_pdf(locked, CertificationDocument.Kind.REVOKED)
            notifications.revoked(locked)
        self.revoked_at, self.revoked_by, self.revocation_reason = (
            locked.revoked_at,
            by,
            locked.revocation_reason,
        )
