"""Certifications in the admin: read-only, with their PDF and the one action, revocation.

Registered by stakeholder_forms.admin, which imports this module.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leacorner.downloads import bytes_response
from leacorner.models import OutgoingEmail
from leacorner.pagination import EstimatedCountPaginator
from leacorner.transitions import TransitionError

from .certification import Certification
from .certification_documents import CertificationDocument, served_pdf
from .forms import RevocationForm
from .models import RecordView
from .review_admin import ReviewAdminMixin


@admin.register(Certification)
class CertificationAdmin(ReviewAdminMixin, admin.ModelAdmin):
    list_display = ["number", "request_number", "subject", "officer_name", "issued_at", "state"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "issued_at"]
    search_fields = ["=number", "=request__tracking_number", "request__subject_family_name"]
    list_select_related = ["request"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    actions = None
    view_on_site = False
    fields = [
        "number",
        "request_link",
        "state",
        *Certification.FINDING_FIELDS,
        "statement",
        "officer_name",
        "issued_at",
        "verification_code",
        "revoked_at",
        "revoked_by_name",
        "revocation_reason",
        "pdf_link",
        "pdf_digests",
    ]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("request"), ordering="request__tracking_number")
    def request_number(self, obj: Certification) -> str:
        return obj.request.tracking_number

    @admin.display(description=gettext_lazy("request"))
    def request_link(self, obj: Certification) -> str:
        url = reverse("admin:stakeholder_forms_stakeholderrequest_change", args=[obj.request_id])
        return format_html('<a href="{}">{}</a>', url, obj.request.tracking_number)

    @admin.display(description=gettext_lazy("subject"))
    def subject(self, obj: Certification) -> str:
        return obj.request.subject_display

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj: Certification) -> str:
        return _("Revoked") if obj.is_revoked else _("Valid")

    @admin.display(description=gettext_lazy("revoked by"))
    def revoked_by_name(self, obj: Certification) -> str:
        return obj.revoked_by.get_full_name() if obj.revoked_by else "—"

    @admin.display(description=gettext_lazy("PDF"))
    def pdf_link(self, obj: Certification) -> str:
        url = reverse("admin:stakeholder_forms_certification_pdf", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the certification PDF"))

    @admin.display(description=gettext_lazy("SHA-256 of the PDF as served"))
    def pdf_digests(self, obj: Certification) -> str:
        """What /verify/ compares an uploaded copy with, for a reviewer asked by phone."""
        rows = obj.documents.order_by("created_at").values_list("kind", "sha256")
        labels = dict(CertificationDocument.Kind.choices)
        return (
            format_html_join(
                mark_safe("<br>"), "{}: <code>{}</code>", ((labels[k], h) for k, h in rows)
            )
            or "—"
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        name = "stakeholder_forms_certification"
        return [
            path("<int:object_id>/revoke/", view(self.revoke_view), name=f"{name}_revoke"),
            path("<int:object_id>/pdf/", view(self.pdf_view), name=f"{name}_pdf"),
            *super().get_urls(),
        ]

    def _get(self, request, object_id) -> Certification:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(Certification.objects.select_related("request"), pk=object_id)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:  # the admin's own answer: back to the list with a message
            return super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET":
            RecordView.log(
                viewer=request.user, request=obj.request, what=RecordView.What.CERTIFICATION
            )
        extra_context = {
            **(extra_context or {}),
            "may_revoke": "revoke" in obj.allowed_actions(request.user),
            "notices": OutgoingEmail.objects.about(obj.request).order_by("created_at"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def revoke_view(self, request, object_id):
        obj = self._get(request, object_id)
        change_url = reverse("admin:stakeholder_forms_certification_change", args=[obj.pk])
        if request.method != "POST" and (refusal := obj.refusal("revoke", request.user)):
            self.message_user(request, refusal, messages.ERROR)
            return redirect(change_url)
        form = RevocationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                obj.revoke(by=request.user, reason=form.cleaned_data["reason"])
            except TransitionError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Certification %(c)s is revoked; the clerk is notified.") % {"c": obj},
                )
            return redirect(change_url)
        return self._transition_page(
            request,
            obj,
            title=_("Revoke certification %(c)s") % {"c": obj.number},
            form=form,
            template_context={
                "submit_label": _("Revoke the certification"),
                "cancel_url": change_url,
            },
        )

    def pdf_view(self, request, object_id) -> HttpResponse:
        obj = self._get(request, object_id)
        RecordView.log(
            viewer=request.user, request=obj.request, what=RecordView.What.CERTIFICATION_PDF
        )
        return bytes_response(
            served_pdf(obj),
            filename=f"{obj.number}.pdf",
            content_type="application/pdf",
        )
