"""Keeping and disposing of records: one schedule, one run (`manage.py apply_retention`).

Each app registers a `RetentionRule` per kind of record it keeps (from its AppConfig.ready):
which rows are past their retention period and not on legal hold (`due`), how to take the
locks a hold also takes (`lock`), what disposing of a batch of them means (`describe`: the
record's number and the files that go with it) and doing it (`dispose`). The periods are
settings (docs/operations.md, "Retention", says why each is what it is); the foundation knows
no app, only the rules it is given.

A run walks each rule's due rows in primary-key order, a batch at a time (never the whole
table in memory), and for each batch, in one transaction: locks the rows, reads again which of
them are still due now that it holds the locks (a hold placed a moment ago is seen), disposes
of those, deletes their files from storage, and commits. The files are deleted inside the
transaction, after the rows are written: if the commit fails, the next run finds the rows
again and deleting an already-deleted file is a no-op, so nothing is left behind. A disposed
row is no longer due, so a second run does nothing (idempotent). `dry_run` reads the same
batches and describes them without locking or changing anything.
"""

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone

logger = logging.getLogger("leacorner.retention")

DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True)
class StoredFile:
    storage: Storage
    name: str

    def delete(self) -> None:
        # FileSystemStorage (and django-storages' backends) ignore a name that is already gone.
        self.storage.delete(self.name)


@dataclass(frozen=True)
class Disposal:
    """What disposing of one record does: its number, and the stored files that go."""

    label: str
    files: tuple[StoredFile, ...] = ()


@dataclass(frozen=True)
class RetentionRule:
    """One kind of record and its schedule (module docstring)."""

    #: The kind's name on the command line and in the log: "stakeholder_requests".
    kind: str
    #: What happens to a record, in the past tense: "deleted", "anonymised", "files deleted".
    action: str
    #: The rows past retention and not on hold at `now` (a queryset of one model).
    due: Callable[[datetime], models.QuerySet]
    #: The disposals `dispose` would make of these due rows, without changing anything.
    describe: Callable[[Sequence[int]], list[Disposal]]
    #: Dispose of these rows (locked, due) and return what it did; files are deleted by the run.
    dispose: Callable[[Sequence[int]], list[Disposal]]
    #: Lock the rows a legal hold on these rows' records would lock (default: the rows).
    lock: Callable[[Sequence[int]], None] | None = None
    #: The setting that holds the period, for the log and the docs.
    setting: str = ""
    description: str = field(default="", compare=False)

    def lock_rows(self, pks: Sequence[int]) -> None:
        if self.lock is not None:
            self.lock(pks)
            return
        model = self.due(timezone.now()).model
        list(model._default_manager.select_for_update().filter(pk__in=pks).values_list("pk"))


_rules: dict[str, RetentionRule] = {}


def register(rule: RetentionRule) -> None:
    """Add `rule` to the schedule; rules run in the order they are registered."""
    _rules[rule.kind] = rule


def rules() -> list[RetentionRule]:
    return list(_rules.values())


def lock_rows_of(model: type[models.Model], pks: Iterable[int]) -> None:
    """Lock these rows of `model` (in primary-key order, so two runs never deadlock)."""
    list(
        model._default_manager.select_for_update()
        .filter(pk__in=list(pks))
        .order_by("pk")
        .values_list("pk")
    )


@dataclass
class Outcome:
    kind: str
    action: str
    records: int = 0
    files: int = 0


def apply(
    *,
    kinds: Sequence[str] | None = None,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    now: datetime | None = None,
    report: Callable[[str], None] = lambda line: None,
) -> list[Outcome]:
    """Run the schedule (every rule, or those of `kinds`) and return the counts per kind.

    `report` receives one line per record ("would delete" in a dry run) and one per file;
    every line also goes to the `leacorner.retention` logger, at INFO."""
    now = now or timezone.now()
    unknown = set(kinds or ()) - set(_rules)
    if unknown:
        raise ValueError(f"unknown kind(s): {', '.join(sorted(unknown))}")
    selected = [rule for rule in _rules.values() if not kinds or rule.kind in kinds]
    outcomes = []
    for rule in selected:
        outcome = Outcome(rule.kind, rule.action)
        verb = f"would be {rule.action}" if dry_run else rule.action
        file_verb = "would be deleted" if dry_run else "deleted"
        last = 0
        while True:
            due = rule.due(now).filter(pk__gt=last).order_by("pk")
            pks = list(due.values_list("pk", flat=True)[:batch_size])
            if not pks:
                break
            last = pks[-1]
            disposals = rule.describe(pks) if dry_run else _dispose_batch(rule, pks, now)
            for disposal in disposals:
                _say(report, f"{rule.kind}: {disposal.label} {verb}")
                for stored in disposal.files:
                    _say(report, f"{rule.kind}: {disposal.label} file {stored.name} {file_verb}")
            outcome.records += len(disposals)
            outcome.files += sum(len(d.files) for d in disposals)
        _say(report, f"{rule.kind}: {outcome.records} record(s) {verb}, {outcome.files} file(s)")
        outcomes.append(outcome)
    return outcomes


def _dispose_batch(rule: RetentionRule, pks: list[int], now: datetime) -> list[Disposal]:
    with transaction.atomic():
        rule.lock_rows(pks)
        # A fresh statement after the locks: a hold committed since the batch was chosen, or
        # a record that changed (a routing reopened), takes it out of the batch.
        still_due = sorted(rule.due(now).filter(pk__in=pks).values_list("pk", flat=True))
        if not still_due:
            return []
        disposals = rule.dispose(still_due)
        for disposal in disposals:
            for stored in disposal.files:
                stored.delete()
    return disposals


def _say(report: Callable[[str], None], line: str) -> None:
    logger.info(line)
    report(line)
