"""Deny by default: every URL of the project, for every role, against tests/access_table.py."""

from fnmatch import fnmatchcase

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role
from testkit.mfa import signed_in_client

from .access_table import ACCESS_TABLE, url_kwargs
from .access_table_base import (
    ANONYMOUS,
    CLERK,
    DENIED,
    LOGIN,
    METHOD,
    NOT_FOUND,
    OK,
    ROLES,
    SUPERUSER,
    WAITING_CLERK,
)
from .factories import UserFactory, waiting_clerk


def project_urls():
    """Yield (key, route, reverse-name or None, pattern) for every URL pattern."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = None
                if pattern.name:
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield (name or f"route:{route}"), route, name, pattern

    yield from walk(get_resolver().url_patterns)


def entry_for(key: str) -> dict | None:
    if key in ACCESS_TABLE:
        return ACCESS_TABLE[key]
    for candidate, entry in ACCESS_TABLE.items():
        if fnmatchcase(key, candidate):
            return entry
    return None


def test_every_url_has_an_entry():
    missing = [key for key, *_ in project_urls() if entry_for(key) is None]
    assert not missing, f"URLs without an access entry in tests/access_table.py: {missing}"


def url_for(name: str | None, route: str, kwargs: dict, args: list | None = None) -> str:
    if name and args:
        # Patterns with unnamed groups (django-simple-history's admin pages) take positions.
        return reverse(name, args=args)
    if name:
        return reverse(name, kwargs=kwargs or None)
    # Unnamed patterns: fill the one named group of the route.
    path = route
    for key, value in kwargs.items():
        for placeholder in (f"<path:{key}>", f"<int:{key}>", f"<str:{key}>", f"(?P<{key}>.*)$"):
            path = path.replace(placeholder, str(value))
    return "/" + path.lstrip("^")


def classify(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        if location.startswith((reverse("account_login"), reverse("admin:login"))):
            return LOGIN
        return OK
    return {403: DENIED, 404: NOT_FOUND, 405: METHOD}.get(
        response.status_code, OK if response.status_code < 400 else str(response.status_code)
    )


def private(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def client_for(role: str):
    """A client of `role` (a name from ROLES), signed in, with MFA passed for staff."""
    from django.test import Client

    if role == ANONYMOUS:
        return Client()
    if role == SUPERUSER:
        return signed_in_client(UserFactory(is_staff=True, is_superuser=True))
    if role == CLERK:
        return signed_in_client(UserFactory(role=Role.CLERK))
    if role == WAITING_CLERK:
        return signed_in_client(waiting_clerk())
    return signed_in_client(UserFactory(role=Role(role)))


# One test per role, so the walk (every URL, each role) spreads over the xdist workers.
@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_every_role(role, url_fixtures):
    client = client_for(role)
    failures = []
    checked = 0
    for key, route, name, pattern in project_urls():
        entry = entry_for(key)
        wanted_kwargs = set(pattern.pattern.regex.groupindex)
        kwargs = {k: v for k, v in entry.get("kwargs", {}).items() if k in wanted_kwargs}
        kwargs.update({k: v for k, v in url_fixtures.get(key, {}).items() if k in wanted_kwargs})
        args = url_fixtures.get(key, {}).get("args") or entry.get("kwargs", {}).get("args")
        url = url_for(name, route, kwargs, args if not wanted_kwargs else None)
        expected = entry["expect"].get(role, entry["expect"].get("*"))
        response = client.get(url)
        outcome = classify(response)
        checked += 1
        if outcome != expected:
            failures.append(f"{key} {url} as {role}: expected {expected}, got {outcome}")
        elif role != ANONYMOUS and 200 <= response.status_code < 300 and not private(response):
            # Whatever a signed-in person is shown may be about someone (a request, a report,
            # an account): no shared cache, and not the browser's disk, may keep a copy.
            cache_control = response.get("Cache-Control")
            failures.append(f"{key} {url} as {role}: Cache-Control {cache_control!r}")
    assert not failures, "\n".join(failures)
    assert checked >= 30


@pytest.fixture
def url_fixtures(db) -> dict:
    return url_kwargs()
