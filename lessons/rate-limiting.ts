import type { Lesson } from '../src/lessons/model.js';

// The documents' rate_limit(): INCR rate_limit:<user>, EXPIRE on the first hit of a window,
// refuse above the limit, a fresh window once the key expires, and the race the two commands
// leave open (closed with SET NX EX first).

const K = 'rate_limit:42';

// Step 1's function, repeated in the later steps' programs: each runs on its own.
const RATE_LIMIT = `def rate_limit(user_id: int, limit: int = 5, window: int = 60) -> bool:  # from step 1
    key = f"rate_limit:{user_id}"
    current = r.incr(key)
    if current == 1:
        r.expire(key, window)
    return current <= limit`;

export const lesson: Lesson = {
  id: 'rate-limiting',
  title: { ko: '요청 횟수 제한', en: 'Rate limiting' },
  summary: {
    ko: '사용자별 카운터를 INCR로 올리고, 첫 요청에서 EXPIRE로 시간 창을 열어요. 창 안에서 한도를 넘으면 거절하고, 창이 끝나면 카운터가 저절로 사라져요.',
    en: "Count each user's requests with INCR and open a time window with EXPIRE on the first one. Over the limit inside the window means no; when the window ends the counter vanishes by itself.",
  },
  level: 3,
  prerequisites: ['expiry'],
  steps: [
    {
      text: {
        ko: '사용자 42가 API를 호출할 때마다 `rate_limit:42`를 `INCR`해요. 결과가 `1`이면 이번 시간 창의 첫 요청이니 `EXPIRE`로 창의 길이를 정해요. 연습하기 좋게 **60초에 5번**으로 해 봐요(문서는 1시간에 100번).',
        en: "Each time user 42 calls the API, `INCR rate_limit:42`. A result of `1` is the first request of a window, so `EXPIRE` sets the window's length. To keep practice short: **5 requests per 60 seconds** (the documents use 100 per hour).",
      },
      commands: [`INCR ${K}`, `EXPIRE ${K} 60`],
      pythonCode: `def rate_limit(user_id: int, limit: int = 5, window: int = 60) -> bool:
    key = f"rate_limit:{user_id}"
    current = r.incr(key)
    if current == 1:
        r.expire(key, window)  # the first request opens the window
    return current <= limit

print(rate_limit(42))  # True
print(r.ttl("rate_limit:42"))  # 60`,
      hints: [{ ko: '없는 키에 `INCR`하면 0에서 시작해 1이 돼요.', en: '`INCR` on a missing key starts from 0 and gives 1.' }],
      solution: [`INCR ${K}`, `EXPIRE ${K} 60`],
      check: { key: K, ttlBetween: [1, 60] },
    },
    {
      text: {
        ko: '요청이 계속 들어와요. `INCR`을 네 번 더 해서 5까지 올려 보세요. 5번째까지는 `current <= limit`이라 허용돼요. `EXPIRE`는 다시 걸지 않으므로 창의 끝은 그대로예요.',
        en: 'More requests come in: `INCR` four more times, up to 5. Up to the fifth, `current <= limit` lets them through. There is no new `EXPIRE`, so the window still ends at the same time.',
      },
      commands: [`INCR ${K}`, `TTL ${K}`],
      pythonCode: `${RATE_LIMIT}

for _ in range(4):
    print(rate_limit(42))  # True, True, True, True
print(r.get("rate_limit:42"))  # b'5'`,
      hints: [{ ko: '실행 버튼을 네 번 누르세요. 답이 `(integer) 5`가 되면 돼요.', en: 'Press Run four times, until it answers `(integer) 5`.' }],
      solution: [`INCR ${K}`, `INCR ${K}`, `INCR ${K}`, `INCR ${K}`],
      check: { all: [{ reply: { command: `INCR ${K}`, matches: /^\(integer\) ([5-9]|\d\d+)$/ } }, { key: K, ttlBetween: [1, 60] }] },
    },
    {
      text: {
        ko: '여섯 번째 요청이에요. 카운터는 6이 되고 한도 5를 넘었으니 애플리케이션은 `429 Too Many Requests`로 거절해요. 남은 시간(`TTL`)을 `Retry-After` 헤더로 알려 주면 친절해요.',
        en: 'The sixth request: the counter reaches 6, over the limit of 5, so the application refuses with `429 Too Many Requests`. Telling the client the time left (`TTL`) in a `Retry-After` header is a nice touch.',
      },
      commands: [`INCR ${K}`, `TTL ${K}`],
      pythonCode: `${RATE_LIMIT}

def handle_request(user_id: int):
    if not rate_limit(user_id):
        retry = r.ttl(f"rate_limit:{user_id}")
        return {"error": "Rate limit exceeded"}, 429, {"Retry-After": str(retry)}
    return {"ok": True}, 200, {}

print(handle_request(42))  # ({'error': 'Rate limit exceeded'}, 429, {'Retry-After': '51'})`,
      hints: [
        {
          ko: '거절된 요청도 카운터를 올려요. 창이 끝나면 어차피 통째로 사라져요.',
          en: 'Refused requests still count; the whole counter goes away when the window ends anyway.',
        },
      ],
      solution: [`INCR ${K}`, `TTL ${K}`],
      check: { reply: { command: `INCR ${K}`, matches: /^\(integer\) ([6-9]|\d\d+)$/ } },
    },
    {
      text: {
        ko: '60초가 지나면(**⏩ +61초** 버튼) 키가 만료되어 사라져요. 다음 요청의 `INCR`은 다시 `1`이 되고, 새 창이 열려요.',
        en: "After 60 seconds (the **⏩ +61 s** button) the key expires. The next request's `INCR` gives `1` again and a new window opens.",
      },
      commands: [`GET ${K}`, `INCR ${K}`, `EXPIRE ${K} 60`],
      pythonCode: `import time

${RATE_LIMIT}

time.sleep(60)  # the window ends; the key expires
print(rate_limit(42))  # True: a new window
print(r.get("rate_limit:42"))  # b'1'`,
      hints: [{ ko: '`INCR`이 1이 아니라면 시간이 덜 지난 거예요. `TTL`을 확인하세요.', en: 'Not 1? The window has not ended yet; check `TTL`.' }],
      solution: [`GET ${K}`, `INCR ${K}`, `EXPIRE ${K} 60`],
      wait: 61,
      check: { all: [{ reply: { command: `INCR ${K}`, equals: '(integer) 1' } }, { key: K, ttlBetween: [1, 60] }] },
    },
    {
      text: {
        ko: '이 코드에는 빈틈이 하나 있어요. `INCR`과 `EXPIRE` 사이에 프로그램이 죽으면 만료 없는 카운터가 남아 사용자가 영원히 막혀요. `SET 키 0 EX 60 NX`로 **없을 때만** 만료와 함께 만들고 나서 `INCR`하면 이 틈이 사라져요(또는 둘을 `MULTI`로 묶어요).',
        en: 'The code has one gap: if the program dies between `INCR` and `EXPIRE`, a counter without expiry stays and blocks the user forever. Create it **only if missing**, with its expiry, using `SET key 0 EX 60 NX`, then `INCR`, and the gap is gone (or wrap both in `MULTI`).',
      },
      commands: ['SET rate_limit:7 0 EX 60 NX', 'INCR rate_limit:7', 'TTL rate_limit:7'],
      pythonCode: `def rate_limit(user_id: int, limit: int = 5, window: int = 60) -> bool:
    key = f"rate_limit:{user_id}"
    r.set(key, 0, ex=window, nx=True)  # only the first request of a window creates it
    return r.incr(key) <= limit`,
      hints: [
        {
          ko: '`NX` 때문에 키가 이미 있으면 `SET`은 `(nil)`을 돌려주고 아무것도 바꾸지 않아요.',
          en: 'Thanks to `NX`, a `SET` on an existing key answers `(nil)` and changes nothing.',
        },
      ],
      solution: ['SET rate_limit:7 0 EX 60 NX', 'INCR rate_limit:7'],
      check: { all: [{ reply: { command: 'INCR rate_limit:7' } }, { key: 'rate_limit:7', ttlBetween: [1, 60] }] },
    },
    {
      challenge: true,
      text: {
        ko: '사용자 99에게는 더 빡빡한 한도를 줘요. **1분에 3번**이에요. 5단계의 안전한 방법으로 사용자 99의 요청 네 번을 흉내 내세요. 네 번째 요청은 한도를 넘었으니 거절될 차례예요. 카운터 `rate_limit:99`의 마지막 답이 `(integer) 4`이고, 키는 1분 안에 사라져야 해요.',
        en: 'User 99 gets a tighter limit: **3 requests per minute**. Play four requests of user 99 the safe way from step 5; the fourth is over the limit and would be refused. The last answer of the counter `rate_limit:99` must be `(integer) 4`, and the key must vanish within a minute.',
      },
      commands: [],
      hints: [
        {
          ko: '창은 처음 한 번만, **없을 때만** 만료와 함께 만들어요. 그다음부터는 요청마다 카운터를 올려요.',
          en: 'The window is made once, **only if missing**, with its expiry; after that, every request bumps the counter.',
        },
        {
          ko: '`TTL rate_limit:99`가 60 이하인지 보세요. 카운터가 4를 넘었다면 `DEL rate_limit:99` 후 다시 하세요.',
          en: 'Check that `TTL rate_limit:99` is 60 or less. Went past 4? `DEL rate_limit:99` and start again.',
        },
      ],
      solution: ['SET rate_limit:99 0 EX 60 NX', 'INCR rate_limit:99', 'INCR rate_limit:99', 'INCR rate_limit:99', 'INCR rate_limit:99'],
      check: {
        all: [{ reply: { command: 'INCR rate_limit:99', equals: '(integer) 4' } }, { key: 'rate_limit:99', equals: '4', ttlBetween: [1, 60] }],
      },
    },
  ],
};
