# Optimistic locking: WATCH a balance, change it from another connection, see EXEC refuse.
import redis

from _connect import connect

r = connect()
other = connect()
r.flushdb()
r.set("user:101:balance", 200)

with r.pipeline() as pipe:
    pipe.watch("user:101:balance")
    current = int(pipe.get("user:101:balance"))
    other.incrby("user:101:balance", 50)  # someone else spends first
    pipe.multi()
    pipe.set("user:101:balance", current + 100)
    try:
        pipe.execute()
        print("committed")
    except redis.WatchError:
        print("watch error: retry")

# The retry loop the course shows: try again until nobody interferes.
def add_to_balance(amount: int) -> int:
    with r.pipeline() as pipe:
        while True:
            try:
                pipe.watch("user:101:balance")
                current = int(pipe.get("user:101:balance"))
                pipe.multi()
                pipe.set("user:101:balance", current + amount)
                pipe.execute()
                return current + amount
            except redis.WatchError:
                continue

print(add_to_balance(100))
print(r.get("user:101:balance"))
