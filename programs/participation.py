"""Signed 287(g) agreements by state, from ICE's list of participating agencies.

The figures come from `programs/data/` (see its README); they are read once per process and
cost no query. The date and the source are shown with the map and the table.
"""

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .geography import Tile, tiles
from .models import Jurisdiction

DATA_FILE = Path(__file__).resolve().parent / "data" / "287g-agreements-by-state-2025-07-18.csv"
AS_OF = date(2025, 7, 18)
SOURCE = _("ICE, list of 287(g) participating agencies")
TOTAL_AGREEMENTS = 832
TOTAL_AGENCIES = 690
BY_MODEL = (
    (_("Task Force"), 415),
    (_("Warrant Service Officer"), 300),
    (_("Jail Enforcement"), 117),
)

#: Shading buckets: (lowest count, CSS class, legend label). Colours are in programs.css.
BUCKETS = (
    (50, "shade-5", _("50 or more")),
    (15, "shade-4", _("15 to 49")),
    (5, "shade-3", _("5 to 14")),
    (1, "shade-2", _("1 to 4")),
    (0, "shade-1", _("None")),
)


@dataclass(frozen=True)
class StateAgreements:
    code: str
    name: str
    agreements: int


def agreements_by_state() -> tuple[StateAgreements, ...]:
    """Every state with at least one agreement, most agreements first, named in the language
    of the request (the file is read once per language and process)."""
    return _agreements_by_state(get_language())


@cache
def _agreements_by_state(language: str | None) -> tuple[StateAgreements, ...]:
    names = dict(Jurisdiction.choices)
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [
            StateAgreements(row["state"], str(names[row["state"]]), int(row["agreements"]))
            for row in csv.DictReader(handle)
        ]
    return tuple(sorted(rows, key=lambda r: (-r.agreements, r.name)))


def bucket(count: int) -> str:
    return next(css for lowest, css, _label in BUCKETS if count >= lowest)


def shaded_tiles() -> list[Tile]:
    counts = {row.code: row.agreements for row in agreements_by_state()}
    shaded = []
    for tile in tiles():
        count = counts.get(tile.code, 0)
        tile.css_class = bucket(count)
        tile.detail = str(count)
        tile.label = f"{tile.name}: {count}"
        shaded.append(tile)
    return shaded


def states_without_agreements() -> list[str]:
    counts = {row.code for row in agreements_by_state()}
    return [tile.name for tile in tiles() if tile.code not in counts]
