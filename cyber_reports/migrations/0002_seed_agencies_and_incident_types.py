"""Seed the agencies and incident types from the fact sheet's key-contacts table.

Operators edit both in the admin afterwards (desk addresses above all: the seeded ones are
placeholders on leacorner.example). The codes never change: desk roles and routing rules use them.
"""

from django.db import migrations

AGENCIES = [
    {
        "code": "CISA",
        "order": 1,
        "short_name": "DHS/CISA",
        "name": (
            "U.S. Department of Homeland Security, Cybersecurity and Infrastructure Security "
            "Agency (formerly the National Protection and Programs Directorate)"
        ),
        "handles": (
            "Suspected or confirmed cyber incidents that may affect critical infrastructure and "
            "call for a technical response or help with mitigation."
        ),
        "public_contact": (
            "Report at cisa.gov/report, e-mail report@cisa.gov, or call (888) 282-0870 at any hour."
        ),
        "emergency_contact": "CISA Central, (888) 282-0870, 24 hours a day",
        "desk_emails": "cisa-desk@leacorner.example",
    },
    {
        "code": "USSS",
        "order": 2,
        "short_name": "USSS",
        "name": "United States Secret Service",
        "handles": (
            "Cybercrime such as computer intrusions and attacks, spreading malicious code, "
            "trafficking in passwords, and theft of payment-card or other financial payment "
            "data."
        ),
        "public_contact": (
            "Call the nearest Secret Service field office; the list is at "
            "secretservice.gov/contact/field-offices."
        ),
        "emergency_contact": "",
        "desk_emails": "usss-desk@leacorner.example",
    },
    {
        "code": "HSI",
        "order": 3,
        "short_name": "HSI",
        "name": "U.S. Immigration and Customs Enforcement, Homeland Security Investigations",
        "handles": (
            "Cyber-enabled crime at home or across borders, including child exploitation, "
            "money laundering, smuggling and violations of intellectual-property rights."
        ),
        "public_contact": (
            "HSI Tip Line, (866) 347-2423 (866-DHS-2-ICE), around the clock, or the online tip "
            "form at ice.gov/tipline."
        ),
        "emergency_contact": "HSI Tip Line, (866) 347-2423, 24 hours a day",
        "desk_emails": "hsi-desk@leacorner.example",
    },
    {
        "code": "FBI",
        "order": 4,
        "short_name": "FBI",
        "name": "U.S. Department of Justice, Federal Bureau of Investigation",
        "handles": (
            "Cybercrime including computer intrusions and attacks, criminal hacking, fraud, "
            "identity theft, theft of intellectual property and trade secrets, terrorist "
            "activity, espionage, sabotage and other foreign-intelligence activity."
        ),
        "public_contact": (
            "Call the nearest FBI field office (fbi.gov/contact-us/field-offices) or CyWatch, "
            "the FBI's round-the-clock cyber operations center, at (855) 292-3937 or "
            "cywatch@fbi.gov."
        ),
        "emergency_contact": "FBI CyWatch, (855) 292-3937, 24 hours a day",
        "desk_emails": "fbi-desk@leacorner.example",
    },
]

# (code, name, description, [(agency code, reason), ...])
INCIDENT_TYPES = [
    (
        "computer_intrusion",
        "Computer intrusion or criminal hacking",
        "Someone got into a computer, network or account without permission, or tried to.",
        [
            ("USSS", "computer intrusions are cybercrime the Secret Service investigates"),
            ("FBI", "criminal hacking and computer intrusions are investigated by the FBI"),
        ],
    ),
    (
        "ransomware",
        "Ransomware or cyber extortion",
        "Files or systems were locked or stolen with a demand for payment, or someone threatens "
        "to leak data or attack unless paid.",
        [
            (
                "USSS",
                "ransomware is malicious code used in a computer attack, which the Secret "
                "Service investigates",
            ),
            ("FBI", "ransomware and cyber extortion are computer attacks the FBI investigates"),
        ],
    ),
    (
        "malicious_code",
        "Malicious code (malware, viruses, worms)",
        "Harmful software was found on, or sent to, the entity's systems.",
        [
            ("USSS", "spreading malicious code is investigated by the Secret Service"),
            ("FBI", "attacks using malicious code are investigated by the FBI"),
        ],
    ),
    (
        "denial_of_service",
        "Denial of service",
        "A website, network or service was flooded or knocked offline on purpose.",
        [
            ("USSS", "attacks on computers and networks are investigated by the Secret Service"),
            ("FBI", "attacks that take systems offline are investigated by the FBI"),
        ],
    ),
    (
        "password_trafficking",
        "Password trafficking",
        "Passwords or other log-in credentials are being sold, traded or published.",
        [("USSS", "password trafficking is investigated by the Secret Service")],
    ),
    (
        "payment_card_theft",
        "Payment-card or financial-data theft",
        "Card numbers, bank details or other payment data were stolen, for example by skimmers "
        "or by malware on point-of-sale systems.",
        [
            (
                "USSS",
                "theft of payment-card and other financial payment data is investigated by "
                "the Secret Service",
            ),
        ],
    ),
    (
        "online_fraud",
        "Business e-mail compromise or online fraud",
        "Money or goods were obtained by deceit online, such as a spoofed invoice or a "
        "hijacked e-mail account asking for a wire transfer.",
        [("FBI", "fraud, including business e-mail compromise, is investigated by the FBI")],
    ),
    (
        "identity_theft",
        "Identity theft",
        "Someone's personal information was stolen or used to pose as them.",
        [("FBI", "identity theft is investigated by the FBI")],
    ),
    (
        "trade_secrets",
        "Theft of trade secrets",
        "Confidential business information, designs or formulas were stolen.",
        [("FBI", "theft of trade secrets is investigated by the FBI")],
    ),
    (
        "intellectual_property",
        "Intellectual-property violation",
        "Counterfeit goods, pirated software or media, or other infringement sold or spread "
        "online.",
        [
            ("HSI", "violations of intellectual-property rights are investigated by HSI"),
            ("FBI", "intellectual-property theft is investigated by the FBI"),
        ],
    ),
    (
        "child_exploitation",
        "Child exploitation (including sextortion of a minor)",
        "Sexual abuse material, grooming, enticement or sextortion involving a minor.",
        [("HSI", "child exploitation, at home or across borders, is investigated by HSI")],
    ),
    (
        "money_laundering",
        "Money laundering",
        "Proceeds of crime moved through accounts, virtual currency or money mules.",
        [("HSI", "money laundering, including through virtual currency, is investigated by HSI")],
    ),
    (
        "smuggling",
        "Smuggling",
        "Goods, drugs, weapons or people moved across the border with online help.",
        [("HSI", "cross-border smuggling is investigated by HSI")],
    ),
    (
        "terrorist_activity",
        "Terrorist activity",
        "Online activity that supports, plans or threatens terrorism.",
        [("FBI", "terrorist activity is investigated by the FBI")],
    ),
    (
        "espionage",
        "Espionage, sabotage or foreign-intelligence activity",
        "Activity that appears to serve a foreign government, or aims to spy on or sabotage.",
        [
            (
                "FBI",
                "espionage, sabotage and foreign-intelligence activity are investigated by the FBI",
            )
        ],
    ),
    (
        "other",
        "Other, or not sure",
        "None of the above fits, or you do not know yet. The report is triaged and passed on.",
        [
            ("FBI", "the FBI triages incidents that fit no other type and passes them on"),
            ("CISA", "DHS/CISA triages incidents that fit no other type and passes them on"),
        ],
    ),
]


def seed(apps, schema_editor):
    agency_model = apps.get_model("cyber_reports", "Agency")
    type_model = apps.get_model("cyber_reports", "IncidentType")
    route_model = apps.get_model("cyber_reports", "IncidentTypeRoute")
    agencies = {}
    for row in AGENCIES:
        agency, _created = agency_model.objects.update_or_create(
            code=row["code"], defaults={k: v for k, v in row.items() if k != "code"}
        )
        agencies[agency.code] = agency
    for order, (code, name, description, routes) in enumerate(INCIDENT_TYPES, start=1):
        incident_type, _created = type_model.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )
        for agency_code, reason in routes:
            route_model.objects.update_or_create(
                incident_type=incident_type,
                agency=agencies[agency_code],
                defaults={"reason": reason},
            )


def unseed(apps, schema_editor):
    apps.get_model("cyber_reports", "IncidentType").objects.filter(
        code__in=[row[0] for row in INCIDENT_TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("cyber_reports", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
