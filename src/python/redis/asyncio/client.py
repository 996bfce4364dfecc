"""Redis, Pipeline and PubSub for asyncio programs, over the package's synchronous client.

Every command method of the synchronous Commands is generated here as a coroutine (and each
*_iter generator as an async generator) that runs the synchronous method: one list of
commands, two faces."""

import asyncio
import functools
import inspect
import time as _time

from .. import client as _sync
from ..commands import Commands, Script as _SyncScript
from ..exceptions import NoScriptError, WatchError
from .connection import ConnectionPool, _forward, _sync_pool

__all__ = ["Pipeline", "PubSub", "Redis", "StrictRedis"]

# Blocking waits in pub/sub give the event loop a turn this often (seconds).
_POLL = 0.05

# Not commands, or given their own async shape below.
_NOT_GENERATED = {"register_script"}


def _coroutine(name, method):
    @functools.wraps(method)
    async def command(self, *args, **kwargs):
        return getattr(self._client, name)(*args, **kwargs)

    return command


def _async_generator(name, method):
    @functools.wraps(method)
    async def walk(self, *args, **kwargs):
        for item in getattr(self._client, name)(*args, **kwargs):
            yield item

    return walk


def _with_async_commands(cls):
    """Adds to `cls` a coroutine for each public method of the synchronous Commands."""
    for name, method in vars(Commands).items():
        if name.startswith("_") or name in _NOT_GENERATED or not callable(method) or name in vars(cls):
            continue
        make = _async_generator if inspect.isgeneratorfunction(method) else _coroutine
        setattr(cls, name, make(name, method))
    return cls


class _SelfAwaiting:
    """`await r` and `async with r` give the object itself, as redis-py's asyncio clients do."""

    def __repr__(self):
        return f"{type(self).__name__}<{self.connection_pool!r}>"

    def __await__(self):
        return self.initialize().__await__()

    async def initialize(self):
        return self

    async def __aenter__(self):
        return self


@_with_async_commands
class Redis(_SelfAwaiting):
    """A client whose commands are awaited: `await r.get("k")`."""

    @classmethod
    def from_url(cls, url, **kwargs):
        options = _sync._parse_url(url)
        options.update(kwargs)
        return cls(**options)

    def __init__(self, host="localhost", port=6379, db=0, password=None, socket_timeout=None, *, connection_pool=None, single_connection_client=False, auto_close_connection_pool=True, **options):
        if connection_pool is None:
            connection_pool = ConnectionPool(host=host, port=port, db=db, password=password, socket_timeout=socket_timeout, **options)
        else:
            # A pool the program made is the program's to close.
            auto_close_connection_pool = False
        self.connection_pool = connection_pool
        self.auto_close_connection_pool = auto_close_connection_pool
        self._client = _sync.Redis(connection_pool=_sync_pool(connection_pool), single_connection_client=single_connection_client)

    async def __aexit__(self, *exc):
        await self.close()

    async def close(self, close_connection_pool=None):
        client = self._client
        conn, client.connection = client.connection, None
        if conn is not None:
            client.connection_pool.release(conn)
        if close_connection_pool or (close_connection_pool is None and self.auto_close_connection_pool):
            client.connection_pool.disconnect()

    # redis-py 5 names it aclose (close stays as an alias there).
    aclose = close

    response_callbacks = _forward("_client", "response_callbacks")

    def set_response_callback(self, command, callback):
        self._client.set_response_callback(command, callback)

    def get_encoder(self):
        return self._client.get_encoder()

    async def execute_command(self, *args, **options):
        return self._client.execute_command(*args, **options)

    def register_script(self, script):
        return Script(self, script)

    def pipeline(self, transaction=True, shard_hint=None):
        return Pipeline(self, transaction)

    async def transaction(self, func, *watches, shard_hint=None, value_from_callable=False, watch_delay=None):
        """Runs `func(pipe)` (a function or a coroutine function) and the pipeline, again while a
        watched key changes under it."""
        async with self.pipeline(True) as pipe:
            while True:
                try:
                    if watches:
                        await pipe.watch(*watches)
                    value = func(pipe)
                    if inspect.isawaitable(value):
                        value = await value
                    results = await pipe.execute()
                    return value if value_from_callable else results
                except WatchError:
                    if watch_delay:
                        await asyncio.sleep(watch_delay)

    def pubsub(self, **kwargs):
        return PubSub(self.connection_pool, **kwargs)


StrictRedis = Redis


class Pipeline(_SelfAwaiting, Commands):
    """Queued commands: each command method queues and returns the pipeline (awaiting it gives
    the pipeline back); `await pipe.execute()` sends them. After `await pipe.watch(...)`
    commands run at once, and are awaited for their replies, until `pipe.multi()`."""

    def __init__(self, client, transaction=True):
        self.connection_pool = client.connection_pool
        self._pipe = _sync.Pipeline(client._client.connection_pool, client.response_callbacks, transaction)

    async def __aexit__(self, *exc):
        await self.reset()

    def __len__(self):
        return len(self._pipe)

    def __bool__(self):
        return True

    command_stack = _forward("_pipe", "command_stack")
    scripts = _forward("_pipe", "scripts")
    watching = _forward("_pipe", "watching")
    explicit_transaction = _forward("_pipe", "explicit_transaction")
    transaction = _forward("_pipe", "transaction")

    def execute_command(self, *args, **options):
        pipe = self._pipe
        if (pipe.watching or args[0] == "WATCH") and not pipe.explicit_transaction:
            return self.immediate_execute_command(*args, **options)
        pipe.command_stack.append((args, options))
        return self

    async def immediate_execute_command(self, *args, **options):
        return self._pipe.immediate_execute_command(*args, **options)

    def multi(self):
        self._pipe.multi()

    async def watch(self, *names):
        return self._pipe.watch(*names)

    async def unwatch(self):
        return self._pipe.unwatch()

    async def discard(self):
        self._pipe.discard()

    async def execute(self, raise_on_error=True):
        return self._pipe.execute(raise_on_error)

    async def reset(self):
        self._pipe.reset()

    def register_script(self, script):
        return Script(self, script)


class Script(_SyncScript):
    """What register_script returns here: awaited, it runs the script (EVALSHA, and SCRIPT LOAD
    when the server lacks it); given a pipeline, it queues there."""

    async def __call__(self, keys=None, args=None, client=None):
        keys = list(keys or [])
        args = list(args or [])
        client = self.registered_client if client is None else client
        if isinstance(client, Pipeline):
            # A pipeline loads its scripts before it sends anything.
            client.scripts.add(self)
        try:
            return await client.evalsha(self.sha, len(keys), *keys, *args)
        except NoScriptError:
            self.sha = await client.script_load(self.script)
            return await client.evalsha(self.sha, len(keys), *keys, *args)


class PubSub:
    """Subscriptions for asyncio programs. Waiting for a message gives the event loop a turn
    every few milliseconds, so another task (a publisher) can run meanwhile."""

    def __init__(self, connection_pool, ignore_subscribe_messages=False, **kwargs):
        self.connection_pool = connection_pool
        self._ps = _sync.PubSub(_sync_pool(connection_pool), ignore_subscribe_messages=ignore_subscribe_messages, **kwargs)
        # Coroutines started by async handlers, awaited before the message call returns.
        self._started = []

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.reset()

    connection = _forward("_ps", "connection")
    channels = _forward("_ps", "channels")
    patterns = _forward("_ps", "patterns")
    subscribed = _forward("_ps", "subscribed")

    async def reset(self):
        self._ps.reset()

    close = reset
    aclose = reset

    def _handlers(self, kwargs):
        """Handlers as the synchronous PubSub calls them; an async one's coroutine is kept."""

        def wrap(handler):
            def call(message):
                result = handler(message)
                if inspect.isawaitable(result):
                    self._started.append(result)

            return call

        return {name: wrap(handler) if handler is not None else None for name, handler in kwargs.items()}

    async def subscribe(self, *args, **kwargs):
        self._ps.subscribe(*args, **self._handlers(kwargs))

    async def psubscribe(self, *args, **kwargs):
        self._ps.psubscribe(*args, **self._handlers(kwargs))

    async def unsubscribe(self, *args):
        self._ps.unsubscribe(*args)

    async def punsubscribe(self, *args):
        self._ps.punsubscribe(*args)

    async def ping(self, message=None):
        self._ps.ping(message)

    async def _reply(self, timeout):
        """The next reply within `timeout` seconds (None: no limit), else None. The wait is cut
        into short blocking reads with a turn of the event loop between them."""
        conn = self._ps.connection
        if conn is None:
            raise RuntimeError("pubsub connection not set: did you forget to call subscribe() or psubscribe()?")
        deadline = None if timeout is None else _time.monotonic() + timeout
        while True:
            left = _POLL if deadline is None else min(_POLL, max(0.0, deadline - _time.monotonic()))
            if conn.can_read(timeout=left):
                return conn.read_response()
            if deadline is not None and _time.monotonic() >= deadline:
                return None
            await asyncio.sleep(0)

    async def _handle(self, reply, ignore_subscribe_messages=False):
        message = self._ps.handle_message(reply, ignore_subscribe_messages)
        started, self._started = self._started, []
        for coroutine in started:
            await coroutine
        return message

    async def handle_message(self, response, ignore_subscribe_messages=False):
        return await self._handle(response, ignore_subscribe_messages)

    async def get_message(self, ignore_subscribe_messages=False, timeout=0.0):
        if not self._ps.subscribed and self._ps.connection is None:
            # Nothing to wait for: the timeout passes and the answer is None.
            if timeout:
                await asyncio.sleep(timeout)
            return None
        reply = await self._reply(timeout)
        if reply is None:
            return None
        return await self._handle(reply, ignore_subscribe_messages)

    async def listen(self):
        while self._ps.subscribed:
            message = await self._handle(await self._reply(None))
            if message is not None:
                yield message

    async def run(self, *, exception_handler=None, poll_timeout=1.0):
        """Calls the handlers of the messages that arrive, until unsubscribed or cancelled."""
        for name, handler in list(self.channels.items()) + list(self.patterns.items()):
            if handler is None:
                from ..exceptions import PubSubError

                raise PubSubError(f"Channel: '{name}' has no handler registered")
        while self.subscribed:
            try:
                await self.get_message(ignore_subscribe_messages=True, timeout=poll_timeout)
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except BaseException as e:
                if exception_handler is None:
                    raise
                result = exception_handler(e, self)
                if inspect.isawaitable(result):
                    await result
