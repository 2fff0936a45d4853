"""Who may open each URL of the project: the explicit table that tests/test_access.py walks.

Keys are URL names ("namespace:name"), or "route:<route>" for unnamed patterns; a key may be
a shell-style glob ("admin:programs_*"). The first exact key wins, then the first glob in
table order. Every URL pattern of the project must match a key: a new URL without an entry
fails the test until someone decides who may see it.

Values map a role to the outcome of a GET: OK (2xx, or a redirect that is not to sign-in),
LOGIN (redirect to sign-in), DENIED (403), NOT_FOUND (404) or METHOD (405: the role passed
the access check of a POST-only view). "*" is the outcome of every role not named.
"""

from accounts.roles import Role

OK, LOGIN, DENIED, NOT_FOUND, METHOD = "ok", "login", "denied", "not_found", "method"

ANONYMOUS, CLERK, SUPERUSER = "anonymous", "clerk", "superuser"
STAFF = [r.value for r in Role if r is not Role.CLERK]
ROLES = [ANONYMOUS, CLERK, *STAFF, SUPERUSER]


def everyone(outcome: str = OK) -> dict:
    return {"*": outcome}


def signed_in(outcome: str = OK) -> dict:
    return {ANONYMOUS: LOGIN, "*": outcome}


def only(*roles: Role, outcome: str = OK, others: str = DENIED) -> dict:
    table = {ANONYMOUS: LOGIN, "*": others, SUPERUSER: outcome}
    table.update({role.value: outcome for role in roles})
    return table


def admin_only(*roles: Role, outcome: str = OK) -> dict:
    """Admin pages: anonymous visitors and clerks are sent to sign in; staff without the
    model's permission get 403."""
    table = {ANONYMOUS: LOGIN, CLERK: LOGIN, "*": DENIED, SUPERUSER: outcome}
    table.update({role.value: outcome for role in roles})
    return table


ADMIN_STAFF = {ANONYMOUS: LOGIN, CLERK: LOGIN, "*": OK}

#: URL name → {"expect": {...}, "kwargs": {...}}; kwargs fill the URL's parameters.
ACCESS_TABLE: dict[str, dict] = {
    # Site
    "home": {"expect": everyone()},
    "healthz": {"expect": everyone()},
    # Accounts (allauth): sign-in pages are public; account pages need a signed-in user.
    "account_login": {"expect": everyone()},
    "account_logout": {"expect": everyone()},
    "account_inactive": {"expect": everyone()},
    "account_signup": {"expect": everyone()},
    "account_reauthenticate": {"expect": signed_in()},
    "account_request_reauthentication_code": {"expect": signed_in()},
    "account_confirm_reauthentication_code": {"expect": signed_in()},
    "account_email": {"expect": signed_in()},
    "account_email_verification_sent": {"expect": everyone()},
    "account_change_password": {"expect": signed_in()},
    "account_set_password": {"expect": signed_in()},
    "account_reset_password": {"expect": everyone()},
    "account_confirm_login_code": {"expect": signed_in()},
    "account_confirm_email": {"expect": everyone(), "kwargs": {"key": "not-a-real-key"}},
    "account_reset_password_from_key_done": {"expect": everyone()},
    "account_reset_password_from_key": {
        "expect": everyone(),
        "kwargs": {"uidb36": "zz", "key": "not-a-real-key"},
    },
    "account_reset_password_done": {"expect": everyone()},
    "mfa_index": {"expect": signed_in()},
    "mfa_authenticate": {"expect": signed_in()},
    "mfa_reauthenticate": {"expect": signed_in()},
    "mfa_activate_totp": {"expect": signed_in()},
    # Clerks in the walk have no TOTP device; staff do, but no recovery codes yet.
    "mfa_deactivate_totp": {"expect": {ANONYMOUS: LOGIN, CLERK: NOT_FOUND, "*": OK}},
    "mfa_view_recovery_codes": {"expect": signed_in(NOT_FOUND)},
    "mfa_generate_recovery_codes": {"expect": signed_in()},
    "mfa_download_recovery_codes": {"expect": signed_in(NOT_FOUND)},
    # Admin: the site itself.
    "admin:index": {"expect": ADMIN_STAFF},
    "admin:login": {"expect": everyone(LOGIN)},
    "admin:logout": {"expect": {ANONYMOUS: OK, CLERK: OK, "*": METHOD}},
    "admin:password_change": {"expect": ADMIN_STAFF},
    "admin:password_change_done": {"expect": ADMIN_STAFF},
    "admin:autocomplete": {"expect": {ANONYMOUS: LOGIN, CLERK: LOGIN, "*": DENIED}},
    "admin:jsi18n": {"expect": ADMIN_STAFF},
    "admin:view_on_site": {
        "expect": {ANONYMOUS: LOGIN, CLERK: LOGIN, "*": NOT_FOUND},
        "kwargs": {"content_type_id": 999999, "object_id": "1"},
    },
    "route:admin/(?P<url>.*)$": {
        "expect": {ANONYMOUS: LOGIN, CLERK: LOGIN, "*": NOT_FOUND},
        "kwargs": {"url": "no-such-page/"},
    },
    # Admin: per-model pages. Superusers only, unless a role's permissions say otherwise.
    "admin:app_list": {
        "expect": {ANONYMOUS: LOGIN, CLERK: LOGIN, "*": NOT_FOUND, SUPERUSER: OK},
        "kwargs": {"app_label": "accounts"},
    },
    # Read-only logs: nobody adds or deletes rows through the admin.
    "admin:accounts_securityevent_add": {"expect": admin_only(outcome=DENIED)},
    "admin:accounts_securityevent_delete": {
        "expect": admin_only(outcome=DENIED),
        "kwargs": {"object_id": "999999"},
    },
    "admin:leacorner_outgoingemail_add": {"expect": admin_only(outcome=DENIED)},
    "admin:leacorner_outgoingemail_delete": {
        "expect": admin_only(outcome=DENIED),
        "kwargs": {"object_id": "999999"},
    },
    "admin:axes_*_add": {"expect": admin_only(outcome=DENIED)},
    "admin:django_tasks_database_dbtaskresult_add": {"expect": admin_only(outcome=DENIED)},
    "admin:django_tasks_database_dbtaskresult_delete": {
        "expect": admin_only(outcome=DENIED),
        "kwargs": {"object_id": "999999"},
    },
    # The admin answers a missing object's history, and the bare object URL, with a redirect
    # before it looks at permissions; nothing of any record is shown.
    "admin:*_history": {"expect": ADMIN_STAFF, "kwargs": {"object_id": "999999"}},
    "admin:*_add": {"expect": admin_only()},
    "admin:auth_user_password_change": {
        "expect": admin_only(outcome=NOT_FOUND),
        "kwargs": {"id": "999999"},
    },
    "admin:*": {"expect": admin_only(), "kwargs": {"object_id": "999999"}},
    "route:admin/*": {"expect": ADMIN_STAFF, "kwargs": {"object_id": "999999"}},
}
