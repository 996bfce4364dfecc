# A job queue on lists with blocking pops, after the course documents: the queue basics
# (LPUSH / RPUSH / LPOP / BRPOP with a timeout), the "ipwatcher" that waits on BLPOP for the IP
# addresses a middleware pushes and flags hat bots, workers sharing one queue, and a reliable
# queue with BLMOVE. Threads wait while others push; the output is made deterministic by
# printing counts and sorted results rather than arrival times.
import threading
import time

from _connect import connect

r = connect()
r.flushdb()

# ---- the basics: a list as a FIFO queue --------------------------------------------------
print(r.lpush("queue", "task1", "task2"))
print(r.rpush("queue", "task3"))
print(r.lpop("queue"))
print(r.brpop("queue", timeout=5))
print(r.lrange("queue", 0, -1))
print(r.brpop(["empty", "queue"], timeout=1))
print(r.brpop("queue", timeout=0.1))  # nothing left: None after 100 ms


def wait_blocked(n: int) -> None:
    """Until the server counts n clients blocked (so the pushes below really wake them)."""
    deadline = time.monotonic() + 10  # a busy machine may take a while to start threads
    while r.info("clients")["blocked_clients"] != n:
        if time.monotonic() > deadline:
            raise RuntimeError(f"never saw {n} blocked clients")
        time.sleep(0.005)


# ---- the ipwatcher: BLPOP in a loop, another connection pushes ---------------------------
MAXVISITS = 15
blacklist = set()
seen = {}


def ipwatcher() -> None:
    w = connect(db=5)
    while True:
        item = w.blpop("ips", timeout=2)
        if item is None:
            break
        _, addr = item
        addr = addr.decode("utf-8")
        if addr == "stop":
            break
        addrts = f"{addr}:minute"
        n = w.incrby(addrts, 1)
        if n >= MAXVISITS:
            blacklist.add(addr)
        else:
            seen[addr] = seen.get(addr, 0) + 1
            w.expire(addrts, 60)


middleware = connect(db=5)
middleware.flushdb()
watcher = threading.Thread(target=ipwatcher)
watcher.start()
wait_blocked(1)
for ip in ["51.218.112.236", "90.213.45.98", "115.215.230.176", "51.218.112.236"]:
    middleware.lpush("ips", ip)
for _ in range(20):
    middleware.lpush("ips", "104.174.118.18")
    time.sleep(0.002)
wait_blocked(1)
middleware.lpush("ips", "stop")
watcher.join()
print(sorted(seen.items()))
print(sorted(blacklist))
print(middleware.get("104.174.118.18:minute"), 0 < middleware.ttl("104.174.118.18:minute") <= 60)
print(middleware.exists("ips"))

# ---- several workers share one queue ------------------------------------------------------
done_by = {}


def worker(name: str) -> None:
    w = connect()
    count = 0
    while True:
        item = w.brpop("jobs", timeout=2)
        if item is None:
            break
        job = item[1].decode()
        if job == "STOP":
            break
        w.rpush("done", f"{job}:ok")
        w.incr("processed")
        count += 1
    done_by[name] = count


workers = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(3)]
for t in workers:
    t.start()
wait_blocked(3)
producer = connect()
for i in range(30):
    producer.lpush("jobs", f"job{i:02d}")
for _ in workers:
    producer.lpush("jobs", "STOP")
for t in workers:
    t.join()
print(producer.get("processed"), sum(done_by.values()), len(done_by))
print(sorted(x.decode() for x in producer.lrange("done", 0, -1)) == [f"job{i:02d}:ok" for i in range(30)])
print(producer.exists("jobs"))

# ---- a reliable queue: BLMOVE into a processing list, LREM when finished --------------------
result = {}


def reliable_worker() -> None:
    w = connect()
    job = w.blmove("tasks", "processing", timeout=2, src="RIGHT", dest="LEFT")
    result["job"] = job
    result["processing"] = w.lrange("processing", 0, -1)
    result["lrem"] = w.lrem("processing", 1, job)


t = threading.Thread(target=reliable_worker)
t.start()
wait_blocked(1)
print(producer.lpush("tasks", "resize:42"))
t.join()
print(result["job"], result["processing"], result["lrem"])
print(producer.exists("tasks", "processing"))
print(producer.brpoplpush("tasks", "processing", timeout=0.05))

# ---- a priority queue: BZPOPMIN waits for the lowest score --------------------------------
got = []


def priority_worker() -> None:
    w = connect()
    for _ in range(3):
        got.append(w.bzpopmin("prio", timeout=2))


t = threading.Thread(target=priority_worker)
t.start()
wait_blocked(1)
producer.zadd("prio", {"low": 10, "high": 1, "mid": 5})
t.join()
print(got)
print(producer.bzpopmin("prio", timeout=0.05))
print(r.info("clients")["blocked_clients"])
