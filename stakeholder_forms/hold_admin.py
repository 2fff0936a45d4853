"""Legal holds on stakeholder requests in the admin (leacorner.legal_holds): ERO supervisors
place a hold with a reason on a request's page and release it with a reason; the request's
page lists every hold, active or released, with who, when and why. Anyone else asking for
these pages is refused (403)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _

from leacorner.forms import LegalHoldForm
from leacorner.legal_holds import LegalHold, place_hold, release_hold
from leacorner.transitions import TransitionError

from .workflow import SUPERVISE_PERMISSION


class LegalHoldAdminMixin:
    """Goes before the request's ModelAdmin bases; adds the hold pages and the holds panel."""

    def get_urls(self):
        view = self.admin_site.admin_view
        name = "stakeholder_forms_stakeholderrequest"
        return [
            path("<int:object_id>/legal-hold/", view(self.hold_view), name=f"{name}_hold"),
            path(
                "<int:object_id>/legal-hold/release/",
                view(self.release_hold_view),
                name=f"{name}_release_hold",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        holds = LegalHold.objects.none()
        obj = self.get_object(request, object_id)
        if obj is not None:
            holds = LegalHold.objects.on(obj).select_related("placed_by", "released_by")
        extra_context = {
            **(extra_context or {}),
            "legal_holds": holds,
            "on_hold": any(hold.is_active for hold in holds),
            "may_hold": request.user.has_perm(SUPERVISE_PERMISSION),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _hold_page(self, request, object_id, *, releasing: bool):
        if not request.user.has_perm(SUPERVISE_PERMISSION):
            raise PermissionDenied
        obj = self._get_for_review(request, object_id)
        form = LegalHoldForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            act = release_hold if releasing else place_hold
            try:
                act(obj, by=request.user, reason=form.cleaned_data["reason"])
            except TransitionError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                done = (
                    _("The legal hold on %(n)s is released.")
                    if releasing
                    else _("%(n)s is on legal hold: the retention schedule will not touch it.")
                )
                self.message_user(request, done % {"n": obj.tracking_number})
            return redirect(self._change_url(obj))
        if releasing:
            title = _("Release the legal hold on %(n)s")
            label = _("Release the hold")
        else:
            title = _("Place %(n)s on legal hold")
            label = _("Place the hold")
        return self._transition_page(
            request,
            obj,
            title=title % {"n": obj.tracking_number},
            form=form,
            template_context={"submit_label": label},
        )

    def hold_view(self, request, object_id):
        return self._hold_page(request, object_id, releasing=False)

    def release_hold_view(self, request, object_id):
        return self._hold_page(request, object_id, releasing=True)
