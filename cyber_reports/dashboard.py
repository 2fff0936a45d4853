"""An agency desk's dashboard: what reached the desk lately and how fast it answered.

Only the desk's own routings count, read through `ReportRouting.objects.visible_to(user)`
for the one agency (the rule of every desk page). What each figure counts:

- **Reports received per week**: the desk's routings by the week the report was filed (the
  routing's copy `report_submitted_at`), the last 12 weeks, Monday to Sunday in the portal's
  time zone, the current week so far. A report referred to the desk later counts in the week
  it was filed.
- **By incident type** and **by sector**: the same routings by the report's incident types
  (a report with two types counts once under each, so these do not add up to the reports)
  and by its sector (one each). Per week, the three most frequent of the 12 weeks; every
  type's and sector's total over the 12 weeks in a chart of its own.
- **Time to first acknowledgement**: of the reports filed in the last 30 and 90 days, the
  desk's acknowledgement (`acknowledged_at`, set once, kept when a routing is reopened) minus
  the moment the report reached the desk (`routed_at`), median and 90th percentile in hours,
  and how many the desk has not acknowledged (still new, or closed or handed on unacknowledged).

Every figure is one query over the desk's index by filing time (`cyber_desk_newest`);
docs/performance.md has the plans and the times at a million reports. The page shows the
snapshot the task worker keeps per agency (`agency_figures`, leacorner/snapshots.py): the
figures of every routing of the agency, which are what `visible_to(user)` gives each person the
page admits (the agency's desk members and superusers), computed once for all of them.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task

from leacorner.charts import Chart, Series, recent_weeks
from leacorner.percentiles import DurationFigures, Window, duration_figures
from leacorner.snapshots import Figures, figures_of, store

from .agencies import Agency, IncidentType
from .desk import ReportRouting
from .vocabulary import Sector

WEEKS = 12
PER_WEEK_SERIES = 3
HOUR = 3600


@dataclass(frozen=True)
class DeskDashboard:
    received: int
    acknowledgement: dict[str, DurationFigures]
    not_acknowledged: int
    weekly_chart: Chart
    type_weekly_chart: Chart
    type_chart: Chart
    sector_weekly_chart: Chart
    sector_chart: Chart
    acknowledgement_chart: Chart


def _week_of(value) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _per_week(routings, since: datetime, key: str, by) -> Counter:
    rows = (
        routings.filter(report_submitted_at__gte=since)
        .annotate(week=TruncWeek("report_submitted_at"), key=by)
        .values("week", "key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter({(_week_of(row["week"]), row["key"]): row["n"] for row in rows if row["key"]})


def _charts_of(
    slug: str, what: str, counts: Counter, names: dict, weeks: list[date], labels: list[str]
):
    totals = Counter()
    for (_week, key), n in counts.items():
        totals[key] += n
    ranked = sorted(totals, key=lambda key: (-totals[key], str(names.get(key, key))))
    top = ranked[:PER_WEEK_SERIES] or []
    weekly = Chart(
        slug=f"{slug}-per-week",
        title=f"Reports per week by {what}",
        note=f"The {len(top) or PER_WEEK_SERIES} most frequent of the last {WEEKS} weeks.",
        category_heading="Week of",
        categories=labels,
        series=[
            Series(str(names.get(key, key)), tuple(counts[(week, key)] for week in weeks))
            for key in top
        ]
        or [Series("Reports", tuple(0 for _week in weeks))],
        unit="reports",
    )
    overall = Chart(
        slug=slug,
        title=f"Reports by {what}, last {WEEKS} weeks",
        note="A report with several incident types counts under each."
        if what == "incident type"
        else "",
        category_heading=what.capitalize(),
        categories=[str(names.get(key, key)) for key in ranked],
        series=[Series("Reports", tuple(totals[key] for key in ranked))],
        unit="reports",
    )
    return weekly, overall


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / HOUR, 1)


def desk_dashboard(*, user, agency: Agency, now: datetime | None = None) -> DeskDashboard:
    """Every figure of `agency`'s desk as `user` may see it, as of `now` (the present)."""
    routings = ReportRouting.objects.visible_to(user).for_agency(agency)
    return _dashboard_of(routings, now or timezone.now())


def _snapshot_key(agency_code: str) -> str:
    return f"desk:{agency_code.lower()}"


def _agency_compute(agency_code: str):
    def compute(now: datetime) -> DeskDashboard:
        agency = Agency.objects.get(code=agency_code)
        return _dashboard_of(ReportRouting.objects.for_agency(agency), now)

    return compute


@task()
def refresh_desk_dashboard(agency_code: str) -> None:
    """The worker's part of `agency_figures`: new figures for one agency's dashboard page."""
    store(_snapshot_key(agency_code), _agency_compute(agency_code))


def agency_figures(agency: Agency) -> Figures[DeskDashboard]:
    """The dashboard of `agency` as its page shows it, for the people the page admits: the
    worker's latest snapshot (leacorner/snapshots.py)."""
    return figures_of(
        _snapshot_key(agency.code),
        DeskDashboard,
        _agency_compute(agency.code),
        lambda: refresh_desk_dashboard.enqueue(agency.code),
    )


def _dashboard_of(routings, now: datetime) -> DeskDashboard:
    weeks = recent_weeks(WEEKS, timezone.localdate(now))
    since = timezone.make_aware(datetime.combine(weeks[0], time.min))
    labels = [date_format(week) for week in weeks]

    by_sector = _per_week(routings, since, "sector", F("sector"))
    received_per_week = Counter()
    for (week, _sector), n in by_sector.items():
        received_per_week[week] += n
    weekly_chart = Chart(
        slug="received-per-week",
        title="Reports received per week",
        note=f"The last {WEEKS} weeks, Monday to Sunday, by filing time; the current week so far.",
        category_heading="Week of",
        categories=labels,
        series=[Series("Reports", tuple(received_per_week[week] for week in weeks))],
        unit="reports",
    )
    by_type = _per_week(routings, since, "type", F("report__incident_types"))
    type_names = dict(IncidentType.objects.values_list("pk", "name"))
    type_weekly, type_chart = _charts_of(
        "incident-type", "incident type", by_type, type_names, weeks, labels
    )
    sector_weekly, sector_chart = _charts_of(
        "sector", "sector", by_sector, dict(Sector.choices), weeks, labels
    )

    windows = [
        Window("last_30", "report_submitted_at", now - timedelta(days=30)),
        Window("last_90", "report_submitted_at", now - timedelta(days=90)),
    ]
    acknowledgement = duration_figures(
        routings, start="routed_at", end="acknowledged_at", windows=windows
    )
    not_acknowledged = routings.filter(
        report_submitted_at__gte=windows[1].since, acknowledged_at__isnull=True
    ).count()
    acknowledgement_chart = Chart(
        slug="time-to-acknowledge",
        title="Time to first acknowledgement",
        note="Reports filed in the period and acknowledged by this desk; hours from reaching "
        "the desk.",
        category_heading="Filed in",
        categories=["Last 30 days", "Last 90 days"],
        series=[
            Series(
                "Median (hours)",
                tuple(_hours(acknowledgement[w.key].median_seconds) for w in windows),
            ),
            Series(
                "90th percentile (hours)",
                tuple(_hours(acknowledgement[w.key].p90_seconds) for w in windows),
            ),
        ],
        unit="hours",
        decimals=1,
    )
    return DeskDashboard(
        received=sum(received_per_week.values()),
        acknowledgement=acknowledgement,
        not_acknowledged=not_acknowledged,
        weekly_chart=weekly_chart,
        type_weekly_chart=type_weekly,
        type_chart=type_chart,
        sector_weekly_chart=sector_weekly,
        sector_chart=sector_chart,
        acknowledgement_chart=acknowledgement_chart,
    )
