"""The stakeholder queue dashboard: its figures on a known queue (ages in working days, with
Thanksgiving 2026 on Thursday 26 November; percentiles worked out by hand), who may open it,
and its queries."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.roles import Role
from stakeholder_forms.dashboard import queue_dashboard
from stakeholder_forms.models import StakeholderRequest
from tests.factories import StakeholderRequestFactory, UserFactory, approved_request

pytestmark = pytest.mark.django_db(transaction=False)

EASTERN = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 3, 15, 0, tzinfo=ZoneInfo("UTC"))  # Thursday 10:00 in Washington
URL = reverse("stakeholder_forms:queue_dashboard")


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=EASTERN)


def filed(when: datetime, **kwargs) -> StakeholderRequest:
    request = StakeholderRequestFactory(**kwargs)
    StakeholderRequest.objects.filter(pk=request.pk).update(submitted_at=when)
    request.refresh_from_db()
    return request


def decided(filed_on: datetime, decided_on: datetime, *, by, deny: bool = False) -> None:
    if deny:
        request = StakeholderRequestFactory()
        request.claim(by=by)
        request.deny(by=by, reason="no_record", note="")
    else:
        request, _certification = approved_request(reviewer=by)
    StakeholderRequest.objects.filter(pk=request.pk).update(
        submitted_at=filed_on, decided_at=decided_on
    )


@pytest.fixture
def queue():
    """Five open requests, six decided ones, one withdrawn (see the module docstring)."""
    anna = UserFactory(role=Role.ERO_REVIEWER, full_name="Anna Reviewer")
    ben = UserFactory(role=Role.ERO_REVIEWER, full_name="Ben Reviewer")
    cleo = UserFactory(role=Role.ERO_SUPERVISOR, full_name="Cleo Supervisor")
    filed(at(12, 3))  # 0 working days
    filed(at(11, 30))  # 3: Dec 1, 2, 3
    waiting = filed(at(11, 23))  # 7: Nov 24, 25, 27, 30, Dec 1, 2, 3 (not Thanksgiving)
    waiting.claim(by=anna)
    waiting.ask_for_information(by=anna, message="Send the bond order.")
    claimed = filed(at(11, 16))  # 11: overdue
    claimed.claim(by=anna)
    # As a supervisor's assignment leaves it: assigned, not started (over 20 working days).
    old = filed(at(10, 1))
    StakeholderRequest.objects.filter(pk=old.pk).update(assigned_to=ben)
    decided(at(12, 1), at(12, 2), by=cleo)  # 1 day
    decided(at(11, 23), at(11, 25), by=cleo, deny=True)  # 2 days
    decided(at(11, 17), at(11, 20), by=cleo)  # 3 days
    decided(at(11, 2), at(11, 12), by=cleo)  # 10 days
    decided(at(9, 25), at(10, 15), by=cleo)  # 20 days, 49 days ago
    decided(at(7, 1), at(8, 1), by=cleo)  # 124 days ago: in no window
    withdrawn = filed(at(11, 24))
    withdrawn.withdraw(by=withdrawn.clerk)
    return anna, ben, cleo


def test_open_requests_by_age_band_and_overdue(queue):
    dashboard = queue_dashboard(now=NOW)
    rows = {group.label: group.cells for group in dashboard.age_chart.groups}
    assert rows == {
        "0–5 working days": ("2",),
        "6–10 working days": ("1",),
        "11–20 working days": ("1",),
        "Over 20 working days": ("1",),
    }
    assert dashboard.open_total == 5
    assert dashboard.unassigned == 2
    # The queue's own rule says the same.
    assert dashboard.overdue == 2 == StakeholderRequest.objects.overdue(NOW.date()).count()


def test_each_reviewers_load(queue):
    loads = {row.name: row for row in queue_dashboard(now=NOW).reviewers}
    anna, ben, cleo = loads["Anna Reviewer"], loads["Ben Reviewer"], loads["Cleo Supervisor"]
    assert (anna.open, anna.in_review, anna.needs_info, anna.not_started, anna.overdue) == (
        2,
        1,
        1,
        0,
        1,
    )
    assert (ben.open, ben.not_started, ben.overdue) == (1, 1, 1)
    assert cleo.open == 0  # on the list with nothing assigned
    names = [row.name for row in queue_dashboard(now=NOW).reviewers]
    assert (
        names.index("Anna Reviewer") < names.index("Ben Reviewer") < names.index("Cleo Supervisor")
    )


def test_time_from_filing_to_decision(queue):
    dashboard = queue_dashboard(now=NOW)
    last_30, last_90 = dashboard.decision_times["last_30"], dashboard.decision_times["last_90"]
    day = 24 * 3600
    # 1, 2, 3, 10 days: median 2.5; 90th percentile at position 2.7: 3 + 0.7 × 7 = 7.9.
    assert last_30.count == 4
    assert last_30.median_seconds == pytest.approx(2.5 * day)
    assert last_30.p90_seconds == pytest.approx(7.9 * day)
    # With the 20 days of October: median 3; position 3.6: 10 + 0.6 × 10 = 16.
    assert last_90.count == 5
    assert last_90.median_seconds == pytest.approx(3 * day)
    assert last_90.p90_seconds == pytest.approx(16 * day)
    rows = {group.label: group.cells for group in dashboard.decision_chart.groups}
    assert rows == {"Last 30 days": ("2.5", "7.9"), "Last 90 days": ("3.0", "16.0")}


def test_filed_and_decided_per_week(queue):
    rows = {group.label: group.cells for group in queue_dashboard(now=NOW).weekly_chart.groups}
    assert list(rows)[0] == "September 14, 2026" and list(rows)[-1] == "November 30, 2026"
    assert len(rows) == 12
    assert rows["November 30, 2026"] == ("3", "1")  # filed Nov 30, Dec 1, Dec 3; decided Dec 2
    assert rows["November 23, 2026"] == (
        "3",
        "1",
    )  # two on Nov 23, the withdrawn one; denied Nov 25
    assert rows["November 16, 2026"] == ("2", "1")
    assert rows["November 9, 2026"] == ("0", "1")
    assert rows["November 2, 2026"] == ("1", "0")
    assert rows["October 12, 2026"] == ("0", "1")
    assert rows["September 28, 2026"] == ("1", "0")
    assert rows["September 21, 2026"] == ("1", "0")
    assert sum(int(cells[0]) for cells in rows.values()) == 11  # all but July's


def test_an_empty_queue_has_no_figures_to_measure(db):
    dashboard = queue_dashboard(now=NOW)
    assert dashboard.open_total == 0
    assert dashboard.decision_times["last_30"].median_seconds is None
    assert dashboard.decision_chart.groups[0].cells == ("—", "—")


@pytest.mark.parametrize("role", [Role.ERO_REVIEWER, Role.ERO_SUPERVISOR, None])
def test_reviewers_supervisors_and_superusers_open_it(role_client, queue, role):
    client, _user = role_client(role)
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    page = response.content.decode()
    assert "<svg" in page and "Anna Reviewer" in page
    assert "<script" not in page.split("<main")[1].split("</main>")[0]


@pytest.mark.parametrize("role", [Role.CLERK, Role.DESK_FBI, Role.CONTENT_EDITOR])
def test_everyone_else_is_refused(role_client, role):
    client, _user = role_client(role)
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_reviewers_without_two_factor_authentication_are_refused(role_client):
    client, _user = role_client(Role.ERO_REVIEWER, mfa=False)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Set up two-factor authentication first" in response.content.decode()


def test_the_admin_links_to_it_for_reviewers(role_client):
    client, _user = role_client(Role.ERO_REVIEWER)
    page = client.get(reverse("admin:stakeholder_forms_stakeholderrequest_changelist"))
    assert URL in page.content.decode()


def test_queries_do_not_grow_with_the_queue(role_client, queue, django_assert_max_num_queries):
    client, _user = role_client(Role.ERO_SUPERVISOR)
    client.get(URL)  # session and permission caches; the first snapshot is computed here
    with django_assert_max_num_queries(10) as page:  # the page reads the worker's snapshot
        assert client.get(URL).status_code == 200
    assert not [
        sql
        for sql in (q["sql"] for q in page.captured_queries)
        if "stakeholder_forms_stakeholderrequest" in sql
    ]
    with django_assert_max_num_queries(10):  # what the worker computes
        queue_dashboard(now=NOW)
    for _ in range(5):
        filed(NOW - timedelta(days=40))
    with django_assert_max_num_queries(10):
        queue_dashboard(now=NOW)
