"""The fixed lists a stakeholder request and its certification are written in: agency types,
obligations, the information a clerk may ask for, the reasons for a denial, custody states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyType(models.TextChoices):
    COURT = "court", _("Court")
    PROBATION = "probation", _("Probation")
    PAROLE = "parole", _("Parole")
    PRETRIAL = "pretrial", _("Pretrial services")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    DEFENSE = "defense", _("Public defender or defense counsel")
    LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement agency")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Unknown or not recorded")


class ObligationType(models.TextChoices):
    COURT_APPEARANCE = "court_appearance", _("Court appearance")
    BOND_APPEARANCE = "bond_appearance", _("Bond or bail appearance")
    PROBATION_MEETING = "probation_meeting", _("Probation meeting")
    PAROLE_MEETING = "parole_meeting", _("Parole meeting")
    PRETRIAL_CHECK_IN = "pretrial_check_in", _("Pretrial-services check-in")
    OTHER = "other", _("Other")


#: The information a clerk may ask for: model field → label.
INFORMATION_ITEMS: dict[str, str] = {
    "wants_custody_on_date": _("Was the person in ICE custody on the obligation date?"),
    "wants_custody_dates": _("The dates of ICE custody and the facility"),
    "wants_removal": _("Removal from the United States (date and country)"),
    "wants_release": _("Release from ICE custody (date)"),
    "wants_current_status": _("The person's current custody status"),
}


class DenialReason(models.TextChoices):
    NO_RECORD = "no_record", _("No ICE record matches the subject described")
    NOT_CRIMINAL_JUSTICE = (
        "not_criminal_justice",
        _("The requester is not acting in an official criminal-justice capacity"),
    )
    INSUFFICIENT_IDENTITY = (
        "insufficient_identity",
        _("The subject cannot be identified from the details given"),
    )
    NO_RESPONSE = "no_response", _("The information asked for was not provided")
    DUPLICATE = "duplicate", _("The same matter is already answered by another request")
    OUTSIDE_SCOPE = "outside_scope", _("The information asked for is outside this process")
    OTHER = "other", _("Other (explained in the note)")


class CurrentStatus(models.TextChoices):
    IN_CUSTODY = "in_custody", _("In ICE custody")
    RELEASED = "released", _("Released from ICE custody")
    REMOVED = "removed", _("Removed from the United States")
    NOT_IN_CUSTODY = "not_in_custody", _("Not in ICE custody")
