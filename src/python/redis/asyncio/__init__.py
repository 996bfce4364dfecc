"""redis.asyncio: the same client with awaitable methods, as redis-py's asyncio API shapes it.

Underneath, the connections are the synchronous ones of the package (in the browser a call
waits in Atomics.wait until the page answers): an awaited command runs to its reply inside the
coroutine without giving the event loop a turn. Only pub/sub's waits (get_message with a
timeout, listen) hand the loop a turn every few milliseconds, so a publisher task can run."""

from .. import exceptions
from ..exceptions import *  # noqa: F403 (its __all__)
from .client import Pipeline, PubSub, Redis, StrictRedis
from .connection import Connection, ConnectionPool
from .utils import from_url

__all__ = [*exceptions.__all__, "Connection", "ConnectionPool", "Pipeline", "PubSub", "Redis", "StrictRedis", "from_url"]
