"""The site works at 320 px wide and with JavaScript off."""

import pytest

from accounts.roles import Role

from ..factories import PASSWORD, UserFactory
from .conftest import assert_accessible, screenshot, sign_in


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/no-such-page/"])
def test_pages_fit_a_320_pixel_screen(browser, live_server, path):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    assert_accessible(page)
    if path == "/accounts/login/":
        screenshot(page, "login-320px")
    context.close()


def test_sign_in_and_navigation_work_without_javascript(browser, live_server):
    user = UserFactory(role=Role.CLERK)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/")
    nav = page.get_by_role("navigation", name="Primary navigation")
    assert nav.is_visible(), "the menu must be reachable without JavaScript"
    assert nav.get_by_role("link", name="Directory").is_visible()
    screenshot(page, "home-no-javascript-375px")
    sign_in(page, user.email, PASSWORD)
    assert page.get_by_role("button", name="Sign out").is_visible()
    # axe-core needs scripts, so accessibility is checked by the scripted tests.
    context.close()


def test_an_invalid_form_shows_a_summary_whose_links_focus_the_field(page):
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Sign Up").click()
    summary = page.locator(".leacorner-error-summary")
    assert summary.is_visible()
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_full_name"
    screenshot(page, "form-error-summary")
