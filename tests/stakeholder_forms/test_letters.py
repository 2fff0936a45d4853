"""The reviewers' letters: written, previewed word for word, confirmed; composed from templates
that supervisors edit in the admin and that are checked when saved."""

import re
from email.header import decode_header, make_header

import pytest
from django.urls import reverse

from accounts.roles import Role
from leacorner.models import OutgoingEmail
from stakeholder_forms.message_templates import (
    DEFAULTS,
    LetterKind,
    MessageTemplate,
    compose_denial,
)
from stakeholder_forms.vocabulary import DenialReason
from testkit.mfa import signed_in_client
from testkit.previews import confirm, read_preview

from ..factories import StakeholderRequestFactory, UserFactory


def action_url(item, name: str) -> str:
    return reverse(f"admin:stakeholder_forms_stakeholderrequest_{name}", args=[item.pk])


def change_url(item) -> str:
    return reverse("admin:stakeholder_forms_stakeholderrequest_change", args=[item.pk])


def template_url(template) -> str:
    return reverse("admin:stakeholder_forms_messagetemplate_change", args=[template.pk])


def _plain_part(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            charset = part.get_content_charset() or "utf-8"
            # SMTP carries lines ended by CRLF; the stored text ends them by LF.
            return part.get_payload(decode=True).decode(charset).replace("\r\n", "\n")
    raise AssertionError("no text part")


@pytest.fixture
def claimed(reviewer):
    item = StakeholderRequestFactory(
        subject_family_name="Nguyễn", subject_given_names="Thị Lan", requester_name="Ana Ortiz"
    )
    item.claim(by=reviewer)
    return item


@pytest.mark.parametrize(
    ("action", "data", "kind"),
    [
        ("ask", {"message": "Send the capias of 3 May.\nAnd the docket sheet."}, "needs_info"),
        ("deny", {"reason": "other", "note": "The court withdrew the warrant."}, "denied"),
    ],
)
def test_the_preview_is_the_email_the_clerk_receives_byte_for_byte(
    reviewer,
    reviewer_client,
    claimed,
    smtp_server,
    django_capture_on_commit_callbacks,
    action,
    data,
    kind,
):
    url = action_url(claimed, action)
    preview = reviewer_client.post(url, {"version": claimed.version, **data})
    assert preview.status_code == 200
    shown = read_preview(preview).texts
    claimed.refresh_from_db()
    assert claimed.status == "in_review"  # a preview changes nothing and sends nothing
    assert not OutgoingEmail.objects.about(claimed).exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = confirm(reviewer_client, url, preview)
    assert done.status_code == 302
    stored = OutgoingEmail.objects.about(claimed).get()
    assert (stored.kind, stored.status) == (f"stakeholder_{kind}", "sent")
    assert (shown["letter-to"], shown["letter-subject"], shown["letter-body"]) == (
        stored.to,
        stored.subject,
        stored.body_text,
    )
    (received,) = smtp_server.messages
    assert str(make_header(decode_header(received["Subject"]))) == shown["letter-subject"]
    assert _plain_part(received) == shown["letter-body"]
    assert "NGUYỄN, Thị Lan" in shown["letter-body"] and "Ana Ortiz" in shown["letter-body"]
    assert data.get("message", data.get("note")) in shown["letter-body"]
    assert "{" not in shown["letter-body"]

    # The text is kept with the request's history, and shown there.
    event = claimed.events.get(action="info_requested" if action == "ask" else "denied")
    assert (event.letter_subject, event.letter_text) == (stored.subject, stored.body_text)
    stored.delete()  # the outbox may be pruned; the history keeps the letter
    page = reviewer_client.get(change_url(claimed)).content.decode()
    assert f"E-mail sent: {stored.subject}" in page
    assert "Thị Lan" in page


def test_change_the_text_brings_back_what_was_typed(reviewer_client, claimed):
    url = action_url(claimed, "ask")
    typed = "Send the <capias> & the docket."
    preview = reviewer_client.post(url, {"version": claimed.version, "message": typed})
    back = reviewer_client.post(url, {**read_preview(preview).hidden, "edit": "1"})
    assert back.status_code == 200
    assert "Send the &lt;capias&gt; &amp; the docket.</textarea>" in back.content.decode()


def test_a_stale_confirmation_is_refused_sends_nothing_and_keeps_the_text(
    reviewer, reviewer_client, claimed
):
    url = action_url(claimed, "deny")
    note = "The court withdrew the capias on 3 May; see the docket."
    preview = reviewer_client.post(
        url, {"version": claimed.version, "reason": "other", "note": note}
    )
    # Meanwhile the reviewer releases and claims it again in another tab: a new version.
    claimed.release(by=reviewer)
    claimed.claim(by=reviewer)
    refused = confirm(reviewer_client, url, preview, follow=True)
    html = refused.content.decode()
    assert "changed while you were working on it" in html
    assert "What you wrote is kept below" in html
    assert f"{note}</textarea>" in html
    claimed.refresh_from_db()
    assert claimed.status == "in_review"
    assert not OutgoingEmail.objects.about(claimed).exists()
    # Read again, previewed again from the kept form: now it goes.
    assert f'name="version" value="{claimed.version}"' in html
    again = reviewer_client.post(url, {"version": claimed.version, "reason": "other", "note": note})
    confirm(reviewer_client, url, again, follow=True)
    claimed.refresh_from_db()
    assert claimed.status == "denied"


def test_a_template_edited_after_the_preview_is_shown_again_not_sent(reviewer_client, claimed):
    url = action_url(claimed, "ask")
    preview = reviewer_client.post(url, {"version": claimed.version, "message": "The docket."})
    template = MessageTemplate.objects.get(kind=LetterKind.INFORMATION_REQUEST)
    template.body = "Hello {clerk_name}. {note}\nNEW TEXT\n"
    template.save()
    again = confirm(reviewer_client, url, preview)
    assert again.status_code == 200
    html = again.content.decode()
    assert "template was changed after your preview" in html
    assert read_preview(again).texts["letter-body"] == "Hello Ana Ortiz. The docket.\nNEW TEXT\n"
    claimed.refresh_from_db()
    assert claimed.status == "in_review" and not OutgoingEmail.objects.about(claimed).exists()
    confirm(reviewer_client, url, again)
    assert OutgoingEmail.objects.about(claimed).get().body_text.endswith("NEW TEXT\n")


def test_a_confirmation_without_a_preview_only_previews(reviewer_client, claimed):
    url = action_url(claimed, "ask")
    page = reviewer_client.post(
        url, {"version": claimed.version, "message": "The docket.", "confirm": "1"}
    )
    assert page.status_code == 200 and 'id="letter-body"' in page.content.decode()
    claimed.refresh_from_db()
    assert claimed.status == "in_review"


def test_every_denial_reason_and_the_question_have_a_valid_seeded_template(db):
    seeded = {(t.kind, t.denial_reason): t for t in MessageTemplate.objects.all()}
    assert set(seeded) == {(LetterKind.INFORMATION_REQUEST, "")} | {
        (LetterKind.DENIAL, reason) for reason in DenialReason.values
    }
    for key, template in seeded.items():
        template.full_clean()
        assert (template.subject, template.body) == DEFAULTS[key]


def test_a_denial_without_a_note_leaves_the_note_line_out(reviewer, claimed):
    with_note = compose_denial(claimed, by=reviewer, reason="duplicate", note="See CJS-1.")
    without = compose_denial(claimed, by=reviewer, reason="duplicate", note="  ")
    assert "Note from the reviewer: See CJS-1." in with_note.body_text
    assert "Note from the reviewer" not in without.body_text
    assert "Reason: The same matter is already answered by another request" in without.body_text


def test_a_missing_template_falls_back_to_its_default_text(reviewer, claimed):
    MessageTemplate.objects.filter(denial_reason="no_record").delete()
    letter = compose_denial(claimed, by=reviewer, reason="no_record", note="")
    assert letter.subject.endswith(f"Request {claimed.tracking_number}: decision")


# --- Editing the templates in the admin --------------------------------------------------------
@pytest.fixture
def supervisor_client(db):
    return signed_in_client(UserFactory(role=Role.ERO_SUPERVISOR))


@pytest.mark.parametrize(
    ("field", "text", "error"),
    [
        ("body", "Dear {clerk_nmae}, {note}", "Unknown placeholder {clerk_nmae}."),
        ("subject", "Request {number}", "Unknown placeholder {number}."),
        ("body", "{reason}: {note}", "The placeholder {reason} is not available in this letter."),
        ("body", "Dear {clerk_name, {note}", "A “{” has no pair, at “{clerk_name,”."),
        ("body", "Dear clerk_name}, {note}", "A “}” has no pair, at “Dear clerk_name}”."),
        ("body", "Dear {clerk_name}.", "The body must contain {note}"),
    ],
)
def test_a_template_with_a_bad_placeholder_is_refused_naming_it(
    supervisor_client, field, text, error
):
    template = MessageTemplate.objects.get(kind=LetterKind.INFORMATION_REQUEST)
    post = {"subject": template.subject, "body": template.body, field: text}
    page = supervisor_client.post(template_url(template), post)
    assert page.status_code == 200
    html = page.content.decode()
    assert error in html
    assert text.replace("{", "").split()[0] in html.replace("{", "")  # what was typed stays
    template.refresh_from_db()
    assert (template.subject, template.body) == DEFAULTS[(template.kind, "")]


def test_a_supervisor_edits_a_template_and_the_next_letter_uses_it(
    supervisor_client, reviewer, claimed
):
    template = MessageTemplate.objects.get(denial_reason="outside_scope")
    response = supervisor_client.post(
        template_url(template),
        {"subject": "Decision on {request_number}", "body": "{reason}.\r\n{note}\r\n"},
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.updated_by.has_perm("stakeholder_forms.supervise_stakeholderrequest")
    letter = compose_denial(claimed, by=reviewer, reason="outside_scope", note="")
    assert letter.subject.endswith(f"Decision on {claimed.tracking_number}")
    assert letter.body_text == "The information asked for is outside this process.\n"


def test_reviewers_read_the_templates_but_cannot_change_them(reviewer_client):
    template = MessageTemplate.objects.get(kind=LetterKind.INFORMATION_REQUEST)
    page = reviewer_client.get(template_url(template)).content.decode()
    assert "{request_number}" in page and 'name="body"' not in page
    refused = reviewer_client.post(template_url(template), {"subject": "x", "body": "{note}"})
    assert refused.status_code == 403
    template.refresh_from_db()
    assert template.subject == DEFAULTS[(template.kind, "")][0]


def test_the_template_list_is_bounded_in_queries(supervisor_client, django_assert_max_num_queries):
    url = reverse("admin:stakeholder_forms_messagetemplate_changelist")
    with django_assert_max_num_queries(12):
        page = supervisor_client.get(url)
    assert page.status_code == 200
    assert re.search(r"Denial: No ICE record matches", page.content.decode())
