from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.loader import render_to_string

from leacorner.client_address import client_address
from leacorner.mail import queue_rendered_email

from .roles import Role


class AccountAdapter(DefaultAccountAdapter):
    """Self-registered accounts are clerks; staff accounts are only made by an operator."""

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user.groups.add(Group.objects.get(name=Role.CLERK))
        return user

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
