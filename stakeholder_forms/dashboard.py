"""The stakeholder queue's dashboard: the figures ERO reviewers and supervisors run it by.

What each figure counts (decided here, shown on the page under each chart):

- **Open requests by age**, in working days (working_days.py) since filing, in bands whose
  edges come from the age target (STAKEHOLDER_AGE_WARNING_WORKING_DAYS, 10): up to half the
  target, up to the target, up to twice the target, beyond. The last two bands are the
  **overdue** requests, by the queue's own rule (`older_than_cutoff`, the rule of
  `StakeholderRequestQuerySet.overdue()` and of the queue's badges).
- **Each reviewer's load**: every active ERO reviewer and supervisor, with the open requests
  assigned to them: not started yet (a supervisor assigned it), in review (claimed), waiting
  for the clerk's answer, and how many of them are overdue. Requests nobody holds are a line of
  their own.
- **Time from filing to decision**: requests approved or denied in the last 30 and 90 days
  (by the decision's time), median and 90th percentile of decision minus filing, in calendar
  days to a tenth (leacorner/percentiles.py). Calendar time, not working days: it is what the
  requester waited, and it is computed by the database over every decision in the window.
- **Filed and decided per week**: the last 12 weeks, Monday to Sunday in the portal's time
  zone, the current week last (so far).

Every figure is one query over an index (the model's `stakeholder_status_oldest`,
`stakeholder_assignee_queue`, `stakeholder_decided`); docs/performance.md has the plans and
the times at a million requests. At that size they cost half a second together, so the page
shows the snapshot the task worker keeps (`queue_figures`, leacorner/snapshots.py), at most a
minute old while the worker runs, and says when it was computed.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task

from accounts.roles import Role
from leacorner.charts import Chart, Series, recent_weeks
from leacorner.percentiles import DurationFigures, Window, duration_figures
from leacorner.snapshots import Figures, figures_of, store

from .models import StakeholderRequest, older_than_cutoff
from .workflow import RequestStatus

WEEKS = 12
DECIDED = (RequestStatus.APPROVED, RequestStatus.DENIED)
DAY = 24 * 3600
SNAPSHOT_KEY = "stakeholder-queue"


@dataclass(frozen=True)
class ReviewerLoad:
    name: str
    open: int
    not_started: int
    in_review: int
    needs_info: int
    overdue: int


@dataclass(frozen=True)
class QueueDashboard:
    open_total: int
    overdue: int
    unassigned: int
    target: int
    age_chart: Chart
    reviewers: list[ReviewerLoad]
    load_chart: Chart
    decision_times: dict[str, DurationFigures]
    decision_chart: Chart
    weekly_chart: Chart


def age_bands(target: int) -> list[tuple[int, int | None]]:
    """The bands of working days (first, last; None: no end) for a target of `target`."""
    half = max(target // 2, 1)
    return [(0, half), (half + 1, target), (target + 1, 2 * target), (2 * target + 1, None)]


def _band_label(first: int, last: int | None) -> str:
    if last is None:
        return f"Over {first - 1} working days"
    return f"{first}–{last} working days"


def _open_by_age(today: date, target: int) -> tuple[dict, list[tuple[str, int]]]:
    bands = age_bands(target)
    older = {
        last: Count("pk", filter=Q(submitted_at__lt=older_than_cutoff(last, today)))
        for _first, last in bands
        if last is not None
    }
    found = StakeholderRequest.objects.open().aggregate(
        total=Count("pk"),
        unassigned=Count("pk", filter=Q(assigned_to__isnull=True)),
        **{f"older_{last}": expression for last, expression in older.items()},
    )
    counts, previous = [], found["total"]
    for first, last in bands:
        beyond = found[f"older_{last}"] if last is not None else 0
        counts.append((_band_label(first, last), previous - beyond))
        previous = beyond
    return found, counts


def _reviewer_loads(today: date, target: int) -> list[ReviewerLoad]:
    overdue_before = older_than_cutoff(target, today)
    loads = {
        row["assigned_to"]: row
        for row in StakeholderRequest.objects.open()
        .filter(assigned_to__isnull=False)
        .values("assigned_to")
        .annotate(
            open=Count("pk"),
            not_started=Count("pk", filter=Q(status=RequestStatus.SUBMITTED)),
            in_review=Count("pk", filter=Q(status=RequestStatus.IN_REVIEW)),
            needs_info=Count("pk", filter=Q(status=RequestStatus.NEEDS_INFO)),
            overdue=Count("pk", filter=Q(submitted_at__lt=overdue_before)),
        )
        .order_by()
    }
    # Reviewers with nothing assigned are part of the picture; anyone else still holding
    # requests (a reviewer who left, a superuser) too.
    people = (
        get_user_model()
        .objects.filter(
            Q(is_active=True, groups__name__in=[Role.ERO_REVIEWER, Role.ERO_SUPERVISOR])
            | Q(pk__in=list(loads))
        )
        .distinct()
    )
    empty = {"open": 0, "not_started": 0, "in_review": 0, "needs_info": 0, "overdue": 0}
    rows = []
    for person in people.only("pk", "email", "full_name"):
        load = loads.get(person.pk, empty)
        rows.append(
            ReviewerLoad(
                name=person.get_full_name(),
                **{key: load[key] for key in empty},
            )
        )
    rows.sort(key=lambda row: (-row.open, row.name.lower()))
    return rows


def _weekly(today: date) -> tuple[list[date], dict[date, int], dict[date, int]]:
    weeks = recent_weeks(WEEKS, today)
    since = timezone.make_aware(datetime.combine(weeks[0], time.min))

    def per_week(rows, field: str) -> dict[date, int]:
        found = (
            rows.filter(**{f"{field}__gte": since})
            .annotate(week=TruncWeek(field))
            .values("week")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {
            timezone.localdate(row["week"])
            if isinstance(row["week"], datetime)
            else row["week"]: row["n"]
            for row in found
        }

    filed = per_week(StakeholderRequest.objects.all(), "submitted_at")
    decided = per_week(StakeholderRequest.objects.filter(status__in=DECIDED), "decided_at")
    return weeks, filed, decided


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / DAY, 1)


def queue_dashboard(*, now: datetime | None = None) -> QueueDashboard:
    """Every figure of the dashboard, as of `now` (the present by default)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    target = settings.STAKEHOLDER_AGE_WARNING_WORKING_DAYS
    found, bands = _open_by_age(today, target)
    age_chart = Chart(
        slug="open-by-age",
        title="Open requests by age",
        note=f"Working days since filing; over {target} working days is overdue.",
        category_heading="Age",
        categories=[label for label, _n in bands],
        series=[Series("Open requests", tuple(n for _label, n in bands))],
        unit="requests",
    )
    reviewers = _reviewer_loads(today, target)
    load_chart = Chart(
        slug="reviewer-load",
        title="Open requests by reviewer",
        note="Assigned and still open: in review, waiting for the clerk, or not started yet.",
        category_heading="Reviewer",
        categories=[row.name for row in reviewers],
        series=[
            Series("In review", tuple(row.in_review for row in reviewers)),
            Series("Waiting for information", tuple(row.needs_info for row in reviewers)),
            Series("Not started", tuple(row.not_started for row in reviewers)),
        ],
        unit="requests",
    )
    times = duration_figures(
        StakeholderRequest.objects.filter(status__in=DECIDED),
        start="submitted_at",
        end="decided_at",
        windows=[
            Window("last_30", "decided_at", now - timedelta(days=30)),
            Window("last_90", "decided_at", now - timedelta(days=90)),
        ],
    )
    decision_chart = Chart(
        slug="time-to-decision",
        title="Time from filing to decision",
        note="Requests approved or denied in the period; calendar days.",
        category_heading="Decided in",
        categories=["Last 30 days", "Last 90 days"],
        series=[
            Series("Median (days)", tuple(_days(times[k].median_seconds) for k in times)),
            Series("90th percentile (days)", tuple(_days(times[k].p90_seconds) for k in times)),
        ],
        unit="days",
        decimals=1,
    )
    weeks, filed, decided = _weekly(today)
    weekly_chart = Chart(
        slug="filed-decided-per-week",
        title="Requests filed and decided per week",
        note=f"The last {WEEKS} weeks, Monday to Sunday; the current week so far.",
        category_heading="Week of",
        categories=[date_format(week) for week in weeks],
        series=[
            Series("Filed", tuple(filed.get(week, 0) for week in weeks)),
            Series("Decided", tuple(decided.get(week, 0) for week in weeks)),
        ],
        unit="requests",
    )
    overdue = sum(n for _label, n in bands[2:])
    return QueueDashboard(
        open_total=found["total"],
        overdue=overdue,
        unassigned=found["unassigned"],
        target=target,
        age_chart=age_chart,
        reviewers=reviewers,
        load_chart=load_chart,
        decision_times=times,
        decision_chart=decision_chart,
        weekly_chart=weekly_chart,
    )


def _compute(now: datetime) -> QueueDashboard:
    return queue_dashboard(now=now)


@task()
def refresh_queue_dashboard() -> None:
    """The worker's part of `queue_figures`: new figures for the dashboard page."""
    store(SNAPSHOT_KEY, _compute)


def queue_figures() -> Figures[QueueDashboard]:
    """The dashboard as the page shows it: the worker's latest snapshot (leacorner/snapshots.py)."""
    return figures_of(SNAPSHOT_KEY, QueueDashboard, _compute, refresh_queue_dashboard.enqueue)
