"""Desk staff find their desk: the header links each desk a user is on and marks it current on
that desk's pages; "Staff admin" is offered only to staff who have something to do there."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import Role
from testkit.mfa import signed_in_client

from ..factories import UserFactory, routed_report


def primary_nav(html: str) -> list[tuple[str, str, bool]]:
    """(label, href, current) of each primary navigation link."""
    nav = html[html.index('class="usa-nav__primary') : html.index("usa-nav__secondary")]
    return [
        (label.strip(), href, "usa-current" in classes)
        for classes, href, label in re.findall(
            r'<a class="usa-nav-link([^"]*)" href="([^"]+)"[^>]*><span>([^<]+)</span>', nav
        )
    ]


@pytest.mark.django_db
def test_a_desk_member_gets_my_desk_and_no_empty_staff_admin():
    report = routed_report(incident_types=["identity_theft"])  # the FBI's
    client = signed_in_client(UserFactory(role=Role.DESK_FBI))
    home = client.get("/").content.decode()
    assert ("My desk", "/cyber-incidents/desk/fbi/", False) in primary_nav(home)
    assert "Staff admin" not in home  # the admin has nothing for a desk member
    for url in (
        reverse("cyber_reports:desk_list", kwargs={"agency": "fbi"}),
        reverse(
            "cyber_reports:desk_report",
            kwargs={"agency": "fbi", "tracking_number": report.tracking_number},
        ),
    ):
        links = primary_nav(client.get(url).content.decode())
        assert ("My desk", "/cyber-incidents/desk/fbi/", True) in links, url
        # On a desk page the reporting section is not the current one.
        assert ("Report a cyber incident", "/cyber-incidents/report/", False) in links, url
    guidance = primary_nav(client.get(reverse("cyber_reports:guidance")).content.decode())
    assert ("Report a cyber incident", "/cyber-incidents/report/", True) in guidance
    assert ("My desk", "/cyber-incidents/desk/fbi/", False) in guidance


@pytest.mark.django_db
def test_a_member_of_two_desks_gets_one_link_per_desk():
    user = UserFactory(role=Role.DESK_FBI)
    user.groups.add(Group.objects.get(name=Role.DESK_HSI))
    page = signed_in_client(user).get("/cyber-incidents/desk/hsi/").content.decode()
    desks = [link for link in primary_nav(page) if link[0].startswith("My desk")]
    assert desks == [
        ("My desk: HSI", "/cyber-incidents/desk/hsi/", True),
        ("My desk: FBI", "/cyber-incidents/desk/fbi/", False),
    ]


@pytest.mark.django_db
def test_others_get_no_desk_link_and_admin_staff_keep_staff_admin():
    anonymous = primary_nav(
        signed_in_client(UserFactory(role=Role.CLERK)).get("/").content.decode()
    )
    assert not [link for link in anonymous if "desk" in link[0].lower()]
    reviewer = signed_in_client(UserFactory(role=Role.ERO_REVIEWER)).get("/").content.decode()
    assert "Staff admin" in reviewer
    assert not [link for link in primary_nav(reviewer) if "desk" in link[0].lower()]
    superuser = UserFactory(is_staff=True, is_superuser=True)
    page = signed_in_client(superuser).get("/").content.decode()
    assert ("Cyber desks", "/cyber-incidents/desk/", False) in primary_nav(page)
    assert "Staff admin" in page


@pytest.mark.django_db
def test_the_desk_links_cost_no_query_for_anyone_but_staff():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in_client(UserFactory(role=Role.CLERK))
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [
        q for q in queries if "cyber_reports_agency" in q["sql"] or "auth_group" in q["sql"]
    ]
