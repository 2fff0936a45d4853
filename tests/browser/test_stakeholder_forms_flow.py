"""The whole stakeholder flow in a browser: a clerk files a request, an ERO reviewer (with MFA)
claims it and asks for information, the clerk answers, the reviewer approves with findings,
the clerk downloads the PDF and a visitor verifies it. axe-core checks every page on the way."""

import datetime
import io
import re

from django.utils import timezone
from pypdf import PdfReader

from accounts.roles import Role
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import StakeholderRequest
from testkit.mfa import enrol_totp

from ..factories import PASSWORD, StakeholderRequestFactory, UserFactory, approved_request
from .conftest import assert_accessible, screenshot, sign_in


def fill_request_form(page, *, attested: bool = True) -> None:
    last_week = (datetime.date.today() - datetime.timedelta(days=7)).isoformat()
    page.locator("#id_requester_title").fill("Deputy clerk of court")
    page.locator("#id_agency_name").fill("Arlington General District Court")
    page.locator("#id_agency_type").select_option("court")
    page.locator("#id_agency_ori").fill("VA0070000")
    page.locator("#id_requester_phone").fill("703-555-0199")
    page.locator("#id_mailing_address").fill("1425 N Courthouse Rd\nArlington, VA 22201")
    page.locator("#id_subject_family_name").fill("Rivera")
    page.locator("#id_subject_given_names").fill("Ana Maria")
    page.locator("#id_subject_date_of_birth").fill("1990-05-17")
    page.locator("#id_subject_country_of_birth").fill("Honduras")
    page.locator("label[for=id_subject_sex_0]").click()
    page.locator("#id_obligation_type").select_option("court_appearance")
    page.locator("#id_obligation_date").fill(last_week)
    page.locator("#id_obligation_court").fill("Arlington General District Court")
    page.locator("#id_case_number").fill("GC26-1234")
    page.locator("#id_obligation_description").fill(
        "Did not appear for the hearing; capias issued."
    )
    page.locator("label[for=id_information_requested_0]").click()
    page.locator("label[for=id_information_requested_4]").click()
    if attested:
        page.locator("label[for=id_attested]").click()


def test_request_to_verified_certification(page, browser, live_server):
    clerk = UserFactory(role=Role.CLERK, full_name="Pat Clerk", email="pat@arlington-court.example")
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Morgan Reyes")
    secret = enrol_totp(reviewer)

    # --- The clerk files the request -------------------------------------------------------
    sign_in(page, clerk.email, PASSWORD)
    page.goto("/stakeholder-requests/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a new request").click()
    page.wait_for_url(re.compile(r"/stakeholder-requests/new/$"))
    assert_accessible(page)
    fill_request_form(page, attested=False)
    page.locator("#id_a_number").fill("A 123 45")
    page.get_by_role("button", name="Submit request").click()
    summary = page.locator(".leacorner-error-summary")
    summary.wait_for()
    assert "There are 2 problems with this form" in summary.inner_text()
    assert page.locator("#id_subject_family_name").input_value() == "Rivera"  # nothing lost
    assert_accessible(page)
    screenshot(page, "stakeholder-request-form-errors")
    page.locator("#id_a_number").fill("A 123 456 789")
    page.locator("label[for=id_attested]").click()
    page.get_by_role("button", name="Submit request").click()
    page.wait_for_url(re.compile(r"/stakeholder-requests/\d+/submitted/$"))
    tracking = page.locator("#tracking-number").inner_text()
    assert re.fullmatch(r"CJS-\d{4}-\d{6}", tracking)
    assert_accessible(page)
    screenshot(page, "stakeholder-request-submitted")
    item = StakeholderRequest.objects.get(tracking_number=tracking)
    assert item.a_number == "123456789"

    # --- The reviewer claims it and asks for information ------------------------------------
    staff, admin = staff_page(browser, live_server)
    sign_in(admin, reviewer.email, PASSWORD, totp_secret=secret)
    StakeholderRequestFactory(  # an older request, past the age threshold
        submitted_at=timezone.now() - datetime.timedelta(days=21),
        subject_family_name="Kowalski",
        agency_name="Loudoun County Probation",
        agency_type="probation",
    )
    admin.goto("/admin/stakeholder_forms/stakeholderrequest/")
    assert tracking in admin.content()
    accessible_admin(admin)
    screenshot(admin, "stakeholder-admin-queue")
    admin.get_by_role("link", name=tracking).click()
    admin.get_by_role("button", name="Claim (assign to me)").click()
    admin.wait_for_selector("text=You have claimed")
    accessible_admin(admin)
    admin.get_by_role("link", name="Ask for information").click()
    accessible_admin(admin)
    admin.locator("#id_message").fill("Please upload the capias or the docket entry for GC26-1234.")
    admin.get_by_role("button", name="Preview the e-mail").click()
    admin.wait_for_selector("#letter-body")
    assert "GC26-1234" in admin.locator("#letter-body").inner_text()
    accessible_admin(admin)
    screenshot(admin, "stakeholder-admin-letter-preview")
    admin.get_by_role("button", name="Send the e-mail").click()
    admin.wait_for_selector("text=The clerk has been asked")

    # --- The clerk answers ------------------------------------------------------------------
    page.goto(f"/stakeholder-requests/{item.pk}/")
    assert "Please upload the capias" in page.content()
    assert_accessible(page)
    screenshot(page, "stakeholder-request-needs-info")
    page.locator("#id_message").fill("The capias was issued on the hearing day; case GC26-1234.")
    page.get_by_role("button", name="Send the answer").click()
    page.wait_for_selector("text=Your answer is with the reviewer")
    assert_accessible(page)

    # --- The reviewer approves with findings ------------------------------------------------
    admin.reload()
    admin.get_by_role("link", name="Approve…").click()
    accessible_admin(admin)
    day = item.obligation_date
    admin.locator("#id_in_custody_on_date_0").check()
    admin.locator("#id_custody_from").fill((day - datetime.timedelta(days=3)).isoformat())
    admin.locator("#id_custody_to").fill((day + datetime.timedelta(days=2)).isoformat())
    admin.locator("#id_facility").fill("Farmville Detention Center")
    admin.locator("#id_released_on").fill((day + datetime.timedelta(days=2)).isoformat())
    admin.locator("#id_current_status_1").check()  # released
    screenshot(admin, "stakeholder-admin-approve")
    admin.get_by_role("button", name="Preview the certificate").click()
    admin.wait_for_selector("#certificate-statement")
    accessible_admin(admin)
    screenshot(admin, "stakeholder-admin-certificate-preview")
    admin.get_by_role("button", name="Issue the certification").click()
    admin.wait_for_selector("text=is issued and the clerk is notified")
    accessible_admin(admin)
    screenshot(admin, "stakeholder-admin-request")
    certification = Certification.objects.get(request=item)
    staff.close()

    # --- The clerk downloads the certification ----------------------------------------------
    page.goto(f"/stakeholder-requests/{item.pk}/")
    assert_accessible(page)
    screenshot(page, "stakeholder-request-approved")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certification (PDF)").click()
    data = open(download.value.path(), "rb").read()  # noqa: SIM115
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    for fact in (certification.number, tracking, certification.verification_code, "RIVERA"):
        assert fact in text

    # --- A visitor verifies it --------------------------------------------------------------
    visitor = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    judge = visitor.new_page()
    judge.goto("/verify/")
    assert_accessible(judge)
    judge.get_by_label("Certification number").fill(certification.number)
    judge.get_by_label("Verification code").fill(certification.verification_code)
    judge.get_by_role("button", name="Check").click()
    judge.locator("#verify-outcome").wait_for()
    assert "Valid" in judge.locator("#verify-outcome").inner_text()
    assert "RIVERA, Ana Maria" in judge.locator("#certification-facts").inner_text()
    assert_accessible(judge)
    screenshot(judge, "stakeholder-verify-valid")
    visitor.close()


def test_clerk_pages_at_phone_width(mobile_page):
    clerk = UserFactory(role=Role.CLERK)
    StakeholderRequestFactory(clerk=clerk)
    sign_in(mobile_page, clerk.email, PASSWORD)
    mobile_page.goto("/stakeholder-requests/")
    assert_accessible(mobile_page)
    screenshot(mobile_page, "stakeholder-my-requests-mobile")
    mobile_page.goto("/stakeholder-requests/new/")
    assert_accessible(mobile_page)
    mobile_page.get_by_role("button", name="Save and finish later").click()
    mobile_page.wait_for_selector("text=Draft saved")
    assert_accessible(mobile_page)
    screenshot(mobile_page, "stakeholder-request-form-mobile")
    scroll_width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375


def test_withdraw_and_denied_pages(page):
    clerk = UserFactory(role=Role.CLERK)
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    to_withdraw = StakeholderRequestFactory(clerk=clerk)
    denied = StakeholderRequestFactory(clerk=clerk)
    denied.claim(by=reviewer)
    denied.deny(by=reviewer, reason="insufficient_identity", note="Add the A-number if known.")
    sign_in(page, clerk.email, PASSWORD)
    page.goto(f"/stakeholder-requests/{denied.pk}/")
    assert "The subject cannot be identified" in page.content()
    assert "Withdraw this request" not in page.content()
    assert_accessible(page)
    page.goto(f"/stakeholder-requests/{to_withdraw.pk}/")
    page.get_by_role("link", name="Withdraw this request").click()
    page.wait_for_url(re.compile(r"/withdraw/$"))
    assert_accessible(page)
    screenshot(page, "stakeholder-request-withdraw")
    page.locator("#id_note").fill("The defendant appeared on the new date.")
    page.get_by_role("button", name="Yes, withdraw the request").click()
    page.wait_for_selector("text=is withdrawn")
    assert_accessible(page)
    to_withdraw.refresh_from_db()
    assert to_withdraw.status == "withdrawn"
    page.goto("/stakeholder-requests/?status=withdrawn")
    assert to_withdraw.tracking_number in page.content()
    assert denied.tracking_number not in page.content()
    assert_accessible(page)


def staff_page(browser, live_server):
    """A page for the admin in its own context. axe-core's checks set inline styles that the
    CSP refuses, which the `page` fixture would report; here CSP errors are collected and
    `accessible_admin` asserts there were none before it runs axe, then forgets axe's own."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1440, "height": 900})
    admin = context.new_page()
    errors: list[str] = []
    CSP_ERRORS[id(admin)] = errors
    admin.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    return context, admin


#: CSP errors seen by each staff page, by id() of the page.
CSP_ERRORS: dict[int, list[str]] = {}


def accessible_admin(admin) -> None:
    errors = CSP_ERRORS[id(admin)]
    assert not errors, errors
    assert_accessible(admin)
    errors.clear()


def test_reviewer_denies_and_revokes_and_the_verify_page_says_revoked(page, browser, live_server):
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Sam Ortiz")
    secret = enrol_totp(reviewer)
    to_deny = StakeholderRequestFactory()
    to_deny.claim(by=reviewer)
    _approved, certification = approved_request(reviewer=reviewer)
    context, admin = staff_page(browser, live_server)
    sign_in(admin, reviewer.email, PASSWORD, totp_secret=secret)

    admin.goto(f"/admin/stakeholder_forms/stakeholderrequest/{to_deny.pk}/change/")
    accessible_admin(admin)
    admin.get_by_role("link", name="Deny…").click()
    accessible_admin(admin)
    admin.locator("#id_reason").select_option("other")
    admin.get_by_role("button", name="Preview the denial letter").click()
    admin.wait_for_selector("text=Explain the reason in the note.")
    accessible_admin(admin)
    admin.locator("#id_note").fill("The case was dismissed before the hearing date.")
    admin.get_by_role("button", name="Preview the denial letter").click()
    admin.wait_for_selector("#letter-body")
    assert "dismissed before the hearing" in admin.locator("#letter-body").inner_text()
    accessible_admin(admin)
    screenshot(admin, "stakeholder-admin-denial-preview")
    admin.get_by_role("button", name="Send the e-mail").click()
    admin.wait_for_selector("text=Denied. The clerk is notified.")
    to_deny.refresh_from_db()
    assert (to_deny.status, to_deny.denial_reason) == ("denied", "other")

    admin.goto(f"/admin/stakeholder_forms/certification/{certification.pk}/change/")
    accessible_admin(admin)
    admin.get_by_role("link", name="Revoke…").click()
    accessible_admin(admin)
    admin.locator("#id_reason").fill("The custody dates were corrected by the field office.")
    admin.get_by_role("button", name="Revoke the certification").click()
    admin.wait_for_selector("text=is revoked; the clerk is notified")
    assert "Revoke…" not in admin.content()
    accessible_admin(admin)
    screenshot(admin, "stakeholder-admin-certification-revoked")
    context.close()

    page.goto("/verify/")
    page.get_by_label("Certification number").fill(certification.number)
    page.get_by_label("Verification code").fill(certification.verification_code.lower())
    page.get_by_role("button", name="Check").click()
    page.locator("#verify-outcome").wait_for()
    assert "Revoked" in page.locator("#verify-outcome").inner_text()
    assert "custody dates were corrected" not in page.content()
    assert_accessible(page)
    screenshot(page, "stakeholder-verify-revoked")
