"""Connections and the pool, as redis-py shapes them. Where the bytes go depends on where
Python runs: under CPython a TCP socket to host:port; in the browser (Pyodide) a channel to the
playground's own engine, whatever host and port say (the page's `_playground` module)."""

import socket
import sys
from urllib.parse import parse_qs, unquote, urlparse

from . import _resp
from .exceptions import ConnectionError, TimeoutError

IN_BROWSER = sys.platform == "emscripten"


class _TcpSocket:
    def __init__(self, host, port, timeout, connect_timeout):
        try:
            self._sock = socket.create_connection((host, port), timeout=connect_timeout)
        except OSError as e:
            raise ConnectionError(f"Error {e.errno} connecting to {host}:{port}. {e.strerror}.") from None
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock.settimeout(timeout)

    def settimeout(self, timeout):
        self._sock.settimeout(timeout)

    def sendall(self, data):
        self._sock.sendall(data)

    def recv(self, n):
        try:
            return self._sock.recv(n)
        except socket.timeout:
            raise TimeoutError("Timeout reading from socket") from None

    def close(self):
        self._sock.close()


class _BrowserSocket:
    """A connection of the in-browser engine (a client in CLIENT LIST), reached through the
    page: each call waits until the page answers (the runtime's engine.py)."""

    def __init__(self, host, port, timeout, name):
        import engine
        from pyodide.ffi import to_js

        self._call = engine.call
        self._to_js = to_js
        self._timeout = timeout
        self._id = engine.call("open", str(host), int(port), name or "")

    def settimeout(self, timeout):
        self._timeout = timeout

    def sendall(self, data):
        if not self._call("send", self._id, self._to_js(bytes(data))):
            raise ConnectionError("Connection closed by server.")

    def recv(self, n):
        data = self._call("recv", self._id, n, -1 if self._timeout is None else self._timeout)
        if data is None:
            raise TimeoutError("Timeout reading from socket")
        return data.to_bytes()

    def close(self):
        self._call("close", self._id)


def _encoder(options):
    """The encoder a connection's options (redis-py's keyword arguments) ask for."""
    return _resp.Encoder(options.get("encoding", "utf-8"), options.get("encoding_errors", "strict"), options.get("decode_responses", False))


class Connection:
    def __init__(self, host="localhost", port=6379, db=0, password=None, socket_timeout=None, **options):
        self.host = host
        self.port = int(port)
        self.db = int(db)
        self.password = password
        self.username = options.get("username")
        self.socket_timeout = socket_timeout
        self.socket_connect_timeout = options.get("socket_connect_timeout")
        self.client_name = options.get("client_name")
        self.encoder = _encoder(options)
        self._sock = None
        self._reader = None

    def __repr__(self):
        return f"Connection<host={self.host},port={self.port},db={self.db}>"

    def connect(self):
        if self._sock is not None:
            return
        if IN_BROWSER:
            sock = _BrowserSocket(self.host, self.port, self.socket_timeout, self.client_name)
        else:
            sock = _TcpSocket(self.host, self.port, self.socket_timeout, self.socket_connect_timeout)
        self._sock = sock
        self._reader = _resp.Reader(sock, self.encoder)
        try:
            if self.password is not None:
                auth = (self.username, self.password) if self.username else (self.password,)
                self._command_ok("AUTH", *auth)
            if self.client_name:
                self._command_ok("CLIENT", "SETNAME", self.client_name)
            if self.db:
                self._command_ok("SELECT", self.db)
        except BaseException:
            self.disconnect()
            raise

    def _command_ok(self, *args):
        self.send_command(*args)
        reply = self.read_response()
        if isinstance(reply, bytes):
            reply = reply.decode()
        if reply != "OK":
            raise ConnectionError(f"{args[0]} failed: {reply!r}")

    def disconnect(self):
        sock, self._sock, self._reader = self._sock, None, None
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass

    def send_packed_command(self, data):
        if self._sock is None:
            self.connect()
        try:
            self._sock.sendall(data)
        except OSError as e:
            self.disconnect()
            raise ConnectionError(f"Error while writing to socket. {e}") from None
        except BaseException:
            self.disconnect()
            raise

    def send_command(self, *args):
        self.send_packed_command(_resp.pack_command(self.encoder, args))

    def pack_commands(self, commands):
        return b"".join(_resp.pack_command(self.encoder, args) for args in commands)

    def can_read(self, timeout=0):
        """Whether a reply is waiting (within `timeout` seconds)."""
        if self._sock is None:
            self.connect()
        if self._reader.has_data():
            return True
        self._sock.settimeout(timeout)
        try:
            self._reader._fill()
            return True
        except TimeoutError:
            return False
        finally:
            if self._sock is not None:
                self._sock.settimeout(self.socket_timeout)

    def read_response(self, disable_decoding=False):
        try:
            reply = self._reader.read(decode=not disable_decoding)
        except (ConnectionError, TimeoutError, OSError, KeyboardInterrupt):
            # A reply cut in the middle leaves the stream unreadable: start afresh next time.
            self.disconnect()
            raise
        if isinstance(reply, Exception):
            raise reply
        return reply


class ConnectionPool:
    """Hands out connections and takes them back; one is reused for sequential commands."""

    def __init__(self, connection_class=Connection, max_connections=None, **connection_kwargs):
        self.connection_class = connection_class
        self.connection_kwargs = connection_kwargs
        self.max_connections = max_connections or 2**31
        self._available = []
        self._in_use = set()

    @classmethod
    def from_url(cls, url, **kwargs):
        options = _parse_url(url)
        options.update(kwargs)
        return cls(**options)

    def __repr__(self):
        return f"ConnectionPool<{self.connection_class.__name__}<host={self.connection_kwargs.get('host', 'localhost')},port={self.connection_kwargs.get('port', 6379)},db={self.connection_kwargs.get('db', 0)}>>"

    def get_encoder(self):
        return _encoder(self.connection_kwargs)

    def get_connection(self, command_name=None, *keys, **options):
        if self._available:
            conn = self._available.pop()
        else:
            if len(self._in_use) >= self.max_connections:
                raise ConnectionError("Too many connections")
            conn = self.connection_class(**self.connection_kwargs)
        self._in_use.add(conn)
        try:
            conn.connect()
        except BaseException:
            self.release(conn)
            raise
        return conn

    def release(self, connection):
        if connection in self._in_use:
            self._in_use.discard(connection)
            self._available.append(connection)

    def disconnect(self, inuse_connections=True):
        for conn in list(self._available) + (list(self._in_use) if inuse_connections else []):
            conn.disconnect()

    def reset(self):
        self.disconnect()
        self._available = []
        self._in_use = set()


def _parse_url(url):
    parsed = urlparse(url)
    options = {}
    for name, values in parse_qs(parsed.query).items():
        value = unquote(values[0])
        if name in ("decode_responses", "retry_on_timeout"):
            options[name] = value.lower() in ("1", "true", "yes", "on")
        elif name in ("socket_timeout", "socket_connect_timeout"):
            options[name] = float(value)
        elif name in ("db", "max_connections", "health_check_interval"):
            options[name] = int(value)
        else:
            options[name] = value
    if parsed.username:
        options["username"] = unquote(parsed.username)
    if parsed.password:
        options["password"] = unquote(parsed.password)
    if parsed.scheme == "unix":
        options["path"] = unquote(parsed.path)
        return options
    if parsed.hostname:
        options["host"] = unquote(parsed.hostname)
    if parsed.port:
        options["port"] = int(parsed.port)
    if parsed.path and parsed.path != "/" and "db" not in options:
        try:
            options["db"] = int(unquote(parsed.path).lstrip("/"))
        except ValueError:
            pass
    return options


class PythonParser:
    """The name redis-py gives its pure-Python RESP parser; this client has only that one."""


DefaultParser = PythonParser
