"""How django-axes locks accounts (FBI CJIS Security Policy, AC-7).

Five failed sign-ins, each within 15 minutes of the one before, lock the account. A clerk's
account unlocks by itself 30 minutes after the last failure; a staff account stays locked until
an administrator deletes its access attempt in the admin ("Axes › Access attempts") or runs
`manage.py axes_reset_username <e-mail>`.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import User

STAFF_LOCK = timedelta(days=365 * 100)


def username_from_request(request: HttpRequest, credentials: dict | None) -> str:
    credentials = credentials or {}
    login = (
        credentials.get("email")
        or credentials.get("username")
        or credentials.get("login")
        or request.POST.get("login", "")
    )
    return str(login).strip().lower()


def _is_staff_login(login: str) -> bool:
    return User.objects.filter(email__iexact=login, is_staff=True).exists()


def cool_off_for_request(request: HttpRequest | None) -> timedelta:
    """The failure window while an account is not locked; the lock's length once it is."""
    if request is None:
        return settings.ACCOUNT_FAILURE_WINDOW
    login = username_from_request(request, None)
    locked = AccessAttempt.objects.filter(
        username=login, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).exists()
    if not locked:
        return settings.ACCOUNT_FAILURE_WINDOW
    return STAFF_LOCK if _is_staff_login(login) else settings.CLERK_LOCKOUT


def lockout_response(
    request: HttpRequest, credentials: dict | None, *args, **kwargs
) -> HttpResponse:
    login = username_from_request(request, credentials)
    return render(
        request,
        "account/lockout.html",
        {
            "staff": _is_staff_login(login),
            "minutes": int(settings.CLERK_LOCKOUT.total_seconds() // 60),
        },
        status=403,
    )
