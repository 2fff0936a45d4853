"""Migrations 0007-0009 on a database that has reports: every old network indicator becomes an
`Indicator` in its stored form, every routing gets the history its stamps tell and the time it
reached the desk, and `has_related` where another report of the agency shares an indicator."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cyber_reports.indicators import fingerprint

BEFORE = [("cyber_reports", "0006_routing_version")]
AFTER = [("cyber_reports", "0009_indicators_replace_network_indicators")]


# Every transactional test restores the migrated data (roles, seeds) at its start.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_reports_come_through_with_their_indicators_history_and_relations():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    report_model = old.get_model("cyber_reports", "CyberIncidentReport")
    routing_model = old.get_model("cyber_reports", "ReportRouting")
    indicator_model = old.get_model("cyber_reports", "NetworkIndicator")
    agency = old.get_model("cyber_reports", "Agency").objects.get(code="FBI")
    filed = timezone.now() - datetime.timedelta(days=3)
    reports = []
    for n in range(3):
        report = report_model.objects.create(
            tracking_number=f"CIR-2025-00000{n + 1}",
            year=2025,
            sequence=n + 1,
            submitted_at=filed + datetime.timedelta(hours=n),
            update_token_hash=f"{n:064d}",
            reporter_name="Officer",
            reporter_organization="PD",
            reporter_phone="(555) 010-2000",
            entity_name=f"Entity {n}",
            entity_type="business",
            sector="water",
            detected_at=filed,
        )
        reports.append(report)
        routing_model.objects.create(
            report=report,
            agency=agency,
            reasons=["criminal hacking is investigated by the FBI"],
            sector="water",
            report_submitted_at=report.submitted_at,
            status="closed" if n == 0 else "new",
            acknowledged_at=filed if n == 0 else None,
            closed_at=filed if n == 0 else None,
            closing_note="Done." if n == 0 else "",
        )
    shared_url = "https://Pay-Now.example/x"
    indicator_model.objects.create(report=reports[0], direction="destination", url=shared_url)
    indicator_model.objects.create(report=reports[1], direction="destination", url=shared_url)
    indicator_model.objects.create(report=reports[1], direction="source", ip="203.0.113.5", port=22)
    indicator_model.objects.create(report=reports[2], direction="destination", port=3389)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    indicators = new.get_model("cyber_reports", "Indicator").objects.order_by("pk")
    assert [(i.report_id, i.kind, i.value, i.port) for i in indicators] == [
        (reports[0].pk, "url", "https://pay-now.example/x", None),
        (reports[1].pk, "url", "https://pay-now.example/x", None),
        (reports[1].pk, "ip", "203.0.113.5", 22),
        (reports[2].pk, "port", "3389", 3389),
    ]
    assert indicators[0].fingerprint == fingerprint("url", "https://pay-now.example/x")
    assert indicators[2].ip_start == f"{0xFFFF << 32 | 0xCB007105:032x}"
    assert indicators[1].report_submitted_at == reports[1].submitted_at
    routings = new.get_model("cyber_reports", "ReportRouting").objects.order_by("report_id")
    assert [r.has_related for r in routings] == [True, True, False]
    assert [r.routed_at for r in routings] == [r.submitted_at for r in reports]
    events = new.get_model("cyber_reports", "RoutingEvent").objects.order_by("report_id", "pk")
    assert [(e.report_id, e.action) for e in events] == [
        (reports[0].pk, "routed"),
        (reports[0].pk, "acknowledged"),
        (reports[0].pk, "closed"),
        (reports[1].pk, "routed"),
        (reports[2].pk, "routed"),
    ]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    # 0010: each routing carries whether some agency acknowledged its report.
    latest = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    copies = latest.get_model("cyber_reports", "ReportRouting").objects.order_by("report_id")
    assert [r.acknowledged_by_any for r in copies] == [True, False, False]
