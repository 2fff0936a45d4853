from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Delete request drafts (and their files) untouched for STAKEHOLDER_DRAFT_RETENTION_DAYS "
        "(90 by default): `apply_retention --kind stakeholder_drafts`, kept for existing cron "
        "lines."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool, **options) -> None:
        call_command(
            "apply_retention", kinds=["stakeholder_drafts"], dry_run=dry_run, stdout=self.stdout
        )
