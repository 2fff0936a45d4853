"""Page cache and conditional GET for the directory's public pages.

Every content change (admin, shell or migration) moves `DirectoryRevision` inside the same
transaction. A directory page costs one query to read the revision: its counter is part of the
cache key and of the ETag, and its time is the Last-Modified, so a conditional request is
answered with 304 and an unchanged page is served from the cache without touching the content
tables. Only visitors without a session or pending messages get cached pages (the header of a
signed-in user shows their account); everyone gets the same query count.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from .models import DirectoryRevision

CACHE_PREFIX = "directory-page"


def directory_changed(**kwargs: Any) -> None:
    """Signal receiver: any change of directory content moves the revision."""
    if kwargs.get("raw"):
        return  # fixtures being loaded; `loaddata` is followed by an explicit bump if needed
    DirectoryRevision.bump()


def connect_signals(models: list[type]) -> None:
    for model in models:
        uid = f"directory-revision-{model._meta.label_lower}"
        post_save.connect(directory_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(directory_changed, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                directory_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )


def bump_after_migrate(sender, **kwargs: Any) -> None:
    # A deployment runs migrate: new templates must not be answered with pages cached before.
    if sender.name == "programs":
        DirectoryRevision.bump()


post_migrate.connect(bump_after_migrate, dispatch_uid="directory-revision-after-migrate")


def _cacheable(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
    )


def directory_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve `view` from the page cache with ETag/Last-Modified, keyed by the revision."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        revision = DirectoryRevision.current()
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return response

        page_id = hashlib.sha256(
            f"{get_language()}|{request.get_full_path()}".encode()
        ).hexdigest()[:32]
        etag = f'"{revision.counter}-{page_id[:16]}"'
        last_modified = int(revision.changed_at.timestamp())  # HTTP dates have whole seconds
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified

        key = f"{CACHE_PREFIX}:{revision.counter}:{page_id}"
        cached = cache.get(key)
        if cached is not None:
            status, content_type, content = cached
            response = HttpResponse(content, status=status, content_type=content_type)
            response["X-Directory-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code in (200, 404) and not response.cookies:
                cache.set(
                    key,
                    (response.status_code, response["Content-Type"], response.content),
                    settings.DIRECTORY_CACHE_SECONDS,
                )
            response["X-Directory-Cache"] = "miss"
        if response.status_code == 200:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    return wrapper
