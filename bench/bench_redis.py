"""The Redis of the benchmarks' portals (`BENCH_REDIS_URL`): checked before a run, and each
run's keys (both caches', under the run's `CACHE_KEY_PREFIX`) deleted after it."""

import os
import sys

REDIS_URL = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/0"


def check_redis() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=5).ping()
    except redis.RedisError as error:
        raise SystemExit(
            f"no Redis at {REDIS_URL} ({error}): start one or set BENCH_REDIS_URL"
        ) from None


def delete_redis_keys(prefix: str) -> None:
    """Delete every key of the run (both caches' keys start with its prefix)."""
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
        for pattern in (f"{prefix}:*", f"{prefix}-pages:*"):
            keys = list(client.scan_iter(match=pattern, count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
    except redis.RedisError as error:
        print(f"could not delete the run's Redis keys {prefix}*: {error}", file=sys.stderr)
