"""The benchmarks' scale seeder (`bench/seed_scale.py`) at a tiny scale: valid rows, the right
proportions, counters advanced so the portal files new requests and reports after it.
PostgreSQL only (it uses COPY)."""

import pytest
from django.db import connection
from django.db.models import F

from accounts.models import User
from accounts.roles import Role
from bench.seeding import SeedRefused, seed_scale
from cyber_reports.desk import ReportRouting
from cyber_reports.models import CyberIncidentReport
from leacorner import numbering
from programs.models import Program
from stakeholder_forms.certification import Certification
from stakeholder_forms.models import StakeholderRequest
from stakeholder_forms.workflow import RequestEvent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("seed_scale uses PostgreSQL's COPY: run with DATABASE_URL=postgres://…")


def test_seed_scale_at_a_tiny_scale():
    seed_scale(scale=0.002)
    assert User.objects.filter(groups__name=Role.CLERK.value).count() == 4
    assert Program.objects.filter(slug__startswith="scale-program-").count() == 1
    requests = StakeholderRequest.objects.all()
    assert requests.count() == 2000
    assert Certification.objects.count() == 500
    assert requests.filter(status="approved").count() == 500
    assert set(requests.values_list("status", flat=True)) == {
        "submitted",
        "in_review",
        "needs_info",
        "approved",
        "denied",
        "withdrawn",
    }
    # Every request has its history, ending in its state.
    assert RequestEvent.objects.values("request").distinct().count() == 2000
    for item in requests.filter(status__in=["approved", "denied", "needs_info"])[:50]:
        assert item.events.order_by("at", "pk").last().to_status == item.status
    for item in requests[:200]:
        item.full_clean()
    for certification in Certification.objects.select_related("request")[:100]:
        assert certification.request.status == "approved"
        certification.validate_findings()
    assert CyberIncidentReport.objects.count() == 2000
    assert not CyberIncidentReport.objects.filter(incident_types=None).exists()
    assert not CyberIncidentReport.objects.filter(routings=None).exists()
    assert ReportRouting.objects.filter(status="acknowledged").exists()
    # The desk's copies of the report's sector and filing time are the report's.
    assert not ReportRouting.objects.exclude(sector=F("report__sector")).exists()
    assert not ReportRouting.objects.exclude(report_submitted_at=F("report__submitted_at")).exists()
    for report in CyberIncidentReport.objects.all()[:100]:
        report.full_clean()
    # Indicators in their stored form; campaigns and hot indicators make related reports, and
    # the seeded flags are what the portal's own rule gives (cyber_reports.related).
    from cyber_reports.indicators import fingerprint
    from cyber_reports.models import Indicator
    from cyber_reports.related import related_panel
    from cyber_reports.timeline import RoutingEvent

    assert Indicator.objects.count() > 2000
    for indicator in Indicator.objects.all()[:200]:
        assert indicator.fingerprint == fingerprint(indicator.kind, indicator.value)
        indicator.full_clean()
    assert ReportRouting.objects.filter(has_related=True).exists()
    desk = {
        code: User.objects.filter(groups__name=role.value).first()
        for code, role in (
            ("CISA", Role.DESK_CISA),
            ("USSS", Role.DESK_USSS),
            ("HSI", Role.DESK_HSI),
            ("FBI", Role.DESK_FBI),
        )
    }
    sample = list(ReportRouting.objects.filter(has_related=True).select_related("agency")[:40])
    sample += list(
        ReportRouting.objects.filter(has_related=False, report__indicators__isnull=False)
        .select_related("agency")
        .distinct()[:40]
    )
    for routing in sample:
        panel = related_panel(routing, desk[routing.agency.code])
        assert bool(panel.reports) == routing.has_related, routing
    # Every routing has its history, starting with the routing rules'.
    assert RoutingEvent.objects.filter(action="routed").count() == ReportRouting.objects.count()
    acknowledged = ReportRouting.objects.exclude(acknowledged_at=None).count()
    assert RoutingEvent.objects.filter(action="acknowledged").count() == acknowledged
    # Each routing's copy says whether some agency acknowledged its report.
    taken = ReportRouting.objects.filter(report__routings__acknowledged_at__isnull=False).values(
        "pk"
    )
    assert not ReportRouting.objects.filter(pk__in=taken, acknowledged_by_any=False).exists()
    assert not (
        ReportRouting.objects.exclude(pk__in=taken).filter(acknowledged_by_any=True).exists()
    )
    # The counters follow: new numbers do not collide with the seeded ones.
    number = str(numbering.allocate(numbering.Prefix.STAKEHOLDER_REQUEST))
    assert not StakeholderRequest.objects.filter(tracking_number=number).exists()
    tracking = str(numbering.allocate(numbering.Prefix.CYBER_REPORT))
    assert not CyberIncidentReport.objects.filter(tracking_number=tracking).exists()
    with pytest.raises(SeedRefused, match="fresh one"):
        seed_scale(scale=0.002)


def test_the_foreign_keys_are_all_back_after_the_seed():
    """The seed loads without foreign keys and adds them back, checking every row once."""

    def foreign_keys() -> set[tuple[str, str, str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f'"
            )
            return set(cursor.fetchall())

    before = foreign_keys()
    assert any(table == "stakeholder_forms_requestevent" for table, _n, _d in before)
    seed_scale(scale=0.001)
    assert foreign_keys() == before
