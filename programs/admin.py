"""The directory in the admin, for content editors: search, filters, prefilled slugs, ordering,
"view on site", and every change kept in the history (who changed what, and when). Every page
here passes axe-core and fits 1,280 px (leacorner/admin_accessibility.py; tests/browser)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from leacorner.admin_accessibility import LabelledListEditableMixin

from .models import FAQ, Category, Contact, CoverageArea, FieldOffice, Link, Program


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0
    fields = ["label", "phone", "email", "hours", "is_24_7", "note", "order"]


class LinkInline(admin.StackedInline):
    model = Link
    extra = 0
    fields = ["title", "url", "kind", "description", "order"]


@admin.register(Category)
class CategoryAdmin(LabelledListEditableMixin, SimpleHistoryAdmin):
    list_display = ["name", "order", "program_count", "updated_at"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["order", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(program_total=Count("programs"))

    @admin.display(description=_("programs"), ordering="program_total")
    def program_count(self, obj: Category) -> int:
        return obj.program_total


@admin.register(Program)
class ProgramAdmin(LabelledListEditableMixin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "component", "is_published", "last_reviewed", "updated_at"]
    list_filter = ["categories", "component", "is_published", "last_reviewed"]
    list_editable = ["is_published"]
    search_fields = ["name", "acronym", "aliases", "summary", "body"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["categories", "related"]
    inlines = [ContactInline, LinkInline]
    ordering = ["name"]
    date_hierarchy = "last_reviewed"
    show_full_result_count = False
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "slug", "acronym", "aliases", "component"]}),
        (_("Text"), {"fields": ["summary", "body", "official_url"]}),
        (_("Place in the directory"), {"fields": ["categories", "related", "feature"]}),
        (_("Publication"), {"fields": ["is_published", "last_reviewed"]}),
    ]


class CoverageAreaInline(admin.StackedInline):
    model = CoverageArea
    extra = 0
    fields = ["jurisdiction", "note"]


@admin.register(FieldOffice)
class FieldOfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "outreach_email", "area_summary", "updated_at"]
    list_filter = ["areas__jurisdiction"]
    search_fields = [
        "name",
        "address",
        "phone",
        "outreach_email",
        "areas__jurisdiction",
        "areas__note",
    ]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CoverageAreaInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "address", "phone", "outreach_email"]}),
        (
            _("Field liaison (shown on the office's card when named)"),
            {"fields": ["liaison_name", "liaison_phone", "liaison_email"]},
        ),
    ]
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("areas")

    @admin.display(description=_("area of responsibility"))
    def area_summary(self, obj: FieldOffice) -> str:
        return ", ".join(area.jurisdiction for area in obj.areas.all())


@admin.register(FAQ)
class FAQAdmin(LabelledListEditableMixin, SimpleHistoryAdmin):
    list_display = ["question", "order", "is_published", "updated_at"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published", "related_programs__categories"]
    search_fields = ["question", "answer"]
    prepopulated_fields = {"slug": ["question"]}
    filter_horizontal = ["related_programs"]
    ordering = ["order", "question"]
