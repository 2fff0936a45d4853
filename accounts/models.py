from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
