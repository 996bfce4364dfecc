import type { Lesson } from '../src/lessons/model.js';

// PyHats.com, part 2 from the documents: the middleware LPUSHes every visitor's IP onto `ips` in
// database 5, an `ipwatcher` in another terminal BLPOPs them, counts each address per minute with
// INCRBY on "<addr>:<minute>" plus EXPIRE 60, and blacklists an address at MAXVISITS (15).

const BOT = '104.174.118.18';
const COUNTER = `${BOT}:15`;

export const lesson: Lesson = {
  id: 'bot-detection',
  title: { ko: '모자 가게 2: 봇 잡기', en: 'The hat shop, part 2: catching bots' },
  summary: {
    ko: '들어오는 IP 주소를 리스트에 넣고, 다른 터미널의 감시자가 BLPOP으로 꺼내 분당 방문 횟수를 셉니다. 1분에 15번 넘게 오는 주소는 봇입니다.',
    en: 'Push incoming IP addresses onto a list; a watcher in another terminal takes them with BLPOP and counts visits per minute. An address that comes more than 15 times a minute is a bot.',
  },
  level: 3,
  prerequisites: ['hat-shop', 'job-queue', 'expiry'],
  db: 5,
  steps: [
    {
      text: {
        ko: '모자 가게에 몇 초 만에 수백 개를 사 가는 손님이 나타났습니다. 봇입니다. 먼저 웹 서버의 미들웨어가 들어오는 모든 요청의 IP 주소를 `ips` 리스트에 `LPUSH`합니다. 문서처럼 **5번 데이터베이스**를 씁니다.\n\n`LPUSH`는 넣은 뒤의 리스트 길이를 돌려줍니다.',
        en: 'Someone is buying hundreds of hats in seconds: a bot. First, the web server\'s middleware `LPUSH`es the IP address of every request onto the `ips` list. As in the documents, this happens in **database 5**.\n\n`LPUSH` answers the list\'s length afterwards.',
      },
      commands: ['SELECT 5', 'LPUSH ips 51.218.112.236', 'LPUSH ips 90.213.45.98', 'LPUSH ips 115.215.230.176', 'LPUSH ips 51.218.112.236'],
      pythonCode: `r = redis.Redis(db=5)
r.lpush("ips", "51.218.112.236")   # 1
r.lpush("ips", "90.213.45.98")     # 2
r.lpush("ips", "115.215.230.176")  # 3
r.lpush("ips", "51.218.112.236")   # 4`,
      hints: [{ ko: '프롬프트가 `[5]`로 끝나야 합니다.', en: 'The prompt should end in `[5]`.' }],
      solution: ['SELECT 5', 'LPUSH ips 51.218.112.236', 'LPUSH ips 90.213.45.98', 'LPUSH ips 115.215.230.176', 'LPUSH ips 51.218.112.236'],
      check: { all: [{ key: 'ips', type: 'list', member: '115.215.230.176' }, { key: 'ips', member: '90.213.45.98' }] },
    },
    {
      text: {
        ko: '감시자(`ipwatcher`)는 별도의 프로세스입니다. **두 번째 터미널**을 열고 5번 데이터베이스로 옮긴 뒤 `BLPOP`으로 주소를 꺼내 보세요. 파이썬의 `Queue.get()`처럼, 있으면 바로 꺼내고 없으면 기다립니다.\n\n`LPUSH`로 넣고 `BLPOP`으로 꺼내니 가장 최근 주소가 먼저 나옵니다.',
        en: 'The watcher (`ipwatcher`) is a separate process. Open a **second terminal**, move to database 5 and take an address with `BLPOP`. Like Python\'s `Queue.get()`, it takes one at once if there is one and waits if not.\n\n`LPUSH` in, `BLPOP` out: the newest address comes first.',
      },
      commands: [{ client: 2, line: 'SELECT 5' }, { client: 2, line: 'BLPOP ips 0' }],
      pythonCode: `# New shell window or tab
ipwatcher = redis.Redis(db=5)
_, addr = ipwatcher.blpop("ips")`,
      hints: [{ ko: '두 번째 터미널도 처음에는 0번 데이터베이스에 있습니다. `SELECT 5`를 먼저 하세요.', en: 'The second terminal starts in database 0 too: `SELECT 5` first.' }],
      solution: [{ client: 2, line: 'SELECT 5' }, { client: 2, line: 'BLPOP ips 0' }],
      check: { reply: { command: 'BLPOP ips 0', client: 2, matches: /^1\) "ips"\n2\) "[\d.]+"$/ } },
    },
    {
      text: {
        ko: '감시자는 꺼낸 주소마다 **주소와 현재 분(minute)**으로 키를 만들어 `INCRBY`로 셉니다. 15시 15분에 온 요청이면 `주소:15`입니다. 그 키에 60초 만료를 걸어 두면 1분짜리 카운터가 됩니다.\n\n남은 주소도 모두 꺼내 큐를 비우세요.',
        en: 'For each address, the watcher makes a key of **the address and the current minute** and counts with `INCRBY`: a request at 15:15 counts in `address:15`. A 60-second expiry on that key makes it a one-minute counter.\n\nTake the other addresses too, until the queue is empty.',
      },
      commands: [
        { client: 2, line: 'INCRBY 51.218.112.236:15 1' },
        { client: 2, line: 'EXPIRE 51.218.112.236:15 60' },
        { client: 2, line: 'BLPOP ips 0' },
        { client: 2, line: 'BLPOP ips 0' },
        { client: 2, line: 'BLPOP ips 0' },
      ],
      pythonCode: `MAXVISITS = 15
while True:
    _, addr = ipwatcher.blpop("ips")
    addr = ipaddress.ip_address(addr.decode("utf-8"))
    now = datetime.datetime.utcnow()
    addrts = f"{addr}:{now.minute}"
    n = ipwatcher.incrby(addrts, 1)
    if n >= MAXVISITS:
        print(f"Hat bot detected!: {addr}")
        blacklist.add(addr)
    else:
        print(f"{now}: saw {addr}")
    _ = ipwatcher.expire(addrts, 60)`,
      hints: [{ ko: '큐가 빈 뒤의 `BLPOP`은 기다립니다. 그러면 Ctrl-C로 빠져나오세요.', en: 'A `BLPOP` on the empty queue waits; Ctrl-C gets you out.' }],
      solution: [
        { client: 2, line: 'INCRBY 51.218.112.236:15 1' },
        { client: 2, line: 'EXPIRE 51.218.112.236:15 60' },
        { client: 2, line: 'BLPOP ips 0' },
        { client: 2, line: 'BLPOP ips 0' },
        { client: 2, line: 'BLPOP ips 0' },
      ],
      check: { all: [{ key: '51.218.112.236:15', ttlBetween: [1, 60] }, { key: 'ips', exists: false }] },
    },
    {
      text: {
        ko: '이제 큐가 비었으니 감시자의 `BLPOP`은 **기다립니다**(두 번째 터미널에 프롬프트가 없습니다). 첫 번째 터미널에서 새 요청이 들어오게 하면 감시자가 즉시 깨어나 꺼냅니다. 이어서 그 주소의 카운터를 올립니다.',
        en: 'The queue is empty, so the watcher\'s `BLPOP` **waits** (no prompt in the second terminal). Let a new request come in from the first terminal and the watcher wakes up and takes it at once, then counts the address.',
      },
      commands: [
        { client: 2, line: 'BLPOP ips 0' },
        `LPUSH ips ${BOT}`,
        { client: 2, line: `INCRBY ${COUNTER} 1` },
        { client: 2, line: `EXPIRE ${COUNTER} 60` },
      ],
      pythonCode: `r.lpush("ips", "${BOT}")  # the middleware, in the first shell`,
      hints: [{ ko: '`INCRBY`와 `EXPIRE`는 `BLPOP`이 답한 뒤에 실행됩니다. 그 전에 누른 실행은 차례를 기다립니다.', en: '`INCRBY` and `EXPIRE` run after `BLPOP` answers; Run presses before that wait their turn.' }],
      solution: [
        { client: 2, line: 'BLPOP ips 0' },
        `LPUSH ips ${BOT}`,
        { client: 2, line: `INCRBY ${COUNTER} 1` },
        { client: 2, line: `EXPIRE ${COUNTER} 60` },
      ],
      check: {
        all: [
          { reply: { command: 'BLPOP ips 0', client: 2, equals: `1) "ips"\n2) "${BOT}"` } },
          { key: COUNTER, ttlBetween: [1, 60] },
        ],
      },
    },
    {
      text: {
        ko: '봇은 같은 분 안에 요청을 20번 보냅니다. 감시자가 한 번씩 세는 과정을 건너뛰고, 14번 더 센 것으로 치고 `INCRBY`에 14를 주세요. 카운터가 `MAXVISITS`(15)에 닿으면 봇입니다.\n\n문서는 블랙리스트를 파이썬 `set`에 두지만, Redis 집합에 두면 다른 서버들도 함께 볼 수 있습니다.',
        en: 'The bot sends 20 requests within the minute. Skip counting them one by one: take it as 14 more and give `INCRBY` 14. When the counter reaches `MAXVISITS` (15), it is a bot.\n\nThe documents keep the blacklist in a Python `set`; a Redis set lets every server see it.',
      },
      commands: [{ client: 2, line: `INCRBY ${COUNTER} 14` }, { client: 2, line: `SADD blacklist ${BOT}` }],
      pythonCode: `n = ipwatcher.incrby("${COUNTER}", 1)
if n >= MAXVISITS:
    print(f"Hat bot detected!: {addr}")
    ipwatcher.sadd("blacklist", str(addr))`,
      hints: [{ ko: '두 번째 터미널이 아직 기다리는 중이라면 Ctrl-C 후 `SELECT 5`부터 하세요.', en: 'Second terminal still waiting? Ctrl-C, then `SELECT 5` first.' }],
      solution: [{ client: 2, line: `INCRBY ${COUNTER} 14` }, { client: 2, line: `SADD blacklist ${BOT}` }],
      check: {
        all: [
          { reply: { command: `INCRBY ${COUNTER} 14`, matches: /^\(integer\) (1[5-9]|[2-9]\d|\d{3,})$/ } },
          { key: 'blacklist', type: 'set', member: BOT },
        ],
      },
    },
    {
      text: {
        ko: '1분이 지나면(**빨리 감기**) 분당 카운터는 만료로 사라집니다. 다음 분에는 새 키(`주소:16`)로 다시 셉니다. 블랙리스트에는 만료가 없으니 그대로 남습니다.',
        en: 'A minute later (**fast-forward**) the per-minute counter has expired; the next minute counts in a new key (`address:16`). The blacklist has no expiry and stays.',
      },
      commands: [`EXISTS ${COUNTER}`, `SISMEMBER blacklist ${BOT}`],
      pythonCode: `print(ipwatcher.exists("${COUNTER}"))            # 0
print(ipwatcher.sismember("blacklist", "${BOT}"))  # 1`,
      hints: [{ ko: '`EXISTS`가 아직 `1`이라면 시간이 덜 지난 것입니다.', en: '`EXISTS` still says `1`? Not enough time has passed.' }],
      solution: [`EXISTS ${COUNTER}`, `SISMEMBER blacklist ${BOT}`],
      wait: 61,
      check: {
        all: [
          { reply: { command: `EXISTS ${COUNTER}`, equals: '(integer) 0' } },
          { reply: { command: `SISMEMBER blacklist ${BOT}`, equals: '(integer) 1' } },
        ],
      },
    },
  ],
};
