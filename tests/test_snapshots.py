"""The dashboards' snapshots (leacorner/snapshots.py): a page shows the stored figures and says
when they were computed; the first viewer after the refresh period asks the worker once for new
ones; figures past the stale limit, or none, are computed in the request; what is stored is the
same dashboard again, rebuilt from JSON."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.roles import Role
from cyber_reports.agencies import Agency
from cyber_reports.dashboard import agency_figures, desk_dashboard
from leacorner.snapshots import Snapshot, decode, encode
from stakeholder_forms.dashboard import QueueDashboard, queue_dashboard
from tests.factories import StakeholderRequestFactory, UserFactory, routed_report

from .conftest import DATABASE_TASKS

pytestmark = pytest.mark.django_db(transaction=False)

URL = reverse("stakeholder_forms:queue_dashboard")


def open_count(page) -> str:
    text = page.content.decode()
    figure = text.split('<ul class="dashboard-figures">', 1)[1]
    return figure.split("<strong>", 1)[1].split("</strong>", 1)[0]


def age(key: str, seconds: int) -> None:
    Snapshot.objects.filter(key=key).update(computed_at=timezone.now() - timedelta(seconds=seconds))


def test_a_dashboard_survives_its_trip_through_json(db):
    reviewer = UserFactory(role=Role.ERO_REVIEWER, full_name="Anna Reviewer")
    StakeholderRequestFactory().claim(by=reviewer)
    StakeholderRequestFactory()
    dashboard = queue_dashboard()
    assert decode(QueueDashboard, encode(dashboard)) == dashboard
    assert dashboard.open_total == 2
    routed_report(incident_types=["ransomware"], sector="water")
    cisa = Agency.objects.get(code="CISA")
    desk = desk_dashboard(user=UserFactory(role=Role.DESK_CISA), agency=cisa)
    assert agency_figures(cisa).value == desk
    assert desk.received == 1


def test_the_page_shows_the_snapshot_until_the_worker_renews_it(role_client, settings):
    client, _user = role_client(Role.ERO_SUPERVISOR)
    StakeholderRequestFactory()
    first = client.get(URL)
    assert open_count(first) == "1"
    assert "recomputed in the background every 60 seconds" in first.content.decode()
    StakeholderRequestFactory()
    assert open_count(client.get(URL)) == "1"  # within the refresh period: as stored

    age("stakeholder-queue", settings.DASHBOARD_REFRESH_SECONDS + 1)
    # This viewer still gets the stored figures; the task (run at once in the tests) renews them.
    assert open_count(client.get(URL)) == "1"
    assert open_count(client.get(URL)) == "2"


def test_many_viewers_of_old_figures_enqueue_one_refresh(role_client, settings):
    settings.TASKS = DATABASE_TASKS  # kept as rows, as the worker would find them
    client, _user = role_client(Role.ERO_REVIEWER)
    client.get(URL)
    age("stakeholder-queue", settings.DASHBOARD_REFRESH_SECONDS + 1)
    for _ in range(4):
        assert client.get(URL).status_code == 200
    names = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert names == ["stakeholder_forms.dashboard.refresh_queue_dashboard"]


def test_figures_past_the_stale_limit_are_computed_in_the_request(role_client, settings):
    settings.TASKS = DATABASE_TASKS  # no worker: nothing renews them
    client, _user = role_client(Role.ERO_REVIEWER)
    StakeholderRequestFactory()
    client.get(URL)
    StakeholderRequestFactory()
    age("stakeholder-queue", settings.DASHBOARD_REFRESH_SECONDS + 1)
    assert open_count(client.get(URL)) == "1"
    age("stakeholder-queue", settings.DASHBOARD_STALE_SECONDS + 1)
    assert open_count(client.get(URL)) == "2"


def test_each_agency_has_its_own_snapshot(role_client):
    routed_report(incident_types=["smuggling"], sector="water")  # HSI's alone
    hsi_client, _user = role_client(Role.DESK_HSI)
    fbi_client, _user = role_client(Role.DESK_FBI)
    hsi = hsi_client.get(reverse("cyber_reports:desk_dashboard", kwargs={"agency": "hsi"}))
    fbi = fbi_client.get(reverse("cyber_reports:desk_dashboard", kwargs={"agency": "fbi"}))
    assert "<strong>1</strong> received" in hsi.content.decode()
    assert "<strong>0</strong> received" in fbi.content.decode()
    assert set(Snapshot.objects.values_list("key", flat=True)) == {"desk:hsi", "desk:fbi"}
