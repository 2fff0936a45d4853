"""The desk's forms: one per transition of a routing, a note, and the list's filters.

Only members of the agency's desk reach them (cyber_reports.desk_views); the transitions
themselves are `ReportRouting`'s methods, which these forms only feed.
"""

from datetime import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leacorner import numbering

from .agencies import Agency, IncidentType
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
    share_case_number = forms.BooleanField(
        label=gettext_lazy("Show the case number to the other agencies on this report"),
        required=False,
    )


def _reason(label, required_message, max_length: int = 2000) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": required_message},
    )


class CloseForm(DeskActionForm):
    reason = _reason(
        gettext_lazy("Why close it for your agency (seen only by your agency)"),
        gettext_lazy("Give the reason for closing."),
    )


class ReopenForm(DeskActionForm):
    prefix = "reopen"  # several forms share the report page: their fields' ids must differ
    reason = _reason(
        gettext_lazy("Why reopen it (seen only by your agency)"),
        gettext_lazy("Give the reason for reopening."),
    )


class OtherAgencyForm(DeskActionForm):
    """Another agency for the report (a referral, a hand-on), with the reason, which the
    other agencies on the report read."""

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label=gettext_lazy("Agency"),
        empty_label=gettext_lazy("Choose…"),
        error_messages={
            "required": gettext_lazy("Choose the agency."),
            "invalid_choice": gettext_lazy("Choose one of the agencies listed."),
        },
    )

    def __init__(self, *args, routing: ReportRouting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.exclude(pk=routing.agency_id)


class ReferForm(OtherAgencyForm):
    prefix = "refer"
    reason = _reason(
        gettext_lazy("Why it should see this report (every agency on the report reads it)"),
        gettext_lazy("Give the reason for adding the agency."),
    )


class HandOnForm(OtherAgencyForm):
    prefix = "hand_on"
    reason = _reason(
        gettext_lazy("Why the report is theirs, not yours (every agency on the report reads it)"),
        gettext_lazy("Give the reason for handing the report on."),
    )


class ReporterMessageForm(forms.Form):
    """A question or a message to the reporter; `kind` says which button was used."""

    prefix = "reporter"

    kind = forms.ChoiceField(
        choices=[("question", "question"), ("message", "message")],
        widget=forms.HiddenInput,
        initial="question",
    )
    body = forms.CharField(
        label=gettext_lazy("Your words to the reporter"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "The reporter reads them on their private update page, and by e-mail if they "
            "gave an address. Every agency on the report sees them too."
        ),
        error_messages={"required": gettext_lazy("Write your question or message first.")},
    )


class ShareCaseNumberForm(DeskActionForm):
    prefix = "share"
    shared = forms.BooleanField(required=False, widget=forms.HiddenInput)


class DeskNoteForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write the note first.")},
    )
    shared = forms.BooleanField(
        label=gettext_lazy("Share it with the other agencies on this report"),
        required=False,
        help_text=gettext_lazy("Otherwise only your agency's desk reads it."),
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
    unacknowledged = forms.BooleanField(
        required=False, label=gettext_lazy("Acknowledged by no agency yet")
    )
    related = forms.BooleanField(required=False, label=gettext_lazy("Has related reports"))
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
        if data["unacknowledged"]:
            # Acknowledged once counts, closed or handed on since: someone took it on.
            routings = routings.filter(acknowledged_by_any=False)
        if data["related"]:
            routings = routings.filter(has_related=True)
        zone = timezone.get_current_timezone()
        if data["received_from"]:
            start = datetime.combine(data["received_from"], datetime.min.time(), tzinfo=zone)
            routings = routings.filter(report_submitted_at__gte=start)
        if data["received_to"]:
            end = datetime.combine(data["received_to"], datetime.max.time(), tzinfo=zone)
            routings = routings.filter(report_submitted_at__lte=end)
        return routings
