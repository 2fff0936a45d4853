"""The security audit log: receivers that turn authentication and authorisation events into
`SecurityEvent` rows. Recording is the only thing they do; no decision is taken here."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from leacorner.client_address import client_address

from .models import SecurityEvent

Kind = SecurityEvent.Kind
Outcome = SecurityEvent.Outcome


def _current_request() -> HttpRequest | None:
    # simple_history's middleware keeps the request of the current thread; the admin's m2m
    # signals carry no request of their own.
    return getattr(HistoricalRecords.context, "request", None)


def record(
    kind: str,
    *,
    user=None,
    email: str = "",
    request: HttpRequest | None = None,
    outcome: str = Outcome.SUCCESS,
    detail: str = "",
) -> SecurityEvent:
    request = request or _current_request()
    actor = getattr(request, "user", None) if request is not None else None
    actor_email = ""
    if actor is not None and actor.is_authenticated and (user is None or actor.pk != user.pk):
        actor_email = actor.email
    return SecurityEvent.objects.create(
        kind=kind,
        outcome=outcome,
        user=user if user is not None and user.pk else None,
        email=(email or (user.email if user is not None else ""))[:254],
        source_address=client_address(request) if request is not None else None,
        actor_email=actor_email[:254],
        detail=detail[:300],
    )


def _on_login(sender, request, user, **kwargs):
    record(Kind.LOGIN, user=user, request=request)


def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.LOGOUT, user=user, request=request)


def _on_login_failed(sender, credentials, request=None, **kwargs):
    # `credentials` has the password masked by Django; only the e-mail is kept.
    login = credentials.get("email") or credentials.get("username") or ""
    record(Kind.LOGIN_FAILED, email=str(login), request=request, outcome=Outcome.FAILURE)


def _on_locked_out(sender, request, username, ip_address, **kwargs):
    record(Kind.LOCKOUT, email=username or "", request=request, outcome=Outcome.FAILURE)


def _on_mfa_added(sender, request=None, user=None, authenticator=None, **kwargs):
    kind = getattr(authenticator, "type", "")
    record(Kind.MFA_ADDED, user=user, request=request, detail=str(kind))


def _on_mfa_removed(sender, request=None, user=None, authenticator=None, **kwargs):
    kind = getattr(authenticator, "type", "")
    record(Kind.MFA_REMOVED, user=user, request=request, detail=str(kind))


def _on_password_changed(sender, request, user, **kwargs):
    record(Kind.PASSWORD_CHANGED, user=user, request=request)


def _on_password_reset(sender, request, user, **kwargs):
    record(Kind.PASSWORD_RESET, user=user, request=request)


def _on_user_groups_changed(sender, instance, action, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Group):
        # Changed from the group's side: one event per member account touched.
        for user in get_user_model().objects.filter(pk__in=pk_set or []):
            record(Kind.GROUPS_CHANGED, user=user, detail=f"{action[5:]} group {instance.name}")
        return
    names = ", ".join(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    record(Kind.GROUPS_CHANGED, user=instance, detail=f"{action[5:]}: {names}".strip(": "))


def _on_user_permissions_changed(sender, instance, action, pk_set, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and not isinstance(instance, Group):
        record(Kind.PERMISSIONS_CHANGED, user=instance, detail=f"{action[5:]} {len(pk_set or [])}")


def _on_group_permissions_changed(sender, instance, action, pk_set, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Group):
        request = _current_request()
        if request is None:
            return  # role sync during `migrate`, not a person's change
        record(
            Kind.PERMISSIONS_CHANGED,
            email="",
            detail=f"group {instance.name}: {action[5:]} {len(pk_set or [])} permission(s)",
        )


def connect() -> None:
    user_model = get_user_model()
    auth_signals.user_logged_in.connect(_on_login, dispatch_uid="audit.login")
    auth_signals.user_logged_out.connect(_on_logout, dispatch_uid="audit.logout")
    auth_signals.user_login_failed.connect(_on_login_failed, dispatch_uid="audit.login_failed")
    user_locked_out.connect(_on_locked_out, dispatch_uid="audit.locked_out")
    mfa_signals.authenticator_added.connect(_on_mfa_added, dispatch_uid="audit.mfa_added")
    mfa_signals.authenticator_removed.connect(_on_mfa_removed, dispatch_uid="audit.mfa_removed")
    account_signals.password_changed.connect(_on_password_changed, dispatch_uid="audit.pw_change")
    account_signals.password_reset.connect(_on_password_reset, dispatch_uid="audit.pw_reset")
    m2m_changed.connect(
        _on_user_groups_changed, sender=user_model.groups.through, dispatch_uid="audit.groups"
    )
    m2m_changed.connect(
        _on_user_permissions_changed,
        sender=user_model.user_permissions.through,
        dispatch_uid="audit.user_perms",
    )
    m2m_changed.connect(
        _on_group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="audit.group_perms",
    )
