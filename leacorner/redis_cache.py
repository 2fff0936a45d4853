"""Django's Redis cache with one kept `redis.Redis` client per server, the backend of every
Redis cache in `settings.CACHES`.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` around the same connection
pool on every call: its constructor sets up the response callbacks, the retry policy and the
command parser options, which cost several times the round trip itself for a directory page
served from the cache (figures in docs/performance.md). A `redis.Redis` is safe to share
between threads (each command takes a connection from the pool and gives it back), and its
pool notices a fork and opens new connections in the child, so one client per pool, made on
first use, is kept for the life of the process. Everything else (serialisation, timeouts,
key prefixes, several servers) is Django's.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class KeptRedisCacheClient(RedisCacheClient):
    """A `RedisCacheClient` whose `get_client()` returns the same `redis.Redis` for a pool."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            # Two threads may both build one on first use; either is as good as the other.
            pool = self._pools.get(index)
            if pool is None:
                pool = self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class KeptClientRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` with a kept client (see the module)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = KeptRedisCacheClient
