"""E-mails about clerk accounts, each queued in the transaction of the change it reports
(leacorner.mail): the supervisors are told a clerk waits, the clerk is told the decision.

The supervisors' notice goes to every active holder of the approval permission through a
group or their own permissions (superusers are operators, not the queue's workers, and are
not written to). A run of sign-ups must not bury the supervisors in mail, so at most
CLERK_WAITING_NOTICE_LIMIT notices go out per CLERK_WAITING_NOTICE_WINDOW, all sign-ups
together; each one says how many accounts wait, so the next notice, or the queue itself,
covers those that were not announced."""

import logging

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse

from leacorner.mail import queue_email
from leacorner.rate_limits import CLERK_WAITING_NOTICES

from .models import APPROVE_CLERKS_PERMISSION, ClerkAccount, User

logger = logging.getLogger(__name__)


def supervisors() -> list[User]:
    """The active accounts that approve clerks (group or own permission), by address."""
    app_label, codename = APPROVE_CLERKS_PERMISSION.split(".")
    holds = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return list(User.objects.filter(holds, is_active=True).distinct().order_by("email"))


def clerk_waiting(account: ClerkAccount, *, request: HttpRequest | None = None) -> None:
    if request is not None and not CLERK_WAITING_NOTICES.consume(request, key="all").allowed:
        logger.warning("clerk-waiting notice not sent: over the limit; the queue shows it")
        return
    context = {
        "account": account,
        "waiting": ClerkAccount.objects.waiting().count(),
        "account_path": reverse("admin:accounts_clerkaccount_change", args=[account.pk]),
        "queue_path": reverse("admin:accounts_clerkaccount_changelist"),
    }
    for supervisor in supervisors():
        if supervisor.pk == account.user_id:
            continue
        queue_email(
            to=supervisor.email,
            template="accounts/email/clerk_waiting",
            context={**context, "supervisor": supervisor},
            kind="clerk_waiting",
            about=account,
        )


def _to_clerk(account: ClerkAccount, *, kind: str) -> None:
    queue_email(
        to=account.user.email,
        template=f"accounts/email/{kind}",
        context={
            "account": account,
            "status_path": reverse("clerk_account_status"),
            "requests_path": reverse("stakeholder_forms:request_list"),
        },
        kind=kind,
        about=account,
    )


def clerk_approved(account: ClerkAccount) -> None:
    _to_clerk(account, kind="clerk_approved")


def clerk_refused(account: ClerkAccount) -> None:
    _to_clerk(account, kind="clerk_refused")
