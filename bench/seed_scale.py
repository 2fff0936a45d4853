"""Fill a fresh, empty PostgreSQL database with production-like volumes for the benchmarks.

At `--scale 1` a million stakeholder requests and a million cyber reports with everything
that belongs to them (bench/seeding/ says what and how). It refuses SQLite and a database that
already has requests or reports. Configured like `manage.py`, by environment variables:

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/leacorner_scale \\
        .venv/bin/python bench/seed_scale.py [--scale 1] [--seed 2026]
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of the full volumes (default 1)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leacorner.settings")
    # The seeded certifications' codes are sealed with this key; bench/staff_at_scale.py reads
    # them with the same one.
    os.environ.setdefault("CERTIFICATION_CODE_KEY", "bench-only-certification-code-key-" + "x" * 30)
    import django

    django.setup()
    from seeding import SeedRefused, seed_scale

    try:
        seed_scale(scale=options.scale, seed=options.seed, log=lambda line: print(line, flush=True))
    except SeedRefused as refusal:
        raise SystemExit(f"seed_scale: {refusal}") from None
    return 0


if __name__ == "__main__":
    sys.exit(main())
