"""The certification PDF (parsed back with pypdf) and the public verification page."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from stakeholder_forms.certification_pdf import render_certification_pdf

from ..factories import UserFactory, approved_request

VERIFY = reverse("verify_certification")


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pdf_states_the_facts(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Morgan Reyes")
    item, certification = approved_request(
        reviewer=reviewer,
        subject_family_name="Hernández",
        subject_given_names="José Luis",
        case_number="CR-26-981",
    )
    text = pdf_text(render_certification_pdf(certification))
    for fact in [
        "U.S. Immigration and Customs Enforcement",
        certification.number,
        item.tracking_number,
        certification.verification_code,
        "HERNÁNDEZ, José Luis",
        "CR-26-981",
        "Court appearance",
        "Farmville Detention Center",
        "Mexico",
        "Morgan Reyes",
        "In ICE custody on the obligation date Yes",
        "A123-456-789",
        "/verify/",
    ]:
        assert fact in text, fact
    assert "REVOKED" not in text


def test_names_outside_latin1_are_printed_without_failing(db):
    _item, certification = approved_request(subject_family_name="Nguyễn", subject_given_names="Thị")
    assert "NGUYEN, Thi" in pdf_text(render_certification_pdf(certification))


def test_a_revoked_pdf_says_so(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    _item, certification = approved_request(reviewer=reviewer)
    certification.revoke(by=reviewer, reason="Record corrected by the field office.")
    text = pdf_text(render_certification_pdf(certification))
    assert "REVOKED" in text and "Record corrected by the field office." in text


@pytest.fixture
def certification(db):
    return approved_request()[1]


def check(client, number: str, code: str):
    return client.post(VERIFY, {"number": number, "code": code})


def test_verify_valid(client, certification):
    response = check(
        client, certification.number.lower(), certification.verification_code.replace("-", "")
    )
    html = response.content.decode()
    assert response.status_code == 200 and response.context["outcome"] == "valid"
    # The facts a court compares are shown (tests/stakeholder_forms/test_verify.py); what the
    # paper's holder needs no confirmation of is not: the requester, identifiers, birth date.
    request = certification.request
    assert request.subject_family_name.upper() in html
    for secret in (
        request.tracking_number,
        request.requester_name,
        request.a_number_display,
        "March 2, 1985",
    ):
        assert secret not in html


def test_verify_revoked(client, certification):
    certification.revoke(by=certification.officer, reason="Wrong person.")
    response = check(client, certification.number, certification.verification_code)
    assert response.context["outcome"] == "revoked"
    assert "Wrong person." not in response.content.decode()


def test_verify_unknown_and_wrong_code_look_the_same(client, certification):
    unknown = check(client, "CERT-1999-000001", certification.verification_code)
    wrong = check(client, certification.number, "AAAAA-AAAAA")
    assert unknown.context["outcome"] == wrong.context["outcome"] == "unknown"


def test_verify_form_errors(client, db):
    response = client.post(VERIFY, {"number": "", "code": ""})
    assert response.context["outcome"] is None
    assert "Enter the certification number." in response.content.decode()


def test_verify_is_rate_limited(client, certification, settings):
    settings.STAKEHOLDER_VERIFY_LIMIT = 3
    for _attempt in range(3):
        assert check(client, "CERT-1999-000001", "AAAAA-AAAAA").status_code == 200
    limited = check(client, certification.number, certification.verification_code)
    assert limited.status_code == 429
    assert limited.context["outcome"] == "limited"
    # Another address is not affected.
    other = client.post(
        VERIFY,
        {"number": certification.number, "code": certification.verification_code},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.context["outcome"] == "valid"


def test_verify_page_opens_for_anyone(client, db):
    response = client.get(VERIFY)
    assert response.status_code == 200 and "Verify a certification" in response.content.decode()
