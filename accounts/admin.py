from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from leacorner.pagination import EstimatedCountPaginator
from leacorner.read_only_admin import ReadOnlyAdminMixin

from .models import SecurityEvent, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
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
