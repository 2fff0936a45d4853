"""Indicators as a reporter types them, parsed into unsaved `Indicator` rows in one stored form.

One parser per box of the form: IP addresses, address:port pairs, bare ports and CIDR ranges
(one per line, or separated by commas), URLs, domains, e-mail addresses and file hashes (one
per line), and wallet addresses (cyber_reports.wallets). Defanged forms (203.0.113[.]5,
hxxps://bad[.]example, bad[@]evil[.]example) are accepted; every bad line is named in the one
error raised, so the reporter can mend them all at once.

The stored form is what makes two reports' indicators the same row value (`normalised()`):
refanged; domains, e-mail addresses, hashes, URL schemes and hosts in lower case; IP
addresses compressed; a range as its network (a /32 or /128 is the address). Matching is on
`fingerprint`, and `match_keys()` lists, for a report's indicators, every key another report
could share with it: its own, and for an address or range every network that contains it, so
that an address falls inside another report's range (cyber_reports.related).
"""

import hashlib
import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from .models import Indicator
from .wallets import check_wallet

Kind = Indicator.Kind
MAX_INDICATORS = 200
#: The broadest ranges taken as indicators; a /4 would relate half the reports to each other.
MIN_PREFIX = {4: 8, 6: 32}

_V4_WITH_PORT = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$")
_V6_WITH_PORT = re.compile(r"^\[([0-9A-Fa-f:.]+)\]:(\d+)$")
_SPLIT = re.compile(r"[\s,;]+")
_LINES = re.compile(r"\s+")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_HASHES = {32: Kind.MD5, 40: Kind.SHA1, 64: Kind.SHA256}
_MAPPED_V4 = 0xFFFF << 32


def fingerprint(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}\x00{value}".encode()).hexdigest()


def _ip_start(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> str:
    """The first address of `network` in one ordered space: IPv4 mapped into IPv6, 32
    hexadecimal digits, so that text order is address order."""
    start = int(network.network_address)
    if network.version == 4:
        start |= _MAPPED_V4
    return f"{start:032x}"


def ip_bounds(value: str) -> tuple[str, str]:
    """The first and last address of an address or range, in `_ip_start`'s space."""
    network = ipaddress.ip_network(value)
    offset = _MAPPED_V4 if network.version == 4 else 0
    return (
        f"{int(network.network_address) | offset:032x}",
        f"{int(network.broadcast_address) | offset:032x}",
    )


def normalised(kind: str, value: str, **fields) -> Indicator:
    """An unsaved indicator of `kind` with `value` in its stored form and its match keys."""
    indicator = Indicator(kind=kind, value=value, **fields)
    indicator.fingerprint = fingerprint(kind, value)
    if kind in (Kind.IP, Kind.IP_RANGE):
        indicator.ip_start = _ip_start(ipaddress.ip_network(value))
    return indicator


def supernets(kind: str, value: str) -> list[str]:
    """The ranges (as stored) that contain an address or a range, down to `MIN_PREFIX`."""
    if kind not in (Kind.IP, Kind.IP_RANGE):
        return []
    network = ipaddress.ip_network(value)
    return [
        str(network.supernet(new_prefix=prefix))
        for prefix in range(MIN_PREFIX[network.version], network.prefixlen)
    ]


def match_keys(indicators) -> tuple[list[str], list[tuple[str, str]]]:
    """The fingerprints another report could share with these indicators (their own and
    the ranges containing their addresses and ranges), and the bounds of their ranges (an
    address of another report inside one is related too). Bare ports match nothing: port
    443 is on every other report."""
    keys: set[str] = set()
    ranges: list[tuple[str, str]] = []
    for indicator in indicators:
        if indicator.kind == Kind.PORT:
            continue
        keys.add(fingerprint(indicator.kind, indicator.value))
        keys.update(
            fingerprint(Kind.IP_RANGE, net) for net in supernets(indicator.kind, indicator.value)
        )
        if indicator.kind == Kind.IP_RANGE:
            ranges.append(ip_bounds(indicator.value))
    return sorted(keys), ranges


def _tokens(text: str, pattern: re.Pattern) -> list[str]:
    tokens = [t for t in pattern.split(text or "") if t]
    if len(tokens) > MAX_INDICATORS:
        raise ValidationError(
            _("Give at most %(max)d entries here; attach a file for longer lists.")
            % {"max": MAX_INDICATORS}
        )
    return tokens


def _refang(token: str) -> str:
    return (
        token.replace("[.]", ".")
        .replace("(.)", ".")
        .replace("[dot]", ".")
        .replace("[@]", "@")
        .replace("[at]", "@")
    )


def _each(tokens: list[str], parse) -> list[Indicator]:
    """`parse(token)` of every token; the errors of all bad ones at once."""
    indicators, errors = [], []
    for token in tokens:
        try:
            indicators.append(parse(token))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return indicators


def _port(text: str, token: str) -> int:
    # Length first: int() of thousands of digits raises ValueError (Python's digit limit).
    if len(text) > 5 or int(text) > 65535:
        raise ValidationError(
            _("“%(token)s”: a port is a number from 0 to 65535.") % {"token": token[:60]}
        )
    return int(text)


def _range(token: str, direction: str) -> Indicator:
    try:
        network = ipaddress.ip_network(token, strict=True)
    except ValueError:
        try:
            loose = ipaddress.ip_network(token, strict=False)
        except ValueError:
            loose = None
        if loose is not None:
            raise ValidationError(
                _("“%(token)s” is not the start of a range: did you mean %(network)s?")
                % {"token": token[:60], "network": loose}
            ) from None
        raise ValidationError(
            _("“%(token)s” is not an IP range; write it as 203.0.113.0/24 or 2001:db8::/48.")
            % {"token": token[:60]}
        ) from None
    if network.prefixlen < MIN_PREFIX[network.version]:
        raise ValidationError(
            _("“%(token)s” is too broad to be an indicator: give a /%(min)d or narrower.")
            % {"token": token[:60], "min": MIN_PREFIX[network.version]}
        )
    if network.num_addresses == 1:
        return normalised(Kind.IP, str(network.network_address), direction=direction)
    return normalised(Kind.IP_RANGE, str(network), direction=direction)


def parse_addresses(text: str, direction: str) -> list[Indicator]:
    """IP addresses, IP:port pairs ([IPv6]:port), bare ports and CIDR ranges, separated by
    lines or commas."""

    def parse(token: str) -> Indicator:
        token = _refang(token)
        if token.isdigit():
            port = _port(token, token)
            return normalised(Kind.PORT, str(port), direction=direction, port=port)
        if "/" in token:
            return _range(token, direction)
        match = _V4_WITH_PORT.match(token) or _V6_WITH_PORT.match(token)
        address, port = (match.group(1), match.group(2)) if match else (token, None)
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            raise ValidationError(
                _(
                    "“%(token)s” is not an IP address, an address with a port "
                    "(203.0.113.5:443 or [2001:db8::1]:443), a range (203.0.113.0/24) or a "
                    "port number."
                )
                % {"token": token[:60]}
            ) from None
        return normalised(
            Kind.IP,
            str(ip),
            direction=direction,
            port=_port(port, token) if port is not None else None,
        )

    return _each(_tokens(text, _SPLIT), parse)


_URL = URLValidator(schemes=["http", "https", "ftp", "ftps", "sftp", "ws", "wss"])


def _url_form(url: str) -> str:
    """Scheme and host in lower case, the default port dropped; the rest as given."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21}.get(parts.scheme.lower())
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}{port}" if userinfo else f"{host}{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def parse_urls(text: str) -> list[Indicator]:
    """Web addresses one per line; defanged ones (hxxp://evil[.]example) are accepted."""

    def parse(token: str) -> Indicator:
        url = re.sub(r"^hxxp", "http", _refang(token), flags=re.IGNORECASE)
        try:
            if len(url) > 2000:
                raise ValidationError("too long")
            _URL(url)
            stored = _url_form(url)
        except (ValidationError, ValueError):
            raise ValidationError(
                _(
                    "“%(token)s” is not a complete web address; include the scheme, "
                    "e.g. https://example.com/login."
                )
                % {"token": token[:200]}
            ) from None
        return normalised(Kind.URL, stored, direction=Indicator.Direction.DESTINATION)

    return _each(_tokens(text, _LINES), parse)


def _domain(text: str) -> str | None:
    """A host name in its stored form (lower case, IDNA-encoded), or None."""
    name = text.strip().rstrip(".").lower()
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = name.split(".")
    if len(name) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return None
    if labels[-1].isdigit():  # an IP address is not a domain
        return None
    return name


def parse_domains(text: str) -> list[Indicator]:
    """Domain names one per line (bad[.]example is fine); a URL's host is taken from it."""

    def parse(token: str) -> Indicator:
        refanged = re.sub(r"^hxxp", "http", _refang(token), flags=re.IGNORECASE)
        host = urlsplit(refanged).hostname if "://" in refanged else refanged
        name = _domain(host or "")
        if name is None:
            raise ValidationError(
                _("“%(token)s” is not a domain name, such as pay-now.example or mail.bad.example.")
                % {"token": token[:200]}
            )
        return normalised(Kind.DOMAIN, name)

    return _each(_lines(text), parse)


def parse_emails(text: str) -> list[Indicator]:
    """E-mail addresses one per line (bad[@]evil[.]example is fine), stored in lower case."""

    def parse(token: str) -> Indicator:
        address = _refang(token).strip("<>").lower()
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                _("“%(token)s” is not an e-mail address.") % {"token": token[:200]}
            ) from None
        return normalised(Kind.EMAIL, address)

    return _each(_lines(text), parse)


def parse_hashes(text: str) -> list[Indicator]:
    """MD5, SHA-1 or SHA-256 hashes in hexadecimal, one per line, known by their length
    (an `md5:`, `sha1:` or `sha256:` label in front is fine)."""

    def parse(line: str) -> Indicator:
        token = re.sub(r"\s+", "", line)
        label, _colon, digits = token.rpartition(":")
        digits = digits.lower()
        kind = _HASHES.get(len(digits)) if re.fullmatch(r"[0-9a-f]+", digits) else None
        if kind is None or (label and label.lower().replace("-", "") != kind):
            raise ValidationError(
                _(
                    "“%(token)s” is not a file hash: give an MD5 (32), SHA-1 (40) or SHA-256 "
                    "(64) hash in hexadecimal digits."
                )
                % {"token": token[:100]}
            )
        return normalised(kind, digits)

    return _each(_lines(text), parse)


def _lines(text: str) -> list[str]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_INDICATORS:
        raise ValidationError(
            _("Give at most %(max)d entries here; attach a file for longer lists.")
            % {"max": MAX_INDICATORS}
        )
    return lines


def parse_wallets(text: str) -> list[Indicator]:
    """Wallet addresses one per line, each checked by its currency's format."""

    def parse(line: str) -> Indicator:
        currency, address = check_wallet(line)
        return normalised(Kind.WALLET, address, currency=currency)

    return _each(_lines(text), parse)
