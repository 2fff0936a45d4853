"""ERO reviewers' queue: stakeholder requests in the admin (certifications: certification_admin.py,
the queue's filters: queue_filters.py).

Nothing here edits a request's own fields. Change pages show the record read-only, with one
button per transition the reviewer may take from the current state; each button calls the
model method, which locks the row and refuses a stale page ("this request changed — reload");
the pages that end in a letter or a certificate preview it first (decision_admin.py).
Every opening of a request, its documents or a certification by staff is logged."""

import re

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import ClerkAccount
from leacorner import numbering
from leacorner.downloads import stored_file_response
from leacorner.models import OutgoingEmail
from leacorner.pagination import EstimatedCountPaginator
from leacorner.read_only_admin import ReadOnlyAdminMixin
from leacorner.transitions import TransitionError

from . import (
    certification_admin,  # noqa: F401 - registers the certifications' admin
    message_template_admin,  # noqa: F401 - registers the letter templates' admin
)
from .decision_admin import DecisionPagesMixin
from .hold_admin import LegalHoldAdminMixin
from .identifiers import clean_a_number
from .models import RecordView, StakeholderRequest
from .queue_filters import AgeFilter, AssignmentFilter, QueueStatusFilter
from .review_admin import ReviewAdminMixin, StaffRequestForm
from .supervision_admin import SupervisionAdminMixin
from .workflow import RequestEvent

#: An A-number as reviewers type it: the letter A and 9 digits (or an older 8), with optional
#: spaces or dashes.
A_NUMBER_TYPED = re.compile(r"A[\s-]*(?:\d[\s-]*){7}\d(?:[\s-]*\d)?", re.IGNORECASE | re.ASCII)

Status = StakeholderRequest.Status


def _download(field_file, name: str) -> FileResponse:
    return stored_file_response(
        field_file, filename=name, content_type="application/pdf", default_name="document.pdf"
    )


@admin.register(StakeholderRequest)
class StakeholderRequestAdmin(
    LegalHoldAdminMixin,
    SupervisionAdminMixin,
    DecisionPagesMixin,
    ReviewAdminMixin,
    admin.ModelAdmin,
):
    # The columns that decide the work come first, so they are in view at 1280 px beside the
    # filters (tests/browser/test_columns_at_1280.py): which request, its state, how old it is.
    list_display = [
        "tracking_number",
        "status_badge",
        "age",
        "subject",
        "agency_name",
        "obligation_day",
        "reviewer",
    ]
    list_display_links = ["tracking_number"]
    form = StaffRequestForm  # the staff's labels, not the clerk's (review_admin.py)
    view_on_site = False
    list_filter = [QueueStatusFilter, "agency_type", AssignmentFilter, AgeFilter]
    search_fields = [
        "tracking_number",
        "subject_family_name",
        "subject_given_names",
        "subject_middle_name",
        "subject_other_names",
        "case_number",
    ]  # and the A-number, in any format: get_search_results()
    search_help_text = gettext_lazy(
        "Tracking number, the person's names, A-number (any format) or case number."
    )
    ordering = ["submitted_at"]
    list_select_related = ["assigned_to"]
    list_per_page = 50
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    # Bulk actions: supervisors' only (supervision_admin.py); reviewers see no checkboxes.
    fieldsets = [
        (
            gettext_lazy("Request"),
            {
                "fields": [
                    "tracking_number",
                    "status",
                    "reviewer",
                    "submitted_at",
                    "age",
                    "decided_at",
                    "denial_reason",
                    "decision_note",
                    "certification_link",
                    "filed_by",
                ]
            },
        ),
        (
            gettext_lazy("Requester"),
            {
                "fields": [
                    "requester_name",
                    "requester_title",
                    "agency_name",
                    "agency_type_label",
                    "agency_ori",
                    "requester_phone",
                    "requester_email",
                    "mailing_address",
                ]
            },
        ),
        (
            gettext_lazy("Subject"),
            {
                "fields": [
                    "subject_family_name",
                    "subject_given_names",
                    "subject_middle_name",
                    "subject_other_names",
                    "subject_date_of_birth",
                    "subject_country_of_birth",
                    "subject_sex",
                    "a_number_formatted",
                    "fbi_number",
                    "state_id_number",
                    "booking_number",
                ]
            },
        ),
        (
            gettext_lazy("Obligation"),
            {
                "fields": [
                    "obligation_label",
                    "obligation_date",
                    "obligation_court",
                    "case_number",
                    "obligation_description",
                ]
            },
        ),
        (
            gettext_lazy("Information requested"),
            {"fields": ["information_list", "document_link", "attested"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [field for _title, options in self.fieldsets for field in options["fields"]]

    def get_search_results(self, request, queryset, search_term):
        # A tracking number or an A-number is looked up in its own indexed column only: OR-ed
        # with the name searches (ILIKE) it would scan a table of a million requests.
        term = search_term.strip()
        if number := numbering.parse(term, prefix=numbering.Prefix.STAKEHOLDER_REQUEST):
            return queryset.filter(tracking_number=str(number)), False
        if A_NUMBER_TYPED.fullmatch(term):
            return queryset.filter(a_number=clean_a_number(term)), False
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            a_number = clean_a_number(term)
        except ValidationError:
            a_number = ""
        if a_number:
            # Equality on the stored digits, which the B-tree index serves; the admin's own
            # "=a_number" would compare UPPER(a_number), which no index does.
            results = results | queryset.filter(a_number=a_number)
        return results, may_have_duplicates

    # --- Columns and read-only fields ----------------------------------------------------------
    @admin.display(description=gettext_lazy("subject"), ordering="subject_family_name")
    def subject(self, obj: StakeholderRequest) -> str:
        return obj.subject_display

    @admin.display(description=gettext_lazy("obligation"), ordering="obligation_date")
    def obligation_day(self, obj: StakeholderRequest):
        return obj.obligation_date

    @admin.display(description=gettext_lazy("reviewer"), ordering="assigned_to__full_name")
    def reviewer(self, obj: StakeholderRequest) -> str:
        # Shown as text: reviewers may not open user accounts in the admin.
        return obj.assigned_to.get_full_name() if obj.assigned_to else "—"

    @admin.display(description=gettext_lazy("filed by (account)"))
    def filed_by(self, obj: StakeholderRequest) -> str:
        """Who the account says it is, as a supervisor approved it (accounts.ClerkAccount),
        beside what the request says; an ORI that differs from the account's is pointed out."""
        account = ClerkAccount.objects.filter(user_id=obj.clerk_id).first()
        if account is None:
            return format_html("{} ({})", obj.clerk.email, _("no clerk account details"))
        facts = format_html(
            "{}, {} — {} ({} {}) — {} · {}",
            obj.clerk.get_full_name(),
            account.title or "—",
            account.agency_name or "—",
            _("ORI"),
            account.agency_ori or "—",
            obj.clerk.email,
            account.get_status_display(),
        )
        if obj.agency_ori and account.agency_ori and obj.agency_ori != account.agency_ori:
            return format_html(
                '{}<br><strong class="stakeholder-overdue">{}</strong>',
                facts,
                _("The request names ORI %(request)s; the account's is %(account)s.")
                % {"request": obj.agency_ori, "account": account.agency_ori},
            )
        return facts

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, obj: StakeholderRequest) -> str:
        return format_html(
            '<span class="stakeholder-status stakeholder-status--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    @admin.display(description=gettext_lazy("age (work days)"), ordering="-submitted_at")
    def age(self, obj: StakeholderRequest) -> str:
        days = obj.age_in_working_days()
        if obj.is_overdue():
            return format_html(
                '<strong class="stakeholder-overdue" title="{}">{}</strong>',
                _("Past the %(days)d-working-day target")
                % {"days": settings.STAKEHOLDER_AGE_WARNING_WORKING_DAYS},
                days,
            )
        return str(days)

    @admin.display(description=gettext_lazy("agency type"))
    def agency_type_label(self, obj: StakeholderRequest) -> str:
        return obj.agency_type_display

    @admin.display(description=gettext_lazy("A-number"))
    def a_number_formatted(self, obj: StakeholderRequest) -> str:
        return obj.a_number_display or "—"

    @admin.display(description=gettext_lazy("type of obligation"))
    def obligation_label(self, obj: StakeholderRequest) -> str:
        return obj.obligation_display

    @admin.display(description=gettext_lazy("information asked for"))
    def information_list(self, obj: StakeholderRequest) -> str:
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((item,) for item in obj.information_wanted)),
        )

    @admin.display(description=gettext_lazy("supporting document"))
    def document_link(self, obj: StakeholderRequest) -> str:
        if not obj.document:
            return "—"
        url = reverse("admin:stakeholder_forms_stakeholderrequest_document", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.document_name or _("Download"))

    @admin.display(description=gettext_lazy("certification"))
    def certification_link(self, obj: StakeholderRequest) -> str:
        certification = getattr(obj, "certification", None)
        if certification is None:
            return "—"
        url = reverse("admin:stakeholder_forms_certification_change", args=[certification.pk])
        state = _("revoked") if certification.is_revoked else _("valid")
        return format_html('<a href="{}">{}</a> ({})', url, certification.number, state)

    # --- Pages ---------------------------------------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        name = "stakeholder_forms_stakeholderrequest"
        return [
            path("<int:object_id>/claim/", view(self.claim_view), name=f"{name}_claim"),
            path("<int:object_id>/release/", view(self.release_view), name=f"{name}_release"),
            path("<int:object_id>/ask/", view(self.ask_view), name=f"{name}_ask"),
            path("<int:object_id>/approve/", view(self.approve_view), name=f"{name}_approve"),
            path("<int:object_id>/deny/", view(self.deny_view), name=f"{name}_deny"),
            path("<int:object_id>/document/", view(self.document_view), name=f"{name}_document"),
            path(
                "<int:object_id>/history/<int:event_id>/document/",
                view(self.event_document_view),
                name=f"{name}_event_document",
            ),
            *self.supervision_urls(),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:  # the admin's own answer: back to the list with a message
            return super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET":
            RecordView.log(viewer=request.user, request=obj, what=RecordView.What.REQUEST)
        events = obj.events.select_related("actor").order_by("at", "pk")
        extra_context = {
            **(extra_context or {}),
            "actions_allowed": obj.allowed_actions(request.user),
            "events": events,
            "notices": OutgoingEmail.objects.about(obj).order_by("created_at"),
            "staff_views": obj.staff_views.select_related("viewer")[:50],
            "show_save": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _get_for_review(self, request, object_id) -> StakeholderRequest:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(
            StakeholderRequest.objects.select_related("assigned_to", "clerk"), pk=object_id
        )

    def _change_url(self, obj) -> str:
        return reverse("admin:stakeholder_forms_stakeholderrequest_change", args=[obj.pk])

    def _refused(self, request, obj, action):
        """A redirect with the reason when the reviewer may not open this action's page."""
        refusal = obj.refusal(action, request.user)
        if refusal is None:
            return None
        self.message_user(request, refusal, messages.ERROR)
        return redirect(self._change_url(obj))

    def _run(self, request, obj, action, **kwargs) -> bool:
        """Call one transition method; report the outcome as an admin message."""
        try:
            getattr(obj, action)(by=request.user, **kwargs)
        except TransitionError as error:
            self.message_user(request, str(error), messages.ERROR)
            return False
        return True

    def _seen_version(self, request) -> int | None:
        try:
            return int(request.POST.get("version", ""))
        except ValueError:
            return None

    def claim_view(self, request, object_id):
        obj = self._get_for_review(request, object_id)
        if request.method != "POST":
            return redirect(self._change_url(obj))
        if self._run(request, obj, "claim", seen_version=self._seen_version(request)):
            self.message_user(request, _("You have claimed %(n)s.") % {"n": obj.tracking_number})
        return redirect(self._change_url(obj))

    def release_view(self, request, object_id):
        obj = self._get_for_review(request, object_id)
        if request.method != "POST":
            return redirect(self._change_url(obj))
        if self._run(request, obj, "release", seen_version=self._seen_version(request)):
            self.message_user(
                request, _("%(n)s is back in the queue.") % {"n": obj.tracking_number}
            )
        return redirect(self._change_url(obj))

    def document_view(self, request, object_id):
        obj = self._get_for_review(request, object_id)
        RecordView.log(viewer=request.user, request=obj, what=RecordView.What.DOCUMENT)
        return _download(obj.document, obj.document_name)

    def event_document_view(self, request, object_id, event_id):
        obj = self._get_for_review(request, object_id)
        event = get_object_or_404(RequestEvent, pk=event_id, request=obj)
        RecordView.log(viewer=request.user, request=obj, what=RecordView.What.DOCUMENT)
        return _download(event.document, event.document_name)

    class Media:
        css = {"all": ["css/stakeholder_admin.css"]}


@admin.register(RecordView)
class RecordViewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who opened which request or certification: the staff-access log, for superusers."""

    list_display = ["at", "viewer", "what", "request"]
    list_filter = ["what", "at"]
    search_fields = ["=request__tracking_number", "viewer__email"]
    list_select_related = ["viewer", "request"]
    date_hierarchy = "at"
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    readonly_fields = ["at", "viewer", "what", "request"]
