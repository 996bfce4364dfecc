# Sessions kept in hashes: create, read, delete.
import uuid

from _connect import connect

r = connect()
r.flushdb()


def create_session(user_id: str) -> str:
    session_id = str(uuid.uuid4())
    r.hset(f"sessions:{session_id}", mapping={"user_id": user_id, "theme": "dark"})
    r.expire(f"sessions:{session_id}", 1800)
    return session_id


def get_session(session_id: str) -> dict:
    return r.hgetall(f"sessions:{session_id}")


sid = create_session("alice")
print(get_session(sid))
print(0 < r.ttl(f"sessions:{sid}") <= 1800)
print(r.delete(f"sessions:{sid}"))
print(get_session(sid))
