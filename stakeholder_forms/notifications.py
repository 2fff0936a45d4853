"""The clerk's e-mails about a request. Each is stored in the transaction of the change it
reports and sent after commit by the mail queue (leacorner.mail), which retries on failure.
The reviewers' letters are composed from their templates by message_templates.py and queued
here word for word as the reviewer previewed them."""

from django.urls import reverse

from leacorner.mail import queue_email, queue_rendered_email


def _send(stakeholder_request, *, kind: str, certification=None, **context) -> None:
    queue_email(
        to=stakeholder_request.requester_email,
        template=f"stakeholder_forms/email/{kind}",
        context={
            "request_obj": stakeholder_request,
            "certification": certification,
            "request_path": reverse(
                "stakeholder_forms:request_detail", kwargs={"pk": stakeholder_request.pk}
            ),
            **context,
        },
        kind=f"stakeholder_{kind}",
        about=stakeholder_request,
    )


def received(stakeholder_request) -> None:
    _send(stakeholder_request, kind="received")


def send_letter(stakeholder_request, letter, *, kind: str) -> None:
    """A reviewer's letter (message_templates.Letter), queued word for word as previewed."""
    queue_rendered_email(
        to=stakeholder_request.requester_email,
        subject=letter.subject,
        body_text=letter.body_text,
        body_html=letter.body_html,
        kind=f"stakeholder_{kind}",
        about=stakeholder_request,
    )


def approved(stakeholder_request, certification) -> None:
    _send(
        stakeholder_request,
        kind="approved",
        certification=certification,
        pdf_path=reverse(
            "stakeholder_forms:certification_pdf", kwargs={"pk": stakeholder_request.pk}
        ),
        verify_path=reverse("verify_certification"),
    )


def revoked(certification) -> None:
    _send(certification.request, kind="revoked", certification=certification)
