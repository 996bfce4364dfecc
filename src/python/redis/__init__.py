"""A redis-py-compatible client written for the Redis playground (our own code; redis-py's
documented behaviour is the spec). Under CPython it speaks RESP over TCP; in the browser the
same code talks to the playground's in-browser engine, whatever host and port say."""

from .client import PubSub, Redis, StrictRedis, from_url
from .connection import Connection, ConnectionPool
from .exceptions import (
    AuthenticationError,
    AuthorizationError,
    BusyLoadingError,
    ConnectionError,
    DataError,
    ExecAbortError,
    InvalidResponse,
    NoPermissionError,
    NoScriptError,
    PubSubError,
    ReadOnlyError,
    RedisError,
    ResponseError,
    TimeoutError,
    WatchError,
)

__version__ = "4.3.4+playground"

__all__ = [
    "AuthenticationError",
    "AuthorizationError",
    "BusyLoadingError",
    "Connection",
    "ConnectionError",
    "ConnectionPool",
    "DataError",
    "ExecAbortError",
    "InvalidResponse",
    "NoPermissionError",
    "NoScriptError",
    "PubSub",
    "PubSubError",
    "ReadOnlyError",
    "Redis",
    "RedisError",
    "ResponseError",
    "StrictRedis",
    "TimeoutError",
    "WatchError",
    "from_url",
]
