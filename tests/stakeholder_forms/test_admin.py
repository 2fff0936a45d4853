"""The ERO queue in the admin: what reviewers see, the buttons they get, what each one does."""

import datetime
import io
import os
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from leacorner.models import OutgoingEmail
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import RecordView, StakeholderRequest
from testkit.mfa import signed_in_client
from testkit.previews import decide

from ..factories import StakeholderRequestFactory, UserFactory, approved_request, custody_findings
from .conftest import MINIMAL_PDF

CHANGELIST = reverse("admin:stakeholder_forms_stakeholderrequest_changelist")


def change_url(item) -> str:
    return reverse("admin:stakeholder_forms_stakeholderrequest_change", args=[item.pk])


def action_url(item, name: str) -> str:
    return reverse(f"admin:stakeholder_forms_stakeholderrequest_{name}", args=[item.pk])


def test_the_queue_shows_open_requests_oldest_first(reviewer_client):
    now = timezone.now()
    old = StakeholderRequestFactory(submitted_at=now - datetime.timedelta(days=30))
    new = StakeholderRequestFactory(submitted_at=now - datetime.timedelta(days=1))
    closed = StakeholderRequestFactory(submitted_at=now - datetime.timedelta(days=40))
    closed.withdraw(by=closed.clerk)
    html = reviewer_client.get(CHANGELIST).content.decode()
    assert html.index(old.tracking_number) < html.index(new.tracking_number)
    assert closed.tracking_number not in html
    assert "stakeholder-overdue" in html  # 30 days is past the 10-working-day threshold
    everything = reviewer_client.get(CHANGELIST, {"status": "all"}).content.decode()
    assert closed.tracking_number in everything
    withdrawn = reviewer_client.get(CHANGELIST, {"status": "withdrawn"}).content.decode()
    assert closed.tracking_number in withdrawn and old.tracking_number not in withdrawn


def test_queue_filters_and_search(reviewer, reviewer_client):
    mine = StakeholderRequestFactory(a_number="987654321", case_number="GC-77")
    mine.claim(by=reviewer)
    loose = StakeholderRequestFactory(agency_type="probation", subject_family_name="Kowalski")
    old = StakeholderRequestFactory(submitted_at=timezone.now() - datetime.timedelta(days=60))

    def shown(**params):
        html = reviewer_client.get(CHANGELIST, params).content.decode()
        return {i.tracking_number for i in (mine, loose, old) if i.tracking_number in html}

    assert shown(assigned="me") == {mine.tracking_number}
    assert shown(assigned="none") == {loose.tracking_number, old.tracking_number}
    assert shown(agency_type="probation") == {loose.tracking_number}
    assert shown(age="overdue") == {old.tracking_number}
    assert old.tracking_number not in shown(age="recent")
    assert shown(q="A 987-654-321") == {mine.tracking_number}
    assert shown(q="kowalski") == {loose.tracking_number}
    assert shown(q="GC-77") == {mine.tracking_number}
    assert shown(q=old.tracking_number) == {old.tracking_number}


def test_buttons_match_the_allowed_transitions(reviewer, reviewer_client):
    item = StakeholderRequestFactory()
    html = reviewer_client.get(change_url(item)).content.decode()
    assert "Claim (assign to me)" in html
    for absent in ("Approve…", "Deny…", "Ask for information", "Release to the queue"):
        assert absent not in html
    item.claim(by=reviewer)
    html = reviewer_client.get(change_url(item)).content.decode()
    assert "Claim (assign to me)" not in html
    for present in ("Approve…", "Deny…", "Ask for information", "Release to the queue"):
        assert present in html
    colleague = signed_in_client(UserFactory(role=Role.ERO_REVIEWER))
    html = colleague.get(change_url(item)).content.decode()
    assert "no action is open to you" in html and "Approve…" not in html
    # The request's own fields are read-only: no inputs and no save button.
    assert 'name="subject_family_name"' not in html and 'name="_save"' not in html


def test_claim_ask_approve_through_the_admin(
    reviewer, reviewer_client, django_capture_on_commit_callbacks
):
    item = StakeholderRequestFactory()
    response = reviewer_client.post(action_url(item, "claim"), {"version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.assigned_to) == ("in_review", reviewer)

    assert reviewer_client.get(action_url(item, "ask")).status_code == 200
    missing = reviewer_client.post(
        action_url(item, "ask"), {"version": item.version, "message": ""}
    )
    assert "Write what the clerk should provide." in missing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            reviewer_client,
            action_url(item, "ask"),
            {"version": item.version, "message": "Send the capias."},
        )
    item.refresh_from_db()
    assert item.status == "needs_info"
    item.answer_information_request(by=item.clerk, message="Attached")

    findings = custody_findings(item)
    bad = {
        "version": item.version,
        "in_custody_on_date": "yes",
        "custody_from": findings["custody_to"].isoformat(),
        "custody_to": findings["custody_from"].isoformat(),
        "facility": "Farmville",
        "current_status": "in_custody",
    }
    page = reviewer_client.post(action_url(item, "approve"), bad)
    assert page.status_code == 200
    assert "Custody cannot end before it starts." in page.content.decode()
    assert not Certification.objects.exists()
    good = {
        "version": item.version,
        "in_custody_on_date": "yes",
        "custody_from": findings["custody_from"].isoformat(),
        "custody_to": "",
        "facility": "Farmville Detention Center",
        "removed_on": "",
        "removal_country": "",
        "released_on": "",
        "current_status": "in_custody",
    }
    with django_capture_on_commit_callbacks(execute=True):
        done = decide(reviewer_client, action_url(item, "approve"), good, follow=True)
    assert "is issued and the clerk is notified" in done.content.decode()
    certification = Certification.objects.get(request=item)
    assert certification.current_status == "in_custody" and certification.custody_to is None
    kinds = list(
        OutgoingEmail.objects.about(item).order_by("created_at").values_list("kind", "status")
    )
    assert kinds == [
        ("stakeholder_needs_info", "sent"),
        ("stakeholder_info_provided", "queued"),  # to the reviewer; its commit was not run
        ("stakeholder_approved", "sent"),
    ]
    html = reviewer_client.get(change_url(item)).content.decode()
    assert "E-mails about this request" in html and "stakeholder_approved" in html


def test_deny_with_reason_and_note(reviewer, reviewer_client):
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    refused = reviewer_client.post(
        action_url(item, "deny"), {"version": item.version, "reason": "other"}
    )
    assert "Explain the reason in the note." in refused.content.decode()
    decide(
        reviewer_client,
        action_url(item, "deny"),
        {"version": item.version, "reason": "no_record", "note": "No match in EID."},
    )
    item.refresh_from_db()
    assert (item.status, item.denial_reason, item.decision_note) == (
        "denied",
        "no_record",
        "No match in EID.",
    )


def test_a_stale_button_says_reload(reviewer, reviewer_client):
    item = StakeholderRequestFactory()
    seen = item.version
    colleague = UserFactory(role=Role.ERO_REVIEWER)
    item.claim(by=colleague)
    response = reviewer_client.post(action_url(item, "claim"), {"version": seen}, follow=True)
    assert "changed while you were working on it" in response.content.decode()
    assert StakeholderRequest.objects.get(pk=item.pk).assigned_to == colleague


def test_action_pages_for_a_transition_not_allowed_redirect_with_the_reason(reviewer_client):
    item = StakeholderRequestFactory()
    response = reviewer_client.get(action_url(item, "approve"), follow=True)
    assert "A request that is “Submitted” cannot be approved." in response.content.decode()


def test_staff_views_are_logged_and_shown(reviewer, reviewer_client):
    item, certification = approved_request(reviewer=reviewer)
    reviewer_client.get(change_url(item))
    reviewer_client.get(
        reverse("admin:stakeholder_forms_certification_change", args=[certification.pk])
    )
    pdf = reviewer_client.get(
        reverse("admin:stakeholder_forms_certification_pdf", args=[certification.pk])
    )
    assert pdf.content.startswith(b"%PDF")
    logged = list(RecordView.objects.order_by("at", "pk").values_list("viewer", "request", "what"))
    assert logged == [
        (reviewer.pk, item.pk, "request"),
        (reviewer.pk, item.pk, "certification"),
        (reviewer.pk, item.pk, "certification_pdf"),
    ]
    html = reviewer_client.get(change_url(item)).content.decode()
    assert "Opened by staff" in html and reviewer.email in html
    superuser = signed_in_client(UserFactory(is_staff=True, is_superuser=True))
    log = superuser.get(reverse("admin:stakeholder_forms_recordview_changelist")).content.decode()
    assert item.tracking_number in log


def test_reviewers_download_documents_and_pdfs_privately(reviewer, reviewer_client):
    item, certification = approved_request(reviewer=reviewer)
    document_url = action_url(item, "document")
    assert reviewer_client.get(document_url).status_code == 404  # no document on the request
    item.document.save("stored", io.BytesIO(MINIMAL_PDF), save=False)
    item.document_name = "capias.pdf"
    item.save(update_fields=["document", "document_name"])
    document = reviewer_client.get(document_url)
    assert b"".join(document.streaming_content) == MINIMAL_PDF
    assert document["Content-Disposition"] == 'attachment; filename="capias.pdf"'
    pdf = reviewer_client.get(
        reverse("admin:stakeholder_forms_certification_pdf", args=[certification.pk])
    )
    assert pdf["Content-Disposition"] == f'attachment; filename="{certification.number}.pdf"'
    for response in (document, pdf):
        assert response["Content-Type"] == "application/pdf"
        # The admin adds its own never-cache directives to ours.
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    os.remove(item.document.path)
    assert reviewer_client.get(document_url).status_code == 404  # gone from the storage


def test_revoke_in_the_admin(reviewer, reviewer_client):
    item, certification = approved_request(reviewer=reviewer)
    url = reverse("admin:stakeholder_forms_certification_revoke", args=[certification.pk])
    assert reviewer_client.get(url).status_code == 200
    assert "Give the reason" in reviewer_client.post(url, {"reason": ""}).content.decode()
    reviewer_client.post(url, {"reason": "Wrong date of birth on file."})
    certification.refresh_from_db()
    assert certification.is_revoked
    page = signed_in_client(item.clerk).get(item.get_absolute_url()).content.decode()
    assert "Revoked on" in page and "Wrong date of birth on file." in page


def test_other_staff_cannot_open_the_queue(role_client):
    client, _user = role_client(Role.CONTENT_EDITOR)
    assert client.get(CHANGELIST).status_code == 403


@pytest.mark.parametrize("rows", [10_000])
def test_queue_query_count_is_bounded_at_10000_requests(
    reviewer, reviewer_client, django_assert_max_num_queries, rows
):
    template = StakeholderRequestFactory.build(clerk=reviewer)
    fields = {
        f.name: getattr(template, f.name)
        for f in StakeholderRequest._meta.concrete_fields
        if f.name not in {"id", "tracking_number"}
    }
    StakeholderRequest.objects.bulk_create(
        [
            StakeholderRequest(
                **{
                    **fields,
                    "tracking_number": f"CJS-2025-{n:06d}",
                    "assigned_to": reviewer if n % 3 == 0 else None,
                }
            )
            for n in range(1, rows + 1)
        ],
        batch_size=1000,
    )
    with django_assert_max_num_queries(20):
        response = reviewer_client.get(CHANGELIST)
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        reviewer_client.get(CHANGELIST, {"assigned": "me", "age": "recent", "q": "Doe"})


def test_certification_list_query_count_does_not_grow(
    reviewer, reviewer_client, django_assert_max_num_queries
):
    for _n in range(3):
        approved_request(reviewer=reviewer)
    url = reverse("admin:stakeholder_forms_certification_changelist")
    with django_assert_max_num_queries(15) as few:
        reviewer_client.get(url)
    for _n in range(12):
        approved_request(reviewer=reviewer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = reviewer_client.get(url)
    assert response.content.decode().count("CERT-") >= 15


def test_a_tracking_number_or_a_number_search_uses_its_own_column_only(reviewer_client):
    """At a million rows an OR with the name searches (ILIKE) scans the table: a tracking number
    or a typed A-number is looked up alone (docs/performance.md)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = StakeholderRequestFactory(a_number="123123123", subject_family_name="Quist")
    for term in (item.tracking_number.lower(), "A123-123-123"):
        with CaptureQueriesContext(connection) as queries:
            html = reviewer_client.get(CHANGELIST, {"q": term}).content.decode()
        assert item.tracking_number in html
        searched = [q["sql"] for q in queries.captured_queries if "stakeholderrequest" in q["sql"]]
        assert searched and not any("LIKE" in sql.upper() for sql in searched)


@pytest.mark.postgres
def test_a_name_search_uses_the_trigram_indexes(reviewer, rf):
    """The admin ORs `UPPER(column) LIKE '%term%'` over the names and the case number: each
    branch needs its trigram index, or a million requests are read (docs/performance.md)."""
    from django.contrib.admin.sites import site
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    StakeholderRequestFactory(subject_family_name="Quistgaard")
    model_admin = site._registry[StakeholderRequest]
    request = rf.get(CHANGELIST, {"q": "quistg"})
    request.user = reviewer
    results, _ = model_admin.get_search_results(request, StakeholderRequest.objects.all(), "quistg")
    assert results.count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # the table is tiny; are the indexes usable?
    try:
        plan = results.order_by().explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
    assert "Seq Scan" not in plan
    for index in ("family_name", "given_names", "middle_name", "other_names", "case_number"):
        assert f"stakeholder_{index}_trgm" in plan


def test_a_large_queue_says_about_how_many(reviewer, reviewer_client, monkeypatch):
    """Past the exact-count limit the queue shows the planner's estimate, marked "about"."""
    from django.db import connection

    from leacorner import pagination

    for _n in range(4):
        StakeholderRequestFactory()
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 2)
    html = reviewer_client.get(CHANGELIST, {"status": "all"}).content.decode()
    if connection.vendor == "postgresql":
        # Both the search bar and the pagination say it is an estimate.
        assert re.search(r"about [\d,]+ results", html)
        assert re.search(r"about [\d,]+ stakeholder requests", html)
    else:  # SQLite counts exactly
        assert "4 results" in html and "4 stakeholder requests" in html
