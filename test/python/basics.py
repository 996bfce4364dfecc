# Keys and values from Python: store a greeting and a number, read them back, delete them.
from _connect import connect

r = connect()
r.flushdb()
print(r.set("mykey", "Hello, Redis!"))
print(r.set("mynum", 100))
print(r.get("mykey"))
print(r.get("mynum"))
print(r.get("mything"))  # a missing key reads as None
print(sorted(r.keys("*")))  # KEYS has no fixed order; sort to compare
print(r.delete("mykey"))
print(r.delete("mynum"))
print(r.delete("mything"))  # deleting a missing key counts 0
print(r.keys("*"))
