import type { Lesson } from '../src/lessons/model.js';

// Lua scripts run inside Redis, all at once: the documents' rate_limit() (INCR, then EXPIRE on
// the first hit) as one EVAL that nothing can cut in half, cached with SCRIPT LOAD and called by
// SHA; a lock released only by its owner (compare-and-delete); and the hat shop's buyitem()
// without WATCH or retries, because a script's check and its writes happen with nothing between;
// then the limiter as a Redis 7 function, a named library that stays on the server.

const HAT = 'hat:56854717';
const LOCK = 'lock:hat:56854717';
const LIMITER = "local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return c";
const LIMITER_SHA = '8a7f1d788aeedbc24f7ac89c3ede25a3e3348ae9';
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
const LIBRARY = `#!lua name=ratelimit\\nredis.register_function('rate_limit', function(keys, args) ${LIMITER.replaceAll('KEYS', 'keys').replaceAll('ARGV', 'args')} end)`;
const BUY =
  "local left = tonumber(redis.call('HGET', KEYS[1], 'quantity')) if not left or left <= 0 then return redis.error_reply('OUTOFSTOCK ' .. KEYS[1] .. ' is sold out') end redis.call('HINCRBY', KEYS[1], 'quantity', -1) return redis.call('HINCRBY', KEYS[1], 'npurchased', 1)";

export const lesson: Lesson = {
  id: 'scripting',
  title: { ko: 'Lua 스크립트: 한 번에 끝나는 작업', en: 'Lua scripts: work done in one go' },
  summary: {
    ko: 'EVAL로 Lua 스크립트를 Redis 안에서 실행해요. 스크립트가 도는 동안에는 다른 명령이 끼어들 수 없어서, 요청 횟수 제한·락 해제·재고 차감을 빈틈 없이 만들 수 있어요.',
    en: 'Run Lua scripts inside Redis with EVAL. While a script runs no other command can slip in, so a rate limiter, a lock release and a stock update become gap-free.',
  },
  level: 3,
  prerequisites: ['hat-shop', 'rate-limiting'],
  db: 1,
  setup: [`HSET ${HAT} color green price 99.99 style baseball quantity 2 npurchased 0`],
  steps: [
    {
      text: {
        ko: '`EVAL`은 Lua 스크립트를 Redis **안에서** 실행해요. 스크립트는 `redis.call`로 명령을 부르고, 키 이름은 `KEYS`로, 나머지 값은 `ARGV`로 받아요. 스크립트 뒤의 숫자는 키가 몇 개인지예요.\n\n이 레슨은 모자 가게처럼 **1번 데이터베이스**에서 해요. `SELECT 1` 후 요청 카운터를 스크립트로 올려 보세요.',
        en: '`EVAL` runs a Lua script **inside** Redis. The script calls commands with `redis.call`, gets key names in `KEYS` and other values in `ARGV`; the number after the script says how many keys there are.\n\nLike the hat shop, this lesson lives in **database 1**. `SELECT 1`, then bump a request counter from a script.',
      },
      commands: ['SELECT 1', `EVAL "return redis.call('INCR', KEYS[1])" 1 rate_limit:42`, 'TTL rate_limit:42'],
      pythonCode: `r = redis.Redis(db=1)
print(r.eval("return redis.call('INCR', KEYS[1])", 1, "rate_limit:42"))  # 1`,
      hints: [
        {
          ko: '스크립트는 큰따옴표로 감싸고, 그 안의 문자열은 작은따옴표로 써요. redis-cli가 스크립트를 한 인자로 넘겨요.',
          en: 'Wrap the script in double quotes and use single quotes inside it: redis-cli passes the script as one argument.',
        },
      ],
      solution: ['SELECT 1', `EVAL "return redis.call('INCR', KEYS[1])" 1 rate_limit:42`],
      check: { reply: { command: `EVAL "return redis.call('INCR', KEYS[1])" 1 rate_limit:42`, matches: /^\(integer\) \d+$/ } },
    },
    {
      text: {
        ko: '`TTL`이 `-1`이었죠? 만료가 없는 카운터예요. 요청 횟수 제한 레슨의 빈틈, 즉 `INCR`과 `EXPIRE` 사이에 프로그램이 죽는 경우와 같은 상태예요.\n\n두 명령을 **한 스크립트**에 넣으면 그 사이에 아무것도 끼어들 수 없어요. 카운터를 지우고, 첫 요청이면 60초 창을 여는 스크립트를 실행하세요.',
        en: 'Did `TTL` say `-1`? A counter without expiry: the very gap from the rate-limiting lesson, as if the program died between `INCR` and `EXPIRE`.\n\nPut both commands in **one script** and nothing can come between them. Delete the counter, then run a script that opens a 60-second window on the first request.',
      },
      commands: ['DEL rate_limit:42', `EVAL "${LIMITER}" 1 rate_limit:42 60`, 'TTL rate_limit:42'],
      pythonCode: `LIMITER = """
local c = redis.call('INCR', KEYS[1])
if c == 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return c
"""
r.delete("rate_limit:42")
print(r.eval(LIMITER, 1, "rate_limit:42", 60))  # 1, and the key expires in 60 s`,
      hints: [
        {
          ko: '`ARGV[1]`은 문자열 `"60"`이지만 `EXPIRE`는 숫자로 읽어요. 카운터가 이미 있으면 `c`가 1이 아니라서 창이 안 열려요. 먼저 `DEL`하세요.',
          en: '`ARGV[1]` is the string `"60"`; `EXPIRE` reads it as a number. If the counter already exists, `c` is not 1 and no window opens: `DEL` it first.',
        },
      ],
      solution: ['DEL rate_limit:42', `EVAL "${LIMITER}" 1 rate_limit:42 60`],
      check: { key: 'rate_limit:42', ttlBetween: [1, 60] },
    },
    {
      text: {
        ko: '요청마다 스크립트 전체를 보내면 낭비예요. `SCRIPT LOAD`로 한 번 올려 두면 Redis가 **SHA1 해시**를 돌려주고, 그다음부터는 `EVALSHA`로 해시만 보내면 돼요. 같은 스크립트는 언제나 같은 해시(`8a7f1d…`)예요.',
        en: 'Sending the whole script with every request is wasteful. `SCRIPT LOAD` it once and Redis answers its **SHA1 hash**; from then on `EVALSHA` sends just the hash. The same script always has the same hash (`8a7f1d…`).',
      },
      commands: [`SCRIPT LOAD "${LIMITER}"`, `EVALSHA ${LIMITER_SHA} 1 rate_limit:42 60`, `SCRIPT EXISTS ${LIMITER_SHA}`],
      pythonCode: `# step 2's limiter
LIMITER = """
local c = redis.call('INCR', KEYS[1])
if c == 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return c
"""
rate_limit = r.register_script(LIMITER)  # EVALSHA, and EVAL once if Redis lost it
for _ in range(3):
    print(rate_limit(keys=["rate_limit:42"], args=[60]) <= 5)  # True while within the limit`,
      hints: [
        {
          ko: '`NOSCRIPT` 오류가 나면 캐시에 스크립트가 없는 거예요. `SCRIPT LOAD`를 먼저 실행하세요. redis-py의 `register_script`는 이럴 때 알아서 `EVAL`로 다시 보내요.',
          en: "A `NOSCRIPT` error means the cache does not have it: run `SCRIPT LOAD` first. redis-py's `register_script` falls back to `EVAL` by itself in that case.",
        },
      ],
      solution: [`SCRIPT LOAD "${LIMITER}"`, `EVALSHA ${LIMITER_SHA} 1 rate_limit:42 60`],
      check: { reply: { command: `EVALSHA ${LIMITER_SHA} 1 rate_limit:42`, matches: /^\(integer\) \d+$/ } },
    },
    {
      text: {
        ko: '이번엔 **락**이에요. 모자 재고를 손보는 동안 다른 작업자를 막으려고 `SET ... NX EX`로 락을 잡아요. 값에는 나만 아는 토큰을 넣어요.\n\n락을 풀 때 그냥 `DEL`하면 안 돼요. 내 락이 만료된 뒤 다른 작업자가 잡은 락을 지울 수 있거든요. **내 토큰일 때만** 지우는 스크립트로 풀어요. 먼저 다른 토큰(`token-b`)으로 풀어 보세요. `0`이 나오고 락은 그대로예요.',
        en: "Now a **lock**. To keep other workers away while the hat's stock is updated, take a lock with `SET ... NX EX`, holding a token only you know.\n\nDo not release it with a plain `DEL`: once your lock expired, that could delete a lock another worker took since. Release it with a script that deletes **only if the token is yours**. Try first with someone else's token (`token-b`): it answers `0` and the lock stays.",
      },
      commands: [`SET ${LOCK} token-a NX EX 30`, `EVAL "${RELEASE}" 1 ${LOCK} token-b`, `GET ${LOCK}`],
      pythonCode: `token = "token-a"  # in real code a random one nobody else has: str(uuid.uuid4())
if r.set("${LOCK}", token, nx=True, ex=30):
    release = r.register_script("""
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
else
    return 0
end
""")
    print(release(keys=["${LOCK}"], args=["token-b"]))  # 0: not ours`,
      hints: [
        {
          ko: '`SET`이 `(nil)`이면 락이 이미 있는 거예요. 30초 안에 다시 했다면 그대로 진행해도 돼요.',
          en: 'If `SET` answers `(nil)`, the lock is already taken; if that was you within 30 seconds, go on.',
        },
      ],
      solution: [`SET ${LOCK} token-a NX EX 30`, `EVAL "${RELEASE}" 1 ${LOCK} token-b`],
      check: { all: [{ reply: { command: `EVAL "${RELEASE}" 1 ${LOCK}`, equals: '(integer) 0' } }, { key: LOCK, equals: 'token-a' }] },
    },
    {
      text: {
        ko: '이제 진짜 주인의 토큰 `token-a`로 풀어요. 비교와 삭제가 한 스크립트 안에서 일어나니, 그 사이에 락이 바뀔 틈이 없어요.',
        en: "Now release it with the owner's token, `token-a`. The comparison and the delete happen inside one script, so the lock cannot change in between.",
      },
      commands: [`EVAL "${RELEASE}" 1 ${LOCK} token-a`, `EXISTS ${LOCK}`],
      pythonCode: `release = r.register_script("""
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
else
    return 0
end
""")
token = "token-a"  # the owner's token, from the previous step
print(release(keys=["${LOCK}"], args=[token]))  # 1: released
print(r.exists("${LOCK}"))  # 0`,
      hints: [
        {
          ko: '`0`이 나오면 30초가 지나 락이 이미 만료된 거예요. 앞 단계의 `SET`부터 다시 하세요.',
          en: "Got `0`? The 30 seconds passed and the lock expired already; redo the previous step's `SET`.",
        },
      ],
      solution: [`EVAL "${RELEASE}" 1 ${LOCK} token-a`],
      check: { key: LOCK, exists: false },
    },
    {
      text: {
        ko: '모자 가게의 `buyitem()`은 `WATCH`로 재고를 지켜보다가 누가 끼어들면 처음부터 다시 시도했어요. 스크립트라면 재고 확인과 차감 사이에 끼어들 틈이 없으니 **다시 시도할 일도 없어요**.\n\n초록 모자는 두 개 남았어요. 세 번 사 보세요. 세 번째는 `redis.error_reply`가 돌려주는 오류로 끝나요.',
        en: "The hat shop's `buyitem()` watched the stock with `WATCH` and started over whenever someone cut in. In a script nothing can come between the stock check and the update, so **there is nothing to retry**.\n\nTwo green hats are left: buy three times. The third ends with the error that `redis.error_reply` returns.",
      },
      commands: [`EVAL "${BUY}" 1 ${HAT}`, `HMGET ${HAT} quantity npurchased`],
      pythonCode: `buy = r.register_script("""
local left = tonumber(redis.call('HGET', KEYS[1], 'quantity'))
if not left or left <= 0 then
    return redis.error_reply('OUTOFSTOCK ' .. KEYS[1] .. ' is sold out')
end
redis.call('HINCRBY', KEYS[1], 'quantity', -1)
return redis.call('HINCRBY', KEYS[1], 'npurchased', 1)
""")
for _ in range(3):
    try:
        print(buy(keys=["${HAT}"]))  # 1, 2
    except redis.exceptions.ResponseError as e:
        print(e)  # OUTOFSTOCK hat:56854717 is sold out`,
      hints: [
        {
          ko: '남은 수량이 다르면 **다시 시작**으로 레슨을 처음 상태로 되돌릴 수 있어요.',
          en: 'If the quantity left is not what you expect, **Reset** puts the lesson back to its start.',
        },
      ],
      solution: [`EVAL "${BUY}" 1 ${HAT}`, `EVAL "${BUY}" 1 ${HAT}`, `EVAL "${BUY}" 1 ${HAT}`],
      check: {
        all: [
          { reply: { command: `EVAL "${BUY}" 1 ${HAT}`, equals: `(error) OUTOFSTOCK ${HAT} is sold out` } },
          { key: HAT, field: ['quantity', '0'] },
          { key: HAT, field: ['npurchased', '2'] },
        ],
      },
    },
    {
      text: {
        ko: '스크립트 캐시는 `SCRIPT FLUSH`나 재시작이면 비어서, 앱이 스크립트를 다시 보내야 해요. Redis 7의 **함수**는 이름이 있는 라이브러리로 서버에 남고 RDB 파일에도 저장돼요.\n\n제한 스크립트를 `ratelimit` 라이브러리의 `rate_limit` 함수로 올리고, `FCALL`로 사용자 7의 요청을 세어 보세요. 라이브러리 코드는 `#!lua name=...` 줄로 시작하고, 따옴표 안의 `\\n`이 줄바꿈이 돼요.',
        en: "The script cache empties on `SCRIPT FLUSH` or a restart, and the app has to send its scripts again. Redis 7's **functions** stay on the server as named libraries, saved in the RDB file too.\n\nLoad the limiter as the function `rate_limit` of a library `ratelimit`, then count a request of user 7 with `FCALL`. Library code starts with a `#!lua name=...` line; inside the quotes, `\\n` is a line break.",
      },
      commands: [`FUNCTION LOAD REPLACE "${LIBRARY}"`, 'FCALL rate_limit 1 rate_limit:7 60', 'TTL rate_limit:7', 'FUNCTION LIST'],
      pythonCode: `r.function_load("""#!lua name=ratelimit
redis.register_function('rate_limit', function(keys, args)
    local c = redis.call('INCR', keys[1])
    if c == 1 then
        redis.call('EXPIRE', keys[1], args[1])
    end
    return c
end)
""", replace=True)
print(r.fcall("rate_limit", 1, "rate_limit:7", 60))  # 1`,
      hints: [
        {
          ko: "`ERR Library 'ratelimit' already exists`가 나오면 `REPLACE`를 빠뜨린 거예요.",
          en: "`ERR Library 'ratelimit' already exists`? `REPLACE` is missing.",
        },
        {
          ko: '`ERR Invalid library metadata`가 나오면 첫 줄이 끝나지 않은 거예요. `name=ratelimit` 바로 뒤에 `\\n`을 넣으세요.',
          en: '`ERR Invalid library metadata`? The first line never ended: put `\\n` right after `name=ratelimit`.',
        },
        {
          ko: '함수 안에서는 `KEYS`와 `ARGV` 대신 함수가 받는 `keys`와 `args`를 써요.',
          en: 'Inside a function, use the `keys` and `args` it is given instead of `KEYS` and `ARGV`.',
        },
      ],
      solution: [`FUNCTION LOAD REPLACE "${LIBRARY}"`, 'FCALL rate_limit 1 rate_limit:7 60'],
      check: { all: [{ reply: { command: 'FCALL rate_limit 1 rate_limit:7', matches: /^\(integer\) \d+$/ } }, { key: 'rate_limit:7', ttlBetween: [1, 60] }] },
    },
    {
      challenge: true,
      text: {
        ko: '사용자 99에게는 **30초 창**을 줘요. 3단계에서 캐시해 둔 제한 스크립트를 **해시로** 불러서 사용자 99의 요청 두 번을 흉내 내세요. `rate_limit:99`가 `2`이고 30초 안에 사라지면 성공이에요.',
        en: 'User 99 gets a **30-second window**. Call the limiter you cached in step 3 **by its hash** to play two requests of user 99. Done when `rate_limit:99` is `2` and vanishes within 30 seconds.',
      },
      commands: [],
      hints: [
        {
          ko: '3단계의 두 번째 명령을 떠올려 보세요. 키와 창 길이만 바뀌어요.',
          en: "Think of step 3's second command: only the key and the window's length change.",
        },
        {
          ko: '`NOSCRIPT`가 나오면 `SCRIPT LOAD`를 다시 하세요. 카운터가 2를 넘었다면 `DEL rate_limit:99` 후 다시 하세요.',
          en: 'A `NOSCRIPT` error? `SCRIPT LOAD` again. Past 2? `DEL rate_limit:99` and start over.',
        },
      ],
      solution: [`EVALSHA ${LIMITER_SHA} 1 rate_limit:99 30`, `EVALSHA ${LIMITER_SHA} 1 rate_limit:99 30`],
      check: { all: [{ reply: { command: `EVALSHA ${LIMITER_SHA} 1 rate_limit:99` } }, { key: 'rate_limit:99', equals: '2', ttlBetween: [1, 30] }] },
    },
  ],
};
