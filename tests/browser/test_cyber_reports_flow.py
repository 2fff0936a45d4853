"""An anonymous officer files a cyber-incident report with a file, sees where it went and why,
adds an update from the e-mailed link; the FBI desk sees and acknowledges it; the HSI desk
does not see it. Every page on the way is checked with axe-core and photographed."""

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
from .conftest import assert_accessible, screenshot, sign_in

SEED = importlib.import_module("cyber_reports.migrations.0002_seed_agencies_and_incident_types")


@pytest.fixture(autouse=True)
def _routing_table():
    """The seeded agencies and incident types, whatever an earlier live-server test's flush
    and restore left behind (the seed is idempotent)."""
    SEED.seed(apps, None)


LOG = b"2026-11-28T06:38:12 deny tcp 203.0.113.5:443 -> 10.0.0.5:51515\n"


def fill_report(page) -> None:
    page.locator("#id_reporter_name").fill("Dana Whitfield")
    page.locator("#id_reporter_title").fill("Detective Sergeant")
    page.locator("#id_reporter_organization").fill("Riverton Police Department")
    page.locator("#id_reporter_phone").fill("(555) 010-4477")
    page.locator("#id_reporter_email").fill("d.whitfield@riverton-pd.example")
    page.locator("#id_entity_name").fill("Riverton General Hospital")
    page.locator("#id_entity_owner").fill("Riverton Health System")
    page.locator("#id_entity_type").select_option("non_profit")
    page.locator("#id_sector").select_option("healthcare")
    page.locator("label.cyber-type-tile", has_text="Ransomware or cyber extortion").click()
    page.locator("#id_started_at").fill("2026-11-27T22:15")
    page.locator("#id_detected_at").fill("2026-11-28T06:40")
    page.locator("#id_attack_vector").select_option("email")
    page.locator("#id_detection_method").fill("Ransom note on the screens of the records system.")
    page.locator("#id_functional_impact").select_option("denial_critical")
    page.get_by_text("Suspected but not identified", exact=True).click()
    page.locator("#id_activity_location").select_option("critical_systems")
    page.locator("label[for=id_critical_functions_affected_0]").click()
    page.locator("#id_impact_synopsis").fill("Ambulances diverted; surgeries postponed.")
    page.locator("label[for=id_technical_assistance_requested]").click()
    page.locator("#id_destination_addresses").fill("203.0.113.5:443\n[2001:db8::1]:8443")
    page.locator("#id_destination_urls").fill("hxxps://pay-now[.]example/ransom")
    page.locator("#id_source_addresses").fill("198.51.100.7")
    page.locator("#id_status-0-occurred_at").fill("2026-11-28T07:30")
    page.locator("#id_status-0-description").fill("Systems isolated from the internet")
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "firewall.log", "mimeType": "text/plain", "buffer": LOG}]
    )


def test_officer_files_a_report_and_desks_work_it(page, browser, live_server):
    # Guidance pages.
    for path, name in (
        ("/cyber-incidents/", "cyber-guidance"),
        ("/cyber-incidents/what-to-report/", "cyber-what-to-report"),
        ("/cyber-incidents/how-to-report/", "cyber-key-contacts"),
        ("/cyber-incidents/training/", "cyber-training"),
    ):
        page.goto(path)
        assert_accessible(page)
        screenshot(page, name)
    expect(page.get_by_role("heading", name="Cyber training and other resources")).to_be_visible()

    # The form: an empty submission shows every problem, then the real report.
    page.goto("/cyber-incidents/")
    page.get_by_role("link", name="Report a cyber incident").last.click()
    page.wait_for_url(re.compile(r"/cyber-incidents/report/$"))
    assert_accessible(page)
    screenshot(page, "cyber-report-form")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name=re.compile("problems with this form"))).to_be_visible()
    expect(page.get_by_text("Enter when the incident was detected.").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "cyber-report-errors")
    page.locator("#id_destination_addresses").fill("300.1.1.1")
    fill_report(page)
    page.locator("#id_destination_addresses").fill("203.0.113.5:99999")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("a port is a number from 0 to 65535").first).to_be_visible()
    assert page.locator("#id_reporter_name").input_value() == "Dana Whitfield"  # kept
    page.locator("#id_destination_addresses").fill("203.0.113.5:443\n[2001:db8::1]:8443")
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "firewall.log", "mimeType": "text/plain", "buffer": LOG}]
    )
    page.get_by_role("button", name="Send the report").click()

    # The confirmation: agencies and reasons.
    page.wait_for_url(re.compile(r"/cyber-incidents/report/CIR-\d{4}-\d{6}/received/$"))
    report = CyberIncidentReport.objects.get()
    expect(page.get_by_text(report.tracking_number).first).to_be_visible()
    routing_list = page.locator(".cyber-routing-list")
    assert "FBI — ransomware and cyber extortion are computer attacks" in routing_list.inner_text()
    assert "DHS/CISA — because:" in routing_list.inner_text()
    assert "critical-infrastructure essential functions were affected" in routing_list.inner_text()
    assert "HSI" not in routing_list.inner_text()
    assert report.attachments.get().original_name == "firewall.log"
    assert_accessible(page)
    screenshot(page, "cyber-report-received")

    # The update link from the e-mailed receipt.
    receipt = next(m for m in mail.outbox if m.to == ["d.whitfield@riverton-pd.example"])
    link = re.search(r"https?://[^/\s]+(/cyber-incidents/update/\S+/)", receipt.body).group(1)
    page.context.clear_cookies()
    page.goto(link)
    assert_accessible(page)
    page.locator("#id_body").fill("A second ransom note names a payment deadline of Dec 1.")
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "note2.txt", "mimeType": "text/plain", "buffer": b"Pay by Dec 1"}]
    )
    page.get_by_role("button", name="Send the update").click()
    expect(page.get_by_text(re.compile("Your update was added to"))).to_be_visible()
    expect(page.get_by_text("A second ransom note names a payment deadline")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "cyber-report-update")
    update_notices = [m for m in mail.outbox if "Update to cyber-incident report" in m.subject]
    assert sorted(m.to[0] for m in update_notices) == [
        "cisa-desk@leacorner.example",
        "fbi-desk@leacorner.example",
        "usss-desk@leacorner.example",
    ]

    # The FBI desk sees it and acknowledges it.
    fbi = UserFactory(email="desk.agent@fbi.example", role=Role.DESK_FBI)
    secret = enrol_totp(fbi)
    page.context.clear_cookies()
    sign_in(page, fbi.email, PASSWORD, totp_secret=secret)
    page.goto("/cyber-incidents/desk/")
    page.wait_for_url(re.compile(r"/cyber-incidents/desk/fbi/$"))
    expect(page.get_by_role("link", name=report.tracking_number)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "cyber-desk-list")
    page.get_by_role("link", name=report.tracking_number).click()
    expect(page.get_by_role("link", name="firewall.log")).to_be_visible()
    expect(page.get_by_role("link", name="note2.txt")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "cyber-desk-report")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_text("Enter your agency's case number.").first).to_be_visible()
    assert_accessible(page)
    page.locator("#id_case_number").fill("288A-CI-4410")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_text("Acknowledged under case number 288A-CI-4410.")).to_be_visible()
    page.locator("#id_body").fill("Matches an open case in the Cleveland field office.")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("Matches an open case in the Cleveland field office.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "cyber-desk-acknowledged")
    routing = ReportRouting.objects.get(report=report, agency__code="FBI")
    assert routing.status == "acknowledged" and routing.agency_case_number == "288A-CI-4410"
    with page.expect_download() as download:
        page.get_by_role("link", name="firewall.log").click()
    assert download.value.suggested_filename == "firewall.log"

    # The HSI desk does not see it, even by its address.
    hsi = UserFactory(email="desk.agent@hsi.example", role=Role.DESK_HSI)
    hsi_secret = enrol_totp(hsi)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    hsi_page = context.new_page()
    sign_in(hsi_page, hsi.email, PASSWORD, totp_secret=hsi_secret)
    hsi_page.goto("/cyber-incidents/desk/")
    hsi_page.wait_for_url(re.compile(r"/cyber-incidents/desk/hsi/$"))
    expect(hsi_page.get_by_text("No report matches these filters.")).to_be_visible()
    assert_accessible(hsi_page)
    screenshot(hsi_page, "cyber-desk-list-hsi-empty")
    for path in (
        f"/cyber-incidents/desk/hsi/{report.tracking_number}/",
        f"/cyber-incidents/desk/fbi/{report.tracking_number}/",
        "/cyber-incidents/desk/fbi/",
    ):
        response = hsi_page.goto(path)
        assert response.status == 404
    context.close()


def test_report_form_on_a_phone(mobile_page):
    mobile_page.goto("/cyber-incidents/report/")
    assert_accessible(mobile_page)
    screenshot(mobile_page, "cyber-report-form-mobile")
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
