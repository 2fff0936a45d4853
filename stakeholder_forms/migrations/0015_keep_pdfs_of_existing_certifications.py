"""Keep the PDF of every certification issued before the bytes were kept: rendered now by the
live renderer, which until now rendered it afresh on every download and is deterministic
(the creation date is the issue, the file's /ID a hash of its content), so these are the
bytes those downloads served. A revoked certification gets both its issued copy (rendered as
it was before the revocation) and its copy marked revoked.

Until now the PDF wrote its dates in Django's English format ("Dec. 2, 2026"); the portal's
own format ("December 2, 2026", leacorner/formats) came with this change. These PDFs are
rendered in the format they were downloaded in, so the copies already handed out match.

The live models are read (the renderer needs their methods) with `only()` the columns that
exist at this migration, so a column added by a later migration is never asked for here."""

import hashlib
from contextlib import contextmanager

from django.conf import settings
from django.db import migrations
from django.utils import formats

CERTIFICATION_COLUMNS = [
    "number",
    "request",
    "in_custody_on_date",
    "custody_from",
    "custody_to",
    "facility",
    "removed_on",
    "removal_country",
    "released_on",
    "current_status",
    "statement",
    "officer_name",
    "issued_at",
    "sealed_verification_code",
    "revoked_at",
    "revocation_reason",
]
REQUEST_COLUMNS = [
    "tracking_number",
    "requester_name",
    "requester_title",
    "agency_name",
    "agency_type",
    "agency_type_other",
    "subject_family_name",
    "subject_given_names",
    "subject_middle_name",
    "subject_date_of_birth",
    "subject_country_of_birth",
    "a_number",
    "obligation_type",
    "obligation_type_other",
    "obligation_date",
    "obligation_court",
    "case_number",
]


@contextmanager
def formats_before_this_change():
    saved = settings.FORMAT_MODULE_PATH
    settings.FORMAT_MODULE_PATH = None
    formats.reset_format_cache()
    try:
        yield
    finally:
        settings.FORMAT_MODULE_PATH = saved
        formats.reset_format_cache()


def keep_existing_pdfs(apps, schema_editor):
    with formats_before_this_change():
        _keep_existing_pdfs(apps)


def _keep_existing_pdfs(apps):
    from stakeholder_forms.certification import Certification
    from stakeholder_forms.certification_pdf import render_certification_pdf

    Document = apps.get_model("stakeholder_forms", "CertificationDocument")
    kept = set(Document.objects.values_list("certification_id", "kind"))
    live = (
        Certification.objects.select_related("request")
        .only(*CERTIFICATION_COLUMNS, *(f"request__{c}" for c in REQUEST_COLUMNS))
        .order_by("pk")
    )
    for certification in live.iterator(chunk_size=200):
        copies = []
        if certification.is_revoked:
            copies.append(("revoked", render_certification_pdf(certification)))
            certification.revoked_at = None  # in memory only: the copy as it was issued
        copies.append(("issued", render_certification_pdf(certification)))
        Document.objects.bulk_create(
            Document(
                certification_id=certification.pk,
                kind=kind,
                content=data,
                sha256=hashlib.sha256(data).hexdigest(),
                created_at=certification.issued_at,
            )
            for kind, data in copies
            if (certification.pk, kind) not in kept
        )


class Migration(migrations.Migration):
    dependencies = [("stakeholder_forms", "0014_certification_pdfs_kept_as_issued")]

    operations = [migrations.RunPython(keep_existing_pdfs, migrations.RunPython.noop)]
