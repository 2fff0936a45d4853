"""Whom a reporter is told to call urgently comes from the agencies' emergency lines, which
operators edit in the admin (cyber_reports/emergency.py): an edit shows on every page and in
every message at once, and no number is written anywhere else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cyber_reports.agencies import Agency
from cyber_reports.emergency import emergency_lines, urgent_call_sentence
from cyber_reports.models import Attachment, CyberIncidentReport, PrivateFileStorage

from .conftest import report_data

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
    return " ".join(response.content.decode().split())


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
    assert emergency_lines() == SEEDED
    cisa = Agency.objects.get(code="CISA")
    assert emergency_lines([cisa]) == "DHS/CISA at CISA Central, (888) 282-0870, 24 hours a day"
    assert urgent_call_sentence() == f"If the incident is urgent, call now: {SEEDED}."
    assert [a.code for a in Agency.objects.with_emergency_line()] == ["CISA", "HSI", "FBI"]


@pytest.mark.django_db
def test_every_page_reads_the_lines_the_admin_edits():
    before = pages(Client())
    assert "For an urgent incident, also call " + SEEDED in before["form"]
    assert "For an urgent incident, call " + SEEDED + ", and file the report" in before["guidance"]
    assert "If the incident is urgent: call " + SEEDED in before["receipt"]

    Agency.objects.filter(code="CISA").update(emergency_contact=NEW_LINE)
    Agency.objects.filter(code="HSI").update(emergency_contact="")
    after = pages(Client())
    for name, text in after.items():
        assert f"DHS/CISA at {NEW_LINE}; or FBI at FBI CyWatch" in text, name
        assert "(888) 282-0870" not in text and "HSI Tip Line" not in text, name


@pytest.mark.django_db
def test_without_any_line_the_pages_say_call_911_only():
    Agency.objects.update(emergency_contact="")
    after = pages(Client())
    assert "If lives are at risk, call 911." in after["form"]
    assert "If lives are at risk, call 911 first." in after["guidance"]
    assert "If lives are at risk: call 911." in after["receipt"]
    assert "If the incident is urgent" not in after["receipt"]
    for name, text in after.items():
        assert "For an urgent incident" not in text, name
        assert "24 hours a day" not in text, name
    assert urgent_call_sentence() == ""


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
    token = client.session["cyber_reports_received"]["token"]
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


@pytest.mark.django_db
def test_a_report_past_the_anonymous_limit_says_whom_to_call(settings):
    settings.CYBER_REPORTS_ANONYMOUS_LIMIT = 0
    Agency.objects.filter(code="CISA").update(emergency_contact=NEW_LINE)
    response = Client().post(reverse("cyber_reports:report_create"), report_data())
    assert response.status_code == 429
    text = text_of(response)
    assert "Too many reports have been sent from your network address" in text
    assert f"If the incident is urgent, call now: DHS/CISA at {NEW_LINE};" in text
    assert "(888) 282-0870" not in text
    assert not CyberIncidentReport.objects.exists()
