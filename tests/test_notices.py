"""The delivery state of a record's e-mail, shown one way (templates/includes/_notices.html) on
the reviewers' request and certification pages, the cyber-report admin and the desk page."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.roles import DESK_ROLES, Role
from leacorner.models import OutgoingEmail

from .conftest import signed_in_client
from .factories import UserFactory, approved_request, routed_report

HEADERS = ["Queued", "Kind", "To", "Delivery", "Attempts", "Sent"]


def notice_about(obj, **fields) -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        subject="s",
        body_text="b",
        **fields,
    )


def notices_table(html: str) -> str:
    """The table whose first column is "Queued"."""
    tables = re.findall(r"<table[^>]*>.*?</table>", html, re.S)
    return next(t for t in tables if '<th scope="col">Queued</th>' in t)


def headers(table: str) -> list[str]:
    return re.findall(r'<th scope="col">([^<]*)</th>', table)


def rows(table: str) -> list[list[str]]:
    return [
        re.findall(r"<td>(.*?)</td>", row, re.S)
        for row in re.findall(r"<tr><td>.*?</tr>", table, re.S)
    ]


@pytest.mark.django_db
def test_the_table_names_its_columns_and_says_when_there_is_none():
    report = routed_report(incident_types=["ransomware"])
    sent = notice_about(
        report, kind="cyber_receipt", to="officer@pd.example", status="sent", attempts=1
    )
    sent.sent_at = sent.created_at
    sent.save()
    notice_about(
        report,
        kind="cyber_desk_new:FBI",
        to="fbi-desk@leacorner.example",
        status="retrying",
        attempts=2,
        last_error="Connection refused",
    )
    notices = OutgoingEmail.objects.about(report).order_by("created_at")
    html = render_to_string(
        "includes/_notices.html",
        {"notices": notices, "caption": "E-mails about it", "with_errors": True},
    )
    table = notices_table(html)
    assert "<caption>E-mails about it</caption>" in table
    assert headers(table) == [*HEADERS, "Last error"]
    assert [row[1:5] for row in rows(table)] == [
        ["cyber_receipt", "officer@pd.example", "Sent", "1"],
        ["cyber_desk_new:FBI", "fbi-desk@leacorner.example", "Retrying", "2"],
    ]
    assert rows(table)[1][5:] == ["—", "Connection refused"]
    without_errors = notices_table(render_to_string("includes/_notices.html", {"notices": notices}))
    assert headers(without_errors) == HEADERS and "Connection refused" not in without_errors
    assert "<caption>" not in without_errors
    empty = render_to_string("includes/_notices.html", {"notices": OutgoingEmail.objects.none()})
    assert "<table" not in empty and "No e-mail yet." in empty
    said = render_to_string("includes/_notices.html", {"notices": [], "empty": "Nothing sent."})
    assert "Nothing sent." in said


@pytest.mark.django_db
def test_reviewers_see_the_clerks_e_mails_on_the_request_and_the_certification():
    reviewer = UserFactory(role=Role.ERO_REVIEWER)
    item, certification = approved_request(reviewer=reviewer)
    notice = OutgoingEmail.objects.about(item).get(kind="stakeholder_approved")
    OutgoingEmail.objects.filter(pk=notice.pk).update(
        status="failed", last_error="550 no such user"
    )
    client = signed_in_client(reviewer)
    for url in (
        reverse("admin:stakeholder_forms_stakeholderrequest_change", args=[item.pk]),
        reverse("admin:stakeholder_forms_certification_change", args=[certification.pk]),
    ):
        html = client.get(url).content.decode()
        # The request's page lists its reviewers' e-mails too; the certification's, the clerk's.
        assert "E-mails about this request" in html or "E-mails to the clerk" in html
        table = notices_table(html)
        assert headers(table) == [*HEADERS, "Last error"]
        row = next(r for r in rows(table) if r[1] == "stakeholder_approved")
        assert row[2:5] == [item.clerk.email, "Failed", "0"]
        assert row[6] == "550 no such user"


@pytest.mark.django_db
def test_superusers_see_every_notice_of_a_report_in_the_admin():
    report = routed_report(incident_types=["ransomware"])
    notice_about(report, kind="cyber_desk_new:FBI", to="fbi-desk@leacorner.example")
    superuser = signed_in_client(UserFactory(is_staff=True, is_superuser=True))
    html = superuser.get(
        reverse("admin:cyber_reports_cyberincidentreport_change", args=[report.pk])
    ).content.decode()
    table = notices_table(html)
    assert "<caption>E-mails about this report</caption>" in table
    assert [row[1:4] for row in rows(table)] == [
        ["cyber_desk_new:FBI", "fbi-desk@leacorner.example", "Queued"]
    ]


@pytest.mark.django_db
def test_a_desk_sees_its_own_notices_by_name_and_no_delivery_errors(role_client):
    report = routed_report(incident_types=["ransomware"])
    earlier = timezone.now() - datetime.timedelta(hours=1)
    notice_about(
        report, kind="cyber_desk_new:FBI", to="fbi-desk@leacorner.example", created_at=earlier
    )
    notice_about(
        report,
        kind="cyber_desk_update:FBI",
        to="fbi-desk@leacorner.example",
        status="retrying",
        attempts=3,
        last_error="Connection refused",
    )
    notice_about(report, kind="cyber_desk_new:USSS", to="usss-desk@leacorner.example")
    client, _user = role_client(DESK_ROLES["FBI"])
    url = reverse(
        "cyber_reports:desk_report",
        kwargs={"agency": "fbi", "tracking_number": report.tracking_number},
    )
    html = client.get(url).content.decode()
    table = notices_table(html)
    assert 'class="usa-table usa-table--compact usa-table--borderless"' in table
    assert headers(table) == HEADERS
    assert [row[1:5] for row in rows(table)] == [
        ["Update", "fbi-desk@leacorner.example", "Retrying", "3"],
        ["New report", "fbi-desk@leacorner.example", "Queued", "0"],
    ]
    assert "usss-desk@" not in html and "Connection refused" not in html
    OutgoingEmail.objects.all().delete()
    assert "No e-mail notices (no desk address on file)." in client.get(url).content.decode()
