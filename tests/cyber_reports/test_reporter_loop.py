"""With the reporter: the update link shows each agency's status in plain words and what the
desks wrote; a desk asks a question, the reporter answers through the link with a file, and
the desk that asked is told; the reporter hears of the first acknowledgement; the update link
and the receipts are limited as an attacker would try them."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from cyber_reports.models import Attachment, CyberIncidentReport, ReportUpdate
from cyber_reports.timeline import ReporterMessage, RoutingEvent
from leacorner.models import OutgoingEmail
from testkit.mfa import signed_in_client

from ..factories import UserFactory
from .conftest import report_data, update_token_on_receipt

URL = "/cyber-incidents/report/"
pytestmark = pytest.mark.django_db


def file_report(client, capture, **fields) -> tuple[CyberIncidentReport, str]:
    """File the water-utility ransomware and return it with its private update link."""
    data = report_data(types=("ransomware",), sector="water", **fields)
    with capture(execute=True):
        response = client.post(URL, data)
    assert response.status_code == 302
    token = update_token_on_receipt(client, response)
    report = CyberIncidentReport.objects.get(tracking_number=response["Location"].split("/")[-3])
    return report, reverse("cyber_reports:report_update", kwargs={"token": token})


def desk_url(name: str, agency: str, report) -> str:
    return reverse(
        f"cyber_reports:{name}",
        kwargs={"agency": agency, "tracking_number": report.tracking_number},
    )


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_reporter_sees_each_agency_in_plain_words(django_capture_on_commit_callbacks):
    report, link = file_report(Client(), django_capture_on_commit_callbacks)
    fbi = UserFactory(role=Role.DESK_FBI)
    usss = UserFactory(role=Role.DESK_USSS)
    report.routings.select_related("agency").get(agency__code="FBI").acknowledge(
        by=fbi, case_number="288A"
    )
    usss_routing = report.routings.select_related("agency").get(agency__code="USSS")
    usss_routing.hand_on(
        by=usss, to=usss_routing.agency.__class__.objects.get(code="HSI"), reason="Laundering."
    )
    page = text_of(Client().get(link))
    assert "DHS/CISA has it and has not taken it on yet" in page
    assert "FBI is working on it" in page
    assert "USSS passed it on to HSI" in page
    assert "HSI has it and has not taken it on yet" in page and "passed to it by USSS" in page
    assert "288A" not in page and "Laundering." not in page  # the desks' own words stay theirs


def test_a_question_answered_through_the_link_reaches_the_desk_that_asked(
    role_client, django_capture_on_commit_callbacks
):
    report, link = file_report(Client(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    cisa, cisa_user = role_client(Role.DESK_CISA)
    question = "Which SCADA vendor runs the plant, and is the HMI reachable from the internet?"
    with django_capture_on_commit_callbacks(execute=True):
        response = cisa.post(
            desk_url("desk_write_to_reporter", "cisa", report),
            {"reporter-kind": "question", "reporter-body": question},
        )
    assert response.status_code == 302
    asked = ReporterMessage.objects.get()
    assert asked.is_open_question and asked.author == cisa_user
    (to_reporter,) = mail.outbox
    assert to_reporter.to == ["d.whitfield@riverton-pd.example"]
    assert "DHS/CISA has a question" in to_reporter.subject
    assert question in to_reporter.body
    assert "/cyber-incidents/update/" not in to_reporter.body  # the secret is not re-sent
    # The reporter sees the question and answers it with a file.
    page = Client().get(link)
    assert question in page.content.decode()
    assert f"?answer={asked.pk}" in page.content.decode()
    form = Client().get(f"{link}?answer={asked.pk}").context["form"]
    assert str(form["in_reply_to"].value()) == str(asked.pk)
    mail.outbox.clear()
    reporter = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = reporter.post(
            link,
            {
                "in_reply_to": asked.pk,
                "body": "Vendor is Acme Controls; the HMI was on a public address until Tuesday.",
                "attachments": [SimpleUploadedFile("hmi-firewall.log", b"allow any 502\n")],
            },
        )
    assert response.status_code == 302
    update = ReportUpdate.objects.get()
    assert update.in_reply_to == asked
    assert update.attachments.get().original_name == "hmi-firewall.log"
    asked.refresh_from_db()
    assert asked.answered_at == update.created_at
    assert RoutingEvent.objects.filter(action="answered", routing=asked.routing).exists()
    by_desk = {m.to[0]: m for m in mail.outbox}
    assert "answered your question" in by_desk["cisa-desk@leacorner.example"].subject
    assert "1 new file was attached" in by_desk["cisa-desk@leacorner.example"].body
    assert "Update to cyber-incident report" in by_desk["fbi-desk@leacorner.example"].subject
    assert "Update to cyber-incident report" in by_desk["usss-desk@leacorner.example"].subject
    assert "Your answer was added" in text_of(reporter.get(response["Location"]))
    desk = cisa.get(desk_url("desk_report", "cisa", report))
    assert "an answer to DHS/CISA" in desk.content.decode()
    assert "Answer to your question" in desk.content.decode()  # the notices table


def test_a_message_to_a_reporter_without_an_address_is_on_the_page_only(
    role_client, django_capture_on_commit_callbacks
):
    report, link = file_report(Client(), django_capture_on_commit_callbacks, reporter_email="")
    fbi, _ = role_client(Role.DESK_FBI)
    page = fbi.get(desk_url("desk_report", "fbi", report)).content.decode()
    assert "The reporter gave no e-mail address" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = fbi.post(
            desk_url("desk_write_to_reporter", "fbi", report),
            {"reporter-kind": "message", "reporter-body": "An agent will call you this afternoon."},
            follow=True,
        )
    assert "They gave no e-mail address, so they are not told" in response.content.decode()
    assert not OutgoingEmail.objects.filter(kind="cyber_reporter_message").exists()
    assert "An agent will call you this afternoon." in Client().get(link).content.decode()
    response = fbi.post(
        desk_url("desk_write_to_reporter", "fbi", report), {"reporter-kind": "question"}
    )
    assert response.status_code == 400
    assert "Write your question or message first." in response.content.decode()


def test_the_reporter_hears_of_the_first_acknowledgement_only(
    role_client, django_capture_on_commit_callbacks
):
    report, _link = file_report(Client(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    fbi, _ = role_client(Role.DESK_FBI)
    cisa, _ = role_client(Role.DESK_CISA)
    with django_capture_on_commit_callbacks(execute=True):
        fbi.post(desk_url("desk_acknowledge", "fbi", report), {"case_number": "288A"})
        cisa.post(desk_url("desk_acknowledge", "cisa", report), {"case_number": "C-1"})
    (message,) = mail.outbox
    assert message.to == ["d.whitfield@riverton-pd.example"]
    assert "FBI has taken on your cyber-incident report" in message.subject
    assert "288A" not in message.body


def test_the_update_link_takes_a_bounded_number_of_updates_per_hour(
    settings, django_capture_on_commit_callbacks
):
    settings.CYBER_REPORTS_UPDATE_LIMIT = 2
    report, link = file_report(Client(), django_capture_on_commit_callbacks)
    other, other_link = file_report(Client(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    for n in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert Client().post(link, {"body": f"News {n}."}).status_code == 302
    sent = len(mail.outbox)
    response = Client().post(link, {"body": "A third update within the hour."})
    assert response.status_code == 429
    text = text_of(response)
    assert "This report has had 2 updates in the last 60 minutes, the most it takes." in text
    assert "If the incident is urgent, call now:" in text
    assert "A third update within the hour." in response.content.decode()  # kept
    assert report.updates.count() == 2 and len(mail.outbox) == sent  # no desk mailed again
    # Another report's link is another count.
    assert Client().post(other_link, {"body": "Unrelated news."}).status_code == 302


def test_the_update_link_takes_a_bounded_number_of_files_per_hour(
    settings, django_capture_on_commit_callbacks
):
    settings.CYBER_REPORTS_UPDATE_FILE_LIMIT = 3

    def files(count: int) -> list:
        return [SimpleUploadedFile(f"log{n}.txt", b"line\n") for n in range(count)]

    report, link = file_report(Client(), django_capture_on_commit_callbacks)
    assert Client().post(link, {"body": "Two logs.", "attachments": files(2)}).status_code == 302
    response = Client().post(link, {"body": "Two more.", "attachments": files(2)})
    assert response.status_code == 429
    assert "send it now without the files" in text_of(response)
    assert "Two more." in response.content.decode()
    assert Attachment.objects.filter(report=report).count() == 2
    assert Client().post(link, {"body": "Two more, files later."}).status_code == 302


def test_a_report_takes_a_bounded_number_of_updates_and_files_in_all(
    settings, django_capture_on_commit_callbacks
):
    settings.CYBER_REPORTS_MAX_UPDATES_PER_REPORT = 2
    settings.CYBER_REPORTS_MAX_FILES_PER_REPORT = 1
    report, link = file_report(Client(), django_capture_on_commit_callbacks)
    attach = [SimpleUploadedFile("a.txt", b"a\n"), SimpleUploadedFile("b.txt", b"b\n")]
    response = Client().post(link, {"body": "Two files.", "attachments": attach})
    assert response.status_code == 409
    assert "takes 1 in all" in text_of(response)
    assert Client().post(link, {"body": "One."}).status_code == 302
    assert Client().post(link, {"body": "Two."}).status_code == 302
    response = Client().post(link, {"body": "Three."})
    assert response.status_code == 409
    assert "This report has the 2 updates it can take." in text_of(response)
    assert report.updates.count() == 2


@pytest.mark.parametrize("signed_in", [True, False])
def test_receipts_to_one_address_are_limited_whoever_files(
    settings, signed_in, django_capture_on_commit_callbacks
):
    """A form that mails any address it is given must not flood one inbox: signed-in users
    were not limited at all, anonymous ones only per network address."""
    settings.CYBER_REPORTS_RECEIPT_LIMIT = 2
    target = "victim@county.example"
    for n in range(3):
        client = (
            signed_in_client(UserFactory(role=Role.CLERK))
            if signed_in
            else Client(REMOTE_ADDR=f"198.51.100.{n + 10}")
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, report_data(reporter_email=target.upper()))
        assert response.status_code == 302  # every report is filed
        page = text_of(client.get(response["Location"]))
    receipts = [m for m in mail.outbox if m.to[0].lower() == target]
    assert len(receipts) == 2
    assert CyberIncidentReport.objects.count() == 3
    assert "No receipt was e-mailed to VICTIM@COUNTY.EXAMPLE" in page
    assert "Keep the private link below: it is the only copy." in page
    # The desks still hear of the third report.
    third = CyberIncidentReport.objects.latest("pk")
    assert OutgoingEmail.objects.about(third).filter(kind__startswith="cyber_desk_new").exists()


def test_the_windows_and_limits_come_from_the_settings(settings):
    from leacorner.rate_limits import RECEIPTS, REPORT_UPDATE_FILES, REPORT_UPDATES

    settings.CYBER_REPORTS_UPDATE_WINDOW = timedelta(minutes=5)
    assert REPORT_UPDATES.window == REPORT_UPDATE_FILES.window == timedelta(minutes=5)
    settings.CYBER_REPORTS_RECEIPT_LIMIT = 9
    assert RECEIPTS.limit == 9
