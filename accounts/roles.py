"""The roles of the portal, as Django groups, and the permissions each one holds.

This table is the one place that says what a role may do in the admin. It is applied by the
data migration that creates the groups and again after every `migrate`, so a permission for a
model added later reaches its role as soon as that model's migration has run. Operators may add
permissions to a group by hand; syncing only adds, it never removes.
"""

from enum import StrEnum

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions


class Role(StrEnum):
    CLERK = "Clerk"
    ERO_REVIEWER = "ERO reviewer"
    ERO_SUPERVISOR = "ERO supervisor"
    DESK_CISA = "CISA desk"
    DESK_USSS = "USSS desk"
    DESK_HSI = "HSI desk"
    DESK_FBI = "FBI desk"
    CONTENT_EDITOR = "Content editor"


#: The desk role of each agency, by the agency's code.
DESK_ROLES: dict[str, Role] = {
    "CISA": Role.DESK_CISA,
    "USSS": Role.DESK_USSS,
    "HSI": Role.DESK_HSI,
    "FBI": Role.DESK_FBI,
}

#: Roles held only by staff accounts, which must use multi-factor authentication.
STAFF_ROLES: frozenset[Role] = frozenset(
    {Role.ERO_REVIEWER, Role.ERO_SUPERVISOR, Role.CONTENT_EDITOR, *DESK_ROLES.values()}
)

_CONTENT_MODELS = ("category", "program", "contact", "link", "fieldoffice", "coveragearea", "faq")

#: "app_label.codename" permissions of each role. Codenames of models that do not exist yet
#: are skipped until their app is migrated.
_REVIEW = [
    "stakeholder_forms.view_stakeholderrequest",
    "stakeholder_forms.review_stakeholderrequest",
    "stakeholder_forms.view_certification",
    "stakeholder_forms.revoke_certification",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.CLERK: [],
    Role.ERO_REVIEWER: _REVIEW,
    # A supervisor reviews too, and runs the queue: assigns and releases others' requests,
    # exports it, sets legal holds (stakeholder_forms.workflow.SUPERVISE_PERMISSION); approves
    # clerk accounts (accounts.models.APPROVE_CLERKS_PERMISSION) and keeps the list of agency
    # domains whose addresses are approved at once.
    Role.ERO_SUPERVISOR: [
        *_REVIEW,
        "stakeholder_forms.supervise_stakeholderrequest",
        "accounts.view_clerkaccount",
        "accounts.approve_clerkaccount",
        *(
            f"accounts.{action}_approvedagencydomain"
            for action in ("view", "add", "change", "delete")
        ),
    ],
    # Desks work their reports in their own pages (cyber-incidents/desk/), never in the admin,
    # whose lists would show every agency's reports.
    Role.DESK_CISA: [],
    Role.DESK_USSS: [],
    Role.DESK_HSI: [],
    Role.DESK_FBI: [],
    Role.CONTENT_EDITOR: [
        f"programs.{action}_{model}"
        for model in _CONTENT_MODELS
        for action in ("view", "add", "change", "delete")
    ],
}


def create_role_groups(apps=global_apps) -> None:
    """Create every role group that does not exist yet (used by the data migration)."""
    group_model = apps.get_model("auth", "Group")
    for role in Role:
        group_model.objects.get_or_create(name=role.value)


def sync_roles() -> None:
    """Create every role group and grant it the permissions of the table that exist."""
    group_model = global_apps.get_model("auth", "Group")
    permission_model = global_apps.get_model("auth", "Permission")
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    for role, wanted in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=role.value)
        by_app: dict[str, list[str]] = {}
        for dotted in wanted:
            app_label, codename = dotted.split(".", 1)
            by_app.setdefault(app_label, []).append(codename)
        for app_label, codenames in by_app.items():
            permissions = permission_model.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            group.permissions.add(*permissions)


def sync_roles_after_migrate(sender, **kwargs) -> None:
    # post_migrate fires once per app; answering the accounts app's signal is enough, since
    # sync_roles creates the permissions of every app itself before granting them.
    if sender.name == "accounts":
        sync_roles()
