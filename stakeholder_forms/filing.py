"""Filing a request: the one flow that spans several records (the request, its first history
entry, the clerk's draft and the e-mail), in one transaction after its number is taken."""

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from leacorner import numbering

from . import notifications
from .models import RequestDraft, StakeholderRequest
from .workflow import RequestEvent


def submit_request(
    *,
    clerk,
    fields: dict,
    document: File | None = None,
    document_name: str = "",
    draft: RequestDraft | None = None,
) -> StakeholderRequest:
    """File a new request for `clerk` from validated form `fields`.

    Saves the request with a fresh tracking number, records the first history entry, queues
    the "received" e-mail (sent after commit) and deletes the draft it came from. `document`
    is a new upload; without one, the draft's stored document (if any) is kept.

    The tracking number is taken before the transaction (leacorner.numbering), so filings at
    once do not wait for each other; a filing that fails leaves its number unused."""
    number = numbering.allocate(numbering.Prefix.STAKEHOLDER_REQUEST)
    with transaction.atomic():
        now = timezone.now()
        stakeholder_request = StakeholderRequest(
            clerk=clerk,
            tracking_number=str(number),
            submitted_at=now,
            updated_at=now,
            **fields,
        )
        if document is not None:
            stakeholder_request.document = document
            stakeholder_request.document_name = document_name
        elif draft is not None and draft.document:
            # The file stays where the draft put it; only its owner changes.
            stakeholder_request.document.name = draft.document.name
            stakeholder_request.document_name = draft.document_name
        stakeholder_request.full_clean(exclude=["document"])
        stakeholder_request.save()
        RequestEvent.objects.create(
            request=stakeholder_request,
            at=now,
            actor=clerk,
            action=RequestEvent.Action.SUBMITTED,
            from_status=StakeholderRequest.Status.SUBMITTED,
            to_status=StakeholderRequest.Status.SUBMITTED,
        )
        notifications.received(stakeholder_request)
        if draft is not None and draft.pk:
            RequestDraft.objects.filter(pk=draft.pk).delete()
    return stakeholder_request
