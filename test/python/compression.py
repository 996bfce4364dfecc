# Binary values: a bz2-compressed blob stored and read back byte for byte.
import bz2

from _connect import connect

r = connect()
r.flushdb()
blob = "i have a lot to talk about" * 10000
packed = bz2.compress(blob.encode("utf-8"))
print(len(blob.encode("utf-8")))
print(r.set("msg:500", packed))
print(len(r.get("msg:500")) == len(packed), r.strlen("msg:500") == len(packed))
print(bz2.decompress(r.get("msg:500")).decode("utf-8") == blob)
print(r.getrange("msg:500", 0, 2))
