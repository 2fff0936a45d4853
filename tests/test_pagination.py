"""Staff lists of a million rows are counted exactly while small and estimated when large;
every paged list links its pages one way, keeping its filters."""

import re

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import Role
from leacorner.models import OutgoingEmail
from leacorner.pagination import EstimatedCountPaginator, ResultCount, bounded_count
from leacorner.templatetags.counts import count_display

from .conftest import signed_in_client
from .factories import StakeholderRequestFactory, UserFactory, routed_report


def emails(n: int) -> None:
    OutgoingEmail.objects.bulk_create(
        OutgoingEmail(kind="test", to=f"clerk{i}@court.example", subject="s", body_text="b")
        for i in range(n)
    )


def test_counts_read_as_numbers_and_estimates_say_about():
    assert count_display(ResultCount(1234)) == "1,234"
    assert count_display(7) == "7"
    assert count_display(None) == "0"
    assert count_display(ResultCount(412_318, exact=False)) == "about 412,000"
    assert count_display(ResultCount(10_001, exact=False)) == "about 10,000"


@pytest.mark.django_db
def test_a_list_within_the_limit_is_counted_exactly():
    emails(3)
    assert bounded_count(OutgoingEmail.objects.all(), limit=5) == ResultCount(3)
    assert bounded_count(OutgoingEmail.objects.all(), limit=3) == ResultCount(3)
    assert bounded_count(OutgoingEmail.objects.none(), limit=3) == ResultCount(0)


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_list_past_the_limit_is_estimated_on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("estimates come from PostgreSQL's planner")
    emails(40)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {OutgoingEmail._meta.db_table}")
    count = bounded_count(OutgoingEmail.objects.all(), limit=10)
    assert not count.exact
    assert count.value == 40  # the statistics are fresh, so the planner knows
    # Never below what was counted, even when the planner guesses low.
    narrow = OutgoingEmail.objects.filter(to__endswith="9@court.example")
    assert bounded_count(narrow, limit=2).value >= 3


@pytest.mark.django_db
def test_sqlite_counts_exactly_past_the_limit():
    if connection.vendor == "postgresql":
        pytest.skip("SQLite (development) has no planner estimate to take")
    emails(12)
    assert bounded_count(OutgoingEmail.objects.all(), limit=10) == ResultCount(12)


@pytest.mark.django_db
def test_the_paginator_pages_by_the_bounded_count():
    emails(7)
    paginator = EstimatedCountPaginator(OutgoingEmail.objects.order_by("pk"), 3)
    assert paginator.count == 7 and paginator.count_is_exact
    assert paginator.num_pages == 3
    assert len(paginator.page(3).object_list) == 1
    assert EstimatedCountPaginator(["a", "b"], 1).count == 2


# --- The USWDS pagination links (templates/includes/_pagination.html) -------------------------


def pagination_of(html: str) -> str:
    found = re.search(r'<nav aria-label="[^"]*" class="usa-pagination">.*?</nav>', html, re.S)
    return found.group(0) if found else ""


def test_the_pagination_links_keep_the_query_and_say_where_you_are():
    paginator = Paginator(list(range(45)), 20)
    assert pagination_of(render_to_string("includes/_pagination.html", {"page": paginator.page(1)}))
    one_page = render_to_string("includes/_pagination.html", {"page": Paginator([1], 20).page(1)})
    assert pagination_of(one_page) == ""
    html = render_to_string(
        "includes/_pagination.html",
        {"page": paginator.page(2), "query": "q=a%26b+c&sector=water", "label": "Pages of results"},
    )
    nav = pagination_of(html)
    assert 'aria-label="Pages of results"' in nav
    assert 'href="?q=a%26b+c&amp;sector=water&amp;page=1"' in nav
    assert 'href="?q=a%26b+c&amp;sector=water&amp;page=3"' in nav
    assert '<span class="usa-pagination__button usa-current" aria-current="page">Page 2 of 3' in nav
    last = pagination_of(render_to_string("includes/_pagination.html", {"page": paginator.page(3)}))
    assert 'aria-label="Pages"' in last
    assert 'href="?page=2"' in last and "usa-pagination__next-page" not in last


@pytest.mark.django_db
def test_the_clerks_list_pages_keep_the_status_filter():
    clerk = UserFactory(role=Role.CLERK)
    StakeholderRequestFactory.create_batch(26, clerk=clerk)
    client = signed_in_client(clerk)
    html = client.get(reverse("stakeholder_forms:request_list"), {"status": "submitted"})
    nav = pagination_of(html.content.decode())
    assert 'aria-label="Pages of requests"' in nav and "Page 1 of 2" in nav
    assert 'href="?status=submitted&amp;page=2"' in nav
    unfiltered = pagination_of(
        client.get(reverse("stakeholder_forms:request_list")).content.decode()
    )
    assert 'href="?page=2"' in unfiltered


@pytest.mark.django_db
def test_the_desk_list_pages_keep_the_filters(role_client):
    for _ in range(51):
        routed_report(incident_types=["ransomware"])
    client, _user = role_client(Role.DESK_FBI)
    url = reverse("cyber_reports:desk_list", kwargs={"agency": "fbi"})
    html = client.get(url, {"sector": "water", "page": "2"}).content.decode()
    nav = pagination_of(html)
    assert 'aria-label="Pages of reports"' in nav and "Page 2 of 2" in nav
    assert 'href="?sector=water&amp;page=1"' in nav
