import type { Lesson } from '../src/lessons/model.js';

// The documents' cache-aside pattern: look in the cache (GET product:1), miss, store the database
// row as JSON with SET EX, hit, invalidate with DEL when the row changes, find list pages with
// SCAN instead of KEYS, let a short EX clean up by itself, and last wrap the whole pattern in a
// Python decorator (@cache("user", ttl=600) → user:42).

const P1 = '{"id": 1, "name": "Keyboard", "price": 30}';
const P2 = '{"id": 2, "name": "Mouse", "price": 15}';
const U42 = '{"id": 42, "name": "Alice"}';
const U42_NEW = '{"id": 42, "name": "Alicia"}';

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
