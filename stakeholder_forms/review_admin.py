"""What every page of the ERO review admin shares: read-only for holders of the review
permission, and the confirmation page of a transition that asks for details."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from leacorner.read_only_admin import ReadOnlyAdminMixin

from .models import StakeholderRequest
from .workflow import REVIEW_PERMISSION

#: Fields whose model help text speaks to the clerk filing ("Your account's address…").
_FILER_HINTS = (
    "requester_title",
    "agency_type_other",
    "agency_ori",
    "requester_phone",
    "requester_email",
    "subject_other_names",
    "a_number",
    "fbi_number",
    "state_id_number",
    "booking_number",
    "obligation_type_other",
    "obligation_description",
)


class StaffRequestForm(forms.ModelForm):
    """How the request's page speaks to staff: the model's labels and hints are the clerk's
    ("Your name", "For example: Deputy clerk."), so the admin's read-only fields take these
    (Django's AdminReadonlyField reads `Meta.labels` and `Meta.help_texts` first)."""

    class Meta:
        model = StakeholderRequest
        fields: list[str] = []
        labels = {
            "requester_name": _("Clerk's name"),
            "requester_title": _("Clerk's title or position"),
            "requester_phone": _("Clerk's phone"),
            "requester_email": _("Clerk's e-mail"),
            "mailing_address": _("Clerk's mailing address"),
            "agency_name": _("Agency"),
            "obligation_description": _("What the clerk reports"),
            "attested": _("Attestation"),
        }
        help_texts = {
            **dict.fromkeys(_FILER_HINTS, ""),
            "attested": _("The clerk attested asking in an official criminal-justice capacity."),
        }


class ReviewAdminMixin(ReadOnlyAdminMixin):
    """Read-only pages for holders of the review permission; nobody adds, edits or deletes."""

    viewer_permission = REVIEW_PERMISSION

    def _transition_page(self, request, obj, *, title, form, template_context=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": title,
            "form": form,
            **(template_context or {}),
        }
        return TemplateResponse(request, "admin/stakeholder_forms/transition_form.html", context)
