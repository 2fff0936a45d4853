"""Breadcrumbs (leacorner/breadcrumbs.py and templates/includes/breadcrumbs.html): every step
a link but the last, which is the current page; both filing flows build them one way."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.roles import DESK_ROLES
from leacorner.breadcrumbs import Breadcrumbs

from .conftest import signed_in_client
from .factories import StakeholderRequestFactory, routed_report


def trail_of(html: str) -> list[tuple[str, str | None]]:
    """(label, link or None for the current page) of each step after Home."""
    nav = re.search(r'<nav class="usa-breadcrumb".*?</nav>', html, re.S).group(0)
    steps = re.findall(r'<li class="usa-breadcrumb__list-item[^"]*"[^>]*>(.*?)</li>', nav, re.S)
    result = []
    for step in steps[1:]:
        link = re.search(r'href="([^"]*)"', step)
        label = re.sub(r"<[^>]+>", "", step).strip()
        result.append((label, link.group(1) if link else None))
    return result


def test_a_trail_grows_without_changing_the_sections_first_step():
    section = Breadcrumbs(gettext_lazy("Cyber desks"), "/desks/")
    page = section.then("FBI desk", "/desks/fbi/").then("CIR-2026-000001")
    assert list(section) == [("Cyber desks", "/desks/")]
    assert [tuple(step) for step in page] == [
        ("Cyber desks", "/desks/"),
        ("FBI desk", "/desks/fbi/"),
        ("CIR-2026-000001", ""),
    ]
    assert page.url == "" and section.url == "/desks/"
    html = render_to_string("includes/breadcrumbs.html", {"trail": page})
    assert trail_of(html) == [
        ("Cyber desks", "/desks/"),
        ("FBI desk", "/desks/fbi/"),
        ("CIR-2026-000001", None),
    ]
    assert 'aria-current="page"><span>CIR-2026-000001</span>' in html


@pytest.mark.django_db
def test_the_clerks_pages_start_at_my_requests():
    item = StakeholderRequestFactory()
    client = signed_in_client(item.clerk)
    my_requests = reverse("stakeholder_forms:request_list")
    assert trail_of(client.get(my_requests).content.decode()) == [("My requests", None)]
    withdraw = client.get(reverse("stakeholder_forms:request_withdraw", args=[item.pk]))
    assert trail_of(withdraw.content.decode()) == [
        ("My requests", my_requests),
        (item.tracking_number, item.get_absolute_url()),
        ("Withdraw", None),
    ]


@pytest.mark.django_db
def test_the_reporting_and_desk_pages_start_at_their_sections(client, role_client):
    guidance = reverse("cyber_reports:guidance")
    assert trail_of(client.get(guidance).content.decode()) == [("Cyber-incident reporting", None)]
    training = client.get(reverse("cyber_reports:training")).content.decode()
    assert trail_of(training) == [
        ("Cyber-incident reporting", guidance),
        ("Training and resources", None),
    ]
    form = client.get(reverse("cyber_reports:report_create")).content.decode()
    assert trail_of(form) == [("Cyber-incident reporting", guidance), ("Report an incident", None)]

    report = routed_report(incident_types=["ransomware"])
    desk, _user = role_client(DESK_ROLES["FBI"])
    page = desk.get(
        reverse(
            "cyber_reports:desk_report",
            kwargs={"agency": "fbi", "tracking_number": report.tracking_number},
        )
    )
    assert trail_of(page.content.decode()) == [
        ("Cyber desks", reverse("cyber_reports:desk_index")),
        ("FBI desk", reverse("cyber_reports:desk_list", kwargs={"agency": "fbi"})),
        (report.tracking_number, None),
    ]
