from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import SecurityEvent


class Command(BaseCommand):
    help = "Delete security events older than SECURITY_EVENT_RETENTION (400 days; at least a year)."

    def handle(self, *args, **options) -> None:
        cutoff = timezone.now() - settings.SECURITY_EVENT_RETENTION
        deleted, _ = SecurityEvent.objects.filter(at__lt=cutoff).delete()
        self.stdout.write(f"deleted {deleted} security event(s) from before {cutoff:%Y-%m-%d}")
