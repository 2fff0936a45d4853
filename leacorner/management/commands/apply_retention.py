from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from leacorner import retention


class Command(BaseCommand):
    help = (
        "Dispose of the records past their retention period and not on legal hold: delete or "
        "anonymise them and delete their files (docs/operations.md, 'Retention'). Run daily "
        "from cron; --dry-run lists what would be done without changing anything."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be done; change nothing."
        )
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            metavar="KIND",
            help="Only this kind (repeat for several): "
            + ", ".join(rule.kind for rule in retention.rules()),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=settings.RETENTION_BATCH_SIZE,
            help="Rows per transaction (RETENTION_BATCH_SIZE, 500 by default).",
        )

    def handle(self, *args, dry_run: bool, kinds, batch_size: int, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        try:
            retention.apply(
                kinds=kinds,
                dry_run=dry_run,
                batch_size=batch_size,
                report=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
