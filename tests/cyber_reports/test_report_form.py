"""Filing a report: every rule of the form, what is stored, the confirmation and the e-mail."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from cyber_reports.models import CyberIncidentReport, Indicator
from leacorner.models import OutgoingEmail
from testkit.mfa import signed_in_client
from testkit.pdfs import (
    EMBEDDED_FILE_PDF,
    HTML_POSING_AS_PDF,
    LAUNCH_PDF,
    OPEN_ACTION_JAVASCRIPT_PDF,
    PLAIN_PDF,
)

from ..factories import CyberIncidentReportFactory, UserFactory
from .conftest import report_data

URL = "/cyber-incidents/report/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = PLAIN_PDF
PCAP = b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00" + b"\x00" * 16
PCAPNG = b"\x0a\x0d\x0d\x0a" + b"\x00" * 28
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def post(client, data, files=None):
    payload = dict(data)
    if files:
        payload["attachments"] = files
    return client.post(URL, payload)


def errors_of(response) -> dict:
    form = response.context["form"]
    return {name: [str(e) for e in errs] for name, errs in form.errors.items()}


@pytest.mark.django_db
class TestFiling:
    def test_anonymous_report_is_saved_routed_and_confirmed(self):
        client = Client()
        response = post(
            client,
            report_data(),
            files=[SimpleUploadedFile("firewall.log", b"Nov 28 06:40 deny tcp 203.0.113.5\n")],
        )
        assert response.status_code == 302
        report = CyberIncidentReport.objects.get()
        year = report.submitted_at.astimezone(ZoneInfo("America/New_York")).year
        assert re.fullmatch(rf"CIR-{year}-\d{{6}}", report.tracking_number)
        assert response["Location"] == reverse(
            "cyber_reports:report_received", kwargs={"tracking_number": report.tracking_number}
        )
        assert report.submitted_by is None
        assert report.source_address == "127.0.0.1"
        assert report.detected_at == datetime(
            2026, 11, 28, 6, 40, tzinfo=ZoneInfo("America/New_York")
        )
        assert report.information_impact == ["suspected"]
        assert report.technical_assistance_requested
        assert sorted(report.incident_types.values_list("code", flat=True)) == [
            "malicious_code",
            "ransomware",
        ]
        assert [r.agency.code for r in report.routings.select_related("agency")] == [
            "CISA",
            "USSS",
            "FBI",
        ]
        change = report.status_changes.get()
        assert change.description == "Systems isolated from the internet"
        assert change.occurred_at == datetime(
            2026, 11, 28, 7, 30, tzinfo=ZoneInfo("America/New_York")
        )
        attachment = report.attachments.get()
        assert attachment.original_name == "firewall.log"
        assert attachment.kind == "log"
        assert "firewall" not in attachment.file.name and "." not in attachment.file.name

        page = client.get(response["Location"])
        assert page.status_code == 200
        text = page.content.decode()
        assert report.tracking_number in text
        items = re.findall(
            r"<li><strong>(.+?)</strong> — (.+?)</li>\s*(?=<li><strong>|</ul>\s*<h2)", text, re.S
        )
        reasons = {
            agency: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", why)) for agency, why in items
        }
        assert list(reasons) == ["DHS/CISA", "USSS", "FBI"]
        assert "ransomware and cyber extortion are computer attacks" in reasons["FBI"]
        assert "attacks using malicious code are investigated by the FBI" in reasons["FBI"]
        assert "critical-infrastructure essential functions were affected" in reasons["DHS/CISA"]
        assert "federal technical assistance was requested" in reasons["DHS/CISA"]
        assert "911" in text and "(888) 282-0870" in text

    def test_indicators_are_stored_as_structured_values(self):
        post(Client(), report_data())
        rows = {(i.kind, i.direction, i.value, i.port) for i in Indicator.objects.all()}
        assert rows == {
            ("ip", "destination", "203.0.113.5", 443),
            ("ip", "destination", "2001:db8::1", 8443),
            ("port", "destination", "3389", 3389),
            ("url", "destination", "https://pay-now.example/ransom", None),
            ("ip", "source", "198.51.100.7", None),
        }
        report = CyberIncidentReport.objects.get()
        assert {i.report_submitted_at for i in Indicator.objects.all()} == {report.submitted_at}

    def test_receipt_and_desk_notices_are_sent(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            post(Client(), report_data())
        report = CyberIncidentReport.objects.get()
        by_recipient = {message.to[0]: message for message in mail.outbox}
        receipt = by_recipient["d.whitfield@riverton-pd.example"]
        assert report.tracking_number in receipt.subject
        link = re.search(r"http\S+/cyber-incidents/update/(\S+)/", receipt.body)
        assert link, receipt.body
        assert report.update_token_hash == CyberIncidentReport.hash_token(link.group(1))
        assert "FBI: ransomware and cyber extortion" in receipt.body
        desks = {
            "cisa-desk@leacorner.example",
            "usss-desk@leacorner.example",
            "fbi-desk@leacorner.example",
        }
        assert desks <= set(by_recipient)
        assert "hsi-desk@leacorner.example" not in by_recipient
        fbi = by_recipient["fbi-desk@leacorner.example"]
        assert f"/cyber-incidents/desk/fbi/{report.tracking_number}/" in fbi.body
        assert not fbi.attachments
        assert "Ambulances diverted" not in fbi.body  # a summary, not the report
        states = set(OutgoingEmail.objects.about(report).values_list("status", flat=True))
        assert states == {"sent"}

    def test_signed_in_users_contact_details_are_prefilled(self):
        user = UserFactory(role=Role.CLERK, full_name="Pat Lee", email="pat@county.example")
        client = signed_in_client(user)
        form = client.get(URL).context["form"]
        assert form["reporter_name"].value() == "Pat Lee"
        assert form["reporter_email"].value() == "pat@county.example"
        CyberIncidentReportFactory(
            submitted_by=user,
            reporter_organization="Lake County Sheriff",
            reporter_phone="555-0100",
        )
        form = client.get(URL).context["form"]
        assert form["reporter_organization"].value() == "Lake County Sheriff"
        assert form["reporter_phone"].value() == "555-0100"
        response = post(client, report_data())
        assert response.status_code == 302
        assert CyberIncidentReport.objects.latest("submitted_at").submitted_by == user

    def test_blank_form_is_the_same_from_the_per_process_copy(self):
        from crispy_forms.utils import render_crispy_form

        from cyber_reports.agencies import IncidentType
        from cyber_reports.forms import CyberIncidentReportForm, StatusChangeFormSet

        first = Client().get(URL)
        again = Client().get(URL)
        fresh = render_crispy_form(
            CyberIncidentReportForm(), context={"formset": StatusChangeFormSet(prefix="status")}
        )
        assert str(first.context["form_html"]) == fresh
        assert fresh in again.content.decode()
        assert 'name="csrfmiddlewaretoken"' in again.content.decode()
        # An edit of the incident types (names, hints) shows on the next visit.
        IncidentType.objects.filter(code="ransomware").update(description="Files held to ransom.")
        assert "Files held to ransom." in Client().get(URL).content.decode()

    def test_tracking_numbers_are_sequential(self):
        client = Client()
        for _ in range(3):
            assert post(client, report_data()).status_code == 302
        numbers = sorted(CyberIncidentReport.objects.values_list("sequence", flat=True))
        assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]

    def test_confirmation_is_only_for_the_session_that_filed(self):
        post(Client(), report_data())
        report = CyberIncidentReport.objects.get()
        url = reverse("cyber_reports:report_received", args=[report.tracking_number])
        assert Client().get(url).status_code == 404

    def test_other_only_goes_to_fbi_and_cisa_for_triage(self):
        data = report_data(
            types=["other"],
            technical_assistance_requested="",
            functional_impact="",
            activity_location="unknown",
            critical_functions_affected="no",
        )
        data.pop("technical_assistance_requested")
        assert post(Client(), data).status_code == 302
        report = CyberIncidentReport.objects.get()
        assert [r.agency.code for r in report.routings.all()] == ["CISA", "FBI"]


@pytest.mark.django_db
class TestRules:
    def test_required_fields(self):
        data = report_data(types=[])
        for name in (
            "reporter_name",
            "reporter_organization",
            "entity_name",
            "detected_at",
            "entity_type",
            "sector",
        ):
            data[name] = ""
        response = post(Client(), data)
        assert response.status_code == 200
        errors = errors_of(response)
        assert errors["reporter_name"] == ["Enter your name."]
        assert errors["reporter_organization"] == ["Enter your agency or organization."]
        assert errors["entity_name"] == ["Enter the name of the entity that had the incident."]
        assert errors["detected_at"] == ["Enter when the incident was detected."]
        assert errors["incident_types"] == ["Tick at least one type, or “Other, or not sure”."]
        assert "entity_type" in errors and "sector" in errors
        assert not CyberIncidentReport.objects.exists()
        # Nothing typed is lost.
        assert "Detective Sergeant" in response.content.decode()

    def test_a_phone_or_an_email_is_required(self):
        response = post(Client(), report_data(reporter_phone="", reporter_email=""))
        assert errors_of(response)["reporter_phone"] == [
            "Give a phone number or an e-mail address."
        ]
        assert post(Client(), report_data(reporter_email="")).status_code == 302
        assert post(Client(), report_data(reporter_phone="")).status_code == 302

    def test_the_phone_is_a_us_number_stored_in_one_form(self):
        """The foundation's phone rule, as on a stakeholder request (leacorner.phone_numbers)."""
        response = post(Client(), report_data(reporter_phone="call the front desk"))
        assert response.status_code == 200
        assert errors_of(response)["reporter_phone"] == [
            "Enter a 10-digit U.S. phone number, for example (202) 555-0123 ext. 45."
        ]
        assert "call the front desk" in response.content.decode()  # kept to be mended
        assert not CyberIncidentReport.objects.exists()
        assert post(Client(), report_data(reporter_phone="+1 216.555.0147 x 12")).status_code == 302
        assert CyberIncidentReport.objects.get().reporter_phone == "(216) 555-0147 ext. 12"

    def test_times_must_make_sense(self):
        response = post(Client(), report_data(detected_at="2099-01-01T00:00", started_at=""))
        assert errors_of(response)["detected_at"] == ["The detection time cannot be in the future."]
        response = post(Client(), report_data(started_at="2026-11-28T08:00"))
        assert errors_of(response)["started_at"] == [
            "The incident cannot start after it was detected."
        ]
        response = post(Client(), report_data(detected_at="28/11/2026"))
        assert "detected_at" in errors_of(response)

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("destination_addresses", "300.1.1.1", "“300.1.1.1” is not an IP address"),
            ("destination_addresses", "203.0.113.5:70000", "a port is a number from 0 to 65535"),
            ("destination_addresses", "99999", "a port is a number from 0 to 65535"),
            ("destination_addresses", "evil.example", "“evil.example” is not an IP address"),
            ("source_addresses", "198.51.100.7:http", "is not an IP address"),
            ("source_addresses", "2001:db8::zz", "is not an IP address"),
            ("destination_urls", "pay-now.example/x", "is not a complete web address"),
            ("destination_urls", "javascript:alert(1)", "is not a complete web address"),
        ],
    )
    def test_ip_port_and_url_validation(self, field, value, message):
        response = post(Client(), report_data(**{field: value}))
        assert response.status_code == 200
        assert any(message in error for error in errors_of(response)[field]), errors_of(response)
        assert not CyberIncidentReport.objects.exists()

    def test_every_bad_entry_is_named(self):
        response = post(Client(), report_data(destination_addresses="1.2.3.4\nfoo\nbar:1"))
        errors = errors_of(response)["destination_addresses"]
        assert len(errors) == 2 and "“foo”" in errors[0] and "“bar:1”" in errors[1]

    def test_honeypot_refuses_with_a_clear_message(self):
        response = post(Client(), report_data(homepage="http://spam.example"))
        assert response.status_code == 400
        assert "a field that people never see was filled in" in response.content.decode()
        assert not CyberIncidentReport.objects.exists()

    def test_status_change_rows_need_both_parts(self):
        response = post(Client(), report_data(**{"status-1-description": "Backups restored"}))
        assert response.status_code == 200
        assert "Enter when this change happened." in response.content.decode()
        assert not CyberIncidentReport.objects.exists()


@pytest.mark.django_db
class TestRateLimit:
    def test_anonymous_submissions_are_limited_per_address(self, settings):
        settings.CYBER_REPORTS_ANONYMOUS_LIMIT = 2
        client = Client()
        assert post(client, report_data()).status_code == 302
        assert post(client, report_data()).status_code == 302
        response = post(client, report_data())
        assert response.status_code == 429
        text = response.content.decode()
        assert "Too many reports have been sent from your network address" in text
        assert "Riverton General Hospital" in text  # the answers are kept
        assert CyberIncidentReport.objects.count() == 2
        # Another address is not affected.
        other = Client(REMOTE_ADDR="192.0.2.44")
        assert post(other, report_data()).status_code == 302

    def test_signed_in_users_are_not_limited(self, settings):
        settings.CYBER_REPORTS_ANONYMOUS_LIMIT = 1
        client = signed_in_client(UserFactory(role=Role.CLERK))
        for _ in range(3):
            assert post(client, report_data()).status_code == 302


@pytest.mark.django_db
class TestAttachments:
    @pytest.mark.parametrize(
        ("name", "content", "kind"),
        [
            ("notes.txt", "Ransom note text: ¡pay now!".encode(), "text"),
            ("auth.log", b"Nov 28 sshd[1]: Failed password\n", "log"),
            ("hosts.csv", b"host,ip\nehr01,10.0.0.5\n", "csv"),
            ("alert.json", b'{"alert": "ransomware", "count": 3}', "json"),
            ("event.xml", b'<?xml version="1.0"?><event id="1"/>', "xml"),
            ("capture.pcap", PCAP, "pcap"),
            ("capture.pcapng", PCAPNG, "pcapng"),
            ("note.pdf", PDF, "pdf"),
            ("screen.png", PNG, "png"),
            ("photo.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "jpeg"),
        ],
    )
    def test_accepted_kinds(self, name, content, kind):
        response = post(Client(), report_data(), files=[SimpleUploadedFile(name, content)])
        assert response.status_code == 302, errors_of(response)
        assert CyberIncidentReport.objects.get().attachments.get().kind == kind

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("tool.exe", EXE, "is not a kind of file we accept"),
            ("readme.txt", EXE, "is not what its name says"),
            ("screen.png", PDF, "is not what its name says"),
            ("note.pdf", PNG, "is not what its name says"),
            ("alert.json", b"{not json", "is not what its name says"),
            ("event.xml", b"plain words", "is not what its name says"),
            ("empty.txt", b"", "is empty"),
            ("archive.zip", b"PK\x03\x04", "is not a kind of file we accept"),
            ("report.pdf", OPEN_ACTION_JAVASCRIPT_PDF, "“report.pdf”: This PDF contains Java"),
            ("report.pdf", LAUNCH_PDF, "an action that starts a program"),
            ("report.pdf", EMBEDDED_FILE_PDF, "has a file embedded in it"),
            ("report.pdf", HTML_POSING_AS_PDF, "This file is not a PDF"),
        ],
    )
    def test_refused_kinds(self, name, content, message):
        response = post(Client(), report_data(), files=[SimpleUploadedFile(name, content)])
        assert response.status_code == 200
        assert any(message in e for e in errors_of(response)["attachments"]), errors_of(response)
        assert not CyberIncidentReport.objects.exists()

    def test_size_and_count_limits(self, settings):
        settings.CYBER_REPORTS_MAX_FILE_BYTES = 1000
        settings.CYBER_REPORTS_MAX_TOTAL_BYTES = 2500
        big = SimpleUploadedFile("big.log", b"a" * 1001)
        response = post(Client(), report_data(), files=[big])
        assert "each file may be at most 1000" in " ".join(errors_of(response)["attachments"])
        files = [SimpleUploadedFile(f"part{i}.log", b"a" * 900) for i in range(3)]
        response = post(Client(), report_data(), files=files)
        assert "together they may be at most" in " ".join(errors_of(response)["attachments"])
        files = [SimpleUploadedFile(f"part{i}.txt", b"a") for i in range(6)]
        response = post(Client(), report_data(), files=files)
        assert "You chose 6 files; send at most 5" in " ".join(errors_of(response)["attachments"])
        files = [SimpleUploadedFile(f"part{i}.txt", b"a" * 400) for i in range(5)]
        assert post(Client(), report_data(), files=files).status_code == 302
        assert CyberIncidentReport.objects.get().attachments.count() == 5

    def test_real_limits_are_those_of_the_issue(self, settings):
        assert settings.CYBER_REPORTS_MAX_FILES == 5
        assert settings.CYBER_REPORTS_MAX_FILE_BYTES == 10 * 1024 * 1024
        assert settings.CYBER_REPORTS_MAX_TOTAL_BYTES == 25 * 1024 * 1024

    def test_files_are_stored_outside_the_web_root(self, attachment_root, settings):
        post(Client(), report_data(), files=[SimpleUploadedFile("screen.png", PNG)])
        attachment = CyberIncidentReport.objects.get().attachments.get()
        path = attachment_root / attachment.file.name
        assert path.read_bytes() == PNG
        assert not str(path).startswith(str(settings.STATIC_ROOT))
        with pytest.raises(ValueError):
            attachment.file.url  # noqa: B018  (no URL: never served directly)


RANSOM = {
    "ransomware_variant": "LockBit",
    "ransom_demanded": "$1,500,000",
    "ransom_currency": "USD",
    "ransom_paid": "no",
    "wallet_addresses": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\n"
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "estimated_loss": "$250,000.50",
    "backups": "affected",
    "domains": "pay-now[.]example",
    "email_addresses": "ransom[@]proton[.]example",
    "file_hashes": "sha256:" + "ab" * 32,
}


@pytest.mark.django_db
class TestRansomware:
    """The answers the FBI and CISA ask ransomware victims for."""

    def test_the_answers_are_stored_as_typed_by_people(self):
        response = post(Client(), report_data(**RANSOM))
        assert response.status_code == 302
        report = CyberIncidentReport.objects.get()
        assert report.ransomware_variant == "LockBit"
        assert report.ransom_display() == "1,500,000 U.S. dollars"
        assert report.ransom_currency == "USD" and report.ransom_paid == "no"
        assert str(report.estimated_loss) == "250000.50"
        assert report.backups == "affected"
        wallets = {(i.currency, i.value) for i in report.indicators.filter(kind="wallet")}
        assert wallets == {
            ("BTC", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
            ("ETH", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
        }
        kinds = set(report.indicators.values_list("kind", "value"))
        assert ("domain", "pay-now.example") in kinds
        assert ("email", "ransom@proton.example") in kinds
        assert ("sha256", "ab" * 32) in kinds

    def test_the_form_offers_the_known_variants_and_keeps_a_new_one(self):
        page = Client().get(URL).content.decode()
        assert 'list="ransomware-variants"' in page
        assert '<option value="ALPHV / BlackCat"></option>' in page
        assert post(Client(), report_data(ransomware_variant="NewLocker 2.0")).status_code == 302
        assert CyberIncidentReport.objects.get().ransomware_variant == "NewLocker 2.0"

    @pytest.mark.parametrize(
        ("answers", "field", "message"),
        [
            (
                {"ransom_demanded": "2.5", "ransom_currency": ""},
                "ransom_currency",
                "Choose the currency of the ransom demanded.",
            ),
            (
                {"ransom_demanded": "", "ransom_currency": "BTC"},
                "ransom_demanded",
                "Give the amount demanded in that currency.",
            ),
            (
                {"ransom_demanded": "a lot", "ransom_currency": "BTC"},
                "ransom_demanded",
                "Enter a number.",
            ),
            (
                {"estimated_loss": "-5"},
                "estimated_loss",
                "Ensure this value is greater than or equal to 0.",
            ),
            ({"ransom_paid": "perhaps"}, "ransom_paid", None),
            (
                {"wallet_addresses": "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"},
                "wallet_addresses",
                "“1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3”: this Bitcoin address fails its checksum",
            ),
        ],
    )
    def test_a_bad_answer_is_named_and_everything_typed_kept(self, answers, field, message):
        response = post(Client(), report_data(**{**RANSOM, **answers}))
        assert response.status_code == 200
        errors = errors_of(response)
        assert field in errors
        if message:
            assert errors[field][0].startswith(message)
        assert "LockBit" in response.content.decode()
        assert not CyberIncidentReport.objects.exists()

    def test_the_desk_sees_the_answers(self, role_client):
        post(Client(), report_data(**RANSOM))
        report = CyberIncidentReport.objects.get()
        client, _ = role_client(Role.DESK_FBI)
        page = client.get(f"/cyber-incidents/desk/fbi/{report.tracking_number}/").content.decode()
        facts = " ".join(re.sub(r"<[^>]+>", " ", page).split())
        assert "Ransomware variant LockBit" in facts
        assert "Ransom demanded 1,500,000 U.S. dollars" in facts
        assert "Ransom paid No" in facts
        assert "Estimated financial loss $250,000.50" in facts
        assert "Backups Yes, but they were encrypted, deleted or stolen too" in facts
        assert "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq" in facts
