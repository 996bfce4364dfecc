"""RESP2, both ways: commands out as arrays of bulk strings, replies in. The same code reads a
TCP socket (CPython) and the page's channel to the in-browser engine (Pyodide): both only need
`sendall(bytes)` and `recv(n)`."""

from .exceptions import ConnectionError, DataError, InvalidResponse, error_from_reply


class Encoder:
    """Turns arguments into bytes and, with decode_responses, bulk replies into str."""

    def __init__(self, encoding="utf-8", encoding_errors="strict", decode_responses=False):
        self.encoding = encoding
        self.encoding_errors = encoding_errors
        self.decode_responses = decode_responses

    def encode(self, value):
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        # bool is an int, but True would travel as "True": refused, as redis-py refuses it.
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise DataError(
                f"Invalid input of type: '{type(value).__name__}'. "
                "Convert to a bytes, string, int or float first."
            )
        if isinstance(value, (int, float)):
            return repr(value).encode()
        return value.encode(self.encoding, self.encoding_errors)

    def decode(self, value, force=False):
        if (self.decode_responses or force) and isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value).decode(self.encoding, self.encoding_errors)
        return value


def pack_command(encoder, args):
    """One command as a RESP array; a first argument "CONFIG GET" travels as two words."""
    words = []
    first = args[0]
    if isinstance(first, str) and " " in first:
        words.extend(w.encode() for w in first.split())
    else:
        words.append(encoder.encode(first))
    words.extend(encoder.encode(a) for a in args[1:])
    out = [b"*%d\r\n" % len(words)]
    for w in words:
        out.append(b"$%d\r\n" % len(w))
        out.append(w)
        out.append(b"\r\n")
    return b"".join(out)


class Reader:
    """Reads replies from a socket-like object; an error reply comes back as an exception
    instance (raised by the caller where redis-py raises it, kept in a pipeline's list)."""

    def __init__(self, sock, encoder):
        self._sock = sock
        self._encoder = encoder
        self._buf = bytearray()

    def _fill(self):
        data = self._sock.recv(65536)
        if not data:
            raise ConnectionError("Connection closed by server.")
        self._buf += data

    def has_data(self):
        return len(self._buf) > 0

    def _line(self):
        while True:
            i = self._buf.find(b"\r\n")
            if i >= 0:
                line = bytes(self._buf[:i])
                del self._buf[: i + 2]
                return line
            self._fill()

    def _exact(self, n):
        while len(self._buf) < n + 2:
            self._fill()
        data = bytes(self._buf[:n])
        del self._buf[: n + 2]
        return data

    def read(self, decode=True):
        line = self._line()
        if not line:
            raise InvalidResponse("Protocol Error: empty line")
        kind, rest = line[:1], line[1:]
        if kind == b"-":
            return error_from_reply(rest.decode("utf-8", "replace"))
        if kind == b"+":
            return self._encoder.decode(rest) if decode else rest
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self._exact(n)
            return self._encoder.decode(data) if decode else data
        if kind == b"*" or kind == b">":
            n = int(rest)
            if n < 0:
                return None
            return [self.read(decode) for _ in range(n)]
        raise InvalidResponse(f"Protocol Error: {line!r}")
