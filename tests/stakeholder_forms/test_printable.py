"""The printable request form (drawn from the live form) and the fact sheet, and their links."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from programs.models import Program
from stakeholder_forms.certification_pdf import latin1
from stakeholder_forms.forms import StakeholderRequestForm
from stakeholder_forms.printable_form import form_sections

PRINTABLE = reverse("stakeholder_forms:printable_form")
FACT_SHEET = reverse("stakeholder_forms:fact_sheet")


def _words(text: str) -> str:
    return " ".join(latin1(text).split())


@pytest.fixture
def printed(client, db) -> str:
    response = client.get(PRINTABLE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return _words(" ".join(page.extract_text() or "" for page in reader.pages))


def test_the_printed_form_has_every_label_of_the_live_form(printed):
    live = StakeholderRequestForm(user=None)
    shown = [name for name, field in live.fields.items() if not field.widget.is_hidden]
    # Every field of the page but the one only a draft with a document has.
    printed_fields = {name for _legend, fields in form_sections() for name, _field in fields}
    assert printed_fields == set(shown) - {"remove_document"}
    for name in printed_fields:
        assert _words(str(live.fields[name].label)) in printed, name


def test_the_printed_form_has_the_sections_help_texts_and_choices(printed):
    for legend, fields in form_sections():
        assert _words(legend) in printed, legend
        for name, field in fields:
            if field.help_text and name not in {"requester_email", "document"}:
                assert _words(str(field.help_text)) in printed, name
            for value, choice in getattr(field, "choices", []):
                if value:
                    assert _words(str(choice)) in printed, (name, choice)
    assert "An older 8-digit number (A12345678) is kept with a 0 in front" in printed
    assert "ERO.INFO@ice.dhs.gov" in printed and "1-888-351-4024" in printed


def test_a_label_changed_online_is_changed_on_paper(client, db, monkeypatch):
    field = StakeholderRequestForm.base_fields["information_requested"]
    monkeypatch.setattr(field, "label", "Which facts should ERO certify?")
    reader = PdfReader(io.BytesIO(client.get(PRINTABLE).content))
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    assert "Which facts should ERO certify?" in text


def test_the_printed_form_is_public_and_cacheable(client, db):
    response = client.get(PRINTABLE)
    assert "public" in response["Cache-Control"] and "inline" in response["Content-Disposition"]


def test_the_fact_sheet_says_how_to_ask_and_links_the_form(client, db):
    html = client.get(FACT_SHEET).content.decode()
    for fact in ["Who may ask", "What you give", "ERO.INFO@ice.dhs.gov", "tel:", PRINTABLE]:
        assert fact in html
    assert reverse("verify_certification") in html


def test_the_programs_page_and_the_form_link_both(client, clerk_client, db):
    program = Program.objects.get(slug="criminal-justice-stakeholder-forms")
    html = client.get(program.get_absolute_url()).content.decode()
    assert f'href="{PRINTABLE}"' in html and f'href="{FACT_SHEET}"' in html
    form = clerk_client.get(reverse("stakeholder_forms:request_create")).content.decode()
    assert f'href="{PRINTABLE}"' in form and f'href="{FACT_SHEET}"' in form
