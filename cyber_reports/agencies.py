"""The federal agencies that receive cyber-incident reports, and the routing table.

Operators edit both in the admin: an `Agency` with its desk's addresses and its public
contacts, an `IncidentType` a reporter can tick, and the `IncidentTypeRoute`s saying which
agencies each type goes to and why. `cyber_reports.routing` reads the table; it never writes it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AgencyQuerySet(models.QuerySet):
    def with_emergency_line(self) -> "AgencyQuerySet":
        """The agencies with a 24-hour line (`emergency_contact`), in list order: whom a
        reporter is told to call in an emergency (cyber_reports/emergency.py)."""
        return self.exclude(emergency_contact="").order_by("order", "short_name")


class Agency(models.Model):
    """A federal agency that receives reports: DHS/CISA, the Secret Service, HSI, the FBI.

    Seeded by a data migration from the fact sheet's key-contacts table; operators edit the
    desk addresses and public contacts in the admin. `code` ties the agency to its desk role
    (accounts.roles.DESK_ROLES) and never changes.
    """

    code = models.SlugField(
        max_length=16,
        unique=True,
        help_text=_("Short code tied to the agency's desk role, e.g. FBI. Never changes."),
    )
    name = models.CharField(max_length=200, help_text=_("Full name, e.g. Federal Bureau of …"))
    short_name = models.CharField(max_length=40, help_text=_("Name used in lists, e.g. FBI."))
    handles = models.TextField(
        help_text=_("What to report to this agency, in plain words (shown to reporters).")
    )
    desk_emails = models.TextField(
        blank=True,
        help_text=_(
            "Addresses notified of each new report and update, one per line. "
            "They receive a summary and a link, never the attachments."
        ),
    )
    public_contact = models.TextField(
        help_text=_("How the public and partners reach the agency (phone, e-mail, website).")
    )
    emergency_contact = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("A 24-hour line to call in an emergency, if the agency has one."),
    )
    order = models.PositiveSmallIntegerField(default=0, help_text=_("Position in lists."))

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "short_name"]
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.short_name

    def clean(self) -> None:
        from django.core.validators import validate_email

        for line in self.desk_email_list():
            try:
                validate_email(line)
            except ValidationError:
                raise ValidationError(
                    {
                        "desk_emails": gettext("“%(line)s” is not an e-mail address.")
                        % {"line": line}
                    }
                ) from None

    def desk_email_list(self) -> list[str]:
        return [line.strip() for line in self.desk_emails.splitlines() if line.strip()]


class IncidentType(models.Model):
    """A kind of incident a reporter can tick, and the agencies it is routed to, with why."""

    code = models.SlugField(max_length=40, unique=True, help_text=_("Stable code; never changes."))
    name = models.CharField(max_length=120)
    description = models.TextField(help_text=_("Shown as the hint under the choice on the form."))
    agencies = models.ManyToManyField(Agency, through="IncidentTypeRoute", related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class IncidentTypeRoute(models.Model):
    """One row of the routing table: reports of this type go to this agency, for this reason."""

    incident_type = models.ForeignKey(IncidentType, on_delete=models.CASCADE, related_name="routes")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="routes")
    reason = models.CharField(
        max_length=300,
        help_text=_("Shown to the reporter, e.g. “criminal hacking is investigated by the FBI”."),
    )

    class Meta:
        ordering = ["incident_type__order", "agency__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident_type", "agency"], name="cyber_unique_type_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident_type} → {self.agency}"
