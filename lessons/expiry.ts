import type { Lesson } from '../src/lessons/model.js';

// Keys with a time to live: the documents' "runner" (SETEX, TTL/PTTL, EXPIRE, then gone), a
// score written with EX, PERSIST, and the rate limiter's INCR + EXPIRE window.

export const lesson: Lesson = {
  id: 'expiry',
  title: { ko: '키의 수명: 만료 시간', en: 'Keys that expire' },
  summary: {
    ko: '키에 수명을 주고, 남은 시간을 재고, 시간이 다 되면 키가 사라지는 모습을 봐요. 캐시와 요청 횟수 제한의 바탕이에요.',
    en: 'Give keys a lifetime, measure what is left, and watch them vanish when time is up: the basis of caches and rate limits.',
  },
  level: 2,
  prerequisites: ['strings-counters'],
  steps: [
    {
      text: {
        ko: '`SETEX 키 초 값`은 값을 저장하면서 수명도 함께 정해요. 정해진 시간이 지나면 Redis가 키를 알아서 지워요.\n\n`runner`를 60초짜리로 만들어 보세요. 값에 작은따옴표가 있지만 큰따옴표로 감쌌으니 괜찮아요.',
        en: '`SETEX key seconds value` stores a value and gives it a lifetime in one go; when the time is up, Redis deletes the key by itself.\n\nCreate `runner` with 60 seconds to live. The value has an apostrophe, which is fine inside double quotes.',
      },
      commands: ['SETEX runner 60 "now you see me, now you don\'t"'],
      pythonCode: `from datetime import timedelta

r.setex("runner", timedelta(minutes=1), value="now you see me, now you don't")`,
      hints: [{ ko: '`SET runner "..." EX 60`도 같은 일을 해요.', en: '`SET runner "..." EX 60` does the same.' }],
      solution: ['SETEX runner 60 "now you see me, now you don\'t"'],
      check: { key: 'runner', equals: "now you see me, now you don't", ttlBetween: [1, 60] },
    },
    {
      text: {
        ko: '`TTL`은 남은 시간을 초로, `PTTL`은 밀리초로 알려 줘요. 몇 번 실행해 보면 숫자가 줄어드는 게 보여요. 아직 살아 있으니 `GET`도 값을 돌려줘요.',
        en: '`TTL` reports the time left in seconds, `PTTL` in milliseconds. Run them a few times and watch the numbers fall. The key is still alive, so `GET` still answers.',
      },
      commands: ['TTL runner', 'PTTL runner', 'GET runner'],
      pythonCode: `print(r.ttl("runner"))   # 58
print(r.pttl("runner"))  # 54368
print(r.get("runner"))   # still there`,
      hints: [
        {
          ko: '`TTL`이 `-2`라면 키가 이미 없는 거예요. 1단계의 `SETEX`를 다시 실행하세요.',
          en: "A `TTL` of `-2` means the key is gone already: run step 1's `SETEX` again.",
        },
      ],
      solution: ['TTL runner', 'PTTL runner', 'GET runner'],
      check: {
        all: [
          { reply: { command: 'TTL runner', matches: /^\(integer\) ([1-9]|[1-5]\d|60)$/ } },
          { reply: { command: 'PTTL runner', matches: /^\(integer\) \d+$/ } },
        ],
      },
    },
    {
      text: {
        ko: '`EXPIRE`는 이미 있는 키의 수명을 새로 정해요. `runner`에게 3초만 남겨 주세요.',
        en: '`EXPIRE` sets a new lifetime on a key that already exists. Leave `runner` just 3 seconds.',
      },
      commands: ['EXPIRE runner 3', 'TTL runner'],
      pythonCode: `from datetime import timedelta

r.expire("runner", timedelta(seconds=3))  # or simply 3
print(r.ttl("runner"))  # 3`,
      hints: [{ ko: '다음 단계로 바로 넘어가세요. 3초는 금방이에요.', en: 'Move on straight away: 3 seconds pass quickly.' }],
      solution: ['EXPIRE runner 3'],
      check: {
        all: [{ reply: { command: 'EXPIRE runner 3', equals: '(integer) 1' } }, { key: 'runner', ttlBetween: [0, 3] }],
      },
    },
    {
      text: {
        ko: '몇 초 기다린 뒤 다시 읽어 보세요. 값도 키도 사라졌어요. `GET`은 `(nil)`, `EXISTS`는 `0`이에요. 아무도 `DEL`을 부르지 않았어요.',
        en: 'Wait a few seconds and read it again. The value and the key are both gone: `GET` answers `(nil)` and `EXISTS` `0`. Nobody called `DEL`.',
      },
      commands: ['GET runner', 'EXISTS runner'],
      pythonCode: `import time

time.sleep(3)
print(r.get("runner"))     # None
print(r.exists("runner"))  # 0`,
      hints: [
        { ko: '아직 값이 보인다면 조금 더 기다렸다가 다시 실행하세요.', en: 'Still there? Wait a little longer and run it again.' },
        {
          ko: '키가 아예 없다면 1단계부터 다시 해도 돼요. 리셋 버튼은 이 데이터베이스를 비워요.',
          en: 'Lost track? Start again from step 1; Reset empties this database.',
        },
      ],
      wait: 4,
      solution: ['GET runner', 'EXISTS runner'],
      check: {
        all: [{ reply: { command: 'EXISTS runner', equals: '(integer) 0' } }, { key: 'runner', exists: false }],
      },
    },
    {
      text: {
        ko: '`SET`에 `EX 초`를 붙여도 수명을 줄 수 있어요. 점수를 한 시간(3600초)짜리로 저장해 보세요. 캐시에 결과를 넣을 때 흔히 쓰는 형태예요.',
        en: '`SET` with `EX seconds` gives a lifetime too. Store a score for one hour (3600 seconds): the usual shape of putting a result in a cache.',
      },
      commands: ['SET user:1:score 100 EX 3600', 'TTL user:1:score'],
      pythonCode: `r.set("user:1:score", 100, ex=3600)  # ex= seconds, px= milliseconds`,
      hints: [{ ko: '밀리초 단위가 필요하면 `PX`를 써요.', en: 'For milliseconds, use `PX`.' }],
      solution: ['SET user:1:score 100 EX 3600', 'TTL user:1:score'],
      check: { key: 'user:1:score', equals: '100', ttlBetween: [3500, 3600] },
    },
    {
      text: {
        ko: '마음이 바뀌었다면 `PERSIST`로 수명을 없앨 수 있어요. 그 뒤의 `TTL`은 `-1`, 곧 "만료 없음"이에요. (`-2`는 "키가 없음"이에요.)',
        en: 'Changed your mind? `PERSIST` removes the lifetime. `TTL` then answers `-1`, meaning "no expiry" (`-2` means "no such key").',
      },
      commands: ['PERSIST user:1:score', 'TTL user:1:score'],
      pythonCode: `r.persist("user:1:score")
print(r.ttl("user:1:score"))  # -1`,
      hints: [
        {
          ko: '`SET`으로 값을 덮어써도 기존 수명은 사라져요. `KEEPTTL` 옵션을 주면 유지돼요.',
          en: 'Overwriting with a plain `SET` also drops the lifetime, unless you add `KEEPTTL`.',
        },
      ],
      solution: ['PERSIST user:1:score', 'TTL user:1:score'],
      check: {
        all: [{ reply: { command: 'TTL user:1:score', equals: '(integer) -1' } }, { key: 'user:1:score', equals: '100' }],
      },
    },
    {
      text: {
        ko: '요청 횟수 제한을 만들어 봐요. 사용자 42의 요청마다 `INCR rate_limit:42`를 하고, 처음 생긴 순간(답이 `1`일 때) `EXPIRE`로 한 시간짜리 창을 열어요. 한 시간이 지나면 카운터가 사라지고 다시 0부터 세어요.\n\n`INCR`의 답이 제한(예: 100)을 넘으면 요청을 거절하면 돼요.',
        en: 'Now a rate limiter. Each request of user 42 does `INCR rate_limit:42`; when the counter is new (the answer is `1`), `EXPIRE` opens a one-hour window. After the hour the counter vanishes and counting starts over.\n\nWhen `INCR` answers more than the limit (say 100), refuse the request.',
      },
      commands: ['INCR rate_limit:42', 'EXPIRE rate_limit:42 3600', 'INCR rate_limit:42', 'TTL rate_limit:42'],
      pythonCode: `def rate_limit(user_id: int, limit: int = 100, window: int = 3600) -> bool:
    key = f"rate_limit:{user_id}"
    current = r.incr(key)
    if current == 1:
        r.expire(key, window)
    return current <= limit`,
      hints: [
        {
          ko: '`INCR`은 기존 수명을 건드리지 않으므로, 창은 첫 요청 때 한 번만 열면 돼요.',
          en: '`INCR` leaves an existing lifetime alone, so the window is opened once, on the first request.',
        },
      ],
      solution: ['INCR rate_limit:42', 'EXPIRE rate_limit:42 3600', 'INCR rate_limit:42', 'TTL rate_limit:42'],
      check: { key: 'rate_limit:42', type: 'string', ttlBetween: [3500, 3600] },
    },
    {
      challenge: true,
      text: {
        ko: '6단계에서 `user:1:score`의 수명을 없앴죠. 다시 생각해 보니 이 점수는 **지금부터 10분 뒤에** 사라져야 해요. 값은 `100` 그대로 두고 수명만 주세요.',
        en: "In step 6 you took `user:1:score`'s lifetime away. On second thought, the score should disappear **10 minutes from now**. Keep its value, `100`, and give it just the lifetime.",
      },
      commands: [],
      hints: [
        { ko: '이미 있는 키에 수명을 주는 명령은 3단계에서 배웠어요.', en: 'The command that gives an existing key a lifetime was in step 3.' },
        { ko: '10분은 몇 초일까요? `TTL user:1:score`로 확인할 수 있어요.', en: 'How many seconds are 10 minutes? `TTL user:1:score` tells you what you set.' },
      ],
      solution: ['EXPIRE user:1:score 600'],
      check: { key: 'user:1:score', equals: '100', ttlBetween: [590, 600] },
    },
  ],
};
