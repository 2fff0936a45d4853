"""The ERO queue as CSV, as a supervisor filtered it: one row per request, streamed.

Who may export is the admin's decision (supervision_admin.py: SUPERVISE_PERMISSION). Every
exported request is a staff view of its personal data, so each one is logged as a `RecordView`
("Queue export (CSV)") by the exporting supervisor, in the same place as an opening of its page:
the request's "Opened by staff" panel and the staff-access log show it. The rows are logged a
chunk at a time just before that chunk is written, so a download cut off half-way logs the
requests that were sent and no more, and no export holds the queue in memory. Every cell goes
through the one formula guard (leacorner.downloads.csv_safe).
"""

from collections.abc import Iterator

from django.utils import timezone

from leacorner.downloads import csv_safe

from .models import RecordView, StakeholderRequest

#: Requests read, logged and written at a time.
CHUNK = 500

HEADER = [
    "tracking_number",
    "status",
    "submitted_at",
    "age_working_days",
    "overdue",
    "assigned_reviewer",
    "decided_at",
    "denial_reason",
    "requester_name",
    "requester_title",
    "agency_name",
    "agency_type",
    "agency_ori",
    "requester_phone",
    "requester_email",
    "subject_family_name",
    "subject_given_names",
    "subject_middle_name",
    "subject_date_of_birth",
    "subject_country_of_birth",
    "a_number",
    "obligation_type",
    "obligation_date",
    "obligation_court",
    "case_number",
    "information_wanted",
]


def _iso(value) -> str:
    return value.isoformat() if value else ""


def row(item: StakeholderRequest) -> list[str]:
    cells = [
        item.tracking_number,
        item.get_status_display(),
        _iso(timezone.localtime(item.submitted_at)),
        str(item.age_in_working_days()),
        "yes" if item.is_overdue() else "no",
        item.assigned_to.get_full_name() if item.assigned_to else "",
        _iso(item.decided_at and timezone.localtime(item.decided_at)),
        item.get_denial_reason_display() if item.denial_reason else "",
        item.requester_name,
        item.requester_title,
        item.agency_name,
        item.agency_type_display,
        item.agency_ori,
        item.requester_phone,
        item.requester_email,
        item.subject_family_name,
        item.subject_given_names,
        item.subject_middle_name,
        _iso(item.subject_date_of_birth),
        item.subject_country_of_birth,
        item.a_number_display,
        item.obligation_display,
        _iso(item.obligation_date),
        item.obligation_court,
        item.case_number,
        "; ".join(item.information_wanted),
    ]
    return [csv_safe(str(cell)) for cell in cells]


def _logged(chunk: list[StakeholderRequest], viewer) -> Iterator[list[str]]:
    now = timezone.now()
    RecordView.objects.bulk_create(
        RecordView(at=now, viewer=viewer, request=item, what=RecordView.What.EXPORT)
        for item in chunk
    )
    for item in chunk:
        yield row(item)


def rows(requests, *, viewer) -> Iterator[list[str]]:
    """The header, then one row per request of the queryset `requests`, each logged as a
    view by `viewer` just before it is written."""
    yield HEADER
    chunk: list[StakeholderRequest] = []
    for item in requests.select_related("assigned_to").iterator(chunk_size=CHUNK):
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield from _logged(chunk, viewer)
            chunk = []
    if chunk:
        yield from _logged(chunk, viewer)
