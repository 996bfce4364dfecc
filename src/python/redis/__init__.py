"""A redis-py-compatible client written for the Redis playground (our own code; redis-py's
documented behaviour is the spec). Under CPython it speaks RESP over TCP; in the browser the
same code talks to the playground's in-browser engine, whatever host and port say."""

from .client import PubSub, Redis, StrictRedis, from_url
from .connection import Connection, ConnectionPool
from . import exceptions
from .exceptions import *  # noqa: F403 (its __all__)

__version__ = "4.3.4+playground"

__all__ = [*exceptions.__all__, "Connection", "ConnectionPool", "PubSub", "Redis", "StrictRedis", "from_url"]
