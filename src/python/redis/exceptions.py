"""The errors a program sees, named and nested as redis-py names them so that `except` clauses
written for redis-py catch the same things."""

# What `import redis` (and redis.asyncio) exports of them, as redis-py does.
__all__ = [
    "AuthenticationError",
    "AuthorizationError",
    "BusyLoadingError",
    "ConnectionError",
    "DataError",
    "ExecAbortError",
    "InvalidResponse",
    "NoPermissionError",
    "NoScriptError",
    "PubSubError",
    "ReadOnlyError",
    "RedisError",
    "ResponseError",
    "TimeoutError",
    "WatchError",
]


class RedisError(Exception):
    pass


class ConnectionError(RedisError):
    pass


class TimeoutError(RedisError):
    pass


class AuthenticationError(ConnectionError):
    pass


class AuthorizationError(ConnectionError):
    pass


class BusyLoadingError(ConnectionError):
    pass


class InvalidResponse(RedisError):
    pass


class ResponseError(RedisError):
    pass


class DataError(RedisError):
    pass


class PubSubError(RedisError):
    pass


class WatchError(RedisError):
    pass


class NoScriptError(ResponseError):
    pass


class ExecAbortError(ResponseError):
    pass


class ReadOnlyError(ResponseError):
    pass


class NoPermissionError(ResponseError):
    pass


class ModuleError(ResponseError):
    pass


class LockError(RedisError, ValueError):
    pass


class AuthenticationWrongNumberOfArgsError(ResponseError):
    pass


# An error reply's first word picks the class; for these codes the word itself is dropped from
# the message, as redis-py does ("ERR unknown command" reads "unknown command").
_BY_CODE = {
    "ERR": ResponseError,
    "EXECABORT": ExecAbortError,
    "LOADING": BusyLoadingError,
    "NOSCRIPT": NoScriptError,
    "READONLY": ReadOnlyError,
    "NOAUTH": AuthenticationError,
    "NOPERM": NoPermissionError,
}

_ERR_MESSAGES = {
    "max number of clients reached": ConnectionError,
    "Client sent AUTH, but no password is set": AuthenticationError,
    "invalid password": AuthenticationError,
    "wrong number of arguments for 'auth' command": AuthenticationWrongNumberOfArgsError,
    "wrong number of arguments for 'AUTH' command": AuthenticationWrongNumberOfArgsError,
}


def error_from_reply(text):
    """The exception (not raised) for an error reply's text."""
    code = text.split(" ")[0]
    cls = _BY_CODE.get(code)
    if cls is None:
        return ResponseError(text)
    message = text[len(code) + 1 :]
    if code == "ERR":
        cls = _ERR_MESSAGES.get(message, ResponseError)
    return cls(message)
