import type { Lesson } from '../src/lessons/model.js';

// The documents' stream example: XADD to `stream` ({'name': 'Alice', 'age': 30}), XRANGE - +,
// then reading with XREAD, and a reader waiting with XREAD BLOCK in a second terminal.

export const lesson: Lesson = {
  id: 'streams',
  title: { ko: '스트림: 쌓이는 이벤트 기록', en: 'Streams: a log of events' },
  summary: {
    ko: '스트림은 ID가 붙은 항목이 끝에 계속 쌓이는 기록이에요. Pub/Sub과 달리 메시지가 남아 있어서, 나중에 온 읽는 쪽도 처음부터 읽을 수 있어요.',
    en: 'A stream is a log where entries with IDs keep piling up at the end. Unlike pub/sub, messages stay, so a reader who comes later can still read from the start.',
  },
  level: 3,
  prerequisites: ['hashes', 'pub-sub'],
  steps: [
    {
      text: {
        ko: '`XADD 키 ID 필드 값 …`으로 항목을 추가해요. ID 자리에 `*`를 쓰면 Redis가 `밀리초시간-순번` 형식의 ID를 만들어 돌려줘요. 항목 하나는 해시처럼 필드와 값의 쌍이에요.',
        en: '`XADD key ID field value …` appends an entry. With `*` as the ID, Redis makes one up (`milliseconds-sequence`) and answers it. Each entry is field-value pairs, like a small hash.',
      },
      commands: ['XADD stream * name Alice age 30'],
      pythonCode: `r.xadd("stream", {"name": "Alice", "age": 30})  # b'1700000000000-0'`,
      hints: [
        {
          ko: 'ID는 시간 순서대로 커지기만 해요. 그래서 ID로 범위를 잘라 읽을 수 있어요.',
          en: 'IDs only ever grow, in time order, which is why you can read ranges of them.',
        },
      ],
      solution: ['XADD stream * name Alice age 30'],
      check: { all: [{ key: 'stream', type: 'stream' }, { reply: { command: 'XADD stream * name Alice age 30', matches: /^"\d+-\d+"$/ } }] },
    },
    {
      text: {
        ko: '항목을 하나 더 넣고 `XRANGE`로 읽어 봐요. `-`는 가장 작은 ID, `+`는 가장 큰 ID라서 `XRANGE stream - +`는 전부예요. `XLEN`은 항목 수예요.',
        en: 'Add one more and read with `XRANGE`. `-` is the smallest ID and `+` the largest, so `XRANGE stream - +` is everything. `XLEN` counts the entries.',
      },
      commands: ['XADD stream * name Bob age 25', 'XLEN stream', 'XRANGE stream - +'],
      pythonCode: `r.xadd("stream", {"name": "Bob", "age": 25})
print(r.xlen("stream"))
messages = r.xrange("stream", "-", "+")
print(messages)  # [(b'...-0', {b'name': b'Alice', b'age': b'30'}), ...]`,
      hints: [{ ko: '`XRANGE stream - + COUNT 1`처럼 개수를 제한할 수도 있어요.', en: 'Limit the count with `XRANGE stream - + COUNT 1`.' }],
      solution: ['XADD stream * name Bob age 25', 'XLEN stream', 'XRANGE stream - +'],
      check: { reply: { command: 'XRANGE stream - +', matches: /"Alice"[\s\S]*"Bob"/ } },
    },
    {
      text: {
        ko: '`XREAD`는 **주어진 ID 다음부터** 읽어요. `0`을 주면 처음부터예요. 읽는 쪽은 마지막으로 본 ID를 기억해 두었다가 다음에 그 ID를 주면 새 항목만 받아요.',
        en: '`XREAD` reads **after a given ID**; `0` means from the start. A reader remembers the last ID it saw and passes it next time to get only new entries.',
      },
      commands: ['XREAD COUNT 10 STREAMS stream 0'],
      pythonCode: `last_id = "0"
for name, entries in r.xread({"stream": last_id}, count=10):
    for entry_id, fields in entries:
        print(entry_id, fields)
        last_id = entry_id  # next time, start after this one`,
      hints: [
        {
          ko: '답은 스트림 이름별로 묶여 나와요. `STREAMS` 뒤에 스트림을 여러 개 줄 수 있기 때문이에요.',
          en: 'The answer is grouped by stream name, because `STREAMS` can take several streams.',
        },
      ],
      solution: ['XREAD COUNT 10 STREAMS stream 0'],
      check: { reply: { command: 'XREAD COUNT 10 STREAMS stream 0', matches: /"Alice"[\s\S]*"Bob"/ } },
    },
    {
      text: {
        ko: '`XREAD BLOCK 0 … $`는 **지금 이후에** 들어오는 항목을 기다려요(`$`는 "현재 마지막 ID"). **두 번째 터미널**에서 기다리게 하고, 첫 번째 터미널에서 항목을 추가해 보세요.\n\nPub/Sub과 달리 이 항목은 스트림에 남아서, 나중에 `XRANGE`로 다시 읽을 수 있어요.',
        en: '`XREAD BLOCK 0 … $` waits for entries added **from now on** (`$` is "the current last ID"). Make the **second terminal** wait, then add an entry from the first.\n\nUnlike pub/sub, the entry stays in the stream: `XRANGE` can read it again later.',
      },
      commands: [{ client: 2, line: 'XREAD BLOCK 0 STREAMS stream $' }, 'XADD stream * name Carol age 41'],
      pythonCode: `# reader, another process
last_id = "$"  # the first call: only entries added from now on
while True:
    for name, entries in r.xread({"stream": last_id}, block=0):
        for entry_id, fields in entries:
            print(entry_id, fields)
            last_id = entry_id  # then carry on after the newest one seen`,
      hints: [
        { ko: '두 번째 터미널이 바로 답했다면 `$` 대신 `0`을 준 거예요.', en: 'Did the second terminal answer at once? Then it was given `0` instead of `$`.' },
        {
          ko: '반복해서 읽을 때 매번 `$`를 주면, 한 번 읽고 다시 기다리기 전에 들어온 항목을 놓쳐요. `$`는 처음 한 번만 쓰고, 그다음부터는 마지막으로 받은 ID를 넘기세요.',
          en: 'Reading in a loop with `$` every time misses whatever arrives between one read and the next wait. Use `$` only the first time, then pass the last ID you received.',
        },
      ],
      solution: [{ client: 2, line: 'XREAD BLOCK 0 STREAMS stream $' }, 'XADD stream * name Carol age 41'],
      check: { reply: { command: 'XREAD BLOCK 0 STREAMS stream $', client: 2, matches: /"Carol"/ } },
    },
    {
      challenge: true,
      text: {
        ko: '스트림에는 Alice, Bob, Carol 세 항목이 있어요. **가장 최근 항목 하나만**(Carol) 읽어 보세요. 답에 Alice나 Bob이 섞여 있으면 안 돼요. ID를 외워 둘 필요는 없어요.',
        en: 'The stream holds three entries: Alice, Bob and Carol. Read **only the newest one** (Carol); neither Alice nor Bob may appear in the answer. You do not need to know any ID by heart.',
      },
      commands: [],
      hints: [
        {
          ko: '`XRANGE`는 오래된 것부터 읽어요. 거꾸로 읽는 짝 명령이 있는데, 이름 앞에 `REV`가 붙고 범위를 `+`에서 `-`로 적어요.',
          en: '`XRANGE` reads oldest first. Its reverse twin has `REV` in its name and takes the range from `+` to `-`.',
        },
        { ko: '2단계의 힌트처럼 `COUNT`로 개수를 줄일 수 있어요.', en: "As in step 2's hint, `COUNT` limits how many come back." },
      ],
      solution: ['XREVRANGE stream + - COUNT 1'],
      check: { reply: { client: 1, matches: /^(?![\s\S]*"(Alice|Bob)")[\s\S]*"Carol"/ } },
    },
  ],
};
