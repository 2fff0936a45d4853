"""Whom a reporter is told to call urgently comes from the agencies' emergency lines, which
operators edit in the admin (cyber_reports/emergency.py): an edit shows on every page and in
every message at once, no number is written anywhere else, every number on a page is a `tel:`
link, and the received page names the agencies the report went to."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from cyber_reports.agencies import Agency
from cyber_reports.emergency import emergency_lines, urgent_call_sentence
from cyber_reports.models import Attachment, CyberIncidentReport, PrivateFileStorage

from .conftest import report_data, update_token_on_receipt

SEEDED = (
    "DHS/CISA at CISA Central, (888) 282-0870, 24 hours a day; "
    "HSI at HSI Tip Line, (866) 347-2423, 24 hours a day; "
    "or FBI at FBI CyWatch, (855) 292-3937, 24 hours a day"
)
NEW_LINE = "CISA Central, (844) 555-0100, around the clock"


@pytest.fixture
def refused_files(tmp_path, monkeypatch):
    """The attachment storage refuses every file (its folder cannot be created)."""
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    monkeypatch.setattr(
        Attachment._meta.get_field("file"),
        "storage",
        PrivateFileStorage(location=blocker / "uploads"),
    )


def text_of(response) -> str:
    """What the page says, without its markup."""
    return " ".join(strip_tags(response.content.decode()).split())


def pages(client: Client) -> dict[str, str]:
    """The pages that tell a reporter whom to call, and the receipt page of a new report."""
    filed = client.post(reverse("cyber_reports:report_create"), report_data())
    assert filed.status_code == 302
    return {
        "guidance": text_of(client.get(reverse("cyber_reports:guidance"))),
        "form": text_of(client.get(reverse("cyber_reports:report_create"))),
        "receipt": text_of(client.get(filed["Location"])),
    }


@pytest.mark.django_db
def test_the_seeded_lines_in_one_phrase():
    assert strip_tags(emergency_lines()) == SEEDED
    cisa = Agency.objects.get(code="CISA")
    assert emergency_lines([cisa]) == (
        'DHS/CISA at CISA Central, <a class="usa-link" href="tel:+18882820870">(888) 282-0870</a>'
        ", 24 hours a day"
    )
    assert strip_tags(urgent_call_sentence()) == f"If the incident is urgent, call now: {SEEDED}."
    assert [a.code for a in Agency.objects.with_emergency_line()] == ["CISA", "HSI", "FBI"]


@pytest.mark.django_db
def test_every_page_reads_the_lines_the_admin_edits():
    before = pages(Client())
    assert "For an urgent incident, also call " + SEEDED in before["form"]
    assert "For an urgent incident, call " + SEEDED + ", and file the report" in before["guidance"]

    Agency.objects.filter(code="CISA").update(emergency_contact=NEW_LINE)
    Agency.objects.filter(code="HSI").update(emergency_contact="")
    after = pages(Client())
    for name in ("form", "guidance"):
        assert f"DHS/CISA at {NEW_LINE}; or FBI at FBI CyWatch" in after[name], name
    for name, text in after.items():
        assert "(888) 282-0870" not in text and "HSI Tip Line" not in text, name
    assert f"DHS/CISA: {NEW_LINE}" in after["receipt"]


@pytest.mark.django_db
def test_every_number_on_the_pages_is_a_tel_link():
    client = Client()
    filed = client.post(reverse("cyber_reports:report_create"), report_data())
    for url in (
        reverse("cyber_reports:guidance"),
        reverse("cyber_reports:report_create"),
        reverse("cyber_reports:how_to_report"),
        filed["Location"],
    ):
        html = client.get(url).content.decode()
        assert '<a class="usa-link" href="tel:+18552923937">(855) 292-3937</a>' in html, url
        assert '<a class="usa-link" href="tel:911">911</a>' in html or "how-to" in url, url


@pytest.mark.django_db
def test_the_received_page_names_the_agencies_the_report_went_to(
    django_capture_on_commit_callbacks,
):
    """Ransomware at a hospital goes to DHS/CISA, the Secret Service and the FBI: those are the
    agencies to call, the Secret Service (no 24-hour line) by its public contact, and not HSI."""
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        filed = client.post(reverse("cyber_reports:report_create"), report_data())
    page = client.get(filed["Location"])
    html = page.content.decode()
    emergency = html[html.index("cyber-emergency-list") :]
    emergency = " ".join(strip_tags(emergency[: emergency.index("</ul>\n    </li>")]).split())
    assert "DHS/CISA: CISA Central, (888) 282-0870, 24 hours a day" in emergency
    assert "USSS: no 24-hour line; Call the nearest Secret Service field office" in emergency
    assert "FBI: FBI CyWatch, (855) 292-3937, 24 hours a day" in emergency
    assert "HSI" not in emergency
    receipt = next(m for m in mail.outbox if m.to == ["d.whitfield@riverton-pd.example"])
    assert "- USSS: no 24-hour line; Call the nearest Secret Service field office" in receipt.body
    assert "- FBI: FBI CyWatch, (855) 292-3937, 24 hours a day" in receipt.body
    assert "HSI" not in receipt.body
    assert 'href="tel:+18882820870"' in receipt.alternatives[0].content


@pytest.mark.django_db
def test_without_any_line_the_pages_say_call_911_only():
    Agency.objects.update(emergency_contact="")
    after = pages(Client())
    assert "If lives are at risk, call 911." in after["form"]
    assert "If lives are at risk, call 911 first." in after["guidance"]
    assert "If lives are at risk: call 911." in after["receipt"]
    for name, text in after.items():
        assert "For an urgent incident" not in text, name
        assert "24 hours a day" not in text, name
    assert urgent_call_sentence() == ""
    assert "USSS: no 24-hour line;" in after["receipt"]


@pytest.mark.django_db
def test_a_report_whose_files_were_refused_says_whom_to_call(refused_files):
    Agency.objects.filter(code="FBI").update(emergency_contact="CyWatch, (855) 555-0199")
    data = report_data()
    data["attachments"] = [SimpleUploadedFile("notes.txt", b"first seen 06:40\n")]
    response = Client().post(reverse("cyber_reports:report_create"), data)
    assert response.status_code == 503
    text = text_of(response)
    assert "Your files could not be stored just now. Nothing was sent" in text
    assert "or FBI at CyWatch, (855) 555-0199." in text
    assert "(855) 292-3937" not in text
    assert not CyberIncidentReport.objects.exists()


@pytest.mark.django_db
def test_an_update_whose_files_were_refused_says_whom_to_call(refused_files):
    client = Client()
    filed = client.post(reverse("cyber_reports:report_create"), report_data())
    token = update_token_on_receipt(client, filed)
    Agency.objects.filter(code="CISA").update(emergency_contact=NEW_LINE)
    response = client.post(
        reverse("cyber_reports:report_update", kwargs={"token": token}),
        {"body": "More.", "attachments": [SimpleUploadedFile("notes.txt", b"later\n")]},
    )
    assert filed.status_code == 302 and response.status_code == 503
    assert f"If the incident is urgent, call now: DHS/CISA at {NEW_LINE};" in text_of(response)


@pytest.mark.django_db
def test_the_spam_refusal_says_whom_to_call():
    Agency.objects.filter(code="CISA").update(emergency_contact=NEW_LINE)
    response = Client().post(
        reverse("cyber_reports:report_create"), report_data(homepage="http://spam.example")
    )
    assert response.status_code == 400
    text = text_of(response)
    assert "Turn off any form-filling tool and send it again." in text
    assert f"call now: DHS/CISA at {NEW_LINE};" in text
    assert 'href="tel:+18445550100"' in response.content.decode()  # a link, not escaped


@pytest.mark.django_db
def test_a_report_past_the_anonymous_limit_says_whom_to_call(settings):
    settings.CYBER_REPORTS_ANONYMOUS_LIMIT = 0
    Agency.objects.filter(code="CISA").update(emergency_contact=NEW_LINE)
    response = Client().post(reverse("cyber_reports:report_create"), report_data())
    assert response.status_code == 429
    text = text_of(response)
    assert "Too many reports have been sent from your network address" in text
    assert f"If the incident is urgent, call now: DHS/CISA at {NEW_LINE};" in text
    assert 'href="tel:+18445550100"' in response.content.decode()
    assert "(888) 282-0870" not in text
    assert not CyberIncidentReport.objects.exists()
