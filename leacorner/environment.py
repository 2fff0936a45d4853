"""Reading the portal's configuration from environment variables: the only way settings.py
reads one.

Each helper returns the variable's value in the type the setting needs, or the default when the
variable is unset or empty (an empty value is never a value of its own). A value the portal
cannot use stops start-up with `SystemExit` and one line that names the variable, what it was
and what it must be, such as

    TASK_MAX_ATTEMPTS='abc' is not a count: set TASK_MAX_ATTEMPTS to a whole number, 1 or more.

`SystemExit` prints its message alone, where an exception would bury it under a traceback
of the settings import; an operator who mistyped a variable reads what to fix and nothing else.

Why our own helpers rather than django-environ: django-environ reads the same types, but a
value it cannot convert raises `ValueError` or `ImproperlyConfigured` with a traceback, it
accepts any unknown word as a false boolean (`DEBUG=maybe` is off), and it checks no range (a
negative attempt count passes). Wrapping every call to get one line and a range would leave
little of it, so these few functions, which need nothing beyond the standard library, are the
smaller thing to own.
"""

import math
import os
from pathlib import Path
from urllib.parse import urlsplit

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def _raw(name: str) -> str | None:
    """The variable's value, or None when it is unset or empty (blank counts as empty)."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    return value


def _refuse(name: str, value: str, what: str, must: str) -> SystemExit:
    return SystemExit(f"{name}={value!r} is not {what}: set {name} to {must}.")


def env_str(name: str, default: str = "") -> str:
    """The value as it is (secrets and passwords keep their spaces), or `default`."""
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    """On for 1, true, yes, on; off for 0, false, no, off (any case). Any other word stops
    start-up rather than being read as off."""
    value = _raw(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _refuse(name, value, "a yes/no value", "1, true, yes or on, or 0, false, no or off")


def env_list(name: str, default: str = "") -> list[str]:
    """Comma-separated items, each stripped; empty items are dropped."""
    value = _raw(name)
    text = default if value is None else value
    return [item.strip() for item in text.split(",") if item.strip()]


def env_count(name: str, default: int = 0, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number from `minimum` (0 unless given) up to `maximum` (no limit unless given)."""
    value = _raw(name)
    if value is None:
        return default
    try:
        count = int(value.strip())
    except ValueError:
        count = None
    if count is None or count < minimum or (maximum is not None and count > maximum):
        must = (
            f"a whole number, {minimum} or more"
            if maximum is None
            else f"a whole number from {minimum} to {maximum}"
        )
        raise _refuse(name, value, "a count", must)
    return count


def env_seconds(name: str, default: float) -> float:
    """A duration in seconds, 0 or more, fractions allowed (`0.5`)."""
    value = _raw(name)
    if value is None:
        return default
    try:
        seconds = float(value.strip())
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise _refuse(name, value, "a number of seconds", "a number, 0 or more (0.5 is allowed)")
    return seconds


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of `choices` (written in capitals; the value may be in any case)."""
    value = _raw(name)
    if value is None:
        return default
    word = value.strip().upper()
    if word not in choices:
        raise _refuse(name, value, "a known value", f"one of {', '.join(choices)}")
    return word


def env_url(name: str, default: str, *, schemes: tuple[str, ...], host: bool = True) -> str:
    """A URL whose scheme is one of `schemes` and, unless `host=False` (an SQLite file, a
    Unix socket), which names a host."""
    value = _raw(name)
    if value is None:
        return default
    url = value.strip()
    try:
        parts = urlsplit(url)
        named_host = bool(parts.hostname)
    except ValueError:  # e.g. an unclosed "[" in an IPv6 address
        parts, named_host = None, False
    if parts is None or parts.scheme not in schemes or (host and not named_host):
        starts = " or ".join(f"{scheme}://" for scheme in schemes)
        must = f"a URL that starts with {starts}" + (" and names a host" if host else "")
        raise _refuse(name, value, "a usable URL", must)
    return url


def env_path(name: str, default: Path) -> Path:
    """A folder or file; a relative path is read from the directory the portal runs in."""
    value = _raw(name)
    return default if value is None else Path(value)
