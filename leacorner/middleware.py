"""Headers every response gets: the Permissions-Policy, and `private, no-store` for whatever a
signed-in person is shown."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header, which Django's SecurityMiddleware does not set."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PrivatePagesMiddleware:
    """Every answer to a signed-in user is `Cache-Control: private, no-store`.

    A signed-in person sees records about people and incidents (a clerk's requests, a desk's
    reports, the admin's queues, their own account), so no shared cache may keep a copy and
    the browser may not write one to disk, where the next user of a courthouse computer would
    find it with the back button. One rule for every page, rather than a decorator per view
    that a new view could forget; files go through `leacorner.downloads`, which says the same.
    Anonymous pages that show a record (a cyber report's receipt, its update link, /verify/)
    say it themselves with `never_cache`, which includes both directives.

    Placed after AuthenticationMiddleware, so it sees the user the response was made for.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
