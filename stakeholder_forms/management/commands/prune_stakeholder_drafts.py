from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from stakeholder_forms.models import RequestDraft


class Command(BaseCommand):
    help = (
        "Delete request drafts (and their attached files) untouched for "
        "STAKEHOLDER_DRAFT_RETENTION_DAYS (90 by default). Run daily from cron."
    )

    def handle(self, *args, **options) -> None:
        cutoff = timezone.now() - timedelta(days=settings.STAKEHOLDER_DRAFT_RETENTION_DAYS)
        deleted = 0
        for draft in RequestDraft.objects.filter(updated_at__lt=cutoff).iterator():
            if draft.document:
                draft.document.delete(save=False)
            draft.delete()
            deleted += 1
        self.stdout.write(f"deleted {deleted} draft(s) untouched since {cutoff:%Y-%m-%d}")
