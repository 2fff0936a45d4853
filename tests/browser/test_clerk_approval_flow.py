"""A clerk signs up with their agency's ORI, confirms the address and waits; an ERO supervisor
(with MFA) approves the account in the admin; the clerk then files a request. axe-core checks
every page on the way, the clerk's at desktop width and at 375 px."""

import re

from django.core import mail

from accounts.models import ClerkAccount
from accounts.roles import Role
from stakeholder_forms.models import StakeholderRequest
from testkit.mfa import enrol_totp
from testkit.payloads import SIGN_UP_PASSWORD

from ..factories import PASSWORD, UserFactory, waiting_clerk
from .conftest import assert_accessible, new_page, screenshot, sign_in
from .test_stakeholder_forms_flow import fill_request_form

EMAIL = "robin.hale@arlington-court.example"


def sign_up(page, *, ori: str) -> None:
    page.goto("/accounts/signup/")
    page.locator("#id_full_name").fill("Robin Hale")
    page.locator("#id_title").fill("Deputy clerk")
    page.locator("#id_agency_name").fill("Arlington General District Court")
    page.locator("#id_agency_ori").fill(ori)
    page.get_by_label("E-mail address").fill(EMAIL)
    page.locator("#id_password1").fill(SIGN_UP_PASSWORD)
    page.locator("#id_password2").fill(SIGN_UP_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()


def confirm_address(page) -> None:
    message = next(m for m in reversed(mail.outbox) if EMAIL in m.to)
    path = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+/)", message.body).group(1)
    page.goto(path)
    page.get_by_role("button", name="Confirm").click()


def test_sign_up_wait_supervisor_approves_then_file(page, browser, live_server):
    supervisor = UserFactory(
        role=Role.ERO_SUPERVISOR, full_name="Dana Ortiz", email="dana.ortiz@ice.example"
    )
    secret = enrol_totp(supervisor)

    # --- Sign-up: a wrong ORI is explained, nothing typed is lost ----------------------------
    sign_up(page, ori="VA-007")
    page.locator(".leacorner-error-summary").wait_for()
    assert "An ORI has 9 characters" in page.content()
    assert page.locator("#id_agency_name").input_value() == "Arlington General District Court"
    assert_accessible(page)
    screenshot(page, "clerk-sign-up-ori-error")
    page.locator("#id_agency_ori").fill("va 0070000")
    page.locator("#id_password1").fill(SIGN_UP_PASSWORD)
    page.locator("#id_password2").fill(SIGN_UP_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    confirm_address(page)
    account = ClerkAccount.objects.get(user__email=EMAIL)
    assert account.status == ClerkAccount.Status.WAITING

    # --- Signed in, the clerk sees the wait, and the form is refused -------------------------
    sign_in(page, EMAIL, SIGN_UP_PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/clerk-account/$"))
    assert page.get_by_role("heading", name="Your account is waiting for approval").is_visible()
    assert "VA0070000" in page.content()
    assert_accessible(page)
    screenshot(page, "clerk-account-waiting")
    page.goto("/stakeholder-requests/new/")
    assert page.get_by_role("heading", name="Your account is waiting for approval").is_visible()
    assert page.locator("#id_subject_family_name").count() == 0

    # --- The supervisor approves it in the admin ---------------------------------------------
    context, admin = new_page(browser, live_server, 1440, 900)
    sign_in(admin, supervisor.email, PASSWORD, totp_secret=secret)
    notice = next(m for m in mail.outbox if "waits for approval" in m.subject)
    admin.goto(re.search(r"https?://[^/]+(/admin/\S+/change/)", notice.body).group(1))
    assert "Robin Hale" in admin.content() and "VA0070000" in admin.content()
    assert_accessible(admin)
    screenshot(admin, "admin-clerk-account-waiting")
    admin.goto("/admin/accounts/clerkaccount/")
    assert_accessible(admin)
    screenshot(admin, "admin-clerk-account-queue")
    admin.get_by_role("link", name="Robin Hale").click()
    admin.get_by_role("button", name="Approve: may file requests").click()
    admin.get_by_text("is approved and told by e-mail").wait_for()
    assert_accessible(admin)
    context.close()
    assert any(EMAIL in m.to and "Your clerk account is approved" in m.subject for m in mail.outbox)

    # --- The clerk files ----------------------------------------------------------------------
    page.goto("/stakeholder-requests/new/")
    fill_request_form(page)
    page.locator("#id_a_number").fill("A 123 456 789")
    page.get_by_role("button", name="Submit request").click()
    page.wait_for_url(re.compile(r"/stakeholder-requests/\d+/submitted/$"))
    assert StakeholderRequest.objects.filter(clerk__email=EMAIL).count() == 1


def test_the_refusal_page_and_the_clerk_pages_at_375_px(mobile_page, browser, live_server):
    page = mobile_page
    page.goto("/accounts/signup/")
    assert_accessible(page)
    screenshot(page, "clerk-sign-up-375px")
    clerk = waiting_clerk(full_name="Sam Ito", email="sam.ito@fairfax-court.example")
    sign_in(page, clerk.email, PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/clerk-account/$"))
    assert_accessible(page)
    screenshot(page, "clerk-account-waiting-375px")

    supervisor = UserFactory(role=Role.ERO_SUPERVISOR, email="lee.park@ice.example")
    secret = enrol_totp(supervisor)
    context, admin = new_page(browser, live_server, 1440, 900)
    sign_in(admin, supervisor.email, PASSWORD, totp_secret=secret)
    admin.goto(f"/admin/accounts/clerkaccount/{clerk.clerk_account.pk}/refuse/")
    admin.get_by_role("button", name="Refuse the account").click()
    assert admin.get_by_text("Write the reason; the clerk is sent it.").is_visible()
    assert_accessible(admin)
    admin.get_by_label("Reason").fill("The circuit court has no clerk of that name.")
    admin.get_by_role("button", name="Refuse the account").click()
    admin.get_by_text("account is refused").wait_for()
    screenshot(admin, "admin-clerk-account-refused")
    context.close()

    page.reload()
    assert page.get_by_role("heading", name="Your account was not approved").is_visible()
    assert "no clerk of that name" in page.content()
    assert_accessible(page)
    screenshot(page, "clerk-account-refused-375px")
