"""Legal holds on cyber-incident reports (leacorner.legal_holds), from the desk's report page.

A member of the desk of an agency the report went to holds it for that agency, with a reason
(an investigation, litigation, a preservation request), and releases that agency's hold with a
reason; one agency never releases another's (`CyberIncidentReport.legal_hold_refusal`). Every
desk of the report sees that it is held and by which agency; only the holding agency reads its
reason and who placed it. The hold rows are the audit record: who, when, why, both ways.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leacorner.access import role_required
from leacorner.forms import LegalHoldForm
from leacorner.legal_holds import LegalHold, place_hold, release_hold
from leacorner.transitions import TransitionError

from . import desk_views
from .desk import ReportRouting


def hold_panel(routing: ReportRouting, form: LegalHoldForm | None = None) -> dict:
    """The report page's hold panel: the report's active holds and this agency's form."""
    holds = list(
        LegalHold.objects.active().on(routing.report).select_related("placed_by").order_by("pk")
    )
    return {
        "legal_holds": holds,
        "held_by_us": any(hold.held_for == routing.agency.code for hold in holds),
        "hold_form": form or LegalHoldForm(prefix="hold"),
    }


def _hold(request: HttpRequest, agency: str, tracking_number: str, *, releasing: bool):
    routing = desk_views._desk_routing(request, agency, tracking_number)
    form = LegalHoldForm(request.POST, prefix="hold")
    if not form.is_valid():
        return desk_views._render_desk_report(request, routing, status=400, hold_form=form)
    act = release_hold if releasing else place_hold
    try:
        act(
            routing.report,
            by=request.user,
            reason=form.cleaned_data["reason"],
            held_for=routing.agency.code,
        )
    except TransitionError as error:
        return desk_views._render_desk_report(
            request, routing, status=409, refusal=str(error), hold_form=form
        )
    if releasing:
        messages.success(request, _("Your agency's legal hold on this report is released."))
    else:
        messages.success(
            request, _("The report is on legal hold for your agency; it will not be deleted.")
        )
    return desk_views._back_to(routing)


@role_required(*desk_views.DESK_ROLE_LIST)
@require_POST
def desk_hold(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    return _hold(request, agency, tracking_number, releasing=False)


@role_required(*desk_views.DESK_ROLE_LIST)
@require_POST
def desk_release_hold(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    return _hold(request, agency, tracking_number, releasing=True)
