"""Who may open a view. Every view of the project declares it with one of these decorators.

Deny by default: `AccessDeclarationMiddleware` answers 403 for any project view that has no
declaration, and `tests/test_access.py` walks every URL pattern for every role against an
explicit table. Decorators work on function views and on class-based views (as class decorators).

- `public`: anyone, signed in or not.
- `signed_in`: any signed-in account; anonymous visitors are sent to the sign-in page.
- `role_required(*roles)`: signed-in members of one of the roles (superusers too); others get
  403. A view that names a staff role is a *staff page*: its users must have passed MFA
  (`accounts.middleware.StaffMFAMiddleware`, which knows which roles are staff's).

This is the project's foundation: it knows roles only as names and users only through
`user.has_role()`, so every app, accounts included, can declare its views with it.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

ACCESS_ATTRIBUTE = "leacorner_access"


def _declare(view: Any, access: str, roles: frozenset[str] = frozenset()) -> Any:
    setattr(view, ACCESS_ATTRIBUTE, access)
    view.leacorner_roles = roles
    return view


def _guard(view: Any, check: Callable[[HttpRequest], None]) -> Any:
    """Wrap a function view, or the dispatch of a class-based view, with `check`."""
    if isinstance(view, type):
        original_dispatch = view.dispatch

        @wraps(original_dispatch)
        def dispatch(self, request, *args, **kwargs):
            check(request)
            return original_dispatch(self, request, *args, **kwargs)

        view.dispatch = dispatch
        return view

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        check(request)
        return view(request, *args, **kwargs)

    return wrapper


class _LoginRequired(Exception):
    pass


def public(view: Any) -> Any:
    return _declare(view, "public")


def signed_in(view: Any) -> Any:
    def check(request: HttpRequest) -> None:
        if not request.user.is_authenticated:
            raise _LoginRequired

    return _declare(_guard(view, check), "signed_in")


def role_required(*roles: str) -> Callable[[Any], Any]:
    wanted = frozenset(roles)

    def decorator(view: Any) -> Any:
        def check(request: HttpRequest) -> None:
            if not request.user.is_authenticated:
                raise _LoginRequired
            if not request.user.has_role(*wanted):
                raise PermissionDenied

        return _declare(_guard(view, check), "role", wanted)

    return decorator


def declared_access(view_func: Any) -> str | None:
    """The access a resolved view declared, or None when it declared none."""
    target = getattr(view_func, "view_class", view_func)
    return getattr(target, ACCESS_ATTRIBUTE, None) or getattr(view_func, ACCESS_ATTRIBUTE, None)


def declared_roles(view_func: Any) -> frozenset[str]:
    """The roles a resolved view is open to (empty for public and signed-in views)."""
    target = getattr(view_func, "view_class", view_func)
    return frozenset(getattr(target, "leacorner_roles", frozenset()))


def login_redirect(request: HttpRequest):
    return redirect_to_login(request.get_full_path())
