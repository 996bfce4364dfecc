# Cache-aside: compute on a miss, keep the result with a TTL, serve hits from Redis.
import json

from _connect import connect

r = connect()
r.flushdb()
computed = []


def compute_expensive_data() -> bytes:
    computed.append(1)  # stands in for a slow query
    return b"computed_data"


def get_data(key: str) -> bytes:
    data = r.get(key)
    if data:
        return data
    data = compute_expensive_data()
    r.set(key, data, ex=60)
    return data


print(get_data("my_key"))  # miss: computed
print(get_data("my_key"))  # hit: from Redis
print("computed", len(computed), "time(s)")
print("ttl within a minute:", 0 < r.ttl("my_key") <= 60)

PRODUCTS = {7: {"id": 7, "name": "keyboard", "price": 35000}}


def get_product(product_id: int):
    cache_key = f"product:{product_id}"
    cached = r.get(cache_key)
    if cached:
        return json.loads(cached)
    product = PRODUCTS.get(product_id)
    if product is None:
        return None
    r.set(cache_key, json.dumps(product), ex=300)
    return product


print(get_product(7))
print(r.get("product:7"))
print(get_product(7))
print(get_product(8))
print(sorted(r.keys("product:*")))
