"""Related reports: the other reports that carry one of a report's indicators.

Two reports are related when they share an indicator's stored form (the same wallet, domain,
URL, e-mail address, file hash, IP address or range), or when an address or range of one lies
inside a range of the other (cyber_reports.indicators.match_keys). A desk sees a related
report only if it may see that report: the desk's panel reads its routings through
`ReportRouting.objects.visible_to(user)`, the one rule of desk visibility, for the desk's own
agency.

What it costs, at a million reports: matching reads the `(fingerprint, newest first)` index,
on PostgreSQL at most `PER_INDICATOR` of the newest reports per indicator (a LATERAL join),
so a panel is a few index probes per indicator whatever the number of reports, and an
indicator on tens of thousands of reports (a public resolver, a mass campaign) costs no more
than one on two: its newest `PER_INDICATOR` reports are compared. The panel is three queries:
the report's indicators, the related routings of the desk (one page), and what those share.
SQLite, for development, reads every match.

The desk list's filter "has related reports" reads `ReportRouting.has_related`, kept by
`link_related()` when a report is filed and when an agency is added to it: it only ever goes
from False to True, since reports and indicators are never deleted. Two reports filed at the
same moment with the same wallet would not see each other's uncommitted rows, so on
PostgreSQL `link_related()` first takes a transaction-scoped advisory lock on every key the
report could share (its own and the ranges around its addresses), in one sorted order: the
second filing waits for the first to commit, then sees it. The lock order of the whole app
is: these advisory locks, then a report's routings in id order (cyber_reports.desk), then
other reports' routings in id order, so nothing waits in a circle.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .desk import ReportRouting
from .indicators import match_keys
from .models import Indicator

#: The newest reports compared per indicator (module docstring).
PER_INDICATOR = 500
#: Related reports shown on a desk's report page.
PANEL_SIZE = 20


def _own_indicators(report_id: int) -> list[Indicator]:
    return list(Indicator.objects.filter(report_id=report_id).exclude(kind=Indicator.Kind.PORT))


def _candidates(report_id: int, keys: list[str], ranges: list[tuple[str, str]]):
    """An expression for the ids of the other reports that share a key or lie in a range."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Indicator._meta.db_table)
        sql = f"""
            SELECT m.report_id FROM unnest(%s::varchar[]) AS k(fp)
            CROSS JOIN LATERAL (
                SELECT i.report_id FROM {table} i
                WHERE i.fingerprint = k.fp AND i.report_id <> %s
                ORDER BY i.report_submitted_at DESC LIMIT %s
            ) m
            UNION
            SELECT m.report_id FROM unnest(%s::varchar[], %s::varchar[]) AS r(lo, hi)
            CROSS JOIN LATERAL (
                SELECT i.report_id FROM {table} i
                WHERE i.ip_start <> '' AND i.ip_start BETWEEN r.lo AND r.hi
                AND i.report_id <> %s
                ORDER BY i.ip_start LIMIT %s
            ) m
        """  # noqa: S608 - the table name is the model's; every value is a parameter
        params = (
            keys,
            report_id,
            PER_INDICATOR,
            [low for low, _high in ranges],
            [high for _low, high in ranges],
            report_id,
            PER_INDICATOR,
        )
        return RawSQL(sql, params)  # noqa: S611 - parameters only, the table is the model's
    matching = Q(fingerprint__in=keys)
    for low, high in ranges:
        matching |= Q(ip_start__gte=low, ip_start__lte=high) & ~Q(ip_start="")
    return Indicator.objects.filter(matching).exclude(report_id=report_id).values("report_id")


def lock_keys(keys: list[str]) -> None:
    """Hold, until the transaction ends, PostgreSQL's advisory lock on each key (module
    docstring), taken in ascending order by every caller. SQLite serialises writers anyway."""
    if connection.vendor != "postgresql" or not keys:
        return
    numbers = sorted({int(key[:15], 16) for key in keys})
    with connection.cursor() as cursor:
        # unnest() yields the array in its order, so the locks are taken in ascending order.
        cursor.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k", [numbers])


def lock_indicators_of(report_id: int) -> None:
    """The advisory locks of a report's keys, for a transition that will add an agency to it
    and must take them before the report's routing locks."""
    keys, _ranges = match_keys(_own_indicators(report_id))
    lock_keys(keys)


def link_related(report, *, agency_ids: list[int] | None = None) -> None:
    """Mark `has_related` on the routings of `report` (only those of `agency_ids`, if given)
    whose agency has a routing on a related report, and on those related reports' routings
    of the same agencies. Called inside the transaction that filed the report or added the
    agencies."""
    keys, ranges = match_keys(_own_indicators(report.pk))
    if not keys and not ranges:
        return
    lock_keys(keys)
    mine = ReportRouting.objects.filter(report_id=report.pk)
    if agency_ids is not None:
        mine = mine.filter(agency_id__in=agency_ids)
    agencies = list(mine.values_list("agency_id", flat=True))
    related = ReportRouting.objects.filter(
        report_id__in=_candidates(report.pk, keys, ranges), agency_id__in=agencies
    )
    theirs = list(
        related.filter(has_related=False)
        .order_by("pk")
        .select_for_update()
        .values_list("pk", flat=True)
    )
    ReportRouting.objects.filter(pk__in=theirs).update(has_related=True)
    shared = set(related.values_list("agency_id", flat=True).distinct())
    if shared:
        mine.filter(agency_id__in=shared, has_related=False).update(has_related=True)


@dataclass(frozen=True)
class RelatedReport:
    """A related report as the desk has it (its routing, with the report), and the
    indicators of that report that tie it to the one on the page."""

    routing: ReportRouting
    shared: list[Indicator]


@dataclass(frozen=True)
class RelatedPanel:
    reports: list[RelatedReport] = field(default_factory=list)
    more: bool = False
    per_indicator: int = PER_INDICATOR


def related_panel(routing: ReportRouting, user) -> RelatedPanel:
    """The reports related to `routing`'s report that `user` sees on the same desk, newest
    first, at most `PANEL_SIZE` (and whether there are more), in three queries."""
    own = _own_indicators(routing.report_id)
    keys, ranges = match_keys(own)
    if not keys:
        return RelatedPanel()
    found = list(
        ReportRouting.objects.visible_to(user)
        .for_agency(routing.agency)
        .filter(report_id__in=_candidates(routing.report_id, keys, ranges))
        .select_related("report")
        .order_by("-report_submitted_at", "-pk")[: PANEL_SIZE + 1]
    )
    shown = found[:PANEL_SIZE]
    if not shown:
        return RelatedPanel()
    ties = Q(fingerprint__in=keys)
    for low, high in ranges:
        ties |= Q(ip_start__gte=low, ip_start__lte=high) & ~Q(ip_start="")
    shared: dict[int, list[Indicator]] = {}
    their_indicators = Indicator.objects.filter(ties, report_id__in=[r.report_id for r in shown])
    for indicator in their_indicators.order_by("kind", "value"):
        shared.setdefault(indicator.report_id, []).append(indicator)
    return RelatedPanel(
        reports=[RelatedReport(r, shared.get(r.report_id, [])) for r in shown],
        more=len(found) > PANEL_SIZE,
    )
