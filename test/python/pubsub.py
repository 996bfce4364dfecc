# Pub/Sub as the course shows it: a subscriber with a message handler running in a thread, a
# publisher sending news; JSON events read with listen(); a pattern subscription; get_message().
import json
import threading
import time

from _connect import connect

r = connect()
r.flushdb()


def next_message(ps, timeout=10.0):
    """The next message get_message() returns (subscribe replies it skips do not count), or None
    after `timeout` seconds: a busy machine may take more than a second to deliver."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        m = ps.get_message(timeout=left)
        if m is not None:
            return m
    return None


# --- subscriber.py / publisher.py: a handler called from a background thread ------------------
received = []
done = threading.Event()


def message_handler(message):
    received.append(message["data"].decode())
    if len(received) == 2:
        done.set()


sub = connect()
pubsub = sub.pubsub()
pubsub.subscribe(**{"news": message_handler})
print("Listening for messages on channel: news")
thread = pubsub.run_in_thread(sleep_time=0.01)

publisher = connect()
# The subscriber runs elsewhere: wait until the server has it before publishing.
while publisher.pubsub_numsub("news")[0][1] == 0:
    pass
print("receivers:", publisher.publish("news", "Redis 6.2 Released!"))
print("receivers:", publisher.publish("news", "New Tutorial on Redis Pub/Sub"))
done.wait(5)
thread.stop()
thread.join(5)
for text in received:
    print("news:", text)

# --- events as JSON, read with listen() ---------------------------------------------------------
def publish_event(channel, event):
    return r.publish(channel, json.dumps(event))


events = connect().pubsub()
events.subscribe("user:events")
events.psubscribe("user:*")
for _ in range(2):
    m = next_message(events)
    print(m["type"], m["channel"], m["data"])
print(publish_event("user:events", {"type": "signup", "user_id": 42, "email": "user@example.com"}))
print(publish_event("user:logins", {"type": "login", "user_id": 7}))
seen = 0
for message in events.listen():
    kind = message["type"]
    event = json.loads(message["data"])
    print(kind, message.get("pattern"), message["channel"], event["type"], event["user_id"])
    seen += 1
    if seen == 3:
        break

print("channels:", sorted(c.decode() for c in r.pubsub_channels()))
print("numsub:", r.pubsub_numsub("user:events", "nobody"))
print("numpat:", r.pubsub_numpat())

events.punsubscribe("user:*")
events.unsubscribe("user:events")
for _ in range(2):
    m = next_message(events)
    print(m["type"], m["channel"], m["data"])
events.close()

# --- get_message() polling, ignore_subscribe_messages ------------------------------------------
poll = connect().pubsub(ignore_subscribe_messages=True)
poll.subscribe("alerts")
while r.pubsub_numsub("alerts")[0][1] == 0:  # until the server has the subscriber
    pass
r.publish("alerts", "disk almost full")
r.publish("alerts", "안녕하세요")
for _ in range(2):
    m = next_message(poll)  # skips the subscribe confirmation
    print(m["channel"], m["data"].decode())
print("nothing more:", poll.get_message(timeout=0.1))
poll.close()

# --- keyspace notifications through pubsub() ---------------------------------------------------
r.config_set("notify-keyspace-events", "KEA")
ks = connect().pubsub(ignore_subscribe_messages=True)
ks.psubscribe("__keyspace@0__:session:*")
while r.pubsub_numpat() == 0:  # until the server has the pattern
    pass
r.set("session:1", "x", ex=100)
r.delete("session:1")
got = []
while len(got) < 3:
    m = next_message(ks)
    if m is None:
        break
    got.append((m["channel"].decode(), m["data"].decode()))
print(got)
r.config_set("notify-keyspace-events", "")
ks.close()
