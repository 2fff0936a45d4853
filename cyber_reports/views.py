"""Guidance pages and the report form (public), and the update link (its secret holder).
The agency desks' pages are in `desk_views.py`.

Limits (leacorner.rate_limits): anonymous filings per network address; receipts per
reporter's address, signed in or not (the report is filed anyway, and the page says the
receipt was not sent); updates and files per report through the update link. A refused
submission keeps what was typed and says what to do, with whom to call if it is urgent.
"""

import json
from functools import lru_cache

from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from leacorner import rate_limits
from leacorner.access import public
from leacorner.breadcrumbs import Breadcrumbs
from leacorner.client_address import client_address
from leacorner.upload_errors import upload_not_stored_message

from .agencies import Agency, IncidentType
from .emergency import recipients_contacts, urgent_call_sentence
from .filing import (
    AttachmentStorageError,
    UpdateRefused,
    add_update,
    file_report,
    find_by_update_token,
)
from .forms import CyberIncidentReportForm, ReportUpdateForm, StatusChangeFormSet
from .models import CyberIncidentReport
from .timeline import ReporterMessage

#: The filer's browser is told its report's tracking number and update link in a signed
#: cookie, not a session: an anonymous filer costs no session row (issue 16), and the receipt
#: is still shown only to the browser that filed (the signature is SECRET_KEY's, the value is
#: the filer's own link, which the receipt shows them anyway). HttpOnly, Secure as the session
#: cookie, SameSite=Lax, sent only under the report form's path (the form and its receipts), and
#: valid as long as an idle session.
RECEIVED_COOKIE = "cyber_report_received"
RECEIVED_SALT = "cyber_reports.views.report_received"


def _remember_receipt(response: HttpResponse, received: dict) -> HttpResponse:
    response.set_signed_cookie(
        RECEIVED_COOKIE,
        json.dumps(received),
        salt=RECEIVED_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=reverse("cyber_reports:report_create"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _remembered_receipt(request: HttpRequest) -> dict:
    value = request.get_signed_cookie(
        RECEIVED_COOKIE, default=None, salt=RECEIVED_SALT, max_age=settings.SESSION_COOKIE_AGE
    )
    try:
        received = json.loads(value) if value else {}
    except ValueError:
        return {}
    return received if isinstance(received, dict) else {}


GUIDANCE_NAV = [
    ("cyber_reports:guidance", "When to report"),
    ("cyber_reports:what_to_report", "What to report"),
    ("cyber_reports:how_to_report", "How to report and key contacts"),
    ("cyber_reports:training", "Training and resources"),
]


REPORTING = Breadcrumbs(
    gettext_lazy("Cyber-incident reporting"), reverse_lazy("cyber_reports:guidance")
)


def _guidance(request: HttpRequest, template: str, **context) -> HttpResponse:
    nav = [(reverse(name), _(label)) for name, label in GUIDANCE_NAV]
    crumbs = REPORTING
    current = next((label for url, label in nav if url == request.path), None)
    if current and request.path != REPORTING.url:
        crumbs = REPORTING.then(current, request.path)
    return render(request, template, {"guidance_nav": nav, "crumbs": crumbs, **context})


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
    urgent = urgent_call_sentence()
    return format_html("{} {}", refusal, urgent) if urgent else refusal


def _receipt_allowed(request: HttpRequest, address: str) -> bool:
    """Whether a receipt may go to `address` now, counting it (RECEIPTS, per address)."""
    if not address:
        return True
    return rate_limits.RECEIPTS.consume(request, key=address.strip().lower()).allowed


def _minutes(delta) -> int:
    return max(1, round(delta.total_seconds() / 60))


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
            receipt = _receipt_allowed(request, form.cleaned_data["reporter_email"])
            try:
                filed = file_report(
                    report=form.instance,
                    incident_types=form.cleaned_data["incident_types"],
                    indicators=form.indicators(),
                    status_changes=formset.status_changes(form.cleaned_data["time_zone"]),
                    uploads=form.cleaned_data["attachments"],
                    submitted_by=request.user,
                    source_address=client_address(request),
                    send_receipt=receipt,
                )
            except AttachmentStorageError:
                form.add_error(None, _storage_error_message())
                return _report_form_page(request, form, formset, status=503)
            return _remember_receipt(
                redirect(
                    "cyber_reports:report_received", tracking_number=filed.report.tracking_number
                ),
                {
                    "tracking_number": filed.report.tracking_number,
                    "token": filed.update_token,
                    "receipt_sent": receipt,
                },
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
    """The confirmation, shown only in the browser that filed the report."""
    received = _remembered_receipt(request)
    if received.get("tracking_number") != tracking_number:
        raise Http404
    report = get_object_or_404(CyberIncidentReport, tracking_number=tracking_number)
    routings = list(report.routings.select_related("agency"))
    return render(
        request,
        "cyber_reports/report_received.html",
        {
            "report": report,
            "routings": routings,
            "contacts": recipients_contacts(routing.agency for routing in routings),
            "receipt_sent": received.get("receipt_sent", True),
            "receipt_limit": rate_limits.RECEIPTS.limit,
            "receipt_minutes": _minutes(rate_limits.RECEIPTS.window),
            "crumbs": REPORTING.then(_("Report received")),
            "update_url": reverse(
                "cyber_reports:report_update", kwargs={"token": received["token"]}
            ),
        },
    )


def _update_limit_refusal(request: HttpRequest, report: CyberIncidentReport, files: int):
    """Why the update link refuses this post now (its updates or files of the last window,
    counted here), or None."""
    key = f"report:{report.pk}"
    updates = rate_limits.REPORT_UPDATES.consume(request, key=key)
    if not updates.allowed:
        return _(
            "This report has had %(limit)d updates in the last %(minutes)d minutes, the most it "
            "takes. Nothing was sent and your text is kept below: send it again in "
            "%(wait)d minutes."
        ) % {
            "limit": updates.limit,
            "minutes": _minutes(rate_limits.REPORT_UPDATES.window),
            "wait": _minutes(updates.retry_after),
        }
    if files:
        attached = rate_limits.REPORT_UPDATE_FILES.consume(request, key=key, amount=files)
        if not attached.allowed:
            return _(
                "This report takes %(limit)d files in %(minutes)d minutes through this page, and "
                "these would go over. Nothing was sent and your text is kept below: send it now "
                "without the files, and the files in %(wait)d minutes."
            ) % {
                "limit": attached.limit,
                "minutes": _minutes(rate_limits.REPORT_UPDATES.window),
                "wait": _minutes(attached.retry_after),
            }
    return None


@public
@never_cache
@require_http_methods(["GET", "POST"])
def report_update(request: HttpRequest, token: str) -> HttpResponse:
    """Whoever holds the secret link of the receipt sees each agency's status and the desks'
    questions and messages, and adds information and files, perhaps an answer."""
    report = find_by_update_token(token)
    if report is None:
        raise Http404
    initial = {}
    if (answer := request.GET.get("answer", "")).isdigit():
        initial["in_reply_to"] = answer
    form = ReportUpdateForm(
        request.POST or None, request.FILES or None, report=report, initial=initial
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["attachments"]
        refusal = _update_limit_refusal(request, report, len(uploads))
        if refusal is not None:
            urgent = urgent_call_sentence()
            form.add_error(None, format_html("{} {}", refusal, urgent) if urgent else refusal)
            status = 429
        else:
            try:
                update = add_update(
                    report=report,
                    body=form.cleaned_data["body"],
                    uploads=uploads,
                    source_address=client_address(request),
                    in_reply_to=form.cleaned_data.get("in_reply_to"),
                )
            except AttachmentStorageError:
                form.add_error(None, _storage_error_message())
                status = 503
            except UpdateRefused as refused:
                form.add_error(None, str(refused))
                status = 409
            else:
                agencies = ", ".join(
                    r.agency.short_name for r in report.routings.select_related("agency")
                )
                messages.success(
                    request,
                    (
                        _("Your answer was added to %(number)s and sent to %(agencies)s.")
                        if update.in_reply_to_id
                        else _("Your update was added to %(number)s and sent to %(agencies)s.")
                    )
                    % {"number": report.tracking_number, "agencies": agencies},
                )
                return redirect("cyber_reports:report_update", token=token)
    return render(
        request,
        "cyber_reports/report_update.html",
        {
            "report": report,
            "form": form,
            "updates": report.updates.select_related(
                "in_reply_to__routing__agency"
            ).prefetch_related("attachments"),
            "routings": report.routings.select_related("agency", "handed_on_to", "added_by"),
            "reporter_messages": ReporterMessage.objects.filter(routing__report=report)
            .select_related("routing__agency")
            .order_by("-created_at"),
            "crumbs": REPORTING.then(_("Add to a report")),
        },
        status=status,
    )
