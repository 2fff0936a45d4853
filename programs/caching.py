"""Page cache and conditional GET for the directory's public pages.

Every content change (admin, shell or migration) moves `DirectoryRevision` inside the same
transaction. A directory page costs one query to read the revision: its counter is part of the
cache key and of the ETag, and its time is the Last-Modified, so a conditional request is
answered with 304 and an unchanged page is served from the cache without touching the content
tables. Only visitors without a session or pending messages get cached pages (the header of a
signed-in user shows their account); everyone gets the same query count.

Two pieces: the `directory_page` decorator marks a view as a directory page and renders it on a
miss (with its ETag, Last-Modified and X-Directory-Cache: miss); `DirectoryCacheMiddleware`,
placed right after WhiteNoise, stores the finished response (every header the other middleware
added included) and answers later visits from the cache before the rest of the stack runs:
sessions, CSRF, authentication, access checks and the URL's view are all skipped for a hit,
which then costs little more than a static file.

What may go into the cache is bounded, because anyone can ask for any URL:

- a page is keyed on the path and on the query parameters its view reads, normalised by the
  view's own `varies_on` function (the same values the view renders from), never on the raw
  query string: `?q=ice&junk=1`, `?q=ice&junk=2` and `?q=%20ice` are one entry. A request the
  view would answer with something it cannot be keyed on (a page number out of range, a place
  that does not exist, words too long to search) is answered and not stored;
- only 200 answers are stored: a 404 for an arbitrary slug never is;
- the pages live in their own cache (`CACHES["directory"]`: a bounded local-memory cache per
  process, or a Redis of its own with `maxmemory` and LRU eviction, docs/deployment.md), so a
  flood of distinct searches evicts only pages, never the rate-limit counters, lockout state
  and used TOTP codes of the default cache;
- the Host header is validated before anything is answered from the cache, as Django would
  for a rendered page (a hit for `Host: evil.example` was a 200 where a miss was a 400).

Stored pages are kept compressed, in brotli and gzip, and sent in the encoding the browser
accepts (`Vary: Accept-Encoding`, a weak ETag for a compressed body, as Django's GZipMiddleware
does); a client that accepts neither gets the gzip copy decompressed. Compressing is safe here
and nowhere else in the portal: a stored page is the same for every visitor and carries no
secret (a response that sets a cookie, the CSRF one included, is never stored, and only
visitors without a session get these pages), so BREACH, which reads a secret out of the
compressed size of a page that also reflects the attacker's input, has nothing to read. Pages
with a CSRF token or personal data are sent uncompressed, and no compression middleware runs.
Compressing once per stored page (brotli quality 5 and gzip level 6: about a millisecond for a
large search page) also makes each cache entry a third of its size, which is what a hit
fetches from Redis.
"""

import gzip
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

import brotli
from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language, get_language_from_request

from .models import DirectoryRevision

CACHE_PREFIX = "directory-page-compressed"
PAGE_CACHE_ALIAS = "directory"
FRONT_CACHE_ALIAS = "directory-front"


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


#: What a page's rendering depends on besides its path: a tuple of normalised parameters, or
#: None when the request must not be stored.
VariesOn = Callable[[HttpRequest], tuple | None]


def reads_nothing(request: HttpRequest) -> tuple:
    """The `varies_on` of a page that reads no query parameter: any query string is ignored."""
    return ()


def _page_key(
    request: HttpRequest, revision: DirectoryRevision, language: str, varies: tuple
) -> tuple[str, str]:
    """(cache key, ETag) of the page at `request`'s path with the normalised parameters
    `varies`, in `language`, at `revision`."""
    identity = repr((language, request.path, varies))
    page_id = hashlib.sha256(identity.encode()).hexdigest()[:32]
    return f"{CACHE_PREFIX}:{revision.counter}:{page_id}", f'"{revision.counter}-{page_id[:16]}"'


def _page_view(request: HttpRequest) -> Callable[..., HttpResponse] | None:
    """The directory view `request` resolves to, or None when it is not a directory page."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.func if getattr(match.func, "directory_page", False) else None


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


def _front_cache():
    """The process's own copy of recent pages in front of a shared (Redis) page cache, or None
    when the page cache is the process's memory already. A key names the revision, so a copy
    is never stale: an edit moves the revision and every later lookup uses a new key."""
    return caches[FRONT_CACHE_ALIAS] if FRONT_CACHE_ALIAS in settings.CACHES else None


def _get_page(key: str):
    front = _front_cache()
    page = front.get(key) if front is not None else None
    if page is None:
        page = page_cache().get(key)
        if page is not None and front is not None:
            front.set(key, page, settings.DIRECTORY_CACHE_SECONDS)
    return page


def _set_page(key: str, page) -> None:
    page_cache().set(key, page, settings.DIRECTORY_CACHE_SECONDS)
    front = _front_cache()
    if front is not None:
        front.set(key, page, settings.DIRECTORY_CACHE_SECONDS)


def _compressed(content: bytes) -> dict[str, bytes]:
    """The page in each encoding it is stored in, the one preferred by browsers first."""
    return {
        "br": brotli.compress(content, quality=5),
        "gzip": gzip.compress(content, compresslevel=6, mtime=0),
    }


def _accepted_encoding(request: HttpRequest, bodies: dict[str, bytes]) -> str | None:
    """The stored encoding `request`'s Accept-Encoding allows, or None for the plain page."""
    refused, accepted = set(), set()
    for item in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        coding, _semicolon, parameters = item.partition(";")
        weight = parameters.strip().lower().removeprefix("q=").strip()
        try:
            allowed = not weight or float(weight) > 0
        except ValueError:
            allowed = False
        (accepted if allowed else refused).add(coding.strip().lower())
    for coding in bodies:
        if coding in accepted or ("*" in accepted and coding not in refused):
            return coding
    return None


def _stored_response(
    request: HttpRequest, status: int, headers: list[tuple[str, str]], bodies: dict[str, bytes]
) -> HttpResponse:
    """The stored page as a response in the encoding `request` accepts."""
    coding = _accepted_encoding(request, bodies)
    response = HttpResponse(
        bodies[coding] if coding else gzip.decompress(bodies["gzip"]), status=status
    )
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(response.content))
    if coding:
        response["Content-Encoding"] = coding
        if response["ETag"].startswith('"'):  # the compressed bytes are not the page's own
            response["ETag"] = "W/" + response["ETag"]
    return response


class DirectoryCacheMiddleware:
    """Answers anonymous GET and HEAD requests of directory pages from the page cache, and
    stores the finished response of a directory page rendered on a miss."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = _page_view(request) if _cacheable(request) else None
        if view is None:
            return self.get_response(request)
        # Raises DisallowedHost (answered 400) for a host not in ALLOWED_HOSTS, before a hit
        # could answer it.
        request.get_host()
        varies = view.directory_varies_on(request)
        if varies is None:
            return self.get_response(request)
        revision = DirectoryRevision.current()
        request.directory_revision = revision  # the view's decorator reads it from here
        # The language LocaleMiddleware will choose further on (no language prefix in URLs).
        key, _etag = _page_key(request, revision, get_language_from_request(request), varies)
        cached = _get_page(key)
        if cached is not None:
            response = _stored_response(request, *cached)
            response["X-Directory-Cache"] = "hit"
            not_modified = get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=int(revision.changed_at.timestamp()),
                response=response,
            )
            return response if not_modified is None else not_modified
        response = self.get_response(request)
        if (
            response.get("X-Directory-Cache") == "miss"
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            patch_vary_headers(response, ["Accept-Encoding"])
            headers = [
                (name, value) for name, value in response.items() if name != "X-Directory-Cache"
            ]
            stored = (response.status_code, headers, _compressed(response.content))
            _set_page(key, stored)
            response = _stored_response(request, *stored)
            response["X-Directory-Cache"] = "miss"
        return response


def directory_page(
    view: Callable[..., HttpResponse] | None = None, *, varies_on: VariesOn = reads_nothing
):
    """Mark `view` as a directory page: cached by `DirectoryCacheMiddleware`, with
    ETag/Last-Modified keyed by the revision, and private for visitors with a session.

    `varies_on(request)` gives the normalised query parameters the view renders from (the
    view must read them through the same function), or None for a request not to store;
    without it the page reads none. `@directory_page` and `@directory_page(varies_on=f)`."""
    if view is None:
        return lambda view: directory_page(view, varies_on=varies_on)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        revision = getattr(request, "directory_revision", None) or DirectoryRevision.current()
        varies = varies_on(request)
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return response
        if varies is None:  # answered, not stored, and no ETag to revalidate against
            response = view(request, *args, **kwargs)
            patch_cache_control(response, public=True, no_cache=True)
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            return response

        _key, etag = _page_key(request, revision, get_language(), varies)
        last_modified = int(revision.changed_at.timestamp())  # HTTP dates have whole seconds
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified

        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200:
            response["X-Directory-Cache"] = "miss"
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    wrapper.directory_page = True
    wrapper.directory_varies_on = varies_on
    return wrapper
