"""/verify/: the facts a court compares with the paper, and the PDF compared byte for byte.

The case that matters: a PDF whose findings were edited, still carrying the real number and
code, passes the number-and-code check (the code is right) but fails the comparison."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import formats
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject

from accounts.roles import Role
from stakeholder_forms.certification_documents import CertificationDocument, sha256_of
from stakeholder_forms.certification_pdf import render_certification_pdf
from testkit.pdfs import PLAIN_PDF

from ..factories import UserFactory, approved_request
from .test_certification import pdf_text

VERIFY = reverse("verify_certification")


@pytest.fixture
def issued(db):
    return approved_request(
        reviewer=UserFactory(role=Role.ERO_REVIEWER, full_name="Morgan Reyes"),
        subject_family_name="Hernández",
        subject_given_names="José Luis",
        case_number="CR-26-981",
    )[1]


def _download(client, certification) -> bytes:
    from testkit.mfa import signed_in_client

    response = signed_in_client(certification.request.clerk).get(
        reverse("stakeholder_forms:certification_pdf", args=[certification.request.pk])
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _compare(client, certification, data: bytes, name: str = "certification.pdf", **extra):
    return client.post(
        VERIFY,
        {
            "number": certification.number,
            "code": certification.verification_code,
            "action": "compare",
            "pdf": SimpleUploadedFile(name, data, content_type="application/pdf"),
            **extra,
        },
    )


def _edited(data: bytes, old: bytes, new: bytes) -> bytes:
    """The PDF with one phrase of its first page changed, as a PDF editor would."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    page = writer.pages[0]
    content = page.get_contents()
    raw = content.get_data()
    assert old in raw
    stream = StreamObject()
    stream.set_data(raw.replace(old, new))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_valid_check_shows_the_facts_a_court_compares(client, issued):
    response = client.post(VERIFY, {"number": issued.number, "code": issued.verification_code})
    assert response.context["outcome"] == "valid"
    html = response.content.decode()
    facts = html[html.index('id="certification-facts"') :]
    day = formats.date_format(issued.issued_on)
    for fact in [
        "In force",
        day,
        "Morgan Reyes",
        "HERNÁNDEZ, José Luis",
        "Court appearance",
        formats.date_format(issued.request.obligation_date),
        "Fairfax County Circuit Court",
        "CR-26-981",
        "Farmville Detention Center",
        formats.date_format(issued.custody_from),
        "Mexico",
        "Removed",
    ]:
        assert fact in facts, fact
    assert 'name="pdf"' in html and 'value="compare"' in html


def test_a_revoked_certification_shows_its_facts_and_the_day_it_was_revoked(client, issued):
    issued.revoke(by=issued.officer, reason="Wrong person.")
    response = client.post(VERIFY, {"number": issued.number, "code": issued.verification_code})
    assert response.context["outcome"] == "revoked"
    html = response.content.decode()
    assert f"Revoked on {formats.date_format(issued.revoked_at.date())}" in html
    assert "HERNÁNDEZ" in html
    assert "Wrong person." not in html


def test_the_downloaded_pdf_is_byte_for_byte_the_issued_one(client, issued):
    downloaded = _download(client, issued)
    kept = CertificationDocument.objects.get(certification=issued, kind="issued")
    assert sha256_of(downloaded) == kept.sha256 == sha256_of(bytes(kept.content))
    assert _download(client, issued) == downloaded  # and again, the same bytes
    response = _compare(client, issued, downloaded)
    assert response.context["comparison"] == "issued"
    assert "byte for byte the PDF issued on" in response.content.decode()


def test_an_edited_pdf_with_the_real_number_and_code_fails_the_comparison(client, issued):
    genuine = _download(client, issued)
    forged = _edited(genuine, b"Farmville Detention Center", b"Released on bond, no custody")
    text = pdf_text(forged)
    # The forgery carries the real number and code, which pass the check …
    assert issued.number in text and issued.verification_code in text
    assert "Released on bond, no custody" in text
    checked = client.post(VERIFY, {"number": issued.number, "code": issued.verification_code})
    assert checked.context["outcome"] == "valid"
    # … but the file is not the one issued, and the page says so, beside the true facts.
    response = _compare(client, issued, forged)
    assert response.status_code == 200
    assert response.context["comparison"] == "different"
    html = response.content.decode()
    assert 'data-comparison="different"' in html
    assert "Farmville Detention Center" in html


def test_a_genuine_pdf_saved_again_by_another_program_differs(client, issued):
    genuine = _download(client, issued)
    out = io.BytesIO()
    PdfWriter(clone_from=PdfReader(io.BytesIO(genuine))).write(out)
    assert _compare(client, issued, out.getvalue()).context["comparison"] == "different"


def test_after_revocation_downloads_serve_the_copy_marked_revoked_and_both_are_known(
    client, issued
):
    before = _download(client, issued)
    issued.revoke(by=issued.officer, reason="Record corrected.")
    after = _download(client, issued)
    assert after != before and "REVOKED" in pdf_text(after)
    assert _download(client, issued) == after
    assert _compare(client, issued, before).context["comparison"] == "issued"
    response = _compare(client, issued, after)
    assert response.context["comparison"] == "revoked_copy"
    assert response.context["outcome"] == "revoked"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"<html>not a pdf</html>", "This file is not a PDF."),
        (PLAIN_PDF + b"\0" * (2 * 1024 * 1024), "the largest compared is 2.0"),
    ],
)
def test_a_refused_file_says_why_and_keeps_the_facts(client, issued, data, message):
    response = _compare(client, issued, data)
    assert response.status_code == 200
    assert response.context["comparison"] is None
    assert response.context["outcome"] == "valid"
    html = response.content.decode()
    assert message in html
    assert "HERNÁNDEZ" in html  # the facts stay on the page


def test_a_comparison_without_a_file_asks_for_one(client, issued):
    response = client.post(
        VERIFY,
        {"number": issued.number, "code": issued.verification_code, "action": "compare"},
    )
    assert response.status_code == 200
    assert "Choose the PDF file to compare." in response.content.decode()


def test_a_comparison_with_a_wrong_code_shows_nothing(client, issued):
    response = _compare(client, issued, _download(client, issued), code="AAAAA-AAAAA")
    assert response.context["outcome"] == "unknown"
    assert response.context["comparison"] is None
    assert "HERNÁNDEZ" not in response.content.decode()


def test_comparisons_count_against_the_rate_limit(client, issued, settings):
    settings.STAKEHOLDER_VERIFY_LIMIT = 2
    genuine = _download(client, issued)
    assert _compare(client, issued, genuine).status_code == 200
    assert _compare(client, issued, genuine).status_code == 200
    limited = _compare(client, issued, genuine)
    assert limited.status_code == 429 and limited.context["comparison"] is None


def test_the_check_costs_a_bounded_number_of_queries(client, issued, django_assert_max_num_queries):
    genuine = _download(client, issued)
    with django_assert_max_num_queries(8):
        _compare(client, issued, genuine)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_the_bytes_downloads_served_before(settings):
    _item, kept_valid = approved_request()
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    _item, revoked = approved_request(reviewer=reviewer)
    revoked.revoke(by=reviewer, reason="Record corrected.")
    CertificationDocument.objects.all().delete()  # as before the bytes were kept
    # What a download served until now: rendered afresh, in Django's own date format.
    settings.FORMAT_MODULE_PATH = None
    formats.reset_format_cache()
    served_before = {c.pk: render_certification_pdf(c) for c in (kept_valid, revoked)}
    settings.FORMAT_MODULE_PATH = ["leacorner.formats"]
    formats.reset_format_cache()
    executor = MigrationExecutor(connection)
    executor.migrate([("stakeholder_forms", "0014_certification_pdfs_kept_as_issued")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    documents = {
        (d.certification_id, d.kind): d.sha256 for d in CertificationDocument.objects.all()
    }
    assert documents[(kept_valid.pk, "issued")] == sha256_of(served_before[kept_valid.pk])
    assert documents[(revoked.pk, "revoked")] == sha256_of(served_before[revoked.pk])
    assert (revoked.pk, "issued") in documents and len(documents) == 3


def test_the_reviewer_sees_the_digest_the_comparison_uses(issued):
    from testkit.mfa import signed_in_client

    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    page = signed_in_client(reviewer).get(
        reverse("admin:stakeholder_forms_certification_change", args=[issued.pk])
    )
    kept = CertificationDocument.objects.get(certification=issued, kind="issued")
    assert f"<code>{kept.sha256}</code>" in page.content.decode()
