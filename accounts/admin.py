from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner.pagination import EstimatedCountPaginator
from leacorner.read_only_admin import ReadOnlyAdminMixin

from . import (
    clerk_admin,  # noqa: F401 - registers the clerk accounts' admin
    enrolment,
)
from .models import SecurityEvent, StaffEnrolmentLink, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts, for superusers. Staff accounts get two-factor set up through the action "Send
    a two-factor enrolment link" (accounts.enrolment)."""

    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "two_factor", "is_active", "last_login"]
    actions = ["send_enrolment_link"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name"]}),
        (
            _("Access"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        totp = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
        links = StaffEnrolmentLink.objects.usable().filter(user=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_totp=Exists(totp), has_link=Exists(links))

    @admin.display(description=_("two-factor"))
    def two_factor(self, obj: User) -> str:
        if obj.has_totp:
            return gettext("Set up")
        if obj.has_link:
            return gettext("Link sent")
        return gettext("Not set up") if obj.is_staff else "—"

    @admin.action(description=_("Send a two-factor enrolment link"))
    def send_enrolment_link(self, request, queryset) -> None:
        sent = 0
        for user in queryset:
            try:
                enrolment.issue_link(user, issued_by=request.user.email, request=request)
            except ValueError as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                gettext(
                    "Sent %(count)d enrolment link(s), each to the account's own address, valid "
                    "for %(hours)d hours. Sent at %(time)s."
                )
                % {
                    "count": sent,
                    "hours": settings.STAFF_MFA_LINK_HOURS,
                    "time": time_format(timezone.localtime()),
                },
                messages.SUCCESS,
            )


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log: superusers read it; nobody edits or deletes it here."""

    list_display = ["at", "kind", "outcome", "email", "source_address", "actor_email", "detail"]
    list_filter = ["kind", "outcome", "at"]
    search_fields = ["email", "actor_email", "source_address"]
    date_hierarchy = "at"
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_select_related = False
