"""Updates through the secret link, mail outages, and tracking numbers under concurrency."""

import os
import re
import threading

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client

from cyber_reports.models import CyberIncidentReport, ReportUpdate
from leacorner import numbering
from leacorner.models import OutgoingEmail
from leacorner.numbering import Prefix

from .conftest import report_data

URL = "/cyber-incidents/report/"


def file_and_get_link(client, capture) -> tuple[CyberIncidentReport, str]:
    with capture(execute=True):
        assert client.post(URL, report_data()).status_code == 302
    report = CyberIncidentReport.objects.latest("submitted_at")
    receipt = next(m for m in mail.outbox if m.to == [report.reporter_email])
    path = re.search(r"https?://[^/\s]+(/cyber-incidents/update/\S+/)", receipt.body).group(1)
    return report, path


@pytest.mark.django_db
def test_update_link_adds_information_and_files_and_tells_the_same_desks(
    django_capture_on_commit_callbacks,
):
    report, link = file_and_get_link(Client(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    stranger = Client()  # the link is all it takes: no session, no sign-in
    page = stranger.get(link)
    assert page.status_code == 200
    assert report.tracking_number in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = stranger.post(
            link,
            {
                "body": "Second ransom note found; attacker e-mail is in the attached file.",
                "attachments": [SimpleUploadedFile("note2.txt", b"contact: bad@evil.example")],
            },
        )
    assert response.status_code == 302
    update = ReportUpdate.objects.get(report=report)
    assert update.attachments.get().original_name == "note2.txt"
    assert update.attachments.get().report == report
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [
        "cisa-desk@leacorner.example",
        "fbi-desk@leacorner.example",
        "usss-desk@leacorner.example",
    ]
    assert all("1 new file was attached" in m.body for m in mail.outbox)
    assert all("bad@evil.example" not in m.body and not m.attachments for m in mail.outbox)
    followed = stranger.get(response["Location"]).content.decode()
    assert "Your update was added to" in followed
    assert "Second ransom note found" in followed


@pytest.mark.django_db
def test_routings_carry_the_reports_sector_and_time(django_capture_on_commit_callbacks):
    """The desk filters and orders on the routing's copies of the report's sector and filing
    time (no constraint can cross the two tables): filing sets them, and an update through the
    secret link, the only change after filing, leaves the report's own unchanged."""
    report, link = file_and_get_link(Client(), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().post(link, {"body": "More news."}).status_code == 302
    report.refresh_from_db()
    assert report.sector == "healthcare"
    copies = list(report.routings.values_list("sector", "report_submitted_at"))
    assert len(copies) == 3
    assert set(copies) == {(report.sector, report.submitted_at)}


@pytest.mark.django_db
def test_update_link_works_only_with_its_secret(django_capture_on_commit_callbacks):
    report, link = file_and_get_link(Client(), django_capture_on_commit_callbacks)
    token = link.rstrip("/").rsplit("/", 1)[1]
    for wrong in (
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        "x",
        report.tracking_number,
        report.update_token_hash,
    ):
        url = f"/cyber-incidents/update/{wrong}/"
        assert Client().get(url).status_code == 404
        assert Client().post(url, {"body": "spoof"}).status_code == 404
    assert not ReportUpdate.objects.exists()
    assert token not in CyberIncidentReport.objects.values_list("update_token_hash", flat=True)


@pytest.mark.django_db
def test_update_form_rules(django_capture_on_commit_callbacks):
    _report, link = file_and_get_link(Client(), django_capture_on_commit_callbacks)
    response = Client().post(link, {"body": ""})
    assert "Write what is new." in response.content.decode()
    response = Client().post(
        link, {"body": "x", "attachments": [SimpleUploadedFile("a.exe", b"MZ\x90\x00")]}
    )
    assert "is not a kind of file we accept" in response.content.decode()
    assert not ReportUpdate.objects.exists()


@pytest.mark.django_db
def test_mail_outage_loses_nothing_and_mail_goes_out_when_the_server_returns(
    settings, django_capture_on_commit_callbacks
):
    """A real SMTP connection to a port where no server listens fails; the report is saved and
    routed all the same, the messages wait, and they go out once a server answers again."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, report_data())
    assert response.status_code == 302
    report = CyberIncidentReport.objects.get()
    assert [r.agency.code for r in report.routings.all()] == ["CISA", "USSS", "FBI"]
    assert client.get(response["Location"]).status_code == 200
    notices = OutgoingEmail.objects.about(report)
    assert notices.count() == 4  # the receipt and three desks
    assert set(notices.values_list("status", flat=True)) == {"retrying"}
    assert all(n.attempts == 1 and n.last_error for n in notices)
    assert not mail.outbox

    # The server is back.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("retry_email")
    assert set(notices.values_list("status", flat=True)) == {"sent"}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "cisa-desk@leacorner.example",
        "d.whitfield@riverton-pd.example",
        "fbi-desk@leacorner.example",
        "usss-desk@leacorner.example",
    ]


@pytest.mark.django_db
def test_delivery_state_is_shown_to_the_desk(
    settings, role_client, django_capture_on_commit_callbacks
):
    from accounts.roles import Role

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(URL, report_data())
    report = CyberIncidentReport.objects.get()
    client, _user = role_client(Role.DESK_FBI)
    page = client.get(f"/cyber-incidents/desk/fbi/{report.tracking_number}/").content.decode()
    # The notices table (templates/includes/_notices.html): the address, then its state.
    assert "<td>New report</td><td>fbi-desk@leacorner.example</td><td>Retrying</td>" in page
    assert "usss-desk@leacorner.example" not in page


@pytest.mark.django_db
def test_tracking_numbers_restart_each_year():
    def allocate(year: int) -> str:
        return str(numbering.allocate(Prefix.CYBER_REPORT, year=year))

    assert allocate(2031) == "CIR-2031-000001"
    assert allocate(2031) == "CIR-2031-000002"
    assert allocate(2032) == "CIR-2032-000001"


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL (DATABASE_URL); SQLite serializes every writer anyway",
)
# Serialized rollback: the flush after this test must give the next tests their seeded data.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tracking_numbers_are_unique_under_concurrency():
    assert connection.vendor == "postgresql"
    numbers: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait()
            for _ in range(10):
                numbers.append(str(numbering.allocate(Prefix.CYBER_REPORT, year=2040)))
        except BaseException as error:  # reported below, in the test thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == [f"CIR-2040-{n:06d}" for n in range(1, 81)]
