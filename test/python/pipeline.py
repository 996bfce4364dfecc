# A balance set, raised and read in one round trip: a plain pipeline, then a MULTI/EXEC one.
from _connect import connect

r = connect()
r.flushdb()
for transaction in (False, True):
    pipe = r.pipeline(transaction=transaction)
    pipe.set("user:101:balance", 200)
    pipe.incrby("user:101:balance", 100)
    pipe.get("user:101:balance")
    print("transaction" if transaction else "pipeline", pipe.execute())

# A transaction with a command that fails at run time: the others still apply.
pipe = r.pipeline(transaction=True)
pipe.set("greeting", "hi")
pipe.incr("greeting")
pipe.get("greeting")
print(pipe.execute(raise_on_error=False))
