"""Shared by the example scripts: connect to the server named by REDIS_PORT (default 6379)."""
import os

import redis


def connect(db: int = 0) -> redis.Redis:
    return redis.Redis(host="127.0.0.1", port=int(os.environ.get("REDIS_PORT", "6379")), db=db)
