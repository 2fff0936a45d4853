"""In a browser: /verify/ with its facts and the PDF comparison, the fact sheet, the printable
form's links, and a failed submit that keeps one draft; axe-clean at desktop and 375 px."""

import io

import pytest
from pypdf import PdfReader, PdfWriter

from accounts.roles import Role
from stakeholder_forms.certification_documents import served_pdf
from stakeholder_forms.models import RequestDraft

from ..factories import PASSWORD, UserFactory, approved_request
from .conftest import assert_accessible, screenshot, sign_in

pytestmark = pytest.mark.browser


def _resaved(data: bytes) -> bytes:
    out = io.BytesIO()
    PdfWriter(clone_from=PdfReader(io.BytesIO(data))).write(out)
    return out.getvalue()


def _check_and_compare(page, certification, files: dict[str, bytes], name: str) -> None:
    page.goto("/verify/")
    assert_accessible(page)
    page.get_by_label("Certification number").fill(certification.number)
    page.get_by_label("Verification code").fill(certification.verification_code)
    page.get_by_role("button", name="Check").click()
    page.locator("#certification-facts").wait_for()
    assert "HERNÁNDEZ, José Luis" in page.locator("#certification-facts").inner_text()
    assert_accessible(page)
    screenshot(page, f"{name}-facts")
    for label, data in files.items():
        page.locator("#id_compare_pdf").set_input_files(
            {"name": "certification.pdf", "mimeType": "application/pdf", "buffer": data}
        )
        page.get_by_role("button", name="Compare the file").click()
        page.locator("#verify-comparison").wait_for()
        assert page.locator("#verify-comparison").get_attribute("data-comparison") == label
        assert_accessible(page)
        screenshot(page, f"{name}-{label}")


@pytest.mark.parametrize(
    ("width", "name"), [(1280, "stakeholder-verify"), (375, "stakeholder-verify-mobile")]
)
def test_verify_shows_the_facts_and_compares_the_file(browser, live_server, width, name):
    _item, certification = approved_request(
        subject_family_name="Hernández", subject_given_names="José Luis"
    )
    genuine = served_pdf(certification)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    _check_and_compare(
        page, certification, {"issued": genuine, "different": _resaved(genuine)}, name
    )
    # A file that is no PDF is refused with its reason, the facts still there.
    page.locator("#id_compare_pdf").set_input_files(
        {"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"hello"}
    )
    page.get_by_role("button", name="Compare the file").click()
    page.wait_for_selector("text=This file is not a PDF.")
    assert page.locator("#certification-facts").is_visible()
    assert_accessible(page)
    screenshot(page, f"{name}-refused")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize(
    ("width", "name"), [(1280, "stakeholder-fact-sheet"), (375, "stakeholder-fact-sheet-mobile")]
)
def test_the_fact_sheet_and_the_program_page_link_the_paper_form(browser, live_server, width, name):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto("/directory/programs/criminal-justice-stakeholder-forms/")
    page.get_by_role("link", name="Read the fact sheet").click()
    page.get_by_role("heading", name="Criminal Justice Stakeholder Forms").wait_for()
    assert_accessible(page)
    screenshot(page, name)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    href = page.get_by_role("link", name="request form (PDF)").get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    context.close()


def test_failed_submits_keep_one_draft_and_say_so(mobile_page):
    clerk = UserFactory(role=Role.CLERK)
    sign_in(mobile_page, clerk.email, PASSWORD)
    mobile_page.goto("/stakeholder-requests/new/")
    mobile_page.locator("#id_subject_family_name").fill("Okafor")
    for _attempt in range(3):
        mobile_page.get_by_role("button", name="Submit request").click()
        mobile_page.wait_for_selector("text=Nothing was submitted yet")
    mobile_page.reload()  # the address is the draft's now: a reload posts nothing
    assert mobile_page.locator("#id_subject_family_name").input_value() == "Okafor"
    assert RequestDraft.objects.filter(clerk=clerk).count() == 1
    assert "/drafts/" in mobile_page.url
    mobile_page.get_by_role("button", name="Submit request").click()
    mobile_page.wait_for_selector("text=Nothing was submitted yet")
    assert_accessible(mobile_page)
    screenshot(mobile_page, "stakeholder-request-failed-submit-mobile")
    assert RequestDraft.objects.filter(clerk=clerk).count() == 1
