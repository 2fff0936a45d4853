"""The one rule for every PDF the portal accepts (leacorner/pdf_safety.py)."""

import io

import pytest
from pypdf import PdfWriter

from leacorner import pdf_safety
from leacorner.pdf_safety import Problem, UnsafePDF, check_pdf
from testkit import pdfs


def problem_of(data: bytes) -> Problem | None:
    try:
        check_pdf(io.BytesIO(data))
    except UnsafePDF as refusal:
        return refusal.problem
    return None


def test_a_plain_pdf_is_accepted_and_left_at_its_start():
    upload = io.BytesIO(pdfs.PLAIN_PDF)
    upload.seek(100)
    check_pdf(upload)
    assert upload.tell() == 0  # the storage saves it from the first byte


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("javascript on opening", Problem.JAVASCRIPT),
        ("escaped javascript", Problem.JAVASCRIPT),
        ("document javascript", Problem.JAVASCRIPT),
        ("javascript link", Problem.JAVASCRIPT),
        ("launch action", Problem.LAUNCH),
        ("embedded file", Problem.EMBEDDED_FILE),
    ],
)
def test_active_content_is_refused_with_its_reason(name, problem):
    assert problem_of(pdfs.ACTIVE_PDFS[name]) == problem


def test_an_html_page_that_starts_and_ends_like_a_pdf_is_not_a_pdf():
    assert problem_of(pdfs.HTML_POSING_AS_PDF) == Problem.NOT_PDF


@pytest.mark.parametrize(
    "data",
    [
        pdfs.PLAIN_PDF[:-7],  # cut short: no %%EOF
        pdfs.PLAIN_PDF[:150] + b"\n%%EOF\n",  # cut in the middle, the marker added back
        b"\n" + pdfs.PLAIN_PDF,  # something before the header
        b"",
        b"%PDF-",
        pdfs.NO_PAGE_PDF,
    ],
)
def test_damaged_or_empty_files_are_refused(data):
    assert problem_of(data) in {Problem.NOT_PDF, Problem.NO_PAGES}


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_locked_with_a_password_cannot_be_checked_so_is_refused():
    assert problem_of(_encrypted("open-sesame")) == Problem.ENCRYPTED


def test_a_pdf_encrypted_only_against_printing_is_read_and_accepted():
    assert problem_of(_encrypted("")) is None


def test_a_file_with_too_many_objects_is_refused_as_too_complex(monkeypatch):
    monkeypatch.setattr(pdf_safety, "MAX_OBJECTS", 3)
    assert problem_of(pdfs.PLAIN_PDF) is None  # catalog, page tree, page: three
    many = pdfs.build_pdf(b"/Extra [4 0 R]", more=[b"<< /Note (one more) >>"])
    assert problem_of(many) == Problem.TOO_COMPLEX


def test_every_refusal_tells_the_person_what_to_do():
    for problem in Problem:
        message = UnsafePDF(problem).message
        assert message.endswith("."), message
        assert "%(" not in message
    assert "Print the document to a new PDF" in UnsafePDF(Problem.JAVASCRIPT).message
