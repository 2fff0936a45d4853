"""The ERO supervisor's pages in the queue, in Chromium: the list with its bulk actions and
export link, the bulk "Assign to…" page and a request's own Assign page, axe-clean at 1,280 px
and at 375 px; the bulk assignment carried out by hand, as a supervisor would."""

import pytest

from accounts.roles import Role
from stakeholder_forms.models import StakeholderRequest
from testkit.mfa import enrol_totp

from ..factories import PASSWORD, StakeholderRequestFactory, UserFactory
from .conftest import assert_accessible, screenshot, sign_in
from .test_admin_pages import assert_fits

QUEUE = "/admin/stakeholder_forms/stakeholderrequest/"


@pytest.mark.parametrize("width", [1280, 375])
def test_the_supervisors_pages_are_accessible(page, mobile_page, width):
    page = page if width == 1280 else mobile_page
    supervisor = UserFactory(role=Role.ERO_SUPERVISOR, full_name="Sam Supervisor")
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Rita Reviewer")
    items = [StakeholderRequestFactory() for _ in range(3)]
    sign_in(page, supervisor.email, PASSWORD, totp_secret=enrol_totp(supervisor))
    suffix = "" if width == 1280 else "-375"

    page.goto(QUEUE)
    assert page.get_by_role("link", name="Export these requests (CSV)").is_visible()
    assert_accessible(page)
    if width == 1280:
        assert_fits(page)
    screenshot(page, f"admin-supervisor-queue{suffix}")

    for item in items[:2]:
        page.locator(f'input[name="_selected_action"][value="{item.pk}"]').check()
    page.select_option('select[name="action"]', "assign_selected")
    page.get_by_role("button", name="Go").click()
    page.wait_for_selector("text=You chose 2 requests")
    assert_accessible(page)
    screenshot(page, f"admin-supervisor-assign-selected{suffix}")
    page.get_by_label("Assign to").select_option(label=f"Rita Reviewer <{reviewer.email}>")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_selector("text=2 assigned to Rita Reviewer.")
    assert StakeholderRequest.objects.filter(assigned_to=reviewer).count() == 2

    page.goto(f"{QUEUE}{items[2].pk}/change/")
    page.get_by_role("link", name="Assign to…").click()
    page.wait_for_selector("text=Now with: nobody (in the queue).")
    assert_accessible(page)
    screenshot(page, f"admin-supervisor-assign-one{suffix}")
