"""The asyncio pool: the package's own pool behind awaitable get_connection, release and
disconnect (the connections themselves are the synchronous ones)."""

from .. import connection as _sync
from ..connection import Connection

__all__ = ["Connection", "ConnectionPool"]


def _forward(inner, name):
    """A read-only property giving the wrapped synchronous object's attribute of that name."""
    return property(lambda self: getattr(getattr(self, inner), name))


class ConnectionPool:
    def __init__(self, connection_class=Connection, max_connections=None, **connection_kwargs):
        self._pool = _sync.ConnectionPool(connection_class, max_connections, **connection_kwargs)

    @classmethod
    def from_url(cls, url, **kwargs):
        options = _sync._parse_url(url)
        options.update(kwargs)
        return cls(**options)

    def __repr__(self):
        return repr(self._pool)

    connection_class = _forward("_pool", "connection_class")

    connection_kwargs = _forward("_pool", "connection_kwargs")

    max_connections = _forward("_pool", "max_connections")

    def get_encoder(self):
        return self._pool.get_encoder()

    async def get_connection(self, command_name=None, *keys, **options):
        return self._pool.get_connection(command_name, *keys, **options)

    async def release(self, connection):
        self._pool.release(connection)

    async def disconnect(self, inuse_connections=True):
        self._pool.disconnect(inuse_connections)

    def reset(self):
        self._pool.reset()


def _sync_pool(pool):
    """The synchronous pool under a pool a program passed in (either kind)."""
    return pool._pool if isinstance(pool, ConnectionPool) else pool
