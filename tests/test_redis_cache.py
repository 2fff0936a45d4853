"""The Redis cache backend of every Redis cache (leacorner/redis_cache.py), against a real
Redis (REDIS_URL, or db 15 of a local one); skipped where none answers."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.cache import caches
from django.urls import reverse

from leacorner.redis_cache import KeptClientRedisCache
from programs.models import DirectoryRevision, Program
from testkit.redis import REDIS_URL, needs_redis

ROOT = Path(__file__).resolve().parent.parent
pytestmark = needs_redis


@pytest.fixture
def cache():
    cache = KeptClientRedisCache(REDIS_URL, {"KEY_PREFIX": f"leacorner-test-kept-{os.getpid()}"})
    yield cache
    cache.clear()


def test_a_stored_page_comes_back_whole(cache):
    page = (200, [("Content-Type", "text/html; charset=utf-8")], "é".encode() * 6000)
    cache.set("page", page, 60)
    assert cache.get("page") == page
    assert cache.get("missing", "default") == "default"
    cache.delete("page")
    assert cache.get("page") is None


def test_every_call_uses_the_one_client_and_its_pool(cache):
    client = cache._cache.get_client()
    cache.set("k", 1, 60)
    cache.get("k")
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client
    # One pool: the connection a finished command gave back is reused, not a new one per call.
    for _ in range(20):
        cache.get("k")
    assert len(client.connection_pool._available_connections) == 1


def test_counters_shared_by_threads_count_every_increment(cache):
    cache.set("count", 0, 60)
    start = threading.Barrier(8)

    def count():
        start.wait()
        for _ in range(50):
            cache.incr("count")

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("count") == 400


def test_the_production_settings_use_it_for_both_caches_under_their_prefix():
    # The production settings, in a fresh process, as an operator starts the portal.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "1",
        "REDIS_URL": REDIS_URL,
        "DIRECTORY_CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "portal-b",
    }
    script = (
        "from django.core.cache import caches; "
        "print(*(f'{type(caches[a]).__name__} {caches[a].key_prefix}' "
        "for a in ('default', 'directory')), sep='\\n')"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == [
        "KeptClientRedisCache portal-b",
        "KeptClientRedisCache portal-b-pages",
    ]


@pytest.fixture
def pages_in_redis(settings):
    """The directory's page cache in Redis with each process's copy in front, as deployed."""
    prefix = f"leacorner-test-pages-{os.getpid()}"
    settings.CACHES = {
        **settings.CACHES,
        "directory": {
            "BACKEND": "leacorner.redis_cache.KeptClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
        "directory-front": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"{prefix}-front",
        },
    }
    yield caches["directory"], caches["directory-front"]
    caches["directory"].clear()
    caches["directory-front"].clear()


@pytest.mark.django_db
def test_a_page_stored_in_redis_is_served_by_every_process_and_kept_in_front(
    client, pages_in_redis
):
    shared, front = pages_in_redis
    url = reverse("home")
    assert client.get(url)["X-Directory-Cache"] == "miss"
    front.clear()  # another process: nothing in its memory yet
    again = client.get(url)
    assert again["X-Directory-Cache"] == "hit"  # from Redis
    shared.clear()  # now answered from this process's copy, without Redis
    assert client.get(url)["X-Directory-Cache"] == "hit"
    assert client.get(url).content == again.content


@pytest.mark.django_db
def test_the_copy_in_front_of_redis_is_never_served_after_an_edit(client, pages_in_redis):
    url = reverse("programs:program_detail", kwargs={"slug": "foia-library"})
    client.get(url)
    assert client.get(url)["X-Directory-Cache"] == "hit"
    Program.objects.filter(slug="foia-library").update(summary="Changed.")
    DirectoryRevision.bump()
    edited = client.get(url)
    assert edited["X-Directory-Cache"] == "miss"
    assert b"Changed." in edited.content
