"""Figures computed ahead of the page that shows them: the staff dashboards' snapshots.

A dashboard at a million rows costs 0.4-0.7 s of database work to compute (docs/performance.md,
"The staff dashboards at a million rows"), far more than a page may take. So the page does not
compute it: it reads the last figures stored here, under a key ("stakeholder-queue",
"desk:cisa"), and the task worker recomputes them in the background:

- figures younger than `DASHBOARD_REFRESH_SECONDS` (60) are shown as they are;
- older ones are shown too, and the first page that finds them so asks the worker once for
  new ones (`refresh_requested_at` is claimed by one UPDATE, so a busy dashboard enqueues
  one task per period, not one per viewer);
- figures older than `DASHBOARD_STALE_SECONDS` (600: the worker is down or far behind), or none
  at all (a new deployment), are computed in the request, so a page never shows figures more
  than ten minutes old.

Every page says when its figures were computed. The queue and desk lists themselves are
always live; only the dashboards' counts lag, by at most a minute while the worker runs.

The figures are stored as JSON: `encode` turns a tree of frozen dataclasses (and lists,
tuples, dicts, numbers, strings, None) into JSON values, and `decode` rebuilds it from the
dataclass's own type hints, so a snapshot holds numbers and words, never code (no pickle).
"""

import dataclasses
import types
import typing
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

T = TypeVar("T")


class Snapshot(models.Model):
    key = models.CharField(primary_key=True, max_length=100)
    computed_at = models.DateTimeField()
    figures = models.JSONField()
    refresh_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "leacorner"

    def __str__(self) -> str:
        return f"{self.key} as of {self.computed_at:%Y-%m-%d %H:%M:%S}"


@dataclasses.dataclass(frozen=True)
class Figures(Generic[T]):
    """What a dashboard page shows: the figures and the moment they were computed."""

    value: T
    computed_at: datetime

    @property
    def refreshed_every_seconds(self) -> int:
        return settings.DASHBOARD_REFRESH_SECONDS


def figures_of(
    key: str,
    kind: type[T],
    compute: Callable[[datetime], T],
    refresh: Callable[[], object],
) -> Figures[T]:
    """The stored figures of `key` (a `kind`), or new ones from `compute(now)` when there are
    none or they are too old; `refresh()` enqueues the task that calls `store` later."""
    now = timezone.now()
    row = Snapshot.objects.filter(key=key).first()
    if row is None or now - row.computed_at > timedelta(seconds=settings.DASHBOARD_STALE_SECONDS):
        return store(key, compute, now=now)
    refresh_after = timedelta(seconds=settings.DASHBOARD_REFRESH_SECONDS)
    if now - row.computed_at > refresh_after:
        claimed = (
            Snapshot.objects.filter(key=key, computed_at=row.computed_at)
            .filter(
                Q(refresh_requested_at__isnull=True)
                | Q(refresh_requested_at__lt=now - refresh_after)
            )
            .update(refresh_requested_at=now)
        )
        if claimed:
            refresh()
    return Figures(decode(kind, row.figures), row.computed_at)


def store(key: str, compute: Callable[[datetime], T], *, now: datetime | None = None) -> Figures[T]:
    """Compute the figures of `key` as of `now` and keep them (the worker's task calls this)."""
    now = now or timezone.now()
    value = compute(now)
    fields = {"computed_at": now, "figures": encode(value), "refresh_requested_at": None}
    try:
        with transaction.atomic():
            Snapshot.objects.update_or_create(key=key, defaults=fields)
    except IntegrityError:  # another request stored the same key at the same moment
        pass
    return Figures(value, now)


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(name): encode(item) for name, item in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"a snapshot holds no {type(value).__name__}")


def decode(kind: Any, data: Any) -> Any:
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(
            **{
                f.name: decode(hints[f.name], data[f.name])
                for f in dataclasses.fields(kind)
                if f.init
            }
        )
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        if isinstance(data, bool | int | float | str):
            return data
        return decode(next(a for a in arguments if a is not type(None)), data)
    if origin in (list, Sequence):
        return [decode(arguments[0], item) for item in data]
    if origin is tuple:
        return tuple(decode(arguments[0], item) for item in data)
    if origin is dict:
        return {name: decode(arguments[1], item) for name, item in data.items()}
    return data
