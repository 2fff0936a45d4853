"""Percentiles of the time between two moments of each row: how long requests waited for a
decision, reports for an acknowledgement. The one way the dashboards compute them.

On PostgreSQL the database does it: `PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY end - start)`,
one aggregate per figure, each with its own `FILTER`, all in one query that reads only the
rows of the widest window. SQLite has no ordered-set aggregates, so there the rows' two moments
are read and the same interpolation is done in Python (`percentile_cont`); SQLite is the
embedded setup for development and tests, not the million-row production database.

Both give PERCENTILE_CONT's answer: the value at position f × (n − 1) of the sorted
durations, interpolated between its neighbours; None when no row is in the window.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connections
from django.db.models import Aggregate, Count, F, FloatField, Q, QuerySet


@dataclass(frozen=True)
class Window:
    """A figure's rows: those whose `field` is at or after `since`."""

    key: str
    field: str
    since: datetime


@dataclass(frozen=True)
class DurationFigures:
    count: int
    median_seconds: float | None
    p90_seconds: float | None


class _PercentileOfDuration(Aggregate):
    """PostgreSQL: the f-th continuous percentile, in seconds, of `end - start`."""

    function = "PERCENTILE_CONT"
    template = (
        "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (%(expressions)s)))"
    )
    arg_joiner = " - "
    output_field = FloatField()

    def __init__(self, end: str, start: str, *, fraction: float, filter: Q | None = None):
        super().__init__(F(end), F(start), filter=filter)
        self.extra["fraction"] = repr(float(fraction))


def percentile_cont(sorted_values: Sequence[float], fraction: float) -> float | None:
    """PERCENTILE_CONT of already sorted values (None for none)."""
    if not sorted_values:
        return None
    position = fraction * (len(sorted_values) - 1)
    lower, upper = math.floor(position), math.ceil(position)
    low, high = sorted_values[lower], sorted_values[upper]
    return low + (high - low) * (position - lower)


def duration_figures(
    rows: QuerySet, *, start: str, end: str, windows: Sequence[Window]
) -> dict[str, DurationFigures]:
    """For each window, how many of `rows` (with `end` set) fall in it and the median and 90th
    percentile of `end - start` in seconds. One query."""
    rows = rows.filter(**{f"{end}__isnull": False})
    widest = min(windows, key=lambda w: w.since)
    if all(w.field == widest.field for w in windows):
        rows = rows.filter(**{f"{widest.field}__gte": widest.since})
    if connections[rows.db].vendor == "postgresql":
        aggregates = {}
        for w in windows:
            in_window = Q(**{f"{w.field}__gte": w.since})
            aggregates[f"{w.key}_n"] = Count("pk", filter=in_window)
            for name, fraction in (("p50", 0.5), ("p90", 0.9)):
                aggregates[f"{w.key}_{name}"] = _PercentileOfDuration(
                    end, start, fraction=fraction, filter=in_window
                )
        found = rows.order_by().aggregate(**aggregates)
        return {
            w.key: DurationFigures(
                found[f"{w.key}_n"], found[f"{w.key}_p50"], found[f"{w.key}_p90"]
            )
            for w in windows
        }
    fields = sorted({start, end, *(w.field for w in windows)})
    moments = list(rows.order_by().values_list(*fields))
    figures = {}
    for w in windows:
        at = fields.index(w.field)
        durations = sorted(
            (row[fields.index(end)] - row[fields.index(start)]).total_seconds()
            for row in moments
            if row[at] >= w.since
        )
        figures[w.key] = DurationFigures(
            len(durations), percentile_cont(durations, 0.5), percentile_cont(durations, 0.9)
        )
    return figures
