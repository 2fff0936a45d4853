"""An agency desk's dashboard page: members of that agency's desk (staff, with MFA) and
superusers; another desk gets 404 as for every desk page, other staff and clerks 403. The
figures are dashboard.py's snapshot of the agency's routings: what `visible_to(user)` gives
every person admitted here."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from leacorner.access import role_required

from .dashboard import agency_figures
from .desk_views import DESK_ROLE_LIST, _desk_agency, _desk_crumbs


@role_required(*DESK_ROLE_LIST)
@require_safe
def desk_dashboard_page(request: HttpRequest, agency: str) -> HttpResponse:
    agency_obj = _desk_agency(request, agency)
    return render(
        request,
        "cyber_reports/desk_dashboard.html",
        {
            "agency": agency_obj,
            "figures": (figures := agency_figures(agency_obj)),
            "dashboard": figures.value,
            "crumbs": _desk_crumbs(agency_obj).then("Dashboard"),
        },
    )
