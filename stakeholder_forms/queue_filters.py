"""The filters of the reviewers' queue in the admin: status (open by default), assignment, age.

Each filter asks the request's queryset (models.py), where the rules live: what "open" is, whose
a request is, how old it is in working days.
"""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .workflow import RequestStatus as Status


class QueueStatusFilter(admin.SimpleListFilter):
    """Open requests unless the reviewer asks for another status or for all."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", _("Open (default)")), *Status.choices, ("all", _("All"))]

    def value(self):
        return super().value() or "open"

    def queryset(self, request, queryset):
        value = self.value()
        if value == "open":
            return queryset.open()
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class AssignmentFilter(admin.SimpleListFilter):
    title = gettext_lazy("assigned")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("To me")), ("none", _("Unassigned")), ("others", _("To others"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.assigned_to(request.user)
        if self.value() == "none":
            return queryset.unassigned()
        if self.value() == "others":
            return queryset.exclude(assigned_to__isnull=True).exclude(assigned_to=request.user)
        return queryset


class AgeFilter(admin.SimpleListFilter):
    title = gettext_lazy("age")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        limit = settings.STAKEHOLDER_AGE_WARNING_WORKING_DAYS
        return [
            ("overdue", _("Over %(days)d working days") % {"days": limit}),
            ("recent", _("%(days)d working days or fewer") % {"days": limit}),
            ("week", _("Filed in the last 5 working days")),
        ]

    def queryset(self, request, queryset):
        limit = settings.STAKEHOLDER_AGE_WARNING_WORKING_DAYS
        if self.value() == "overdue":
            return queryset.older_than(limit)
        if self.value() == "recent":
            return queryset.not_older_than(limit)
        if self.value() == "week":
            return queryset.not_older_than(4)  # filed within the last 5 working days
        return queryset
