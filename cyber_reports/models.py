"""An SLTT cyber-incident report and what belongs to it: its indicators, status changes,
the reporter's updates and the attached files (in a storage with no URL).

A report is filed once (by anyone) and stored before anything else happens; routing then records
one `ReportRouting` row per agency, with the reasons, and every desk works only its own rows.
The agencies and the routing table live in `agencies.py`, each desk's handling in `desk.py`;
this module imports their models so that Django registers every model of the app here.
"""

import hashlib
import secrets
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leacorner import numbering
from leacorner.choice_labels import ChoiceLabels

from .agencies import Agency, IncidentType, IncidentTypeRoute
from .desk import DeskNote, ReportRouting
from .timeline import ReporterMessage, RoutingEvent
from .vocabulary import (
    ActivityLocation,
    AttackVector,
    Backups,
    EntityType,
    FunctionalImpact,
    InformationImpact,
    RansomCurrency,
    Recoverability,
    Sector,
    TimeZone,
    YesNoUnknown,
)

# Every model of the app, and the storage callables migration 0001 names. Django registers the
# models it finds when it loads this module, so those of agencies.py and desk.py are imported
# above; code in the project imports each name from the module that defines it.
__all__ = [
    "Agency",
    "Attachment",
    "CyberIncidentReport",
    "DeskNote",
    "IncidentType",
    "IncidentTypeRoute",
    "Indicator",
    "PrivateFileStorage",
    "ReportRouting",
    "ReportUpdate",
    "ReporterMessage",
    "RoutingEvent",
    "StatusChange",
    "attachment_path",
    "attachment_storage",
]


class CyberIncidentReportQuerySet(models.QuerySet):
    def routed_to(self, agency: Agency) -> "CyberIncidentReportQuerySet":
        return self.filter(routings__agency=agency)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CyberIncidentReport(ChoiceLabels, models.Model):
    """One incident reported by SLTT law enforcement, with the facts of the federal fact sheet.

    Anyone may file one. It is never edited after submission: the reporter adds information
    through `ReportUpdate`s reached by a secret link; the agencies record their handling on
    their own `ReportRouting` rows.
    """

    tracking_number = models.CharField(max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    sequence = models.PositiveIntegerField(editable=False)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cyber_reports",
    )
    source_address = models.GenericIPAddressField(null=True, blank=True)
    update_token_hash = models.CharField(max_length=64, unique=True, editable=False)

    # Reporter
    reporter_name = models.CharField(_("your name"), max_length=150)
    reporter_title = models.CharField(_("title or rank"), max_length=150, blank=True)
    reporter_organization = models.CharField(_("agency or organization"), max_length=200)
    reporter_address = models.TextField(_("mailing address"), blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=40, blank=True)
    reporter_email = models.EmailField(_("e-mail address"), blank=True)

    # Affected entity
    entity_name = models.CharField(_("name of the affected entity"), max_length=200)
    entity_owner = models.CharField(
        _("who owns the affected systems"),
        max_length=200,
        blank=True,
        help_text=_(
            "If someone else owns or runs the systems, e.g. a vendor or a county IT office."
        ),
    )
    entity_contact = models.TextField(
        _("point of contact at the entity"),
        blank=True,
        help_text=_("Name, role, phone and e-mail of the person to speak to."),
    )
    entity_type = models.CharField(_("type of entity"), max_length=32, choices=EntityType.choices)
    sector = models.CharField(
        _("critical-infrastructure sector"), max_length=32, choices=Sector.choices
    )

    # The incident
    incident_types = models.ManyToManyField(
        IncidentType, related_name="reports", verbose_name=_("type of incident")
    )
    started_at = models.DateTimeField(_("when it started"), null=True, blank=True)
    detected_at = models.DateTimeField(_("when it was detected"))
    time_zone = models.CharField(
        _("time zone of the times given"),
        max_length=40,
        choices=TimeZone.choices,
        default=TimeZone.EASTERN,
    )
    ongoing = models.CharField(
        _("is it still going on?"),
        max_length=8,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    attack_vector = models.CharField(
        _("initial entry vector"),
        max_length=20,
        choices=AttackVector.choices,
        default=AttackVector.UNKNOWN,
    )
    vulnerability = models.TextField(_("vulnerability exploited, if known"), blank=True)
    detection_method = models.TextField(_("how it was detected"), blank=True)
    assets_affected = models.TextField(_("assets affected"), blank=True)
    systems_affected = models.PositiveIntegerField(_("systems affected"), null=True, blank=True)
    records_affected = models.PositiveBigIntegerField(_("records affected"), null=True, blank=True)
    people_affected = models.PositiveBigIntegerField(_("people affected"), null=True, blank=True)

    # Impact
    functional_impact = models.CharField(
        _("functional impact"), max_length=32, choices=FunctionalImpact.choices, blank=True
    )
    information_impact = models.JSONField(
        _("information impact"),
        default=list,
        blank=True,
        help_text=_("Values of InformationImpact; several may apply."),
    )
    recoverability = models.CharField(
        _("recoverability"), max_length=20, choices=Recoverability.choices, blank=True
    )
    activity_location = models.CharField(
        _("location of observed activity"),
        max_length=32,
        choices=ActivityLocation.choices,
        default=ActivityLocation.UNKNOWN,
    )
    critical_functions_affected = models.CharField(
        _("did it affect critical-infrastructure essential functions?"),
        max_length=8,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    control_system_compromised = models.CharField(
        _("was a control system compromised or manipulated?"),
        max_length=8,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    impact_synopsis = models.TextField(_("business, mission and operational impact"), blank=True)

    # Response
    actions_taken = models.TextField(_("actions already taken"), blank=True)
    technical_assistance_requested = models.BooleanField(
        _("the entity asks for federal technical assistance"), default=False
    )
    mssp_retained = models.BooleanField(
        _("a managed security service provider has been contacted or retained"), default=False
    )
    mssp_name = models.CharField(_("name of the provider"), max_length=200, blank=True)
    investigation_opened = models.BooleanField(
        _("your agency has opened an investigation"), default=False
    )
    investigation_case_number = models.CharField(_("your case number"), max_length=80, blank=True)
    other_agencies_notified = models.TextField(
        _("other agencies already told, with their points of contact"), blank=True
    )

    # Technical details
    operating_systems = models.TextField(_("operating systems affected"), blank=True)
    sophisticated_ttps = models.TextField(
        _("signs of sophisticated tactics, techniques and procedures"), blank=True
    )
    targeting_indications = models.TextField(
        _("signs that the asset owner was targeted"), blank=True
    )

    # Ransomware and losses: what the FBI and CISA ask ransomware victims (the wallets the
    # attacker gave are indicators, kind "wallet").
    ransomware_variant = models.CharField(
        _("ransomware variant"),
        max_length=100,
        blank=True,
        help_text=_("The name the ransom note, the file names or your provider give, if known."),
    )
    ransom_demanded = models.DecimalField(
        _("ransom demanded"),
        max_digits=24,
        decimal_places=8,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The amount, in the currency chosen beside it."),
    )
    ransom_currency = models.CharField(
        _("currency of the demand"), max_length=8, choices=RansomCurrency.choices, blank=True
    )
    ransom_paid = models.CharField(
        _("was the ransom paid?"),
        max_length=8,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    estimated_loss = models.DecimalField(
        _("estimated financial loss (U.S. dollars)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Recovery, lost business and any payment, as far as known now."),
    )
    backups = models.CharField(
        _("are there backups of the affected data?"),
        max_length=12,
        choices=Backups.choices,
        default=Backups.UNKNOWN,
    )

    objects = CyberIncidentReportQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="cyber_unique_year_sequence"),
            models.CheckConstraint(
                condition=~Q(reporter_phone="") | ~Q(reporter_email=""),
                name="cyber_reporter_reachable",
                violation_error_message=_("Give a phone number or an e-mail address."),
            ),
            models.CheckConstraint(
                condition=Q(ransom_demanded__isnull=True, ransom_currency="")
                | (Q(ransom_demanded__isnull=False) & ~Q(ransom_currency="")),
                name="cyber_ransom_amount_has_currency",
                violation_error_message=_("Give the ransom's amount with its currency."),
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    def take_number(self) -> None:
        """Give an unsaved report the next tracking number (leacorner.numbering); called before
        the transaction that saves it."""
        number = numbering.allocate(numbering.Prefix.CYBER_REPORT)
        self.year, self.sequence, self.tracking_number = number.year, number.sequence, str(number)

    def issue_update_token(self) -> str:
        """A new secret for the reporter's update link; only its hash is kept."""
        token = secrets.token_urlsafe(32)
        self.update_token_hash = _hash_token(token)
        return token

    @classmethod
    def hash_token(cls, token: str) -> str:
        return _hash_token(token)

    # --- Legal holds (leacorner.legal_holds) -------------------------------------------------
    @property
    def legal_hold_label(self) -> str:
        return self.tracking_number

    def legal_hold_refusal(self, action: str, user, *, held_for: str = "") -> str | None:
        """A member of the desk of an agency the report went to places and releases that
        agency's hold (superusers: any such agency's). Each agency holds for its own reasons
        (an investigation, litigation), so one agency never releases another's hold."""
        from .desk import desk_agency_codes

        if not self.routings.filter(agency__code=held_for).exists():
            return gettext("This report was not routed to that agency.")
        if held_for not in desk_agency_codes(user):
            return gettext("Only a member of that agency's desk may place or release its hold.")
        return None

    def ransom_display(self) -> str:
        """The demand as people write it: "1,500,000 U.S. dollars", "2.5 Bitcoin (BTC)"."""
        if self.ransom_demanded is None:
            return ""
        amount = f"{self.ransom_demanded.normalize():,f}"
        return f"{amount} {self.get_ransom_currency_display()}"

    def information_impact_labels(self) -> list[str]:
        labels = dict(InformationImpact.choices)
        return [str(labels.get(value, value)) for value in self.information_impact]

    def clean(self) -> None:
        unknown = set(self.information_impact or []) - set(InformationImpact.values)
        if unknown:
            raise ValidationError({"information_impact": gettext("Unknown information impact.")})


class Indicator(ChoiceLabels, models.Model):
    """One indicator a report carries, normalised so that the same one on two reports is the
    same row value: an IP address (with or without a port) or range, a bare port, a domain, a
    URL, an e-mail address, a file hash or a cryptocurrency wallet address.

    `value` is the one stored form (cyber_reports.indicators: refanged, lower-cased where case
    does not matter, IP addresses compressed, ranges as networks); `fingerprint` is the
    SHA-256 of kind and value, the fixed-size key two reports are matched on (a URL may be
    longer than an index entry may be); `ip_start` orders IP addresses and ranges in one
    space (IPv4 mapped into IPv6) so that the addresses inside a range are one index range.
    Related reports are read through these (cyber_reports.related). Written once, with the
    report; never changed.
    """

    class Kind(models.TextChoices):
        IP = "ip", _("IP address")
        IP_RANGE = "ip_range", _("IP address range")
        PORT = "port", _("Port")
        DOMAIN = "domain", _("Domain")
        URL = "url", _("URL")
        EMAIL = "email", _("E-mail address")
        MD5 = "md5", _("MD5 hash")
        SHA1 = "sha1", _("SHA-1 hash")
        SHA256 = "sha256", _("SHA-256 hash")
        WALLET = "wallet", _("Wallet address")

    class Direction(models.TextChoices):
        SOURCE = "source", _("Source")
        DESTINATION = "destination", _("Destination")

    report = models.ForeignKey(
        CyberIncidentReport, on_delete=models.CASCADE, related_name="indicators"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    direction = models.CharField(
        max_length=12,
        choices=Direction.choices,
        blank=True,
        help_text=_("For addresses, ranges, ports and URLs: where the traffic went or came from."),
    )
    value = models.CharField(max_length=2000)
    port = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(65535)]
    )
    currency = models.CharField(
        max_length=10, blank=True, help_text=_("For a wallet: BTC, ETH, XMR, LTC, TRX or other.")
    )
    fingerprint = models.CharField(max_length=64, editable=False)
    ip_start = models.CharField(max_length=32, blank=True, editable=False)
    report_submitted_at = models.DateTimeField(
        editable=False, help_text=_("A copy of the report's filing time, for the newest first.")
    )

    class Meta:
        ordering = ["kind", "direction", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(port__isnull=True) | Q(port__lte=65535),
                name="cyber_indicator_port_range",
            ),
            models.CheckConstraint(condition=~Q(value=""), name="cyber_indicator_not_empty"),
            models.CheckConstraint(
                condition=Q(port__isnull=True) | Q(kind__in=["ip", "port"]),
                name="cyber_indicator_port_of_an_address",
            ),
            models.CheckConstraint(
                condition=Q(currency="") | Q(kind="wallet"),
                name="cyber_indicator_currency_of_a_wallet",
            ),
        ]
        indexes = [
            # Reports sharing an indicator, newest first, a bounded number per indicator.
            models.Index(
                fields=["fingerprint", "-report_submitted_at"], name="cyber_indicator_match"
            ),
            # The addresses and ranges inside a range.
            models.Index(fields=["ip_start"], name="cyber_indicator_ip", condition=~Q(ip_start="")),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.PORT:
            return gettext("port %(port)s") % {"port": self.port}
        if self.kind == self.Kind.IP and self.port is not None:
            return (
                f"[{self.value}]:{self.port}" if ":" in self.value else f"{self.value}:{self.port}"
            )
        return self.value


class StatusChange(models.Model):
    """A timestamped change of the incident's status, as the reporter lists them."""

    report = models.ForeignKey(
        CyberIncidentReport, on_delete=models.CASCADE, related_name="status_changes"
    )
    occurred_at = models.DateTimeField()
    description = models.CharField(max_length=500)

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.description}"


class ReportUpdate(models.Model):
    """New information the reporter added later through the secret link of the receipt,
    perhaps the answer to a desk's question (`in_reply_to`)."""

    report = models.ForeignKey(
        CyberIncidentReport, on_delete=models.CASCADE, related_name="updates"
    )
    created_at = models.DateTimeField(default=timezone.now)
    body = models.TextField()
    source_address = models.GenericIPAddressField(null=True, blank=True)
    in_reply_to = models.ForeignKey(
        "ReporterMessage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
        help_text=_("The desk's question this update answers."),
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} update {self.created_at:%Y-%m-%d %H:%M}"


class PrivateFileStorage(FileSystemStorage):
    """Files with no URL at all: they are only ever streamed by a view that checks access."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view.")


def attachment_storage() -> PrivateFileStorage:
    """Files live in CYBER_REPORTS_ATTACHMENT_ROOT, outside the web root and MEDIA_ROOT.

    A callable, so migrations record the function rather than this machine's path."""
    return PrivateFileStorage(location=settings.CYBER_REPORTS_ATTACHMENT_ROOT)


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name with no extension: nothing of the reporter's file name reaches the disk.
    return str(PurePosixPath(timezone.now().strftime("%Y/%m")) / uuid.uuid4().hex)


class Attachment(models.Model):
    """A file given with a report or an update, checked by its content before it was stored.

    Only the desks of the agencies the report went to can download it.
    """

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        LOG = "log", _("Log")
        CSV = "csv", _("CSV")
        JSON = "json", _("JSON")
        XML = "xml", _("XML")
        PCAP = "pcap", _("Packet capture (pcap)")
        PCAPNG = "pcapng", _("Packet capture (pcapng)")
        PDF = "pdf", _("PDF")
        PNG = "png", _("PNG image")
        JPEG = "jpeg", _("JPEG image")

    report = models.ForeignKey(
        CyberIncidentReport, on_delete=models.CASCADE, related_name="attachments"
    )
    update = models.ForeignKey(
        ReportUpdate, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, storage=attachment_storage, max_length=200)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
