import type { Lesson } from '../src/lessons/model.js';

// How a client and the server talk: RESP on the wire ("OK" travels as "+OK\r\n"), RESP3 through
// HELLO, connections / connection pools / the asyncio client with decode_responses=True (the
// cheat sheet's connection setup), hiredis as a faster parser for big replies such as LRANGE,
// and what the enterprise endpoint options of redis-cli (-h, -p, -a) mean, with AUTH shown on
// this server, which has no password (never CONFIG SET requirepass here: it would lock out the
// page's own connections); then ACL users and least privilege with two terminals as two users.

const HSET_PYPA = 'HSET pypa url "https://www.pypa.io/" github pypa fullname "Python Packaging Authority"';
const RPUSH_NUMBERS = `RPUSH numbers ${Array.from({ length: 30 }, (_, i) => i + 1).join(' ')}`;
const AUTH_ERROR = '(error) ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?';

export const lesson: Lesson = {
  id: 'connections',
  title: { ko: '클라이언트와 서버가 대화하는 법', en: 'How clients talk to Redis' },
  summary: {
    ko: '명령과 응답이 오가는 프로토콜 RESP, 연결과 연결 풀, 큰 응답을 빨리 읽는 hiredis, 그리고 클라우드의 Redis에 붙을 때 필요한 호스트·포트·비밀번호까지 살펴봐요.',
    en: 'RESP, the protocol commands and replies travel in; connections and connection pools; hiredis, which reads big replies faster; and the host, port and password you need to reach a Redis in the cloud.',
  },
  level: 3,
  prerequisites: ['first-contact', 'hashes'],
  steps: [
    {
      text: {
        ko: 'redis-cli도 redis-py도 **RESP**(REdis Serialization Protocol)라는 프로토콜로 서버와 이야기해요. 사람이 읽을 수 있을 만큼 단순해요. 명령은 문자열의 배열로 보내고, 응답은 첫 글자로 자기 타입을 밝혀요.\n\n- `+OK\\r\\n`: 단순 문자열. redis-cli는 따옴표 없이 `OK`로 보여 줘요.\n- `$13\\r\\nHello, Redis!\\r\\n`: 길이가 앞에 붙은 벌크 문자열. 따옴표로 감싼 `"Hello, Redis!"`로 보여요.\n- `:3\\r\\n`: 정수. `(integer) 3`이에요.\n- `*6\\r\\n…`: 배열. 번호가 붙은 여러 줄로 보여요.\n- `-ERR …\\r\\n`: 오류. `(error) ERR …`로 보여요.\n\n아래 명령을 실행하면서 화면의 모양과 실제로 오간 바이트를 짝지어 보세요. 예를 들어 `SET mykey "Hello, Redis!"`는 `*3\\r\\n$3\\r\\nSET\\r\\n$5\\r\\nmykey\\r\\n$13\\r\\nHello, Redis!\\r\\n`이라는 바이트로 날아가요.',
        en: 'redis-cli and redis-py both talk to the server in **RESP** (REdis Serialization Protocol), simple enough for a person to read. A command goes out as an array of strings, and every reply announces its type with its first character:\n\n- `+OK\\r\\n`: a simple string. redis-cli shows it as `OK`, without quotes.\n- `$13\\r\\nHello, Redis!\\r\\n`: a bulk string, its length in front. Shown quoted: `"Hello, Redis!"`.\n- `:3\\r\\n`: an integer, `(integer) 3`.\n- `*6\\r\\n…`: an array, shown as numbered lines.\n- `-ERR …\\r\\n`: an error, `(error) ERR …`.\n\nRun the commands below and match what the screen shows with the bytes that travelled. `SET mykey "Hello, Redis!"`, for one, goes out as `*3\\r\\n$3\\r\\nSET\\r\\n$5\\r\\nmykey\\r\\n$13\\r\\nHello, Redis!\\r\\n`.',
      },
      commands: ['SET mykey "Hello, Redis!"', 'GET mykey', HSET_PYPA, 'HGETALL pypa'],
      pythonCode: `import socket

# What a client sends and gets back, byte for byte:
with socket.create_connection(("localhost", 6379)) as s:
    s.sendall(b"*3\\r\\n$3\\r\\nSET\\r\\n$5\\r\\nmykey\\r\\n$13\\r\\nHello, Redis!\\r\\n")
    print(s.recv(1024))  # b'+OK\\r\\n'
    s.sendall(b"*2\\r\\n$3\\r\\nGET\\r\\n$5\\r\\nmykey\\r\\n")
    print(s.recv(1024))  # b'$13\\r\\nHello, Redis!\\r\\n'

# redis-py does the same through a connection and its parser:
import redis

r = redis.Redis(host="localhost", port=6379, db=0)
conn = r.connection_pool.get_connection("HGETALL")
try:
    conn.send_command("HGETALL", "pypa")
    print(conn.read_response())  # [b'url', b'https://www.pypa.io/', b'github', b'pypa', ...]
finally:
    r.connection_pool.release(conn)`,
      hints: [
        {
          ko: '`OK`에 따옴표가 없는 이유는 단순 문자열(`+`)이기 때문이에요. `GET`의 답은 벌크 문자열(`$`)이라 따옴표가 붙어요.',
          en: '`OK` has no quotes because it is a simple string (`+`); the answer to `GET` is a bulk string (`$`), so it is quoted.',
        },
        {
          ko: '`HSET`의 답은 새로 만든 필드 수예요. 두 번째로 실행하면 `(integer) 0`이 나오는데, 오류가 아니에요.',
          en: '`HSET` answers how many fields it created; run it a second time and you get `(integer) 0`, which is not an error.',
        },
      ],
      solution: ['SET mykey "Hello, Redis!"', 'GET mykey', HSET_PYPA, 'HGETALL pypa'],
      check: {
        all: [
          { key: 'pypa', type: 'hash', field: ['github', 'pypa'] },
          { reply: { command: 'GET mykey', equals: '"Hello, Redis!"' } },
          { reply: { command: 'HGETALL pypa', matches: /^1\) "url"\n2\) "https:\/\/www\.pypa\.io\/"/ } },
        ],
      },
    },
    {
      text: {
        ko: 'RESP2에는 "맵" 타입이 없어요. 그래서 `HGETALL`은 필드와 값을 번갈아 늘어놓은 배열로 오고, 짝을 맞춰 딕셔너리로 만드는 건 클라이언트 몫이에요. Redis 6부터 쓸 수 있는 **RESP3**에는 맵(`%`), 집합(`~`), 실수(`,`), 불리언(`#`), 널(`_`), 푸시(`>`) 같은 타입이 더 있어요.\n\n`HELLO 3`은 **이 연결의** 프로토콜을 RESP3로 바꾸고, 서버 정보를 맵으로 답해요. 그 상태로 `HGETALL pypa`를 다시 보면 `1# "url" => …`처럼 키와 값이 짝지어 나와요. 확인했으면 `HELLO 2`로 돌아오세요. 다른 연결은 여전히 RESP2예요.',
        en: 'RESP2 has no map type. So `HGETALL` arrives as an array of fields and values in turn, and pairing them up into a dict is the client\'s job. **RESP3**, available since Redis 6, adds types such as maps (`%`), sets (`~`), doubles (`,`), booleans (`#`), null (`_`) and pushes (`>`).\n\n`HELLO 3` switches **this connection** to RESP3 and answers with the server\'s details as a map. Look at `HGETALL pypa` again in that state: keys and values come paired, `1# "url" => …`. Then go back with `HELLO 2`. Other connections stay on RESP2 all along.',
      },
      commands: ['HELLO 3', 'HGETALL pypa', 'HELLO 2', 'HGETALL pypa'],
      pythonCode: `r2 = redis.Redis(protocol=2)
r3 = redis.Redis(protocol=3)  # redis-py 5: sends HELLO 3 when it connects

print(r2.hgetall("pypa"))  # a dict: redis-py paired up the flat array itself
print(r3.hgetall("pypa"))  # the same dict, this time read from a RESP3 map`,
      hints: [
        {
          ko: 'RESP3에서 redis-cli는 맵의 항목에 `1#`, `2#`…처럼 `#`을 붙여 번호를 매겨요.',
          en: "Under RESP3, redis-cli numbers a map's entries with a `#`: `1#`, `2#`, …",
        },
        {
          ko: '`HELLO`의 답에 있는 `proto`가 지금 이 연결이 쓰는 프로토콜 버전이에요.',
          en: "The `proto` entry in `HELLO`'s answer is the protocol version this connection now uses.",
        },
      ],
      solution: ['HELLO 3', 'HGETALL pypa', 'HELLO 2'],
      check: {
        all: [
          { reply: { command: 'HGETALL pypa', matches: /^1# "url" => "https:\/\/www\.pypa\.io\/"/ } },
          { reply: { command: 'HELLO 2', matches: /"proto"\n *6\) \(integer\) 2/ } },
        ],
      },
    },
    {
      text: {
        ko: '서버에게는 **연결 하나가 곧 클라이언트 하나**예요. 연결마다 번호(`CLIENT ID`)가 있고, `CLIENT SETNAME`으로 이름을 붙여 두면 `CLIENT LIST`에서 누가 누구인지 알아보기 쉬워요. 두 번째 터미널을 열어 `CLIENT ID`를 보내 보세요. 연결이 다르니 번호도 달라요.\n\nredis-py의 `redis.Redis()` 객체는 연결 하나를 쥐고 있지 않아요. 안에 있는 **ConnectionPool**에서 명령마다 연결을 빌렸다가 돌려줘요. 풀 하나를 만들어 여러 곳에서 나눠 쓰면 요청이 아무리 많아도 연결은 동시에 실행되는 명령 수만큼만 생겨요.\n\n- `asyncio` 프로그램에서는 같은 API를 `await`로 부르는 `redis.asyncio`를 써요. 예전의 `aioredis` 패키지가 redis-py 안으로 들어온 거예요.\n- `decode_responses=True`를 주면 응답의 `bytes`를 `str`로 바꿔 줘요. 압축 데이터 같은 바이너리 값을 읽을 연결에는 주지 마세요.',
        en: 'To the server, **one connection is one client**. Each has a number (`CLIENT ID`), and a name set with `CLIENT SETNAME` makes it easy to tell who is who in `CLIENT LIST`. Open a second terminal and send `CLIENT ID` there: another connection, another number.\n\nA `redis.Redis()` object in redis-py does not hold on to one connection. For every command it borrows one from its **ConnectionPool** and gives it back. Share one pool across your code and, however many requests come in, there are only as many connections as commands running at the same moment.\n\n- In an `asyncio` program, use `redis.asyncio`: the same API, called with `await`. It is the former `aioredis` package, now part of redis-py.\n- `decode_responses=True` turns the `bytes` of every reply into `str`. Leave it off for connections that read binary values such as compressed data.',
      },
      commands: ['CLIENT SETNAME web-1', 'CLIENT ID', { client: 2, line: 'CLIENT ID' }, 'CLIENT LIST'],
      pythonCode: `import asyncio

import redis
import redis.asyncio as aioredis

# One pool for the whole program; every command borrows a connection and returns it.
pool = redis.ConnectionPool(
    host="localhost", port=6379, db=0,
    decode_responses=True,  # bytes -> str
    client_name="web-1",    # sent as CLIENT SETNAME on every new connection
    socket_timeout=5,       # seconds to wait for a reply before raising TimeoutError
)
r = redis.Redis(connection_pool=pool)
print(r.client_id())  # this connection's number
for c in r.client_list():
    print(c["id"], c["name"], c["cmd"])
# redis.StrictRedis, seen in older code, is just another name for redis.Redis.


async def main() -> None:
    ar = aioredis.Redis(host="localhost", port=6379, db=0, decode_responses=True)
    await ar.client_setname("web-async")
    print(await ar.hgetall("pypa"))  # {'url': 'https://www.pypa.io/', ...}: str, not bytes
    await ar.aclose()

asyncio.run(main())`,
      hints: [
        {
          ko: '`CLIENT LIST`에서 `name=web-1`이 붙은 줄이 첫 번째 터미널이에요. 다른 줄은 두 번째 터미널과 이 페이지가 쓰는 연결이에요.',
          en: 'In `CLIENT LIST`, the line with `name=web-1` is the first terminal; the others are the second terminal and the connections this page itself uses.',
        },
        {
          ko: '`CLIENT LIST`의 `cmd=`는 그 연결이 마지막으로 실행한 명령이에요.',
          en: 'The `cmd=` field of `CLIENT LIST` is the last command that connection ran.',
        },
      ],
      solution: ['CLIENT SETNAME web-1', { client: 2, line: 'CLIENT ID' }, 'CLIENT LIST'],
      check: {
        all: [{ reply: { command: 'CLIENT ID', client: 2 } }, { reply: { command: 'CLIENT LIST', matches: /name=web-1 / } }],
      },
    },
    {
      text: {
        ko: '응답이 클수록 읽는 데 드는 시간도 늘어나요. `LRANGE`로 긴 리스트를 받으면 클라이언트는 `*30\\r\\n` 뒤에 오는 벌크 문자열 30개를 하나하나 잘라 파이썬 객체로 만들어야 하고, redis-py의 기본 파서는 이 일을 순수 파이썬으로 해요.\n\n**hiredis**는 C로 작성된 RESP 파서이고, `hiredis` 패키지는 그 파이썬 래퍼예요. `pip install hiredis`만 해 두면 redis-py가 시작할 때 알아서 찾아 쓰므로 코드는 한 줄도 바꿀 필요가 없어요. `LRANGE`, `HGETALL`, `SMEMBERS`처럼 큰 배열을 돌려받는 명령에서 효과가 커요.\n\n서버 쪽은 달라지는 것이 없어요. 같은 RESP 바이트를 누가 더 빨리 읽느냐의 문제예요.',
        en: "The bigger the reply, the longer it takes to read. Fetch a long list with `LRANGE` and the client has to cut the 30 bulk strings after `*30\\r\\n` apart one by one and turn them into Python objects; redis-py's default parser does that in pure Python.\n\n**hiredis** is a RESP parser written in C, and the `hiredis` package is its Python wrapper. After `pip install hiredis`, redis-py finds it by itself when it starts: not a line of your code changes. It pays off most for commands that return big arrays, such as `LRANGE`, `HGETALL` and `SMEMBERS`.\n\nNothing changes on the server: it is only about who reads the same RESP bytes faster.",
      },
      commands: ['DEL numbers', RPUSH_NUMBERS, 'LRANGE numbers 0 -1'],
      pythonCode: `# python -m pip install hiredis
from redis.connection import DefaultParser
from redis.utils import HIREDIS_AVAILABLE

print(HIREDIS_AVAILABLE)       # True once hiredis is installed
print(DefaultParser.__name__)  # _HiredisParser (without hiredis: _RESP2Parser)

r.delete("numbers")
r.rpush("numbers", *range(1, 31))
print(len(r.lrange("numbers", 0, -1)))  # 30, parsed by whichever parser was picked`,
      hints: [
        {
          ko: 'hiredis가 없어도 모든 것이 똑같이 동작해요. 조금 느릴 뿐이에요. 차이를 재 보고 싶다면 설치 전후에 `timeit`으로 `r.lrange("numbers", 0, -1)`을 돌려 보세요.',
          en: 'Without hiredis everything works the same, only slower. To measure the difference, `timeit` a `r.lrange("numbers", 0, -1)` before and after installing it.',
        },
        {
          ko: '목록이 30개보다 길다면 `RPUSH`를 두 번 실행한 거예요. `DEL numbers`부터 다시 하세요.',
          en: 'More than 30 items? `RPUSH` ran twice: start again from `DEL numbers`.',
        },
      ],
      solution: ['DEL numbers', RPUSH_NUMBERS, 'LRANGE numbers 0 -1'],
      check: {
        all: [{ key: 'numbers', type: 'list', length: 30 }, { reply: { command: 'LRANGE numbers 0 -1', matches: /\n30\) "30"$/ } }],
      },
    },
    {
      text: {
        ko: 'Amazon ElastiCache나 Azure Cache for Redis 같은 관리형 서비스는 Redis를 **DNS 이름(엔드포인트)** 으로 내어 줘요. redis-cli로 접속할 때 쓰는 옵션은 세 가지예요.\n\n- `-h <엔드포인트>`: 접속할 호스트. 주지 않으면 `127.0.0.1`이에요.\n- `-p 6380`: 포트. 기본은 6379이고, Azure는 TLS 연결에 6380을 써요(redis-cli에는 `--tls`도 함께 줘요).\n- `-a <비밀번호>`: 접속하자마자 `AUTH <비밀번호>`를 보내 줘요.\n\n이 실습 환경의 서버는 브라우저 안에 있어서 이 옵션들을 직접 써 볼 수는 없지만, `-a`가 하는 일은 볼 수 있어요. 이 서버에는 비밀번호가 없어서(`requirepass`가 빈 값) `AUTH secret`에는 비밀번호가 설정되어 있지 않다는 오류가 돌아와요. 비밀번호가 걸린 서버였다면 맞는 비밀번호에 `OK`가 오고, 인증하기 전에는 대부분의 명령이 `NOAUTH` 오류로 거절돼요.',
        en: "Managed services such as Amazon ElastiCache and Azure Cache for Redis hand you Redis as a **DNS name, the endpoint**. redis-cli takes three options to reach it:\n\n- `-h <endpoint>`: the host to connect to; `127.0.0.1` when left out.\n- `-p 6380`: the port. The default is 6379; Azure uses 6380 for TLS connections (give redis-cli `--tls` as well).\n- `-a <password>`: sends `AUTH <password>` right after connecting.\n\nThis playground's server lives in your browser, so these options can't be tried here, but what `-a` does can. This server has no password (`requirepass` is empty), so `AUTH secret` gets an error saying no password is configured. On a server with a password, the right one would get `OK`, and until then most commands are refused with a `NOAUTH` error.",
      },
      commands: ['CONFIG GET requirepass', 'AUTH secret'],
      pythonCode: `import os

import redis

# The service's endpoint, port and password come from the environment; without them the
# defaults reach the local server (here: the playground's own).
r = redis.Redis(
    host=os.environ.get("REDIS_ENDPOINT", "localhost"),  # e.g. demo.redis.cache.windows.net
    port=int(os.environ.get("REDIS_PORT", "6379")),      # Azure's TLS port: 6380
    password=os.environ.get("REDIS_PASSWORD"),  # redis-py sends AUTH for you, like redis-cli -a
    ssl=os.environ.get("REDIS_SSL") == "1",     # True for TLS, as Azure wants on 6380
    decode_responses=True,
)
print(r.ping())  # True

# The same as one URL; rediss:// means TLS, as in rediss://:<password>@<endpoint>:6380/0
r = redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"), decode_responses=True)
print(r.ping())  # True`,
      hints: [
        {
          ko: '`-a`로 비밀번호를 주면 셸 기록과 프로세스 목록에 남는다는 경고가 나와요. 환경 변수 `REDISCLI_AUTH`에 넣어 두면 redis-cli가 거기서 읽어요.',
          en: 'Passing the password with `-a` earns a warning, since it shows up in shell history and the process list. Put it in the `REDISCLI_AUTH` environment variable instead and redis-cli reads it from there.',
        },
        {
          ko: 'Redis 6부터는 사용자(ACL)가 있어서 `AUTH 사용자이름 비밀번호` 형식도 써요. 이름을 빼면 `default` 사용자예요.',
          en: 'Since Redis 6 there are users (ACL), so `AUTH username password` works too; without a name it means the `default` user.',
        },
      ],
      solution: ['CONFIG GET requirepass', 'AUTH secret'],
      check: {
        all: [{ reply: { command: 'CONFIG GET requirepass', equals: '1) "requirepass"\n2) ""' } }, { reply: { command: 'AUTH secret', equals: AUTH_ERROR } }],
      },
    },
    {
      challenge: true,
      text: {
        ko: '두 번째 터미널이 작업자 프로세스라고 생각해 보세요. 그 연결에 `worker-1`이라는 이름을 붙이고, **첫 번째 터미널에서** 명령 하나로 서버에 붙은 클라이언트 목록을 받아 `name=worker-1`인 줄이 있는지 확인하세요.',
        en: "Say the second terminal is a worker process. Name that connection `worker-1`, then, **from the first terminal**, get the server's list of clients with one command and find the line with `name=worker-1`.",
      },
      commands: [],
      hints: [
        {
          ko: '이름은 그 이름을 가질 연결에서 붙여요. 3단계에서 첫 번째 터미널에 `web-1`을 붙인 방법과 같아요.',
          en: 'A name is set on the connection that is to carry it: the same way step 3 named the first terminal `web-1`.',
        },
        {
          ko: '두 번째 터미널이 없다면 안내에 있는 **두 번째 터미널 열기** 버튼을 누르세요.',
          en: 'No second terminal? Press **Open a second terminal** in the notice above.',
        },
      ],
      solution: [{ client: 2, line: 'CLIENT SETNAME worker-1' }, 'CLIENT LIST'],
      check: {
        all: [
          { reply: { command: 'CLIENT SETNAME worker-1', client: 2, equals: 'OK' } },
          { reply: { command: 'CLIENT LIST', client: 1, matches: /name=worker-1 / } },
        ],
      },
    },
    {
      text: {
        ko: '관리형 Redis에서 받는 비밀번호는 보통 `default` 사용자의 것이지만, Redis 6부터는 **사용자**를 여럿 만들고 저마다 할 수 있는 일을 정할 수 있어요(**ACL**). 원칙은 **최소 권한**이에요. 읽기만 하는 프로그램에게는 읽을 권한만, 그것도 필요한 키에만 줘요.\n\n첫 번째 터미널에서 `reader` 사용자를 만들어요. `on`은 로그인 허용, `>readonly`는 비밀번호, `~pypa ~mykey`는 손댈 수 있는 키, `+@read`는 읽기 명령 전체예요. 그다음 **두 번째 터미널**에서 `AUTH reader readonly`로 그 사용자가 되어 읽기와 쓰기를 하나씩 해 보세요. 쓰기는 `NOPERM` 오류로 거절돼요.\n\n인스펙터의 **클라이언트** 목록에서 두 터미널이 어느 사용자로 붙어 있는지 볼 수 있어요.',
        en: 'The password a managed Redis gives you usually belongs to the `default` user, but since Redis 6 a server can have many **users**, each allowed its own set of things (the **ACL**). The rule of thumb is **least privilege**: a program that only reads gets permission to read, and only the keys it needs.\n\nIn the first terminal, create the user `reader`: `on` lets it log in, `>readonly` is its password, `~pypa ~mykey` are the keys it may touch and `+@read` is every read command. Then, in the **second terminal**, become that user with `AUTH reader readonly` and try one read and one write. The write is refused with a `NOPERM` error.\n\nThe inspector’s **Clients** list shows which user each terminal is logged in as.',
      },
      commands: [
        'ACL SETUSER reader on >readonly ~pypa ~mykey +@read',
        { client: 2, line: 'AUTH reader readonly' },
        { client: 2, line: 'HGETALL pypa' },
        { client: 2, line: 'SET mykey changed' },
        'ACL WHOAMI',
      ],
      pythonCode: `# The administrator's connection (the default user) creates the user ...
r.acl_setuser("reader", enabled=True, passwords=["+readonly"], keys=["pypa", "mykey"], categories=["+@read"])
print(r.acl_whoami())  # default

# ... and the program that only reads logs in as that user.
reader = redis.Redis(username="reader", password="readonly", decode_responses=True)
print(reader.hgetall("pypa"))
try:
    reader.set("mykey", "changed")
except redis.exceptions.NoPermissionError as e:
    print("refused:", e)`,
      hints: [
        {
          ko: '`ACL WHOAMI`는 이 연결이 어느 사용자인지 알려 줘요. 첫 번째 터미널은 그대로 `default`예요. 두 번째 터미널의 `reader`는 이 명령조차 쓸 수 없어요. 읽기 명령이 아니니까요.',
          en: '`ACL WHOAMI` tells which user this connection is. The first terminal is still `default`; `reader` in the second terminal may not even run it, since it is not a read command.',
        },
        {
          ko: '`HGETALL pypa`가 `(empty array)`라면 1단계를 건너뛰어서 `pypa`가 없는 거예요. 그래도 읽기는 허락된 거예요. 거절됐다면 `NOPERM` 오류가 나와요.',
          en: 'If `HGETALL pypa` answers `(empty array)`, step 1 was skipped and there is no `pypa` yet: the read was still allowed. A refusal would be a `NOPERM` error.',
        },
        {
          ko: '`ACL LIST`를 첫 번째 터미널에서 실행하면 사용자마다 규칙이 한 줄씩 나와요. 비밀번호는 SHA-256 해시(`#…`)로만 보여요.',
          en: 'Run `ACL LIST` in the first terminal: one line of rules per user. Passwords show only as their SHA-256 hash (`#…`).',
        },
      ],
      solution: [
        'ACL SETUSER reader on >readonly ~pypa ~mykey +@read',
        { client: 2, line: 'AUTH reader readonly' },
        { client: 2, line: 'HGETALL pypa' },
        { client: 2, line: 'SET mykey changed' },
      ],
      check: {
        all: [
          { reply: { command: 'AUTH reader readonly', client: 2, equals: 'OK' } },
          { reply: { command: 'SET mykey changed', client: 2, equals: "(error) NOPERM this user has no permissions to run the 'set' command" } },
        ],
      },
    },
    {
      text: {
        ko: '사용자를 지우면 Redis는 그 사용자로 로그인해 있던 연결을 **모두 끊어요**. 권한을 거둔 뒤에도 열려 있던 연결로 계속 일하는 일이 없도록요.\n\n첫 번째 터미널에서 `reader`를 지우고, 두 번째 터미널에서 명령을 보내 보세요. redis-cli처럼 먼저 연결이 끊겼다고 알리고, 그다음 명령에서 다시 접속해요. 새 연결은 다시 `default` 사용자예요.',
        en: 'When a user is deleted, Redis **closes every connection** logged in as that user, so that nothing goes on working through a connection that was opened before the rights were taken away.\n\nDelete `reader` in the first terminal, then send a command from the second one. As redis-cli does, it first reports that the connection was closed, and connects again with the next command. The new connection is the `default` user again.',
      },
      commands: ['ACL DELUSER reader', { client: 2, line: 'ACL WHOAMI' }, 'ACL USERS'],
      pythonCode: `print(r.acl_users())         # ['default', 'reader'] while the user exists
print(r.acl_deluser("reader"))  # 1: deleted, and its connections closed
print(r.acl_users())         # ['default']`,
      hints: [
        {
          ko: '두 번째 터미널이 `not connected>`로 바뀌었다면 명령을 한 번 더 보내세요. 그때 다시 접속해요.',
          en: 'If the second terminal now shows `not connected>`, send the command once more: that is when it connects again.',
        },
        {
          ko: '`ACL DELUSER`가 `(integer) 0`이라면 `reader`가 이미 없는 거예요(페이지를 새로 고치면 Redis를 다시 시작할 때처럼 사용자가 사라져요). `ACL USERS`로 확인하세요.',
          en: 'If `ACL DELUSER` says `(integer) 0`, there was no `reader` any more (a reload forgets users, as restarting Redis does): check with `ACL USERS`.',
        },
      ],
      solution: ['ACL DELUSER reader', 'ACL USERS'],
      // Only `reader` being gone: a reload (which forgets ACL users, as a restart of Redis does) or a
      // second DELUSER must not leave the step unpassable.
      check: { reply: { command: 'ACL USERS', equals: '1) "default"' } },
    },
  ],
};
