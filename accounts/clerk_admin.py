"""The ERO supervisors' queue of clerk accounts, and the list of agency domains, in the admin.

Clerk accounts are read-only pages for holders of the approval permission (ERO supervisors and
superusers): the list shows the accounts that wait, oldest first, by default; each account's
page has a button per decision the supervisor may take (`allowed_actions()`), which calls the
model's transition (locked, version-checked, audited, the clerk e-mailed). "Approve" also works
on several accounts at once from the list; a refusal needs its own reason, so it is taken one
account at a time on its page.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leacorner.models import OutgoingEmail
from leacorner.read_only_admin import ReadOnlyAdminMixin
from leacorner.transitions import TransitionError

from .models import APPROVE_CLERKS_PERMISSION, ApprovedAgencyDomain, ClerkAccount, ClerkStatus


class ClerkStatusFilter(admin.SimpleListFilter):
    """Waiting accounts unless the supervisor asks for another status or for all."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        waiting = ClerkStatus.WAITING
        others = [(value, label) for value, label in ClerkStatus.choices if value != waiting]
        return [(waiting, _("Waiting for approval (default)")), *others, ("all", _("All"))]

    def value(self):
        return super().value() or ClerkStatus.WAITING

    def queryset(self, request, queryset):
        value = self.value()
        if value in ClerkStatus.values:
            return queryset.filter(status=value)
        return queryset

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "Sent to the clerk as you write it: say what could not be confirmed, and what they "
            "can do (for example: the ORI is not the agency's)."
        ),
        error_messages={"required": gettext_lazy("Write the reason; the clerk is sent it.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


@admin.register(ClerkAccount)
class ClerkAccountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    viewer_permission = APPROVE_CLERKS_PERMISSION
    list_display = [
        "name",
        "email",
        "title",
        "agency_name",
        "agency_ori",
        "status",
        "requested_at",
    ]
    list_display_links = ["name"]
    list_filter = [ClerkStatusFilter]
    search_fields = ["user__email", "user__full_name", "agency_name", "=agency_ori"]
    search_help_text = gettext_lazy("Name, e-mail address, agency or ORI (exact).")
    list_select_related = ["user"]
    ordering = ["requested_at", "pk"]
    show_full_result_count = False
    actions = ["approve_selected"]
    view_on_site = False
    fields = [
        "name",
        "email",
        "title",
        "agency_name",
        "agency_ori",
        "status",
        "created_at",
        "requested_at",
        "decided_at",
        "decided_by",
        "approved_domain",
        "refusal_reason",
    ]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("name"), ordering="user__full_name")
    def name(self, obj: ClerkAccount) -> str:
        return obj.user.get_full_name()

    @admin.display(description=gettext_lazy("e-mail address"), ordering="user__email")
    def email(self, obj: ClerkAccount) -> str:
        return obj.user.email

    def has_approve_permission(self, request) -> bool:
        return request.user.is_active and request.user.has_perm(APPROVE_CLERKS_PERMISSION)

    @admin.action(
        description=gettext_lazy("Approve the selected clerk accounts"),
        permissions=["approve"],
    )
    def approve_selected(self, request, queryset) -> None:
        approved = 0
        for account in queryset.select_related("user"):
            try:
                account.approve(by=request.user, request=request)
            except TransitionError as error:
                self.message_user(request, f"{account.user.email}: {error}", messages.WARNING)
            else:
                approved += 1
        if approved:
            self.message_user(
                request,
                _("Approved %(count)d clerk account(s); each clerk is told by e-mail.")
                % {"count": approved},
                messages.SUCCESS,
            )

    # --- Pages ---------------------------------------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        name = "accounts_clerkaccount"
        return [
            path("<int:object_id>/approve/", view(self.approve_view), name=f"{name}_approve"),
            path("<int:object_id>/refuse/", view(self.refuse_view), name=f"{name}_refuse"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context = {
                **(extra_context or {}),
                "actions_allowed": obj.allowed_actions(request.user),
                "notices": OutgoingEmail.objects.about(obj).order_by("created_at"),
                "show_save": False,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _get(self, request, object_id) -> ClerkAccount:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(ClerkAccount.objects.select_related("user"), pk=object_id)

    def _change_url(self, obj) -> str:
        return reverse("admin:accounts_clerkaccount_change", args=[obj.pk])

    def _seen_version(self, request) -> int | None:
        try:
            return int(request.POST.get("version", ""))
        except ValueError:
            return None

    def approve_view(self, request, object_id):
        obj = self._get(request, object_id)
        if request.method != "POST":
            return redirect(self._change_url(obj))
        try:
            obj.approve(by=request.user, seen_version=self._seen_version(request), request=request)
        except TransitionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                _("%(name)s is approved and told by e-mail; they can file requests now.")
                % {"name": obj.user.get_full_name()},
            )
        return redirect(self._change_url(obj))

    def refuse_view(self, request, object_id):
        obj = self._get(request, object_id)
        if request.method != "POST" and (refusal := obj.refusal("refuse", request.user)):
            self.message_user(request, refusal, messages.ERROR)
            return redirect(self._change_url(obj))
        form = RefusalForm(request.POST or None, initial={"version": obj.version})
        if request.method == "POST" and form.is_valid():
            try:
                obj.refuse(
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    seen_version=form.cleaned_data["version"],
                    request=request,
                )
            except TransitionError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(name)s's account is refused; they are sent the reason.")
                    % {"name": obj.user.get_full_name()},
                )
            return redirect(self._change_url(obj))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": _("Refuse the clerk account of %(name)s") % {"name": obj.user.get_full_name()},
            "form": form,
            "submit_label": _("Refuse the account"),
            "cancel_url": self._change_url(obj),
        }
        return TemplateResponse(request, "admin/accounts/clerkaccount/refuse.html", context)


@admin.register(ApprovedAgencyDomain)
class ApprovedAgencyDomainAdmin(admin.ModelAdmin):
    """The operator's list of agency e-mail domains whose clerks are approved at once. ERO
    supervisors and superusers keep it; who added each one is stamped."""

    list_display = ["domain", "include_subdomains", "agency_name", "added_by", "added_at"]
    search_fields = ["domain", "agency_name"]
    fields = ["domain", "include_subdomains", "agency_name", "note", "added_by", "added_at"]
    readonly_fields = ["added_by", "added_at"]
    ordering = ["domain"]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.added_by = request.user.email
        super().save_model(request, obj, form, change)
