import type { Lesson } from '../src/lessons/model.js';

// Sets as tags: tags / tags2 / tags3 with intersection, union and difference, and the visitors
// of a day stored under the date as a string key.

export const lesson: Lesson = {
  id: 'sets',
  title: { ko: '집합: 태그 비교하기', en: 'Sets: comparing tags' },
  summary: {
    ko: '중복 없는 집합에 태그를 담고, 교집합·합집합·차집합으로 두 글의 태그를 비교해요.',
    en: 'Keep tags in sets, which never hold duplicates, and compare posts with intersection, union and difference.',
  },
  level: 2,
  prerequisites: ['first-contact'],
  steps: [
    {
      text: {
        ko: '집합은 순서 없이 **서로 다른** 문자열을 모아 둬요. `SADD`로 글 하나의 태그를 넣고 `SMEMBERS`로 모두 보세요. 나오는 순서는 넣은 순서와 다를 수 있어요.',
        en: "A set holds **distinct** strings with no order. Add one post's tags with `SADD` and list them with `SMEMBERS`; they may come back in a different order.",
      },
      commands: ['SADD tags python fastapi redis', 'SMEMBERS tags'],
      pythonCode: `r.sadd("tags", "python", "fastapi", "redis")
print(r.smembers("tags"))  # {b'python', b'fastapi', b'redis'}`,
      hints: [{ ko: 'redis-py의 `smembers()`는 파이썬 `set`을 돌려줘요.', en: "redis-py's `smembers()` returns a Python `set`." }],
      solution: ['SADD tags python fastapi redis', 'SMEMBERS tags'],
      check: { key: 'tags', type: 'set', length: 3, member: 'fastapi' },
    },
    {
      text: {
        ko: '이미 있는 태그를 다시 넣어 보세요. `SADD`는 **새로 추가된** 개수를 돌려주므로 `0`이 나오고, 집합 크기(`SCARD`)도 그대로예요. `SISMEMBER`는 어떤 값이 들어 있는지 바로 알려 줘요.',
        en: 'Add a tag that is already there. `SADD` answers how many were **new**, so you get `0`, and the size (`SCARD`) does not change. `SISMEMBER` tells you at once whether a value is in the set.',
      },
      commands: ['SADD tags redis', 'SCARD tags', 'SISMEMBER tags redis'],
      pythonCode: `print(r.sadd("tags", "redis"))          # 0
print(r.scard("tags"))                  # 3
print(r.sismember("tags", "redis"))     # True`,
      hints: [{ ko: '리스트였다면 같은 값이 두 번 들어갔을 거예요.', en: 'A list would have taken the same value twice.' }],
      solution: ['SADD tags redis', 'SCARD tags', 'SISMEMBER tags redis'],
      check: {
        all: [{ reply: { command: 'SADD tags redis', equals: '(integer) 0' } }, { reply: { command: 'SCARD tags', equals: '(integer) 3' } }],
      },
    },
    {
      text: {
        ko: '비교할 글이 두 개 더 있어요. `tags2`와 `tags3`를 만드세요.',
        en: 'Two more posts to compare: create `tags2` and `tags3`.',
      },
      commands: ['SADD tags2 python django redis', 'SADD tags3 python django fastapi'],
      pythonCode: `r.sadd("tags2", "python", "django", "redis")
r.sadd("tags3", "python", "django", "fastapi")`,
      hints: [
        {
          ko: '태그 이름은 대소문자를 구분해요. `Python`과 `python`은 다른 값이에요.',
          en: 'Tags are case-sensitive: `Python` and `python` are different values.',
        },
      ],
      solution: ['SADD tags2 python django redis', 'SADD tags3 python django fastapi'],
      check: {
        all: [
          { key: 'tags2', length: 3, member: 'django' },
          { key: 'tags3', length: 3, member: 'fastapi' },
        ],
      },
    },
    {
      text: {
        ko: '`SINTER`는 **모든** 집합에 공통으로 있는 값, 곧 교집합을 돌려줘요. `tags`와 `tags2`가 함께 가진 태그는 무엇일까요? 집합을 세 개 넘겨도 돼요.',
        en: '`SINTER` returns the values present in **every** set given: the intersection. Which tags do `tags` and `tags2` share? It accepts three sets as well.',
      },
      commands: ['SINTER tags tags2', 'SINTER tags tags2 tags3'],
      pythonCode: `print(r.sinter("tags", "tags2"))           # {b'python', b'redis'}
print(r.sinter("tags", "tags2", "tags3"))  # {b'python'}`,
      hints: [
        { ko: '답의 순서는 정해져 있지 않아요. 어떤 값이 들어 있는지만 보세요.', en: 'The order of the answer is not fixed; look at which values are there.' },
      ],
      solution: ['SINTER tags tags2', 'SINTER tags tags2 tags3'],
      check: {
        all: [
          { reply: { command: 'SINTER tags tags2', matches: /^1\) "(python|redis)"\n2\) "(python|redis)"$/ } },
          { reply: { command: 'SINTER tags tags2 tags3', equals: '1) "python"' } },
        ],
      },
    },
    {
      text: {
        ko: '`SUNION`은 어느 한쪽에라도 있는 값(합집합), `SDIFF`는 첫 집합에만 있는 값(차집합)이에요. `SDIFF`는 순서가 중요해서 `SDIFF tags tags2`와 `SDIFF tags2 tags`의 답이 달라요.',
        en: '`SUNION` gives the values in any of the sets (the union); `SDIFF` those only in the first set (the difference). Order matters for `SDIFF`: `SDIFF tags tags2` and `SDIFF tags2 tags` differ.',
      },
      commands: ['SUNION tags tags2', 'SDIFF tags tags2', 'SDIFF tags2 tags'],
      pythonCode: `print(r.sunion("tags", "tags2"))  # {b'python', b'fastapi', b'redis', b'django'}
print(r.sdiff("tags", "tags2"))   # {b'fastapi'}`,
      hints: [
        {
          ko: '결과를 키로 저장하고 싶다면 `SINTERSTORE`, `SUNIONSTORE`, `SDIFFSTORE`가 있어요.',
          en: 'To keep a result under a key, use `SINTERSTORE`, `SUNIONSTORE` or `SDIFFSTORE`.',
        },
      ],
      solution: ['SUNION tags tags2', 'SDIFF tags tags2', 'SDIFF tags2 tags'],
      check: {
        all: [
          { reply: { command: 'SUNION tags tags2', matches: /^1\) "\w+"\n2\) "\w+"\n3\) "\w+"\n4\) "\w+"$/ } },
          { reply: { command: 'SDIFF tags tags2', equals: '1) "fastapi"' } },
          { reply: { command: 'SDIFF tags2 tags', equals: '1) "django"' } },
        ],
      },
    },
    {
      text: {
        ko: '하루 방문자를 날짜 키에 모아 봐요. redis-py에 `date` 객체를 그대로 주면 `DataError`가 나므로 `isoformat()`으로 `2019-03-10` 같은 문자열을 만들어 키로 써요. Redis의 키는 언제나 문자열(바이트)이에요.',
        en: "Collect a day's visitors under a date key. Handing redis-py a `date` object raises `DataError`, so turn it into a string such as `2019-03-10` with `isoformat()`: Redis keys are always strings (bytes).",
      },
      commands: ['SADD 2019-03-10 dan jon alex', 'SCARD 2019-03-10', 'SMEMBERS 2019-03-10'],
      pythonCode: `import datetime

today = datetime.date(2019, 3, 10)
visitors = {"dan", "jon", "alex"}
r.sadd(today.isoformat(), *visitors)  # 3
print(r.scard(today.isoformat()))     # 3`,
      hints: [
        {
          ko: '같은 방문자가 다시 와도 집합 크기는 변하지 않으니, 하루 순 방문자 수를 세기에 알맞아요.',
          en: 'A returning visitor does not change the size, which is exactly what counting unique visitors needs.',
        },
        {
          ko: '팔로우 관계도 집합으로 표현해요. `SADD following:alice bob carol`처럼 팔로우 목록을 만들어 두면, 두 사람의 목록에 `SINTER`를 해서 둘 다 팔로우하는 사람을 구할 수 있어요.',
          en: 'Follow relations are sets as well: `SADD following:alice bob carol` holds whom Alice follows, and `SINTER` of two such sets gives the people both follow.',
        },
      ],
      solution: ['SADD 2019-03-10 dan jon alex', 'SCARD 2019-03-10'],
      check: { key: '2019-03-10', type: 'set', length: 3, member: 'alex' },
    },
    {
      challenge: true,
      text: {
        ko: '팔로우 관계를 집합으로 만들어 봐요. Alice는 bob, carol, dave를, Bob은 carol, dave, erin을 팔로우해요. 각각 `following:alice`와 `following:bob`에 담고, **두 사람이 모두 팔로우하는 사람**을 구해 `following:both` 집합에 저장하세요.',
        en: 'Follow relations as sets. Alice follows bob, carol and dave; Bob follows carol, dave and erin. Keep them in `following:alice` and `following:bob`, then store **the people both of them follow** in a set called `following:both`.',
      },
      commands: [],
      hints: [
        {
          ko: '"둘 다"는 교집합이에요. 결과를 화면에 보여 주는 대신 키로 저장하는 명령은 5단계의 힌트에 있어요.',
          en: '"Both" is an intersection. The command that stores the result under a key instead of showing it is in step 5\'s hint.',
        },
        {
          ko: '`…STORE` 명령은 결과를 저장할 키를 맨 앞에, 비교할 집합들을 그 뒤에 적어요.',
          en: 'The `…STORE` commands take the key to store into first, then the sets to compare.',
        },
      ],
      solution: ['SADD following:alice bob carol dave', 'SADD following:bob carol dave erin', 'SINTERSTORE following:both following:alice following:bob'],
      check: {
        all: [
          { key: 'following:alice', type: 'set', length: 3, member: 'bob' },
          { key: 'following:bob', type: 'set', length: 3, member: 'erin' },
          { key: 'following:both', type: 'set', length: 2, member: 'carol' },
          { key: 'following:both', member: 'dave' },
        ],
      },
    },
  ],
};
