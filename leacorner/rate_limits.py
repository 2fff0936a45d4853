"""Every rate limit of the portal, counted one way: django-ratelimit's atomic counters.

A limit is a `RateLimit` naming the settings of its count and its window. `consume()` counts one
attempt and says whether it is still within the limit, in one atomic step of the cache (`add`,
then `incr`): however many requests arrive at once, exactly `limit` of them are admitted in a
window, never more. A view asks *before* it acts and acts only on an admitted attempt; checking
first and counting afterwards (as the cyber-report form once did) let 6 of 12 simultaneous
posts through a limit of 5.

Clients are told apart by `leacorner.client_address` (the address the portal's own proxies saw),
IPv6 addresses grouped by /64 (`RATELIMIT_IPV6_MASK`): one household or office network is given
a whole /64, so a client rotating through it is still one client. A request without a valid
address is counted with every other such request, under the unspecified address. A limit may
instead count per something else the caller names (`consume(request, key=...)`: an account, a
recipient, one report), for what no single address should decide, such as guesses spread over
many or the receipts sent to one address; the cache only ever sees a hash of the key. One
request may count several attempts at once (`amount=`: a post with five files): each is counted
atomically, and the request is admitted only if the last one is within the limit, so two
requests racing for the last places can never be admitted beyond it.

Why django-ratelimit: its counters are atomic on every shared cache Django ships (Redis,
memcached) and in local memory, it masks IPv6 networks, and it takes our address function.
allauth's own helper keeps a list of attempts that it reads and writes back, which over-admits
under concurrency; allauth's limits on its own forms (failed sign-ins, e-mail confirmations)
stay allauth's, keyed on the same address through `accounts.adapter`.

Windows are fixed, not sliding (each key's window starts at its own offset): in the worst case
twice the limit gets through across the edge of two windows, which these limits, against floods
rather than single guesses, tolerate. The counts live in the cache: with several web processes
the cache must be shared (Redis, `REDIS_URL`), or each process counts on its own.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from .client_address import client_address


def limited_address(request: HttpRequest) -> str:
    """The address a limit counts a request under (django-ratelimit's RATELIMIT_IP_META_KEY)."""
    return client_address(request) or "0.0.0.0"  # noqa: S104 - a bucket name, not a bind


@dataclass(frozen=True)
class Verdict:
    """The outcome of one attempt: admitted or not, and when the window ends."""

    allowed: bool
    count: int
    limit: int
    retry_after: timedelta


@dataclass(frozen=True)
class RateLimit:
    """At most the setting `count_setting` attempts per client in the setting `window_setting`
    (a timedelta); read when counting, so a change of settings applies at once."""

    name: str
    count_setting: str
    window_setting: str

    @property
    def limit(self) -> int:
        return getattr(settings, self.count_setting)

    @property
    def window(self) -> timedelta:
        return getattr(settings, self.window_setting)

    def consume(self, request: HttpRequest, *, key: str | None = None, amount: int = 1) -> Verdict:
        """Count `amount` attempts of the client (or of `key`); allowed while the count is
        within the limit. `amount=0` counts nothing and answers as `peek()` would."""
        if amount <= 0:
            return self.peek(request, key=key)
        for _attempt in range(amount):
            verdict = self._usage(request, key=key, increment=True)
        return verdict

    def peek(self, request: HttpRequest, *, key: str | None = None) -> Verdict:
        """Whether the client's (or `key`'s) next attempt would still be allowed, counting
        nothing."""
        verdict = self._usage(request, key=key, increment=False)
        return Verdict(
            allowed=verdict.count < verdict.limit,
            count=verdict.count,
            limit=verdict.limit,
            retry_after=verdict.retry_after,
        )

    def _usage(self, request: HttpRequest, *, key: str | None, increment: bool) -> Verdict:
        window = max(int(self.window.total_seconds()), 1)
        # django-ratelimit hashes the value into the cache key, so no address or e-mail is
        # stored in the cache as it is.
        counted_as = "ip" if key is None else (lambda group, request: f"key:{key}")
        usage = get_usage(
            request,
            group=self.name,
            key=counted_as,
            rate=(self.limit, window),
            increment=increment,
        )
        return Verdict(
            allowed=not usage["should_limit"],
            count=usage["count"],
            limit=usage["limit"],
            retry_after=timedelta(seconds=max(usage["time_left"], 0)),
        )


#: Checks of a certification number and code on the public /verify/ page, every attempt counted.
CERTIFICATE_CHECKS = RateLimit(
    "stakeholder-verify", "STAKEHOLDER_VERIFY_LIMIT", "STAKEHOLDER_VERIFY_WINDOW"
)
#: Cyber-incident reports filed without signing in, counted when a valid report is filed.
ANONYMOUS_REPORTS = RateLimit(
    "cyber-anonymous-report", "CYBER_REPORTS_ANONYMOUS_LIMIT", "CYBER_REPORTS_ANONYMOUS_WINDOW"
)
#: Failed sign-ins per account from all addresses together (`key`: the account), the
#: slow-down of guessing spread over many addresses (accounts.lockout).
SIGN_IN_FAILURES = RateLimit(
    "sign-in-failures-per-account", "SIGN_IN_ACCOUNT_LIMIT", "SIGN_IN_ACCOUNT_WINDOW"
)
#: E-mails about failed sign-ins per account (`key`), so an alert is no mail bomb.
SIGN_IN_ALERTS = RateLimit("sign-in-alerts", "SIGN_IN_ALERT_LIMIT", "SIGN_IN_ALERT_WINDOW")
#: Account e-mails (sign-up, password reset, a new address) a client may ask for.
ACCOUNT_EMAILS = RateLimit("account-emails", "ACCOUNT_EMAIL_LIMIT", "ACCOUNT_EMAIL_WINDOW")
#: Account e-mails one address may be sent (`key`: the recipient), whoever asks for them.
ACCOUNT_EMAILS_TO = RateLimit(
    "account-emails-to", "ACCOUNT_EMAIL_RECIPIENT_LIMIT", "ACCOUNT_EMAIL_WINDOW"
)
#: Receipts e-mailed to one reporter's address (`key`: the address), whoever files, signed in
#: or not: a form that mails any address it is given must not become a way to flood one.
RECEIPTS = RateLimit("cyber-receipt", "CYBER_REPORTS_RECEIPT_LIMIT", "CYBER_REPORTS_RECEIPT_WINDOW")
#: Updates added to one report through its private link (`key`: the report), each of which
#: mails every desk of the report.
REPORT_UPDATES = RateLimit(
    "cyber-report-update", "CYBER_REPORTS_UPDATE_LIMIT", "CYBER_REPORTS_UPDATE_WINDOW"
)
#: Files attached to one report through its private link (`key`: the report; one per file).
REPORT_UPDATE_FILES = RateLimit(
    "cyber-report-update-file", "CYBER_REPORTS_UPDATE_FILE_LIMIT", "CYBER_REPORTS_UPDATE_WINDOW"
)
#: Notices to the ERO supervisors that a clerk account waits (`key`: one for all sign-ups), so
#: a run of sign-ups from many networks does not bury the supervisors in mail.
CLERK_WAITING_NOTICES = RateLimit(
    "clerk-waiting-notice", "CLERK_WAITING_NOTICE_LIMIT", "CLERK_WAITING_NOTICE_WINDOW"
)
