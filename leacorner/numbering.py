"""Every number the portal hands out, in one format: `PREFIX-YYYY-NNNNNN`.

Stakeholder requests (`CJS-2026-000123`), certifications (`CERT-2026-000045`) and cyber-incident
reports (`CIR-2026-000007`) are numbered here and nowhere else, and parsed here and nowhere else.
Each prefix counts from 1 again every calendar year (America/New_York, the portal's time zone);
the sequence has at least six digits and grows past 999,999 rather than wrapping.

The counters are django-sequences' `Sequence` rows, one per prefix and year, named like
`CJS-2026`. `allocate()` takes the next value in one statement (an upsert on PostgreSQL), so it
must be called *before* the transaction of the filing that uses it: its row is then locked for
that statement only, and filings at once never queue behind one another's counter.

**Numbers may have gaps**, and that is deliberate. A number is taken before the filing's
transaction, so a filing that fails afterwards (a file the storage refused, an approval refused
because the request changed meanwhile) leaves its number unused. A gap-free series would need the
counter locked until the filing commits, which serializes every filing of the year behind the
slowest one (its e-mails rendered, its files written). Nothing relies on the absence of gaps:
a number identifies a record, unique and increasing; the history tables, not the numbers, are the
record of what happened.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone
from sequences import get_next_value


class Prefix(StrEnum):
    STAKEHOLDER_REQUEST = "CJS"
    CERTIFICATION = "CERT"
    CYBER_REPORT = "CIR"


_NUMBER = re.compile(r"(?P<prefix>[A-Z]{2,5})-(?P<year>\d{4})-(?P<sequence>\d{6,})")


@dataclass(frozen=True, order=True)
class Number:
    """One allocated number; `str()` gives its printed form."""

    prefix: str
    year: int
    sequence: int

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}-{self.sequence:06d}"


def sequence_name(prefix: str, year: int) -> str:
    """The name of the counter of `prefix` in `year`, e.g. 'CJS-2026'."""
    return f"{prefix}-{year}"


def allocate(prefix: Prefix, *, year: int | None = None) -> Number:
    """The next number of `prefix` in `year` (this year by default).

    Unique however many processes allocate at once. Call it before the transaction that stores
    the numbered record (see the module docstring: numbers may have gaps)."""
    year = year or timezone.localdate().year
    return Number(str(prefix), year, get_next_value(sequence_name(prefix, year)))


def parse(text: str, *, prefix: Prefix | None = None) -> Number | None:
    """The number written in `text` (any case, surrounding spaces ignored), or None when it is
    not one, or not one of `prefix`."""
    match = _NUMBER.fullmatch(text.strip().upper())
    if match is None or (prefix is not None and match["prefix"] != prefix):
        return None
    return Number(match["prefix"], int(match["year"]), int(match["sequence"]))
