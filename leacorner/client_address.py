"""The network address of the client behind a request, as the portal's own proxies saw it.

Every proxy in front of gunicorn appends the address it received the connection from to
`X-Forwarded-For`. A client may send that header already filled with anything it likes, so
only the entries the portal's proxies wrote can be believed: with `TRUSTED_PROXY_COUNT = N`,
the N-th entry from the right is the one the outermost proxy wrote, the client's address as
the internet delivered it; everything to its left came from the client.

The rate limits (anonymous cyber reports, `/verify/`, allauth's failed sign-ins), the lockout
log of django-axes (`AXES_CLIENT_IP_CALLABLE`), the audit log and the stored source address of
a cyber report all read the address here, so they always agree.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address in canonical form, or None when there is no valid one.

    With no trusted proxy (`TRUSTED_PROXY_COUNT = 0`, the default) this is `REMOTE_ADDR` and
    `X-Forwarded-For` is ignored. Otherwise it is the N-th entry from the right of
    `X-Forwarded-For`; `REMOTE_ADDR` is the fallback when the header has fewer entries than
    there are proxies (the request did not pass through all of them) or that entry is not an
    IP address. The result is always a valid IP address or None, never an exception.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(entries) >= count:
            address = _valid_address(entries[-count])
            if address is not None:
                return address
    return _valid_address(request.META.get("REMOTE_ADDR", ""))


def client_network(request: HttpRequest) -> str | None:
    """The client as one node: its IPv4 address, or the /64 network of its IPv6 address
    (`RATELIMIT_IPV6_MASK`, the grouping of every rate limit), as a network address; None
    without a valid address. An IPv6 client is given a whole /64 and may pick any address in
    it, so a lockout per address must be a lockout per network."""
    address = client_address(request)
    if address is None or ":" not in address:
        return address
    mask = settings.RATELIMIT_IPV6_MASK
    return str(ipaddress.ip_network(f"{address}/{mask}", strict=False).network_address)


def _valid_address(value: str) -> str | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # A zone index ("fe80::1%eth0") names an interface of the proxy, not a client, and does
    # not fit the database's address columns.
    if getattr(address, "scope_id", None):
        return None
    return str(address)
