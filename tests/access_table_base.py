"""Outcomes, roles and shorthands of the access table (tests/access_table.py)."""

from accounts.roles import Role

OK, LOGIN, DENIED, NOT_FOUND, METHOD = "ok", "login", "denied", "not_found", "method"

ANONYMOUS, CLERK, SUPERUSER = "anonymous", "clerk", "superuser"
#: A clerk who signed up and confirmed the address, whom no supervisor has approved yet: in
#: no role (accounts.models.ClerkAccount), so "*" is their outcome unless a row names them.
WAITING_CLERK = "waiting clerk"
STAFF = [r.value for r in Role if r is not Role.CLERK]
ROLES = [ANONYMOUS, CLERK, WAITING_CLERK, *STAFF, SUPERUSER]


def everyone(outcome: str = OK) -> dict:
    return {"*": outcome}


def signed_in(outcome: str = OK) -> dict:
    return {ANONYMOUS: LOGIN, "*": outcome}


def only(*roles: Role, outcome: str = OK, others: str = DENIED) -> dict:
    table = {ANONYMOUS: LOGIN, "*": others, SUPERUSER: outcome}
    table.update({role.value: outcome for role in roles})
    return table


def admin_only(*roles: Role, outcome: str = OK) -> dict:
    """Admin pages: anonymous visitors are sent to sign in; clerks (signed in, not staff) and
    staff without the model's permission get 403."""
    table = {ANONYMOUS: LOGIN, CLERK: DENIED, "*": DENIED, SUPERUSER: outcome}
    table.update({role.value: outcome for role in roles})
    return table


ADMIN_STAFF = {ANONYMOUS: LOGIN, CLERK: DENIED, WAITING_CLERK: DENIED, "*": OK}

__all__ = [
    "OK",
    "LOGIN",
    "DENIED",
    "NOT_FOUND",
    "METHOD",
    "ANONYMOUS",
    "CLERK",
    "WAITING_CLERK",
    "SUPERUSER",
    "STAFF",
    "ROLES",
    "everyone",
    "signed_in",
    "only",
    "admin_only",
    "ADMIN_STAFF",
    "Role",
]
