"""Two-factor enrolment: staff set it up only through a link an administrator sends.

A staff account without TOTP used to be able to enrol with its password alone, so whoever held
the password first got the admin. Now:

- an administrator (a superuser: the admin's Users list, action "Send a two-factor enrolment
  link", or `manage.py send_mfa_enrolment_link <e-mail>`) issues a link, e-mailed to the
  account's own address; it works once, for `STAFF_MFA_LINK_HOURS`, and a new one voids the
  old. Only the token's SHA-256 is stored (`StaffEnrolmentLink`);
- the staff member signs in with the password and opens the link: the session is then allowed
  to set up TOTP (`has_grant`), which allauth's activation page otherwise refuses to staff
  (`accounts.middleware.StaffMFAMiddleware`);
- activating marks the link used and counts as passing MFA in this session (the person just
  proved the password and the new device), so the next page does not ask for a second code;
  the recovery codes page then leads on to where the person was going (`destination`).

Clerks may still set up TOTP for themselves from their account page; they have no admin to
protect, and their password alone already opens everything they can see.
"""

import hashlib
import secrets
import time
from datetime import timedelta

from allauth.account.authentication import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
)
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from leacorner.mail import queue_email

from . import audit
from .models import SecurityEvent, StaffEnrolmentLink, User

GRANT_SESSION_KEY = "leacorner_staff_enrolment_link"
DESTINATION_SESSION_KEY = "leacorner_after_two_factor"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def refusal_to_issue(user: User) -> str | None:
    """Why no link may be sent to `user`, or None."""
    if not user.is_active:
        return _("%(email)s is deactivated.") % {"email": user.email}
    if not user.is_staff:
        return _("%(email)s is not a staff account; clerks set up two-factor themselves.") % {
            "email": user.email
        }
    return None


def issue_link(user: User, *, issued_by: str, request: HttpRequest | None = None) -> str:
    """Send `user` a new enrolment link (voiding any unused one) and return its URL.

    Raises ValueError with `refusal_to_issue`'s reason for an account that may not have one.
    The URL is returned for `manage.py send_mfa_enrolment_link --print` (an operator on the
    server, before any administrator can use the admin); the admin never shows it."""
    if refusal := refusal_to_issue(user):
        raise ValueError(refusal)
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(hours=settings.STAFF_MFA_LINK_HOURS)
    url = settings.SITE_URL + reverse("staff_mfa_enrolment", kwargs={"token": token})
    with transaction.atomic():
        StaffEnrolmentLink.objects.filter(user=user, used_at__isnull=True).delete()
        StaffEnrolmentLink.objects.create(
            user=user, token_hash=_token_hash(token), expires_at=expires_at, issued_by=issued_by
        )
        queue_email(
            to=user.email,
            template="accounts/email/mfa_enrolment_link",
            context={"account": user, "url": url, "expires_at": expires_at},
            kind="mfa_enrolment_link",
        )
        audit.record(
            SecurityEvent.Kind.MFA_LINK_SENT,
            user=user,
            request=request,
            detail=f"by {issued_by or 'an operator'}, valid until {expires_at:%Y-%m-%d %H:%M} UTC",
        )
    return url


def redeem(request: HttpRequest, token: str) -> str | None:
    """Let this session set up TOTP with the link of `token`; the reason it may not, or None.
    The link must be unused, unexpired and the signed-in user's own."""
    link = StaffEnrolmentLink.objects.usable().filter(token_hash=_token_hash(token)).first()
    if link is None or link.user_id != request.user.pk:
        return _(
            "This link cannot be used: it has expired, it was used already or a newer one "
            "was sent, or it is for another account. Ask your portal administrator for a new "
            "link, and open it signed in as the account it was sent to."
        )
    request.session[GRANT_SESSION_KEY] = link.pk
    return None


def _granted_link(request: HttpRequest) -> StaffEnrolmentLink | None:
    pk = request.session.get(GRANT_SESSION_KEY)
    if pk is None:
        return None
    return StaffEnrolmentLink.objects.usable().filter(pk=pk, user_id=request.user.pk).first()


def has_grant(request: HttpRequest) -> bool:
    """Whether this session opened a usable enrolment link of its user."""
    return _granted_link(request) is not None


def remember_destination(request: HttpRequest, path: str) -> None:
    """Where to go once two-factor is set up (the page that asked for it)."""
    request.session[DESTINATION_SESSION_KEY] = path


def destination(request: HttpRequest) -> str:
    """The page remembered by `remember_destination` (once), or the two-factor overview."""
    path = request.session.pop(DESTINATION_SESSION_KEY, "")
    if path and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}):
        return path
    return reverse("mfa_index")


def _on_authenticator_added(sender, request=None, user=None, authenticator=None, **kwargs):
    if request is None or authenticator is None:
        return
    if authenticator.type != Authenticator.Type.TOTP:
        return
    link = _granted_link(request)
    if link is not None:
        StaffEnrolmentLink.objects.filter(pk=link.pk).update(used_at=timezone.now())
    request.session.pop(GRANT_SESSION_KEY, None)
    # The code that activated the device is a second factor passed now: record it as allauth
    # records a code entered at sign-in, so the next staff page does not ask for another.
    records = get_authentication_records(request, user)
    if records:
        record = {"method": "mfa", "at": time.time(), "type": "totp", "id": authenticator.pk}
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [*records, record]


def connect() -> None:
    mfa_signals.authenticator_added.connect(
        _on_authenticator_added, dispatch_uid="enrolment.authenticator_added"
    )
