"""The desk's forms: acknowledging and closing a routing, writing a note, filtering the list.

Only members of the agency's desk reach them (cyber_reports.views); the transitions themselves
are `ReportRouting.acknowledge()` and `close()`, which these forms only feed.
"""

from datetime import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leacorner import numbering

from .agencies import IncidentType
from .desk import ReportRouting
from .vocabulary import Sector


class DeskActionForm(forms.Form):
    """A desk's action on its routing, with the routing's version the page showed (a post
    without it, from an old page or a script, is checked against the routing as it is)."""

    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class AcknowledgeForm(DeskActionForm):
    case_number = forms.CharField(
        label=gettext_lazy("Your agency's case number"),
        max_length=80,
        error_messages={"required": gettext_lazy("Enter your agency's case number.")},
    )


class CloseForm(DeskActionForm):
    note = forms.CharField(
        label=gettext_lazy("Closing note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeskNoteForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Note (seen only by your agency)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write the note first.")},
    )


class DeskFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Tracking number or entity"), required=False, max_length=100
    )
    incident_type = forms.ModelChoiceField(
        queryset=IncidentType.objects.all(),
        required=False,
        label=gettext_lazy("Incident type"),
        empty_label=gettext_lazy("Any"),
    )
    sector = forms.ChoiceField(
        choices=[("", gettext_lazy("Any")), *Sector.choices],
        required=False,
        label=gettext_lazy("Sector"),
    )
    status = forms.ChoiceField(
        choices=[("", gettext_lazy("Any")), *ReportRouting.Status.choices],
        required=False,
        label=gettext_lazy("Status"),
    )
    received_from = forms.DateField(
        required=False,
        label=gettext_lazy("Received from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    received_to = forms.DateField(
        required=False,
        label=gettext_lazy("Received to"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end date is before the start date."))
        return data

    def filter(self, routings):
        """Narrow a ReportRouting queryset by the filters given: all of it with none given,
        nothing when one is invalid (the page shows the form's errors), since a list or an
        export that silently dropped a filter would look filtered while holding everything.

        Sector and received dates are the routing's copies of the report's, so that with the
        status they are answered by one index of the routing table.
        """
        if not self.is_bound:
            return routings
        if not self.is_valid():
            return routings.none()
        data = self.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            if number := numbering.parse(q, prefix=numbering.Prefix.CYBER_REPORT):
                # Its own unique index; OR-ed with the entity search it would scan every report.
                routings = routings.filter(report__tracking_number=str(number))
            else:
                # Tracking numbers are stored in capitals: an exact match keeps the unique
                # index usable beside the entity's trigram index (cyber_reports 0003).
                routings = routings.filter(
                    Q(report__tracking_number=q.upper()) | Q(report__entity_name__icontains=q)
                )
        if data["incident_type"]:
            routings = routings.filter(report__incident_types=data["incident_type"])
        if data["sector"]:
            routings = routings.filter(sector=data["sector"])
        if data["status"]:
            routings = routings.filter(status=data["status"])
        zone = timezone.get_current_timezone()
        if data["received_from"]:
            start = datetime.combine(data["received_from"], datetime.min.time(), tzinfo=zone)
            routings = routings.filter(report_submitted_at__gte=start)
        if data["received_to"]:
            end = datetime.combine(data["received_to"], datetime.max.time(), tzinfo=zone)
            routings = routings.filter(report_submitted_at__lte=end)
        return routings
