# Several capitals at once with MSET, then one back with GET: bytes until decoded.
from _connect import connect

r = connect()
r.flushdb()
print(r.mset({"Croatia": "Zagreb", "Bahamas": "Nassau"}))
print(r.get("Bahamas"))
print(r.get("Bahamas").decode("utf-8"))
print(r.mget("Croatia", "Bahamas", "Atlantis"))
