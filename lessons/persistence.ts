import type { Lesson } from '../src/lessons/model.js';

// The documents' persistence section: the `save <seconds> <changes>` rules (CONFIG GET save), the
// lines of their 6379.conf read and set at run time (CONFIG GET/SET: save 60 1, port, bind,
// tcp-keepalive, dbfilename, dir, rdbcompression), LASTSAVE before and after BGSAVE, why SAVE
// blocks, and AOF as the alternative to RDB snapshots: turned on, watched growing in the
// inspector, and rewritten.

export const lesson: Lesson = {
  id: 'persistence',
  title: { ko: '영속성: RDB 스냅샷과 AOF', en: 'Persistence: RDB snapshots and AOF' },
  summary: {
    ko: 'Redis는 메모리에서 일하지만 디스크에도 남길 수 있어요. 특정 시점의 스냅샷(RDB)과 모든 쓰기 명령의 기록(AOF), 두 방식을 살펴봐요.',
    en: 'Redis works in memory but can keep its data on disk too. Look at the two ways: point-in-time snapshots (RDB) and a log of every write (AOF).',
  },
  level: 2,
  prerequisites: ['first-contact'],
  steps: [
    {
      text: {
        ko: '**RDB 스냅샷**은 어느 순간의 데이터 전체를 `dump.rdb` 파일 하나로 저장해요. 언제 저장할지는 설정 파일의 `save <초> <변경 수>` 줄이 정해요. `save 60 1`은 "60초가 지났고 그동안 1번이라도 바뀌었으면 저장"이에요.\n\n`CONFIG GET save`로 지금 규칙을 확인해 보세요. 여러 규칙이 한 줄에 이어져 나와요.',
        en: 'An **RDB snapshot** writes all the data as it is at one moment into a single file, `dump.rdb`. When to write one is up to the `save <seconds> <changes>` lines of the config file: `save 60 1` means "save once 60 seconds have passed, if at least 1 change was made".\n\nSee the current rules with `CONFIG GET save`; several rules come back on one line.',
      },
      commands: ['CONFIG GET save', 'CONFIG GET dbfilename'],
      pythonCode: `print(r.config_get("save"))  # {'save': '3600 1 300 100 60 10000'}

# /etc/redis/6379.conf from the documents: aggressive
# save 60 1
# dbfilename dump.rdb
# rdbcompression yes`,
      hints: [
        {
          ko: '`3600 1 300 100 60 10000`은 세 규칙이에요: 1시간에 1번, 5분에 100번, 1분에 10000번.',
          en: '`3600 1 300 100 60 10000` is three rules: 1 change in an hour, 100 in 5 minutes, 10000 in a minute.',
        },
        {
          ko: '문서가 기본값이라고 소개하는 `save 900 1`, `save 300 10`, `save 60 10000`은 Redis 6.2까지의 기본값이에요. 7.0부터 위의 값으로 바뀌었어요.',
          en: 'The defaults the documents quote, `save 900 1`, `save 300 10` and `save 60 10000`, are those of Redis 6.2 and older; 7.0 changed them to the ones above.',
        },
      ],
      solution: ['CONFIG GET save'],
      check: { reply: { command: 'CONFIG GET save', matches: /^1\) "save"\n2\) "/ } },
    },
    {
      text: {
        ko: '문서는 서버를 설정 파일(`/etc/redis/6379.conf`)로 띄워요. 그 파일의 각 줄은 실행 중인 서버에서 `CONFIG GET`으로 읽을 수 있고, 많은 항목은 `CONFIG SET`으로 재시작 없이 바꿀 수도 있어요.\n\n- `port`: 접속을 받는 포트(기본 6379)\n- `bind`: 접속을 받을 네트워크 주소\n- `tcp-keepalive`: 응답 없는 클라이언트를 몇 초 간격으로 확인할지\n- `dbfilename`, `dir`: 스냅샷 파일의 이름과 그 파일을 둘 디렉터리\n- `rdbcompression`: 스냅샷 안의 문자열을 압축할지\n\n문서의 `save 60 1`을 적용하고 확인해 보세요. 1분에 한 번만 바뀌어도 저장하는, 꽤 잦은 설정이에요. 다 본 뒤에는 마지막 명령으로 Redis 7의 기본값으로 되돌려요.',
        en: "The documents start the server from a config file (`/etc/redis/6379.conf`). Every line of it can be read on the running server with `CONFIG GET`, and many can be changed with `CONFIG SET`, no restart needed.\n\n- `port`: the port it listens on (6379 by default)\n- `bind`: the network addresses it accepts connections on\n- `tcp-keepalive`: how many seconds between checks on silent clients\n- `dbfilename`, `dir`: the snapshot file's name and the directory it goes in\n- `rdbcompression`: whether strings in the snapshot are compressed\n\nApply the documents' `save 60 1` and look at it: a snapshot after a single change within a minute, which is quite frequent. When you are done, the last command puts Redis 7's default back.",
      },
      commands: [
        'CONFIG SET save "60 1"',
        'CONFIG GET save',
        'CONFIG GET port bind tcp-keepalive',
        'CONFIG GET dbfilename dir rdbcompression',
        'CONFIG SET save "3600 1 300 100 60 10000"',
      ],
      pythonCode: `r.config_set("save", "60 1")           # the documents' 6379.conf: save 60 1
print(r.config_get("save"))            # {'save': '60 1'}
print(r.config_get("port"))            # {'port': '6379'}
print(r.config_get("*keepalive*"))     # {'tcp-keepalive': '300'}
print(r.config_get("rdbcompression"))  # {'rdbcompression': 'yes'}
r.config_set("save", "3600 1 300 100 60 10000")  # back to Redis 7's default`,
      hints: [
        {
          ko: '`CONFIG GET`에 이름을 여러 개 주면 답의 순서는 정해져 있지 않아요. 실제 서버에서는 재시작할 때마다 달라지기도 해요. `CONFIG GET *keepalive*`처럼 패턴을 줄 수도 있어요.',
          en: 'Ask `CONFIG GET` for several names and the order of the answer is not fixed; on a real server it can change from one start to the next. Patterns work too: `CONFIG GET *keepalive*`.',
        },
        {
          ko: "`daemonize`처럼 서버를 시작할 때만 정할 수 있는 항목은 `CONFIG SET`이 `can't set immutable config` 오류로 거절해요. `CONFIG SET`으로 바꾼 값은 재시작하면 사라지니, 계속 쓰려면 설정 파일에도 적거나 `CONFIG REWRITE`를 써요.",
          en: "Settings only fixed at startup, such as `daemonize`, are refused by `CONFIG SET` with `can't set immutable config`. Values changed with `CONFIG SET` are lost on restart: put them in the config file too, or use `CONFIG REWRITE`.",
        },
      ],
      solution: ['CONFIG SET save "60 1"', 'CONFIG GET save', 'CONFIG GET dbfilename dir rdbcompression', 'CONFIG SET save "3600 1 300 100 60 10000"'],
      check: {
        all: [{ reply: { command: 'CONFIG GET save', equals: '1) "save"\n2) "60 1"' } }, { reply: { matches: /"rdbcompression"\n\d\) "yes"/ } }],
      },
    },
    {
      text: {
        ko: '규칙을 기다리지 않고 지금 저장하려면 `BGSAVE`를 써요. Redis는 `fork()`로 자식 프로세스를 만들어 저장을 맡기고, 자신은 계속 요청을 받아요. `LASTSAVE`는 마지막으로 저장에 성공한 시각(유닉스 초)이에요.',
        en: 'To save now instead of waiting for a rule, use `BGSAVE`. Redis `fork()`s a child process to write the file and keeps serving requests itself. `LASTSAVE` is the time (Unix seconds) of the last successful save.',
      },
      commands: ['LASTSAVE', 'BGSAVE', 'LASTSAVE'],
      pythonCode: `print(r.lastsave())  # datetime.datetime(2019, 3, 10, 21, 56, 50)
r.bgsave()           # True
print(r.lastsave())  # a later time, once the child has finished`,
      hints: [
        {
          ko: '`BGSAVE`는 저장이 **시작**되었다는 답을 바로 돌려줘요. 끝났는지는 `LASTSAVE`가 바뀌는 것으로 알아요.',
          en: '`BGSAVE` answers at once that saving has **started**; a changed `LASTSAVE` tells you it finished.',
        },
      ],
      solution: ['LASTSAVE', 'BGSAVE', 'LASTSAVE'],
      check: { all: [{ reply: { command: 'BGSAVE', equals: 'Background saving started' } }, { reply: { command: 'LASTSAVE', matches: /^\(integer\) \d+$/ } }] },
    },
    {
      text: {
        ko: '`SAVE`도 스냅샷을 만들지만, 저장이 끝날 때까지 **서버 전체가 멈춰요**. 그동안 다른 클라이언트의 요청은 모두 기다려요. 특별한 이유(서버를 끄기 직전 등)가 없다면 `BGSAVE`를 쓰세요.\n\n여기서는 데이터가 작아 금방 끝나요.',
        en: '`SAVE` makes a snapshot too, but the **whole server stops** until it is written: every other client waits. Unless there is a special reason (shutting down, say), use `BGSAVE`.\n\nHere the data is tiny, so it is over in a moment.',
      },
      commands: ['SAVE'],
      pythonCode: `r.save()  # blocks every client until the file is written`,
      hints: [
        { ko: '서버를 끌 때 `SHUTDOWN`은 스냅샷 규칙이 있으면 알아서 `SAVE`를 해요.', en: '`SHUTDOWN` runs a `SAVE` by itself when snapshot rules are set.' },
      ],
      solution: ['SAVE'],
      check: { reply: { command: 'SAVE', equals: 'OK' } },
    },
    {
      text: {
        ko: '스냅샷은 **마지막 저장 이후의 변경**을 잃을 수 있어요. 그 대안이 **AOF**(append-only file)예요. 모든 쓰기 명령을 파일 끝에 차례로 기록하고, 재시작할 때 처음부터 다시 실행해 데이터를 복구해요. 잃는 양은 적지만 파일이 커지고 복구가 느려요. 실무에서는 둘을 함께 쓰기도 해요.\n\n`CONFIG GET appendonly`로 AOF가 켜져 있는지 보세요. (이 실습 환경은 AOF와 상관없이 데이터를 브라우저 안에 따로 저장해요.)',
        en: 'A snapshot can lose **whatever changed since the last save**. The alternative is the **AOF** (append-only file): every write command is appended to a file and replayed from the top on restart. Less to lose, but a bigger file and a slower restart; many setups use both.\n\nCheck whether AOF is on with `CONFIG GET appendonly`. (This playground keeps your data in your browser on its own, AOF or not.)',
      },
      commands: ['CONFIG GET appendonly'],
      pythonCode: `print(r.config_get("appendonly"))  # {'appendonly': 'no'}
# redis.conf: appendonly yes, appendfsync everysec`,
      hints: [
        {
          ko: '`appendfsync everysec`이면 장애 때 최대 1초 정도의 쓰기만 잃어요.',
          en: 'With `appendfsync everysec`, a crash loses at most about a second of writes.',
        },
      ],
      solution: ['CONFIG GET appendonly'],
      check: { reply: { command: 'CONFIG GET appendonly', matches: /^1\) "appendonly"\n2\) "(yes|no)"$/ } },
    },
    {
      text: {
        ko: 'AOF를 켜 볼게요. `CONFIG SET appendonly yes`를 하면 Redis는 먼저 지금 데이터를 **base** 파일에 쓰고, 그 뒤의 쓰기는 **incr** 파일 끝에 하나씩 덧붙여요. 두 파일의 목록은 **manifest** 파일에 있어요(Redis 7의 `appendonlydir/`).\n\n켠 다음 방문 수를 세어 보고, 인스펙터의 **영속성** 칸을 열어 incr 파일이 자라는 모습을 보세요. 명령은 Redis 프로토콜(RESP) 그대로 적혀요: `*2`는 단어 두 개, `$4`는 다음 줄이 4바이트라는 뜻이에요. `EXPIRE`는 만료 시각이 정해진 `PEXPIREAT`으로 바뀌어 적혀요. 다시 읽어도 같은 시각에 만료되게요.',
        en: "Turn the AOF on. With `CONFIG SET appendonly yes`, Redis first writes the data as it is into a **base** file, then appends each write after it to an **incr** file; a **manifest** file lists them (Redis 7's `appendonlydir/`).\n\nTurn it on, count some visits, and open the inspector's **Persistence** section to watch the incr file grow. Commands are written in Redis's protocol (RESP) as they are: `*2` means two words, `$4` that the next line is 4 bytes. `EXPIRE` goes in as `PEXPIREAT`, with the moment it expires, so that replaying the file later expires the key at the same time.",
      },
      commands: ['CONFIG SET appendonly yes', 'SET visits 0', 'INCR visits', 'INCR visits', 'EXPIRE visits 3600', 'INFO persistence'],
      pythonCode: `r.config_set("appendonly", "yes")
r.set("visits", 0)
r.incr("visits")
r.incr("visits")
r.expire("visits", 3600)
print(r.info("persistence")["aof_enabled"])  # 1`,
      hints: [
        {
          ko: '`INFO persistence`의 `aof_enabled:1`이 켜졌다는 뜻이고, `aof_current_size`가 AOF 전체(base와 incr 파일)의 크기예요.',
          en: '`aof_enabled:1` in `INFO persistence` says it is on, and `aof_current_size` is the size of the whole AOF (base and incr files).',
        },
        {
          ko: '`appendfsync everysec`(기본값)은 1초에 한 번 디스크에 확실히 기록해요. `always`는 쓰기마다 기록해서 가장 안전하지만 가장 느려요.',
          en: '`appendfsync everysec` (the default) makes the file durable once a second; `always` does it on every write: the safest, and the slowest.',
        },
      ],
      solution: ['CONFIG SET appendonly yes', 'SET visits 0', 'INCR visits', 'INCR visits', 'EXPIRE visits 3600', 'INFO persistence'],
      check: {
        all: [{ reply: { command: 'INCR visits', matches: /^\(integer\) \d+$/ } }, { reply: { command: 'INFO persistence', matches: /\naof_enabled:1\r?\n/ } }],
      },
    },
    {
      text: {
        ko: 'AOF는 쓰기마다 자라요. `INCR`를 백 번 하면 명령 백 개가 쌓이지만 데이터는 숫자 하나예요. 그래서 Redis는 파일이 충분히 커지면(`auto-aof-rewrite-percentage`, `auto-aof-rewrite-min-size`) AOF를 **다시 써요**: 지금 데이터로 새 base 파일을 만들고, 빈 incr 파일에서 다시 시작해요. `BGREWRITEAOF`로 바로 시킬 수도 있어요.\n\n다시 쓰기 전후로 인스펙터의 파일 목록과 번호를 비교해 보세요.',
        en: "The AOF grows with every write: a hundred `INCR`s are a hundred entries, yet the data is one number. So once the file has grown enough (`auto-aof-rewrite-percentage`, `auto-aof-rewrite-min-size`) Redis **rewrites** it: a new base file from the data as it is, and a new, empty incr file. `BGREWRITEAOF` asks for one now.\n\nCompare the inspector's list of files, and their numbers, before and after.",
      },
      commands: ['INCR visits', 'INCR visits', 'BGREWRITEAOF', 'INFO persistence'],
      pythonCode: `r.incr("visits")
r.bgrewriteaof()  # True
print(r.info("persistence")["aof_rewrites"])`,
      hints: [
        {
          ko: '실제 Redis는 `BGSAVE`처럼 자식 프로세스에서 다시 쓰고, 그동안의 쓰기는 새 incr 파일로 가요. 그래서 다시 쓰는 중에도 잃는 쓰기가 없어요.',
          en: 'A real Redis rewrites in a child process, as `BGSAVE` does, and the writes made meanwhile go to the new incr file: none is lost while it rewrites.',
        },
      ],
      solution: ['INCR visits', 'BGREWRITEAOF', 'INFO persistence'],
      check: {
        all: [
          { reply: { command: 'BGREWRITEAOF', equals: 'Background append only file rewriting started' } },
          { reply: { command: 'INFO persistence', matches: /\naof_rewrites:[1-9]\d*\r?\n/ } },
        ],
      },
    },
    {
      challenge: true,
      text: {
        ko: '이 서버는 **5분 안에 100번 이상** 바뀌거나 **15분 안에 1번이라도** 바뀌면 스냅샷을 남겨야 해요. 이 두 규칙만 적용하고(다른 규칙은 없어야 해요), 읽어서 확인하세요.\n\n확인이 끝나면 2단계의 마지막 명령으로 기본값을 되돌려 두세요.',
        en: "This server must write a snapshot after **at least 100 changes within 5 minutes**, or **at least 1 change within 15 minutes**. Apply exactly these two rules (no others) and read them back to check.\n\nWhen you are done, put the default back with step 2's last command.",
      },
      commands: [],
      hints: [
        {
          ko: '규칙은 `<초> <변경 수>`의 쌍이고, 여러 쌍을 공백으로 이어 큰따옴표 안에 한꺼번에 적어요.',
          en: 'A rule is a `<seconds> <changes>` pair; write all the pairs in one double-quoted value, separated by spaces.',
        },
        { ko: '5분은 300초, 15분은 900초예요.', en: '5 minutes is 300 seconds, 15 minutes 900.' },
      ],
      solution: ['CONFIG SET save "900 1 300 100"', 'CONFIG GET save', 'CONFIG SET save "3600 1 300 100 60 10000"'],
      check: { reply: { command: 'CONFIG GET save', matches: /^1\) "save"\n2\) "(900 1 300 100|300 100 900 1)"$/ } },
    },
  ],
};
