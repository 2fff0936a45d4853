"""Every file the portal hands out: an attachment, never cached, under a safe name; a file the
storage lost answers 404 (leacorner/downloads.py)."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from cyber_reports.models import Attachment
from leacorner.downloads import (
    bytes_response,
    csv_safe,
    safe_filename,
    stored_file_response,
    streamed_csv_response,
)


def stored(content: bytes = b"proof") -> Attachment:
    """An attachment whose file is in the (per-test) attachment storage; no database row."""
    attachment = Attachment(original_name="evidence.txt", kind="text", size=len(content))
    attachment.file.save("upload", ContentFile(content), save=False)
    return attachment


def test_a_stored_file_is_an_attachment_that_no_cache_keeps():
    attachment = stored()
    response = stored_file_response(
        attachment.file, filename="evidence.txt", content_type="application/octet-stream"
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"proof"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Length"] == "5"
    assert response["Content-Disposition"] == 'attachment; filename="evidence.txt"'
    assert response["Cache-Control"] == "private, no-store"


def test_a_record_without_a_file_answers_404():
    with pytest.raises(Http404):
        stored_file_response(Attachment().file, filename="x.pdf", content_type="application/pdf")
    with pytest.raises(Http404):
        stored_file_response(None, filename="x.pdf", content_type="application/pdf")


def test_a_file_the_storage_lost_answers_404():
    attachment = stored()
    attachment.file.storage.delete(attachment.file.name)
    with pytest.raises(Http404):
        stored_file_response(
            attachment.file, filename="evidence.txt", content_type="application/octet-stream"
        )


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("../../etc/passwd", 'attachment; filename="passwd"'),
        ('C:\\Users\\pat\\warrant "final".pdf', 'attachment; filename="warrant final.pdf"'),
        # A line break would end the header: it is dropped, never sent.
        (
            "notes\r\nSet-Cookie: session=x.txt",
            'attachment; filename="notesSet-Cookie: session=x.txt"',
        ),
        ("évidence.pdf", "attachment; filename*=utf-8''%C3%A9vidence.pdf"),
        ("..", 'attachment; filename="document.pdf"'),
        ("", 'attachment; filename="document.pdf"'),
    ],
)
def test_the_offered_name_is_safe_in_the_header(name, header):
    response = stored_file_response(
        stored().file, filename=name, content_type="application/pdf", default_name="document.pdf"
    )
    assert response["Content-Disposition"] == header


def test_a_long_name_keeps_its_extension():
    name = safe_filename("a" * 300 + ".pdf", default="document.pdf")
    assert len(name) == 200 and name.endswith(".pdf")


def test_bytes_in_memory_are_a_whole_uncached_attachment():
    response = bytes_response(
        b"%PDF-1.4 ...", filename="CERT-2026-000001.pdf", content_type="application/pdf"
    )
    assert response.content == b"%PDF-1.4 ..."
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="CERT-2026-000001.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_a_csv_is_streamed_row_by_row_as_an_uncached_attachment():
    read = []

    def rows():
        for row in (["number", "entity"], ["CIR-2026-000001", 'Water, "North"']):
            read.append(row)
            yield row

    response = streamed_csv_response(rows(), filename="cyber-reports-fbi.csv")
    assert read == []  # nothing is read before the response is sent
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cyber-reports-fbi.csv"'
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content).decode()
    assert body == 'number,entity\r\nCIR-2026-000001,"Water, ""North"""\r\n'


def test_a_cell_that_starts_like_a_formula_is_kept_as_text():
    for typed in ('=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_safe(typed) == "'" + typed
    for plain in ("Riverton PD", "", "1-800", "a=b", "'=already"):
        assert csv_safe(plain) == plain
