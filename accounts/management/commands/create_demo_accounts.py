import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import ClerkAccount, User
from accounts.roles import STAFF_ROLES, Role

DEMO_DOMAIN = "demo.leacorner.example"


def demo_email(role: Role | None) -> str:
    local = "admin" if role is None else role.value.lower().replace(" ", "-")
    return f"{local}@{DEMO_DOMAIN}"


class Command(BaseCommand):
    help = (
        "Create (or reset) one demo account per role with a fresh password, printed once. "
        "Refuses to run unless DEBUG is on."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only created when DEBUG is on.")
        password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
        self.stdout.write(f"Demo accounts (password for all: {password})")
        for role in [*Role, None]:
            email = demo_email(role)
            user, _created = User.objects.get_or_create(email=email)
            user.full_name = f"Demo {role.value if role else 'administrator'}"
            user.is_staff = role is None or role in STAFF_ROLES
            user.is_superuser = role is None
            user.is_active = True
            user.set_password(password)
            user.save()
            if role is not None:
                user.groups.set([Group.objects.get(name=role.value)])
            if role is Role.CLERK:
                # A demo clerk is one a supervisor has approved already.
                ClerkAccount.objects.update_or_create(
                    user=user,
                    defaults={
                        "title": "Deputy clerk",
                        "agency_name": "Demo County Court",
                        "agency_ori": "VA0070000",
                        "status": ClerkAccount.Status.APPROVED,
                        "requested_at": timezone.now(),
                        "decided_at": timezone.now(),
                    },
                )
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            # Staff enrol two-factor only through a link (accounts.enrolment), never with the
            # password alone, demo accounts too.
            mfa_note = (
                f" (two-factor link: manage.py send_mfa_enrolment_link {email} --print)"
                if user.is_staff
                else ""
            )
            self.stdout.write(f"  {role.value if role else 'Superuser':16} {email}{mfa_note}")
