"""Hostile input to the cyber-incident pages: the public report form and its update form,
and every action of the agency desks (acknowledge, close, reopen, refer, hand on, write to
the reporter, share the case number, note) and the list's filters."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.roles import DESK_ROLES
from cyber_reports.agencies import Agency
from cyber_reports.desk import DeskNote, ReportRouting
from cyber_reports.filing import find_by_update_token
from cyber_reports.models import Attachment, CyberIncidentReport, ReportUpdate
from cyber_reports.timeline import ReporterMessage, RoutingEvent
from testkit.mfa import signed_in_client

from ..cyber_reports.conftest import report_data
from ..factories import UserFactory, routed_report
from .checks import assert_refused_clearly, shows_an_error
from .strategies import hostile_file, hostile_text, spoil

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    return {
        "reports": CyberIncidentReport.objects.count(),
        "routings": ReportRouting.objects.count(),
        "attachments": Attachment.objects.count(),
        "updates": ReportUpdate.objects.count(),
        "notes": DeskNote.objects.count(),
        "events": RoutingEvent.objects.count(),
        "messages": ReporterMessage.objects.count(),
    }


@given(data=st.data(), files=st.lists(hostile_file, max_size=3))
def test_report_form(client, attachment_root, data, files):
    cache.clear()  # the anonymous per-address limit is not what is tried here
    post = data.draw(spoil(report_data()))
    if files:
        post["attachments"] = files
    before = _counts()
    response = client.post(reverse("cyber_reports:report_create"), post)
    after = _counts()
    if response.status_code == 302:
        assert after["reports"] == before["reports"] + 1
        assert after["routings"] > before["routings"]
        CyberIncidentReport.objects.latest("pk").full_clean()
    else:
        assert_refused_clearly(response, counts_before=before, counts_after=after, post=post)
        # No stray file either: every stored file belongs to a saved attachment.
        stored = [p for p in attachment_root.rglob("*") if p.is_file()]
        assert len(stored) == after["attachments"]


@pytest.fixture
def update_url():
    report = routed_report(incident_types=["ransomware"])
    token = report.issue_update_token()
    report.save()
    assert find_by_update_token(token) == report
    return reverse("cyber_reports:report_update", kwargs={"token": token})


@given(
    body=st.one_of(st.none(), hostile_text),
    files=st.lists(hostile_file, max_size=3),
    answering=st.one_of(st.none(), hostile_text),
)
def test_update_form(client, update_url, body, files, answering):
    cache.clear()  # the update link's hourly limits are tried in test_reporter_loop.py
    post = {} if body is None else {"body": body}
    if answering is not None:
        post["in_reply_to"] = answering
    if files:
        post["attachments"] = files
    before = _counts()
    response = client.post(update_url, post)
    after = _counts()
    if response.status_code == 302:
        assert after["updates"] == before["updates"] + 1
    else:
        assert_refused_clearly(response, counts_before=before, counts_after=after, post=post)


@given(token=hostile_text)
def test_update_link_with_a_forged_token_is_404(client, token):
    response = client.get(f"/cyber-incidents/update/{token.replace('/', '')}/")
    assert response.status_code in (404, 301)


@pytest.fixture
def desk_clients(db):
    """A signed-in member of each agency desk, by agency code."""
    return {code: signed_in_client(UserFactory(role=role)) for code, role in DESK_ROLES.items()}


@pytest.fixture
def desk_client(desk_clients):
    return desk_clients["CISA"]


def _desk(action: str, routing) -> str:
    return reverse(
        f"cyber_reports:desk_{action}",
        kwargs={
            "agency": routing.agency.code.lower(),
            "tracking_number": routing.report.tracking_number,
        },
    )


#: Each desk action, the field its hostile value goes into, and the valid fields beside it.
DESK_ACTIONS = {
    "acknowledge": ("case_number", {}),
    "close": ("reason", {}),
    "reopen": ("reopen-reason", {}),
    "refer": ("refer-reason", {"refer-agency": "HSI"}),
    "hand_on": ("hand_on-reason", {"hand_on-agency": "HSI"}),
    "write_to_reporter": ("reporter-body", {"reporter-kind": "question"}),
    "share_case_number": ("share-shared", {}),
    "note": ("body", {"shared": "on"}),
}


@given(
    action=st.sampled_from(sorted(DESK_ACTIONS)),
    value=st.one_of(st.none(), hostile_text),
    spoil_other=st.booleans(),
    other=hostile_text,
)
def test_desk_actions(desk_clients, action, value, spoil_other, other):
    report = routed_report(incident_types=["ransomware"], sector="healthcare")
    routing = report.routings.select_related("agency", "report").first()
    desk_client = desk_clients[routing.agency.code]
    field, others = DESK_ACTIONS[action]
    data = {
        key: (str(Agency.objects.get(code=v).pk) if key.endswith("agency") else v)
        for key, v in others.items()
    }
    if spoil_other and data:
        data[next(iter(data))] = other
    if value is not None:
        data[field] = value
    before = _counts()
    status_before = routing.status
    response = desk_client.post(_desk(action, routing), data)
    after = _counts()
    routing.refresh_from_db()
    if response.status_code == 302:
        page = desk_client.get(response["Location"])
        assert "usa-alert--success" in page.content.decode() or shows_an_error(page)
    else:
        assert response.status_code in (400, 409) and shows_an_error(response)
        assert routing.status == status_before
        assert after == before


@given(
    query=st.dictionaries(
        st.sampled_from(
            [
                "q",
                "incident_type",
                "sector",
                "status",
                "unacknowledged",
                "related",
                "received_from",
                "received_to",
                "page",
            ]
        ),
        hostile_text,
        max_size=4,
    )
)
def test_desk_list_filters(desk_client, query):
    response = desk_client.get(reverse("cyber_reports:desk_list", args=["cisa"]), query)
    assert response.status_code == 200
