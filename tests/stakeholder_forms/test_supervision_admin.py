"""Supervisors' pages in the ERO queue: bulk Assign to… and Release, a request's Assign page,
the queue export (the transitions themselves: test_assignment.py)."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.roles import Role
from leacorner.models import OutgoingEmail
from stakeholder_forms.models import RecordView, StakeholderRequest
from testkit.mfa import signed_in_client

from ..factories import StakeholderRequestFactory, UserFactory

CHANGELIST = reverse("admin:stakeholder_forms_stakeholderrequest_changelist")
EXPORT = reverse("admin:stakeholder_forms_stakeholderrequest_export")


def assign_url(item) -> str:
    return reverse("admin:stakeholder_forms_stakeholderrequest_assign", args=[item.pk])


@pytest.fixture
def supervisor(db):
    return UserFactory(role=Role.ERO_SUPERVISOR, full_name="Sam Supervisor")


@pytest.fixture
def supervisor_client(supervisor):
    return signed_in_client(supervisor)


def texts(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_only_supervisors_get_the_bulk_actions_and_the_export_link(
    reviewer_client, supervisor_client
):
    StakeholderRequestFactory()
    as_reviewer = reviewer_client.get(CHANGELIST).content.decode()
    assert "assign_selected" not in as_reviewer and "Export these requests" not in as_reviewer
    assert 'name="_selected_action"' not in as_reviewer
    as_supervisor = supervisor_client.get(CHANGELIST).content.decode()
    assert "assign_selected" in as_supervisor and "release_selected" in as_supervisor
    assert "delete_selected" not in as_supervisor
    assert "Export these requests (CSV)" in as_supervisor
    # A reviewer who posts the action anyway changes nothing: they have no actions.
    item = StakeholderRequestFactory()
    owner = UserFactory(role=Role.ERO_REVIEWER)
    item.claim(by=owner)
    reviewer_client.post(
        CHANGELIST, {"action": "release_selected", "_selected_action": [item.pk]}, follow=True
    )
    assert StakeholderRequest.objects.get(pk=item.pk).assigned_to == owner


def test_bulk_assign_shows_the_requests_then_assigns_each_and_reports(
    supervisor, supervisor_client
):
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Rita Reviewer")
    items = [StakeholderRequestFactory() for _ in range(3)]
    decided = StakeholderRequestFactory()
    chosen = [*items, decided]
    page = supervisor_client.post(
        CHANGELIST,
        {"action": "assign_selected", "_selected_action": [i.pk for i in chosen]},
    )
    html = page.content.decode()
    assert page.status_code == 200 and "You chose 4 requests" in html
    assert all(i.tracking_number in html for i in chosen)
    assert "Rita Reviewer" in html
    post = {
        "action": "assign_selected",
        "apply": "Assign",
        "reviewer": reviewer.pk,
        "_selected_action": [i.pk for i in chosen],
        **{f"version_{i.pk}": i.version for i in chosen},
    }
    # While the supervisor chooses, the clerk withdraws one.
    decided.withdraw(by=decided.clerk)
    response = supervisor_client.post(CHANGELIST, post, follow=True)
    said = texts(response)
    assert "3 assigned to Rita Reviewer." in said
    assert (
        f"1 skipped: {decided.tracking_number}: A request that is “Withdrawn” cannot be assigned."
        in said
    )
    for item in items:
        item.refresh_from_db()
        assert item.assigned_to == reviewer and item.status == "in_review"
        assert item.events.last().note == "Assigned to Rita Reviewer by Sam Supervisor."
    assert OutgoingEmail.objects.filter(to=reviewer.email, kind="stakeholder_assigned").count() == 3


def test_bulk_assign_without_a_reviewer_keeps_the_choice_and_says_why(supervisor_client):
    item = StakeholderRequestFactory()
    response = supervisor_client.post(
        CHANGELIST,
        {"action": "assign_selected", "apply": "Assign", "_selected_action": [item.pk]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose the reviewer to assign to." in html and item.tracking_number in html
    assert StakeholderRequest.objects.get(pk=item.pk).assigned_to is None


def test_a_request_claimed_while_the_supervisor_chose_is_left_to_its_claimant(
    supervisor_client,
):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    claimant = UserFactory(role=Role.ERO_REVIEWER)
    item = StakeholderRequestFactory()
    seen = item.version
    StakeholderRequest.objects.get(pk=item.pk).claim(by=claimant)
    response = supervisor_client.post(
        CHANGELIST,
        {
            "action": "assign_selected",
            "apply": "Assign",
            "reviewer": reviewer.pk,
            "_selected_action": [item.pk],
            f"version_{item.pk}": seen,
        },
        follow=True,
    )
    assert texts(response) == [
        f"1 skipped: {item.tracking_number}: it changed after you chose it; left as it is"
    ]
    assert StakeholderRequest.objects.get(pk=item.pk).assigned_to == claimant


def test_bulk_release(supervisor_client):
    owner = UserFactory(role=Role.ERO_REVIEWER)
    taken = [StakeholderRequestFactory() for _ in range(2)]
    for item in taken:
        item.claim(by=owner)
    free = StakeholderRequestFactory()
    free.claim(by=owner)
    free.release(by=owner)
    new = StakeholderRequestFactory()
    response = supervisor_client.post(
        CHANGELIST,
        {"action": "release_selected", "_selected_action": [i.pk for i in [*taken, free, new]]},
        follow=True,
    )
    said = texts(response)
    assert "2 released to the queue." in said
    assert (
        f"2 skipped: {free.tracking_number}: Nobody has this request; it is in the queue "
        f"already.; {new.tracking_number}: A request that is “Submitted” cannot be released."
    ) in said
    assert (
        StakeholderRequest.objects.filter(pk__in=[i.pk for i in taken], assigned_to=None).count()
        == 2
    )


def test_bulk_actions_are_limited_to_200_at_once(supervisor_client, monkeypatch):
    from stakeholder_forms import supervision_admin

    monkeypatch.setattr(supervision_admin, "AT_ONCE", 2)
    items = [StakeholderRequestFactory() for _ in range(3)]
    response = supervisor_client.post(
        CHANGELIST,
        {"action": "assign_selected", "_selected_action": [i.pk for i in items]},
        follow=True,
    )
    assert "Choose at most 2 requests at a time; you chose 3." in texts(response)


def test_assign_one_request_from_its_page(supervisor, supervisor_client, reviewer_client):
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Rita Reviewer")
    item = StakeholderRequestFactory()
    change = reverse("admin:stakeholder_forms_stakeholderrequest_change", args=[item.pk])
    assert assign_url(item) in supervisor_client.get(change).content.decode()
    assert assign_url(item) not in reviewer_client.get(change).content.decode()
    page = supervisor_client.get(assign_url(item))
    assert "Now with: nobody (in the queue)." in page.content.decode()
    response = supervisor_client.post(
        assign_url(item), {"reviewer": reviewer.pk, "version": item.version}, follow=True
    )
    assert f"{item.tracking_number} is assigned to Rita Reviewer, who is e-mailed." in texts(
        response
    )
    assert StakeholderRequest.objects.get(pk=item.pk).assigned_to == reviewer
    # The same page again, from the old version: stale.
    again = supervisor_client.post(
        assign_url(item), {"reviewer": supervisor.pk, "version": item.version}, follow=True
    )
    assert any("changed while you were working on it" in t for t in texts(again))
    assert reviewer_client.get(assign_url(item)).status_code == 403


def test_the_export_is_the_filtered_queue_guarded_and_logged(supervisor, supervisor_client):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    mine = StakeholderRequestFactory(requester_name='=HYPERLINK("http://evil")')
    mine.assign(by=supervisor, to=reviewer)
    other = StakeholderRequestFactory()
    closed = StakeholderRequestFactory()
    closed.withdraw(by=closed.clerk)
    response = supervisor_client.get(EXPORT, {"assigned": "none", "p": "7"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"].startswith("private, no-store")
    assert response["Content-Disposition"].startswith('attachment; filename="stakeholder-queue-')
    assert RecordView.objects.count() == 0  # nothing read until the rows are sent
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["tracking_number"] for r in rows] == [other.tracking_number]  # open, unassigned
    everything = supervisor_client.get(EXPORT, {"status": "all"})
    rows = list(csv.DictReader(io.StringIO(b"".join(everything.streaming_content).decode())))
    by_number = {r["tracking_number"]: r for r in rows}
    assert set(by_number) == {mine.tracking_number, other.tracking_number, closed.tracking_number}
    assert by_number[mine.tracking_number]["requester_name"] == '\'=HYPERLINK("http://evil")'
    assert by_number[mine.tracking_number]["assigned_reviewer"] == reviewer.get_full_name()
    assert by_number[mine.tracking_number]["a_number"] == "A123-456-789"
    logged = RecordView.objects.filter(viewer=supervisor, what="export")
    assert sorted(logged.values_list("request", flat=True)) == sorted(
        [other.pk, mine.pk, other.pk, closed.pk]
    )


def test_the_export_with_bad_filters_says_so(supervisor_client):
    response = supervisor_client.get(EXPORT, {"nonsense__field": "1"}, follow=True)
    assert "The export’s filters are not valid" in texts(response)[0]


def test_the_export_reads_the_queue_in_a_bounded_number_of_queries(
    supervisor_client, django_assert_max_num_queries
):
    for _ in range(30):
        StakeholderRequestFactory()
    response = supervisor_client.get(EXPORT)
    with django_assert_max_num_queries(6):
        body = b"".join(response.streaming_content)
    assert body.count(b"\r\n") == 31


def test_reviewers_may_not_export(reviewer_client):
    assert reviewer_client.get(EXPORT).status_code == 403
