"""The e-mails about a request: the clerk's, and the ERO reviewers' (a request assigned to them,
a clerk's answer to their question, the daily digest: review_digest.py). Each is stored in the
transaction of the change it reports and sent after commit by the mail queue (leacorner.mail),
which retries on failure. The reviewers' letters are composed from their templates by
message_templates.py and queued here word for word as the reviewer previewed them.

Staff e-mails name requests by tracking number and link to the queue; they carry no personal
data of the request (no names, no dates of birth), which stays behind the admin's sign-in and
its access log."""

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
    """The decision and the link to the request's page; not the findings nor the verification
    code, which the clerk reads signed in: a mail crosses servers the portal does not control,
    and the outbox keeps every body in the database."""
    _send(
        stakeholder_request,
        kind="approved",
        certification=certification,
        verify_path=reverse("verify_certification"),
    )


def revoked(certification) -> None:
    _send(certification.request, kind="revoked", certification=certification)


def admin_path(stakeholder_request) -> str:
    """The request's page in the ERO queue."""
    return reverse(
        "admin:stakeholder_forms_stakeholderrequest_change", args=[stakeholder_request.pk]
    )


def _tell_reviewer(stakeholder_request, *, reviewer, kind: str, **context) -> None:
    queue_email(
        to=reviewer.email,
        template=f"stakeholder_forms/email/{kind}",
        context={
            "request_obj": stakeholder_request,
            "reviewer": reviewer,
            "admin_path": admin_path(stakeholder_request),
            **context,
        },
        kind=f"stakeholder_{kind}",
        about=stakeholder_request,
    )


def assigned(stakeholder_request, *, assignee, by) -> None:
    _tell_reviewer(stakeholder_request, reviewer=assignee, kind="assigned", by=by)


def information_provided(stakeholder_request) -> None:
    """The assigned reviewer learns that the clerk answered their question."""
    _tell_reviewer(
        stakeholder_request, reviewer=stakeholder_request.assigned_to, kind="info_provided"
    )
