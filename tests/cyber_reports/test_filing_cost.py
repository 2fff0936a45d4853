"""What one whole anonymous cyber filing costs the database: statements and transactions of
the form page, the post and the receipt, counted as the portal runs them (issue 16). The
bounds are today's counts: a change that adds a statement or a transaction fails here, and a
change that removes some lowers the bound in the same commit."""

import re
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse

from cyber_reports.views import RECEIVED_COOKIE

from ..conftest import DATABASE_TASKS
from .conftest import report_data

#: Today's counts (2026-12-03, after the receipt moved from the session to a signed cookie:
#: 36 and 17 on PostgreSQL before) by database: (statements, transactions). Issue 16 asks for one
#: transaction per filing; SQLite runs more statements (no upsert for the tracking number, its
#: savepoints) than PostgreSQL.
BOUNDS = {"postgresql": (32, 13), "sqlite": (36, 15)}


@contextmanager
def counted():
    """Counts every statement sent and every transaction committed: a statement outside an
    atomic block is a transaction of its own (autocommit); an atomic block is one at its
    commit. The statements still run and the commits still happen."""
    counts = {"statements": 0, "transactions": 0, "sql": []}

    def statement(execute, sql, params, many, context):
        counts["statements"] += 1
        counts["sql"].append(sql[:120])
        if not connection.in_atomic_block:
            counts["transactions"] += 1
        return execute(sql, params, many, context)

    real_commit = connection.commit

    def commit():
        counts["transactions"] += 1
        return real_commit()

    connection.commit = commit
    try:
        with connection.execute_wrapper(statement):
            yield counts
    finally:
        del connection.commit


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_whole_anonymous_filing_stays_within_its_statements_and_transactions(settings):
    settings.TASKS = DATABASE_TASKS  # the production queue: a delivery task is a row
    settings.CYBER_REPORTS_ANONYMOUS_LIMIT = 1000
    data = report_data()
    client = Client(REMOTE_ADDR="203.0.113.80")
    url = reverse("cyber_reports:report_create")
    client.get(url)  # the first visitor fills the per-process caches; count the second
    client = Client(REMOTE_ADDR="203.0.113.81")
    with counted() as counts:
        form = client.get(url)
        answer = client.post(url, data)
        receipt = client.get(answer["Location"])
    assert form.status_code == 200 and answer.status_code == 302
    assert re.search(rb"CIR-\d{4}-\d{6}", receipt.content)
    print({key: counts[key] for key in ("statements", "transactions")})
    statements, transactions = BOUNDS[connection.vendor]
    listing = "\n".join(counts["sql"])
    assert counts["statements"] <= statements, listing
    assert counts["transactions"] <= transactions, listing


@pytest.mark.django_db
def test_an_anonymous_filer_gets_a_receipt_without_a_session():
    client = Client()
    answer = client.post(reverse("cyber_reports:report_create"), report_data())
    receipt = client.get(answer["Location"])
    assert receipt.status_code == 200 and b"Your report was received" in receipt.content
    assert not Session.objects.exists()
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    cookie = client.cookies[RECEIVED_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_a_receipt_cookie_that_was_altered_or_copied_to_another_report_shows_nothing():
    client = Client()
    first = client.post(reverse("cyber_reports:report_create"), report_data())["Location"]
    other = Client()
    second = other.post(reverse("cyber_reports:report_create"), report_data())["Location"]
    assert client.get(second).status_code == 404  # the cookie names its own report only
    value = client.cookies[RECEIVED_COOKIE].value
    client.cookies[RECEIVED_COOKIE] = value.replace("CIR-", "CIR-9", 1)
    assert client.get(first).status_code == 404
