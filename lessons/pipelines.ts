import type { Lesson } from '../src/lessons/model.js';

// The documents' pipeline example (user:101:balance: SET 200, INCRBY 100, GET → [True, 300,
// b'300']), the same with transaction=True (MULTI/EXEC, commands QUEUED), DISCARD, and an error
// at EXEC time that does not roll the others back.

const KEY = 'user:101:balance';

export const lesson: Lesson = {
  id: 'pipelines',
  title: { ko: '파이프라인과 트랜잭션', en: 'Pipelines and transactions' },
  summary: {
    ko: '파이프라인은 명령을 모아 한 번에 보내 왕복 시간을 줄이고, 트랜잭션은 명령을 모아 한꺼번에, 끼어들 틈 없이 실행해요. 비슷해 보이지만 목적이 달라요.',
    en: 'A pipeline sends commands together to save round trips; a transaction runs them together with nothing in between. They look alike but do different jobs.',
  },
  level: 3,
  prerequisites: ['strings-counters', 'hat-shop'],
  steps: [
    {
      text: {
        ko: '명령 하나하나는 클라이언트와 서버 사이를 한 번씩 오가요(왕복, round trip). 세 명령이면 세 번이에요. 먼저 하나씩 보내 보세요.\n\n**파이프라인**은 이 세 명령을 한꺼번에 보내고 답도 한꺼번에 받아요. 왕복이 한 번으로 줄 뿐, 서버는 명령을 하나씩 평소처럼 실행해요. redis-cli 프롬프트에는 파이프라인이 없으니(대량 입력용 `redis-cli --pipe`는 있어요) 파이썬 코드로 확인하세요.',
        en: 'Every command travels to the server and back: one round trip each, three for three commands. Send them one at a time first.\n\nA **pipeline** sends the three together and gets the three answers together: one round trip instead of three, while the server runs them one by one as usual. The redis-cli prompt has no pipelines (there is `redis-cli --pipe` for bulk loading), so look at the Python.',
      },
      commands: [`SET ${KEY} 200`, `INCRBY ${KEY} 100`, `GET ${KEY}`],
      pythonCode: `pipeline = r.pipeline(transaction=False)
pipeline.set("${KEY}", 200)
pipeline.incrby("${KEY}", 100)
pipeline.get("${KEY}")
responses = pipeline.execute()  # one round trip
print("Pipelined responses:", responses)  # [True, 300, b'300']`,
      hints: [{ ko: '`GET`이 `"300"`이 아니라면 `SET`부터 다시 실행하세요.', en: 'If `GET` does not say `"300"`, start again from the `SET`.' }],
      solution: [`SET ${KEY} 200`, `INCRBY ${KEY} 100`, `GET ${KEY}`],
      check: { reply: { command: `GET ${KEY}`, equals: '"300"' } },
    },
    {
      text: {
        ko: 'redis-py의 `r.pipeline()`은 기본값이 `transaction=True`라서, 보낼 명령 앞뒤에 `MULTI`와 `EXEC`를 붙여요. 그러면 다른 클라이언트의 명령이 그 사이에 끼어들 수 없어요.\n\n터미널에서 직접 해 보세요. `MULTI` 뒤의 명령은 `QUEUED`로만 답하고, `EXEC`에서 한꺼번에 실행돼요.',
        en: "redis-py's `r.pipeline()` defaults to `transaction=True`: it wraps the commands in `MULTI` and `EXEC`, so no other client's command can run in between.\n\nTry it in the terminal. After `MULTI`, commands only answer `QUEUED`; `EXEC` runs them all at once.",
      },
      commands: ['MULTI', `SET ${KEY} 200`, `INCRBY ${KEY} 100`, `GET ${KEY}`, 'EXEC'],
      pythonCode: `pipeline = r.pipeline(transaction=True)  # MULTI ... EXEC
pipeline.set("${KEY}", 200)
pipeline.incrby("${KEY}", 100)
pipeline.get("${KEY}")
print(pipeline.execute())  # [True, 300, b'300']`,
      hints: [
        { ko: '프롬프트에 `(TX)`가 보이면 트랜잭션 안에 있다는 뜻이에요.', en: 'A `(TX)` in the prompt means you are inside a transaction.' },
        {
          ko: '`GET`의 답이 `QUEUED`인 것은 아직 실행되지 않았기 때문이에요. 값은 `EXEC`의 답에 있어요.',
          en: '`GET` answers `QUEUED` because it has not run yet; its value is in the answer of `EXEC`.',
        },
      ],
      solution: ['MULTI', `SET ${KEY} 200`, `INCRBY ${KEY} 100`, `GET ${KEY}`, 'EXEC'],
      check: {
        all: [{ reply: { command: `INCRBY ${KEY} 100`, equals: 'QUEUED' } }, { reply: { command: 'EXEC', equals: '1) OK\n2) (integer) 300\n3) "300"' } }],
      },
    },
    {
      text: {
        ko: '쌓아 둔 명령을 실행하지 않고 버리려면 `DISCARD`를 써요. 잔액을 백만 올리려다 마음을 바꿨어요. 잔액은 그대로 `300`이에요.',
        en: '`DISCARD` throws the queued commands away without running them. You were about to add a million to the balance and changed your mind: it stays `300`.',
      },
      commands: ['MULTI', `INCRBY ${KEY} 1000000`, 'DISCARD', `GET ${KEY}`],
      pythonCode: `pipeline = r.pipeline()
pipeline.incrby("${KEY}", 1000000)
pipeline.reset()  # nothing sent: the queue is simply dropped`,
      hints: [{ ko: '`EXEC`를 이미 실행했다면 **리셋** 후 1, 2단계를 다시 하세요.', en: 'Ran `EXEC` by mistake? Press **Reset** and redo steps 1 and 2.' }],
      solution: ['MULTI', `INCRBY ${KEY} 1000000`, 'DISCARD', `GET ${KEY}`],
      check: { all: [{ reply: { command: 'DISCARD', equals: 'OK' } }, { key: KEY, equals: '300' }] },
    },
    {
      text: {
        ko: '주의할 점: Redis 트랜잭션에는 **롤백이 없어요**. 명령이 `EXEC` 때 실패해도(예: 문자열 키에 `LPUSH`) 나머지 명령은 그대로 실행돼요. "끼어들지 않음"은 보장하지만 "전부 아니면 전무"는 문법이 맞는 명령까지만이에요.',
        en: 'Beware: Redis transactions have **no rollback**. If a command fails at `EXEC` time (say, `LPUSH` on a string key), the others still run. You get "nothing in between", but "all or nothing" only as far as well-formed commands go.',
      },
      commands: ['MULTI', `INCRBY ${KEY} 50`, `LPUSH ${KEY} oops`, 'EXEC', `GET ${KEY}`],
      pythonCode: `pipeline = r.pipeline()
pipeline.incrby("${KEY}", 50)
pipeline.lpush("${KEY}", "oops")
try:
    pipeline.execute()
except redis.ResponseError as e:
    print(e)  # WRONGTYPE ... but the INCRBY already happened
print(r.get("${KEY}"))  # b'350'`,
      hints: [
        {
          ko: '`EXEC`의 답에서 첫 번째는 성공, 두 번째는 `WRONGTYPE` 오류예요.',
          en: 'In the answer of `EXEC`, the first command succeeded and the second is a `WRONGTYPE` error.',
        },
      ],
      solution: ['MULTI', `INCRBY ${KEY} 50`, `LPUSH ${KEY} oops`, 'EXEC', `GET ${KEY}`],
      check: {
        all: [{ reply: { command: 'EXEC', matches: /^1\) \(integer\) 350\n2\) \(error\) WRONGTYPE/ } }, { key: KEY, equals: '350' }],
      },
    },
    {
      challenge: true,
      text: {
        ko: '101번 사용자가 102번 사용자에게 100을 보내요. `user:101:balance`에서 100을 빼고 `user:102:balance`에 100을 더하세요(102번의 잔액 키는 아직 없어요). 다른 클라이언트가 한쪽만 바뀐 중간 상태를 보는 일이 없도록, 두 변경을 **트랜잭션 하나**로 보내야 해요. 끝나면 잔액은 `250`과 `100`이에요.',
        en: 'User 101 sends 100 to user 102. Take 100 off `user:101:balance` and add 100 to `user:102:balance` (user 102 has no balance key yet). No other client may ever see one change without the other, so send both in **one transaction**. Afterwards the balances are `250` and `100`.',
      },
      commands: [],
      hints: [
        {
          ko: '트랜잭션은 2단계처럼 시작하고 끝내요. 그 사이의 명령은 `QUEUED`로 답해요.',
          en: 'Start and end the transaction as in step 2; the commands in between answer `QUEUED`.',
        },
        {
          ko: '빼기에는 `DECRBY`나 음수를 준 `INCRBY`를 써요. 없는 키는 0에서 시작해요.',
          en: 'To subtract, use `DECRBY` or `INCRBY` with a negative amount. A missing key starts from 0.',
        },
      ],
      solution: ['MULTI', 'DECRBY user:101:balance 100', 'INCRBY user:102:balance 100', 'EXEC'],
      check: {
        all: [
          { reply: { command: 'EXEC', matches: /^1\) \(integer\) (250|100)\n2\) \(integer\) (250|100)$/ } },
          { key: KEY, equals: '250' },
          { key: 'user:102:balance', equals: '100' },
        ],
      },
    },
  ],
};
