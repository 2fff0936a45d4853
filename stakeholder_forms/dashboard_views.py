"""The stakeholder queue's dashboard page: ERO reviewers and supervisors (staff, with MFA) and
superusers; everyone else 403, anonymous visitors to sign in. The figures are dashboard.py's;
the page links each one to the admin queue where the work is."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_safe

from accounts.roles import Role
from leacorner.access import role_required
from leacorner.breadcrumbs import Breadcrumbs

from .dashboard import queue_figures

ADMIN = Breadcrumbs("Staff admin", reverse_lazy("admin:index"))


@role_required(Role.ERO_REVIEWER, Role.ERO_SUPERVISOR)
@require_safe
def queue_dashboard_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "stakeholder_forms/queue_dashboard.html",
        {
            "figures": (figures := queue_figures()),
            "dashboard": figures.value,
            "crumbs": ADMIN.then("Stakeholder queue dashboard"),
        },
    )
