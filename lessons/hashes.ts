import type { Lesson } from '../src/lessons/model.js';

// Hashes as small records: the user01/user02 users, the realpython and pypa examples, user:1
// with HINCRBY, and a session hash created and deleted as the documents' session helpers do.

export const lesson: Lesson = {
  id: 'hashes',
  title: { ko: '해시: 사용자 정보 담기', en: 'Hashes: keeping user records' },
  summary: {
    ko: '필드와 값의 묶음인 해시로 사용자와 세션을 표현해요. 필드 하나만 읽고, 한꺼번에 읽고, 숫자 필드를 늘려 봐요.',
    en: 'Model users and sessions as hashes, bundles of fields and values. Read one field or all of them, and bump a number field in place.',
  },
  level: 2,
  prerequisites: ['first-contact'],
  steps: [
    {
      text: {
        ko: '해시는 키 하나 아래에 **필드-값** 쌍을 여러 개 담아요. 파이썬의 딕셔너리를 값으로 가진 키라고 생각하면 돼요.\n\n`user01`이라는 해시에 이름과 나이를 넣어 보세요. `HSET`은 새로 생긴 필드의 개수를 돌려줘요.',
        en: 'A hash keeps several **field-value** pairs under one key: think of a key whose value is a Python dict.\n\nPut a name and an age into a hash called `user01`. `HSET` answers how many fields were new.',
      },
      commands: ['HSET user01 name Alice', 'HSET user01 age 30'],
      pythonCode: `r.hset("user01", "name", "Alice")
r.hset("user01", "age", 30)`,
      hints: [{ ko: '같은 필드에 다시 `HSET`하면 값이 바뀌고 답은 `0`이에요.', en: 'Setting an existing field again replaces its value and answers `0`.' }],
      solution: ['HSET user01 name Alice', 'HSET user01 age 30'],
      check: {
        all: [
          { key: 'user01', type: 'hash', field: ['name', 'Alice'] },
          { key: 'user01', field: ['age', '30'] },
        ],
      },
    },
    {
      text: {
        ko: '`HSET`은 필드를 여러 개 한 번에 받을 수도 있어요. `user02`를 한 명령으로 만들고, `HGET`으로 필드 하나씩 읽어 보세요.',
        en: '`HSET` also takes several fields at once. Create `user02` in one command, then read single fields with `HGET`.',
      },
      commands: ['HSET user02 name Bob age 25', 'HGET user01 name', 'HGET user02 age'],
      pythonCode: `r.hset("user02", mapping={"name": "Bob", "age": 25})
print(r.hget("user01", "name"), r.hget("user02", "age"))  # b'Alice' b'25'`,
      hints: [{ ko: '없는 필드를 `HGET`하면 `(nil)`이 나와요.', en: '`HGET` of a missing field answers `(nil)`.' }],
      solution: ['HSET user02 name Bob age 25', 'HGET user01 name', 'HGET user02 age'],
      check: {
        all: [
          { key: 'user02', field: ['name', 'Bob'] },
          { key: 'user02', field: ['age', '25'] },
          { reply: { command: 'HGET user01 name', equals: '"Alice"' } },
        ],
      },
    },
    {
      text: {
        ko: '이번엔 웹사이트 정보를 담아 봐요. `HGETALL`은 모든 필드와 값을 번갈아 나열해요. 작은 해시는 넣은 순서를 그대로 유지해요.\n\n`HMSET`은 예전 이름이라 지금은 `HSET`과 같은 일을 하지만 답이 `OK`예요. 오래된 코드에서 자주 보게 돼요.',
        en: 'Now some website details. `HGETALL` lists every field and value in turn; a small hash keeps the order you inserted.\n\n`HMSET` is the older name: it does what `HSET` does but answers `OK`. You will meet it in older code.',
      },
      commands: [
        'HSET realpython url "https://realpython.com/" github realpython fullname "Real Python"',
        'HGETALL realpython',
        'HMSET pypa url "https://www.pypa.io/" github pypa fullname "Python Packaging Authority"',
        'HGETALL pypa',
      ],
      pythonCode: `r.hset("realpython", mapping={
    "url": "https://realpython.com/",
    "github": "realpython",
    "fullname": "Real Python",
})
print(r.hgetall("realpython"))`,
      hints: [{ ko: '값에 공백이 있는 `"Real Python"`은 따옴표로 감싸야 해요.', en: '`"Real Python"` has a space, so keep the quotes.' }],
      solution: [
        'HSET realpython url "https://realpython.com/" github realpython fullname "Real Python"',
        'HGETALL realpython',
        'HMSET pypa url "https://www.pypa.io/" github pypa fullname "Python Packaging Authority"',
        'HGETALL pypa',
      ],
      check: {
        all: [
          { key: 'realpython', length: 3, field: ['fullname', 'Real Python'] },
          { key: 'pypa', field: ['fullname', 'Python Packaging Authority'] },
          { reply: { command: 'HGETALL pypa', matches: /^1\) "url"\n2\) "https:\/\/www\.pypa\.io\/"/ } },
        ],
      },
    },
    {
      text: {
        ko: '숫자 필드는 `HINCRBY`로 제자리에서 늘려요. 문자열의 `INCRBY`처럼 원자적이라, 읽고 더하고 다시 쓰는 과정이 한 번에 일어나요.\n\n`user:1`을 만들고 생일을 맞은 Alice의 나이를 1 올려 보세요.',
        en: "Number fields grow in place with `HINCRBY`. Like `INCRBY` on strings it is atomic: read, add and write happen as one.\n\nCreate `user:1` and add a year to Alice's age for her birthday.",
      },
      commands: ['HSET user:1 name Alice email alice@example.com age 30', 'HINCRBY user:1 age 1', 'HGETALL user:1'],
      pythonCode: `r.hset("user:1", mapping={"name": "Alice", "email": "alice@example.com", "age": 30})
r.hincrby("user:1", "age", 1)  # 31
print(r.hgetall("user:1"))`,
      hints: [
        {
          ko: '`HINCRBY`를 두 번 실행했다면 `HSET user:1 age 30`으로 되돌린 뒤 다시 하세요.',
          en: 'Pressed `HINCRBY` twice? Put it back with `HSET user:1 age 30` and try again.',
        },
      ],
      solution: ['HSET user:1 name Alice email alice@example.com age 30', 'HINCRBY user:1 age 1'],
      check: {
        all: [
          { key: 'user:1', field: ['email', 'alice@example.com'] },
          { key: 'user:1', field: ['age', '31'] },
        ],
      },
    },
    {
      text: {
        ko: '웹 서비스의 세션도 해시로 다루기 좋아요. 세션 ID로 키를 만들고 사용자 정보를 담았다가, 로그아웃하면 키째 지워요.\n\n문서에서는 ID를 `uuid4()`로 만들지만 여기서는 짧게 `abc123`을 써요.',
        en: "Web sessions fit hashes well too: build a key from the session id, keep the user's details in it, and delete the whole key at logout.\n\nThe documents make the id with `uuid4()`; here a short `abc123` will do.",
      },
      commands: ['HSET sessions:abc123 user_id user123', 'HGETALL sessions:abc123', 'DEL sessions:abc123'],
      pythonCode: `import uuid

session_id = str(uuid.uuid4())
r.hset(f"sessions:{session_id}", "user_id", "user123")
print(r.hgetall(f"sessions:{session_id}"))
r.delete(f"sessions:{session_id}")`,
      hints: [
        {
          ko: '지운 뒤에 `HGETALL`을 하면 `(empty array)`가 나와요. 없는 해시는 빈 해시처럼 보여요.',
          en: 'After the delete, `HGETALL` shows `(empty array)`: a missing hash looks like an empty one.',
        },
        {
          ko: '사용자별 설정도 해시가 잘 맞아요. `HSET settings:user01 theme dark lang ko`처럼 항목 하나하나가 필드가 돼요.',
          en: 'Per-user settings fit a hash too: each setting is a field, as in `HSET settings:user01 theme dark lang ko`.',
        },
      ],
      solution: ['HSET sessions:abc123 user_id user123', 'HGETALL sessions:abc123', 'DEL sessions:abc123'],
      check: {
        all: [{ reply: { command: 'HGETALL sessions:abc123', equals: '1) "user_id"\n2) "user123"' } }, { key: 'sessions:abc123', exists: false }],
      },
    },
    {
      challenge: true,
      text: {
        ko: '`user02`의 Bob이 생일을 맞았고 이메일도 새로 만들었어요. Bob의 나이를 1 올리고(`26`), `email` 필드에 `bob@example.com`을 넣으세요. 이름(`name`)은 그대로 `Bob`이어야 해요.',
        en: 'Bob in `user02` just had a birthday and got an email address. Add one to his age (`26`) and put `bob@example.com` in an `email` field. His `name` must still be `Bob`.',
      },
      commands: [],
      hints: [
        { ko: '숫자 필드를 제자리에서 늘리는 명령은 4단계에서 배웠어요.', en: 'The command that grows a number field in place was in step 4.' },
        { ko: '`HSET`은 적은 필드만 바꾸고 나머지 필드는 건드리지 않아요.', en: '`HSET` changes only the fields you name and leaves the others alone.' },
      ],
      solution: ['HINCRBY user02 age 1', 'HSET user02 email bob@example.com'],
      check: {
        all: [
          { key: 'user02', field: ['age', '26'] },
          { key: 'user02', field: ['email', 'bob@example.com'] },
          { key: 'user02', field: ['name', 'Bob'] },
        ],
      },
    },
  ],
};
