"""The retention schedule of stakeholder requests and what belongs to them (leacorner.retention).

In the order they run:

- `stakeholder_drafts`: a draft untouched for STAKEHOLDER_DRAFT_RETENTION_DAYS is deleted, with
  its file (drafts cannot be held: they are nobody's record yet);
- `stakeholder_documents`: STAKEHOLDER_DOCUMENT_RETENTION_DAYS after a request closed (decided
  or withdrawn), its supporting document and the documents of the clerk's answers are deleted
  from storage; the request says they were given ("document deleted");
- `certifications`: CERTIFICATION_RETENTION_DAYS after issue, a certification is deleted with
  the PDFs kept as issued (certification_documents.py; they are rows, not files, so no PDF is
  left anywhere); /verify/ no longer knows it;
- `stakeholder_requests`: STAKEHOLDER_REQUEST_RETENTION_DAYS after a request closed, and once
  its certification is gone, its personal data is removed (`ANONYMISED`: names, contact
  details, identifiers, the free text, the history's notes and documents, the e-mails about
  it); what the statistics need stays: the number, the status and dates, the agency, the
  kinds, the decision and its reason, the subject's country, sex and year of birth;
- `record_views`: staff openings older than RECORD_VIEW_RETENTION_DAYS are deleted.

A request on legal hold is left whole: its documents, certification and access log included.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, TruncYear
from django.utils import timezone

from leacorner import retention
from leacorner.legal_holds import not_held
from leacorner.models import OutgoingEmail
from leacorner.retention import Disposal, RetentionRule, StoredFile

from .certification_documents import CertificationDocument
from .models import Certification, RecordView, RequestDraft, RequestEvent, StakeholderRequest
from .workflow import OPEN_STATUSES

#: The request's fields that identify or describe a person, and what each becomes.
ANONYMISED = {
    "requester_name": "",
    "requester_title": "",
    "requester_phone": "",
    "requester_email": "",
    "mailing_address": "",
    "subject_family_name": "",
    "subject_given_names": "",
    "subject_middle_name": "",
    "subject_other_names": "",
    "a_number": "",
    "fbi_number": "",
    "state_id_number": "",
    "booking_number": "",
    "case_number": "",
    "obligation_description": "",
    "decision_note": "",
    "document": "",
    "document_name": "",
}


def _days(setting: str) -> timedelta:
    return timedelta(days=getattr(settings, setting))


def _closed_before(cutoff: datetime):
    """Requests closed (decided or withdrawn) before `cutoff`. A withdrawn request has no
    decision date; its last change is its withdrawal. Filing comes before closing, so the
    filter on `submitted_at` lets the (status, submitted_at) index narrow the scan."""
    return (
        StakeholderRequest.objects.exclude(status__in=OPEN_STATUSES)
        .filter(submitted_at__lt=cutoff)
        .alias(closed_at=Coalesce("decided_at", "updated_at"))
        .filter(closed_at__lt=cutoff)
    )


def _documents_of(requests) -> dict[int, list[StoredFile]]:
    files: dict[int, list[StoredFile]] = {}
    for request in requests:
        if request.document:
            files.setdefault(request.pk, []).append(
                StoredFile(request.document.storage, request.document.name)
            )
    events = RequestEvent.objects.filter(request__in=[r.pk for r in requests]).exclude(document="")
    for event in events.only("pk", "request_id", "document").order_by("pk"):
        files.setdefault(event.request_id, []).append(
            StoredFile(event.document.storage, event.document.name)
        )
    return files


def _requests(pks: Sequence[int]):
    return list(
        StakeholderRequest.objects.filter(pk__in=pks).only("pk", "tracking_number", "document")
    )


# --- Drafts ------------------------------------------------------------------------------------
def _due_drafts(now: datetime):
    return RequestDraft.objects.filter(
        updated_at__lt=now - _days("STAKEHOLDER_DRAFT_RETENTION_DAYS")
    )


def _describe_drafts(pks: Sequence[int]) -> list[Disposal]:
    drafts = RequestDraft.objects.filter(pk__in=pks).only("pk", "document").order_by("pk")
    return [
        Disposal(
            f"draft {draft.pk}",
            (StoredFile(draft.document.storage, draft.document.name),) if draft.document else (),
        )
        for draft in drafts
    ]


def _dispose_drafts(pks: Sequence[int]) -> list[Disposal]:
    disposals = _describe_drafts(pks)
    RequestDraft.objects.filter(pk__in=pks).delete()
    return disposals


# --- Documents ---------------------------------------------------------------------------------
def _due_documents(now: datetime):
    with_answer_documents = RequestEvent.objects.filter(request=OuterRef("pk")).exclude(document="")
    closed = _closed_before(now - _days("STAKEHOLDER_DOCUMENT_RETENTION_DAYS"))
    return not_held(closed.filter(~Q(document="") | Exists(with_answer_documents)))


def _describe_documents(pks: Sequence[int]) -> list[Disposal]:
    requests = _requests(pks)
    files = _documents_of(requests)
    return [Disposal(r.tracking_number, tuple(files.get(r.pk, ()))) for r in requests]


def _dispose_documents(pks: Sequence[int]) -> list[Disposal]:
    disposals = _describe_documents(pks)
    # The clerk's file names go with the files: they may name the person.
    StakeholderRequest.objects.filter(pk__in=pks).update(document="", document_name="")
    RequestEvent.objects.filter(request__in=pks).exclude(document="").update(
        document="", document_name=""
    )
    return disposals


# --- Certifications ----------------------------------------------------------------------------
def _due_certifications(now: datetime):
    issued = Certification.objects.filter(issued_at__lt=now - _days("CERTIFICATION_RETENTION_DAYS"))
    return not_held(issued, held=StakeholderRequest, through="request_id")


def _describe_certifications(pks: Sequence[int]) -> list[Disposal]:
    numbers = Certification.objects.filter(pk__in=pks).order_by("pk")
    return [Disposal(number) for number in numbers.values_list("number", flat=True)]


def _lock_requests_of_certifications(pks: Sequence[int]) -> None:
    request_ids = Certification.objects.filter(pk__in=pks).values_list("request_id", flat=True)
    retention.lock_rows_of(StakeholderRequest, request_ids)


def _dispose_certifications(pks: Sequence[int]) -> list[Disposal]:
    disposals = _describe_certifications(pks)
    # The kept PDFs protect their certification from a deletion by mistake; this one is meant.
    CertificationDocument.objects.filter(certification__in=pks).delete()
    Certification.objects.filter(pk__in=pks).delete()
    return disposals


# --- Requests ----------------------------------------------------------------------------------
def _due_requests(now: datetime):
    closed = _closed_before(now - _days("STAKEHOLDER_REQUEST_RETENTION_DAYS"))
    return not_held(closed.filter(anonymised_at__isnull=True, certification__isnull=True))


def _describe_requests(pks: Sequence[int]) -> list[Disposal]:
    # Any document the documents' rule has not taken yet (its period may be set longer).
    return _describe_documents(pks)


def _dispose_requests(pks: Sequence[int]) -> list[Disposal]:
    disposals = _describe_requests(pks)
    StakeholderRequest.objects.filter(pk__in=pks).update(
        **ANONYMISED,
        # Only the year of birth stays, as the first of January.
        subject_date_of_birth=TruncYear("subject_date_of_birth"),
        anonymised_at=timezone.now(),
    )
    RequestEvent.objects.filter(request__in=pks).update(note="", document="", document_name="")
    _delete_notices(StakeholderRequest, pks)
    return disposals


def _delete_notices(model, pks: Sequence[int]) -> None:
    """The outbox's copies of the e-mails about these records: they repeat the personal data."""
    OutgoingEmail.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).delete()


# --- The staff-access log ----------------------------------------------------------------------
def _due_record_views(now: datetime):
    old = RecordView.objects.filter(at__lt=now - _days("RECORD_VIEW_RETENTION_DAYS"))
    return not_held(old, held=StakeholderRequest, through="request_id")


def _describe_record_views(pks: Sequence[int]) -> list[Disposal]:
    views = RecordView.objects.filter(pk__in=pks).order_by("pk")
    return [
        Disposal(f"view {pk} of {number} ({at:%Y-%m-%d})")
        for pk, number, at in views.values_list("pk", "request__tracking_number", "at")
    ]


def _lock_requests_of_views(pks: Sequence[int]) -> None:
    request_ids = RecordView.objects.filter(pk__in=pks).values_list("request_id", flat=True)
    retention.lock_rows_of(StakeholderRequest, set(request_ids))


def _dispose_record_views(pks: Sequence[int]) -> list[Disposal]:
    disposals = _describe_record_views(pks)
    RecordView.objects.filter(pk__in=pks).delete()
    return disposals


def register() -> None:
    """Add this app's rules to the schedule (StakeholderFormsConfig.ready)."""
    for rule in (
        RetentionRule(
            kind="stakeholder_drafts",
            action="deleted",
            due=_due_drafts,
            describe=_describe_drafts,
            dispose=_dispose_drafts,
            setting="STAKEHOLDER_DRAFT_RETENTION_DAYS",
        ),
        RetentionRule(
            kind="stakeholder_documents",
            action="documents deleted",
            due=_due_documents,
            describe=_describe_documents,
            dispose=_dispose_documents,
            setting="STAKEHOLDER_DOCUMENT_RETENTION_DAYS",
        ),
        RetentionRule(
            kind="certifications",
            action="deleted",
            due=_due_certifications,
            describe=_describe_certifications,
            dispose=_dispose_certifications,
            lock=_lock_requests_of_certifications,
            setting="CERTIFICATION_RETENTION_DAYS",
        ),
        RetentionRule(
            kind="stakeholder_requests",
            action="anonymised",
            due=_due_requests,
            describe=_describe_requests,
            dispose=_dispose_requests,
            setting="STAKEHOLDER_REQUEST_RETENTION_DAYS",
        ),
        RetentionRule(
            kind="record_views",
            action="deleted",
            due=_due_record_views,
            describe=_describe_record_views,
            dispose=_dispose_record_views,
            lock=_lock_requests_of_views,
            setting="RECORD_VIEW_RETENTION_DAYS",
        ),
    ):
        retention.register(rule)
