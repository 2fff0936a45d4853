"""The portal's own account pages beside allauth's: opening a staff enrolment link, going on
once two-factor authentication is set up (accounts.enrolment), and a clerk's account status."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from leacorner.access import signed_in

from . import enrolment
from .models import ClerkAccount


@signed_in
@never_cache
@require_safe
def staff_enrolment(request: HttpRequest, token: str) -> HttpResponse:
    """The link an administrator e-mailed: for its own account, signed in, unused and not
    expired, it opens the two-factor set-up; otherwise a page says why not and what to do."""
    refusal = enrolment.redeem(request, token)
    if refusal is not None:
        return render(request, "accounts/enrolment_refused.html", {"refusal": refusal}, status=404)
    return redirect(reverse("mfa_activate_totp"))


@signed_in
@require_safe
def after_two_factor(request: HttpRequest) -> HttpResponse:
    """ "Continue" on the recovery codes page: to the page that asked for two-factor."""
    return redirect(enrolment.destination(request))


@signed_in
@require_safe
def clerk_account_status(request: HttpRequest) -> HttpResponse:
    """A clerk's own account: waiting for approval, refused (and why) or approved, with the
    details they gave at sign-up. Accounts that are not clerk accounts have none (404)."""
    account = get_object_or_404(ClerkAccount.objects.select_related("user"), user=request.user)
    return render(request, "accounts/clerk_account_status.html", {"account": account})
