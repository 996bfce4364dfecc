# PyHats: hats in hashes, bought with WATCH/MULTI so that two buyers never take the last one.
import redis

from _connect import connect

r = connect(db=1)
r.flushdb()
hats = {
    "hat:1236154736": {"color": "black", "price": 49.99, "style": "fitted", "quantity": 1000, "npurchased": 0},
    "hat:56854717": {"color": "maroon", "price": 59.99, "style": "hipster", "quantity": 500, "npurchased": 0},
    "hat:1326692461": {"color": "green", "price": 99.99, "style": "baseball", "quantity": 2, "npurchased": 0},
}
with r.pipeline() as pipe:
    for hat_id, hat in hats.items():
        pipe.hset(hat_id, mapping=hat)
    print(pipe.execute())
print(r.hgetall("hat:56854717"))
print(sorted(r.keys()))
print(r.hincrby("hat:56854717", "quantity", -1), r.hget("hat:56854717", "quantity"))
print(r.hincrby("hat:56854717", "npurchased", 1))


class OutOfStockError(Exception):
    pass


def buy_item(item_id: str) -> None:
    with r.pipeline() as pipe:
        while True:
            try:
                pipe.watch(item_id)
                left = int(r.hget(item_id, "quantity"))
                if left <= 0:
                    pipe.unwatch()
                    raise OutOfStockError(f"Sorry, {item_id} is out of stock!")
                pipe.multi()
                pipe.hincrby(item_id, "quantity", -1)
                pipe.hincrby(item_id, "npurchased", 1)
                pipe.execute()
                return
            except redis.WatchError:
                continue


for _ in range(3):
    try:
        buy_item("hat:1326692461")
        print("bought")
    except OutOfStockError as e:
        print(e)
print(r.hmget("hat:1326692461", "quantity", "npurchased"))
