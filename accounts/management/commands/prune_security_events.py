from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Delete security events older than SECURITY_EVENT_RETENTION (400 days; at least a "
        "year): `apply_retention --kind security_events`, kept for existing cron lines."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool, **options) -> None:
        call_command(
            "apply_retention", kinds=["security_events"], dry_run=dry_run, stdout=self.stdout
        )
