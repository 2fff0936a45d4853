"""The clerk's side: filing (with drafts, duplicates and uploads), following, answering,
withdrawing, downloading; and isolation between clerks."""

import datetime
import io
import os
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from leacorner.models import OutgoingEmail
from stakeholder_forms.models import RequestDraft, StakeholderRequest
from testkit.mfa import signed_in_client
from testkit.payloads import stakeholder_request_post
from testkit.pdfs import (
    EMBEDDED_FILE_PDF,
    HTML_POSING_AS_PDF,
    LAUNCH_PDF,
    OPEN_ACTION_JAVASCRIPT_PDF,
)

from ..factories import StakeholderRequestFactory, UserFactory, approved_request
from .conftest import MINIMAL_PDF

NEW = reverse("stakeholder_forms:request_create")
LIST = reverse("stakeholder_forms:request_list")


def test_a_clerk_files_a_request_and_gets_a_number_page_and_email(
    clerk, clerk_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(NEW, stakeholder_request_post())
    item = StakeholderRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stakeholder_forms:request_submitted", args=[item.pk])
    assert re.fullmatch(r"CJS-\d{4}-\d{6}", item.tracking_number)
    assert item.a_number == "123456789"
    assert item.agency_ori == "VA0070000"
    assert item.requester_phone == "(703) 555-0199"
    assert item.requester_email == clerk.email
    assert item.wants_custody_on_date and item.wants_current_status and not item.wants_removal
    assert item.events.get().action == "submitted"
    assert not RequestDraft.objects.exists()
    page = clerk_client.get(response["Location"])
    assert item.tracking_number in page.content.decode()
    assert "What happens next" in page.content.decode()
    assert len(mail.outbox) == 1
    assert item.tracking_number in mail.outbox[0].subject
    assert mail.outbox[0].to == [clerk.email]
    assert OutgoingEmail.objects.about(item).get().status == OutgoingEmail.Status.SENT


def test_every_problem_is_shown_at_once_and_nothing_typed_is_lost(clerk_client):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = clerk_client.post(
        NEW,
        stakeholder_request_post(
            a_number="A12-34",
            agency_ori="XX12",
            obligation_date=tomorrow,
            information_requested=[],
            attested="",
            requester_name="",
            agency_type="other",
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {
        "a_number",
        "agency_ori",
        "obligation_date",
        "information_requested",
        "attested",
        "requester_name",
        "agency_type_other",
    }
    html = response.content.decode()
    assert "There are 7 problems with this form" in html
    assert 'value="Rivera"' in html and 'value="A12-34"' in html
    assert not StakeholderRequest.objects.exists()
    # The post was kept as a draft before it was checked.
    draft = RequestDraft.objects.get()
    assert draft.data["subject_family_name"] == "Rivera"
    assert f'action="{reverse("stakeholder_forms:draft_edit", args=[draft.pk])}"' in html


def test_save_and_come_back(clerk, clerk_client):
    response = clerk_client.post(
        NEW, {"subject_family_name": "Okafor", "case_number": "CR-1", "action": "save"}
    )
    draft = RequestDraft.objects.get(clerk=clerk)
    assert response["Location"] == reverse("stakeholder_forms:draft_edit", args=[draft.pk])
    listing = clerk_client.get(LIST).content.decode()
    assert "OKAFOR" in listing
    page = clerk_client.get(response["Location"])
    assert page.status_code == 200
    assert 'value="Okafor"' in page.content.decode()
    assert not page.context["form"].errors  # a draft is not judged until it is submitted
    other = signed_in_client(UserFactory(role=Role.CLERK))
    assert other.get(response["Location"]).status_code == 404
    submitted = clerk_client.post(
        response["Location"], stakeholder_request_post(subject_family_name="Okafor")
    )
    assert submitted.status_code == 302
    assert StakeholderRequest.objects.get().subject_family_name == "Okafor"
    assert not RequestDraft.objects.exists()


def test_a_pdf_is_kept_outside_the_web_root(clerk_client, settings):
    upload = SimpleUploadedFile("Bench warrant.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = clerk_client.post(NEW, stakeholder_request_post(document=upload))
    assert response.status_code == 302
    item = StakeholderRequest.objects.get()
    assert item.document_name == "Bench warrant.pdf"
    path = item.document.path
    assert path.startswith(str(settings.MEDIA_ROOT))
    assert not path.startswith(str(settings.BASE_DIR / "static"))
    assert "Bench warrant" not in path  # stored under a random name
    download = clerk_client.get(reverse("stakeholder_forms:request_document", args=[item.pk]))
    assert b"".join(download.streaming_content) == MINIMAL_PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("warrant.pdf", b"just some text pretending\n", "not a PDF"),
        ("warrant.pdf", b"", "empty"),
        ("warrant.pdf", MINIMAL_PDF[:-7], "not a PDF"),
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"\n%%EOF\n", "largest accepted"),
        ("warrant.pdf", HTML_POSING_AS_PDF, "not a PDF"),
        ("warrant.pdf", OPEN_ACTION_JAVASCRIPT_PDF, "contains JavaScript"),
        ("warrant.pdf", LAUNCH_PDF, "starts a program"),
        ("warrant.pdf", EMBEDDED_FILE_PDF, "file embedded in it"),
    ],
)
def test_bad_uploads_are_refused_by_content(clerk_client, name, content, message):
    response = clerk_client.post(
        NEW, stakeholder_request_post(document=SimpleUploadedFile(name, content))
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["document"])
    assert not StakeholderRequest.objects.exists()


def test_a_scanned_pdf_named_otherwise_is_accepted(clerk_client):
    upload = SimpleUploadedFile("SCAN0001", MINIMAL_PDF, content_type="application/octet-stream")
    assert clerk_client.post(NEW, stakeholder_request_post(document=upload)).status_code == 302


def test_the_draft_keeps_a_valid_upload_across_a_failed_submission(clerk_client):
    upload = SimpleUploadedFile("docket.pdf", MINIMAL_PDF)
    response = clerk_client.post(NEW, stakeholder_request_post(document=upload, attested=""))
    assert response.status_code == 200
    draft = RequestDraft.objects.get()
    assert draft.document_name == "docket.pdf"
    assert "Attached: docket.pdf" in response.content.decode()
    done = clerk_client.post(
        reverse("stakeholder_forms:draft_edit", args=[draft.pk]), stakeholder_request_post()
    )
    assert done.status_code == 302
    assert StakeholderRequest.objects.get().document_name == "docket.pdf"


def test_a_possible_duplicate_is_shown_before_saving_and_the_clerk_may_go_on(clerk, clerk_client):
    data = stakeholder_request_post()
    existing = StakeholderRequestFactory(
        subject_family_name="RIVERA",
        subject_given_names="ana maria",
        subject_date_of_birth=datetime.date(1990, 5, 17),
        obligation_date=datetime.date.fromisoformat(data["obligation_date"]),
    )
    response = clerk_client.post(NEW, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This may be a duplicate" in html
    assert existing.tracking_number not in html  # another agency's request: no details
    assert StakeholderRequest.objects.count() == 1
    seen = response.context["form"].data["duplicates_seen"]
    assert seen == str(existing.pk)
    draft = RequestDraft.objects.get()
    again = clerk_client.post(
        reverse("stakeholder_forms:draft_edit", args=[draft.pk]), {**data, "duplicates_seen": seen}
    )
    assert again.status_code == 302
    assert StakeholderRequest.objects.count() == 2


def test_my_requests_lists_only_mine_newest_first_and_filters(clerk, clerk_client):
    older = StakeholderRequestFactory(clerk=clerk)
    newer = StakeholderRequestFactory(clerk=clerk)
    newer.withdraw(by=clerk)
    someone_elses = StakeholderRequestFactory()
    html = clerk_client.get(LIST).content.decode()
    assert html.index(newer.tracking_number) < html.index(older.tracking_number)
    assert someone_elses.tracking_number not in html
    assert "stakeholder-tag--withdrawn" in html
    filtered = clerk_client.get(LIST, {"status": "withdrawn"}).content.decode()
    assert newer.tracking_number in filtered and older.tracking_number not in filtered


@pytest.mark.parametrize(
    "name",
    [
        "request_detail",
        "request_submitted",
        "request_withdraw",
        "request_document",
        "certification_pdf",
    ],
)
def test_another_clerks_request_answers_404(db, name):
    item, _certification = approved_request()
    intruder = signed_in_client(UserFactory(role=Role.CLERK))
    assert intruder.get(reverse(f"stakeholder_forms:{name}", args=[item.pk])).status_code == 404
    assert (
        signed_in_client(item.clerk)
        .get(reverse("stakeholder_forms:request_detail", args=[item.pk]))
        .status_code
        == 200
    )


def test_another_clerk_cannot_answer_or_withdraw(reviewer):
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    item.ask_for_information(by=reviewer, message="Which court?")
    intruder = signed_in_client(UserFactory(role=Role.CLERK))
    answer = reverse("stakeholder_forms:request_answer", args=[item.pk])
    withdraw = reverse("stakeholder_forms:request_withdraw", args=[item.pk])
    assert intruder.post(answer, {"message": "Mine now"}).status_code == 404
    assert intruder.post(withdraw, {"version": item.version}).status_code == 404
    assert StakeholderRequest.objects.get(pk=item.pk).status == "needs_info"


def test_the_clerk_answers_an_information_request_with_a_document(reviewer):
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    item.ask_for_information(by=reviewer, message="Please send the capias.")
    client = signed_in_client(item.clerk)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Please send the capias." in page and "Send the answer" in page
    answer = reverse("stakeholder_forms:request_answer", args=[item.pk])
    empty = client.post(answer, {"message": ""})
    assert empty.status_code == 200 and "Write your answer." in empty.content.decode()
    done = client.post(
        answer, {"message": "Attached.", "document": SimpleUploadedFile("capias.pdf", MINIMAL_PDF)}
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == "in_review"
    event = item.events.get(action="info_provided")
    assert event.note == "Attached." and event.document_name == "capias.pdf"
    timeline = client.get(item.get_absolute_url()).content.decode()
    assert "Information provided" in timeline and "capias.pdf" in timeline


def test_an_answer_posted_again_after_the_request_moved_on_says_why(reviewer):
    """Found by the fuzz tests: an (even empty) answer to a request no longer waiting for one
    used to re-render the page with the answer form, and so its error, nowhere on it."""
    item = StakeholderRequestFactory()
    item.claim(by=reviewer)
    item.ask_for_information(by=reviewer, message="Please send the capias.")
    client = signed_in_client(item.clerk)
    answer = reverse("stakeholder_forms:request_answer", args=[item.pk])
    assert client.post(answer, {"message": "Attached."}).status_code == 302
    again = client.post(answer, {"message": ""}, follow=True)
    assert "This request is not waiting for an answer from you." in again.content.decode()
    assert item.events.filter(action="info_provided").count() == 1


def test_withdraw_asks_for_confirmation_then_posts(clerk):
    item = StakeholderRequestFactory(clerk=clerk)
    client = signed_in_client(clerk)
    url = reverse("stakeholder_forms:request_withdraw", args=[item.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Yes, withdraw the request" in confirm.content.decode()
    assert StakeholderRequest.objects.get(pk=item.pk).status == "submitted"
    response = client.post(url, {"version": item.version, "note": "Defendant appeared."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "withdrawn"
    assert item.events.last().note == "Defendant appeared."
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Withdraw this request" not in page


def test_withdraw_from_a_stale_page_says_reload(clerk, reviewer):
    item = StakeholderRequestFactory(clerk=clerk)
    seen = item.version
    item.claim(by=reviewer)
    item.deny(by=reviewer, reason="no_record")
    client = signed_in_client(clerk)
    url = reverse("stakeholder_forms:request_withdraw", args=[item.pk])
    response = client.post(url, {"version": seen}, follow=True)
    assert "changed while you were working on it" in response.content.decode()
    assert StakeholderRequest.objects.get(pk=item.pk).status == "denied"


def test_the_clerk_downloads_the_certification_once_issued(reviewer):
    item = StakeholderRequestFactory()
    client = signed_in_client(item.clerk)
    url = reverse("stakeholder_forms:certification_pdf", args=[item.pk])
    assert client.get(url).status_code == 404
    item, certification = approved_request(reviewer=reviewer, clerk=item.clerk)
    response = signed_in_client(item.clerk).get(
        reverse("stakeholder_forms:certification_pdf", args=[item.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{certification.number}.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_the_clerks_document_and_certification_are_private_downloads(reviewer):
    """Both are about a person: attachments that no cache keeps (leacorner/downloads.py)."""
    item, certification = approved_request(reviewer=reviewer)
    item.document.save("stored", io.BytesIO(MINIMAL_PDF), save=False)
    item.document_name = 'Bench "warrant".pdf'
    item.save(update_fields=["document", "document_name"])
    client = signed_in_client(item.clerk)
    document = client.get(reverse("stakeholder_forms:request_document", args=[item.pk]))
    assert b"".join(document.streaming_content) == MINIMAL_PDF
    assert document["Content-Disposition"] == 'attachment; filename="Bench warrant.pdf"'
    pdf = client.get(reverse("stakeholder_forms:certification_pdf", args=[item.pk]))
    assert pdf["Content-Disposition"] == f'attachment; filename="{certification.number}.pdf"'
    for response in (document, pdf):
        assert response["Cache-Control"] == "private, no-store"


def test_a_document_missing_from_the_storage_answers_404(clerk_client):
    upload = SimpleUploadedFile("warrant.pdf", MINIMAL_PDF, content_type="application/pdf")
    assert clerk_client.post(NEW, stakeholder_request_post(document=upload)).status_code == 302
    item = StakeholderRequest.objects.get()
    url = reverse("stakeholder_forms:request_document", args=[item.pk])
    os.remove(item.document.path)
    assert clerk_client.get(url).status_code == 404
    StakeholderRequest.objects.filter(pk=item.pk).update(document="")
    assert clerk_client.get(url).status_code == 404


def test_staff_cannot_use_the_clerk_pages(reviewer_client):
    assert reviewer_client.get(LIST).status_code == 403
    assert reviewer_client.get(NEW).status_code == 403


def test_my_requests_query_count_does_not_grow_at_10000_requests(
    clerk, clerk_client, django_assert_max_num_queries
):
    template = StakeholderRequestFactory.build(clerk=clerk)
    fields = {
        f.name: getattr(template, f.name)
        for f in StakeholderRequest._meta.concrete_fields
        if f.name not in {"id", "tracking_number"}
    }
    StakeholderRequest.objects.bulk_create(
        [
            StakeholderRequest(**{**fields, "tracking_number": f"CJS-2025-{n:06d}"})
            for n in range(1, 10_001)
        ],
        batch_size=1000,
    )
    RequestDraft.objects.create(clerk=clerk, data={"subject_family_name": "Draft"})
    with django_assert_max_num_queries(12):
        response = clerk_client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 25
    with django_assert_max_num_queries(12):
        clerk_client.get(LIST, {"status": "submitted", "page": "400"})


def test_background_autosave_keeps_one_draft_and_adds_no_message(clerk, clerk_client):
    first = clerk_client.post(
        NEW, {"subject_family_name": "Mensah", "action": "save"}, HTTP_X_AUTOSAVE="1"
    )
    assert first.status_code == 200
    draft = RequestDraft.objects.get(clerk=clerk)
    body = first.json()
    assert body["url"] == reverse("stakeholder_forms:draft_edit", args=[draft.pk])
    assert body["message"].startswith("Draft saved at")
    again = clerk_client.post(
        body["url"],
        {"subject_family_name": "Mensah", "case_number": "CR-9", "action": "save"},
        HTTP_X_AUTOSAVE="1",
    )
    assert again.json()["url"] == body["url"]
    draft.refresh_from_db()
    assert draft.data == {"subject_family_name": "Mensah", "case_number": "CR-9"}
    assert RequestDraft.objects.count() == 1
    page = clerk_client.get(body["url"]).content.decode()
    assert "Draft saved." not in page  # background saves leave no flash message behind


def test_old_drafts_and_their_files_are_pruned(clerk, settings):
    from django.core.management import call_command
    from django.utils import timezone

    old = RequestDraft.objects.create(clerk=clerk, data={"case_number": "old"})
    old.document.save("old.pdf", SimpleUploadedFile("old.pdf", MINIMAL_PDF), save=False)
    old.updated_at = timezone.now() - datetime.timedelta(days=91)
    old.save()
    path = old.document.path
    fresh = RequestDraft.objects.create(clerk=clerk, data={"case_number": "fresh"})
    out = io.StringIO()
    call_command("prune_stakeholder_drafts", stdout=out)
    assert "stakeholder_drafts: 1 record(s) deleted, 1 file(s)" in out.getvalue()
    assert list(RequestDraft.objects.all()) == [fresh]
    assert not os.path.exists(path)


def test_a_nul_character_is_refused_and_the_draft_keeps_the_rest(clerk, clerk_client):
    """Found by the fuzz tests on PostgreSQL, whose JSON cannot hold NUL: this was a 500."""
    response = clerk_client.post(NEW, stakeholder_request_post(subject_family_name="Riv\x00era"))
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not StakeholderRequest.objects.exists()
    assert RequestDraft.objects.get(clerk=clerk).data["subject_family_name"] == "Rivera"
