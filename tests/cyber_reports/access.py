"""Access entries of this app's URLs, merged into tests/access_table.py (see its docstring)."""

from ..access_table_base import *  # noqa: F403

#: URL name → {"expect": {...}, "kwargs": {...}}.
ACCESS: dict[str, dict] = {}


def url_kwargs() -> dict[str, dict]:
    """URL kwargs that need real objects (created here, in the test database), by URL name."""
    return {}
