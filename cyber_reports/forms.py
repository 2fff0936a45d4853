"""The reporter's forms: the report with its status changes, and the update.

Times are typed as wall-clock times in the time zone the reporter picks and stored as aware
datetimes. Indicators (IP addresses, ranges and ports, URLs, domains, e-mail addresses, file
hashes, wallet addresses) are typed one per line and parsed into `Indicator` rows in their
stored form (cyber_reports.indicators); every bad line is named in the error. Amounts may be
typed as people write them ($1,500,000). The desk's forms are in `desk_forms.py`.
"""

from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leacorner.forms import FieldsOnlyFormMixin
from leacorner.phone_numbers import clean_phone

from .agencies import IncidentType
from .emergency import urgent_call_sentence
from .form_fields import (
    YES_NO,
    AmountField,
    MultipleFileField,
    WallClockDateTimeField,
    in_zone,
    indicator_box,
)
from .indicators import (
    parse_addresses,
    parse_domains,
    parse_emails,
    parse_hashes,
    parse_urls,
    parse_wallets,
)
from .models import CyberIncidentReport, Indicator, StatusChange
from .timeline import ReporterMessage
from .vocabulary import RANSOMWARE_VARIANTS, Backups, InformationImpact, Sector, YesNoUnknown

VARIANT_LIST_ID = "ransomware-variants"


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
        help_text=gettext_lazy(
            "Where the attack came from; same format as above. A range is fine (198.51.100.0/24)."
        ),
    )
    domains = indicator_box(
        gettext_lazy("Domains"),
        gettext_lazy("Domain names the attacker used, one per line (bad[.]example is fine)."),
    )
    email_addresses = indicator_box(
        gettext_lazy("E-mail addresses"),
        gettext_lazy(
            "Addresses the phishing or the ransom note came from or asks you to write to, one "
            "per line."
        ),
    )
    file_hashes = indicator_box(
        gettext_lazy("File hashes"),
        gettext_lazy(
            "MD5, SHA-1 or SHA-256 hashes of malicious files, one per line, in hexadecimal."
        ),
    )
    wallet_addresses = indicator_box(
        gettext_lazy("Wallet addresses the attacker gave"),
        gettext_lazy(
            "One per line, exactly as the ransom note writes them: Bitcoin, Ethereum, Monero, "
            "Litecoin or Tron addresses are checked; give another currency as “ZEC: t1…”."
        ),
    )
    ransom_demanded = AmountField(
        required=False,
        min_value=0,
        max_digits=24,
        decimal_places=8,
        label=gettext_lazy("Ransom demanded"),
        help_text=gettext_lazy("The amount, e.g. 1,500,000 or 2.5; the currency below."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    estimated_loss = AmountField(
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=2,
        label=gettext_lazy("Estimated financial loss (U.S. dollars)"),
        help_text=gettext_lazy(
            "Recovery, lost business and any payment, as far as known now, e.g. $250,000."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
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
            "ransomware_variant",
            "ransom_demanded",
            "ransom_currency",
            "ransom_paid",
            "estimated_loss",
            "backups",
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
            "ongoing": YES_NO,
            "critical_functions_affected": YES_NO,
            "control_system_compromised": YES_NO,
            "ransom_paid": YES_NO,
            "ransomware_variant": forms.TextInput(
                attrs={"list": VARIANT_LIST_ID, "autocomplete": "off"}
            ),
        }
        help_texts = {
            "reporter_phone": gettext_lazy(
                "A 10-digit U.S. number, e.g. (202) 555-0123 ext. 45. Give a phone number, an "
                "e-mail address, or both."
            ),
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
        for name in (
            "ongoing",
            "critical_functions_affected",
            "control_system_compromised",
            "ransom_paid",
        ):
            self.fields[name].choices = YesNoUnknown.choices
        # Answers that were added later: a post without them (an older page still open)
        # stores "not known yet", as an untouched form does.
        for name in ("ransom_paid", "backups"):
            self.fields[name].required = False
        self.fields["ransom_currency"].choices = [
            ("", _("Choose…")),
            *self.fields["ransom_currency"].choices[1:],
        ]
        self.fields["ransomware_variant"].help_text = _(
            "Pick a name from the list or type the one the ransom note, the file names or "
            "your provider give."
        )
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
                _("Ransomware and losses (optional)"),
                "ransomware_variant",
                HTML(
                    format_html(
                        '<datalist id="{}">{}</datalist>',
                        VARIANT_LIST_ID,
                        format_html_join(
                            "", '<option value="{}"></option>', ((v,) for v in RANSOMWARE_VARIANTS)
                        ),
                    )
                ),
                "ransom_demanded",
                "ransom_currency",
                "ransom_paid",
                "wallet_addresses",
                "estimated_loss",
                "backups",
            ),
            Fieldset(
                _("Technical details (optional)"),
                "destination_addresses",
                "destination_urls",
                "source_addresses",
                "domains",
                "email_addresses",
                "file_hashes",
                "operating_systems",
                "sophisticated_ttps",
                "targeting_indications",
                HTML('{% include "cyber_reports/_status_changes.html" %}'),
            ),
            Fieldset(_("Attachments (optional)"), "attachments"),
            Div("homepage", css_class="cyber-honeypot"),
        )

    def clean_ransom_paid(self) -> str:
        return self.cleaned_data["ransom_paid"] or YesNoUnknown.UNKNOWN

    def clean_backups(self) -> str:
        return self.cleaned_data["backups"] or Backups.UNKNOWN

    def clean_reporter_phone(self) -> str:
        phone = self.cleaned_data["reporter_phone"]
        return clean_phone(phone) if phone.strip() else ""

    def clean_destination_addresses(self) -> list[Indicator]:
        return parse_addresses(
            self.cleaned_data["destination_addresses"], Indicator.Direction.DESTINATION
        )

    def clean_source_addresses(self) -> list[Indicator]:
        return parse_addresses(self.cleaned_data["source_addresses"], Indicator.Direction.SOURCE)

    def clean_destination_urls(self) -> list[Indicator]:
        return parse_urls(self.cleaned_data["destination_urls"])

    def clean_domains(self) -> list[Indicator]:
        return parse_domains(self.cleaned_data["domains"])

    def clean_email_addresses(self) -> list[Indicator]:
        return parse_emails(self.cleaned_data["email_addresses"])

    def clean_file_hashes(self) -> list[Indicator]:
        return parse_hashes(self.cleaned_data["file_hashes"])

    def clean_wallet_addresses(self) -> list[Indicator]:
        return parse_wallets(self.cleaned_data["wallet_addresses"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("homepage"):
            refused = _(
                "Your report was not sent: a field that people never see was filled in, as "
                "automated spam does. Turn off any form-filling tool and send it again."
            )
            self.add_error(
                None,
                ValidationError(
                    format_html("{} {}", refused, urgent_call_sentence()), code="honeypot"
                ),
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
        if data.get("ransom_demanded") is not None and not data.get("ransom_currency"):
            self.add_error("ransom_currency", _("Choose the currency of the ransom demanded."))
        if data.get("ransom_currency") and data.get("ransom_demanded") is None:
            self.add_error("ransom_demanded", _("Give the amount demanded in that currency."))
        return data

    INDICATOR_FIELDS = (
        "destination_addresses",
        "destination_urls",
        "source_addresses",
        "domains",
        "email_addresses",
        "file_hashes",
        "wallet_addresses",
    )

    def indicators(self) -> list[Indicator]:
        return [
            indicator
            for name in self.INDICATOR_FIELDS
            for indicator in self.cleaned_data.get(name, [])
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
    """New information through the update link, checked as at filing; it may answer one of
    the desks' questions (`in_reply_to`: the report's questions, open ones first)."""

    in_reply_to = forms.ModelChoiceField(
        queryset=ReporterMessage.objects.none(),
        required=False,
        label=gettext_lazy("This answers"),
        empty_label=gettext_lazy("No question: it is new information"),
        error_messages={
            "invalid_choice": gettext_lazy("Choose one of the questions listed, or none.")
        },
    )
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

    def __init__(self, *args, report: CyberIncidentReport | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if report is None:  # no report, no question to answer
            del self.fields["in_reply_to"]
            return
        questions = ReporterMessage.objects.filter(
            routing__report=report, kind=ReporterMessage.Kind.QUESTION
        ).select_related("routing__agency")
        field = self.fields["in_reply_to"]
        field.queryset = questions.order_by(F("answered_at").desc(nulls_first=True), "-created_at")
        field.label_from_instance = lambda q: (
            _("%(agency)s's question of %(date)s: %(text)s")
            % {
                "agency": q.routing.agency.short_name,
                "date": date_format(timezone.localtime(q.created_at)),
                "text": Truncator(q.body).chars(80),
            }
        )
        if not questions.exists():
            del self.fields["in_reply_to"]
