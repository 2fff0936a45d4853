"""Access entries of the accounts app's own URLs, merged into tests/access_table.py.

A clerk's account page is the clerk's own, waiting or approved; other accounts have none (404).
The clerk-account queue is the ERO supervisors' (and superusers'): read-only pages with the
decisions as buttons; the agency domain list they edit."""

from ..access_table_base import (
    ANONYMOUS,
    CLERK,
    DENIED,
    LOGIN,
    NOT_FOUND,
    OK,
    WAITING_CLERK,
    Role,
    admin_only,
)

SUPERVISOR = Role.ERO_SUPERVISOR
# A decision on an account that does not exist: supervisors pass the check, then find nothing.
DECISION_ON_NOBODY = admin_only(SUPERVISOR, outcome=NOT_FOUND)

ACCESS: dict[str, dict] = {
    "clerk_account_status": {
        "expect": {ANONYMOUS: LOGIN, CLERK: OK, WAITING_CLERK: OK, "*": NOT_FOUND}
    },
    "admin:accounts_clerkaccount_approve": {
        "expect": DECISION_ON_NOBODY,
        "kwargs": {"object_id": 999999},
    },
    "admin:accounts_clerkaccount_refuse": {
        "expect": DECISION_ON_NOBODY,
        "kwargs": {"object_id": 999999},
    },
    # The admin answers a missing object's history with a redirect before it looks at
    # permissions (as in access_table.py): every staff member gets it, nothing is shown.
    "admin:accounts_*_history": {
        "expect": {ANONYMOUS: LOGIN, CLERK: DENIED, WAITING_CLERK: DENIED, "*": OK},
        "kwargs": {"object_id": 999999},
    },
    "admin:accounts_clerkaccount_add": {"expect": admin_only(outcome=DENIED)},
    "admin:accounts_clerkaccount_delete": {
        "expect": admin_only(outcome=DENIED),
        "kwargs": {"object_id": 999999},
    },
    "admin:accounts_clerkaccount_*": {
        "expect": admin_only(SUPERVISOR),
        "kwargs": {"object_id": 999999},
    },
    "admin:accounts_approvedagencydomain_*": {
        "expect": admin_only(SUPERVISOR),
        "kwargs": {"object_id": 999999},
    },
}
