"""Failed sign-ins (FBI CJIS Security Policy AC-7), without a lockout anyone can use as a weapon.

- **Per account and address** (django-axes, `AXES_LOCKOUT_PARAMETERS`): five failed sign-ins,
  each within 15 minutes of the one before, lock the account *from that address* (an IPv6
  client's /64, `leacorner.client_address.client_network`) for 30 minutes after the last
  failure, clerk or staff alike. AC-7 asks for a lock of the account or of the node; locking
  the pair means that a stranger who knows a staff member's e-mail address can no longer lock
  them out: from their own desk the account still opens.
- **Per account, across addresses** (`leacorner.rate_limits.SIGN_IN_FAILURES`): guessing
  spread over many addresses, each staying under five, is slowed: after `SIGN_IN_ACCOUNT_LIMIT`
  failures in `SIGN_IN_ACCOUNT_WINDOW` the account's sign-in is paused until the window ends,
  except from an address the account signed in from in the last `SIGN_IN_KNOWN_ADDRESS_AGE`,
  so the holder at their usual desk is not the one slowed.
- **Told by e-mail**: the first lock or pause of an account in `SIGN_IN_ALERT_WINDOW` mails
  the holder, and for a staff account every active superuser (`SIGN_IN_ALERTS`, so the alert
  is no mail bomb). An address with no account gets no mail and the same pages as any other.
- **The same page for every account**: staff, clerk or no account at all.
- **Released** by the holder resetting (or changing) the password, which proves the holder:
  every lock of the account is deleted and its pause count starts afresh; by an administrator
  (admin "Axes › Access attempts", or `manage.py axes_reset_username <e-mail>`); or by time.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset as release_locks
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from leacorner.client_address import client_address, client_network
from leacorner.mail import queue_email
from leacorner.rate_limits import SIGN_IN_ALERTS, SIGN_IN_FAILURES

from .models import SecurityEvent, User


def username_from_request(request: HttpRequest, credentials: dict | None) -> str:
    credentials = credentials or {}
    login = (
        credentials.get("email")
        or credentials.get("username")
        or credentials.get("login")
        or request.POST.get("login", "")
    )
    return str(login).strip().lower()


def cool_off_for_request(request: HttpRequest | None) -> timedelta:
    """The failure window while the account is not locked from this address; the lock's
    length once it is (axes' AXES_COOLOFF_TIME: how long after the last failure it forgets)."""
    if request is None:
        return settings.ACCOUNT_FAILURE_WINDOW
    locked = AccessAttempt.objects.filter(
        username=username_from_request(request, None),
        ip_address=client_network(request),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
    ).exists()
    return settings.ACCOUNT_LOCKOUT if locked else settings.ACCOUNT_FAILURE_WINDOW


def lockout_response(
    request: HttpRequest, credentials: dict | None, *args, **kwargs
) -> HttpResponse:
    """axes' AXES_LOCKOUT_CALLABLE: the one lockout page, whoever's the account is."""
    return render(
        request,
        "account/lockout.html",
        {"minutes": int(settings.ACCOUNT_LOCKOUT.total_seconds() // 60)},
        status=403,
    )


# --- The per-account slow-down (called by accounts.adapter) ---------------------------------


def _account_key(login: str) -> str:
    """What the account's failures are counted under: its address and a value that changes
    with its password (Django's session hash), so a reset starts the count afresh; an address
    without an account is counted the same way, so the two cannot be told apart."""
    user = User.objects.filter(email__iexact=login).first()
    return f"{login}:{user.get_session_auth_hash() if user else ''}"


def _signed_in_from_here_before(request: HttpRequest, login: str) -> bool:
    address = client_address(request)
    return (
        address is not None
        and SecurityEvent.objects.filter(
            kind=SecurityEvent.Kind.LOGIN,
            email=login,
            source_address=address,
            at__gte=timezone.now() - settings.SIGN_IN_KNOWN_ADDRESS_AGE,
        ).exists()
    )


def refuse_while_paused(request: HttpRequest, credentials: dict) -> None:
    """Raise ValidationError (a form error on the sign-in page, what was typed kept) when the
    account's sign-in is paused for this address; before any password is checked."""
    login = username_from_request(request, credentials)
    verdict = SIGN_IN_FAILURES.peek(request, key=_account_key(login))
    if verdict.allowed or _signed_in_from_here_before(request, login):
        return
    minutes = max(1, -(-int(verdict.retry_after.total_seconds()) // 60))
    raise ValidationError(
        _(
            "Sign-in to this account is paused after many failed attempts from several "
            "places. Try again in %(minutes)d minutes, or reset your password to sign in now."
        )
        % {"minutes": minutes},
        code="sign_in_paused",
    )


def count_failure(request: HttpRequest, credentials: dict) -> None:
    """Count a failed sign-in against the account, unless axes refused it before checking the
    password (it sets `axes_locked_out` then, and records no failure)."""
    refused_unchecked = getattr(request, "axes_locked_out", False) and not getattr(
        request, "axes_failures_since_start", None
    )
    if refused_unchecked:
        return
    login = username_from_request(request, credentials)
    verdict = SIGN_IN_FAILURES.consume(request, key=_account_key(login))
    if verdict.count == verdict.limit:  # the failure that paused it
        SecurityEvent.objects.create(
            kind=SecurityEvent.Kind.LOCKOUT,
            outcome=SecurityEvent.Outcome.FAILURE,
            email=login[:254],
            source_address=client_address(request),
            detail=f"sign-in paused for the account after {verdict.limit} failures",
        )
        alert(request, login, paused_account=True)


# --- Alerts ---------------------------------------------------------------------------------


def alert(request: HttpRequest, login: str, *, paused_account: bool) -> None:
    """Mail the holder of `login` (and, for staff, the administrators) that sign-in was locked
    or paused; at most SIGN_IN_ALERT_LIMIT times per account per SIGN_IN_ALERT_WINDOW."""
    user = User.objects.filter(email__iexact=login, is_active=True).first()
    if user is None or not SIGN_IN_ALERTS.consume(request, key=login).allowed:
        return
    context = {
        "account": user,
        "address": client_address(request) or _("an unknown address"),
        "at": timezone.localtime(),
        "paused_account": paused_account,
        "minutes": int(settings.ACCOUNT_LOCKOUT.total_seconds() // 60),
    }
    queue_email(
        to=user.email,
        template="accounts/email/sign_in_paused",
        context=context,
        kind="sign_in_paused",
    )
    if user.is_staff:
        administrators = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
        for administrator in administrators:
            queue_email(
                to=administrator.email,
                template="accounts/email/staff_sign_in_paused",
                context=context,
                kind="staff_sign_in_paused",
            )


def _on_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    # axes sends this for the failure that locks and again for each attempt refused while
    # locked; the alert's own limit keeps it to one mail.
    if request is not None:
        alert(request, username or "", paused_account=False)


def _on_password_proved(sender, request, user, **kwargs) -> None:
    """A password reset through the e-mailed link (or a change while signed in) proves the
    holder: every lock of the account is released. The pause's count starts afresh by itself,
    as it is keyed on the password."""
    release_locks(username=user.email)


def connect() -> None:
    from allauth.account import signals as account_signals

    user_locked_out.connect(_on_locked_out, dispatch_uid="lockout.alert")
    account_signals.password_reset.connect(_on_password_proved, dispatch_uid="lockout.reset")
    account_signals.password_changed.connect(_on_password_proved, dispatch_uid="lockout.change")
