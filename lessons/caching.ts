import type { Lesson } from '../src/lessons/model.js';

// The documents' cache-aside pattern: look in the cache (GET product:1), miss, store the database
// row as JSON with SET EX, hit, invalidate with DEL when the row changes, find list pages with
// SCAN instead of KEYS, let a short EX clean up by itself, and wrap the whole pattern in a
// Python decorator (@cache("user", ttl=600) → user:42). Then what the documents leave out: a
// full cache evicts its least recently used keys (maxmemory, volatile-lru), and Redis tells a
// client that keeps its own copies when a key changes (client-side caching).

const P1 = '{"id": 1, "name": "Keyboard", "price": 30}';
const P2 = '{"id": 2, "name": "Mouse", "price": 15}';
const U42 = '{"id": 42, "name": "Alice"}';
const U42_NEW = '{"id": 42, "name": "Alicia"}';
const P1_CHEAPER = '{"id": 1, "name": "Keyboard", "price": 25}';

/** A Lua loop that caches products `from` to `to` for 10 minutes, each a 1 KB stand-in for its JSON. */
const fill = (from: number, to: number) => `EVAL "for i = ${from}, ${to} do redis.call('SET', 'product:' .. i, string.rep('x', 1000), 'EX', 600) end" 0`;

export const lesson: Lesson = {
  id: 'caching',
  title: { ko: '캐시: Cache-Aside 패턴', en: 'Caching: the cache-aside pattern' },
  summary: {
    ko: '느린 데이터베이스 앞에 Redis를 두고, 먼저 캐시를 보고 없으면 DB에서 읽어 만료 시간과 함께 저장해요. 데이터가 바뀌면 캐시를 지워요.',
    en: 'Put Redis in front of a slow database: look in the cache first, on a miss read the database and store the result with an expiry, and delete the entry when the data changes.',
  },
  level: 3,
  prerequisites: ['expiry'],
  steps: [
    {
      text: {
        ko: '**Cache-Aside**에서 애플리케이션은 먼저 캐시를 봐요. 상품 1번의 캐시 키는 `product:1`이에요. 처음에는 아무것도 없으니 `(nil)`, 즉 **캐시 미스**예요. 이때 애플리케이션은 DB에서 상품을 읽어요.',
        en: "In **cache-aside**, the application looks in the cache first. Product 1's cache key is `product:1`. Nothing is there yet, so you get `(nil)`: a **cache miss**. Now the application reads the product from the database.",
      },
      commands: ['GET product:1'],
      pythonCode: `product_id = 1
cached = r.get(f"product:{product_id}")  # 1. look in the cache
print(cached)  # None: a cache miss, so the application asks the database`,
      hints: [
        {
          ko: '값이 나왔다면 예전에 만든 키가 남아 있는 거예요. `DEL product:1` 후 다시 해 보세요.',
          en: 'Got a value? An old key is left over: `DEL product:1` and try again.',
        },
      ],
      solution: ['GET product:1'],
      check: { reply: { command: 'GET product:1', equals: '(nil)' } },
    },
    {
      text: {
        ko: 'DB에서 읽은 상품을 JSON 문자열로 바꿔 **만료 시간과 함께** 저장해요. `SET … EX 300`은 5분 뒤 저절로 사라지는 값이에요. 만료 시간은 캐시가 DB와 영원히 어긋나지 않게 하는 안전장치예요.',
        en: 'Store the product read from the database as a JSON string **with an expiry**: `SET … EX 300` disappears by itself after 5 minutes. The expiry is the safety net that keeps the cache from drifting away from the database forever.',
      },
      commands: [`SET product:1 '${P1}' EX 300`, 'TTL product:1'],
      pythonCode: `import json
import time

# Stands in for the database: a slow lookup of a product row.
PRODUCTS = {
    1: {"id": 1, "name": "Keyboard", "price": 30},
    2: {"id": 2, "name": "Mouse", "price": 15},
}

def query_product(product_id: int) -> dict | None:
    time.sleep(0.5)  # the query takes a while
    return PRODUCTS.get(product_id)

def get_product(product_id: int) -> dict | None:
    cache_key = f"product:{product_id}"
    cached = r.get(cache_key)  # 1. look in the cache
    if cached:
        return json.loads(cached)
    data = query_product(product_id)  # 2. miss: ask the database
    if data is not None:
        r.set(cache_key, json.dumps(data), ex=300)  # 3. cache it for 5 minutes
    return data

print(get_product(1))  # from the database, half a second
print(r.ttl("product:1"))  # 300`,
      hints: [
        { ko: 'JSON 안에 큰따옴표가 있으니 전체를 작은따옴표로 감싸요.', en: 'The JSON has double quotes inside, so wrap the whole value in single quotes.' },
        {
          ko: '가장 단순한 캐시도 모양은 같아요. `r.get(key)`가 `None`이면 값을 계산해 `r.set(key, data, ex=60)`으로 넣고, 아니면 캐시에 있던 값을 써요. 만료 시간만 달라요.',
          en: 'The simplest cache has the same shape: if `r.get(key)` is `None`, compute the value and `r.set(key, data, ex=60)`; otherwise use what was cached. Only the expiry differs.',
        },
      ],
      solution: [`SET product:1 '${P1}' EX 300`],
      check: { key: 'product:1', equals: P1, ttlBetween: [1, 300] },
    },
    {
      text: {
        ko: '같은 상품을 다시 요청하면 이번에는 캐시에 있어요. **캐시 히트**예요. DB에 가지 않고 메모리에서 바로 답하니 훨씬 빨라요.',
        en: 'Ask for the same product again and it is in the cache: a **cache hit**. No trip to the database, an answer straight from memory.',
      },
      commands: ['GET product:1'],
      pythonCode: `import json
import time

PRODUCTS = {1: {"id": 1, "name": "Keyboard", "price": 30}}  # stands in for the database

def get_product(product_id: int) -> dict | None:  # as in step 2
    cached = r.get(f"product:{product_id}")
    if cached:
        return json.loads(cached)
    time.sleep(0.5)  # the slow database query
    data = PRODUCTS.get(product_id)
    r.set(f"product:{product_id}", json.dumps(data), ex=300)
    return data

start = time.perf_counter()
print(get_product(1))  # from Redis this time
print(f"{time.perf_counter() - start:.3f} s")  # no half-second trip to the database`,
      hints: [
        { ko: '`(nil)`이라면 5분이 지나 만료된 거예요. 2단계를 다시 실행하세요.', en: '`(nil)`? Five minutes went by and it expired: run step 2 again.' },
      ],
      solution: ['GET product:1'],
      check: { reply: { command: 'GET product:1', matches: /Keyboard/ } },
    },
    {
      text: {
        ko: '상품 가격이 DB에서 바뀌었어요. 캐시에는 옛 가격이 남아 있으니 **무효화**해야 해요. 가장 간단한 방법은 키를 지우는 거예요. 다음 요청이 미스가 되어 새 값을 DB에서 읽어 와요.',
        en: 'The price changed in the database, and the cache still holds the old one: **invalidate** it. The simplest way is to delete the key; the next request misses and reads the fresh row.',
      },
      commands: ['DEL product:1'],
      pythonCode: `def invalidate_product_cache(product_id: int) -> None:
    r.delete(f"product:{product_id}")`,
      hints: [
        {
          ko: '값을 바로 새로 써도 되지만, 지우는 편이 DB와 어긋날 여지가 적어요.',
          en: 'Writing the new value works too, but deleting leaves less room to disagree with the database.',
        },
      ],
      solution: ['DEL product:1'],
      check: { key: 'product:1', exists: false },
    },
    {
      text: {
        ko: '상품 목록 페이지도 캐시해 두었다면, 상품이 바뀔 때 `product_list:*` 키를 모두 지워야 해요. `KEYS`는 모든 키를 한 번에 훑느라 서버를 멈추게 하므로, 조금씩 나눠 훑는 `SCAN`을 써요. 답의 첫 줄은 다음에 이어 갈 커서이고, `0`이면 끝이에요.',
        en: 'If the product list pages are cached too, a change means deleting every `product_list:*` key. `KEYS` walks all keys in one go and stalls the server, so use `SCAN`, which walks a little at a time. The first line of its answer is the cursor to continue from; `0` means done.',
      },
      commands: [
        'SET product_list:page:1 "[1, 2]" EX 300',
        'SET product_list:page:2 "[3]" EX 300',
        'SCAN 0 MATCH product_list:* COUNT 100',
        'DEL product_list:page:1 product_list:page:2',
      ],
      pythonCode: `# pattern delete (slow with very many keys, but never blocks the server)
for key in r.scan_iter("product_list:*"):
    r.delete(key)`,
      hints: [
        { ko: '`scan_iter`는 커서가 `0`이 될 때까지 `SCAN`을 반복해 줘요.', en: '`scan_iter` repeats `SCAN` for you until the cursor comes back as `0`.' },
      ],
      solution: [
        'SET product_list:page:1 "[1, 2]" EX 300',
        'SET product_list:page:2 "[3]" EX 300',
        'SCAN 0 MATCH product_list:* COUNT 100',
        'DEL product_list:page:1 product_list:page:2',
      ],
      check: {
        all: [
          { reply: { command: 'SCAN 0 MATCH product_list:*', matches: /product_list:page:1/ } },
          { key: 'product_list:page:1', exists: false },
          { key: 'product_list:page:2', exists: false },
        ],
      },
    },
    {
      text: {
        ko: '무효화를 깜빡해도 만료 시간이 결국 정리해 줘요. 10초짜리 캐시를 만들어 보세요.',
        en: 'Even if an invalidation is forgotten, the expiry cleans up in the end. Cache product 2 for 10 seconds.',
      },
      commands: [`SET product:2 '${P2}' EX 10`, 'TTL product:2'],
      pythonCode: `import json

r.set("product:2", json.dumps({"id": 2, "name": "Mouse", "price": 15}), ex=10)
print(r.ttl("product:2"))  # 10`,
      hints: [{ ko: '바로 다음 단계로 넘어가세요.', en: 'Go straight on to the next step.' }],
      solution: [`SET product:2 '${P2}' EX 10`],
      check: { key: 'product:2', ttlBetween: [1, 10] },
    },
    {
      text: {
        ko: '10초가 지나면 키는 사라지고 다음 요청은 미스가 돼요. 기다려도 되고, **⏩ +11초** 버튼으로 엔진의 시계를 11초 앞으로 돌려도 돼요. 그다음 `GET`을 해 보세요.',
        en: "After 10 seconds the key is gone and the next request misses. Wait, or press the **⏩ +11 s** button to move the engine's clock 11 seconds ahead. Then `GET` it.",
      },
      commands: ['GET product:2'],
      pythonCode: `import time
time.sleep(10)
print(r.get("product:2"))  # None: expired, the next get_product(2) reads the database`,
      hints: [
        {
          ko: '값이 아직 나온다면 시간이 덜 지난 거예요. `TTL product:2`로 남은 시간을 보세요.',
          en: 'Still a value? Not enough time has passed: `TTL product:2` shows what is left.',
        },
      ],
      solution: ['GET product:2'],
      wait: 11,
      check: { all: [{ key: 'product:2', exists: false }, { reply: { command: 'GET product:2', equals: '(nil)' } }] },
    },
    {
      text: {
        ko: '상품마다, 사용자마다 "캐시 확인 → 없으면 DB → 저장" 코드를 되풀이하기는 번거로워요. 파이썬에서는 이 과정을 **데코레이터**로 한 번만 써 두고 어느 함수에나 씌울 수 있어요. 캐시 키는 `접두사:인자` 모양이라, `@cache("user", ttl=600)`을 붙인 `get_user(42)`는 `user:42`를 써요.\n\n첫 호출이 하는 일을 명령으로 따라가 봐요. `GET`이 미스를 내면 원래 함수가 실행되고, 그 결과가 JSON으로 바뀌어 `SET … EX 600`으로 10분 동안 저장돼요. 두 번째 호출부터는 `GET`에서 끝나요.',
        en: 'Repeating "check the cache, go to the database on a miss, store" for every product and every user gets tedious. In Python you can write it once as a **decorator** and put it on any function. The cache key is `prefix:arguments`, so `get_user(42)` under `@cache("user", ttl=600)` uses `user:42`.\n\nFollow the first call as commands: `GET` misses, the real function runs, and its result is stored as JSON for 10 minutes with `SET … EX 600`. From the second call on, everything ends at the `GET`.',
      },
      commands: ['GET user:42', `SET user:42 '${U42}' EX 600`, 'GET user:42', 'TTL user:42'],
      pythonCode: `import json
import time
from functools import wraps

def cache(key_prefix: str, ttl: int = 300):
    def decorator(func):
        @wraps(func)  # the wrapper keeps func's name and docstring
        def wrapper(*args):
            key = f"{key_prefix}:{':'.join(str(a) for a in args)}"
            hit = r.get(key)
            if hit is not None:
                return json.loads(hit)
            value = func(*args)
            r.set(key, json.dumps(value), ex=ttl)
            return value
        return wrapper
    return decorator

USERS = {42: {"id": 42, "name": "Alice"}}  # stands in for the database

@cache("user", ttl=600)
def get_user(user_id: int) -> dict:
    time.sleep(0.5)  # the slow database query
    return USERS[user_id]

print(get_user(42))  # miss: the database, then SET user:42 ... EX 600
print(get_user(42))  # hit: straight from Redis
print(r.ttl("user:42"))  # 600`,
      hints: [
        {
          ko: '처음 `GET`이 값을 보여 준다면 전에 만든 키가 남아 있는 거예요. `DEL user:42` 후 다시 해 보세요.',
          en: 'Did the first `GET` show a value? A key from before is left: `DEL user:42` and try again.',
        },
        {
          ko: '사용자 정보가 바뀌면 4단계처럼 `DEL user:42`로 무효화해요. 데코레이터도 키 규칙만 알면 지울 수 있어요.',
          en: 'When the user changes, invalidate with `DEL user:42`, as in step 4; knowing the key rule is all it takes.',
        },
      ],
      solution: ['GET user:42', `SET user:42 '${U42}' EX 600`, 'GET user:42'],
      check: {
        all: [{ key: 'user:42', type: 'string', ttlBetween: [1, 600] }, { reply: { command: 'GET user:42', matches: /Alice/ } }],
      },
    },
    {
      text: {
        ko: '캐시 서버의 메모리도 무한하지 않아요. `maxmemory`는 Redis가 쓸 수 있는 메모리의 상한이고, `maxmemory-policy`는 상한에 닿았을 때 할 일이에요. `volatile-lru`는 TTL이 있는 키 가운데 가장 오래전에 쓰인 것부터 지워요. 이것을 **축출**(eviction)이라고 해요. 캐시 항목에는 TTL이 있으니(여기서는 `EX 600`) 지워지는 건 캐시뿐이고, TTL 없이 만든 키는 이 레슨의 것이든 다른 곳의 것이든 남아요. Redis를 캐시로만 쓴다면 모든 키를 후보로 삼는 `allkeys-lru`를 흔히 골라요.\n\n빈 서버도 이미 0.9MB쯤 쓰고 있고, 명령마다 처음 실행될 때 통계용으로 24KB쯤 더 들어요. 그래서 1MB로는 남는 자리가 거의 없으니 여기서는 4MB로 잡아요. 먼저 `CONFIG RESETSTAT`으로 그 통계와 축출 횟수를 0으로 돌려요.\n\n그다음 캐시를 채워요. 상품 1번을 앞에서처럼 저장하고, `EVAL`로 Redis 안에서 작은 Lua 반복문을 돌려 상품 2~2000번을 10분 동안 저장해요. 값은 상품 JSON 대신 넣은 1KB짜리 글자이고, 스크립트는 스크립팅 레슨에서 자세히 다뤄요. `INFO memory`의 `used_memory_human`은 3MB 남짓이에요. 아직 상한 아래라 지워진 키는 없어요.',
        en: "A cache server does not have endless memory. `maxmemory` caps what Redis may use, and `maxmemory-policy` says what happens at the cap: `volatile-lru` removes, among the keys that have a TTL, the one used least recently. That is **eviction**. A cache's entries have a TTL (`EX 600` here), so only they can go: keys made without one, in this lesson or anywhere else, stay. When Redis is only a cache, `allkeys-lru`, which picks from every key, is the usual choice.\n\nAn empty server already uses about 0.9 MB, and each command's first call adds some 24 KB of statistics, so 1 MB would leave almost no room: here the cap is 4 MB. `CONFIG RESETSTAT` first sets those statistics and the eviction count back to zero.\n\nThen fill the cache: cache product 1 as before, and let `EVAL` run a small Lua loop inside Redis that caches products 2 to 2000 for 10 minutes, each value a 1 KB stand-in for the product's JSON (the scripting lesson explains scripts). `used_memory_human` in `INFO memory` is now a little over 3 MB: still under the cap, nothing evicted.",
      },
      commands: [
        'CONFIG RESETSTAT',
        'CONFIG SET maxmemory 4mb',
        'CONFIG SET maxmemory-policy volatile-lru',
        `SET product:1 '${P1}' EX 600`,
        fill(2, 2000),
        'DBSIZE',
        'INFO memory',
      ],
      hints: [
        {
          ko: '`DBSIZE`가 2000보다 작다면 벌써 축출이 일어난 거예요. 다른 레슨의 키가 많이 남아 있다면 그 레슨을 리셋하고 이 단계를 다시 해 보세요.',
          en: '`DBSIZE` below 2000? Eviction has started already: if other lessons left many keys, reset them and run this step again.',
        },
      ],
      solution: ['CONFIG RESETSTAT', 'CONFIG SET maxmemory 4mb', 'CONFIG SET maxmemory-policy volatile-lru', `SET product:1 '${P1}' EX 600`, fill(2, 2000)],
      check: {
        all: [
          { reply: { command: 'CONFIG SET maxmemory 4mb', equals: 'OK' } },
          { reply: { command: 'CONFIG SET maxmemory-policy volatile-lru', equals: 'OK' } },
          { key: 'product:1', equals: P1 },
          { key: 'product:2000' },
        ],
      },
    },
    {
      text: {
        ko: '손님들이 상품 1번을 자주 봐요. 한 번 읽어 보세요. `OBJECT IDLETIME`은 키가 마지막으로 쓰인 뒤 흐른 초예요. 방금 읽은 상품 1번은 0에 가깝고, 저장만 하고 읽지 않은 상품 2번은 더 커요. Redis는 이 시간을 초 단위로 세기 때문에 이 단계는 앞 단계에서 2초쯤 지나야 해요.\n\n이제 상품 1,500개(2001~3500번)가 더 들어와 상한을 넘어요. 스크립트는 도중에 끊기지 않으니, Redis는 다음 명령을 실행하기 직전에 메모리가 상한 아래로 내려갈 때까지 키를 지워요. TTL이 있는 키를 무작위로 몇 개 뽑아 그중 가장 오래 쓰이지 않은 것부터요. 그래서 `DBSIZE`는 3500보다 작지만, 자주 읽힌 상품 1번은 남아 있어요. 지운 개수는 `INFO stats`의 `evicted_keys`에 쌓여요.\n\n끝으로 `maxmemory`를 0(상한 없음)으로, 정책을 기본값 `noeviction`으로 되돌려 다음 레슨에 영향이 없게 해요.',
        en: 'Shoppers keep opening product 1, so read it. `OBJECT IDLETIME` gives the seconds since a key was last used: about 0 for product 1, just read, and more for product 2, cached and not read since. Redis counts this in whole seconds, so this step wants a couple of seconds to have passed since the last one.\n\nNow 1,500 more products arrive (2001 to 3500), more than fits. A script is never cut short, so Redis evicts before the next command, until memory is back under the cap: from a random sample of the keys with a TTL, the one unused the longest goes first. `DBSIZE` is now below 3500, yet product 1, read a moment ago, is still there. `INFO stats` counts the evicted keys in `evicted_keys`.\n\nLast, set `maxmemory` back to 0 (no cap) and the policy back to its default, `noeviction`, so the next lessons are not affected.',
      },
      commands: [
        'GET product:1',
        'OBJECT IDLETIME product:1',
        'OBJECT IDLETIME product:2',
        fill(2001, 3500),
        'DBSIZE',
        'EXISTS product:1',
        'INFO stats',
        'CONFIG SET maxmemory 0 maxmemory-policy noeviction',
      ],
      hints: [
        {
          ko: '`evicted_keys`가 0이라면 앞 단계의 상품이 10분이 지나 만료됐거나 `maxmemory`가 설정되지 않은 거예요. 앞 단계를 다시 한 뒤 이 단계를 해 보세요.',
          en: '`evicted_keys` is 0? The products from the last step expired after 10 minutes, or `maxmemory` is not set: run the last step again, then this one.',
        },
        {
          ko: '상품 1번이 지워졌다면 앞 단계와 같은 초 안에 읽은 거예요. 앞 단계부터 다시 하고, 2초쯤 기다리거나 **⏩** 버튼으로 시계를 앞으로 돌린 뒤 읽어 보세요.',
          en: 'Product 1 evicted? It was read within the same second as the last step: start again from the last step, and wait a couple of seconds (or press **⏩** to move the clock) before reading it.',
        },
      ],
      solution: ['GET product:1', fill(2001, 3500), 'INFO stats', 'CONFIG SET maxmemory 0 maxmemory-policy noeviction'],
      wait: 2,
      check: {
        all: [
          { key: 'product:1' },
          { reply: { command: 'INFO stats', matches: /^evicted_keys:[1-9]/m } },
          { reply: { command: 'CONFIG SET maxmemory 0', equals: 'OK' } },
        ],
      },
    },
    {
      text: {
        ko: "애플리케이션이 Redis보다도 빠르게 답하려고 값을 자기 메모리에 한 번 더 담아 두면, Redis에서 키가 바뀌어도 알 길이 없어요. **클라이언트 사이드 캐싱**을 쓰면 Redis가 알려 줘요. 두 번째 터미널에서 `HELLO 3`으로 이런 알림을 실을 수 있는 RESP3로 바꾸고, `CLIENT TRACKING ON`으로 이 연결이 읽은 키를 Redis가 기억하게 해요. 그리고 `product:1`을 읽어요. 애플리케이션이라면 이 값을 자기 메모리에 담아 두겠지요.\n\n이제 가격이 바뀌어 첫 번째 터미널에서 새 값을 써요. Redis는 두 번째 터미널에 `product:1`의 **무효화** 알림을 보내요. redis-cli는 알림을 다음에 서버에서 답을 읽을 때 보여 주니, 두 번째 터미널에서 다시 읽어 보세요. `-> invalidate: 'product:1'`이 먼저 나오고, 그다음 새 가격이 나와요. 알림은 키마다 한 번만 와요. 그 연결이 키를 다시 읽어야 Redis가 또 기억해요. 마지막 `RESET`은 두 번째 터미널을 처음 상태(RESP2, 추적 꺼짐)로 되돌려요.",
        en: "An application that keeps its own copy of a value, to answer faster still than Redis, does not hear when the key changes in Redis. With **client-side caching**, Redis tells it. In the second terminal, `HELLO 3` switches to RESP3, which can carry such notices, and `CLIENT TRACKING ON` has Redis remember the keys this connection reads. Then it reads `product:1`; an application would keep the answer in its own memory.\n\nNow the price changes, and the first terminal writes the new row. Redis sends the second terminal an **invalidation** for `product:1`. redis-cli shows it the next time it reads a reply from the server, so read again in the second terminal: `-> invalidate: 'product:1'` comes first, then the new price. A key is invalidated once: Redis remembers it again only when the connection reads it again. `RESET` at the end puts the second terminal back as it started (RESP2, no tracking).",
      },
      commands: [
        { client: 2, line: 'HELLO 3' },
        { client: 2, line: 'CLIENT TRACKING ON' },
        { client: 2, line: 'GET product:1' },
        `SET product:1 '${P1_CHEAPER}' EX 600`,
        { client: 2, line: 'GET product:1' },
        { client: 2, line: 'RESET' },
      ],
      hints: [
        {
          ko: '`SET` 뒤에 두 번째 터미널에 아무것도 안 나왔다면 정상이에요. redis-cli는 다음 명령의 답을 읽을 때 알림을 함께 보여 줘요.',
          en: 'Nothing in the second terminal after the `SET`? That is normal: redis-cli shows the notice when it reads the next reply.',
        },
        {
          ko: '추적은 연결마다 따로예요. `CLIENT TRACKING ON`과 `GET`은 같은 터미널에서, `SET`은 다른 터미널에서 해야 해요. RESP2 연결이라면 `__redis__:invalidate` 채널을 구독한 다른 연결로 알림을 보내는 `CLIENT TRACKING ON REDIRECT <id>`를 써요.',
          en: 'Tracking is per connection: `CLIENT TRACKING ON` and `GET` in one terminal, the `SET` in the other. A RESP2 connection uses `CLIENT TRACKING ON REDIRECT <id>`, which sends the notices to another connection subscribed to `__redis__:invalidate`.',
        },
      ],
      solution: [
        { client: 2, line: 'HELLO 3' },
        { client: 2, line: 'CLIENT TRACKING ON' },
        { client: 2, line: 'GET product:1' },
        `SET product:1 '${P1_CHEAPER}' EX 600`,
      ],
      check: { received: { channel: '__redis__:invalidate', message: 'product:1' } },
    },
    {
      challenge: true,
      text: {
        ko: '사용자 42가 DB에서 이름을 `Alicia`로 바꿨어요. 캐시가 옛 이름을 계속 내주지 않게 하고, 그다음 `get_user(42)` 호출이 하는 일을 명령으로 따라가세요. 먼저 캐시를 보면 **미스**(`(nil)`)가 나고, DB에서 읽은 `{"id": 42, "name": "Alicia"}`를 데코레이터처럼 10분 동안 저장한 뒤, 다시 읽으면 새 이름이 나와야 해요.',
        en: 'User 42 changed their name to `Alicia` in the database. Make sure the cache stops serving the old name, then play the next `get_user(42)` call as commands: the first look in the cache is a **miss** (`(nil)`); the row read from the database, `{"id": 42, "name": "Alicia"}`, is then stored for 10 minutes, as the decorator does; and reading again gives the new name.',
      },
      commands: [],
      hints: [
        {
          ko: '무효화는 4단계에서 했어요. 키를 지우면 다음 `GET`이 미스가 돼요.',
          en: 'Invalidation was step 4: once the key is deleted, the next `GET` misses.',
        },
        {
          ko: '저장은 8단계와 같은 모양이에요. JSON 안에 큰따옴표가 있으니 값 전체를 작은따옴표로 감싸고, 10분은 600초예요.',
          en: 'Storing has the same shape as in step 8: the JSON has double quotes, so wrap the value in single quotes; 10 minutes is 600 seconds.',
        },
      ],
      solution: ['DEL user:42', 'GET user:42', `SET user:42 '${U42_NEW}' EX 600`, 'GET user:42'],
      check: {
        all: [
          { reply: { command: 'GET user:42', equals: '(nil)' } },
          { reply: { command: 'GET user:42', matches: /Alicia/ } },
          { key: 'user:42', type: 'string', ttlBetween: [1, 600] },
        ],
      },
    },
  ],
};
