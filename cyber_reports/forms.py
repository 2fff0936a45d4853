"""The reporter's forms: the report with its status changes, and the update.

Times are typed as wall-clock times in the time zone the reporter picks and stored as aware
datetimes. IP addresses, ports and URLs are typed one per line and parsed into
`NetworkIndicator` rows (cyber_reports.indicators); every bad line is named in the error.
The desk's forms are in `desk_forms.py`.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leacorner.forms import FieldsOnlyFormMixin

from .agencies import IncidentType
from .attachments import ACCEPT, CheckedUpload, check_uploads
from .emergency import urgent_call_sentence
from .indicators import parse_addresses, parse_urls
from .models import CyberIncidentReport, NetworkIndicator, StatusChange
from .vocabulary import InformationImpact, Sector, YesNoUnknown

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a time zone; the form attaches the chosen zone."""

    widget = LocalDateTimeInput

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and timezone.is_aware(result):
            result = timezone.make_naive(result)
        return result

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.make_naive(value)
        return value


def in_zone(value: datetime | None, zone_name: str) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=ZoneInfo(zone_name))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; checked by content and limits in `check_uploads`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[CheckedUpload]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            return []
        return check_uploads(files)


_YES_NO = forms.RadioSelect


class CyberIncidentReportForm(FieldsOnlyFormMixin, forms.ModelForm):
    """Every answer of the report. Required: reporter name and organization, a phone or an
    e-mail, the affected entity, its type and sector, at least one incident type and when it
    was detected. Everything else may follow in an update."""

    incident_types = forms.ModelMultipleChoiceField(
        queryset=IncidentType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Type of incident"),
        help_text=gettext_lazy("Tick every type that applies; the report goes to each agency."),
        error_messages={
            "required": gettext_lazy("Tick at least one type, or “Other, or not sure”.")
        },
    )
    started_at = WallClockDateTimeField(
        label=gettext_lazy("When it started"),
        required=False,
        help_text=gettext_lazy("If known. Date and time, in the time zone chosen below."),
    )
    detected_at = WallClockDateTimeField(
        label=gettext_lazy("When it was detected"),
        help_text=gettext_lazy("Date and time, in the time zone chosen below."),
        error_messages={"required": gettext_lazy("Enter when the incident was detected.")},
    )
    information_impact = forms.MultipleChoiceField(
        choices=InformationImpact.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Information impact"),
        help_text=gettext_lazy("Tick every one that applies."),
    )
    destination_addresses = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=gettext_lazy("Destination IP addresses and ports"),
        help_text=gettext_lazy(
            "One per line: an address (203.0.113.5), an address and port (203.0.113.5:443, "
            "[2001:db8::1]:443) or a port alone (3389)."
        ),
    )
    destination_urls = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=gettext_lazy("Destination URLs"),
        help_text=gettext_lazy(
            "One per line, with the scheme (https://…). Defanged addresses "
            "(hxxps://bad[.]example) are fine."
        ),
    )
    source_addresses = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=gettext_lazy("Source IP addresses and ports"),
        help_text=gettext_lazy("Where the attack came from; same format as above."),
    )
    attachments = MultipleFileField(
        required=False,
        label=gettext_lazy("Files"),
        help_text=gettext_lazy(
            "Up to 5 files, 10 MB each and 25 MB in all: logs and text (.txt, .log, .csv, "
            ".json, .xml), packet captures (.pcap, .pcapng), PDF, PNG or JPEG. If the form "
            "shows an error, choose the files again."
        ),
    )
    homepage = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = CyberIncidentReport
        fields = [
            "reporter_name",
            "reporter_title",
            "reporter_organization",
            "reporter_address",
            "reporter_phone",
            "reporter_email",
            "entity_name",
            "entity_owner",
            "entity_contact",
            "entity_type",
            "sector",
            "incident_types",
            "started_at",
            "detected_at",
            "time_zone",
            "ongoing",
            "attack_vector",
            "vulnerability",
            "detection_method",
            "assets_affected",
            "systems_affected",
            "records_affected",
            "people_affected",
            "functional_impact",
            "information_impact",
            "recoverability",
            "activity_location",
            "critical_functions_affected",
            "control_system_compromised",
            "impact_synopsis",
            "actions_taken",
            "technical_assistance_requested",
            "mssp_retained",
            "mssp_name",
            "investigation_opened",
            "investigation_case_number",
            "other_agencies_notified",
            "operating_systems",
            "sophisticated_ttps",
            "targeting_indications",
        ]
        widgets = {
            "reporter_address": forms.Textarea(attrs={"rows": 3}),
            "entity_contact": forms.Textarea(attrs={"rows": 3}),
            "vulnerability": forms.Textarea(attrs={"rows": 2}),
            "detection_method": forms.Textarea(attrs={"rows": 3}),
            "assets_affected": forms.Textarea(attrs={"rows": 3}),
            "impact_synopsis": forms.Textarea(attrs={"rows": 4}),
            "actions_taken": forms.Textarea(attrs={"rows": 4}),
            "other_agencies_notified": forms.Textarea(attrs={"rows": 3}),
            "operating_systems": forms.Textarea(attrs={"rows": 2}),
            "sophisticated_ttps": forms.Textarea(attrs={"rows": 3}),
            "targeting_indications": forms.Textarea(attrs={"rows": 3}),
            "ongoing": _YES_NO,
            "critical_functions_affected": _YES_NO,
            "control_system_compromised": _YES_NO,
        }
        help_texts = {
            "reporter_phone": gettext_lazy("Give a phone number, an e-mail address, or both."),
            "reporter_email": gettext_lazy(
                "Your receipt, with a private link to add information later, is sent here."
            ),
            "sector": gettext_lazy("The sector the affected entity belongs to."),
            "functional_impact": gettext_lazy("How far the entity's services are affected."),
            "activity_location": gettext_lazy(
                "The deepest part of the network where activity was seen."
            ),
            "recoverability": gettext_lazy("How much it will take to recover."),
            "technical_assistance_requested": gettext_lazy(
                "DHS/CISA is told of every report that asks for it."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity_type"].choices = [
            ("", _("Choose…")),
            *self.fields["entity_type"].choices[1:],
        ]
        self.fields["sector"].choices = [("", _("Choose…")), *Sector.choices]
        for name in ("functional_impact", "recoverability"):
            self.fields[name].choices = [("", _("Not known yet")), *self.fields[name].choices[1:]]
        for name in ("ongoing", "critical_functions_affected", "control_system_compromised"):
            self.fields[name].choices = YesNoUnknown.choices
        self.fields["reporter_name"].error_messages["required"] = _("Enter your name.")
        self.fields["reporter_organization"].error_messages["required"] = _(
            "Enter your agency or organization."
        )
        self.fields["entity_name"].error_messages["required"] = _(
            "Enter the name of the entity that had the incident."
        )
        self.fields["entity_type"].error_messages["required"] = _("Choose the type of entity.")
        self.fields["sector"].error_messages["required"] = _(
            "Choose a sector, or “None of these” or “Not known”."
        )
        self.fields["incident_types"].label_from_instance = lambda t: t.name
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                "reporter_name",
                "reporter_title",
                "reporter_organization",
                "reporter_address",
                "reporter_phone",
                "reporter_email",
            ),
            Fieldset(
                _("The affected entity"),
                "entity_name",
                "entity_owner",
                "entity_contact",
                "entity_type",
                "sector",
            ),
            Fieldset(
                _("The incident"),
                Field("incident_types", template="cyber_reports/_incident_types.html"),
                "started_at",
                "detected_at",
                "time_zone",
                "ongoing",
                "attack_vector",
                "vulnerability",
                "detection_method",
                "assets_affected",
                "systems_affected",
                "records_affected",
                "people_affected",
            ),
            Fieldset(
                _("Impact"),
                "functional_impact",
                "information_impact",
                "recoverability",
                "activity_location",
                "critical_functions_affected",
                "control_system_compromised",
                "impact_synopsis",
            ),
            Fieldset(
                _("Response so far"),
                "actions_taken",
                "technical_assistance_requested",
                "mssp_retained",
                "mssp_name",
                "investigation_opened",
                "investigation_case_number",
                "other_agencies_notified",
            ),
            Fieldset(
                _("Technical details (optional)"),
                "destination_addresses",
                "destination_urls",
                "source_addresses",
                "operating_systems",
                "sophisticated_ttps",
                "targeting_indications",
                HTML('{% include "cyber_reports/_status_changes.html" %}'),
            ),
            Fieldset(_("Attachments (optional)"), "attachments"),
            Div("homepage", css_class="cyber-honeypot"),
        )

    def clean_destination_addresses(self) -> list[NetworkIndicator]:
        return parse_addresses(
            self.cleaned_data["destination_addresses"], NetworkIndicator.Direction.DESTINATION
        )

    def clean_source_addresses(self) -> list[NetworkIndicator]:
        return parse_addresses(
            self.cleaned_data["source_addresses"], NetworkIndicator.Direction.SOURCE
        )

    def clean_destination_urls(self) -> list[NetworkIndicator]:
        return parse_urls(self.cleaned_data["destination_urls"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("homepage"):
            refused = _(
                "Your report was not sent: a field that people never see was filled in, as "
                "automated spam does. Turn off any form-filling tool and send it again."
            )
            self.add_error(
                None,
                ValidationError(f"{refused} {urgent_call_sentence()}".strip(), code="honeypot"),
            )
        if not data.get("reporter_phone") and not data.get("reporter_email"):
            self.add_error("reporter_phone", _("Give a phone number or an e-mail address."))
        zone = data.get("time_zone")
        if zone:
            started = in_zone(data.get("started_at"), zone)
            detected = in_zone(data.get("detected_at"), zone)
            now = timezone.now()
            if detected and detected > now:
                self.add_error("detected_at", _("The detection time cannot be in the future."))
            if started and started > now:
                self.add_error("started_at", _("The start time cannot be in the future."))
            if started and detected and started > detected:
                self.add_error("started_at", _("The incident cannot start after it was detected."))
            data["started_at"], data["detected_at"] = started, detected
        if data.get("mssp_retained") is False and data.get("mssp_name"):
            self.add_error("mssp_retained", _("Tick this box if you name a provider."))
        if data.get("investigation_case_number") and not data.get("investigation_opened"):
            self.add_error("investigation_opened", _("Tick this box if you give a case number."))
        return data

    def indicators(self) -> list[NetworkIndicator]:
        return [
            *self.cleaned_data.get("destination_addresses", []),
            *self.cleaned_data.get("destination_urls", []),
            *self.cleaned_data.get("source_addresses", []),
        ]


class StatusChangeForm(forms.Form):
    occurred_at = WallClockDateTimeField(label=gettext_lazy("Date and time"), required=False)
    description = forms.CharField(
        label=gettext_lazy("What changed"), max_length=500, required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("occurred_at") and not data.get("description"):
            self.add_error("description", _("Say what changed at this time."))
        if data.get("description") and not data.get("occurred_at"):
            self.add_error("occurred_at", _("Enter when this change happened."))
        return data


class BaseStatusChangeFormSet(forms.BaseFormSet):
    def status_changes(self, zone_name: str) -> list[StatusChange]:
        changes = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("occurred_at") and data.get("description"):
                changes.append(
                    StatusChange(
                        occurred_at=in_zone(data["occurred_at"], zone_name),
                        description=data["description"],
                    )
                )
        return changes


StatusChangeFormSet = forms.formset_factory(
    StatusChangeForm, formset=BaseStatusChangeFormSet, extra=3, max_num=20, absolute_max=20
)


class ReportUpdateForm(FieldsOnlyFormMixin, forms.Form):
    body = forms.CharField(
        label=gettext_lazy("New information"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=gettext_lazy(
            "What has changed or what you have learned since the report: new times, "
            "addresses, impact, actions, contacts."
        ),
        error_messages={"required": gettext_lazy("Write what is new.")},
    )
    attachments = MultipleFileField(
        required=False,
        label=gettext_lazy("Files"),
        help_text=gettext_lazy(
            "Up to 5 files, 10 MB each and 25 MB in all; same kinds as on the report."
        ),
    )
