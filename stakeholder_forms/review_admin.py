"""What every page of the ERO review admin shares: read-only for holders of the review
permission, and the confirmation page of a transition that asks for details."""

from django.template.response import TemplateResponse

from leacorner.read_only_admin import ReadOnlyAdminMixin

from .workflow import REVIEW_PERMISSION


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
