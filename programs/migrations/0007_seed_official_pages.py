"""Every program's official page (issue 14), from stored copies of ICE.gov, DHS.gov and the
partner sites read on 2026-12-03; docs/directory.md lists which were seen live, only in an
archive, or are the nearest page that describes the program."""

from django.db import migrations

OFFICIAL_PAGES = {
    "foia-library": "https://www.ice.gov/foia/library",
    "law-enforcement-support-center": "https://www.ice.gov/lesc",
    "287g-program": "https://www.ice.gov/identify-and-arrest/287g",
    "criminal-apprehension-program": "https://www.ice.gov/identify-and-arrest/criminal-apprehension-program",
    "detention-management": "https://www.ice.gov/detain/detention-management",
    "immigration-detainer-notice-of-action": "https://www.ice.gov/detainer-policy",
    "ero-field-offices": "https://www.ice.gov/contact/field-offices",
    "fugitive-operations": "https://www.ice.gov/identify-and-arrest/fugitive-operations",
    "online-detainee-locator-system": "https://locator.ice.gov/odls",
    "removal-statistics": "https://www.ice.gov/remove/removal-statistics",
    "tool-kit-for-prosecutors": "https://www.ice.gov/leac",
    "operation-predator": "https://www.ice.gov/features/child-exploitation",
    "drug-enforcement-task-forces": "https://www.ice.gov/narcotics",
    "ice-tip-line": "https://www.ice.gov/webform/ice-tip-form",
    "human-smuggling-and-trafficking": "https://www.ice.gov/investigations/human-smuggling",
    "operation-community-shield": "https://www.ice.gov/national-gang-unit",
    "cyber-crimes-center": "https://www.ice.gov/cyber-crimes",
    "ipr-center": "https://www.iprcenter.gov",
    "forensic-document-laboratory": "https://www.ice.gov/features/hsifl",
    "identity-and-benefit-fraud": "https://www.ice.gov/identity-benefit-fraud",
    "document-and-benefit-fraud-task-forces": "https://www.ice.gov/document-benefit-fraud",
    "asset-forfeiture": "https://www.ice.gov/asset-forfeiture",
    "equitable-sharing": "https://www.ice.gov/asset-forfeiture",
    "border-enforcement-security-task-forces": "https://www.ice.gov/best",
    "customs-cross-designation": "https://www.ice.gov/customs-cross-designation",
    "operation-firewall": "https://www.ice.gov/pi/news/factsheets/opfirewall.htm",
    "ice-access": "https://www.ice.gov/access",
    "air-transportation-unit": "https://www.ice.gov/factsheets/ice-air-operations",
    "alternatives-to-detention": "https://www.ice.gov/features/atd",
    "office-of-intelligence-liaison-program": "https://www.ice.gov/intelligence",
    "federal-protective-service": "https://www.dhs.gov/federal-protective-service",
    "protective-investigations-program": "https://www.dhs.gov/protective-investigations-program-0",
    "explosive-detector-dog-teams": "https://www.dhs.gov/explosive-detection-canine-teams",
    "hazardous-response-program": "https://www.dhs.gov/hazardous-response-program",
    "mobile-command-posts": "https://www.dhs.gov/mobile-command-posts",
    "visa-security-program": "https://www.ice.gov/visa-security-program",
    "container-security-initiative": "https://www.cbp.gov/border-security/ports-entry/cargo-security/csi/csi-brief",
    "international-visitors-program": "https://www.ice.gov/international-operations",
    "ice-international-training": "https://www.ice.gov/international-operations",
    "trade-transparency-unit": "https://www.ice.gov/pi/news/newsreleases/articles/080612mexicocity.htm",
    "joint-terrorism-task-force": "https://www.ice.gov/jttf",
    "export-enforcement": "https://www.ice.gov/factsheets/cpi",
    "criminal-justice-stakeholder-forms": "https://www.ice.gov/leac",
    "cyber-incident-reporting": "https://www.cisa.gov/report",
    "cyber-training-resources": "https://www.ice.gov/cyber-crimes",
    "about-ice": "https://www.ice.gov/overview",
    "office-of-the-principal-legal-advisor": "https://www.ice.gov/opla",
    "image-program": "https://www.ice.gov/outreach-programs/image",
    "secure-communities": "https://www.ice.gov/secure-communities",
    "student-and-exchange-visitor-program": "https://www.ice.gov/sevis",
    "office-of-state-local-and-tribal-coordination": "https://www.ice.gov/about/offices/leadership/osltc/",
}


def seed(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    HistoricalProgram = apps.get_model("programs", "HistoricalProgram")
    for slug, url in OFFICIAL_PAGES.items():
        Program.objects.filter(slug=slug, official_url="").update(official_url=url)
        HistoricalProgram.objects.filter(slug=slug, official_url="").update(official_url=url)


class Migration(migrations.Migration):
    dependencies = [("programs", "0006_official_page_and_field_liaisons")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
