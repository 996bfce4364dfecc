import type { Lesson } from '../src/lessons/model.js';

// PyHats.com, part 2 from the documents: the middleware LPUSHes every visitor's IP onto `ips` in
// database 5, an `ipwatcher` in another terminal BLPOPs them, counts each address per minute with
// INCRBY on "<addr>:<minute>" plus EXPIRE 60, and blacklists an address at MAXVISITS (15) or
// more; last, the sliding-window count with a sorted set (ZADD / ZREMRANGEBYSCORE / ZCARD) that
// the documents credit to ClassDojo.

const BOT = '104.174.118.18';
const COUNTER = `${BOT}:15`;
const HITS = `hits:${BOT}`;
// The challenge's address: another visitor from the documents' list.
const HITS2 = 'hits:90.213.45.98';

export const lesson: Lesson = {
  id: 'bot-detection',
  title: { ko: '모자 가게 2: 봇 잡기', en: 'The hat shop, part 2: catching bots' },
  summary: {
    ko: '들어오는 IP 주소를 리스트에 넣고, 다른 터미널의 감시자가 BLPOP으로 꺼내 분당 방문 횟수를 세어요. 1분에 15번 이상 오는 주소는 봇이에요.',
    en: 'Push incoming IP addresses onto a list; a watcher in another terminal takes them with BLPOP and counts visits per minute. An address that comes 15 or more times in a minute is a bot.',
  },
  level: 3,
  prerequisites: ['hat-shop', 'job-queue', 'expiry'],
  db: 5,
  steps: [
    {
      text: {
        ko: '모자 가게에 몇 초 만에 수백 개를 사 가는 손님이 나타났어요. 봇이에요. 먼저 웹 서버의 미들웨어가 들어오는 모든 요청의 IP 주소를 `ips` 리스트에 `LPUSH`해요. 문서처럼 **5번 데이터베이스**를 써요.\n\n`LPUSH`는 넣은 뒤의 리스트 길이를 돌려줘요.',
        en: "Someone is buying hundreds of hats in seconds: a bot. First, the web server's middleware `LPUSH`es the IP address of every request onto the `ips` list. As in the documents, this happens in **database 5**.\n\n`LPUSH` answers the list's length afterwards.",
      },
      commands: ['SELECT 5', 'LPUSH ips 51.218.112.236', 'LPUSH ips 90.213.45.98', 'LPUSH ips 115.215.230.176', 'LPUSH ips 51.218.112.236'],
      pythonCode: `r = redis.Redis(db=5)
r.lpush("ips", "51.218.112.236")   # 1
r.lpush("ips", "90.213.45.98")     # 2
r.lpush("ips", "115.215.230.176")  # 3
r.lpush("ips", "51.218.112.236")   # 4`,
      hints: [{ ko: '프롬프트가 `[5]`로 끝나야 해요.', en: 'The prompt should end in `[5]`.' }],
      solution: ['SELECT 5', 'LPUSH ips 51.218.112.236', 'LPUSH ips 90.213.45.98', 'LPUSH ips 115.215.230.176', 'LPUSH ips 51.218.112.236'],
      check: {
        all: [
          { key: 'ips', type: 'list', member: '115.215.230.176' },
          { key: 'ips', member: '90.213.45.98' },
        ],
      },
    },
    {
      text: {
        ko: '감시자(`ipwatcher`)는 별도의 프로세스예요. **두 번째 터미널**을 열고 5번 데이터베이스로 옮긴 뒤 `BLPOP`으로 주소를 꺼내 보세요. 파이썬의 `Queue.get()`처럼, 있으면 바로 꺼내고 없으면 기다려요.\n\n`LPUSH`로 넣고 `BLPOP`으로 꺼내니 가장 최근 주소가 먼저 나와요.',
        en: "The watcher (`ipwatcher`) is a separate process. Open a **second terminal**, move to database 5 and take an address with `BLPOP`. Like Python's `Queue.get()`, it takes one at once if there is one and waits if not.\n\n`LPUSH` in, `BLPOP` out: the newest address comes first.",
      },
      commands: [
        { client: 2, line: 'SELECT 5' },
        { client: 2, line: 'BLPOP ips 0' },
      ],
      pythonCode: `# New shell window or tab
ipwatcher = redis.Redis(db=5)
_, addr = ipwatcher.blpop("ips")`,
      hints: [
        {
          ko: '두 번째 터미널도 처음에는 0번 데이터베이스에 있어요. `SELECT 5`를 먼저 하세요.',
          en: 'The second terminal starts in database 0 too: `SELECT 5` first.',
        },
      ],
      solution: [
        { client: 2, line: 'SELECT 5' },
        { client: 2, line: 'BLPOP ips 0' },
      ],
      check: { reply: { command: 'BLPOP ips 0', client: 2, matches: /^1\) "ips"\n2\) "[\d.]+"$/ } },
    },
    {
      text: {
        ko: '감시자는 꺼낸 주소마다 **주소와 현재 분(minute)**으로 키를 만들어 `INCRBY`로 세어요. 15시 15분에 온 요청이면 `주소:15`예요. 그 키에 60초 만료를 걸어 두면 1분짜리 카운터가 돼요.\n\n남은 주소도 모두 꺼내 큐를 비우세요.',
        en: 'For each address, the watcher makes a key of **the address and the current minute** and counts with `INCRBY`: a request at 15:15 counts in `address:15`. A 60-second expiry on that key makes it a one-minute counter.\n\nTake the other addresses too, until the queue is empty.',
      },
      commands: [
        { client: 2, line: 'INCRBY 51.218.112.236:15 1' },
        { client: 2, line: 'EXPIRE 51.218.112.236:15 60' },
        { client: 2, line: 'BLPOP ips 0' },
        { client: 2, line: 'BLPOP ips 0' },
        { client: 2, line: 'BLPOP ips 0' },
      ],
      pythonCode: `import datetime
import ipaddress

ipwatcher = redis.Redis(db=5)
MAXVISITS = 15
blacklist = set()

while True:
    # The documents' watcher waits forever (no timeout); this one stops once the
    # queue has stayed empty for a second.
    item = ipwatcher.blpop("ips", timeout=1)
    if item is None:
        break
    _, addr = item
    addr = ipaddress.ip_address(addr.decode("utf-8"))
    now = datetime.datetime.now(datetime.timezone.utc)
    addrts = f"{addr}:{now.minute}"
    n = ipwatcher.incrby(addrts, 1)
    if n >= MAXVISITS:
        print(f"Hat bot detected!: {addr}")
        blacklist.add(addr)
    else:
        print(f"{now}: saw {addr}")
    _ = ipwatcher.expire(addrts, 60)`,
      hints: [{ ko: '큐가 빈 뒤의 `BLPOP`은 기다려요. 그러면 Ctrl-C로 빠져나오세요.', en: 'A `BLPOP` on the empty queue waits; Ctrl-C gets you out.' }],
      solution: [
        { client: 2, line: 'INCRBY 51.218.112.236:15 1' },
        { client: 2, line: 'EXPIRE 51.218.112.236:15 60' },
        { client: 2, line: 'BLPOP ips 0' },
        { client: 2, line: 'BLPOP ips 0' },
        { client: 2, line: 'BLPOP ips 0' },
      ],
      check: {
        all: [
          { key: '51.218.112.236:15', ttlBetween: [1, 60] },
          { key: 'ips', exists: false },
        ],
      },
    },
    {
      text: {
        ko: '이제 큐가 비었으니 감시자의 `BLPOP`은 **기다려요**(두 번째 터미널에 프롬프트가 없어요). 첫 번째 터미널에서 새 요청이 들어오게 하면 감시자가 즉시 깨어나 꺼내요. 이어서 그 주소의 카운터를 올려요.',
        en: "The queue is empty, so the watcher's `BLPOP` **waits** (no prompt in the second terminal). Let a new request come in from the first terminal and the watcher wakes up and takes it at once, then counts the address.",
      },
      commands: [
        { client: 2, line: 'BLPOP ips 0' },
        `LPUSH ips ${BOT}`,
        { client: 2, line: `INCRBY ${COUNTER} 1` },
        { client: 2, line: `EXPIRE ${COUNTER} 60` },
      ],
      pythonCode: `r.lpush("ips", "${BOT}")  # the middleware, in the first shell`,
      hints: [
        {
          ko: '`INCRBY`와 `EXPIRE`는 `BLPOP`이 답한 뒤에 실행돼요. 그 전에 실행 버튼을 눌렀다면 그 명령은 차례를 기다려요.',
          en: '`INCRBY` and `EXPIRE` run after `BLPOP` answers; Run presses before that wait their turn.',
        },
      ],
      solution: [
        { client: 2, line: 'BLPOP ips 0' },
        `LPUSH ips ${BOT}`,
        { client: 2, line: `INCRBY ${COUNTER} 1` },
        { client: 2, line: `EXPIRE ${COUNTER} 60` },
      ],
      check: {
        all: [{ reply: { command: 'BLPOP ips 0', client: 2, equals: `1) "ips"\n2) "${BOT}"` } }, { key: COUNTER, ttlBetween: [1, 60] }],
      },
    },
    {
      text: {
        ko: '봇은 같은 분 안에 요청을 20번 보내요. 감시자처럼 하나씩 세는 대신, 카운터가 15가 될 때까지의 14번을 한꺼번에 더해 봐요. `INCRBY`에 14를 줘요. 카운터가 `MAXVISITS`(15) 이상이면 봇이에요.\n\n문서는 블랙리스트를 파이썬 `set`에 두지만, Redis 집합에 두면 다른 서버들도 함께 볼 수 있어요.',
        en: 'The bot sends 20 requests within the minute. Rather than counting them one at a time as the watcher does, add the 14 that bring the counter to 15 in one go: give `INCRBY` 14. A count of `MAXVISITS` (15) or more means a bot.\n\nThe documents keep the blacklist in a Python `set`; a Redis set lets every server see it.',
      },
      commands: [
        { client: 2, line: `INCRBY ${COUNTER} 14` },
        { client: 2, line: `SADD blacklist ${BOT}` },
      ],
      pythonCode: `ipwatcher = redis.Redis(db=5)
MAXVISITS = 15
addr = "${BOT}"

# the bot, in the first shell: 20 requests in the same minute
for _ in range(20):
    r.lpush("ips", addr)

# the watcher counts each one with incrby(addrts, 1); like the terminal,
# add the 14 that reach the limit in one go
n = ipwatcher.incrby("${COUNTER}", 14)  # 15
if n >= MAXVISITS:
    print(f"Hat bot detected!: {addr}")
    ipwatcher.sadd("blacklist", addr)`,
      hints: [
        { ko: '두 번째 터미널이 아직 기다리는 중이라면 Ctrl-C 후 `SELECT 5`부터 하세요.', en: 'Second terminal still waiting? Ctrl-C, then `SELECT 5` first.' },
      ],
      solution: [
        { client: 2, line: `INCRBY ${COUNTER} 14` },
        { client: 2, line: `SADD blacklist ${BOT}` },
      ],
      check: {
        all: [{ reply: { command: `INCRBY ${COUNTER} 14`, matches: /^\(integer\) (1[5-9]|[2-9]\d|\d{3,})$/ } }, { key: 'blacklist', type: 'set', member: BOT }],
      },
    },
    {
      text: {
        ko: '1분이 지나면(**⏩ +61초** 버튼) 분당 카운터는 만료로 사라져요. 다음 분에는 새 키(`주소:16`)로 다시 세어요. 블랙리스트에는 만료가 없으니 그대로 남아요.',
        en: 'A minute later (the **⏩ +61 s** button) the per-minute counter has expired; the next minute counts in a new key (`address:16`). The blacklist has no expiry and stays.',
      },
      commands: [`EXISTS ${COUNTER}`, `SISMEMBER blacklist ${BOT}`],
      pythonCode: `ipwatcher = redis.Redis(db=5)
print(ipwatcher.exists("${COUNTER}"))            # 0 once the minute is over
print(ipwatcher.sismember("blacklist", "${BOT}"))  # True`,
      hints: [{ ko: '`EXISTS`가 아직 `1`이라면 시간이 덜 지난 거예요.', en: '`EXISTS` still says `1`? Not enough time has passed.' }],
      solution: [`EXISTS ${COUNTER}`, `SISMEMBER blacklist ${BOT}`],
      wait: 61,
      check: {
        all: [{ reply: { command: `EXISTS ${COUNTER}`, equals: '(integer) 0' } }, { reply: { command: `SISMEMBER blacklist ${BOT}`, equals: '(integer) 1' } }],
      },
    },
    {
      text: {
        ko: '분 단위 카운터에는 빈틈이 있어요. 15시 15분 59초에 14번, 16분 00초에 14번 보내면 2초 동안 28번인데, 요청이 `주소:15`와 `주소:16` 두 키로 나뉘어 어느 쪽도 15에 닿지 않아요. 문서가 소개하는 ClassDojo의 방법은 **정렬된 집합**으로 "지금부터 거꾸로 60초"를 세는 **슬라이딩 윈도**예요. 시계의 분이 바뀌어도 창은 끊기지 않아요.\n\n요청마다 고유한 ID를 멤버로, 요청 시각(유닉스 초)을 점수로 `ZADD`해요. 그다음 60초보다 오래된 멤버를 `ZREMRANGEBYSCORE`로 지우고 남은 수를 `ZCARD`로 세어요. 지금이 `1710170143`(15:15:43 UTC)이라면 `1710170083` 이하는 창 밖이에요. 마지막으로 `EXPIRE`를 걸어 두면 요청이 끊긴 주소의 키는 저절로 사라져요.',
        en: "The per-minute counter has a gap. Send 14 requests at 15:15:59 and 14 more at 15:16:00: 28 in two seconds, yet they are split between `address:15` and `address:16`, and neither reaches 15. ClassDojo's approach, which the documents point to, is a **sliding window** kept in a **sorted set**: count the 60 seconds back from now, so the window never breaks when the clock's minute changes.\n\nFor each request, `ZADD` a unique request id as the member, with the request time (Unix seconds) as its score. Then drop the members older than 60 seconds with `ZREMRANGEBYSCORE` and count what is left with `ZCARD`. If now is `1710170143` (15:15:43 UTC), everything at or below `1710170083` is outside the window. Last, an `EXPIRE` lets the key of an address that goes quiet disappear by itself.",
      },
      commands: [
        `ZADD ${HITS} 1710170050 req1 1710170100 req2 1710170130 req3 1710170143 req4`,
        `ZREMRANGEBYSCORE ${HITS} -inf 1710170083`,
        `ZCARD ${HITS}`,
        `EXPIRE ${HITS} 60`,
      ],
      pythonCode: `import time
import uuid

WINDOW = 60  # seconds

def seen_too_often(addr: str) -> bool:
    key = f"hits:{addr}"
    now = time.time()
    with ipwatcher.pipeline() as pipe:  # MULTI ... EXEC: the four run as one
        pipe.zadd(key, {uuid.uuid4().hex: now})           # this request
        pipe.zremrangebyscore(key, "-inf", now - WINDOW)  # forget the old ones
        pipe.zcard(key)                                   # requests in the last 60 s
        pipe.expire(key, WINDOW)
        _, _, count, _ = pipe.execute()
    return count >= MAXVISITS`,
      hints: [
        {
          ko: '요청 ID가 같으면 점수만 바뀌므로 요청마다 다른 ID를 써요. 여기 명령은 다시 실행해도 결과가 같아요. 다만 카운터 하나가 아니라 요청마다 멤버 하나를 저장하니 메모리는 더 들어요.',
          en: 'The same request id would only move its score, so every request gets a new one. Running these lines again gives the same result. The price: one member per request instead of a single counter, so more memory.',
        },
        {
          ko: '상한 앞에 `(`를 붙이면(`(1710170083`) 그 값 자체는 지우지 않고 남겨요. 프롬프트가 `[5]`로 끝나는지도 확인하세요.',
          en: 'A `(` before the bound (`(1710170083`) keeps members with exactly that score. Also check that the prompt ends in `[5]`.',
        },
      ],
      solution: [
        `ZADD ${HITS} 1710170050 req1 1710170100 req2 1710170130 req3 1710170143 req4`,
        `ZREMRANGEBYSCORE ${HITS} -inf 1710170083`,
        `ZCARD ${HITS}`,
        `EXPIRE ${HITS} 60`,
      ],
      check: {
        all: [{ key: HITS, type: 'zset', length: 3, member: 'req4', ttlBetween: [1, 60] }, { reply: { command: `ZCARD ${HITS}`, equals: '(integer) 3' } }],
      },
    },
    {
      challenge: true,
      text: {
        ko: '이번엔 `90.213.45.98` 주소를 슬라이딩 윈도로 세어 봐요. 이 주소의 요청 세 개가 `1710170150`(`req1`), `1710170160`(`req2`), `1710170200`(`req3`)에 들어왔어요. 지금이 `1710170210`이라면 최근 60초 안의 요청은 몇 개일까요? `hits:90.213.45.98`에 요청을 기록하고, 창 밖의 요청은 지운 뒤 남은 수를 세세요.',
        en: 'Now count the address `90.213.45.98` with a sliding window. Three of its requests came in at `1710170150` (`req1`), `1710170160` (`req2`) and `1710170200` (`req3`). If now is `1710170210`, how many fall within the last 60 seconds? Record the requests in `hits:90.213.45.98`, remove those outside the window, and count what is left.',
      },
      commands: [],
      hints: [
        {
          ko: '7단계처럼 점수는 요청 시각, 멤버는 요청 ID예요. 창의 경계는 지금 시각에서 60을 뺀 값이에요.',
          en: "As in step 7: the request time is the score, the request id the member. The window's edge is now minus 60.",
        },
        {
          ko: '경계값과 똑같은 시각의 요청은 7단계처럼 창 밖으로 쳐요. 답은 2여야 해요.',
          en: 'A request at exactly the edge counts as outside, as in step 7: the answer is 2.',
        },
      ],
      solution: [`ZADD ${HITS2} 1710170150 req1 1710170160 req2 1710170200 req3`, `ZREMRANGEBYSCORE ${HITS2} -inf 1710170150`, `ZCARD ${HITS2}`],
      check: {
        all: [{ key: HITS2, type: 'zset', length: 2, member: 'req2' }, { reply: { command: `ZCARD ${HITS2}`, equals: '(integer) 2' } }],
      },
    },
  ],
};
