# The scripting lesson's Python: a rate limiter as one script, cached and called by SHA, a lock
# released only by its owner, and the hat shop's purchase without WATCH.
import redis

from _connect import connect

r = connect(db=1)
r.flushdb()
r.script_flush()

print(r.eval("return redis.call('INCR', KEYS[1])", 1, "rate_limit:42"))
print(r.ttl("rate_limit:42"))

LIMITER = """
local c = redis.call('INCR', KEYS[1])
if c == 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return c
"""
r.delete("rate_limit:42")
print(r.eval(LIMITER, 1, "rate_limit:42", 60), r.ttl("rate_limit:42"))

rate_limit = r.register_script(LIMITER)
print(rate_limit.sha, r.script_exists(rate_limit.sha))
for _ in range(6):
    print(rate_limit(keys=["rate_limit:42"], args=[60]) <= 5)
print(r.script_exists(rate_limit.sha))

release = r.register_script("""
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
else
    return 0
end
""")
print(r.set("lock:hat:56854717", "token-a", nx=True, ex=30))
print(r.set("lock:hat:56854717", "token-c", nx=True, ex=30))
print(release(keys=["lock:hat:56854717"], args=["token-b"]), r.get("lock:hat:56854717"))
print(release(keys=["lock:hat:56854717"], args=["token-a"]), r.exists("lock:hat:56854717"))

r.hset("hat:56854717", mapping={"color": "green", "price": 99.99, "style": "baseball", "quantity": 2, "npurchased": 0})
buy = r.register_script("""
local left = tonumber(redis.call('HGET', KEYS[1], 'quantity'))
if not left or left <= 0 then
    return redis.error_reply('OUTOFSTOCK ' .. KEYS[1] .. ' is sold out')
end
redis.call('HINCRBY', KEYS[1], 'quantity', -1)
return redis.call('HINCRBY', KEYS[1], 'npurchased', 1)
""")
for _ in range(3):
    try:
        print(buy(keys=["hat:56854717"]))
    except redis.exceptions.ResponseError as e:
        print("ResponseError:", e)
print(r.hmget("hat:56854717", "quantity", "npurchased"))

try:
    r.eval("return redis.call('NOSUCH')", 0)
except redis.exceptions.ResponseError as e:
    print("ResponseError:", e)
print(r.eval("return {1, 'two', {3}, false, 3.9}", 0))
print(r.evalsha(rate_limit.sha, 1, "rate_limit:7", 10))
try:
    r.evalsha("0" * 40, 0)
except redis.exceptions.NoScriptError as e:
    print("NoScriptError:", e)

print(r.function_load("""#!lua name=ratelimit
redis.register_function('rate_limit', function(keys, args)
    local c = redis.call('INCR', keys[1])
    if c == 1 then
        redis.call('EXPIRE', keys[1], args[1])
    end
    return c
end)
""", replace=True))
print(r.fcall("rate_limit", 1, "rate_limit:8", 60), r.ttl("rate_limit:8"))
r.function_delete("ratelimit")
