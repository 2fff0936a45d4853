"""The letter templates in the admin (message_templates.py): reviewers read them, supervisors
(the supervise permission) edit their subject and body. The set is fixed, one per kind of
letter and denial reason, so nobody adds or deletes one. A placeholder the letter does not
know is refused on save, naming it (`MessageTemplate.clean`).

Registered by stakeholder_forms.admin, which imports this module.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy

from .message_templates import ALLOWED, PLACEHOLDERS, MessageTemplate
from .workflow import REVIEW_PERMISSION, SUPERVISE_PERMISSION


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "subject", "updated_at", "last_changed_by"]
    list_display_links = ["__str__"]
    list_select_related = ["updated_by"]
    actions = None
    view_on_site = False
    fields = ["kind", "denial_reason", "placeholders", "subject", "body", "updated_at"]
    readonly_fields = ["kind", "denial_reason", "placeholders", "updated_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "body":
            field.widget.attrs.update(rows=18, cols=90)
        elif db_field.name == "subject":
            field.widget.attrs.update(size=80)
        return field

    @admin.display(description=gettext_lazy("placeholders you may use"))
    def placeholders(self, obj: MessageTemplate) -> str:
        names = sorted(ALLOWED[obj.kind]) if obj.kind else sorted(PLACEHOLDERS)
        return format_html(
            "<dl class='stakeholder-placeholders'>{}</dl>",
            format_html_join(
                "",
                "<dt><code>{{{}}}</code></dt><dd>{}</dd>",
                ((name, PLACEHOLDERS[name]) for name in names),
            ),
        )

    @admin.display(description=gettext_lazy("last changed by"))
    def last_changed_by(self, obj: MessageTemplate) -> str:
        return obj.updated_by.get_full_name() if obj.updated_by else "—"

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.has_perm(REVIEW_PERMISSION)

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.has_perm(SUPERVISE_PERMISSION)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        obj.updated_at = timezone.now()
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    class Media:
        css = {"all": ["css/stakeholder_admin.css"]}
