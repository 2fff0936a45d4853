"""The seeded directory: programs beside the seed content of the directory's migrations."""

import io

from programs.models import Category, Program

from .copying import Copier, next_id
from .names import PLACES
from .plan import SeedRun


def seed_programs(run: SeedRun, cursor) -> str:
    """Published programs beside the directory's seed content, each in one of its categories."""
    copier = Copier(Program, is_published=True)
    first = next_id(cursor, Program)
    categories = list(Category.objects.values_list("pk", flat=True))
    words = "Liaison Partnership Assistance Training Outreach Support Task Force Initiative"
    words = words.split()
    rows = []
    for i in range(run.counts["programs"]):
        name = f"{run.random.choice(PLACES)} {run.random.choice(words)} Program {i + 1}"
        rows.append(
            {
                "id": first + i,
                "name": name,
                "slug": f"scale-program-{i + 1}",
                "summary": f"How {name} works with state and local partners.",
                "body": f"{name} helps partner agencies. " * 20,
                "lookup_keys": f" {name.lower()} ",
            }
        )
    copier.copy(cursor, rows)
    if categories:
        links = io.StringIO(
            "".join(
                f"{first + i}\t{run.random.choice(categories)}\n"
                for i in range(run.counts["programs"])
            )
        )
        table = Program.categories.through._meta.db_table
        cursor.copy_expert(f"COPY {table} (program_id, category_id) FROM STDIN", links)
    return f"{run.counts['programs']} programs"
