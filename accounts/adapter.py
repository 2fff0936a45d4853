import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from leacorner.client_address import client_address
from leacorner.mail import queue_rendered_email
from leacorner.rate_limits import ACCOUNT_EMAILS_TO

from . import lockout
from .models import ClerkAccount, User

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """Self-registered accounts are clerk accounts, which a supervisor approves before they may
    file (accounts.models.ClerkAccount); staff accounts are only made by an operator."""

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        user.full_name = form.cleaned_data["full_name"]
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            ClerkAccount.objects.create(
                user=user,
                title=form.cleaned_data["title"],
                agency_name=form.cleaned_data["agency_name"],
                agency_ori=form.cleaned_data["agency_ori"],
            )
        return user

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # A clerk whose account is not approved yet is shown where it stands, not the home
        # page's links to pages that would only refuse them.
        account = ClerkAccount.objects.filter(user_id=request.user.pk).first()
        if account is not None and not account.is_approved:
            return reverse("clerk_account_status")
        return super().get_login_redirect_url(request)

    def clean_email(self, email: str) -> str:
        """Every address a person gives allauth (sign-up, adding an address) fits the account's
        column whole: a longer one was cut to its first 254 characters, losing its domain."""
        limit = User._meta.get_field("email").max_length
        if len(email) > limit:
            raise ValidationError(
                _(
                    "An e-mail address can have at most %(limit)d characters; this one has "
                    "%(length)d. Check it, or use a shorter address."
                )
                % {"limit": limit, "length": len(email)},
                code="too_long",
            )
        return super().clean_email(email)

    def pre_authenticate(self, request: HttpRequest, **credentials) -> None:
        # allauth's per-address limit on failures, then the portal's per-account slow-down
        # (accounts.lockout), both before the password is checked.
        super().pre_authenticate(request, **credentials)
        lockout.refuse_while_paused(request, credentials)

    def authentication_failed(self, request: HttpRequest, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        lockout.count_failure(request, credentials)

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth's per-address rate limits (failed sign-ins) count the address the rest of the
        # portal sees, behind the same trusted proxies (settings.TRUSTED_PROXY_COUNT).
        address = client_address(request)
        if address is None:
            raise PermissionDenied("Unable to determine the client's address.")
        return address

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth renders its own templates; delivery goes through the portal's mail queue
        # so a mail-server outage delays a verification e-mail instead of failing sign-up.
        # One address is sent at most ACCOUNT_EMAIL_RECIPIENT_LIMIT of them per window,
        # whoever asks: beyond that they are dropped, not queued, and the page says what it
        # always says ("if an account exists, we have sent …"), so nothing is disclosed.
        request = self.request  # None for mail sent outside a request: nobody asked
        if (
            request is not None
            and not ACCOUNT_EMAILS_TO.consume(request, key=email.lower()).allowed
        ):
            logger.warning(
                "account e-mail %s not sent: its recipient is over the limit", template_prefix
            )
            return
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        if not html:
            # allauth ships plain-text messages only; every portal message has an HTML part.
            html = render_to_string(
                "email/account_message.html",
                {"subject": message.subject, "body": message.body, "SITE_NAME": settings.SITE_NAME},
            )
        queue_rendered_email(
            to=email,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            kind=template_prefix.rsplit("/", 1)[-1],
        )


class MFAAdapter(DefaultMFAAdapter):
    """Staff keep their authenticator app: turning it off would shut them out of their work
    until a new enrolment link came. An administrator removes a lost one (admin "MFA ›
    Authenticators") and sends a new link (accounts.enrolment)."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type == Authenticator.Type.TOTP and authenticator.user.is_staff:
            return False
        return super().can_delete_authenticator(authenticator)
