from django.core.management.base import BaseCommand

from stakeholder_forms.review_digest import send_review_digest


class Command(BaseCommand):
    help = (
        "E-mail each ERO reviewer their overdue requests and those answered since the last "
        "digest, and supervisors the requests unassigned past "
        "STAKEHOLDER_UNASSIGNED_ALERT_DAYS working days. Once a day: run it from cron; a "
        "second run on the same day sends nothing."
    )

    def handle(self, *args, **options) -> None:
        sent = send_review_digest()
        if sent is None:
            self.stdout.write("today's review digest was sent already; nothing sent")
        else:
            self.stdout.write(f"queued the review digest for {sent} reviewer(s)")
