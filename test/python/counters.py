# Strings as names, scores with an expiry, and atomic counters.
from _connect import connect

r = connect()
r.flushdb()
print(r.set("user:1:name", "Alice"))
print(r.set("user:1:score", 100, ex=3600))
print(r.get("user:1:name"))
print(r.ttl("user:1:score") in range(3595, 3601))
print(r.incr("visit_count"))
print(r.incrby("visit_count", 5))
print(r.decr("visit_count"))
print(r.incrbyfloat("ratio", 0.1))
print(r.incrbyfloat("ratio", 0.2))
print(r.get("ratio"))
