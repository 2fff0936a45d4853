"""The staff dashboards in Chromium: the stakeholder queue's (a supervisor) and the FBI desk's,
axe-clean at 1280 and 375 px, with their charts drawn and their screenshots in docs/."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from testkit.mfa import enrol_totp

from ..cyber_reports.test_dashboard import report
from ..factories import PASSWORD, UserFactory
from ..stakeholder_forms.test_dashboard import decided, filed
from .conftest import assert_accessible, new_page, screenshot, sign_in

SEED = importlib.import_module("cyber_reports.migrations.0002_seed_agencies_and_incident_types")


@pytest.fixture(autouse=True)
def _routing_table():
    SEED.seed(apps, None)


def staff(browser, live_server, role: Role, email: str, width: int):
    user = UserFactory(email=email, role=role, full_name=f"Pat {email.split('@')[0].title()}")
    secret = enrol_totp(user)
    context, page = new_page(browser, live_server, width, 900 if width > 400 else 740)
    sign_in(page, user.email, PASSWORD, totp_secret=secret)
    return user, context, page


@pytest.mark.parametrize("width", [1280, 375])
def test_the_stakeholder_queue_dashboard(browser, live_server, width):
    supervisor, context, page = staff(
        browser, live_server, Role.ERO_SUPERVISOR, f"supervisor{width}@ice.example", width
    )
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Anna Reviewer")
    now = timezone.now()
    for days in (0, 1, 3, 9, 16, 30, 45):
        filed(now - timedelta(days=days))
    claimed = filed(now - timedelta(days=20))
    claimed.claim(by=reviewer)
    for filed_days, decided_days in ((12, 10), (20, 13), (40, 32), (70, 60)):
        decided(now - timedelta(days=filed_days), now - timedelta(days=decided_days), by=supervisor)
    if width > 400:
        page.goto("/admin/")
        page.get_by_role("link", name="Stakeholder queue dashboard").click()
    else:
        page.goto("/stakeholder-requests/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stakeholder queue dashboard")
    expect(page.locator("svg.dashboard-chart__svg")).to_have_count(4)
    assert "Anna Reviewer" in page.locator("main").inner_text()
    assert_accessible(page)
    screenshot(page, f"dashboard-stakeholder-queue-{width}")
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_desk_dashboard(browser, live_server, width):
    now = timezone.now()
    for days, types, ack in (
        (0, ("ransomware", "computer_intrusion"), 2),
        (2, ("computer_intrusion",), None),
        (9, ("fraud",), 6),
        (20, ("computer_intrusion",), 30),
        (50, ("ransomware",), 12),
    ):
        report(now - timedelta(days=days), types=types, ack_hours=ack)
    _user, context, page = staff(
        browser, live_server, Role.DESK_FBI, f"fbi{width}@fbi.example", width
    )
    page.goto("/cyber-incidents/desk/fbi/")
    page.get_by_role("link", name="FBI desk dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("FBI desk dashboard")
    expect(page.locator("svg.dashboard-chart__svg")).to_have_count(6)
    assert_accessible(page)
    screenshot(page, f"dashboard-desk-{width}")
    context.close()
