"""The agency desks' pages: members of the agency's desk role, with MFA; superusers see every
desk. Every routing a page shows, acts on or exports is read through
`ReportRouting.objects.visible_to(user)`; a desk asking for another agency's desk, report or
file gets 404, as if it did not exist.

A refused transition (the report moved on, another agency closed it) shows the report as it
is now with the reason over the form, and what the person typed kept in it (409); a form
with a mistake shows it the same way (400).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.roles import DESK_ROLES
from leacorner.access import role_required
from leacorner.breadcrumbs import Breadcrumbs
from leacorner.downloads import bytes_response, stored_file_response, streamed_csv_response
from leacorner.pagination import EstimatedCountPaginator, bounded_count
from leacorner.transitions import TransitionError

from .agencies import Agency
from .desk import DeskNote, ReportRouting, desk_agency_codes
from .desk_forms import (
    AcknowledgeForm,
    CloseForm,
    DeskFilterForm,
    DeskNoteForm,
    HandOnForm,
    ReferForm,
    ReopenForm,
    ReporterMessageForm,
    ShareCaseNumberForm,
)
from .exports import csv_rows, stix_bundle
from .models import Attachment, CyberIncidentReport
from .notifications import desk_notices
from .related import related_panel
from .timeline import ReporterMessage

DESK_ROLE_LIST = tuple(DESK_ROLES.values())
DESK_PAGE_SIZE = 50
STIX_EXPORT_LIMIT = 2000
DESKS = Breadcrumbs(gettext_lazy("Cyber desks"), reverse_lazy("cyber_reports:desk_index"))


def _desk_crumbs(agency: Agency | None = None, report: CyberIncidentReport | None = None):
    crumbs = DESKS
    if agency is not None:
        crumbs = crumbs.then(
            _("%(agency)s desk") % {"agency": agency.short_name},
            reverse("cyber_reports:desk_list", kwargs={"agency": agency.code.lower()}),
        )
    if report is not None:
        crumbs = crumbs.then(
            report.tracking_number,
            reverse(
                "cyber_reports:desk_report",
                kwargs={"agency": agency.code.lower(), "tracking_number": report.tracking_number},
            ),
        )
    return crumbs


def _desk_agency(request: HttpRequest, code: str) -> Agency:
    """The agency of a desk page, when the user is on its desk; 404 otherwise."""
    if code.upper() not in desk_agency_codes(request.user):
        raise Http404
    return get_object_or_404(Agency, code=code.upper())


def _desk_routings(request: HttpRequest, agency: Agency):
    return ReportRouting.objects.visible_to(request.user).for_agency(agency)


def _desk_routing(request: HttpRequest, agency: str, tracking_number: str) -> ReportRouting:
    agency_obj = _desk_agency(request, agency)
    return get_object_or_404(
        _desk_routings(request, agency_obj).select_related("report", "agency"),
        report__tracking_number=tracking_number,
    )


def _overdue_before():
    """Reports filed before this and acknowledged by nobody are flagged."""
    return timezone.now() - timedelta(hours=settings.CYBER_REPORTS_ACKNOWLEDGE_WITHIN_HOURS)


def _desk_reports(routings):
    """The reports of the routings, with what exports and lists read, in a few queries."""
    return (
        CyberIncidentReport.objects.filter(pk__in=routings.values("report_id"))
        .order_by("-submitted_at")
        .prefetch_related(
            "incident_types",
            "indicators",
            Prefetch("routings", ReportRouting.objects.select_related("agency")),
        )
    )


@role_required(*DESK_ROLE_LIST)
@require_safe
def desk_index(request: HttpRequest) -> HttpResponse:
    agencies = list(Agency.objects.filter(code__in=desk_agency_codes(request.user)))
    if len(agencies) == 1:
        return redirect("cyber_reports:desk_list", agency=agencies[0].code.lower())
    return render(
        request,
        "cyber_reports/desk_index.html",
        {"agencies": agencies, "crumbs": _desk_crumbs()},
    )


def _filtered_routings(request: HttpRequest, agency: Agency):
    filters = DeskFilterForm(request.GET or None)
    routings = filters.filter(
        _desk_routings(request, agency).order_by("-report_submitted_at", "-pk")
    )
    return filters, routings


@role_required(*DESK_ROLE_LIST)
@require_safe
def desk_list(request: HttpRequest, agency: str) -> HttpResponse:
    """The reports routed to the agency, newest first, filtered and searched, each with its
    age, whether any agency acknowledged it (flagged when nobody did in time), whether it
    has related reports, and the other agencies' status."""
    agency_obj = _desk_agency(request, agency)
    filters, routings = _filtered_routings(request, agency_obj)
    routings = routings.select_related("report").prefetch_related(
        "report__incident_types",
        Prefetch("report__routings", ReportRouting.objects.select_related("agency")),
    )
    page = EstimatedCountPaginator(routings, DESK_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # One bounded count per status (each reads at most EXACT_COUNT_LIMIT entries of the
    # (agency, status, …) index): grouping a desk's half a million routings took a second.
    assigned = _desk_routings(request, agency_obj)
    counts = {
        status: bounded_count(assigned.filter(status=status)) for status in ReportRouting.Status
    }
    return render(
        request,
        "cyber_reports/desk_list.html",
        {
            "agency": agency_obj,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "counts": counts,
            "overdue_before": _overdue_before(),
            "acknowledge_within": settings.CYBER_REPORTS_ACKNOWLEDGE_WITHIN_HOURS,
            "stix_limit": STIX_EXPORT_LIMIT,
            "crumbs": _desk_crumbs(agency_obj),
        },
    )


def _forms(routing: ReportRouting, given: dict) -> dict:
    """The page's forms: those given (bound, with their errors), fresh ones otherwise."""
    version = {"version": routing.version}
    fresh = {
        "acknowledge_form": lambda: AcknowledgeForm(initial=version),
        "reopen_form": lambda: ReopenForm(initial=version),
        "refer_form": lambda: ReferForm(initial=version, routing=routing),
        "hand_on_form": lambda: HandOnForm(initial=version, routing=routing),
        "reporter_form": lambda: ReporterMessageForm(),
        "note_form": lambda: DeskNoteForm(),
        "share_form": lambda: ShareCaseNumberForm(
            initial={**version, "shared": not routing.case_number_shared}
        ),
    }
    return {name: given.get(name) or make() for name, make in fresh.items()}


def _render_desk_report(
    request: HttpRequest,
    routing: ReportRouting,
    status: int = 200,
    refusal: str = "",
    **forms,
):
    from .hold_views import hold_panel  # hold_views builds on this module's pages

    report = routing.report
    routings = list(
        report.routings.select_related(
            "agency", "acknowledged_by", "closed_by", "handed_on_to", "handed_on_by", "added_by"
        )
    )
    events = report.routing_events.select_related(
        "routing__agency", "actor", "other_agency"
    ).order_by("at", "pk")
    context = {
        "agency": routing.agency,
        "crumbs": _desk_crumbs(routing.agency, report),
        "routing": routing,
        "report": report,
        "routings": routings,
        "timeline": [(event, event.shared_note(routing.agency_id)) for event in events],
        "overdue": not routing.acknowledged_by_any and report.submitted_at < _overdue_before(),
        "acknowledge_within": settings.CYBER_REPORTS_ACKNOWLEDGE_WITHIN_HOURS,
        "incident_types": report.incident_types.all(),
        "indicators": report.indicators.all(),
        "status_changes": report.status_changes.all(),
        "updates": report.updates.select_related("in_reply_to__routing__agency").prefetch_related(
            "attachments"
        ),
        "reporter_messages": ReporterMessage.objects.filter(routing__report=report)
        .select_related("routing__agency", "author")
        .prefetch_related("answers"),
        "attachments": report.attachments.filter(update__isnull=True),
        "related": related_panel(routing, request.user),
        "notes": DeskNote.objects.filter(routing__report=report)
        .filter(Q(routing=routing) | Q(shared=True))
        .select_related("author", "routing__agency"),
        "actions_allowed": routing.allowed_actions(request.user),
        "refusal": refusal,
        "notices": desk_notices(report, routing.agency.code),
        **_forms(routing, forms),
        **hold_panel(routing, forms.get("hold_form")),
    }
    return render(request, "cyber_reports/desk_report.html", context, status=status)


@role_required(*DESK_ROLE_LIST)
@never_cache
@require_safe
def desk_report(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    return _render_desk_report(request, _desk_routing(request, agency, tracking_number))


def _back_to(routing: ReportRouting):
    return redirect(
        "cyber_reports:desk_report",
        agency=routing.agency.code.lower(),
        tracking_number=routing.report.tracking_number,
    )


def _refused(request, routing: ReportRouting, name: str, form, error: TransitionError):
    """The report as it is now, the refusal over the form that was refused, what was typed
    kept in it and the version brought up to date, so that sending it again acts on what
    the page now shows."""
    current = ReportRouting.objects.select_related("report", "agency").get(pk=routing.pk)
    data = form.data.copy()
    data[form.add_prefix("version")] = str(current.version)
    kwargs = {"routing": current} if "agency" in form.fields else {}
    again = type(form)(data, **kwargs)
    return _render_desk_report(request, current, status=409, refusal=str(error), **{name: again})


def _transition(request, agency, tracking_number, *, action, form_class, name, act, done):
    """Run one transition from a posted form: `act(routing, cleaned_data)`, then back to the
    report with `done(routing)` as the success message. An action the routing does not allow
    now is refused first, with its reason, whatever the form holds: its form is not on the
    page to show a mistake in."""
    routing = _desk_routing(request, agency, tracking_number)
    kwargs = {"routing": routing} if form_class in (ReferForm, HandOnForm) else {}
    form = form_class(request.POST, **kwargs)
    if routing.refusal(action, request.user):
        posted = request.POST.get(form.add_prefix("version"), "")
        seen = int(posted) if posted.isdigit() and len(posted) < 10 else None
        try:
            routing.check_allowed(action, request.user, seen)
        except TransitionError as error:  # always: the refusal, or the page being old
            return _render_desk_report(
                request, routing, status=409, refusal=str(error), **{name: form}
            )
    if not form.is_valid():
        return _render_desk_report(request, routing, status=400, **{name: form})
    try:
        act(routing, form.cleaned_data)
    except TransitionError as error:
        return _refused(request, routing, name, form, error)
    messages.success(request, done(routing))
    return _back_to(routing)


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_acknowledge(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    return _transition(
        request,
        agency,
        tracking_number,
        action="acknowledge",
        form_class=AcknowledgeForm,
        name="acknowledge_form",
        act=lambda routing, data: routing.acknowledge(
            by=request.user,
            case_number=data["case_number"],
            share_case_number=data["share_case_number"],
            seen_version=data["version"],
        ),
        done=lambda routing: (
            _("Acknowledged under case number %(number)s.") % {"number": routing.agency_case_number}
        ),
    )


@role_required(*DESK_ROLE_LIST)
@never_cache
@require_http_methods(["GET", "POST"])
def desk_close(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    """Closing asks first: a page that says what closing does, with the reason to give."""
    routing = _desk_routing(request, agency, tracking_number)
    posted = request.POST if request.method == "POST" else None  # an empty post is a post
    form = CloseForm(posted, initial={"version": routing.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                routing.close(
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    seen_version=form.cleaned_data["version"],
                )
            except TransitionError as error:
                routing.refresh_from_db()
                data = form.data.copy()
                data["version"] = str(routing.version)
                form = CloseForm(data)
                form.is_valid()
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(
                    request,
                    _("Closed for %(agency)s. You can reopen it from the report's page.")
                    % {"agency": routing.agency.short_name},
                )
                return _back_to(routing)
    elif refusal := routing.refusal("close", request.user):
        messages.error(request, refusal)
        return _back_to(routing)
    return render(
        request,
        "cyber_reports/desk_close.html",
        {
            "agency": routing.agency,
            "routing": routing,
            "report": routing.report,
            "form": form,
            "crumbs": _desk_crumbs(routing.agency, routing.report).then(_("Close")),
        },
        status=status,
    )


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_reopen(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    return _transition(
        request,
        agency,
        tracking_number,
        action="reopen",
        form_class=ReopenForm,
        name="reopen_form",
        act=lambda routing, data: routing.reopen(
            by=request.user, reason=data["reason"], seen_version=data["version"]
        ),
        done=lambda routing: _("Reopened for %(agency)s.") % {"agency": routing.agency.short_name},
    )


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_refer(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    chosen = {}

    def act(routing, data):
        chosen["agency"] = data["agency"]
        routing.refer(
            by=request.user, to=data["agency"], reason=data["reason"], seen_version=data["version"]
        )

    return _transition(
        request,
        agency,
        tracking_number,
        action="refer",
        form_class=ReferForm,
        name="refer_form",
        act=act,
        done=lambda routing: (
            _("%(other)s was added to the report and its desk told.")
            % {"other": chosen["agency"].short_name}
        ),
    )


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_hand_on(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    chosen = {}

    def act(routing, data):
        chosen["agency"] = data["agency"]
        routing.hand_on(
            by=request.user, to=data["agency"], reason=data["reason"], seen_version=data["version"]
        )

    return _transition(
        request,
        agency,
        tracking_number,
        action="hand_on",
        form_class=HandOnForm,
        name="hand_on_form",
        act=act,
        done=lambda routing: (
            _("Handed on to %(other)s; its desk was told.") % {"other": chosen["agency"].short_name}
        ),
    )


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_write_to_reporter(request: HttpRequest, agency: str, tracking_number: str):
    def act(routing, data):
        if data["kind"] == ReporterMessage.Kind.QUESTION:
            routing.ask_reporter(by=request.user, question=data["body"])
        else:
            routing.message_reporter(by=request.user, message=data["body"])

    def done(routing):
        if routing.report.reporter_email:
            return _("Sent: the reporter sees it on their update page and by e-mail.")
        return _(
            "Sent: the reporter sees it on their update page. They gave no e-mail address, so "
            "they are not told; call them if it is urgent."
        )

    return _transition(
        request,
        agency,
        tracking_number,
        action="ask_reporter",
        form_class=ReporterMessageForm,
        name="reporter_form",
        act=act,
        done=done,
    )


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_share_case_number(request: HttpRequest, agency: str, tracking_number: str):
    return _transition(
        request,
        agency,
        tracking_number,
        action="share_case_number",
        form_class=ShareCaseNumberForm,
        name="share_form",
        act=lambda routing, data: routing.share_case_number(
            by=request.user, shared=data["shared"], seen_version=data["version"]
        ),
        done=lambda routing: (
            _("The other agencies now see your case number.")
            if routing.case_number_shared
            else _("Your case number is your agency's alone again.")
        ),
    )


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_note(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    routing = _desk_routing(request, agency, tracking_number)
    form = DeskNoteForm(request.POST)
    if form.is_valid():
        DeskNote.objects.create(
            routing=routing,
            author=request.user,
            body=form.cleaned_data["body"],
            shared=form.cleaned_data["shared"],
        )
        messages.success(
            request,
            _("Note added; the other agencies on the report see it.")
            if form.cleaned_data["shared"]
            else _("Note added; only your agency sees it."),
        )
        return _back_to(routing)
    return _render_desk_report(request, routing, status=400, note_form=form)


@role_required(*DESK_ROLE_LIST)
@require_safe
def desk_attachment(
    request: HttpRequest, agency: str, tracking_number: str, attachment_id: int
) -> FileResponse:
    """A file of a report routed to the desk's agency; always a download, never shown inline."""
    routing = _desk_routing(request, agency, tracking_number)
    attachment = get_object_or_404(Attachment, pk=attachment_id, report=routing.report)
    return stored_file_response(
        attachment.file,
        filename=attachment.original_name,
        content_type="application/octet-stream",
        default_name="attachment",
    )


def _csv_response(reports, filename: str) -> StreamingHttpResponse:
    rows = csv_rows(reports.iterator(chunk_size=500))
    return streamed_csv_response(rows, filename=filename)


def _stix_response(reports, filename: str) -> HttpResponse:
    bundle = stix_bundle(reports)
    return bytes_response(
        bundle.serialize(pretty=True).encode(),
        filename=filename,
        content_type="application/stix+json;version=2.1",
    )


def _list_with_errors(request: HttpRequest, agency: Agency) -> HttpResponse:
    """An export asked with invalid filters gives no file (400): the list, with the same
    filters, says what is wrong with them. Rendered here rather than redirected to, as a
    redirect to a query string of any length may be refused."""
    response = desk_list(request, agency.code.lower())
    response.status_code = 400
    return response


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")


@role_required(*DESK_ROLE_LIST)
@require_safe
def desk_export_csv(request: HttpRequest, agency: str) -> StreamingHttpResponse:
    agency_obj = _desk_agency(request, agency)
    filters, routings = _filtered_routings(request, agency_obj)
    if filters.errors:
        return _list_with_errors(request, agency_obj)
    return _csv_response(_desk_reports(routings), f"cyber-reports-{agency}-{_stamp()}.csv")


@role_required(*DESK_ROLE_LIST)
@require_safe
def desk_export_stix(request: HttpRequest, agency: str) -> HttpResponse:
    """The filtered list as a STIX 2.1 bundle, newest first, at most STIX_EXPORT_LIMIT."""
    agency_obj = _desk_agency(request, agency)
    filters, routings = _filtered_routings(request, agency_obj)
    if filters.errors:
        return _list_with_errors(request, agency_obj)
    reports = _desk_reports(routings)[:STIX_EXPORT_LIMIT]
    return _stix_response(reports, f"cyber-reports-{agency}-{_stamp()}.stix.json")


@role_required(*DESK_ROLE_LIST)
@require_safe
def desk_report_csv(request: HttpRequest, agency: str, tracking_number: str):
    routing = _desk_routing(request, agency, tracking_number)
    reports = _desk_reports(_desk_routings(request, routing.agency).filter(pk=routing.pk))
    return _csv_response(reports, f"{tracking_number}.csv")


@role_required(*DESK_ROLE_LIST)
@require_safe
def desk_report_stix(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    routing = _desk_routing(request, agency, tracking_number)
    reports = _desk_reports(_desk_routings(request, routing.agency).filter(pk=routing.pk))
    return _stix_response(reports, f"{tracking_number}.stix.json")
