from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and security"

    def ready(self) -> None:
        from . import audit, clerk_approval, enrolment, lockout, retention, roles

        audit.connect()
        clerk_approval.connect()
        retention.register()
        enrolment.connect()
        lockout.connect()
        # Permissions only exist after post_migrate, so the role table is applied then too.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
