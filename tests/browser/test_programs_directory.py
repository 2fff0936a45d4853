"""The directory in a real browser: browsing to a call link, searching from the header, the
field-office map by keyboard alone, and axe-core on every page type at desktop and 375 px."""

import importlib
import re

import pytest
from django.apps import apps

from programs.models import Program

from .conftest import assert_accessible, screenshot


@pytest.fixture(autouse=True)
def directory_content(live_server):
    """The seeded directory. Serialized rollback restores it after other browser tests, but a
    transactional test that runs earlier without it flushes the tables and, depending on the
    session's mix of tests, pytest-django may not have serialized them: seed again if so."""
    if not Program.objects.exists():
        for name, function in (
            ("0003_seed_directory", "seed"),
            ("0004_cyber_alias", "add_alias"),
            ("0005_tool_kit_component", "agency_wide"),
        ):
            module = importlib.import_module(f"programs.migrations.{name}")
            getattr(module, function)(apps, None)


PAGES = {
    "home": "/",
    "category": "/directory/categories/immigration-law-enforcement/",
    "program": "/directory/programs/law-enforcement-support-center/",
    "program-287g": "/directory/programs/287g-program/",
    "faq": "/directory/faq/",
    "field-offices": "/directory/field-offices/",
    "search": "/directory/search/?q=287(g)",
    "no-results": "/directory/search/?q=fugitve",
    "404": "/directory/programs/no-such-program/",
}


def test_browse_home_to_category_to_program_to_call_link(page):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Immigration Law-Enforcement Resources").click()
    page.wait_for_url(re.compile(r"/directory/categories/immigration-law-enforcement/$"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Immigration Law-Enforcement Resources"
    )
    page.get_by_role("link", name="Law Enforcement Support Center").first.click()
    page.wait_for_url(re.compile(r"/directory/programs/law-enforcement-support-center/$"))
    call = page.locator('a[href="tel:+18028726000"]').first
    assert call.is_visible()
    assert "(802) 872-6000" in call.inner_text()
    assert page.get_by_text("24/7").first.is_visible()
    assert page.locator(".usa-breadcrumb").get_by_role("link", name="Information Sharing").count()


def test_search_from_the_header_highlights_and_ranks(page):
    page.goto("/directory/faq/")
    box = page.get_by_role("searchbox", name="Search programs and FAQs")
    box.fill("287(g)")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/directory/search/\?q=287"))
    first = page.locator(".directory-results .usa-collection__heading a").first
    assert first.inner_text() == "287(g) Program"
    assert page.locator("mark").first.is_visible()
    first.click()
    page.wait_for_url(re.compile(r"/directory/programs/287g-program/$"))
    assert page.get_by_role("table").get_by_role("rowheader", name="Florida").is_visible()


def test_field_office_map_works_with_the_keyboard_alone(page):
    page.goto("/directory/field-offices/")
    visited = []
    for _ in range(200):
        page.keyboard.press("Tab")
        state = page.evaluate("document.activeElement.getAttribute('data-state')")
        if state:
            visited.append(state)
        elif visited:
            break  # focus has left the map
    assert len(visited) == 55 and len(set(visited)) == 55, visited
    # Back to Texas with Shift+Tab, then Enter follows its link.
    steps_back = len(visited) - visited.index("TX")
    for _ in range(steps_back):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-state')") == "TX"
    focus_ring = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('rect')).strokeWidth"
    )
    assert focus_ring == "4px"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?state=TX#coverage$"))
    coverage = page.locator("#coverage")
    for office in ("Dallas", "El Paso", "Harlingen", "Houston", "San Antonio"):
        assert coverage.get_by_role("link", name=f"{office} field office").is_visible()
    assert_accessible(page)
    screenshot(page, "directory-field-offices-texas")


def test_which_office_select_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/directory/field-offices/")
        page.get_by_label("Which office covers my state or territory?").select_option("GU")
        page.get_by_role("button", name="Show the office").click()
        page.wait_for_url(re.compile(r"state=GU"))
        assert page.locator("#coverage").get_by_role("link", name="San Francisco field office")
        # Answers of the FAQ are readable without scripts.
        page.goto("/directory/faq/")
        assert page.get_by_text("Williston, Vermont").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_is_accessible_at_desktop_width(page, name):
    page.goto(PAGES[name])
    assert_accessible(page)
    screenshot(page, f"directory-{name}")


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_is_accessible_at_375_px(mobile_page, name):
    mobile_page.goto(PAGES[name])
    assert_accessible(mobile_page)
    overflow = mobile_page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not overflow, f"{name} scrolls sideways at 375 px"
    if name in ("home", "program", "field-offices", "search"):
        screenshot(mobile_page, f"directory-{name}-mobile")
