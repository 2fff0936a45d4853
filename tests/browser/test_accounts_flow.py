"""A clerk registers, verifies the e-mail and signs in; a staff member enrols MFA with the link
an administrator sent and reaches the admin only after passing it. Every page on the way is
checked with axe-core."""

import re

from django.core import mail

from accounts.enrolment import issue_link
from accounts.models import SecurityEvent, User
from accounts.roles import Role
from testkit.totp import totp

from ..factories import PASSWORD, UserFactory
from .conftest import assert_accessible, screenshot, sign_in

NEW_PASSWORD = "Stonewall-Quarry-Lantern-88"


def test_clerk_signs_up_verifies_and_signs_in(page):
    page.goto("/")
    assert_accessible(page)
    screenshot(page, "home")
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.locator("#id_full_name").fill("Casey Clerk")
    page.locator("#id_title").fill("Court clerk")
    page.locator("#id_agency_name").fill("County Court")
    page.locator("#id_agency_ori").fill("VA0070000")
    page.get_by_label("E-mail address").fill("clerk@county-court.example")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    assert_accessible(page)

    user = User.objects.get(email="clerk@county-court.example")
    assert not user.groups.exists()  # a clerk only once a supervisor approves
    message = mail.outbox[-1]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    html = message.alternatives[0][0]
    assert f'href="{link}"' in html, "the HTML part carries the same link"
    page.goto(link.split("/accounts", 1)[1].join(["/accounts", ""]))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()

    sign_in(page, "clerk@county-court.example", NEW_PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/clerk-account/$"))
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert_accessible(page)


def test_staff_enrol_mfa_with_the_administrators_link_then_pass_it_to_reach_the_admin(page):
    user = UserFactory(email="reviewer@ice.example", role=Role.ERO_REVIEWER)

    sign_in(page, "reviewer@ice.example", PASSWORD)
    page.goto("/admin/")
    # No MFA yet, and the password alone may not set it up: the page says how.
    assert page.get_by_role("heading", name="Set up two-factor authentication first").is_visible()
    assert_accessible(page)
    issue_link(user, issued_by="admin@ice.example")
    link = re.search(r"https?://[^/]+(/accounts/staff-enrolment/\S+/)", mail.outbox[-1].body)
    page.goto(link.group(1))
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/|/accounts/reauthenticate/"))
    if "/accounts/reauthenticate/" in page.url:
        assert_accessible(page)
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert page.get_by_role("heading", name="Set up an authenticator app").is_visible()
    assert_accessible(page)
    screenshot(page, "mfa-enrol")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    assert page.get_by_role("heading", name="Your recovery codes").is_visible()
    assert_accessible(page)
    screenshot(page, "mfa-recovery-codes")
    assert SecurityEvent.objects.filter(kind="mfa_added", email="reviewer@ice.example").exists()
    # On to where they were going, without a second code.
    page.get_by_role("link", name="I have kept my codes: continue").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.get_by_role("heading", name="Work queues and content").is_visible()

    # A new session: password, then the TOTP code, then the admin opens.
    page.context.clear_cookies()
    sign_in(page, "reviewer@ice.example", PASSWORD, totp_secret=secret)
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.get_by_role("heading", name="Work queues and content").is_visible()
    assert_accessible(page)
    screenshot(page, "admin-index")
