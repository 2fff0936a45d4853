"""The clerk's e-mails about a request. Each is stored in the transaction of the change it
reports and sent after commit by the mail queue (leacorner.mail), which retries on failure."""

from django.urls import reverse

from leacorner.mail import queue_email


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


def needs_information(stakeholder_request, *, message: str) -> None:
    _send(stakeholder_request, kind="needs_info", message=message)


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


def denied(stakeholder_request) -> None:
    _send(stakeholder_request, kind="denied")


def revoked(certification) -> None:
    _send(certification.request, kind="revoked", certification=certification)
