"""The clerk's pages (file, follow, answer, withdraw, download) and the public verification
page. A clerk only ever reaches their own requests: anything else answers 404."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.roles import Role
from leacorner.access import public, role_required
from leacorner.breadcrumbs import Breadcrumbs
from leacorner.downloads import bytes_response, stored_file_response
from leacorner.rate_limits import CERTIFICATE_CHECKS
from leacorner.transitions import TransitionError
from leacorner.upload_errors import upload_not_stored_message

from . import verification_codes
from .certification import Certification
from .certification_documents import compare, served_pdf
from .filing import submit_request
from .forms import (
    AnswerForm,
    ComparePDFForm,
    StakeholderRequestForm,
    VerifyForm,
    WithdrawForm,
    validate_pdf,
)
from .models import RequestDraft, StakeholderRequest
from .printable_form import render_printable_form
from .uploads import document_file_name

Status = StakeholderRequest.Status


def _my_request(request: HttpRequest, pk: int) -> StakeholderRequest:
    return get_object_or_404(
        StakeholderRequest.objects.filed_by(request.user).select_related("certification"), pk=pk
    )


MY_REQUESTS = Breadcrumbs(
    gettext_lazy("My requests"), reverse_lazy("stakeholder_forms:request_list")
)


@role_required(Role.CLERK)
@require_safe
def request_list(request: HttpRequest) -> HttpResponse:
    """The clerk's requests, newest first, optionally one status; their drafts above."""
    status = request.GET.get("status", "")
    requests = StakeholderRequest.objects.filed_by(request.user).only(
        "pk",
        "tracking_number",
        "status",
        "submitted_at",
        "updated_at",
        "subject_family_name",
        "subject_given_names",
        "obligation_date",
        "obligation_type",
        "obligation_type_other",
    )
    if status in Status.values:
        requests = requests.filter(status=status)
    else:
        status = ""
    page = Paginator(requests.order_by("-submitted_at", "-pk"), 25).get_page(
        request.GET.get("page")
    )
    drafts = RequestDraft.objects.filter(clerk=request.user).only("pk", "data", "updated_at")[:20]
    return render(
        request,
        "stakeholder_forms/request_list.html",
        {
            "page_obj": page,
            "status": status,
            "page_query": urlencode({"status": status}) if status else "",
            "statuses": Status.choices,
            "drafts": drafts,
            "crumbs": MY_REQUESTS,
        },
    )


def _draft_data(post) -> dict:
    skip = {"csrfmiddlewaretoken", "action", "remove_document", "duplicates_seen", "draft_key"}
    data: dict = {}
    for key in post:
        if key in skip:
            continue
        # NUL is never valid in a field (the form says so) and PostgreSQL's JSON cannot store
        # it: the draft keeps the rest of what was typed.
        values = [value.replace("\x00", "") for value in post.getlist(key)]
        name = key.replace("\x00", "")
        data[name] = values if key == "information_requested" else values[-1][:10_000]
    return data


def _storage_error_message() -> str:
    return upload_not_stored_message(_("Your document could not be stored just now."))


def _draft_of_page(request: HttpRequest) -> RequestDraft:
    """The draft a new-request page made already (its `draft_key` came back), or a new one."""
    try:
        key = uuid.UUID(request.POST.get("draft_key", ""))
    except ValueError:
        return RequestDraft(clerk=request.user)
    draft = RequestDraft.objects.filter(clerk=request.user, form_key=key).first()
    return draft or RequestDraft(clerk=request.user, form_key=key)


def _save_draft(request: HttpRequest, draft: RequestDraft | None) -> tuple[RequestDraft, bool]:
    """Keep what was typed (and a valid PDF) before anything else happens to the post.
    Returns the draft and whether the uploaded file, if any, could be stored."""
    draft = draft or _draft_of_page(request)
    draft.data = _draft_data(request.POST)
    draft.updated_at = timezone.now()
    kept_document, kept_name = (draft.document.name or ""), draft.document_name
    upload = request.FILES.get("document")
    if request.POST.get("remove_document") and draft.document:
        draft.document = None
        draft.document_name = ""
    if upload is not None:
        try:
            validate_pdf(upload)
        except ValidationError:
            pass  # the form reports what is wrong with the file
        else:
            draft.document = upload
            draft.document_name = document_file_name(upload.name)
    try:
        with transaction.atomic():  # a savepoint: a refused file must not spoil the request
            draft.save()
    except IntegrityError:
        # The same page posted twice at once (a double click): the other post made the draft.
        draft.pk = RequestDraft.objects.get(clerk=request.user, form_key=draft.form_key).pk
        draft._state.adding = False
        draft.save()
    except OSError:
        # The upload storage refused the file: the typed answers are kept without it.
        draft.document, draft.document_name = kept_document, kept_name
        draft.save()
        return draft, False
    return draft, True


@role_required(Role.CLERK)
@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The new-request form. Every post is saved as a draft first; "Save and finish later"
    stops there, "Submit" validates, warns of a possible duplicate, then files the request."""
    draft = get_object_or_404(RequestDraft, pk=pk, clerk=request.user) if pk else None
    duplicates = []
    status = 200
    if request.method == "POST":
        draft, stored = _save_draft(request, draft)
        if request.headers.get("X-Autosave") == "1":
            # The page's script saves in the background; it only needs the draft's address.
            saved_at = date_format(timezone.localtime(draft.updated_at), "TIME_FORMAT")
            return JsonResponse(
                {
                    "url": draft.get_absolute_url(),
                    "message": _("Draft saved at %(time)s.") % {"time": saved_at},
                }
            )
        if request.POST.get("action") == "save":
            if stored:
                messages.success(
                    request,
                    _("Draft saved. You can come back to it from “My requests” at any time."),
                )
            else:
                messages.error(
                    request,
                    _(
                        "Your answers are saved as a draft, but the document could not be "
                        "stored just now: attach it again in a few minutes."
                    ),
                )
            return redirect(draft)
        form = StakeholderRequestForm(request.POST, request.FILES, user=request.user, draft=draft)
        if not stored:
            form.is_valid()
            form.add_error(None, _storage_error_message())
            status = 503
        elif not form.is_valid():
            messages.info(
                request,
                _(
                    "Nothing was submitted yet. Your answers are saved in your draft: correct "
                    "what is marked below and submit again, or come back to it from “My "
                    "requests”."
                ),
            )
        else:
            data = form.cleaned_data
            duplicates = list(
                StakeholderRequest.objects.possible_duplicates(
                    family_name=data["subject_family_name"],
                    given_names=data["subject_given_names"],
                    date_of_birth=data["subject_date_of_birth"],
                    obligation_date=data["obligation_date"],
                ).only("pk", "tracking_number", "submitted_at", "clerk_id", "status")
            )
            seen = set((data.get("duplicates_seen") or "").split(","))
            if not duplicates or {str(d.pk) for d in duplicates} <= seen:
                stakeholder_request = submit_request(
                    clerk=request.user, fields=form.model_fields(), draft=draft
                )
                return redirect("stakeholder_forms:request_submitted", pk=stakeholder_request.pk)
            # Shown once before saving; submitting again with them seen goes on.
            form.data = form.data.copy()
            form.data["duplicates_seen"] = ",".join(str(d.pk) for d in duplicates)
    else:
        form = StakeholderRequestForm(
            initial=draft.data if draft else None, user=request.user, draft=draft
        )
    action = (
        reverse("stakeholder_forms:draft_edit", kwargs={"pk": draft.pk})
        if draft
        else reverse("stakeholder_forms:request_create")
    )
    # A new page gets a key of its own; a page shown again after a post keeps the one it had.
    draft_key = (draft.form_key if draft else None) or uuid.uuid4()
    return render(
        request,
        "stakeholder_forms/request_form.html",
        {
            "form": form,
            "draft": draft,
            "form_action": action,
            "draft_key": draft_key,
            "duplicates": duplicates,
            "crumbs": MY_REQUESTS.then(_("New request")),
        },
        status=status,
    )


@role_required(Role.CLERK)
@require_POST
def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_object_or_404(RequestDraft, pk=pk, clerk=request.user)
    if draft.document:
        draft.document.delete(save=False)
    draft.delete()
    messages.success(request, _("The draft is deleted."))
    return redirect("stakeholder_forms:request_list")


@role_required(Role.CLERK)
@require_safe
def request_submitted(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder_request = _my_request(request, pk)
    return render(
        request,
        "stakeholder_forms/request_submitted.html",
        {
            "request_obj": stakeholder_request,
            "crumbs": MY_REQUESTS.then(stakeholder_request.tracking_number),
        },
    )


def _detail(request, stakeholder_request, *, answer_form=None, status=200) -> HttpResponse:
    events = (
        stakeholder_request.events.filter(visible_to_clerk=True)
        .select_related("actor", "request")
        .order_by("at", "pk")
    )
    actions = stakeholder_request.allowed_actions(request.user)
    may_answer = "answer_information_request" in actions
    question = None
    if may_answer:
        question = (
            stakeholder_request.events.filter(action="info_requested").order_by("-at").first()
        )
    return render(
        request,
        "stakeholder_forms/request_detail.html",
        {
            "request_obj": stakeholder_request,
            "certification": getattr(stakeholder_request, "certification", None),
            "events": events,
            "question": question,
            "answer_form": answer_form or (AnswerForm() if may_answer else None),
            "may_withdraw": "withdraw" in actions,
            "crumbs": MY_REQUESTS.then(stakeholder_request.tracking_number),
        },
        status=status,
    )


@role_required(Role.CLERK)
@require_safe
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _my_request(request, pk))


@role_required(Role.CLERK)
@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The clerk's answer to an information request (message and optional PDF)."""
    stakeholder_request = _my_request(request, pk)
    if "answer_information_request" not in stakeholder_request.allowed_actions(request.user):
        # A second tab or a resent post: the form is gone from the page, so its errors
        # would be shown nowhere; say why nothing happened instead.
        messages.error(request, _("This request is not waiting for an answer from you."))
        return redirect(stakeholder_request)
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, stakeholder_request, answer_form=form)
    upload = form.cleaned_data.get("document")
    try:
        stakeholder_request.answer_information_request(
            by=request.user,
            message=form.cleaned_data["message"],
            document=upload,
            document_name=document_file_name(upload.name) if upload else "",
        )
    except TransitionError as error:
        messages.error(request, str(error))
    except OSError:
        # The upload storage refused the file; the transition rolled back with it.
        form.add_error("document", _storage_error_message())
        return _detail(request, stakeholder_request, answer_form=form, status=503)
    else:
        messages.success(request, _("Thank you. Your answer is with the reviewer."))
    return redirect(stakeholder_request)


@role_required(Role.CLERK)
@require_http_methods(["GET", "HEAD", "POST"])
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks for confirmation (GET), then withdraws (POST)."""
    stakeholder_request = _my_request(request, pk)
    form = WithdrawForm(request.POST or None, initial={"version": stakeholder_request.version})
    if request.method == "POST" and form.is_valid():
        try:
            stakeholder_request.withdraw(
                by=request.user,
                note=form.cleaned_data["note"],
                seen_version=form.cleaned_data["version"],
            )
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Request %(n)s is withdrawn.") % {"n": stakeholder_request.tracking_number},
            )
        return redirect(stakeholder_request)
    if not stakeholder_request.is_open:
        messages.info(request, _("This request is decided or withdrawn already."))
        return redirect(stakeholder_request)
    return render(
        request,
        "stakeholder_forms/request_withdraw.html",
        {
            "request_obj": stakeholder_request,
            "form": form,
            "crumbs": MY_REQUESTS.then(
                stakeholder_request.tracking_number, stakeholder_request.get_absolute_url()
            ).then(_("Withdraw")),
        },
    )


@role_required(Role.CLERK)
@require_safe
def request_document(request: HttpRequest, pk: int) -> FileResponse:
    stakeholder_request = _my_request(request, pk)
    return stored_file_response(
        stakeholder_request.document,
        filename=stakeholder_request.document_name,
        content_type="application/pdf",
        default_name="document.pdf",
    )


@role_required(Role.CLERK)
@require_safe
def certification_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder_request = _my_request(request, pk)
    certification = getattr(stakeholder_request, "certification", None)
    if certification is None:
        raise Http404
    return bytes_response(
        served_pdf(certification),
        filename=f"{certification.number}.pdf",
        content_type="application/pdf",
    )


@public
@require_safe
def printable_form(request: HttpRequest) -> HttpResponse:
    """Anyone may print the request form (drawn from the online form: printable_form.py).
    A blank form holds nothing private, so it is the one PDF served inline and cacheable."""
    response = HttpResponse(render_printable_form(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename="criminal-justice-stakeholder-request-form.pdf"
    )
    patch_cache_control(response, public=True, max_age=3600)
    return response


@public
@require_safe
def fact_sheet(request: HttpRequest) -> HttpResponse:
    """Anyone may read the fact sheet: who may ask, what to give, what ERO answers, how."""
    return render(
        request,
        "stakeholder_forms/fact_sheet.html",
        {
            "paper_email": settings.STAKEHOLDER_PAPER_EMAIL,
            "information_line": settings.STAKEHOLDER_INFORMATION_LINE,
            "crumbs": Breadcrumbs(_("Criminal Justice Stakeholder Forms fact sheet")),
        },
    )


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify_certification(request: HttpRequest) -> HttpResponse:
    """Anyone may check a certification by number and code: valid, revoked or unknown. A wrong
    code answers "unknown", so the page never confirms that a number exists.

    For the right number and code (which whoever holds the paper has) the page shows the facts
    a court compares with it: the person's name as certified, the obligation, the findings,
    the officer, the date of issue and whether it stands; not the date of birth, identifiers,
    the requester or the reason for a revocation. It then offers to compare the PDF file
    itself, byte for byte, with the one issued (`certification_documents.compare`): an edited
    copy with the real number and code differs. Every post, comparisons included, is one
    check under the rate limit."""
    comparing = request.method == "POST" and request.POST.get("action") == "compare"
    data = request.POST if request.method == "POST" else None
    form = ComparePDFForm(data, request.FILES) if comparing else VerifyForm(data)
    outcome, certification, comparison = None, None, None
    status = 200
    if request.method == "POST":
        if not CERTIFICATE_CHECKS.consume(request).allowed:
            outcome, status = "limited", 429
        elif form.is_valid() or comparing:
            certification = (
                _checked_certification(form.cleaned_data["number"], form.cleaned_data["code"])
                if _number_and_code_valid(form)
                else None  # hidden fields changed by hand: nothing to show
            )
            if certification is None:
                outcome = "unknown"
            else:
                outcome = "revoked" if certification.is_revoked else "valid"
                if comparing and form.is_valid():
                    comparison = compare(certification, form.cleaned_data["pdf"]).value
    compare_form = form if comparing else None
    if certification is not None and compare_form is None:
        compare_form = ComparePDFForm(
            initial={"number": certification.number, "code": form.cleaned_data["code"]}
        )
    return render(
        request,
        "stakeholder_forms/verify.html",
        {
            "form": VerifyForm() if comparing else form,
            "compare_form": compare_form if certification is not None else None,
            "outcome": outcome,
            "certification": certification,
            "comparison": comparison,
            "window_minutes": int(CERTIFICATE_CHECKS.window.total_seconds() // 60),
            "crumbs": Breadcrumbs(_("Verify a certification")),
        },
        status=status,
    )


def _number_and_code_valid(form: ComparePDFForm) -> bool:
    """A comparison whose file is refused still shows the certification, with the file's
    error: the number and code are checked on their own."""
    return "number" not in form.errors and "code" not in form.errors


def _checked_certification(number: str, code: str) -> Certification | None:
    """The certification of `number` if `code` is its code, else None."""
    certification = Certification.objects.filter(number=number).select_related("request").first()
    # Compared with a digest either way, so an unknown number answers as fast as a wrong code.
    digest = certification.verification_digest if certification else None
    if not verification_codes.matches(code, digest):
        return None
    return certification
