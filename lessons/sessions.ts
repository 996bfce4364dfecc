import type { Lesson } from '../src/lessons/model.js';

// The documents' session store: a hash per session (session:<id> with user_id and created_at),
// EXPIRE SESSION_TTL, sliding expiry on every read, DEL on logout, and a session left alone that
// expires.

const S = 'session:abc123';

export const lesson: Lesson = {
  id: 'sessions',
  title: { ko: '세션 저장소', en: 'A session store' },
  summary: {
    ko: '로그인 세션을 해시로 저장하고 만료 시간을 줘요. 사용자가 활동할 때마다 만료를 연장하고(슬라이딩 만료), 로그아웃하면 지워요.',
    en: 'Keep login sessions as hashes with an expiry, push the expiry back on every request (sliding expiry), and delete them on logout.',
  },
  level: 3,
  prerequisites: ['hashes', 'expiry'],
  steps: [
    {
      text: {
        ko: '로그인에 성공하면 무작위 세션 ID를 만들고, `session:<ID>` 해시에 사용자 정보를 담아요. 그리고 `EXPIRE`로 수명을 1시간(3600초)으로 정해요. 세션 ID는 쿠키로 브라우저에 보내요.',
        en: "On login, make a random session id and keep the user's data in the hash `session:<id>`, then give it an hour (3600 s) with `EXPIRE`. The id goes to the browser as a cookie.",
      },
      commands: [`HSET ${S} user_id 42 created_at "2024-03-11 10:00:00"`, `EXPIRE ${S} 3600`],
      pythonCode: `import secrets
from datetime import datetime, timezone

SESSION_TTL = 3600  # one hour

def create_session(user_id: int) -> str:
    session_id = secrets.token_urlsafe(32)
    r.hset(f"session:{session_id}", mapping={
        "user_id": user_id,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    })
    r.expire(f"session:{session_id}", SESSION_TTL)
    return session_id`,
      hints: [
        { ko: '해시 전체에 하나의 만료 시간이 붙어요. 필드마다 따로 줄 수는 없어요.', en: 'The expiry belongs to the whole hash, not to single fields.' },
        {
          ko: 'Flask-Session 같은 라이브러리도 같은 일을 해요. 세션 ID를 넣은 키에 세션 데이터를 만료 시간과 함께 저장해요.',
          en: 'Libraries such as Flask-Session do the same: they keep the session data under a key containing the session id, with an expiry.',
        },
      ],
      solution: [`HSET ${S} user_id 42 created_at "2024-03-11 10:00:00"`, `EXPIRE ${S} 3600`],
      check: { key: S, field: ['user_id', '42'], ttlBetween: [3000, 3600] },
    },
    {
      text: {
        ko: '요청이 올 때마다 쿠키의 세션 ID로 해시를 읽어요. 비어 있으면(`(empty array)`) 세션이 없거나 만료된 것이니 다시 로그인하게 해요.',
        en: 'Each request reads the hash by the session id from its cookie. An empty answer (`(empty array)`) means no session or an expired one: ask the user to log in again.',
      },
      commands: [`HGETALL ${S}`, `TTL ${S}`],
      pythonCode: `def get_session(session_id: str) -> dict | None:
    data = r.hgetall(f"session:{session_id}")
    if not data:
        return None  # no session or an expired one: log in again
    return data

print(get_session("abc123"))  # {b'user_id': b'42', b'created_at': b'...'}
print(r.ttl("session:abc123"))  # still under an hour`,
      hints: [{ ko: '세션이 보이지 않으면 1단계를 다시 실행하세요.', en: 'No session? Run step 1 again.' }],
      solution: [`HGETALL ${S}`],
      check: { reply: { command: `HGETALL ${S}`, matches: /"user_id"\n *2\) "42"/ } },
    },
    {
      text: {
        ko: '**⏩ +600초** 버튼으로 10분을 보내 보세요. `TTL`은 약 3000초로 줄어 있어요. 사용자가 아직 활동 중이니 읽을 때마다 `EXPIRE`를 다시 걸어 1시간으로 되돌려요. 이것이 **슬라이딩 만료**예요. 마지막 활동으로부터 1시간 동안 로그인이 유지돼요.',
        en: 'Let ten minutes pass with the **⏩ +600 s** button. `TTL` is down to about 3000 s. The user is still active, so every read sets `EXPIRE` again, back to an hour: **sliding expiry**. The login lasts an hour from the last activity.',
      },
      commands: [`TTL ${S}`, `EXPIRE ${S} 3600`, `TTL ${S}`],
      pythonCode: `SESSION_TTL = 3600  # one hour

def get_session(session_id: str) -> dict | None:
    key = f"session:{session_id}"
    data = r.hgetall(key)
    if not data:
        return None  # no session or an expired one: log in again
    r.expire(key, SESSION_TTL)  # every read pushes the expiry back
    return data

print(r.ttl("session:abc123"))  # about 3000 after ten minutes
get_session("abc123")
print(r.ttl("session:abc123"))  # 3600 again`,
      hints: [{ ko: '`EXPIRE`는 남은 시간에 더하는 게 아니라 새로 정해요.', en: '`EXPIRE` does not add to the time left; it sets it anew.' }],
      solution: [`TTL ${S}`, `EXPIRE ${S} 3600`],
      wait: 600,
      check: { all: [{ reply: { command: `EXPIRE ${S} 3600`, equals: '(integer) 1' } }, { key: S, ttlBetween: [3590, 3600] }] },
    },
    {
      text: {
        ko: '로그아웃하면 세션을 바로 지워요. 같은 쿠키로 다시 와도 세션이 없으니 로그인 화면으로 보내요.',
        en: 'Logging out deletes the session at once. The same cookie coming back finds nothing and is sent to the login page.',
      },
      commands: [`DEL ${S}`, `HGETALL ${S}`],
      pythonCode: `def delete_session(session_id: str) -> None:
    r.delete(f"session:{session_id}")`,
      hints: [{ ko: '`DEL`이 `1`을 돌려주면 지운 거예요.', en: '`DEL` answering `1` means it was deleted.' }],
      solution: [`DEL ${S}`],
      check: { key: S, exists: false },
    },
    {
      text: {
        ko: '로그아웃하지 않고 떠난 사용자의 세션은 만료가 정리해요. 연습용으로 5초짜리 세션을 만들어 보세요.',
        en: 'Sessions of users who leave without logging out are cleaned up by the expiry. For practice, make a 5-second session.',
      },
      commands: ['HSET session:xyz789 user_id 7', 'EXPIRE session:xyz789 5'],
      pythonCode: `r.hset("session:xyz789", "user_id", 7)
r.expire("session:xyz789", 5)`,
      hints: [{ ko: '만들고 나서 바로 다음 단계로 넘어가세요.', en: 'Move on to the next step right after.' }],
      solution: ['HSET session:xyz789 user_id 7', 'EXPIRE session:xyz789 5'],
      check: { key: 'session:xyz789', field: ['user_id', '7'], ttlBetween: [1, 5] },
    },
    {
      text: {
        ko: '5초를 보낸 뒤(기다리거나 **⏩ +6초** 버튼) 세션을 읽어 보세요. 해시가 통째로 사라져 빈 답이 나와요. 서버가 따로 정리 작업을 돌릴 필요가 없어요.',
        en: 'Let 5 seconds go by (wait, or the **⏩ +6 s** button), then read the session. The whole hash is gone and the answer is empty; no clean-up job needed on the server.',
      },
      commands: ['HGETALL session:xyz789'],
      pythonCode: `import time

time.sleep(5)
print(r.hgetall("session:xyz789"))  # {}: get_session() returns None`,
      hints: [
        {
          ko: '`HGETALL`이 아직 값을 보여 준다면 시간이 덜 지난 거예요. **⏩ +6초** 버튼을 한 번 더 누르세요.',
          en: '`HGETALL` still shows it? Not enough time yet: press **⏩ +6 s** once more.',
        },
      ],
      solution: ['HGETALL session:xyz789'],
      wait: 6,
      check: { all: [{ key: 'session:xyz789', exists: false }, { reply: { command: 'HGETALL session:xyz789', equals: '(empty array)' } }] },
    },
    {
      challenge: true,
      text: {
        ko: '사용자 7이 로그인했어요. 세션 ID는 `def456`이에요. 이 세션을 레슨에서 쓴 키 규칙대로 만들고 `user_id` 필드에 `7`을 담으세요. 이번 서비스는 세션을 **30분** 동안 유지해요.',
        en: 'User 7 has logged in with the session id `def456`. Create the session following the key rule of this lesson, with `7` in a `user_id` field. This service keeps sessions for **30 minutes**.',
      },
      commands: [],
      hints: [
        {
          ko: '키 이름은 1단계처럼 `session:` 뒤에 세션 ID를 붙여요. 해시를 만든 다음 수명을 줘요.',
          en: 'The key is `session:` followed by the id, as in step 1. Create the hash, then give it a lifetime.',
        },
        { ko: '만료 시간은 초 단위예요. 30분은 몇 초일까요?', en: 'Expiry times are in seconds. How many seconds are 30 minutes?' },
      ],
      solution: ['HSET session:def456 user_id 7', 'EXPIRE session:def456 1800'],
      check: { key: 'session:def456', type: 'hash', field: ['user_id', '7'], ttlBetween: [1700, 1800] },
    },
  ],
};
