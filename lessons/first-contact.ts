import type { Lesson } from '../src/lessons/model.js';

// The first session at the prompt: the commands the documents try right after connecting with
// redis-cli (PING, INFO, SET/GET, KEYS, DEL), the capitals example (GET Croatia / Japan,
// MSET/MGET, EXISTS), databases (SELECT), clearing one (FLUSHDB) and leaving (exit/QUIT, text only).

export const lesson: Lesson = {
  id: 'first-contact',
  title: { ko: '첫 만남: 키와 값', en: 'First contact: keys and values' },
  summary: {
    ko: '서버에 인사하는 것부터 값을 저장하고, 꺼내고, 지우는 것까지 해 봐요. Redis가 커다란 딕셔너리처럼 움직이는 모습을 직접 확인해요.',
    en: 'Say hello to the server, then store, read and delete values. See for yourself how Redis behaves like one big dictionary.',
  },
  level: 1,
  prerequisites: [],
  steps: [
    {
      text: {
        ko: '터미널은 `redis-cli`처럼 동작해요. 먼저 서버가 살아 있는지 물어봐요. `PING`을 보내면 서버는 `PONG`으로 답해요.\n\n아래 명령 옆의 **실행** 버튼을 누르거나 터미널에 직접 입력해 보세요.',
        en: 'The terminal works like `redis-cli`. First, ask whether the server is alive: send `PING` and it answers `PONG`.\n\nPress **Run** next to the command below, or type it into the terminal yourself.',
      },
      commands: ['PING'],
      pythonCode: `import redis

r = redis.Redis(host="localhost", port=6379, db=0)
print(r.ping())  # True`,
      hints: [{ ko: '대소문자는 상관없어요. `ping`이라고 쳐도 돼요.', en: 'Case does not matter: `ping` works too.' }],
      solution: ['PING'],
      check: { reply: { command: 'PING', equals: 'PONG' } },
    },
    {
      text: {
        ko: '`INFO`는 서버의 상태를 알려 줘요. 버전, 가동 시간, 접속한 클라이언트 수, 메모리 사용량 등이 `# Server`, `# Memory`, `# Keyspace` 같은 **섹션**별로 나와요. 인자 없이 보내면 전부 나와 꽤 길어서, 보통은 섹션 이름을 붙여 필요한 부분만 봐요.\n\n`INFO server`에서 `redis_version` 줄을 찾아보세요. `INFO keyspace`는 데이터베이스마다 키가 몇 개인지 보여 줘요. 키가 하나도 없으면 제목 줄만 나와요.',
        en: '`INFO` tells you about the server: its version, uptime, connected clients, memory use and more, in **sections** such as `# Server`, `# Memory` and `# Keyspace`. With no argument you get all of them, which is long, so you usually name the section you want.\n\nFind the `redis_version` line in `INFO server`. `INFO keyspace` shows how many keys each database holds; with no keys at all, only its heading appears.',
      },
      commands: ['INFO server', 'INFO keyspace'],
      pythonCode: `info = r.info("server")       # the section as a dict
print(info["redis_version"])  # 7.0.15
print(r.info("keyspace"))     # {} while there are no keys`,
      hints: [
        {
          ko: '가동 시간이나 시각처럼 볼 때마다 바뀌는 값이 많아요. 숫자가 예시와 달라도 괜찮아요.',
          en: "Many values, like the uptime and the clock, change every time you look; your numbers will differ from anyone else's.",
        },
        {
          ko: '각 줄은 `이름:값` 형식이라 프로그램으로 읽기 쉬워요. redis-py의 `r.info()`는 이것을 딕셔너리로 바꿔 돌려줘요.',
          en: "Each line is `name:value`, easy for a program to read; redis-py's `r.info()` turns it into a dict.",
        },
      ],
      solution: ['INFO server', 'INFO keyspace'],
      check: { reply: { command: 'INFO', matches: /redis_version:/ } },
    },
    {
      text: {
        ko: 'Redis는 **키**마다 **값**을 하나씩 저장해요. `SET 키 값` 형식이고, 성공하면 `OK`가 돌아와요.\n\n공백이 들어간 값은 큰따옴표로 감싸야 한 덩어리로 전달돼요. 숫자 `100`도 Redis 안에서는 문자열로 저장돼요.',
        en: 'Redis stores one **value** per **key**. The form is `SET key value`, and a successful write answers `OK`.\n\nA value with spaces needs double quotes to travel as one argument. The number `100` is kept as a string inside Redis, too.',
      },
      commands: ['SET mykey "Hello, Redis!"', 'SET mynum 100'],
      pythonCode: `r.set("mykey", "Hello, Redis!")
r.set("mynum", 100)`,
      hints: [
        {
          ko: '따옴표를 빼면 `Hello,`와 `Redis!`가 따로 전달되어 문법 오류가 나요.',
          en: 'Without the quotes, `Hello,` and `Redis!` arrive as two arguments and SET reports a syntax error.',
        },
      ],
      solution: ['SET mykey "Hello, Redis!"', 'SET mynum 100'],
      check: {
        all: [
          { key: 'mykey', type: 'string', equals: 'Hello, Redis!' },
          { key: 'mynum', equals: '100' },
        ],
      },
    },
    {
      text: {
        ko: '`GET 키`로 값을 다시 읽어요. 없는 키를 읽으면 오류 대신 `(nil)`이 나와요. 파이썬의 `dict.get()`이 `None`을 돌려주는 것과 같은 느낌이에요.',
        en: "`GET key` reads a value back. Reading a key that does not exist is not an error: you get `(nil)`, much like Python's `dict.get()` returning `None`.",
      },
      commands: ['GET mykey', 'GET mynum', 'GET mything'],
      pythonCode: `print(r.get("mykey"))    # b'Hello, Redis!'
print(r.get("mynum"))    # b'100'
print(r.get("mything"))  # None`,
      hints: [
        {
          ko: 'redis-py는 값을 `bytes`로 돌려줘요. 문자열이 필요하면 `.decode()`를 쓰거나 `decode_responses=True`로 연결하세요.',
          en: 'redis-py hands values back as `bytes`; call `.decode()` or connect with `decode_responses=True` to get `str`.',
        },
      ],
      solution: ['GET mykey', 'GET mynum', 'GET mything'],
      check: {
        all: [{ reply: { command: 'GET mykey', equals: '"Hello, Redis!"' } }, { reply: { command: 'GET mything', equals: '(nil)' } }],
      },
    },
    {
      text: {
        ko: '나라와 수도를 저장해 봐요. 나라 이름이 키, 수도가 값이에요. 저장하지 않은 나라(`Japan`)를 읽으면 앞에서처럼 `(nil)`이 나와요.\n\n`SET`을 한 쌍씩 보내도 되지만, `MSET`은 여러 쌍을 한 명령으로 저장하고 `MGET`은 여러 키를 한 번에 읽어요. 왕복 횟수가 줄어드니 그만큼 빨라요. `MGET`의 답은 요청한 키 순서 그대로 나와요.',
        en: "Let's store some countries and their capitals: the country is the key, the capital the value. A country never stored (`Japan`) reads as `(nil)`, as before.\n\nOne `SET` per pair works, but `MSET` writes many pairs in one command and `MGET` reads many keys at once: fewer round trips, less waiting. `MGET` answers in the order you asked for the keys.",
      },
      commands: [
        'SET Bahamas Nassau',
        'SET Croatia Zagreb',
        'GET Croatia',
        'GET Japan',
        'MSET Lebanon Beirut Norway Oslo France Paris',
        'MGET Lebanon Norway Bahamas',
      ],
      pythonCode: `r.set("Bahamas", "Nassau")
r.set("Croatia", "Zagreb")
print(r.get("Croatia"))  # b'Zagreb'
print(r.get("Japan"))    # None, like capitals.get("Japan")
r.mset({"Lebanon": "Beirut", "Norway": "Oslo", "France": "Paris"})
print(r.mget("Lebanon", "Norway", "Bahamas"))  # [b'Beirut', b'Oslo', b'Nassau']`,
      hints: [
        { ko: '`MSET`은 키와 값을 번갈아 적어요: `MSET 키1 값1 키2 값2 …`', en: '`MSET` takes keys and values in turn: `MSET key1 value1 key2 value2 …`' },
        {
          ko: '`MGET`에 `Bahamas`가 들어 있으니 `SET Bahamas Nassau`부터 실행해야 해요.',
          en: '`MGET` asks for `Bahamas` too, so run `SET Bahamas Nassau` first.',
        },
      ],
      solution: [
        'SET Bahamas Nassau',
        'SET Croatia Zagreb',
        'GET Croatia',
        'GET Japan',
        'MSET Lebanon Beirut Norway Oslo France Paris',
        'MGET Lebanon Norway Bahamas',
      ],
      check: {
        all: [
          { key: 'Croatia', equals: 'Zagreb' },
          { reply: { command: 'GET Japan', equals: '(nil)' } },
          { key: 'France', equals: 'Paris' },
          { reply: { command: 'MGET Lebanon Norway Bahamas', equals: '1) "Beirut"\n2) "Oslo"\n3) "Nassau"' } },
        ],
      },
    },
    {
      text: {
        ko: '키가 있는지만 알고 싶다면 `EXISTS`를 써요. 있으면 `1`, 없으면 `0`이에요. 파이썬으로 치면 `"Norway" in capitals`에 해당해요.',
        en: 'To ask only whether a key is there, use `EXISTS`: `1` if it is, `0` if not. In Python terms, it is `"Norway" in capitals`.',
      },
      commands: ['EXISTS Norway', 'EXISTS Sweden'],
      pythonCode: `print(r.exists("Norway"))  # 1
print(r.exists("Sweden"))  # 0`,
      hints: [{ ko: '`EXISTS`에 키를 여러 개 주면 그중 존재하는 키의 개수를 세어요.', en: 'Give `EXISTS` several keys and it counts how many of them exist.' }],
      solution: ['EXISTS Norway', 'EXISTS Sweden'],
      check: {
        all: [{ reply: { command: 'EXISTS Norway', equals: '(integer) 1' } }, { reply: { command: 'EXISTS Sweden', equals: '(integer) 0' } }],
      },
    },
    {
      text: {
        ko: '`KEYS *`는 패턴에 맞는 키 이름을 모두 보여 줘요. `*`는 모든 이름에 맞아요. 순서는 정해져 있지 않아요.\n\n연습할 때는 편하지만, 키가 수백만 개인 서버에서는 모든 키를 훑느라 다른 요청이 멈춰요. 실제 서비스에서는 `SCAN`을 쓰세요.',
        en: '`KEYS *` lists every key name that matches a pattern; `*` matches them all. The order is not fixed.\n\nHandy while learning, but on a server with millions of keys it walks all of them while every other request waits. In production, use `SCAN`.',
      },
      commands: ['KEYS *', 'KEYS *a*'],
      pythonCode: `print(r.keys("*"))
for key in r.scan_iter("*a*"):  # the gentle way on a big database
    print(key)`,
      hints: [{ ko: '`KEYS *a*`는 이름에 소문자 `a`가 들어간 키만 골라요.', en: '`KEYS *a*` picks only names containing a lower-case `a`.' }],
      solution: ['KEYS *'],
      check: { reply: { command: 'KEYS *', matches: /"Croatia"/ } },
    },
    {
      text: {
        ko: '`DEL`은 키를 지우고, 실제로 지운 키의 개수를 돌려줘요. 없는 키를 지우려 하면 `0`이 나올 뿐 오류는 아니에요.',
        en: '`DEL` removes keys and answers how many it actually removed. Deleting a key that is not there just gives `0`, not an error.',
      },
      commands: ['DEL mykey', 'DEL mynum', 'DEL mything'],
      pythonCode: `print(r.delete("mykey"))    # 1
print(r.delete("mynum"))    # 1
print(r.delete("mything"))  # 0`,
      hints: [{ ko: '`DEL mykey mynum`처럼 한 번에 여러 키를 지울 수도 있어요.', en: 'One `DEL mykey mynum` removes both at once.' }],
      solution: ['DEL mykey', 'DEL mynum', 'DEL mything'],
      check: {
        all: [{ key: 'mykey', exists: false }, { key: 'mynum', exists: false }, { reply: { command: 'DEL mything', equals: '(integer) 0' } }],
      },
    },
    {
      text: {
        ko: '한 서버 안에는 번호가 붙은 데이터베이스가 16개(0~15) 있고, 접속하면 0번에서 시작해요. `SELECT 1`로 옮기면 프롬프트 끝에 `[1]`이 붙고, 0번의 키는 보이지 않아요.\n\n둘러본 뒤에는 `SELECT 0`으로 돌아오세요. redis-py에서는 `redis.Redis(db=1)`처럼 연결할 때 번호를 골라요.',
        en: 'A server holds 16 numbered databases (0 to 15), and a new connection starts in 0. `SELECT 1` moves you: the prompt gains `[1]`, and the keys of database 0 are out of sight.\n\nHave a look, then come back with `SELECT 0`. In redis-py you pick the number when connecting: `redis.Redis(db=1)`.',
      },
      commands: ['SELECT 1', 'KEYS *', 'SELECT 0'],
      pythonCode: `r1 = redis.Redis(db=1)
print(r1.keys("*"))  # [] — database 1 has its own keys`,
      hints: [
        { ko: '`redis-cli -n 1`로 접속해도 처음부터 1번 데이터베이스를 써요.', en: 'Starting `redis-cli -n 1` also puts you in database 1 from the start.' },
      ],
      solution: ['SELECT 1', 'KEYS *', 'SELECT 0'],
      check: {
        all: [
          { reply: { command: 'SELECT 1', equals: 'OK' } },
          { reply: { command: 'KEYS *', equals: '(empty array)' } },
          { reply: { command: 'SELECT 0', equals: 'OK' } },
        ],
      },
    },
    {
      text: {
        ko: '마지막으로 정리해요. `FLUSHDB`는 **지금 선택된** 데이터베이스의 키를 모두 지워요. 다른 번호의 데이터베이스는 건드리지 않아요.\n\n되돌릴 방법이 없으니 실제 서버에서는 신중하게 쓰세요. 다 쓴 redis-cli는 `exit`나 `QUIT`으로 빠져나와요. 여기서 입력하면 터미널이 연결을 끊고, 아무 키나 누르면 새로 접속해요.',
        en: "Finally, clean up. `FLUSHDB` deletes every key in the **currently selected** database and leaves the other numbers alone.\n\nThere is no undo, so think twice on a real server. When you are done with redis-cli, leave it with `exit` or `QUIT`. Typed here, it closes the terminal's connection, and any key starts a new one.",
      },
      commands: ['FLUSHDB', 'KEYS *'],
      pythonCode: `r.flushdb()
print(r.keys("*"))  # []`,
      hints: [
        {
          ko: '프롬프트에 `[1]`이 보이면 아직 1번에 있는 거예요. `SELECT 0` 후에 실행하세요.',
          en: 'If the prompt still shows `[1]`, you are in database 1: run `SELECT 0` first.',
        },
      ],
      solution: ['FLUSHDB', 'KEYS *'],
      check: {
        all: [{ reply: { command: 'FLUSHDB', equals: 'OK' } }, { key: 'Croatia', exists: false }, { key: 'Norway', exists: false }],
      },
    },
    {
      text: {
        ko: '`FLUSHDB`로 수도가 모두 사라졌어요. 이번에는 터미널 대신 **워크벤치**에 스크립트로 다시 채워 봐요. 한 줄에 명령 하나씩 적어 두면 고쳐 가며 몇 번이고 다시 실행할 수 있어요.\n\n**편집기에서 열기**를 누르면 아래 두 줄로 스크립트가 시작돼요. 이어서 레바논(`Beirut`), 노르웨이(`Oslo`), 프랑스(`Paris`)를 한 줄에 하나씩 `SET`으로 적고, 마지막 줄에서 다섯 나라를 `MGET` 하나로 읽어 오세요. 그다음 **모두 실행**(Ctrl+Shift+Enter)을 누르세요.',
        en: '`FLUSHDB` took every capital away. Put them back, this time as a script in the **workbench** rather than line by line in the terminal: written down, the lines can be fixed and run again as often as you like.\n\n**Open in editor** starts the script with the two lines below. Add Lebanon (`Beirut`), Norway (`Oslo`) and France (`Paris`), one `SET` a line, and on the last line read all five countries back with a single `MGET`. Then press **Run all** (Ctrl+Shift+Enter).',
      },
      commands: ['SET Bahamas Nassau', 'SET Croatia Zagreb'],
      pythonCode: `capitals = {"Bahamas": "Nassau", "Croatia": "Zagreb", "Lebanon": "Beirut", "Norway": "Oslo", "France": "Paris"}
for country, capital in capitals.items():
    r.set(country, capital)
print(r.mget(*capitals))  # [b'Nassau', b'Zagreb', b'Beirut', b'Oslo', b'Paris']`,
      hints: [
        {
          ko: '각 결과 카드에 줄 번호와 응답이 나와요. `MGET` 카드에 `(nil)`이 있다면 그 나라의 `SET` 줄을 빠뜨렸거나 이름의 철자가 달라요. 고친 뒤 다시 **모두 실행**하면 돼요.',
          en: 'Every result card shows its line and its reply. A `(nil)` on the `MGET` card means a `SET` line is missing or a name is spelled differently: fix it and **Run all** again.',
        },
      ],
      solution: [
        'SET Bahamas Nassau',
        'SET Croatia Zagreb',
        'SET Lebanon Beirut',
        'SET Norway Oslo',
        'SET France Paris',
        'MGET Bahamas Croatia Lebanon Norway France',
      ],
      check: {
        all: [
          { key: 'Bahamas', equals: 'Nassau' },
          { key: 'Croatia', equals: 'Zagreb' },
          { key: 'Lebanon', equals: 'Beirut' },
          { key: 'Norway', equals: 'Oslo' },
          { key: 'France', equals: 'Paris' },
          // Five capitals read back with one command (MGET), in whatever order the learner asked for them.
          { reply: { matches: /^(?:[1-5]\) "(?:Nassau|Zagreb|Beirut|Oslo|Paris)"\n?){5}$/ } },
        ],
      },
    },
    {
      challenge: true,
      text: {
        ko: '앞에서 `GET Japan`은 `(nil)`, `EXISTS Sweden`은 `0`이었어요. 이제 두 나라의 수도(일본은 `Tokyo`, 스웨덴은 `Stockholm`)를 **명령 하나로** 저장하고, 두 키가 모두 있는지를 역시 명령 하나로 물어보세요. 그 답이 `(integer) 2`여야 해요.\n\n이번에는 실행 버튼이 없어요. 배운 명령을 떠올려 터미널에 직접 입력하세요.',
        en: 'Earlier, `GET Japan` gave `(nil)` and `EXISTS Sweden` gave `0`. Now store both capitals (Japan: `Tokyo`, Sweden: `Stockholm`) with **one command**, then ask with one more command whether both keys exist: the answer must be `(integer) 2`.\n\nNo Run buttons this time: recall the commands you have learned and type them into the terminal.',
      },
      commands: [],
      hints: [
        {
          ko: '여러 쌍을 한 번에 저장하는 명령은 5단계에서 배웠어요. 키와 값을 번갈아 적어요.',
          en: 'The command that stores several pairs at once was in step 5: keys and values in turn.',
        },
        { ko: '`EXISTS`에 키를 여러 개 주면 그중 있는 키의 개수를 알려 줘요.', en: 'Give `EXISTS` several keys and it answers how many of them exist.' },
      ],
      solution: ['MSET Japan Tokyo Sweden Stockholm', 'EXISTS Japan Sweden'],
      check: {
        all: [{ key: 'Japan', equals: 'Tokyo' }, { key: 'Sweden', equals: 'Stockholm' }, { reply: { equals: '(integer) 2' } }],
      },
    },
  ],
};
