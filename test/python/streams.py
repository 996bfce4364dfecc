# Streams as the course shows them: r.xadd('stream', {...}) with an automatic ID, then
# r.xrange('stream', '-', '+'). Automatic IDs carry the server's clock, so they are checked for
# shape and order and printed as placeholders; explicit IDs then show the rest byte for byte.
import re

from _connect import connect

r = connect()
r.flushdb()

# --- the course example ---------------------------------------------------------------------------
first = r.xadd("stream", {"name": "Alice", "age": 30})
messages = r.xrange("stream", "-", "+")
ID = re.compile(rb"^\d+-\d+$")
print("auto id looks like ms-seq:", bool(ID.match(first)))
print("xrange returns it:", messages[0][0] == first)
print("messages:", [("<id>", fields) for _, fields in messages])

second = r.xadd("stream", {"name": "Bob", "age": 25})
ms1, seq1 = map(int, first.split(b"-"))
ms2, seq2 = map(int, second.split(b"-"))
print("ids grow:", (ms2, seq2) > (ms1, seq1))
print("xlen:", r.xlen("stream"))

# --- the same with explicit IDs: every reply can be printed ----------------------------------------
r.delete("events")
print(r.xadd("events", {"name": "Alice", "age": 30}, id="1700000000000-0"))
print(r.xadd("events", {"name": "Bob", "age": 25}, id="1700000000000-*"))
print(r.xadd("events", {"name": "Carol", "age": 41}, id="1700000000001-0"))
print(r.xrange("events", "-", "+"))
print(r.xrange("events", "1700000000000-1", "+", count=1))
print(r.xrevrange("events", "+", "-", count=2))
print(r.xread({"events": "1700000000000-0"}, count=10))
print(r.xlen("events"))

# A consumer group reads what is new, acknowledges, and the pending list empties.
print(r.xgroup_create("events", "workers", id="0"))
batch = r.xreadgroup("workers", "w1", {"events": ">"}, count=2)
print(batch)
print(r.xpending("events", "workers")["pending"])
print(r.xack("events", "workers", *[mid for mid, _ in batch[0][1]]))
print(r.xpending("events", "workers")["pending"])
print(r.xtrim("events", maxlen=1))  # approximate: whole nodes only, nothing goes
print(r.xtrim("events", maxlen=1, approximate=False))
print(r.xrange("events"))
try:
    r.xadd("events", {"x": 1}, id="1-1")
except Exception as e:  # the ID must grow
    print(type(e).__name__, e)
