"""The data migration gives a fresh database the whole directory of the source pages."""

import csv
from pathlib import Path

import pytest

from programs.models import FAQ, Category, Contact, CoverageArea, FieldOffice, Program

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "programs" / "data"

#: Every program, resource and form the source pages name, as the pages name it, with the
#: directory program that carries it. Several names share one page where the sources describe
#: one program several times (CAP, LESC, 287(g), Operation Predator, Fugitive Operations...).
NAMED_IN_SEEDS = {
    # 000: the Law Enforcement Assistance Corner
    "FOIA Library": "foia-library",
    "287g Program": "287g-program",
    "Criminal Apprehension Program": "criminal-apprehension-program",
    "Detention Management": "detention-management",
    "DHS ICE Immigration Detainer – Notice of Action Form": "immigration-detainer-notice-of-action",
    "Enforcement and Removal Operations Field Liaisons": "ero-field-offices",
    "Fugitive Operations": "fugitive-operations",
    "Law Enforcement Support Center": "law-enforcement-support-center",
    "Online Detainee Locator System": "online-detainee-locator-system",
    "Removal Statistics": "removal-statistics",
    "Tool Kit for Prosecutors": "tool-kit-for-prosecutors",
    "Child Exploitation": "operation-predator",
    "Drug Enforcement Task Forces": "drug-enforcement-task-forces",
    "ICE Tip Line": "ice-tip-line",
    "Human Smuggling": "human-smuggling-and-trafficking",
    "Operation Community Shield (gang enforcement)": "operation-community-shield",
    "Criminal Justice Stakeholder Forms": "criminal-justice-stakeholder-forms",
    "Law Enforcement Cyber Incident Reporting": "cyber-incident-reporting",
    "Cyber Shield Alliance": "cyber-training-resources",
    "InfraGard": "cyber-training-resources",
    "National Computer Forensics Institute": "cyber-training-resources",
    "CCIPS": "cyber-training-resources",
    "Internet Crime Complaint Center": "cyber-training-resources",
    # 001: the older Law Enforcement page
    "ICE ACCESS": "ice-access",
    "Air Transportation Unit": "air-transportation-unit",
    "Alternatives to Detention": "alternatives-to-detention",
    "Child Exploitation - Operation Predator": "operation-predator",
    "Criminal Alien Program (CAP)": "criminal-apprehension-program",
    "Cyber Crimes Center (C3)": "cyber-crimes-center",
    "Explosive Detection Dog Teams (EDD)": "explosive-detector-dog-teams",
    "Federal Protective Service Basic Service Charge and Building Specific Service Charge": (
        "federal-protective-service"
    ),
    "FPS MegaCenters": "federal-protective-service",
    "Forensic Document Laboratory (FDL)": "forensic-document-laboratory",
    "Hazardous Response Program (HRP)": "hazardous-response-program",
    "Identify and Benefit Fraud": "identity-and-benefit-fraud",
    "Intellectual Property Rights (IPR) Center": "ipr-center",
    "Law Enforcement Support Center (LESC)": "law-enforcement-support-center",
    "Mobile Command Posts": "mobile-command-posts",
    "National Fugitive Operations Program (NFOP)": "fugitive-operations",
    "Office of Intelligence Liaison Program": "office-of-intelligence-liaison-program",
    "Protective Investigations Program": "protective-investigations-program",
    "Section 287(g) Immigration and Nationality Act": "287g-program",
    # 002: the partners' FAQ
    "Virtual Global Taskforce": "operation-predator",
    "Trade Transparency Unit": "trade-transparency-unit",
    "Joint Terrorism Task Force (JTTF)": "joint-terrorism-task-force",
    "Export enforcement": "export-enforcement",
    "International Visitors Program (IVP)": "international-visitors-program",
    "Visa Security Program": "visa-security-program",
    "Office of International Affairs training": "ice-international-training",
    "Container Security Initiative (CSI)": "container-security-initiative",
    # 003: ICE ACCESS and its support programs
    "Asset Forfeiture": "asset-forfeiture",
    "Border Enforcement Security Task Forces (BEST)": "border-enforcement-security-task-forces",
    "Customs Cross-Designation (Title 19)": "customs-cross-designation",
    "Document and Benefit Fraud Task Forces": "document-and-benefit-fraud-task-forces",
    "Equitable Sharing/Joint Operations": "equitable-sharing",
    "Fugitive Operation Teams (FOTs)": "fugitive-operations",
    "Immigration Cross-Designation (Title 8) - 287g Program": "287g-program",
    "IPR Center": "ipr-center",
    "Operation Firewall": "operation-firewall",
    "Operation Predator": "operation-predator",
    # 004: facts about ICE
    "Immigration and Customs Enforcement": "about-ice",
    "Office of the Principal Legal Advisor (OPLA)": "office-of-the-principal-legal-advisor",
    "Mutual Agreement Between Government & Employers (IMAGE)": "image-program",
    "Secure Communities": "secure-communities",
    "Students/Exchange Visitors": "student-and-exchange-visitor-program",
    "Office of State, Local, and Tribal Coordination (OSLTC)": (
        "office-of-state-local-and-tribal-coordination"
    ),
}


@pytest.mark.parametrize(("named", "slug"), sorted(NAMED_IN_SEEDS.items()))
def test_every_program_the_sources_name_is_published(named, slug):
    program = Program.objects.get(slug=slug)
    assert program.is_published
    assert program.categories.exists(), f"{named} belongs to no category"
    assert program.summary and program.body


def test_a_program_several_pages_describe_is_one_page():
    for slug in ("criminal-apprehension-program", "law-enforcement-support-center", "287g-program"):
        assert Program.objects.filter(slug=slug).count() == 1
    lesc = Program.objects.get(slug="law-enforcement-support-center")
    # Facts from three source pages on one page.
    for fact in ("Williston, Vermont", "NLETS", "10 minutes", "8 DHS databases", "160,000"):
        assert fact in lesc.body


def test_categories_of_the_issue_exist_in_order():
    names = list(Category.objects.values_list("name", flat=True))
    wanted = [
        "Information Sharing",
        "Immigration Law-Enforcement Resources",
        "Criminal Law-Enforcement Resources",
        "ICE ACCESS Programs",
        "Forms",
    ]
    assert names[: len(wanted)] == wanted


@pytest.mark.parametrize(
    ("slug", "facts"),
    [
        ("287g-program", ["1996", "832", "690", "40 states", "415", "300", "117", "60", "400"]),
        ("immigration-detainer-notice-of-action", ["48 hours", "Saturdays, Sundays and holidays"]),
        ("detention-management", ["250"]),
        (
            "equitable-sharing",
            ["$5.65 million", "$43.46 million", "362", "four federal", "one foreign"],
        ),
        ("operation-firewall", ["August 2005", "$80 million"]),
        ("document-and-benefit-fraud-task-forces", ["April 2006", "April 2007", "17"]),
        ("operation-community-shield", ["February 2005", "May 2005", "MS-13"]),
        ("ipr-center", ["2000", "$200 billion"]),
        ("federal-protective-service", ["1 million", "9,000", "four MegaCenters", "2000"]),
        (
            "export-enforcement",
            ["5,500", "200 field offices", "56 attaché offices in 43 countries"],
        ),
        ("customs-cross-designation", ["1401(i)"]),
        ("criminal-justice-stakeholder-forms", ["1-888-351-4024", "ERO.INFO@ice.dhs.gov"]),
        ("about-ice", ["400 federal statutes", "largest investigative agency"]),
    ],
)
def test_facts_of_the_sources_are_kept(slug, facts):
    program = Program.objects.get(slug=slug)
    for fact in facts:
        assert fact in program.body, f"{slug} lost the fact {fact!r}"


@pytest.mark.parametrize(
    ("slug", "phone", "tel", "is_24_7"),
    [
        ("law-enforcement-support-center", "(802) 872-6000", "tel:+18028726000", True),
        ("ice-tip-line", "1-866-DHS-2-ICE", "tel:+18663472423", False),
        ("ipr-center", "1-866-IPR-2060", "tel:+18664772060", False),
        ("criminal-justice-stakeholder-forms", "1-888-351-4024", "tel:+18883514024", False),
        ("cyber-incident-reporting", "(888) 282-0870", "tel:+18882820870", False),
    ],
)
def test_contacts_with_dialable_numbers(slug, phone, tel, is_24_7):
    contact = Contact.objects.get(program__slug=slug, phone=phone)
    assert contact.tel_href == tel
    assert contact.is_24_7 is is_24_7


def test_no_component_is_claimed_without_a_source():
    assert Program.objects.get(slug="tool-kit-for-prosecutors").component == "ICE"


def test_information_line_hours_and_mailbox():
    contact = Contact.objects.get(phone="1-888-351-4024")
    assert contact.email == "ERO.INFO@ice.dhs.gov"
    assert "8 a.m. to 8 p.m. Eastern" in contact.hours


def test_field_offices_match_the_data_file():
    rows = list(csv.DictReader((DATA / "field-offices.csv").open(encoding="utf-8")))
    assert FieldOffice.objects.count() == len(rows) == 25
    for row in rows:
        office = FieldOffice.objects.get(name=row["office"])
        assert office.phone == row["phone"]
        assert office.address.replace("\n", ", ") == row["address"]
        codes = {area.jurisdiction for area in office.areas.all()}
        listed = {
            part.strip()[:2]
            for part in row["area_of_responsibility"].split(",")
            if part.strip()[:2].isupper()
        }
        assert codes == listed, row["office"]
        assert office.outreach_email.endswith(".Outreach@ice.dhs.gov")


def test_split_states_carry_a_note_on_every_office():
    for code, offices in {"TX": 5, "CA": 3, "NY": 2}.items():
        areas = CoverageArea.objects.filter(jurisdiction=code)
        assert areas.count() == offices
        assert all(area.note for area in areas), code


def test_every_state_dc_and_territory_in_the_data_has_an_office():
    covered = set(CoverageArea.objects.values_list("jurisdiction", flat=True))
    assert len(covered - {"PR", "VI", "GU", "MP"}) == 51  # 50 states and DC
    assert {"PR", "VI", "GU", "MP"} <= covered


def test_every_question_of_the_partners_faq():
    questions = " ".join(FAQ.objects.values_list("question", flat=True)).lower()
    for subject in (
        "law enforcement support center",
        "nlets",
        "national crime information center",
        "wanted by ice",
        "other services",
        "hacking",
        "child exploitation",
        "intellectual property rights",
        "intellectual-property violations",
        "trade-based money laundering",
        "joint terrorism task forces",
        "export enforcement",
        "international visitors program",
        "visa security program",
        "office of international affairs",
        "container security initiative",
    ):
        assert subject in questions, subject
    assert FAQ.objects.filter(related_programs__isnull=True).count() == 0
