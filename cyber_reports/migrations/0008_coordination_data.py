"""The data of migration 0007 (in a migration of its own: PostgreSQL refuses to build the new
foreign keys' indexes in the transaction that changed the rows): every old network indicator
copied into `Indicator` in its stored form, each routing's history from its stamps, the time
it reached the desk, and `has_related`."""

import hashlib
import ipaddress
from urllib.parse import urlsplit, urlunsplit

from django.db import migrations
from django.db.models import Exists, F, OuterRef

_MAPPED_V4 = 0xFFFF << 32


def _fingerprint(kind, value):
    return hashlib.sha256(f"{kind}\x00{value}".encode()).hexdigest()


def _url(url):
    """Scheme and host in lower case, as cyber_reports.indicators stores a typed URL."""
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    netloc = f"{userinfo}{at}{hostport.lower()}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def copy_indicators_and_history(apps, schema_editor):
    old = apps.get_model("cyber_reports", "NetworkIndicator")
    new = apps.get_model("cyber_reports", "Indicator")
    routing_model = apps.get_model("cyber_reports", "ReportRouting")
    event_model = apps.get_model("cyber_reports", "RoutingEvent")
    batch = []
    for row in old.objects.select_related("report").order_by("pk").iterator(chunk_size=2000):
        fields = {"report_id": row.report_id, "report_submitted_at": row.report.submitted_at}
        if row.url:
            kind, value, port, start = "url", _url(row.url), None, ""
        elif row.ip:
            address = ipaddress.ip_address(row.ip)
            offset = _MAPPED_V4 if address.version == 4 else 0
            kind, value, port = "ip", str(address), row.port
            start = f"{int(address) | offset:032x}"
        else:
            kind, value, port, start = "port", str(row.port), row.port, ""
        batch.append(
            new(
                kind=kind,
                value=value,
                port=port,
                direction=row.direction,
                fingerprint=_fingerprint(kind, value),
                ip_start=start,
                **fields,
            )
        )
        if len(batch) >= 2000:
            new.objects.bulk_create(batch)
            batch = []
    new.objects.bulk_create(batch)
    routing_model.objects.update(routed_at=F("report_submitted_at"))
    events = []
    for routing in routing_model.objects.order_by("pk").iterator(chunk_size=2000):
        stamps = [("routed", routing.report_submitted_at, None, "; ".join(routing.reasons))]
        if routing.acknowledged_at:
            stamps.append(("acknowledged", routing.acknowledged_at, routing.acknowledged_by_id, ""))
        if routing.closed_at:
            stamps.append(("closed", routing.closed_at, routing.closed_by_id, routing.closing_note))
        for action, at, actor, note in stamps:
            events.append(
                event_model(
                    report_id=routing.report_id,
                    routing_id=routing.pk,
                    at=at,
                    actor_id=actor,
                    action=action,
                    to_status={"routed": "new"}.get(action, action),
                    note=note,
                )
            )
        if len(events) >= 2000:
            event_model.objects.bulk_create(events)
            events = []
    event_model.objects.bulk_create(events)
    shared = new.objects.filter(
        fingerprint=OuterRef("fingerprint"),
    ).exclude(report_id=OuterRef("report_id"))
    related_report = new.objects.exclude(kind="port").filter(
        Exists(shared.filter(report__routings__agency_id=OuterRef(OuterRef("agency_id"))))
    )
    routing_model.objects.filter(
        Exists(related_report.filter(report_id=OuterRef("report_id")))
    ).update(has_related=True)


class Migration(migrations.Migration):
    dependencies = [("cyber_reports", "0007_coordination")]

    operations = [
        migrations.RunPython(copy_indicators_and_history, migrations.RunPython.noop),
    ]
