"""What programs import from redis.utils: this client has no hiredis parser."""

HIREDIS_AVAILABLE = False


def str_if_bytes(value):
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value


def safe_str(value):
    return str(str_if_bytes(value))
