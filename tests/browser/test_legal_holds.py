"""The legal-hold pages, as a supervisor and a desk member use them: axe-core finds nothing at
1,280 px and at 375 px, and the hold shows on the record's page once placed."""

from accounts.roles import Role
from leacorner.legal_holds import place_hold
from testkit.mfa import enrol_totp

from ..factories import PASSWORD, StakeholderRequestFactory, UserFactory, routed_report
from .conftest import assert_accessible, new_page, screenshot, sign_in


def _signed_in(page, role: Role):
    user = UserFactory(role=role)
    sign_in(page, user.email, PASSWORD, totp_secret=enrol_totp(user))
    return user


def test_a_supervisor_places_and_releases_a_hold_in_the_admin(page):
    _signed_in(page, Role.ERO_SUPERVISOR)
    item = StakeholderRequestFactory()
    change = f"/admin/stakeholder_forms/stakeholderrequest/{item.pk}/change/"
    page.goto(change)
    page.get_by_role("link", name="Place on legal hold…").click()
    page.get_by_role("button", name="Place the hold").click()
    page.wait_for_selector("text=Give the reason.")  # the next page, not the one clicked on
    assert_accessible(page)
    screenshot(page, "stakeholder-admin-legal-hold-form")
    page.get_by_label("Reason").fill("Litigation hold: Doe v. Fairfax County, 1:26-cv-00412")
    page.get_by_role("button", name="Place the hold").click()
    page.wait_for_selector("text=is on legal hold")  # the next page, not the one clicked on
    page.locator("#legal-holds").scroll_into_view_if_needed()
    assert_accessible(page)
    screenshot(page, "stakeholder-admin-legal-hold")
    page.get_by_role("link", name="Release the legal hold…").click()
    page.get_by_label("Reason").fill("Case settled; counsel released the hold on 2026-11-30")
    page.get_by_role("button", name="Release the hold").click()
    page.wait_for_selector("text=is released")  # the next page, not the one clicked on
    assert_accessible(page)


def test_a_desk_holds_a_report_from_its_page_at_375_pixels(browser, live_server):
    report = routed_report(incident_types=["identity_theft"])  # the FBI only
    for width, height in ((1280, 900), (375, 800)):
        context, page = new_page(browser, live_server, width, height)
        user = _signed_in(page, Role.DESK_FBI)
        page.goto(f"/cyber-incidents/desk/fbi/{report.tracking_number}/")
        page.locator("#legal-hold").scroll_into_view_if_needed()
        assert_accessible(page)
        if width == 1280:
            place_hold(report, by=user, reason="Grand-jury preservation letter", held_for="FBI")
            page.reload()
            assert "Release your agency" in page.content()
            assert_accessible(page)
            screenshot(page, "cyber-desk-legal-hold")
        context.close()
