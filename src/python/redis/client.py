"""Redis, its pipelines and pub/sub: the client objects a redis-py program builds."""

import threading
import time as _time

from . import _replies
from .commands import Commands
from .connection import ConnectionPool, _parse_url
from .exceptions import ConnectionError, ExecAbortError, PubSubError, RedisError, ResponseError, TimeoutError, WatchError


class Redis(Commands):
    """A client: commands go out on a connection of its pool, replies come back converted."""

    @classmethod
    def from_url(cls, url, **kwargs):
        options = _parse_url(url)
        options.update(kwargs)
        return cls(**options)

    def __init__(self, host="localhost", port=6379, db=0, password=None, socket_timeout=None, *, connection_pool=None, single_connection_client=False, **options):
        # The other options (decode_responses, encoding, username, client_name, max_connections...)
        # are the pool's and its connections', as in redis-py.
        if connection_pool is None:
            connection_pool = ConnectionPool(host=host, port=port, db=db, password=password, socket_timeout=socket_timeout, **options)
        self.connection_pool = connection_pool
        self.connection = connection_pool.get_connection("_") if single_connection_client else None
        self.response_callbacks = dict(_replies.CALLBACKS)

    def __repr__(self):
        return f"{type(self).__name__}<{self.connection_pool!r}>"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        conn, self.connection = self.connection, None
        if conn is not None:
            self.connection_pool.release(conn)
        self.connection_pool.disconnect()

    def get_encoder(self):
        return self.connection_pool.get_encoder()

    def set_response_callback(self, command, callback):
        self.response_callbacks[command] = callback

    def _convert(self, command_name, reply, options):
        fn = self.response_callbacks.get(command_name)
        if fn is None:
            return reply
        if fn is _replies.CALLBACKS.get(command_name):
            return _replies.convert(command_name, reply, options)
        return fn(reply, **options)

    def execute_command(self, *args, **options):
        pool = self.connection_pool
        conn = self.connection or pool.get_connection(args[0])
        try:
            conn.send_command(*args)
            return self.parse_response(conn, args[0], **options)
        finally:
            if self.connection is None:
                pool.release(conn)

    def parse_response(self, connection, command_name, **options):
        reply = connection.read_response()
        return self._convert(command_name, reply, options)

    def pipeline(self, transaction=True, shard_hint=None):
        return Pipeline(self.connection_pool, self.response_callbacks, transaction)

    def transaction(self, func, *watches, value_from_callable=False, watch_delay=None, **kwargs):
        with self.pipeline(True) as pipe:
            while True:
                try:
                    if watches:
                        pipe.watch(*watches)
                    value = func(pipe)
                    results = pipe.execute()
                    return value if value_from_callable else results
                except WatchError:
                    if watch_delay:
                        _time.sleep(watch_delay)

    def pubsub(self, **kwargs):
        return PubSub(self.connection_pool, **kwargs)


StrictRedis = Redis


def from_url(url, **kwargs):
    return Redis.from_url(url, **kwargs)


class Pipeline(Redis):
    """Commands queued and sent together; with transaction=True wrapped in MULTI/EXEC. After
    watch() commands run at once until multi()."""

    UNWATCH_COMMANDS = {"DISCARD", "EXEC", "UNWATCH"}

    def __init__(self, connection_pool, response_callbacks, transaction):
        self.connection_pool = connection_pool
        self.connection = None
        self.response_callbacks = response_callbacks
        self.transaction = transaction
        self.command_stack = []
        self.watching = False
        self.explicit_transaction = False
        self.scripts = set()

    def __exit__(self, *exc):
        self.reset()

    def __del__(self):
        try:
            self.reset()
        except Exception:
            pass

    def __len__(self):
        return len(self.command_stack)

    def __bool__(self):
        return True

    def reset(self):
        self.command_stack = []
        self.scripts = set()
        if self.watching and self.connection is not None:
            try:
                self.connection.send_command("UNWATCH")
                self.connection.read_response()
            except ConnectionError:
                self.connection.disconnect()
        self.watching = False
        self.explicit_transaction = False
        if self.connection is not None:
            self.connection_pool.release(self.connection)
            self.connection = None

    def multi(self):
        if self.explicit_transaction:
            raise RedisError("Cannot issue nested calls to MULTI")
        if self.command_stack:
            raise RedisError("Commands without an initial WATCH have already been issued")
        self.explicit_transaction = True

    def execute_command(self, *args, **options):
        if (self.watching or args[0] == "WATCH") and not self.explicit_transaction:
            return self.immediate_execute_command(*args, **options)
        self.command_stack.append((args, options))
        return self

    def immediate_execute_command(self, *args, **options):
        if self.connection is None:
            self.connection = self.connection_pool.get_connection(args[0])
        conn = self.connection
        try:
            conn.send_command(*args)
            return self.parse_response(conn, args[0], **options)
        except ConnectionError:
            conn.disconnect()
            if self.watching:
                self.reset()
                raise WatchError("A ConnectionError occurred on while watching one or more keys") from None
            raise

    def parse_response(self, connection, command_name, **options):
        result = Redis.parse_response(self, connection, command_name, **options)
        if command_name in self.UNWATCH_COMMANDS:
            self.watching = False
        elif command_name == "WATCH":
            self.watching = True
        return result

    def watch(self, *names):
        if self.explicit_transaction:
            raise RedisError("Cannot issue a WATCH after a MULTI")
        return self.execute_command("WATCH", *names)

    def unwatch(self):
        return self.watching and self.execute_command("UNWATCH") or True

    def discard(self):
        self.execute_command("DISCARD")

    def execute(self, raise_on_error=True):
        stack = self.command_stack
        if not stack and not self.watching:
            return []
        if self.connection is None:
            self.connection = self.connection_pool.get_connection("MULTI")
        conn = self.connection
        if self.scripts:
            self._load_scripts(conn)
        try:
            if self.transaction or self.explicit_transaction:
                return self._execute_transaction(conn, stack, raise_on_error)
            return self._execute_pipeline(conn, stack, raise_on_error)
        except ConnectionError:
            conn.disconnect()
            if self.watching:
                raise WatchError("A ConnectionError occurred on while watching one or more keys") from None
            raise
        finally:
            self.reset()

    def _load_scripts(self, conn):
        """SCRIPT LOAD for each registered script the server does not have yet."""
        scripts = list(self.scripts)
        conn.send_command("SCRIPT EXISTS", *[s.sha for s in scripts])
        exists = self.parse_response(conn, "SCRIPT EXISTS")
        for script, known in zip(scripts, exists):
            if not known:
                conn.send_command("SCRIPT LOAD", script.script)
                script.sha = self.parse_response(conn, "SCRIPT LOAD")

    def _execute_transaction(self, conn, commands, raise_on_error):
        conn.send_packed_command(conn.pack_commands([("MULTI",)] + [args for args, _ in commands] + [("EXEC",)]))
        errors = []
        try:
            conn.read_response()
        except ResponseError as e:
            errors.append((0, e))
        for i, (args, _) in enumerate(commands):
            try:
                conn.read_response()
            except ResponseError as e:
                self._annotate(e, i + 1, args)
                errors.append((i, e))
        try:
            replies = conn.read_response()
        except ExecAbortError:
            if errors:
                raise errors[0][1] from None
            raise
        self.watching = False
        if replies is None:
            raise WatchError("Watched variable changed.")
        for i, e in errors:
            replies.insert(i, e)
        if len(replies) != len(commands):
            conn.disconnect()
            raise ResponseError("Wrong number of response items from pipeline execution")
        if raise_on_error:
            self._raise_first_error(commands, replies)
        out = []
        for reply, (args, options) in zip(replies, commands):
            out.append(reply if isinstance(reply, Exception) else self._convert(args[0], reply, options))
        return out

    def _execute_pipeline(self, conn, commands, raise_on_error):
        conn.send_packed_command(conn.pack_commands([args for args, _ in commands]))
        out = []
        for args, options in commands:
            try:
                out.append(self.parse_response(conn, args[0], **options))
            except ResponseError as e:
                out.append(e)
        if raise_on_error:
            self._raise_first_error(commands, out)
        return out

    def _raise_first_error(self, commands, replies):
        for i, reply in enumerate(replies):
            if isinstance(reply, ResponseError):
                self._annotate(reply, i + 1, commands[i][0])
                raise reply

    @staticmethod
    def _annotate(exception, number, args):
        words = " ".join(a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a) for a in args)
        exception.args = (f"Command # {number} ({words}) of pipeline caused error: {exception.args[0]}",) + exception.args[1:]


class PubSub:
    """Subscriptions on a connection of their own; messages as dicts, as redis-py gives them."""

    PUBLISH_TYPES = ("message", "pmessage")
    UNSUBSCRIBE_TYPES = ("unsubscribe", "punsubscribe")

    def __init__(self, connection_pool, ignore_subscribe_messages=False, **_ignored):
        self.connection_pool = connection_pool
        self.ignore_subscribe_messages = ignore_subscribe_messages
        self.encoder = connection_pool.get_encoder()
        self.connection = None
        self.channels = {}
        self.patterns = {}
        self.pending_unsubscribe_channels = set()
        self.pending_unsubscribe_patterns = set()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.reset()

    def reset(self):
        if self.connection is not None:
            self.connection.disconnect()
            self.connection_pool.release(self.connection)
            self.connection = None
        self.channels = {}
        self.patterns = {}
        self.pending_unsubscribe_channels = set()
        self.pending_unsubscribe_patterns = set()

    close = reset

    @property
    def subscribed(self):
        return bool(self.channels or self.patterns)

    def execute_command(self, *args):
        if self.connection is None:
            self.connection = self.connection_pool.get_connection("pubsub")
        self.connection.send_command(*args)

    def _key(self, name):
        # Channels are remembered by their bytes, or str with decode_responses, as replies name them.
        return self.encoder.decode(self.encoder.encode(name))

    def _subscribe(self, command, table, pending, args, kwargs):
        # Names given as keywords come with a handler; positional ones have none.
        names = dict.fromkeys(args)
        names.update(kwargs)
        self.execute_command(command, *names.keys())
        for name, handler in names.items():
            table[self._key(name)] = handler
            pending.discard(self._key(name))

    def subscribe(self, *args, **kwargs):
        self._subscribe("SUBSCRIBE", self.channels, self.pending_unsubscribe_channels, args, kwargs)

    def psubscribe(self, *args, **kwargs):
        self._subscribe("PSUBSCRIBE", self.patterns, self.pending_unsubscribe_patterns, args, kwargs)

    def unsubscribe(self, *args):
        names = args or list(self.channels)
        self.pending_unsubscribe_channels.update(self._key(n) for n in names)
        self.execute_command("UNSUBSCRIBE", *args)

    def punsubscribe(self, *args):
        names = args or list(self.patterns)
        self.pending_unsubscribe_patterns.update(self._key(n) for n in names)
        self.execute_command("PUNSUBSCRIBE", *args)

    def ping(self, message=None):
        self.execute_command("PING", *([message] if message is not None else []))

    def parse_response(self, block=True, timeout=0):
        conn = self.connection
        if conn is None:
            raise RuntimeError("pubsub connection not set: did you forget to call subscribe() or psubscribe()?")
        if not block and not conn.can_read(timeout=timeout):
            return None
        return conn.read_response()

    def get_message(self, ignore_subscribe_messages=False, timeout=0.0):
        if not self.subscribed and self.connection is None:
            # Nothing to wait for: redis-py sleeps out the timeout and answers None.
            if timeout:
                _time.sleep(timeout)
            return None
        reply = self.parse_response(block=(timeout is None), timeout=timeout)
        if reply is None:
            return None
        return self.handle_message(reply, ignore_subscribe_messages)

    def listen(self):
        while self.subscribed:
            reply = self.parse_response(block=True)
            message = self.handle_message(reply)
            if message is not None:
                yield message

    def handle_message(self, reply, ignore_subscribe_messages=False):
        kind = _replies.as_str(reply[0])
        if kind == "pmessage":
            message = {"type": kind, "pattern": reply[1], "channel": reply[2], "data": reply[3]}
        elif kind == "pong":
            message = {"type": kind, "pattern": None, "channel": None, "data": reply[1]}
        else:
            message = {"type": kind, "pattern": None, "channel": reply[1], "data": reply[2]}
        if kind in self.UNSUBSCRIBE_TYPES:
            if kind == "punsubscribe":
                if reply[1] in self.pending_unsubscribe_patterns:
                    self.pending_unsubscribe_patterns.discard(reply[1])
                    self.patterns.pop(reply[1], None)
            elif reply[1] in self.pending_unsubscribe_channels:
                self.pending_unsubscribe_channels.discard(reply[1])
                self.channels.pop(reply[1], None)
        if kind in self.PUBLISH_TYPES:
            handler = self.patterns.get(message["pattern"]) if kind == "pmessage" else self.channels.get(message["channel"])
            if handler:
                handler(message)
                return None
        elif kind != "pong" and (ignore_subscribe_messages or self.ignore_subscribe_messages):
            return None
        return message

    def run_in_thread(self, sleep_time=0, daemon=False, exception_handler=None):
        for name, handler in list(self.channels.items()) + list(self.patterns.items()):
            if handler is None:
                raise PubSubError(f"Channel: '{name}' has no handler registered")
        thread = PubSubWorkerThread(self, sleep_time, daemon, exception_handler)
        thread.start()
        return thread


class PubSubWorkerThread(threading.Thread):
    def __init__(self, pubsub, sleep_time, daemon=False, exception_handler=None):
        super().__init__(daemon=daemon)
        self.pubsub = pubsub
        self.sleep_time = sleep_time
        self.exception_handler = exception_handler
        self._running = threading.Event()

    def run(self):
        if self._running.is_set():
            return
        self._running.set()
        while self._step(self.sleep_time):
            pass

    def _step(self, timeout):
        """One turn of the loop, waiting at most `timeout` seconds for a message; False once
        stopped (the pubsub then closed). The browser's Python, which has no threads, calls it
        while the program waits (runtime/threads.py)."""
        if not self._running.is_set():
            self.pubsub.close()
            return False
        try:
            self.pubsub.get_message(ignore_subscribe_messages=True, timeout=timeout)
        except BaseException as e:
            if self.exception_handler is None:
                raise
            self.exception_handler(e, self.pubsub, self)
        return True

    def stop(self):
        self._running.clear()
