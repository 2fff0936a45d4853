"""The columns that decide the work are in view at 1280 px, without scrolling the table: the
desk list's status and age, and the ERO queue's status and age (both fell outside before)."""

import pytest
from django.apps import apps

from accounts.roles import Role
from testkit.mfa import enrol_totp

from ..factories import PASSWORD, StakeholderRequestFactory, UserFactory, routed_report
from .conftest import sign_in
from .test_cyber_coordination_flow import SEED

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _routing_table():
    SEED.seed(apps, None)


def in_view(page, header_selector: str, container_selector: str) -> dict:
    """Where a column's header ends, against the visible part of its scrollable table and the
    viewport (no scrolling: the table's own and the page's scroll positions are at 0)."""
    return page.evaluate(
        """([header, container]) => {
            const th = document.querySelector(header).getBoundingClientRect();
            const box = document.querySelector(container).getBoundingClientRect();
            return {right: th.right, visible: box.left + document.querySelector(container)
                    .clientWidth, viewport: window.innerWidth};
        }""",
        [header_selector, container_selector],
    )


def test_the_desk_lists_status_and_age_are_in_view(page):
    for n in range(3):
        routed_report(
            incident_types=[
                "ransomware",
                "malicious_code",
                "computer_intrusion",
                "denial_of_service",
            ],
            entity_name=f"Consolidated Regional Water and Wastewater Treatment Authority {n}",
            sector="water",
        )
    user = UserFactory(email="wide@cisa.example", role=Role.DESK_CISA)
    sign_in(page, user.email, PASSWORD, totp_secret=enrol_totp(user))
    page.goto("/cyber-incidents/desk/cisa/")
    assert page.viewport_size["width"] == 1280
    table = ".usa-table-container--scrollable[aria-label='Reports']"
    for column in (2, 3):  # Status, Age
        place = in_view(page, f".cyber-desk-table thead th:nth-child({column})", table)
        assert place["right"] <= place["visible"] <= place["viewport"], (column, place)


def test_the_ero_queues_status_and_age_are_in_view(page):
    for n in range(3):
        StakeholderRequestFactory(
            subject_family_name=f"Montgomery-Villanueva-Castellanos {n}",
            subject_given_names="Maria Guadalupe Alejandra",
            agency_name="Superior Court of the County of Los Angeles, Criminal Division",
        )
    reviewer = UserFactory(email="wide@ice.example", role=Role.ERO_REVIEWER)
    sign_in(page, reviewer.email, PASSWORD, totp_secret=enrol_totp(reviewer))
    page.goto("/admin/stakeholder_forms/stakeholderrequest/")
    for column in ("status_badge", "age"):
        place = in_view(page, f"#result_list th.column-{column}", "#changelist .results")
        assert place["right"] <= place["visible"] <= place["viewport"], (column, place)


def test_the_queue_dashboards_reviewer_table_is_whole_and_no_clerk_tab_is_current(page):
    reviewer = UserFactory(
        email="wide@ice.example",
        role=Role.ERO_SUPERVISOR,
        full_name="Maria Guadalupe Alejandra Montgomery-Villanueva",
    )
    StakeholderRequestFactory().claim(by=reviewer)
    sign_in(page, reviewer.email, PASSWORD, totp_secret=enrol_totp(reviewer))
    page.goto("/stakeholder-requests/dashboard/")
    table = '.usa-table-container--scrollable[aria-label="Each reviewer\'s open requests"]'
    place = in_view(page, f"{table} thead th:last-child", table)  # Overdue
    assert place["right"] <= place["visible"] <= place["viewport"], place
    assert page.locator(".usa-nav .usa-current").count() == 0
