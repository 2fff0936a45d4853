"""Network indicators as a reporter types them, parsed into unsaved `NetworkIndicator` rows:
IP addresses, address:port pairs and bare ports (one per line, or separated by commas), and
URLs (one per line).

Defanged forms (203.0.113[.]5, hxxps://bad[.]example) are accepted; every bad line is named in
the one error raised, so the reporter can mend them all at once.
"""

import ipaddress
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from .models import NetworkIndicator

MAX_INDICATORS = 200

_V4_WITH_PORT = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$")
_V6_WITH_PORT = re.compile(r"^\[([0-9A-Fa-f:.]+)\]:(\d+)$")
_SPLIT = re.compile(r"[\s,;]+")


def _port(text: str, token: str) -> int:
    # Length first: int() of thousands of digits raises ValueError (Python's digit limit).
    if len(text) > 5 or int(text) > 65535:
        raise ValidationError(
            _("“%(token)s”: a port is a number from 0 to 65535.") % {"token": token[:60]}
        )
    return int(text)


def parse_addresses(text: str, direction: str) -> list[NetworkIndicator]:
    """IP addresses, IP:port pairs ([IPv6]:port) and bare ports, separated by lines or commas."""
    indicators, errors = [], []
    tokens = [t for t in _SPLIT.split(text or "") if t]
    if len(tokens) > MAX_INDICATORS:
        raise ValidationError(
            _("Give at most %(max)d entries here; attach a file for longer lists.")
            % {"max": MAX_INDICATORS}
        )
    for token in tokens:
        token = token.replace("[.]", ".")  # defanged addresses, e.g. 203.0.113[.]5
        try:
            if token.isdigit():
                indicators.append(NetworkIndicator(direction=direction, port=_port(token, token)))
                continue
            match = _V4_WITH_PORT.match(token) or _V6_WITH_PORT.match(token)
            address, port = (match.group(1), match.group(2)) if match else (token, None)
            try:
                ip = ipaddress.ip_address(address)
            except ValueError:
                raise ValidationError(
                    _(
                        "“%(token)s” is not an IP address, an address with a port "
                        "(203.0.113.5:443 or [2001:db8::1]:443) or a port number."
                    )
                    % {"token": token}
                ) from None
            indicators.append(
                NetworkIndicator(
                    direction=direction,
                    ip=str(ip),
                    port=_port(port, token) if port is not None else None,
                )
            )
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return indicators


_URL = URLValidator(schemes=["http", "https", "ftp", "ftps", "sftp", "ws", "wss"])


def parse_urls(text: str) -> list[NetworkIndicator]:
    """Web addresses one per line; defanged ones (hxxp://evil[.]example) are accepted."""
    indicators, errors = [], []
    tokens = [t for t in re.split(r"\s+", text or "") if t]
    if len(tokens) > MAX_INDICATORS:
        raise ValidationError(
            _("Give at most %(max)d entries here; attach a file for longer lists.")
            % {"max": MAX_INDICATORS}
        )
    for token in tokens:
        url = re.sub(r"^hxxp", "http", token, flags=re.IGNORECASE).replace("[.]", ".")
        try:
            if len(url) > 2000:
                raise ValidationError("too long")
            _URL(url)
        except ValidationError:
            errors.append(
                ValidationError(
                    _(
                        "“%(token)s” is not a complete web address; include the scheme, "
                        "e.g. https://example.com/login."
                    )
                    % {"token": token[:200]}
                )
            )
            continue
        indicators.append(
            NetworkIndicator(direction=NetworkIndicator.Direction.DESTINATION, url=url)
        )
    if errors:
        raise ValidationError(errors)
    return indicators
