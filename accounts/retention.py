"""The security audit log's retention (leacorner.retention): events older than
SECURITY_EVENT_RETENTION (400 days; CJIS AU-11 asks for at least a year) are deleted. The log
is about accounts, not about one record, so no legal hold applies to it; an investigation
that needs older events exports them first (docs/operations.md, "Retention")."""

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings

from leacorner import retention
from leacorner.retention import Disposal, RetentionRule

from .models import SecurityEvent


def _due(now: datetime):
    return SecurityEvent.objects.filter(at__lt=now - settings.SECURITY_EVENT_RETENTION)


def _describe(pks: Sequence[int]) -> list[Disposal]:
    events = SecurityEvent.objects.filter(pk__in=pks).order_by("pk")
    return [
        Disposal(f"event {pk} ({kind}, {at:%Y-%m-%d})")
        for pk, kind, at in events.values_list("pk", "kind", "at")
    ]


def _dispose(pks: Sequence[int]) -> list[Disposal]:
    disposals = _describe(pks)
    SecurityEvent.objects.filter(pk__in=pks).delete()
    return disposals


def register() -> None:
    """Add the audit log's rule to the schedule (AccountsConfig.ready)."""
    retention.register(
        RetentionRule(
            kind="security_events",
            action="deleted",
            due=_due,
            describe=_describe,
            dispose=_dispose,
            setting="SECURITY_EVENT_RETENTION",
        )
    )
