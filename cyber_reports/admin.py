"""Admin: operators edit the agencies and the routing table; reports are read-only here.

Desks never use the admin (its lists would cross agencies): they work in the desk pages.
"""

from django.contrib import admin
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from leacorner.models import OutgoingEmail
from leacorner.pagination import EstimatedCountPaginator
from leacorner.read_only_admin import ReadOnlyAdminMixin

from .agencies import Agency, IncidentType, IncidentTypeRoute
from .desk import ReportRouting
from .models import Attachment, CyberIncidentReport, Indicator, ReportUpdate, StatusChange
from .timeline import RoutingEvent


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["short_name", "code", "name", "emergency_contact", "order"]
    list_editable = ["order"]
    search_fields = ["short_name", "name", "code"]
    fields = [
        "code",
        "short_name",
        "name",
        "handles",
        "public_contact",
        "emergency_contact",
        "desk_emails",
        "order",
    ]

    def get_readonly_fields(self, request, obj=None):
        # The code ties the agency to its desk role and to the routing rules.
        return ["code"] if obj else []

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class IncidentTypeRouteInline(admin.TabularInline):
    model = IncidentTypeRoute
    extra = 1
    fields = ["agency", "reason"]
    autocomplete_fields = ["agency"]


@admin.register(IncidentType)
class IncidentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "routed_to", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code", "description"]
    fields = ["code", "name", "description", "order"]
    inlines = [IncidentTypeRouteInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("routes", IncidentTypeRoute.objects.select_related("agency"))
            )
        )

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []

    @admin.display(description=_("Routed to"))
    def routed_to(self, obj: IncidentType) -> str:
        return ", ".join(route.agency.short_name for route in obj.routes.all()) or "—"


class _ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False


class ReportRoutingInline(_ReadOnlyInline):
    model = ReportRouting
    fields = [
        "agency",
        "reasons",
        "status",
        "agency_case_number",
        "acknowledged_at",
        "closed_at",
        "handed_on_to",
        "has_related",
    ]
    readonly_fields = fields


class IndicatorInline(_ReadOnlyInline):
    model = Indicator
    fields = ["kind", "direction", "value", "port", "currency"]
    readonly_fields = fields


class RoutingEventInline(_ReadOnlyInline):
    model = RoutingEvent
    fields = [
        "at",
        "routing",
        "action",
        "actor",
        "other_agency",
        "from_status",
        "to_status",
        "note",
    ]
    readonly_fields = fields


class StatusChangeInline(_ReadOnlyInline):
    model = StatusChange
    fields = ["occurred_at", "description"]
    readonly_fields = fields


class ReportUpdateInline(_ReadOnlyInline):
    model = ReportUpdate
    fields = ["created_at", "body"]
    readonly_fields = fields


class AttachmentInline(_ReadOnlyInline):
    model = Attachment
    fields = ["original_name", "kind", "size", "sha256", "uploaded_at"]
    readonly_fields = fields


@admin.register(CyberIncidentReport)
class CyberIncidentReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Superusers only: a read-only view of every report, its routing and its notices."""

    list_display = ["tracking_number", "submitted_at", "entity_name", "sector", "agencies"]
    list_filter = ["sector", "submitted_at"]
    search_fields = ["tracking_number", "entity_name", "reporter_organization"]
    date_hierarchy = "submitted_at"
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50
    inlines = [
        ReportRoutingInline,
        IndicatorInline,
        StatusChangeInline,
        ReportUpdateInline,
        AttachmentInline,
        RoutingEventInline,
    ]
    exclude = ["update_token_hash", "incident_types"]

    def get_readonly_fields(self, request, obj=None):
        names = [
            f.name for f in self.model._meta.fields if f.name not in {"id", "update_token_hash"}
        ]
        return [*names, "incident_type_names", "notices"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("routings", ReportRouting.objects.select_related("agency")),
                "incident_types",
            )
        )

    @admin.display(description=_("Agencies"))
    def agencies(self, obj: CyberIncidentReport) -> str:
        return ", ".join(r.agency.short_name for r in obj.routings.all())

    @admin.display(description=_("Incident types"))
    def incident_type_names(self, obj: CyberIncidentReport) -> str:
        return ", ".join(t.name for t in obj.incident_types.all())

    @admin.display(description=_("E-mail notices (delivery state)"))
    def notices(self, obj: CyberIncidentReport) -> str:
        return render_to_string(
            "includes/_notices.html",
            {
                "notices": OutgoingEmail.objects.about(obj).order_by("created_at"),
                "caption": _("E-mails about this report"),
                "with_errors": True,
            },
        )
