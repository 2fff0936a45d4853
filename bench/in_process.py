"""The environment of the benchmarks that render pages in process against the million-row
database of bench/seed_scale.py (staff_at_scale.py, dashboards.py): production settings, DEBUG
off, the seeder's certification key. Each value may be overridden from the environment."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def use_production_settings() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/leacorner_scale")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leacorner.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    # The key bench/seed_scale.py sealed the seeded certifications' codes with.
    os.environ.setdefault("CERTIFICATION_CODE_KEY", "bench-only-certification-code-key-" + "x" * 30)
    os.environ.setdefault("EMAIL_HOST", "127.0.0.1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    # Production serves hashed static names from collectstatic's manifest; kept between runs.
    os.environ.setdefault("STATIC_ROOT", str(ROOT / "var" / "bench-static"))
