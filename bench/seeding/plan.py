"""What one run of the scale seeder makes, and what its steps hand on to each other."""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.roles import Role

#: The volumes at `--scale 1`.
FULL = {
    "clerks": 2_000,
    "reviewers": 60,
    "desk_members": 12,  # per agency desk
    "programs": 500,
    "requests": 1_000_000,
    "certifications": 250_000,
    "reports": 1_000_000,
}


@dataclass
class SeedRun:
    """One run of the seeder: how many rows of each kind, a seeded random generator (made-up
    people for a scratch database: a reproducible run is the point), the run's clock, and what
    each step leaves for the next: the users' ids by role, their e-mail addresses, and the last
    number used of each prefix ("CJS", "CERT", "CIR") in each year."""

    counts: dict[str, int]
    random: random.Random
    now: datetime.datetime
    user_ids: dict[Role, list[int]] = field(default_factory=dict)
    emails: dict[int, str] = field(default_factory=dict)
    last_numbers: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def at_scale(cls, scale: float, seed: int) -> "SeedRun":
        counts = {key: max(1, round(value * scale)) for key, value in FULL.items()}
        counts["certifications"] = min(counts["certifications"], counts["requests"])
        return cls(
            counts=counts,
            random=random.Random(seed),
            now=timezone.now().replace(microsecond=0),
        )

    def next_number(self, prefix: str, year: int) -> int:
        """The next number of `prefix` in `year` (1, 2, …): rows are made in the order they were
        filed, so numbers grow with time as they do live."""
        years = self.last_numbers.setdefault(prefix, {})
        years[year] = years.get(year, 0) + 1
        return years[year]
