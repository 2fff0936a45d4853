"""The federal incident-notification vocabulary the report form speaks.

The values follow the categories that federal agencies use to describe an incident (functional
impact, information impact, recoverability, location of observed activity, attack vector) and
the sixteen critical-infrastructure sectors, so a report can be passed upstream without
translation. The order of the choices matters where it is a scale: routing compares levels.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known yet")


class EntityType(models.TextChoices):
    STATE_GOVERNMENT = "state_government", _("State government")
    LOCAL_GOVERNMENT = "local_government", _("Local government (county, city, town)")
    TRIBAL_GOVERNMENT = "tribal_government", _("Tribal government")
    TERRITORIAL_GOVERNMENT = "territorial_government", _("Territorial government")
    FEDERAL_GOVERNMENT = "federal_government", _("Federal government")
    BUSINESS = "business", _("Business")
    NON_PROFIT = "non_profit", _("Non-profit organization")
    ACADEMIC = "academic", _("School, college or university")
    INDIVIDUAL = "individual", _("Individual")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    CHEMICAL = "chemical", _("Chemical")
    COMMERCIAL_FACILITIES = "commercial_facilities", _("Commercial facilities")
    COMMUNICATIONS = "communications", _("Communications")
    CRITICAL_MANUFACTURING = "critical_manufacturing", _("Critical manufacturing")
    DAMS = "dams", _("Dams")
    DEFENSE_INDUSTRIAL_BASE = "defense_industrial_base", _("Defense industrial base")
    EMERGENCY_SERVICES = "emergency_services", _("Emergency services")
    ENERGY = "energy", _("Energy")
    FINANCIAL_SERVICES = "financial_services", _("Financial services")
    FOOD_AND_AGRICULTURE = "food_and_agriculture", _("Food and agriculture")
    GOVERNMENT_FACILITIES = "government_facilities", _("Government facilities")
    HEALTHCARE = "healthcare", _("Healthcare and public health")
    INFORMATION_TECHNOLOGY = "information_technology", _("Information technology")
    NUCLEAR = "nuclear", _("Nuclear reactors, materials and waste")
    TRANSPORTATION = "transportation", _("Transportation systems")
    WATER = "water", _("Water and wastewater systems")
    NONE = "none", _("None of these")
    UNKNOWN = "unknown", _("Not known")


class AttackVector(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    ATTRITION = "attrition", _("Attrition (brute force against systems, networks or services)")
    WEB = "web", _("Web (an attack from a website or web application)")
    EMAIL = "email", _("E-mail or phishing")
    EXTERNAL_MEDIA = "external_media", _("External or removable media")
    IMPERSONATION = "impersonation", _("Impersonation or spoofing")
    IMPROPER_USAGE = "improper_usage", _("Improper usage by an authorized user")
    LOSS_OR_THEFT = "loss_or_theft", _("Loss or theft of equipment")
    OTHER = "other", _("Other")


class FunctionalImpact(models.TextChoices):
    """Ordered from least to most severe; `level()` gives the position."""

    NO_IMPACT = "no_impact", _("No impact")
    NO_IMPACT_TO_SERVICES = "no_impact_to_services", _("No impact to services")
    MINIMAL_NON_CRITICAL = "minimal_non_critical", _("Minimal impact to non-critical services")
    MINIMAL_CRITICAL = "minimal_critical", _("Minimal impact to critical services")
    SIGNIFICANT_NON_CRITICAL = (
        "significant_non_critical",
        _("Significant impact to non-critical services"),
    )
    DENIAL_NON_CRITICAL = "denial_non_critical", _("Denial of non-critical services")
    SIGNIFICANT_CRITICAL = "significant_critical", _("Significant impact to critical services")
    DENIAL_CRITICAL = "denial_critical", _("Denial of critical services or loss of control")

    @classmethod
    def level(cls, value: str) -> int:
        """0 for no impact … 7 for denial of critical services; -1 when not given."""
        return cls.values.index(value) if value in cls.values else -1


class InformationImpact(models.TextChoices):
    NONE = "none", _("No information impact")
    SUSPECTED = "suspected", _("Suspected but not identified")
    PRIVACY_BREACH = "privacy_breach", _("Privacy data breach")
    PROPRIETARY_BREACH = "proprietary_breach", _("Proprietary information breach")
    DESTRUCTION_NON_CRITICAL = (
        "destruction_non_critical",
        _("Destruction of non-critical systems"),
    )
    CRITICAL_SYSTEMS_BREACH = "critical_systems_breach", _("Critical systems data breach")
    CORE_CREDENTIAL_COMPROMISE = "core_credential_compromise", _("Core credential compromise")
    DESTRUCTION_CRITICAL = "destruction_critical", _("Destruction of a critical system")


class Recoverability(models.TextChoices):
    REGULAR = "regular", _("Regular: recovery with the resources at hand")
    SUPPLEMENTED = "supplemented", _("Supplemented: recovery needs more resources")
    EXTENDED = "extended", _("Extended: recovery needs outside help and will take time")
    NOT_RECOVERABLE = "not_recoverable", _("Not recoverable")


class ActivityLocation(models.TextChoices):
    """Where the activity was seen, levels 1 to 7 from the business edge to safety systems."""

    BUSINESS_DMZ = "business_dmz", _("Level 1: business demilitarized zone")
    BUSINESS_NETWORK = "business_network", _("Level 2: business network")
    BUSINESS_NETWORK_MANAGEMENT = (
        "business_network_management",
        _("Level 3: business network management"),
    )
    CRITICAL_SYSTEM_DMZ = "critical_system_dmz", _("Level 4: critical system DMZ")
    CRITICAL_SYSTEM_MANAGEMENT = (
        "critical_system_management",
        _("Level 5: critical system management"),
    )
    CRITICAL_SYSTEMS = "critical_systems", _("Level 6: critical systems")
    SAFETY_SYSTEMS = "safety_systems", _("Level 7: safety systems")
    UNKNOWN = "unknown", _("Unknown")

    @classmethod
    def level(cls, value: str) -> int:
        """1 … 7, or 0 when unknown or not given."""
        if value in cls.values and value != cls.UNKNOWN:
            return cls.values.index(value) + 1
        return 0


class TimeZone(models.TextChoices):
    EASTERN = "America/New_York", _("Eastern")
    CENTRAL = "America/Chicago", _("Central")
    MOUNTAIN = "America/Denver", _("Mountain")
    ARIZONA = "America/Phoenix", _("Mountain (Arizona, no daylight saving)")
    PACIFIC = "America/Los_Angeles", _("Pacific")
    # A context of its own: the state "Alaska" of the directory is another word in Spanish.
    ALASKA = "America/Anchorage", pgettext_lazy("time zone", "Alaska")
    HAWAII = "Pacific/Honolulu", _("Hawaii–Aleutian")
    ATLANTIC = "America/Puerto_Rico", _("Atlantic (Puerto Rico, U.S. Virgin Islands)")
    CHAMORRO = "Pacific/Guam", _("Chamorro (Guam, Northern Mariana Islands)")
    SAMOA = "Pacific/Pago_Pago", _("Samoa (American Samoa)")
    UTC = "UTC", _("UTC")


#: The sixteen critical-infrastructure sectors (Presidential Policy Directive 21): every
#: sector of the list but "None of these" and "Not known". Routing reads it.
CRITICAL_INFRASTRUCTURE_SECTORS = frozenset(Sector.values) - {Sector.NONE, Sector.UNKNOWN}


class RansomCurrency(models.TextChoices):
    """What a ransom was asked in, as the FBI and CISA ask victims."""

    USD = "USD", _("U.S. dollars")
    BTC = "BTC", _("Bitcoin (BTC)")
    XMR = "XMR", _("Monero (XMR)")
    ETH = "ETH", _("Ether (ETH)")
    USDT = "USDT", _("Tether (USDT)")
    LTC = "LTC", _("Litecoin (LTC)")
    OTHER = "other", _("Another currency")


class Backups(models.TextChoices):
    UNAFFECTED = "unaffected", _("Yes, and the attack did not reach them")
    AFFECTED = "affected", _("Yes, but they were encrypted, deleted or stolen too")
    NONE = "none", _("No backups")
    UNKNOWN = "unknown", _("Not known yet")


#: Names a reporter may pick from for the ransomware variant (free text: a new one is typed).
#: Families of the joint FBI/CISA #StopRansomware advisories and other frequent ones.
RANSOMWARE_VARIANTS = (
    "8Base",
    "Akira",
    "ALPHV / BlackCat",
    "Avaddon",
    "AvosLocker",
    "BianLian",
    "Black Basta",
    "BlackByte",
    "BlackSuit",
    "Cl0p",
    "Conti",
    "Cuba",
    "Daixin",
    "Ghost (Cring)",
    "Hive",
    "Interlock",
    "LockBit",
    "Medusa",
    "Phobos",
    "Play",
    "Qilin",
    "RansomHub",
    "Rhysida",
    "Royal",
    "Ryuk",
    "Snatch",
    "Vice Society",
    "Zeppelin",
)
