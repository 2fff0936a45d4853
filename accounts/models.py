import re

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Length, Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner.transitions import StateMachine, TransitionError

#: A domain name as an agency's addresses end: labels of letters, digits and inner hyphens.
DOMAIN_NAME = re.compile(r"(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. The e-mail address is the login; there are no usernames.

    Clerks register themselves; staff accounts (ERO reviewers, agency desks, content editors)
    are created by an operator and must use multi-factor authentication.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Staff sign in with multi-factor authentication and may open the admin."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Unticked when the account is disabled, e.g. after 90 days without use."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_role(self, *roles: str) -> bool:
        """True when the user belongs to one of the named role groups (superusers hold all)."""
        if self.is_superuser:
            return True
        names = getattr(self, "_role_names", None)
        if names is None:
            names = set(self.groups.values_list("name", flat=True))
            self._role_names = names
        return bool(names.intersection(roles))


class SecurityEvent(models.Model):
    """One security-relevant event, kept at least a year, readable by superusers only.

    Holds no password and no personal data beyond the account's e-mail address.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", _("Sign-in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOGOUT = "logout", _("Sign-out")
        LOCKOUT = "lockout", _("Account locked")
        MFA_ADDED = "mfa_added", _("MFA enrolled")
        MFA_REMOVED = "mfa_removed", _("MFA removed")
        MFA_LINK_SENT = "mfa_link_sent", _("MFA enrolment link sent")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset")
        GROUPS_CHANGED = "groups_changed", _("Groups changed")
        PERMISSIONS_CHANGED = "permissions_changed", _("Permissions changed")
        ACCOUNT_DEACTIVATED = "account_deactivated", _("Account deactivated")
        CLERK_APPROVED = "clerk_approved", _("Clerk account approved")
        CLERK_REFUSED = "clerk_refused", _("Clerk account refused")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Success")
        FAILURE = "failure", _("Failure")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.SUCCESS)
    user = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.CharField(max_length=254, blank=True, help_text=_("The account concerned."))
    source_address = models.GenericIPAddressField(null=True, blank=True)
    actor_email = models.CharField(
        max_length=254, blank=True, help_text=_("Who made the change, when not the account itself.")
    )
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["email", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.email} {self.at:%Y-%m-%d %H:%M}"


class StaffEnrolmentLinkQuerySet(models.QuerySet):
    def usable(self) -> "StaffEnrolmentLinkQuerySet":
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class StaffEnrolmentLink(models.Model):
    """A single-use, expiring link with which a staff member sets up two-factor
    authentication (accounts.enrolment). Issued by an administrator and e-mailed to the
    account's own address, so the password alone never enrols: whoever holds it must also hold
    the mailbox. Only the token's SHA-256 is stored; issuing a new link deletes the unused
    ones of the account."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="enrolment_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.CharField(
        max_length=254, blank=True, help_text=_("The administrator who sent it.")
    )
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = StaffEnrolmentLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff enrolment link")
        verbose_name_plural = _("staff enrolment links")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.issued_at:%Y-%m-%d %H:%M}"


class ClerkStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-mail address not confirmed")
    WAITING = "waiting", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


#: Who approves clerk accounts (ERO supervisors, accounts.roles; superusers hold it too).
APPROVE_CLERKS_PERMISSION = "accounts.approve_clerkaccount"


class ClerkAccountQuerySet(models.QuerySet):
    def waiting(self) -> "ClerkAccountQuerySet":
        return self.filter(status=ClerkStatus.WAITING)


class ClerkAccount(StateMachine):
    """Who a self-registered clerk says they are, and whether a supervisor has let them file.

    Sign-up records the person's title, agency and its ORI (their name is `User.full_name`);
    the account is `unconfirmed` until the e-mail address is confirmed, then `waiting` in the
    supervisors' queue (admin "Clerk accounts"), or approved at once when the address is on
    the operator's list of agency domains (`ApprovedAgencyDomain`). A supervisor approves it,
    or refuses it with a reason the clerk is told; a refused account may still be approved
    later (a supervisor who learns more). Approval puts the user in the Clerk group, which is
    what every filing view asks for (`role_required(Role.CLERK)`), so an account that waits
    can do nothing a clerk does; its sign-in shows the waiting page instead
    (accounts.middleware.ClerkApprovalMiddleware). Transitions follow the foundation's pattern
    (leacorner.transitions); each records an audit event and queues its e-mails in its
    transaction (accounts.notifications)."""

    Status = ClerkStatus
    TRANSITIONS = {
        "confirm": frozenset({ClerkStatus.UNCONFIRMED}),
        "approve": frozenset({ClerkStatus.WAITING, ClerkStatus.REFUSED}),
        "refuse": frozenset({ClerkStatus.WAITING}),
    }
    STALE_MESSAGE = _(
        "This account changed while you were looking at it — reload the page and check its "
        "current state."
    )

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="clerk_account"
    )
    title = models.CharField(
        _("title or position"), max_length=150, help_text=_("For example: Deputy clerk.")
    )
    agency_name = models.CharField(
        _("agency"),
        max_length=200,
        help_text=_("The court, prosecutor's office, probation or police department you work for."),
    )
    agency_ori = models.CharField(
        _("agency ORI"),
        max_length=9,
        help_text=_(
            "The agency's 9-character NCIC Originating Agency Identifier: two letters for the "
            "state, then 7 letters or digits, for example VA0070000."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ClerkStatus.choices, default=ClerkStatus.UNCONFIRMED
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    requested_at = models.DateTimeField(
        _("waiting since"), null=True, blank=True, help_text=_("When the address was confirmed.")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when approved automatically by the agency domain list."),
    )
    approved_domain = models.CharField(
        _("approved by the domain"),
        max_length=253,
        blank=True,
        help_text=_("The listed agency domain that approved the account at once, if any."),
    )
    refusal_reason = models.TextField(
        _("reason for refusal"), blank=True, help_text=_("Sent to the clerk.")
    )

    objects = ClerkAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("clerk account")
        verbose_name_plural = _("clerk accounts")
        ordering = ["requested_at", "pk"]
        permissions = [("approve_clerkaccount", _("Can approve and refuse clerk accounts"))]
        indexes = [models.Index(fields=["status", "requested_at"], name="clerk_account_queue")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ClerkStatus.values), name="clerk_account_status"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ClerkStatus.REFUSED) | ~models.Q(refusal_reason=""),
                name="clerk_account_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name()} ({self.agency_name})"

    @property
    def is_approved(self) -> bool:
        return self.status == ClerkStatus.APPROVED

    def refusal(self, action: str, user) -> str | None:
        """Why `user` may not take `action` now, or None. The clerk confirms their own
        address; holders of APPROVE_CLERKS_PERMISSION approve and refuse others' accounts."""
        if action == "confirm":
            if user is None or user.pk != self.user_id:
                return gettext("Only the account's owner confirms its address.")
        else:
            if user is None or not (user.is_active and user.has_perm(APPROVE_CLERKS_PERMISSION)):
                return gettext("Only ERO supervisors may approve or refuse clerk accounts.")
            if user.pk == self.user_id:
                return gettext("Nobody may decide on their own account.")
        if self.status not in self.TRANSITIONS[action]:
            return gettext("An account that is “%(status)s” cannot be %(action)s.") % {
                "status": self.get_status_display(),
                "action": {
                    "confirm": gettext("confirmed"),
                    "approve": gettext("approved"),
                    "refuse": gettext("refused"),
                }[action],
            }
        return None

    def confirm(self, *, by, approved_domain: str = "", request=None) -> None:
        """The clerk has confirmed the address: the account waits for a supervisor, who is
        told, or, when `approved_domain` (the listed domain covering the address) is given,
        it is approved at once and the clerk told."""
        from . import audit, notifications

        with transaction.atomic():
            locked = self.locked_for("confirm", by, None, related=("user",))
            now = timezone.now()
            if approved_domain:
                self.record_change(
                    locked,
                    status=ClerkStatus.APPROVED,
                    requested_at=now,
                    decided_at=now,
                    approved_domain=approved_domain,
                )
                _grant_clerk_role(locked.user)
                audit.record(
                    SecurityEvent.Kind.CLERK_APPROVED,
                    user=locked.user,
                    request=request,
                    detail=f"automatically: the address is on the agency domain {approved_domain}",
                )
                notifications.clerk_approved(locked)
            else:
                self.record_change(locked, status=ClerkStatus.WAITING, requested_at=now)
                notifications.clerk_waiting(locked, request=request)
            self.follow(locked, "requested_at", "decided_at", "approved_domain")

    def approve(self, *, by, seen_version: int | None = None, request=None) -> None:
        """A supervisor lets the clerk file: the account joins the Clerk group; the clerk is
        told by e-mail."""
        from . import audit, notifications

        with transaction.atomic():
            locked = self.locked_for("approve", by, seen_version, related=("user",))
            self.record_change(
                locked,
                status=ClerkStatus.APPROVED,
                decided_at=timezone.now(),
                decided_by=by,
                refusal_reason="",
            )
            _grant_clerk_role(locked.user)
            audit.record(
                SecurityEvent.Kind.CLERK_APPROVED, user=locked.user, request=request, detail=""
            )
            notifications.clerk_approved(locked)
            self.follow(locked, "decided_at", "decided_by", "refusal_reason")

    def refuse(self, *, by, reason: str, seen_version: int | None = None, request=None) -> None:
        """A supervisor refuses the account with a reason, which the clerk is sent. The
        account stays, so the clerk can still sign in and read why."""
        from . import audit, notifications

        reason = reason.strip()
        if not reason:
            raise TransitionError(gettext("Write the reason; the clerk is sent it."))
        with transaction.atomic():
            locked = self.locked_for("refuse", by, seen_version, related=("user",))
            self.record_change(
                locked,
                status=ClerkStatus.REFUSED,
                decided_at=timezone.now(),
                decided_by=by,
                refusal_reason=reason,
            )
            audit.record(
                SecurityEvent.Kind.CLERK_REFUSED,
                user=locked.user,
                request=request,
                detail=reason[:300],
            )
            notifications.clerk_refused(locked)
            self.follow(locked, "decided_at", "decided_by", "refusal_reason")


def _grant_clerk_role(user: User) -> None:
    from .roles import Role

    user.groups.add(Group.objects.get(name=Role.CLERK))


class ApprovedAgencyDomainQuerySet(models.QuerySet):
    def covering(self, email: str) -> "ApprovedAgencyDomain | None":
        """The listed domain that approves `email` at once, or None: the address's own
        domain, or a parent of it listed with `include_subdomains`."""
        domain = email.rpartition("@")[2].strip().lower().rstrip(".")
        if not domain:
            return None
        labels = domain.split(".")
        parents = [".".join(labels[i:]) for i in range(1, len(labels) - 1)]
        return (
            self.filter(
                models.Q(domain=domain) | models.Q(domain__in=parents, include_subdomains=True)
            )
            .order_by(Length("domain").desc())
            .first()
        )


class ApprovedAgencyDomain(models.Model):
    """An e-mail domain that only a criminal-justice agency's staff can hold, kept by ERO
    supervisors and operators (admin "Approved agency domains"). A clerk whose confirmed
    address is on it is approved at once, without waiting for a supervisor. List a domain only
    when the agency issues every address on it to its own staff (a court's own domain, never
    a webmail provider's or a whole state's shared domain)."""

    domain = models.CharField(
        _("domain"),
        max_length=253,
        unique=True,
        help_text=_("What follows the @ of the agency's addresses, for example vacourts.gov."),
    )
    include_subdomains = models.BooleanField(
        _("include subdomains"),
        default=False,
        help_text=_(
            "Also approve addresses on domains under it (for example arlington.vacourts.gov)."
        ),
    )
    agency_name = models.CharField(_("agency"), max_length=200)
    note = models.TextField(
        _("note"), blank=True, help_text=_("How the domain was checked, and by whom.")
    )
    added_by = models.CharField(_("added by"), max_length=254, blank=True, editable=False)
    added_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    objects = ApprovedAgencyDomainQuerySet.as_manager()

    class Meta:
        verbose_name = _("approved agency domain")
        verbose_name_plural = _("approved agency domains")
        ordering = ["domain"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(domain=Lower("domain")),
                name="approved_agency_domain_lower_case",
            )
        ]

    def __str__(self) -> str:
        return self.domain

    def clean(self) -> None:
        self.domain = self.domain.strip().lower().rstrip(".").removeprefix("@")
        if not DOMAIN_NAME.fullmatch(self.domain):
            raise ValidationError(
                {
                    "domain": gettext(
                        "Enter a domain name with at least one dot, such as vacourts.gov: "
                        "letters, digits and hyphens, no @, no spaces."
                    )
                }
            )
