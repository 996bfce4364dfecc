"""What programs import from redis.asyncio.utils."""


def from_url(url, **kwargs):
    from .client import Redis

    return Redis.from_url(url, **kwargs)
