"""Site-wide locks: session lifetime, MFA for staff, and deny-by-default access declarations."""

import time
from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from leacorner import access

from . import enrolment
from .models import ClerkAccount
from .roles import STAFF_ROLES, Role

SESSION_STARTED_KEY = "leacorner_session_started"
SESSION_RENEWED_KEY = "leacorner_session_renewed"

# Views of these packages guard themselves (allauth's account pages, the admin's own
# staff check, Django's sitemap and static views); every other view must declare its access.
SELF_GUARDED_MODULES = (
    "allauth.",
    "django.contrib.admin.",
    "django.contrib.sitemaps.",
    "django.views.static",
    "django.contrib.staticfiles.",
)


class SessionLifetimeMiddleware:
    """Ends a signed-in session 12 hours after sign-in, however active it has been, and keeps
    the 30-minute idle limit (SESSION_COOKIE_AGE) moving.

    Django's SESSION_SAVE_EVERY_REQUEST renews the idle limit by writing the session row on
    every page: an UPDATE and a commit for each page a signed-in person opens. Instead a session
    in use is marked, and so saved with a new expiry, at most every SESSION_RENEW_SECONDS (60):
    it ends 29-30 minutes after its last use, a minute early at worst, never late.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.session_key is not None:  # a session exists: never start one here
            renewed = session.get(SESSION_RENEWED_KEY, 0)
            if time.time() - renewed >= settings.SESSION_RENEW_SECONDS:
                session[SESSION_RENEWED_KEY] = time.time()
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_LIFETIME.total_seconds():
                logout(request)
                messages.info(request, _("Your session has ended after 12 hours. Sign in again."))
                return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        return self.get_response(request)


def passed_mfa(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffMFAMiddleware:
    """Staff must have MFA enrolled, and have passed it in this session, before the admin or
    any staff page opens. A staff user without MFA is told to set it up with the link an
    administrator sends (accounts.enrolment), and allauth's set-up page refuses staff without
    one; a staff user who has not passed MFA in this session is asked for a code."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        match = request.resolver_match
        if (
            match is not None
            and match.url_name == "mfa_activate_totp"
            and user.is_staff
            and not is_mfa_enabled(user)
            and not enrolment.has_grant(request)
        ):
            return _enrolment_needed(request)
        is_admin = match is not None and "admin" in match.namespaces
        if not (is_admin or access.declared_roles(view_func) & STAFF_ROLES):
            return None
        if not user.is_staff:
            # The admin would send a signed-in clerk to its sign-in page, which is the portal's,
            # which sends a signed-in user back where they came from: a redirect loop.
            raise PermissionDenied
        if not is_mfa_enabled(user):
            enrolment.remember_destination(request, request.get_full_path())
            return _enrolment_needed(request)
        if not passed_mfa(request):
            return redirect(
                f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
            )
        return None


def _enrolment_needed(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/enrolment_needed.html", status=403)


class ClerkApprovalMiddleware:
    """A clerk whose account is not approved yet (accounts.models.ClerkAccount) who opens a
    clerk's page is shown where the account stands, with a 403: such an account is in no
    role, so every clerk view refuses it anyway; this says why, instead of a bare refusal."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or Role.CLERK not in access.declared_roles(view_func):
            return None
        if user.has_role(Role.CLERK):
            return None
        account = ClerkAccount.objects.select_related("user").filter(user=user).first()
        if account is None or account.is_approved:
            return None  # not a clerk's account, or taken out of the role by an operator
        return render(
            request,
            "accounts/clerk_account_status.html",
            {"account": account, "wanted_page": True},
            status=403,
        )


class AccessDeclarationMiddleware:
    """Refuses (403) any project view that does not say who may see it, and sends anonymous
    visitors of a sign-in-only view to the sign-in page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        module = getattr(view_func, "__module__", "")
        if module.startswith(SELF_GUARDED_MODULES):
            return None
        match = request.resolver_match
        if match is not None and "admin" in match.namespaces:
            return None  # every admin view checks is_staff and model permissions itself
        if access.declared_access(view_func) is None:
            raise PermissionDenied("This view does not declare who may see it.")
        return None

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, access._LoginRequired):
            return access.login_redirect(request)
        return None
