# Nested data in flat keys: JSON in one string, or one key per leaf joined with ':'.
import json
from collections.abc import MutableMapping

from _connect import connect

r = connect()
r.flushdb()
restaurant_484272 = {
    "name": "Ravagh",
    "type": "Persian",
    "address": {
        "street": {"line1": "11 E 30th St", "line2": "APT 1"},
        "city": "New York",
        "state": "NY",
        "zip": 10016,
    },
}

print(r.set(484272, json.dumps(restaurant_484272)))
print(json.loads(r.get(484272)) == restaurant_484272)


def set_flat(obj: dict, prefix, delim: str = ":", path: str = "") -> None:
    for key, value in obj.items():
        name = path + key
        if isinstance(value, MutableMapping):
            set_flat(value, prefix, delim, name + delim)
        else:
            r.set(f"{prefix}{delim}{name}", value)


r.flushdb()
set_flat(restaurant_484272, 484272)
for key in sorted(r.keys("484272*")):
    print(f"{repr(key):35}{repr(r.get(key)):15}")
print(r.get("484272:address:street:line1"))
print(r.type("484272:address:zip"), r.strlen("484272:name"))
