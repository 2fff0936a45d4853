"""Access entries of this app's URLs, merged into tests/access_table.py (see its docstring)."""

from ..access_table_base import *  # noqa: F403

#: URL name → {"expect": {...}, "kwargs": {...}}.
ACCESS: dict[str, dict] = {
    # Reports are filed, never added or deleted through the admin; agencies are never deleted.
    "admin:cyber_reports_cyberincidentreport_add": {"expect": admin_only(outcome=DENIED)},  # noqa: F405
    "admin:cyber_reports_cyberincidentreport_delete": {
        "expect": admin_only(outcome=DENIED),  # noqa: F405
        "kwargs": {"object_id": "999999"},
    },
    "admin:cyber_reports_agency_delete": {
        "expect": admin_only(outcome=DENIED),  # noqa: F405
        "kwargs": {"object_id": "999999"},
    },
}


def url_kwargs() -> dict[str, dict]:
    """URL kwargs that need real objects (created here, in the test database), by URL name."""
    return {}
