from django.core.management.base import BaseCommand, CommandError

from accounts.enrolment import issue_link
from accounts.models import User


class Command(BaseCommand):
    help = (
        "E-mail a staff account a single-use link to set up two-factor authentication (valid "
        "STAFF_MFA_LINK_HOURS; a new link voids the old). For the first superuser, who has no "
        "administrator to send one from the admin. --print also prints the link, for an "
        "operator on the server when mail is not set up yet."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="The staff account's e-mail address.")
        parser.add_argument("--print", action="store_true", help="Print the link as well.")

    def handle(self, *args, email: str, **options) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the e-mail address {email}.")
        try:
            url = issue_link(user, issued_by="manage.py send_mfa_enrolment_link")
        except ValueError as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(f"Sent {user.email} a two-factor enrolment link.")
        if options["print"]:
            self.stdout.write(url)
