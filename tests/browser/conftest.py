"""Playwright + Debian's Chromium against pytest-django's live server, with axe-core checks.

Fixtures: `browser` (one Chromium per session), `page` (a fresh context per test, 1280 px wide,
failing the test on any Content-Security-Policy violation or uncaught script error),
`mobile_page` (375 px), and `new_page()` for one more person at once. Helpers:
`assert_accessible(page)` runs axe-core for WCAG 2.1 A/AA and fails on any violation;
`screenshot(page, name)` saves `docs/screenshots/<name>.png`;
`sign_in(page, email, password, totp_secret=None)` goes through the real sign-in form.
"""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import sync_playwright

from testkit.totp import totp

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # Live-server tests flush the database; restore the migrated data (roles, seeds).
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: install the Debian packages chromium and chromium-driver")
    # Django keeps the migrated data that `serialized_rollback` restores before each
    # transactional test on the connection object that created the test database. Once
    # Playwright's event loop runs in this thread, asgiref hands the thread new connection
    # objects (kept per context while a loop runs), which would not have that copy: every
    # transactional test after the first browser test would then start from an empty database
    # (only the roles, which post_migrate recreates). So the new objects are given the copy.
    migrated_data = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in migrated_data.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _new_page(browser, live_server, width: int, height: int):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.leacorner_problems = problems
    return context, page, problems


def new_page(browser, live_server, width: int = 1280, height: int = 900):
    """(context, page) of one more person in the test, e.g. a second desk signed in at once;
    the page records its CSP violations and script errors like the `page` fixture's."""
    context, page, _problems = _new_page(browser, live_server, width, height)
    return context, page


@pytest.fixture
def page(browser, live_server):
    context, page, problems = _new_page(browser, live_server, 1280, 900)
    yield page
    context.close()
    assert not problems, f"browser problems: {problems}"


@pytest.fixture
def mobile_page(browser, live_server):
    context, page, problems = _new_page(browser, live_server, 375, 740)
    yield page
    context.close()
    assert not problems, f"browser problems: {problems}"


def assert_accessible(page) -> None:
    """Fail on any axe-core WCAG 2.1 A/AA violation on the page as it is now.

    The page's own CSP violations and script errors are checked first; those that axe-core
    causes while it measures (it sets inline styles) are not the page's and are dropped."""
    problems = getattr(page, "leacorner_problems", [])
    assert not problems, f"browser problems on {page.url}: {problems}"
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    problems.clear()
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, email: str, password: str, totp_secret: str | None = None) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("label[for=id_acknowledge_notice]").click()  # USWDS hides the box itself
    page.get_by_role("button", name="Sign in").click()
    if totp_secret:
        page.locator("#id_code").fill(totp(totp_secret))
        page.get_by_role("button", name="Sign in").click()
