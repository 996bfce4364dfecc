# redis.asyncio as the course's async examples use it: a client from aioredis.Redis(...) with
# decode_responses, awaited commands, pipelines (queued, and a transaction with WATCH/MULTI),
# a pub/sub round trip with get_message, a registered script, an async scan_iter.
import asyncio
import os

import redis.asyncio as aioredis
from redis.asyncio import Redis
from redis.exceptions import ResponseError, WatchError

PORT = int(os.environ.get("REDIS_PORT", "6379"))


async def main():
    r = aioredis.Redis(host="127.0.0.1", port=PORT, db=0, decode_responses=True)
    await r.flushdb()
    print(repr(await r.ping()))
    print(repr(await r.hset("user:1", mapping={"name": "Ada", "visits": "1"})))
    print(repr(await r.hgetall("user:1")))
    print(repr(await r.hincrby("user:1", "visits", 2)))
    print(repr(await r.set("greeting", "hello", ex=60)), repr(await r.get("greeting")), repr(await r.ttl("greeting")))
    print(repr(await r.execute_command("STRLEN", "greeting")))
    try:
        await r.lpush("greeting", "x")
    except ResponseError as e:
        print("ResponseError:", e)

    # A pipeline queues; execute sends.
    pipe = r.pipeline(transaction=False)
    pipe.set("a", 1)
    pipe.incr("a")
    pipe.get("a")
    print(len(pipe), repr(await pipe.execute()))

    # Commands chain, and the pipeline is awaitable (it gives itself back).
    async with r.pipeline(transaction=True) as pipe:
        same = await pipe.rpush("list", "x", "y").lrange("list", 0, -1)
        print(same is pipe, repr(await pipe.execute()))

    # WATCH, a read at once, then MULTI; another client's write makes EXEC refuse.
    other = Redis(host="127.0.0.1", port=PORT, decode_responses=True)
    async with r.pipeline() as pipe:
        await pipe.watch("a")
        value = int(await pipe.get("a"))
        await other.set("a", 100)
        pipe.multi()
        pipe.set("a", value + 1)
        try:
            await pipe.execute()
        except WatchError as e:
            print("WatchError:", e)
    print(repr(await r.get("a")))

    async def add_one(pipe):
        current = int(await pipe.get("a"))
        pipe.multi()
        pipe.set("a", current + 1)

    print(repr(await r.transaction(add_one, "a")), repr(await r.get("a")))

    # Pub/sub: subscribe, publish from the other client, read with get_message.
    p = r.pubsub()
    await p.subscribe("news")
    print(repr(await p.get_message(timeout=1.0)))
    print(repr(await other.publish("news", "hi")))
    print(repr(await p.get_message(ignore_subscribe_messages=True, timeout=1.0)))
    print(repr(await p.get_message(timeout=0.05)))
    await p.unsubscribe("news")
    print(repr(await p.get_message(timeout=1.0)))
    await p.close()

    # listen() as an async iterator, fed by a task that publishes.
    async def publish_later():
        await asyncio.sleep(0.05)
        await other.publish("events", "one")
        await other.publish("events", "stop")

    p = r.pubsub(ignore_subscribe_messages=True)
    await p.subscribe("events")
    task = asyncio.create_task(publish_later())
    async for message in p.listen():
        print(repr(message))
        if message["data"] == "stop":
            break
    await task
    await p.close()

    # A registered script is awaited; scan_iter is an async iterator.
    incr_by = r.register_script("return redis.call('INCRBY', KEYS[1], ARGV[1])")
    print(repr(await incr_by(keys=["counter"], args=[5])))
    await r.mset({"k:1": "1", "k:2": "2", "k:3": "3"})
    print(sorted([k async for k in r.scan_iter(match="k:*")]))

    # from_url, and the client as an async context manager.
    async with aioredis.from_url(f"redis://127.0.0.1:{PORT}/0", decode_responses=True) as client:
        print(repr(await client.get("greeting")), repr(await client.exists("a", "nothing")))
    await other.close()
    await r.close()


asyncio.run(main())
