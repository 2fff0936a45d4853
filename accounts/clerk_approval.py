"""A clerk's account enters the supervisors' queue when its address is confirmed.

Not earlier: an address nobody has proven could be anyone's, so an unconfirmed account is not
shown to the supervisors (nor announced to them), and the agency domain list is applied to a
proven address only. The sign-up address is the one that counts; an address added later does
not change the account's approval.
"""

from allauth.account import signals as account_signals
from django.http import HttpRequest

from .models import ApprovedAgencyDomain, ClerkAccount, ClerkStatus


def address_confirmed(account: ClerkAccount, *, email: str, request: HttpRequest | None) -> None:
    """Move `account` on once `email`, its sign-up address, is confirmed: approved at once when
    a listed agency domain covers the address, otherwise waiting for a supervisor."""
    listed = ApprovedAgencyDomain.objects.covering(email)
    account.confirm(
        by=account.user, approved_domain=listed.domain if listed else "", request=request
    )


def _on_email_confirmed(sender, request=None, email_address=None, **kwargs) -> None:
    if email_address is None:
        return
    account = (
        ClerkAccount.objects.select_related("user")
        .filter(user_id=email_address.user_id, status=ClerkStatus.UNCONFIRMED)
        .first()
    )
    if account is None or account.user.email.lower() != email_address.email.lower():
        return
    address_confirmed(account, email=email_address.email, request=request)


def connect() -> None:
    account_signals.email_confirmed.connect(
        _on_email_confirmed, dispatch_uid="clerk_approval.email_confirmed"
    )
