"""Who may open each URL of the project: the explicit table that tests/test_access.py walks.

Keys are URL names ("namespace:name"), or "route:<route>" for unnamed patterns; a key may be
a shell-style glob ("admin:programs_*"). The first exact key wins, then the first glob in
table order. Every URL pattern of the project must match a key: a new URL without an entry
fails the test until someone decides who may see it.

Values map a role to the outcome of a GET: OK (2xx, or a redirect that is not to sign-in),
LOGIN (redirect to sign-in), DENIED (403), NOT_FOUND (404) or METHOD (405: the role passed
the access check of a POST-only view). "*" is the outcome of every role not named.
"""

from .access_table_base import (
    ADMIN_STAFF,
    ANONYMOUS,
    CLERK,
    DENIED,
    LOGIN,
    METHOD,
    NOT_FOUND,
    OK,
    SUPERUSER,
    WAITING_CLERK,
    Role,
    admin_only,
    everyone,
    signed_in,
)
from .accounts import access as accounts_access
from .cyber_reports import access as cyber_access
from .programs import access as programs_access
from .stakeholder_forms import access as stakeholder_access

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
    # The portal's own account pages (accounts/urls.py): an unknown enrolment link is 404.
    "staff_mfa_enrolment": {"expect": signed_in(NOT_FOUND), "kwargs": {"token": "not-a-token"}},
    "mfa_continue": {"expect": signed_in()},
    "mfa_authenticate": {"expect": signed_in()},
    "mfa_reauthenticate": {"expect": signed_in()},
    "mfa_activate_totp": {"expect": signed_in()},
    # Clerks in the walk have no TOTP device; staff do, but no recovery codes yet.
    "mfa_deactivate_totp": {
        "expect": {ANONYMOUS: LOGIN, CLERK: NOT_FOUND, WAITING_CLERK: NOT_FOUND, "*": OK}
    },
    "mfa_view_recovery_codes": {"expect": signed_in(NOT_FOUND)},
    "mfa_generate_recovery_codes": {"expect": signed_in()},
    "mfa_download_recovery_codes": {"expect": signed_in(NOT_FOUND)},
    # Admin: the site itself.
    "admin:index": {"expect": ADMIN_STAFF},
    "admin:login": {"expect": {CLERK: DENIED, WAITING_CLERK: DENIED, "*": LOGIN}},
    "admin:logout": {"expect": {ANONYMOUS: OK, CLERK: DENIED, WAITING_CLERK: DENIED, "*": METHOD}},
    "admin:password_change": {"expect": ADMIN_STAFF},
    "admin:password_change_done": {"expect": ADMIN_STAFF},
    "admin:autocomplete": {"expect": {ANONYMOUS: LOGIN, CLERK: DENIED, "*": DENIED}},
    "admin:jsi18n": {"expect": ADMIN_STAFF},
    "admin:view_on_site": {
        "expect": {ANONYMOUS: LOGIN, CLERK: DENIED, WAITING_CLERK: DENIED, "*": NOT_FOUND},
        "kwargs": {"content_type_id": 999999, "object_id": "1"},
    },
    "route:admin/(?P<url>.*)$": {
        "expect": {ANONYMOUS: LOGIN, CLERK: DENIED, WAITING_CLERK: DENIED, "*": NOT_FOUND},
        "kwargs": {"url": "no-such-page/"},
    },
    # The apps' own URLs, and their admin pages where they differ from the globs below.
    **accounts_access.ACCESS,
    **programs_access.ACCESS,
    **stakeholder_access.ACCESS,
    **cyber_access.ACCESS,
    # Admin: per-model pages. Superusers only, unless a role's permissions say otherwise.
    "admin:app_list": {
        "expect": {
            ANONYMOUS: LOGIN,
            CLERK: DENIED,
            WAITING_CLERK: DENIED,
            "*": NOT_FOUND,
            # ERO supervisors see the accounts app's clerk accounts and agency domains.
            Role.ERO_SUPERVISOR.value: OK,
            SUPERUSER: OK,
        },
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
    # Legal holds: superusers read every hold; holds are placed on the records' own pages.
    "admin:leacorner_legalhold_add": {"expect": admin_only(outcome=DENIED)},
    "admin:leacorner_legalhold_delete": {
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


def url_kwargs() -> dict[str, dict]:
    """Every app's URL kwargs that need real objects; call inside a test with the database."""
    return {
        **programs_access.url_kwargs(),
        **stakeholder_access.url_kwargs(),
        **cyber_access.url_kwargs(),
    }
