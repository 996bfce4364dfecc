# The course's tour of data types: hashes for users, a list of tasks, tag sets, a score board.
from _connect import connect

r = connect()
r.flushdb()

# Hashes: one per user.
r.hset("user01", "name", "Alice")
r.hset("user01", "age", 30)
r.hset("user02", "name", "Bob")
r.hset("user02", "age", 25)
print(r.hget("user01", "name"), r.hget("user01", "age"))
print(r.hget("user02", "name"), r.hget("user02", "age"))
print(r.hset("user:1", mapping={"name": "Alice", "email": "alice@example.com", "age": 30}))
print(r.hgetall("user:1"))
print(r.hget("user:1", "email"), r.hincrby("user:1", "age", 1))

# Lists: a to-do queue worked from both ends.
r.lpush("tasks", "write code")
r.rpush("tasks", "test code")
print(r.lpop("tasks").decode(), r.rpop("tasks").decode())
r.rpush("tasks", "write code", "review code", "test code")
print(r.lrange("tasks", 0, -1))
r.lpush("other_tasks", "write code 2")
print(r.lrange("other_tasks", 0, -1), r.lrange("no_exist_tasks", 0, -1))

# Sets: tags shared between posts (sets have no order: sort to compare).
r.sadd("tags", "python", "fastapi", "redis")
r.sadd("tags2", "python", "django", "redis")
r.sadd("tags3", "python", "django", "fastapi")
print(sorted(r.smembers("tags")))
print(sorted(r.sinter("tags", "tags2")))
print(sorted(r.sunion("tags", "tags2")))
print(sorted(r.sdiff("tags", "tags2")))

# Sorted sets: a score board and a leaderboard.
r.zadd("scores", {"Alice": 100, "Bob": 90, "Charlie": 80})
print(r.zincrby("scores", 3, "Bob"))
print(r.zrange("scores", 0, -1, withscores=True))
print(r.zrank("scores", "Bob"), r.zscore("scores", "Bob"))
r.zadd("leaderboard", {"Alice": 1500, "Bob": 1300, "Charlie": 1700})
print(r.zrevrange("leaderboard", 0, 2, withscores=True))
print(r.zrevrank("leaderboard", "Alice"))
