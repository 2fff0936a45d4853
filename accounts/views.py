"""The portal's own account pages beside allauth's: opening a staff enrolment link, and going
on once two-factor authentication is set up (accounts.enrolment)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from leacorner.access import signed_in

from . import enrolment


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
