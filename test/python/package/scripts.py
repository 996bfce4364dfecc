# Scripts and functions through the package: register_script's SHA and its reload after SCRIPT
# FLUSH, scripts in a pipeline and in a transaction, and FUNCTION LOAD / FCALL / FUNCTION LIST.
import sys

sys.path.insert(0, __file__.rsplit("/", 2)[0])

import redis

from _connect import connect

r = connect(db=2)
r.flushdb()
r.script_flush()
r.function_flush()

counter = r.register_script("return redis.call('INCRBY', KEYS[1], ARGV[1])")
print(repr(counter.sha))
print(repr(counter(keys=["visits"], args=[2])))
print(repr(r.script_exists(counter.sha)))
r.script_flush()
print(repr(r.script_exists(counter.sha)))
print(repr(counter(keys=["visits"], args=[3])), repr(r.script_exists(counter.sha)))

r.script_flush()
for transaction in (False, True):
    pipe = r.pipeline(transaction=transaction)
    counter(keys=["visits"], args=[10], client=pipe)
    pipe.get("visits")
    counter(keys=["other"], args=[1], client=pipe)
    print(transaction, repr(pipe.execute()))

print(repr(r.eval_ro("return redis.call('GET', KEYS[1])", 1, "visits")))
try:
    r.eval_ro("return redis.call('SET', KEYS[1], 'x')", 1, "visits")
except redis.exceptions.ResponseError as e:
    print("ResponseError", str(e).split(" script:")[0])
try:
    r.evalsha("0" * 40, 0)
except redis.exceptions.NoScriptError as e:
    print("NoScriptError", e)

LIB = """#!lua name=shop
redis.register_function('stock', function(keys, args)
  return redis.call('HINCRBY', keys[1], 'quantity', tonumber(args[1]))
end)
redis.register_function{function_name='peek', callback=function(keys) return redis.call('HGET', keys[1], 'quantity') end, flags={'no-writes'}}
"""
print(repr(r.function_load(LIB)))
try:
    r.function_load(LIB)
except redis.exceptions.ResponseError as e:
    print("ResponseError", e)
print(repr(r.function_load(LIB, replace=True)))
print(repr(r.fcall("stock", 1, "hat:1", 5)), repr(r.fcall_ro("peek", 1, "hat:1")))
try:
    r.fcall_ro("stock", 1, "hat:1", 1)
except redis.exceptions.ResponseError as e:
    print("ResponseError", e)
listing = r.function_list(withcode=True)
lib = listing[0]
print(len(listing), lib[0], repr(lib[1]), lib[2], repr(lib[3]), lib[6] == LIB.encode())
print(sorted(repr(f) for f in lib[5]))
print(repr(r.function_stats()))
print(repr(r.function_delete("shop")), repr(r.function_list()))
r.function_flush()
