# A value that disappears: SETEX for a minute, watch the TTL, shorten it, let it expire.
import time
from datetime import timedelta

from _connect import connect

r = connect()
r.flushdb()
print(r.setex("runner", timedelta(minutes=1), value="now you see me, now you don't"))
print(55 <= r.ttl("runner") <= 60)
print(55_000 <= r.pttl("runner") <= 60_000)
print(r.get("runner"))
print(r.expire("runner", timedelta(seconds=1)))
time.sleep(1.2)
print(r.get("runner"))
print(r.exists("runner"))
print(r.ttl("runner"), r.pttl("runner"))
print(r.set("forever", "x"), r.ttl("forever"), r.persist("forever"))
