"""Staff lists of a million rows are counted exactly while small and estimated when large."""

import pytest
from django.db import connection

from leacorner.models import OutgoingEmail
from leacorner.pagination import EstimatedCountPaginator, ResultCount, bounded_count
from leacorner.templatetags.counts import count_display


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
