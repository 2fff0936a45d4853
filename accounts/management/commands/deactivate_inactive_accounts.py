from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from accounts.audit import record
from accounts.models import SecurityEvent, User


class Command(BaseCommand):
    help = (
        "Deactivate accounts unused for ACCOUNT_INACTIVITY_LIMIT (90 days): no sign-in since, "
        "or never signed in and created before then. Run it daily."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List, change nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        cutoff = timezone.now() - settings.ACCOUNT_INACTIVITY_LIMIT
        stale = User.objects.filter(is_active=True, is_superuser=False).filter(
            Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
        )
        count = 0
        for user in stale.iterator():
            count += 1
            if dry_run:
                self.stdout.write(f"would deactivate {user.email}")
                continue
            User.objects.filter(pk=user.pk).update(is_active=False)
            record(
                SecurityEvent.Kind.ACCOUNT_DEACTIVATED,
                user=user,
                detail=f"unused since {user.last_login or user.date_joined:%Y-%m-%d}",
            )
        verb = "would deactivate" if dry_run else "deactivated"
        self.stdout.write(f"{verb} {count} account(s) unused since {cutoff:%Y-%m-%d}")
