from django.core.management.base import BaseCommand
from django.db import transaction

from leacorner.mail import retry_undelivered


class Command(BaseCommand):
    help = "Queue every e-mail that has not been sent yet again, e.g. after a mail-server outage."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            count = retry_undelivered()
        self.stdout.write(f"queued {count} undelivered message(s) again")
