import type { Lesson } from '../src/lessons/model.js';

// Strings as plain values and as counters: user:1:name, visit_count with INCR/INCRBY, the
// user:101:balance example the documents run through a pipeline, and what happens when the
// value is not a number.

export const lesson: Lesson = {
  id: 'strings-counters',
  title: { ko: '문자열과 카운터', en: 'Strings and counters' },
  summary: {
    ko: '문자열 값에 이름 규칙을 붙여 저장하고, INCR 계열 명령으로 여러 클라이언트가 동시에 세어도 틀리지 않는 카운터를 만들어요.',
    en: 'Store string values under tidy key names, then build counters with the INCR family that stay right even when many clients count at once.',
  },
  level: 1,
  prerequisites: ['first-contact'],
  steps: [
    {
      text: {
        ko: 'Redis에는 테이블이 없어서, 키 이름에 구조를 담는 게 관례예요. `user:1:name`은 "1번 사용자의 이름"이라는 뜻이고, 콜론(`:`)은 일종의 네임스페이스 구분자로 쓰여요.\n\n1번 사용자의 이름을 저장하고 읽어 보세요.',
        en: 'Redis has no tables, so the habit is to put the structure into the key name. `user:1:name` reads as "the name of user 1"; the colons work as namespace separators.\n\nStore user 1\'s name and read it back.',
      },
      commands: ['SET user:1:name Alice', 'GET user:1:name'],
      pythonCode: `r = redis.Redis(decode_responses=True)  # str instead of bytes
r.set("user:1:name", "Alice")
print(r.get("user:1:name"))  # Alice`,
      hints: [
        {
          ko: '키 이름에 콜론이 있어도 Redis에게는 그냥 문자열이에요. 규칙은 사람을 위한 거예요.',
          en: 'To Redis the colons are just characters; the convention is for people.',
        },
      ],
      solution: ['SET user:1:name Alice', 'GET user:1:name'],
      check: {
        all: [{ key: 'user:1:name', equals: 'Alice' }, { reply: { command: 'GET user:1:name', equals: '"Alice"' } }],
      },
    },
    {
      text: {
        ko: '방문자 수를 세어 봐요. `INCR`은 값을 1 늘리고 **늘어난 값**을 돌려줘요. 키가 없으면 0에서 시작하므로 미리 만들 필요가 없어요.\n\n몇 번 더 실행하면서 숫자가 올라가는 걸 확인하세요.',
        en: "Let's count visits. `INCR` adds 1 and answers **the new value**. A missing key starts from 0, so there is nothing to create first.\n\nRun it a few more times and watch the number climb.",
      },
      commands: ['INCR visit_count', 'GET visit_count'],
      pythonCode: `print(r.incr("visit_count"))  # 1, then 2, 3, ...`,
      hints: [
        {
          ko: '`GET visit_count`의 답에 따옴표가 붙는 건 값이 여전히 문자열로 저장되어 있기 때문이에요.',
          en: '`GET visit_count` shows quotes because the value is still stored as a string.',
        },
      ],
      solution: ['INCR visit_count'],
      check: {
        all: [{ key: 'visit_count', type: 'string' }, { reply: { command: 'INCR visit_count', matches: /^\(integer\) \d+$/ } }],
      },
    },
    {
      text: {
        ko: '1보다 많이 올리려면 `INCRBY 키 증가량`을 써요. 음수를 주면 줄어들고, `DECR`·`DECRBY`도 있어요.\n\n왜 `GET`으로 읽고 더한 뒤 `SET`하지 않을까요? 두 클라이언트가 동시에 같은 값을 읽으면 한쪽의 증가가 사라져요. `INCRBY`는 읽기와 쓰기가 **한 명령 안에서** 일어나므로 그런 일이 없어요. 이것이 원자적 카운터예요.',
        en: 'To add more than one, use `INCRBY key amount`. A negative amount subtracts, and there are `DECR` and `DECRBY` as well.\n\nWhy not `GET`, add, then `SET`? If two clients read the same value at the same moment, one increase gets lost. `INCRBY` reads and writes **inside one command**, so that cannot happen: an atomic counter.',
      },
      commands: ['INCRBY visit_count 5', 'DECR visit_count'],
      pythonCode: `r.incrby("visit_count", 5)
r.decr("visit_count")`,
      hints: [{ ko: '증가량은 정수여야 해요. 소수는 `INCRBYFLOAT`가 맡아요.', en: "The amount must be an integer; fractions are `INCRBYFLOAT`'s job." }],
      solution: ['INCRBY visit_count 5'],
      check: { reply: { command: 'INCRBY visit_count 5', matches: /^\(integer\) \d+$/ } },
    },
    {
      text: {
        ko: '이번엔 잔액이에요. 101번 사용자의 잔액을 200으로 두고 100을 더한 뒤 읽어 보세요. 문서의 파이프라인 예제와 같은 세 명령이고, 결과는 `300`이어야 해요.\n\n파이프라인은 명령 여러 개를 한꺼번에 보내 왕복을 줄이는 **클라이언트 쪽** 기법이라, 서버가 받는 명령 자체는 똑같아요.',
        en: "Now a balance. Set user 101's balance to 200, add 100 and read it: the same three commands as the documents' pipeline example, ending at `300`.\n\nA pipeline is a **client-side** trick that sends several commands in one go to save round trips; the server receives exactly these commands.",
      },
      commands: ['SET user:101:balance 200', 'INCRBY user:101:balance 100', 'GET user:101:balance'],
      pythonCode: `pipe = r.pipeline()
pipe.set("user:101:balance", 200)
pipe.incrby("user:101:balance", 100)
pipe.get("user:101:balance")
print(pipe.execute())  # [True, 300, '300']`,
      hints: [
        {
          ko: '`INCRBY`를 두 번 실행했다면 `SET user:101:balance 200`부터 다시 하세요.',
          en: 'Ran `INCRBY` twice? Start again from `SET user:101:balance 200`.',
        },
      ],
      solution: ['SET user:101:balance 200', 'INCRBY user:101:balance 100', 'GET user:101:balance'],
      check: {
        all: [{ key: 'user:101:balance', equals: '300' }, { reply: { command: 'GET user:101:balance', equals: '"300"' } }],
      },
    },
    {
      text: {
        ko: '숫자로 읽을 수 없는 값을 늘리면 어떻게 될까요? `INCR`은 값을 64비트 부호 있는 정수로 해석하는데, `Alice`는 그럴 수 없으니 오류가 나요. 값은 그대로 남아요.',
        en: 'What if the value is not a number? `INCR` reads the value as a signed 64-bit integer; `Alice` is not one, so you get an error and the value stays as it was.',
      },
      commands: ['INCR user:1:name', 'GET user:1:name'],
      pythonCode: `try:
    r.incr("user:1:name")
except redis.ResponseError as e:
    print(e)  # value is not an integer or out of range`,
      hints: [
        {
          ko: '1단계의 `user:1:name`이 지워졌다면 `SET user:1:name Alice`를 먼저 실행하세요.',
          en: 'If `user:1:name` is gone, run `SET user:1:name Alice` first.',
        },
        {
          ko: '문자열은 로그인 토큰을 담기에도 좋아요. `SET token:abc123 42 EX 3600`처럼 토큰을 키로, 사용자 번호를 값으로 두고 만료를 걸면 돼요.',
          en: 'Strings suit login tokens too: the token as the key, the user id as the value, and an expiry, as in `SET token:abc123 42 EX 3600`.',
        },
      ],
      solution: ['INCR user:1:name'],
      check: {
        all: [
          { reply: { command: 'INCR user:1:name', equals: '(error) ERR value is not an integer or out of range' } },
          { key: 'user:1:name', equals: 'Alice' },
        ],
      },
    },
    {
      challenge: true,
      text: {
        ko: '소개 페이지의 조회수 카운터 `page:about:views`를 `3`까지 올려 보세요. 조건이 있어요. `SET`으로 값을 써 넣지 말고, **한 종류의 명령만** 써서 세세요. 마지막 명령의 답이 `(integer) 3`이어야 해요.',
        en: "Bring the about page's view counter, `page:about:views`, up to `3`. One condition: do not write the value with `SET`; count with **one kind of command** only. The last one must answer `(integer) 3`.",
      },
      commands: [],
      hints: [
        { ko: '없는 키를 세기 시작하면 0에서 출발해요. 미리 만들어 둘 필요가 없어요.', en: 'Counting a missing key starts from 0: nothing to create first.' },
        {
          ko: '2단계의 명령을 키 이름만 바꿔 여러 번 실행하면 돼요. 3을 넘겼다면 `DEL page:about:views`로 지우고 다시 세세요.',
          en: "Step 2's command with another key name, run several times. Went past 3? `DEL page:about:views` and count again.",
        },
      ],
      solution: ['INCR page:about:views', 'INCR page:about:views', 'INCR page:about:views'],
      check: {
        all: [{ key: 'page:about:views', equals: '3' }, { reply: { command: 'INCR page:about:views', equals: '(integer) 3' } }],
      },
    },
  ],
};
