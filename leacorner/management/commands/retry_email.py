from django.core.management.base import BaseCommand
from django.db import transaction

from leacorner.mail import recover_lost_deliveries, retry_undelivered


class Command(BaseCommand):
    help = (
        "Queue every e-mail that has not been sent yet again, e.g. after a mail-server outage; "
        "with --lost, only those whose delivery task died with its worker (run it from cron)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--lost",
            action="store_true",
            help="Only messages whose delivery task has been running longer than "
            "EMAIL_DELIVERY_LEASE_SECONDS or is gone (a worker killed while sending).",
        )

    def handle(self, *args, lost: bool, **options) -> None:
        with transaction.atomic():
            count = recover_lost_deliveries() if lost else retry_undelivered()
        what = "lost" if lost else "undelivered"
        self.stdout.write(f"queued {count} {what} message(s) again")
