"""Issue 12's journey in a browser: an officer files ransomware at a water utility; the CISA,
FBI and Secret Service desks see it with each other's status; the FBI desk refers it to HSI
with a reason; HSI sees it and the referral; CISA asks the reporter a question; the reporter
sees the status on the update page and answers with a file; CISA is told; a second report
with the same wallet shows as related on the desks that see both. Every new page is checked
with axe-core at 1280 px and at 375 px, and photographed."""

import importlib
import re

import pytest
from django.apps import apps
from django.core import mail
from playwright.sync_api import expect

from accounts.roles import Role
from cyber_reports.desk import ReportRouting
from cyber_reports.models import CyberIncidentReport
from testkit.mfa import enrol_totp

from ..factories import PASSWORD, UserFactory
from .conftest import assert_accessible, new_page, screenshot, sign_in

SEED = importlib.import_module("cyber_reports.migrations.0002_seed_agencies_and_incident_types")
WALLET = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"


@pytest.fixture(autouse=True)
def _routing_table():
    SEED.seed(apps, None)


def file_water_ransomware(page, *, entity: str, email: str) -> None:
    page.goto("/cyber-incidents/report/")
    page.locator("#id_reporter_name").fill("Dana Whitfield")
    page.locator("#id_reporter_organization").fill("Riverton Police Department")
    page.locator("#id_reporter_phone").fill("216-555-0147")
    page.locator("#id_reporter_email").fill(email)
    page.locator("#id_entity_name").fill(entity)
    page.locator("#id_entity_type").select_option("local_government")
    page.locator("#id_sector").select_option("water")
    page.locator("label.cyber-type-tile", has_text="Ransomware or cyber extortion").click()
    page.locator("#id_detected_at").fill("2026-11-28T06:40")
    page.locator("#id_ransomware_variant").fill("Akira")
    page.locator("#id_ransom_demanded").fill("2.5")
    page.locator("#id_ransom_currency").select_option("BTC")
    page.locator("#id_wallet_addresses").fill(WALLET)
    page.locator("#id_estimated_loss").fill("$250,000")
    page.locator("#id_backups").select_option("affected")
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_url(re.compile(r"/cyber-incidents/report/CIR-\d{4}-\d{6}/received/$"))


def desk(browser, live_server, role: Role, email: str, *, width: int = 1280):
    """A desk member signed in with MFA in a browser context of their own."""
    user = UserFactory(email=email, role=role, full_name=f"Agent {email.split('@')[0]}")
    secret = enrol_totp(user)
    context, page = new_page(browser, live_server, width, 900 if width > 400 else 740)
    sign_in(page, user.email, PASSWORD, totp_secret=secret)
    return context, page


def open_report(page, agency: str, number: str) -> None:
    page.goto(f"/cyber-incidents/desk/{agency}/{number}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)


def agencies_table(page) -> str:
    return page.locator(".cyber-agencies").inner_text()


def test_agencies_work_one_report_with_the_reporter(page, browser, live_server):
    # --- The officer files ransomware at a water utility --------------------------------
    file_water_ransomware(page, entity="Riverton Water Authority", email="d.whitfield@pd.example")
    report = CyberIncidentReport.objects.get()
    emergency = page.locator(".cyber-emergency-list").inner_text()
    assert "DHS/CISA: CISA Central" in emergency and "FBI: FBI CyWatch" in emergency
    assert "USSS: no 24-hour line" in emergency and "HSI" not in emergency
    expect(page.locator(".cyber-emergency-list a[href='tel:+18882820870']")).to_be_visible()
    routing_list = page.locator(".cyber-routing-list").inner_text()
    assert "water and wastewater systems" in routing_list  # the sector rule's reason
    assert_accessible(page)
    screenshot(page, "cyber-coordination-received")
    receipt = next(m for m in mail.outbox if m.to == ["d.whitfield@pd.example"])
    link = re.search(r"https?://[^/\s]+(/cyber-incidents/update/\S+/)", receipt.body).group(1)

    # --- CISA, the FBI and the Secret Service see it with each other's status -------------
    cisa_context, cisa = desk(browser, live_server, Role.DESK_CISA, "analyst@cisa.example")
    fbi_context, fbi = desk(browser, live_server, Role.DESK_FBI, "agent@fbi.example")
    usss_context, usss = desk(browser, live_server, Role.DESK_USSS, "agent@usss.example")
    fbi.goto("/")
    fbi.get_by_role("link", name="My desk").click()  # the header's way to the desk
    fbi.wait_for_url(re.compile(r"/cyber-incidents/desk/fbi/$"))
    expect(fbi.locator("a.usa-nav-link.usa-current", has_text="My desk")).to_be_visible()
    fbi.get_by_role("link", name=report.tracking_number).click()
    fbi.locator("#id_case_number").fill("288A-CI-4410")
    fbi.get_by_role("button", name="Acknowledge").click()
    expect(fbi.get_by_text("Acknowledged under case number 288A-CI-4410.")).to_be_visible()
    for desk_page, code in ((cisa, "cisa"), (usss, "usss")):
        open_report(desk_page, code, report.tracking_number)
        statuses = agencies_table(desk_page)
        assert "FBI" in statuses and "acknowledged by Agent agent" in statuses
        assert "288A-CI-4410" not in desk_page.content()  # another agency's case number
        assert "DHS/CISA" in statuses and "USSS" in statuses
    expect(cisa.get_by_text("Ransomware variant")).to_be_visible()
    assert_accessible(cisa)
    screenshot(cisa, "cyber-coordination-desk-report")
    assert any("FBI has taken on your cyber-incident report" in m.subject for m in mail.outbox)

    # --- The FBI refers it to HSI with a reason; HSI sees it and the referral ------------------
    reason = "The ransom went through an exchange HSI is investigating for laundering."
    fbi.locator("#id_refer-agency").select_option(label="HSI")
    fbi.locator("#id_refer-reason").fill(reason)
    fbi.get_by_role("button", name="Add the agency").click()
    expect(fbi.get_by_text("HSI was added to the report and its desk told.")).to_be_visible()
    assert any(m.to == ["hsi-desk@leacorner.example"] for m in mail.outbox)
    hsi_context, hsi = desk(browser, live_server, Role.DESK_HSI, "agent@hsi.example")
    hsi.goto("/cyber-incidents/desk/")
    hsi.wait_for_url(re.compile(r"/cyber-incidents/desk/hsi/$"))
    hsi.get_by_role("link", name=report.tracking_number).click()
    assert f"added by the FBI desk: {reason}" in agencies_table(hsi)
    expect(hsi.locator(".cyber-timeline")).to_contain_text("Added to HSI by the FBI desk")
    assert_accessible(hsi)

    # --- CISA asks the reporter a question ----------------------------------------------------
    question = "Which vendor runs the plant's SCADA system, and was the HMI reachable online?"
    cisa.reload()
    cisa.locator("#id_reporter-body").fill(question)
    cisa.get_by_role("button", name="Ask the reporter").click()
    expect(cisa.get_by_text("Sent: the reporter sees it on their update page")).to_be_visible()
    assert_accessible(cisa)
    asked = next(m for m in mail.outbox if "DHS/CISA has a question" in m.subject)
    assert question in asked.body

    # --- The reporter sees the status and answers with a file --------------------------------
    page.context.clear_cookies()
    page.goto(link)
    status = page.locator(".cyber-reporter-status").inner_text()
    assert "FBI is working on it" in status
    assert "DHS/CISA has it and has not taken it on yet" in status
    assert "HSI has it" in status and "passed to it by FBI" in status
    expect(page.get_by_text(question, exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "cyber-coordination-update-question")
    page.get_by_role("link", name="Answer this question").click()
    page.locator("#id_body").fill("Acme Controls; the HMI had a public address until Tuesday.")
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "hmi-firewall.log", "mimeType": "text/plain", "buffer": b"allow 502\n"}]
    )
    mail.outbox.clear()
    page.get_by_role("button", name="Send the update").click()
    expect(page.get_by_text(re.compile("Your answer was added to"))).to_be_visible()
    assert_accessible(page)

    # --- CISA is told, and reads the answer -------------------------------------------------
    told = next(m for m in mail.outbox if m.to == ["cisa-desk@leacorner.example"])
    assert "answered your question" in told.subject
    cisa.reload()
    expect(cisa.get_by_text(re.compile("an answer to DHS/CISA's question"))).to_be_visible()
    expect(cisa.get_by_role("link", name="hmi-firewall.log")).to_be_visible()

    # --- A second report with the same wallet is related where a desk sees both -------------
    second_context, second = new_page(browser, live_server)
    file_water_ransomware(second, entity="Lakeside Water District", email="officer@lake.example")
    other = CyberIncidentReport.objects.exclude(pk=report.pk).get()
    for desk_page, code in ((cisa, "cisa"), (fbi, "fbi"), (usss, "usss")):
        open_report(desk_page, code, report.tracking_number)
        panel = desk_page.locator("table.cyber-related")
        expect(panel).to_contain_text(other.tracking_number)
        expect(panel).to_contain_text(WALLET)
    assert_accessible(fbi)
    screenshot(fbi, "cyber-coordination-related")
    # HSI has the first report only: nothing related there.
    open_report(hsi, "hsi", report.tracking_number)
    expect(hsi.get_by_text("No other report your desk has shares an indicator")).to_be_visible()
    assert not ReportRouting.objects.get(report=report, agency__code="HSI").has_related
    # The FBI desk's list filters the related ones.
    fbi.goto("/cyber-incidents/desk/fbi/?related=on")
    expect(fbi.get_by_role("link", name=other.tracking_number)).to_be_visible()
    expect(fbi.get_by_role("link", name=report.tracking_number)).to_be_visible()
    assert_accessible(fbi)
    screenshot(fbi, "cyber-coordination-desk-list-related")

    # --- Closing asks for a confirmation and a reason; reopening brings it back ----------------
    open_report(usss, "usss", report.tracking_number)
    usss.get_by_role("link", name="Close for my agency…").click()
    expect(usss.get_by_role("heading", name=re.compile("Close CIR"))).to_be_visible()
    usss.get_by_role("button", name="Close it for USSS").click()
    expect(usss.get_by_text("Give the reason for closing.").first).to_be_visible()
    assert_accessible(usss)
    screenshot(usss, "cyber-coordination-close")
    usss.locator("#id_reason").fill("No payment-card data involved.")
    usss.get_by_role("button", name="Close it for USSS").click()
    expect(usss.get_by_text(re.compile("Closed for USSS"))).to_be_visible()
    usss.locator("#id_reopen-reason").fill("Card data found in the second report.")
    usss.get_by_role("button", name="Reopen for my agency").click()
    expect(usss.get_by_text("Reopened for USSS.")).to_be_visible()
    assert ReportRouting.objects.get(report=report, agency__code="USSS").status == "new"

    for context in (cisa_context, fbi_context, usss_context, hsi_context, second_context):
        context.close()


def test_the_new_pages_on_a_phone(browser, live_server, mobile_page):
    """At 375 px: the desk's list, report and close pages, and the reporter's update page."""
    file_water_ransomware(mobile_page, entity="Riverton Water Authority", email="d@pd.example")
    report = CyberIncidentReport.objects.get()
    link = mobile_page.locator(".cyber-update-link").get_attribute("href")
    routing = report.routings.select_related("agency").get(agency__code="CISA")
    asker = UserFactory(role=Role.DESK_CISA)
    routing.ask_reporter(by=asker, question="Which SCADA vendor?")
    assert_accessible(mobile_page)
    mobile_page.goto(link)
    assert_accessible(mobile_page)
    screenshot(mobile_page, "cyber-coordination-update-mobile")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 375
    context, phone = desk(browser, live_server, Role.DESK_CISA, "phone@cisa.example", width=375)
    for path in (
        "/cyber-incidents/desk/cisa/",
        f"/cyber-incidents/desk/cisa/{report.tracking_number}/",
        f"/cyber-incidents/desk/cisa/{report.tracking_number}/close/",
    ):
        phone.goto(path)
        assert_accessible(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, path
    screenshot(phone, "cyber-coordination-close-mobile")
    context.close()
