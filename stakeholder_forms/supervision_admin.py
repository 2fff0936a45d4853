"""What ERO supervisors do in the queue beyond reviewing: assign and release requests, one or
many at once, and export the queue as filtered.

Only holders of SUPERVISE_PERMISSION (the ERO supervisor role, and superusers) see the queue's
bulk actions, the "Assign to…" button of a request and the export link; everyone else is refused
the pages (403). Every change goes through the request's own locked transitions (`assign`,
`release`), one request at a time, so a bulk action obeys the same rules and history as a single
one, and the supervisor is told per request what happened: "12 assigned to Jane Roe" and "1
skipped: CJS-2026-000042: A request that is “Denied” cannot be assigned." The bulk assignment
page shows the requests chosen with their state; a request that changed after the supervisor saw
it there (claimed, answered, decided) is skipped rather than taken from under whoever changed it.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from leacorner.downloads import streamed_csv_response
from leacorner.transitions import StaleRecord, TransitionError

from . import queue_export
from .forms import AssignmentForm, SingleAssignmentForm
from .models import StakeholderRequest
from .workflow import SUPERVISE_PERMISSION

#: The most requests one bulk action changes; each is its own locked transition and e-mail.
AT_ONCE = 200
#: How many skipped requests a message names before it says "and N more".
NAMED_SKIPS = 20


def _skip_reason(obj: StakeholderRequest, action: str, user, error: TransitionError) -> str:
    """Why one request of a bulk action was left alone, in a few words: the rule it breaks as
    it is now, or that it changed since the supervisor chose it."""
    if not isinstance(error, StaleRecord):
        return str(error)
    fresh = StakeholderRequest.objects.select_related("assigned_to").get(pk=obj.pk)
    return fresh.refusal(action, user) or _("it changed after you chose it; left as it is")


class SupervisionAdminMixin:
    """Bulk "Assign to…" and "Release" actions, a request's own "Assign to…" page and the CSV
    export, for `StakeholderRequestAdmin` (admin.py)."""

    actions = ["assign_selected", "release_selected"]

    def has_supervise_permission(self, request) -> bool:
        return request.user.is_active and request.user.has_perm(SUPERVISE_PERMISSION)

    def _require_supervisor(self, request) -> None:
        if not self.has_supervise_permission(request):
            raise PermissionDenied

    def supervision_urls(self) -> list:
        view = self.admin_site.admin_view
        name = "stakeholder_forms_stakeholderrequest"
        return [
            path("export/", view(self.export_view), name=f"{name}_export"),
            path("<int:object_id>/assign/", view(self.assign_view), name=f"{name}_assign"),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_export": self.has_supervise_permission(request),
        }
        return super().changelist_view(request, extra_context)

    # --- Reporting the outcome of a bulk action ------------------------------------------------
    def _report(self, request, *, done: str, skipped: list[tuple[str, str]]) -> None:
        if done:
            self.message_user(request, done, messages.SUCCESS)
        if skipped:
            named = "; ".join(f"{number}: {reason}" for number, reason in skipped[:NAMED_SKIPS])
            more = len(skipped) - NAMED_SKIPS
            if more > 0:
                named += " " + _("(and %(n)d more)") % {"n": more}
            count = ngettext("%(n)d skipped", "%(n)d skipped", len(skipped)) % {"n": len(skipped)}
            self.message_user(request, f"{count}: {named}", messages.WARNING)

    def _chosen(self, request, queryset):
        """The requests ticked, whatever the list's filters say now (a request decided since
        the list was drawn is reported, not silently dropped); the filtered list when the
        supervisor chose every request that matches."""
        if request.POST.get("select_across") == "1":
            chosen = queryset
        else:
            chosen = StakeholderRequest.objects.filter(
                pk__in=[pk for pk in request.POST.getlist(ACTION_CHECKBOX_NAME) if pk.isdigit()]
            )
        return chosen.select_related("assigned_to", "clerk").order_by("submitted_at", "pk")

    def _too_many(self, request, count: int) -> bool:
        if count <= AT_ONCE:
            return False
        self.message_user(
            request,
            _("Choose at most %(max)d requests at a time; you chose %(n)d.")
            % {"max": AT_ONCE, "n": count},
            messages.ERROR,
        )
        return True

    # --- Bulk actions ----------------------------------------------------------------------
    @admin.action(permissions=["supervise"], description=gettext_lazy("Assign to…"))
    def assign_selected(self, request, queryset):
        chosen = list(self._chosen(request, queryset)[: AT_ONCE + 1])
        if self._too_many(request, len(chosen)):
            return None
        form = AssignmentForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._assign_all(request, chosen, form.cleaned_data["reviewer"])
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Assign requests"),
            "form": form,
            "chosen": chosen,
            "select_across": request.POST.get("select_across", "0"),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/stakeholder_forms/assign_selected.html", context)

    def _assign_all(self, request, chosen, reviewer) -> None:
        done, skipped = 0, []
        for obj in chosen:
            # The version the supervisor saw on the assignment page; none if it was not there.
            seen = request.POST.get(f"version_{obj.pk}", "")
            try:
                obj.assign(
                    by=request.user, to=reviewer, seen_version=int(seen) if seen.isdigit() else None
                )
            except TransitionError as error:
                skipped.append(
                    (obj.tracking_number, _skip_reason(obj, "assign", request.user, error))
                )
            else:
                done += 1
        name = reviewer.get_full_name()
        self._report(
            request,
            done=ngettext("%(n)d assigned to %(name)s.", "%(n)d assigned to %(name)s.", done)
            % {"n": done, "name": name}
            if done
            else "",
            skipped=skipped,
        )

    @admin.action(permissions=["supervise"], description=gettext_lazy("Release to the queue"))
    def release_selected(self, request, queryset):
        chosen = list(self._chosen(request, queryset)[: AT_ONCE + 1])
        if self._too_many(request, len(chosen)):
            return None
        done, skipped = 0, []
        for obj in chosen:
            try:
                obj.release(by=request.user)
            except TransitionError as error:
                skipped.append(
                    (obj.tracking_number, _skip_reason(obj, "release", request.user, error))
                )
            else:
                done += 1
        released = ngettext(
            "%(n)d released to the queue.", "%(n)d released to the queue.", done
        ) % {"n": done}
        self._report(request, done=released if done else "", skipped=skipped)
        return None

    # --- One request ---------------------------------------------------------------------------
    def assign_view(self, request, object_id):
        self._require_supervisor(request)
        obj = self._get_for_review(request, object_id)
        if request.method != "POST" and (refused := self._refused(request, obj, "assign")):
            return refused
        form = SingleAssignmentForm(request.POST or None, initial={"version": obj.version})
        if request.method == "POST" and form.is_valid():
            reviewer = form.cleaned_data["reviewer"]
            done = self._run(
                request, obj, "assign", to=reviewer, seen_version=form.cleaned_data["version"]
            )
            if done:
                self.message_user(
                    request,
                    _("%(n)s is assigned to %(name)s, who is e-mailed.")
                    % {"n": obj.tracking_number, "name": reviewer.get_full_name()},
                )
            return redirect(self._change_url(obj))
        current = obj.assigned_to.get_full_name() if obj.assigned_to else _("nobody (in the queue)")
        return self._transition_page(
            request,
            obj,
            title=_("Assign %(n)s") % {"n": obj.tracking_number},
            form=form,
            template_context={
                "submit_label": _("Assign"),
                "lead": _("Now with: %(who)s.") % {"who": current},
            },
        )

    # --- The queue as CSV ----------------------------------------------------------------------
    def export_view(self, request):
        """The queue with the filters, search and order of the list page it was asked from
        (its query string), every page of it, as CSV."""
        self._require_supervisor(request)
        if request.method != "GET":
            return redirect(reverse("admin:stakeholder_forms_stakeholderrequest_changelist"))
        request.GET = request.GET.copy()
        request.GET.pop("p", None)  # every page, not the one the list showed
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            self.message_user(
                request,
                _("The export’s filters are not valid; choose them again on the list."),
                messages.ERROR,
            )
            return redirect(reverse("admin:stakeholder_forms_stakeholderrequest_changelist"))
        requests = changelist.get_queryset(request)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return streamed_csv_response(
            queue_export.rows(requests, viewer=request.user),
            filename=f"stakeholder-queue-{stamp}.csv",
        )
