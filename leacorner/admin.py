from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .mail import retry_undelivered
from .models import LegalHold, OutgoingEmail
from .pagination import EstimatedCountPaginator
from .read_only_admin import ReadOnlyAdminMixin


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Delivery state of every notice; superusers may queue undelivered ones again."""

    list_display = ["created_at", "kind", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
    actions = ["retry"]

    @admin.action(description=_("Send the selected undelivered messages again"))
    def retry(self, request, queryset) -> None:
        count = retry_undelivered(queryset)
        self.message_user(request, _("%d message(s) queued again.") % count, messages.SUCCESS)


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every legal hold, active or released, for superusers: each office's holds are placed
    and released on the record's own page (a request's admin page, a desk's report page)."""

    list_display = ["record_label", "held_for", "placed_at", "placed_by", "released_at"]
    list_filter = [("released_at", admin.EmptyFieldListFilter), "held_for"]
    search_fields = ["=record_label"]
    list_select_related = ["placed_by"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    readonly_fields = [
        "record_label",
        "content_type",
        "object_id",
        "held_for",
        "reason",
        "placed_by",
        "placed_at",
        "released_by",
        "released_at",
        "release_reason",
    ]
