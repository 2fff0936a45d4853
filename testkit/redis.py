"""The Redis of the tests that need the production cache (REDIS_URL, else db 15 on this
machine). CI runs Redis, so they run there; on a fresh machine without it `make test` skips
them with the reason, as it needs nothing but Python."""

import os
import socket
from urllib.parse import urlsplit

import pytest

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    location = urlsplit(REDIS_URL)
    try:
        socket.create_connection((location.hostname, location.port or 6379), timeout=1).close()
    except OSError:
        return False
    return True


needs_redis = pytest.mark.skipif(
    not _redis_answers(), reason=f"needs Redis at {REDIS_URL} (REDIS_URL)"
)
