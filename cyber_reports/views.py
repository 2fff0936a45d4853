"""Guidance pages and the report form (public), the update link (its secret holder), and the
agency desks (members of the agency's desk role, with MFA; superusers see every desk).

A desk asking for another agency's desk, report or file gets 404, as if it did not exist.
"""

from functools import lru_cache

from crispy_forms.utils import render_crispy_form
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.roles import DESK_ROLES
from leacorner import rate_limits
from leacorner.access import public, role_required
from leacorner.breadcrumbs import Breadcrumbs
from leacorner.client_address import client_address
from leacorner.downloads import bytes_response, stored_file_response, streamed_csv_response
from leacorner.pagination import EstimatedCountPaginator, bounded_count
from leacorner.transitions import TransitionError
from leacorner.upload_errors import upload_not_stored_message

from .agencies import Agency, IncidentType
from .desk import DeskNote, ReportRouting, desk_agency_codes
from .desk_forms import AcknowledgeForm, CloseForm, DeskFilterForm, DeskNoteForm
from .emergency import urgent_call_sentence
from .exports import csv_rows, stix_bundle
from .filing import AttachmentStorageError, add_update, file_report, find_by_update_token
from .forms import CyberIncidentReportForm, ReportUpdateForm, StatusChangeFormSet
from .models import Attachment, CyberIncidentReport
from .notifications import desk_notices

DESK_ROLE_LIST = tuple(DESK_ROLES.values())
RECEIVED_SESSION_KEY = "cyber_reports_received"
DESK_PAGE_SIZE = 50
STIX_EXPORT_LIMIT = 2000

GUIDANCE_NAV = [
    ("cyber_reports:guidance", "When to report"),
    ("cyber_reports:what_to_report", "What to report"),
    ("cyber_reports:how_to_report", "How to report and key contacts"),
    ("cyber_reports:training", "Training and resources"),
]


REPORTING = Breadcrumbs(
    gettext_lazy("Cyber-incident reporting"), reverse_lazy("cyber_reports:guidance")
)
DESKS = Breadcrumbs(gettext_lazy("Cyber desks"), reverse_lazy("cyber_reports:desk_index"))


def _guidance(request: HttpRequest, template: str, **context) -> HttpResponse:
    nav = [(reverse(name), _(label)) for name, label in GUIDANCE_NAV]
    crumbs = REPORTING
    current = next((label for url, label in nav if url == request.path), None)
    if current and request.path != REPORTING.url:
        crumbs = REPORTING.then(current, request.path)
    return render(request, template, {"guidance_nav": nav, "crumbs": crumbs, **context})


def _desk_crumbs(agency: Agency | None = None, report: CyberIncidentReport | None = None):
    crumbs = DESKS
    if agency is not None:
        crumbs = crumbs.then(
            _("%(agency)s desk") % {"agency": agency.short_name},
            reverse("cyber_reports:desk_list", kwargs={"agency": agency.code.lower()}),
        )
    if report is not None:
        crumbs = crumbs.then(report.tracking_number)
    return crumbs


@public
@require_safe
def guidance(request: HttpRequest) -> HttpResponse:
    return _guidance(request, "cyber_reports/guidance.html")


@public
@require_safe
def what_to_report(request: HttpRequest) -> HttpResponse:
    return _guidance(request, "cyber_reports/what_to_report.html")


@public
@require_safe
def how_to_report(request: HttpRequest) -> HttpResponse:
    return _guidance(request, "cyber_reports/how_to_report.html", agencies=Agency.objects.all())


@public
@require_safe
def training(request: HttpRequest) -> HttpResponse:
    return _guidance(request, "cyber_reports/training.html")


def _over_anonymous_limit(request: HttpRequest, *, filing: bool) -> bool:
    """Whether an anonymous filer is past their limit. `filing`: this post is a valid report,
    counted now, before it is filed (ANONYMOUS_REPORTS); otherwise nothing is counted."""
    if request.user.is_authenticated:
        return False
    limit = rate_limits.ANONYMOUS_REPORTS
    return not (limit.consume(request) if filing else limit.peek(request)).allowed


def _anonymous_limit_message() -> str:
    window = int(rate_limits.ANONYMOUS_REPORTS.window.total_seconds() // 60)
    refusal = _(
        "Too many reports have been sent from your network address in the last "
        "%(minutes)d minutes, so this one was not sent. Your answers are kept below: "
        "sign in, or try again later."
    ) % {"minutes": window}
    return " ".join(filter(None, [refusal, urgent_call_sentence()]))


def _initial_for(user) -> dict:
    """A signed-in user's contact details, and those of their last report, prefilled."""
    if not user.is_authenticated:
        return {}
    initial = {"reporter_name": user.full_name, "reporter_email": user.email}
    last = (
        CyberIncidentReport.objects.filter(submitted_by=user)
        .order_by("-submitted_at")
        .values("reporter_title", "reporter_organization", "reporter_address", "reporter_phone")
        .first()
    )
    if last:
        initial.update(last)
    return initial


def _storage_error_message() -> str:
    return upload_not_stored_message(
        _("Your files could not be stored just now."),
        _(
            "You can also send the report without the files and add them later from the link "
            "on your receipt."
        ),
        urgent_call_sentence(),
    )


@lru_cache(maxsize=16)
def _blank_form_html(language: str, incident_types: tuple) -> str:
    """The empty report form as HTML, the same for every anonymous visitor: rendering its
    sixty fields costs more than the rest of the request, so each process keeps it per
    language and version of the incident types (the form's only content from the database).
    A new deployment starts new processes, so changed templates show at once."""
    return render_crispy_form(
        CyberIncidentReportForm(), context={"formset": StatusChangeFormSet(prefix="status")}
    )


def _report_form_page(request, form=None, formset=None, *, status: int = 200) -> HttpResponse:
    """The form page with `form`, or without one the empty form of anonymous visitors."""
    context = {"form": form, "formset": formset, "crumbs": REPORTING.then(_("Report an incident"))}
    if form is None:
        incident_types = tuple(IncidentType.objects.values_list("pk", "name", "description"))
        context["form_html"] = _blank_form_html(get_language(), incident_types)
    return render(request, "cyber_reports/report_form.html", context, status=status)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    """Anyone may file. Anonymous filers are limited per network address per window."""
    if request.method == "GET" and not request.user.is_authenticated:
        return _report_form_page(request)  # nothing to prefill: the same empty form for all
    form = CyberIncidentReportForm(
        request.POST or None, request.FILES or None, initial=_initial_for(request.user)
    )
    formset = StatusChangeFormSet(request.POST or None, prefix="status")
    status = 200
    if request.method == "POST":
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        if _over_anonymous_limit(request, filing=form_ok and formset_ok):
            form.add_error(None, _anonymous_limit_message())
            status = 429
        elif form_ok and formset_ok:
            try:
                filed = file_report(
                    report=form.instance,
                    incident_types=form.cleaned_data["incident_types"],
                    indicators=form.indicators(),
                    status_changes=formset.status_changes(form.cleaned_data["time_zone"]),
                    uploads=form.cleaned_data["attachments"],
                    submitted_by=request.user,
                    source_address=client_address(request),
                )
            except AttachmentStorageError:
                form.add_error(None, _storage_error_message())
                return _report_form_page(request, form, formset, status=503)
            request.session[RECEIVED_SESSION_KEY] = {
                "tracking_number": filed.report.tracking_number,
                "token": filed.update_token,
            }
            return redirect(
                "cyber_reports:report_received", tracking_number=filed.report.tracking_number
            )
        elif form_ok:
            form.add_error(None, _("Check the status changes under “Technical details”."))
        elif form.has_error(NON_FIELD_ERRORS, "honeypot"):
            status = 400
    return _report_form_page(request, form, formset, status=status)


@public
@never_cache
@require_safe
def report_received(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The confirmation, shown only in the browser session that filed the report."""
    received = request.session.get(RECEIVED_SESSION_KEY) or {}
    if received.get("tracking_number") != tracking_number:
        raise Http404
    report = get_object_or_404(CyberIncidentReport, tracking_number=tracking_number)
    routings = report.routings.select_related("agency")
    return render(
        request,
        "cyber_reports/report_received.html",
        {
            "report": report,
            "routings": routings,
            "crumbs": REPORTING.then(_("Report received")),
            "update_url": reverse(
                "cyber_reports:report_update", kwargs={"token": received["token"]}
            ),
        },
    )


@public
@never_cache
@require_http_methods(["GET", "POST"])
def report_update(request: HttpRequest, token: str) -> HttpResponse:
    """Whoever holds the secret link of the receipt adds information and files."""
    report = find_by_update_token(token)
    if report is None:
        raise Http404
    form = ReportUpdateForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            add_update(
                report=report,
                body=form.cleaned_data["body"],
                uploads=form.cleaned_data["attachments"],
                source_address=client_address(request),
            )
        except AttachmentStorageError:
            form.add_error(None, _storage_error_message())
            status = 503
        else:
            agencies = ", ".join(
                r.agency.short_name for r in report.routings.select_related("agency")
            )
            messages.success(
                request,
                _("Your update was added to %(number)s and sent to %(agencies)s.")
                % {"number": report.tracking_number, "agencies": agencies},
            )
            return redirect("cyber_reports:report_update", token=token)
    updates = report.updates.prefetch_related("attachments")
    return render(
        request,
        "cyber_reports/report_update.html",
        {
            "report": report,
            "form": form,
            "updates": updates,
            "routings": report.routings.select_related("agency"),
            "crumbs": REPORTING.then(_("Add to a report")),
        },
        status=status,
    )


# --- Agency desks ----------------------------------------------------------------------------


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
    """The reports routed to the agency, newest first, filtered and searched."""
    agency_obj = _desk_agency(request, agency)
    filters, routings = _filtered_routings(request, agency_obj)
    routings = routings.select_related("report").prefetch_related("report__incident_types")
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
            "stix_limit": STIX_EXPORT_LIMIT,
            "crumbs": _desk_crumbs(agency_obj),
        },
    )


def _render_desk_report(request: HttpRequest, routing: ReportRouting, status: int = 200, **forms):
    report = routing.report
    context = {
        "agency": routing.agency,
        "crumbs": _desk_crumbs(routing.agency, report),
        "routing": routing,
        "report": report,
        "incident_types": report.incident_types.all(),
        "indicators": report.indicators.all(),
        "status_changes": report.status_changes.all(),
        "updates": report.updates.prefetch_related("attachments"),
        "attachments": report.attachments.filter(update__isnull=True),
        "other_agencies": [
            r.agency
            for r in report.routings.select_related("agency")
            if r.agency_id != routing.agency_id
        ],
        "notes": routing.notes.select_related("author"),
        "actions_allowed": routing.allowed_actions(request.user),
        "notices": desk_notices(report, routing.agency.code),
        "acknowledge_form": forms.get("acknowledge_form")
        or AcknowledgeForm(initial={"version": routing.version}),
        "close_form": forms.get("close_form") or CloseForm(initial={"version": routing.version}),
        "note_form": forms.get("note_form") or DeskNoteForm(),
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


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_acknowledge(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    routing = _desk_routing(request, agency, tracking_number)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            routing.acknowledge(
                by=request.user,
                case_number=form.cleaned_data["case_number"],
                seen_version=form.cleaned_data["version"],
            )
        except TransitionError as error:
            # The report moved on meanwhile (another member acknowledged or closed it).
            messages.error(request, str(error))
            return _back_to(routing)
        else:
            messages.success(
                request,
                _("Acknowledged under case number %(number)s.")
                % {"number": routing.agency_case_number},
            )
            return _back_to(routing)
    return _render_desk_report(request, routing, status=400, acknowledge_form=form)


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_close(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    routing = _desk_routing(request, agency, tracking_number)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            routing.close(
                by=request.user,
                note=form.cleaned_data["note"],
                seen_version=form.cleaned_data["version"],
            )
        except TransitionError as error:
            messages.error(request, str(error))
            return _back_to(routing)
        else:
            messages.success(request, _("Closed for %(agency)s.") % {"agency": routing.agency})
            return _back_to(routing)
    return _render_desk_report(request, routing, status=400, close_form=form)


@role_required(*DESK_ROLE_LIST)
@require_POST
def desk_note(request: HttpRequest, agency: str, tracking_number: str) -> HttpResponse:
    routing = _desk_routing(request, agency, tracking_number)
    form = DeskNoteForm(request.POST)
    if form.is_valid():
        DeskNote.objects.create(
            routing=routing, author=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Note added."))
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
