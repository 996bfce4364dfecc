# Snapshots: LASTSAVE moves forward after a save.
import time

from _connect import connect

r = connect()
r.flushdb()
r.set("greeting", "hello")
before = r.lastsave()
time.sleep(1.1)
print(r.save())
after = r.lastsave()
print(type(before).__name__, after > before)
print(r.dbsize())
