import type { Lesson } from '../src/lessons/model.js';

// The documents' bitmap example (`mybits`, bits 1 and 3), then daily visitors: one bit per user
// id per day, BITCOUNT for the day's total and BITOP AND for users who came both days.

export const lesson: Lesson = {
  id: 'bitmaps',
  title: { ko: '비트맵: 하루 방문자를 비트로', en: 'Bitmaps: daily visitors as bits' },
  summary: {
    ko: '문자열의 비트를 하나씩 켜고 끄며 "이 사용자가 오늘 왔는가"를 기록하고, 켜진 비트를 세어 방문자 수를 구해요.',
    en: 'Turn single bits of a string on and off to record "did this user come today", then count the bits that are on.',
  },
  level: 2,
  prerequisites: ['strings-counters'],
  steps: [
    {
      text: {
        ko: '비트맵은 별도의 타입이 아니라 문자열을 비트 배열로 다루는 명령들이에요. `SETBIT 키 위치 값`은 그 위치의 비트를 바꾸고 **이전 값**을 돌려줘요.\n\n문서처럼 `mybits`의 1번과 3번 비트를 켜 보세요.',
        en: 'Bitmaps are not a type of their own but commands that treat a string as an array of bits. `SETBIT key offset value` sets one bit and answers its **previous** value.\n\nAs in the documents, turn on bits 1 and 3 of `mybits`.',
      },
      commands: ['SETBIT mybits 1 1', 'SETBIT mybits 3 1'],
      pythonCode: `r.setbit("mybits", 1, 1)  # index 1 on
r.setbit("mybits", 3, 1)  # index 3 on`,
      hints: [{ ko: '비트 위치는 0부터 세어요. 필요한 만큼 문자열이 자동으로 늘어나요.', en: 'Offsets count from 0; the string grows as needed.' }],
      solution: ['SETBIT mybits 1 1', 'SETBIT mybits 3 1'],
      check: { all: [{ key: 'mybits', type: 'string' }, { reply: { command: 'SETBIT mybits 3 1' } }] },
    },
    {
      text: {
        ko: '`GETBIT`은 비트 하나를 읽고, `BITCOUNT`는 켜진 비트의 개수를 세어요. 켜지 않은 비트는 `0`이에요.',
        en: '`GETBIT` reads one bit and `BITCOUNT` counts the bits that are on. Bits never set read as `0`.',
      },
      commands: ['GETBIT mybits 1', 'GETBIT mybits 2', 'BITCOUNT mybits'],
      pythonCode: `print(r.getbit("mybits", 1))  # 1
print(r.getbit("mybits", 2))  # 0
print(r.bitcount("mybits"))   # 2`,
      hints: [
        {
          ko: '`BITCOUNT`가 2가 아니라면 다른 비트도 켠 거예요. `SETBIT mybits 위치 0`으로 끌 수 있어요.',
          en: 'Not 2? Then other bits are on too; `SETBIT mybits offset 0` turns one off.',
        },
      ],
      solution: ['GETBIT mybits 1', 'GETBIT mybits 2', 'BITCOUNT mybits'],
      check: {
        all: [{ reply: { command: 'GETBIT mybits 1', equals: '(integer) 1' } }, { reply: { command: 'BITCOUNT mybits', equals: '(integer) 2' } }],
      },
    },
    {
      text: {
        ko: '이제 쓸모 있는 예를 볼게요. 날짜마다 키를 하나 두고, **사용자 번호를 비트 위치로** 써요. 사용자 5, 42, 1001이 3월 11일에 다녀갔어요.\n\n사용자가 백만 명이어도 하루치 키는 약 125KB뿐이에요.',
        en: 'Now something useful: one key per day, with the **user id as the bit offset**. Users 5, 42 and 1001 visited on 11 March.\n\nEven with a million users, a day takes about 125 KB.',
      },
      commands: ['SETBIT visits:2024-03-11 5 1', 'SETBIT visits:2024-03-11 42 1', 'SETBIT visits:2024-03-11 1001 1', 'BITCOUNT visits:2024-03-11'],
      pythonCode: `def record_visit(user_id: int, day: str) -> None:
    r.setbit(f"visits:{day}", user_id, 1)

for uid in (5, 42, 1001):
    record_visit(uid, "2024-03-11")
print(r.bitcount("visits:2024-03-11"))  # 3`,
      hints: [
        { ko: '같은 사용자가 하루에 여러 번 와도 비트는 하나라서 한 번만 세어요.', en: 'A user who comes back the same day sets the same bit: counted once.' },
      ],
      solution: ['SETBIT visits:2024-03-11 5 1', 'SETBIT visits:2024-03-11 42 1', 'SETBIT visits:2024-03-11 1001 1', 'BITCOUNT visits:2024-03-11'],
      check: { reply: { command: 'BITCOUNT visits:2024-03-11', equals: '(integer) 3' } },
    },
    {
      text: {
        ko: '다음 날에는 사용자 42와 7이 왔어요. **이틀 연속** 온 사용자는 누구일까요? `BITOP AND`로 두 비트맵을 겹치면 둘 다 켜진 비트만 남아요. (`OR`는 둘 중 하루라도 온 사용자예요.)',
        en: 'The next day users 42 and 7 came. Who came **both days**? `BITOP AND` overlays the two bitmaps and keeps only the bits on in both. (`OR` gives anyone who came on either day.)',
      },
      commands: [
        'SETBIT visits:2024-03-12 42 1',
        'SETBIT visits:2024-03-12 7 1',
        'BITOP AND visits:both visits:2024-03-11 visits:2024-03-12',
        'BITCOUNT visits:both',
        'GETBIT visits:both 42',
      ],
      pythonCode: `r.setbit("visits:2024-03-12", 42, 1)
r.setbit("visits:2024-03-12", 7, 1)
r.bitop("AND", "visits:both", "visits:2024-03-11", "visits:2024-03-12")
print(r.bitcount("visits:both"))     # 1
print(r.getbit("visits:both", 42))   # 1: user 42`,
      hints: [
        {
          ko: '`BITOP`의 첫 번째 키가 결과를 저장할 키이고, 그 뒤가 입력이에요.',
          en: 'The first key after the operation is where `BITOP` stores the result; the rest are its inputs.',
        },
      ],
      solution: [
        'SETBIT visits:2024-03-12 42 1',
        'SETBIT visits:2024-03-12 7 1',
        'BITOP AND visits:both visits:2024-03-11 visits:2024-03-12',
        'BITCOUNT visits:both',
        'GETBIT visits:both 42',
      ],
      check: {
        all: [{ key: 'visits:both', type: 'string' }, { reply: { command: 'BITCOUNT visits:both', equals: '(integer) 1' } }],
      },
    },
    {
      challenge: true,
      text: {
        ko: '이번에는 반대로, 두 날 중 **하루라도** 온 사용자가 몇 명인지 구하세요. 결과 비트맵을 `visits:any`에 저장하고, 켜진 비트를 세어 `(integer) 4`가 나오게 하면 돼요.',
        en: 'Now the other way round: how many users came on **at least one** of the two days? Store the resulting bitmap in `visits:any`, then count its bits: the answer must be `(integer) 4`.',
      },
      commands: [],
      hints: [
        { ko: '4단계 설명의 괄호 안에 필요한 연산이 있어요.', en: "The operation you need is in the brackets of step 4's text." },
        { ko: '`BITOP`은 연산 이름, 저장할 키, 입력 키들 순서로 적어요.', en: '`BITOP` takes the operation, then the key to store into, then the input keys.' },
      ],
      solution: ['BITOP OR visits:any visits:2024-03-11 visits:2024-03-12', 'BITCOUNT visits:any'],
      check: {
        all: [{ key: 'visits:any', type: 'string' }, { reply: { command: 'BITCOUNT visits:any', equals: '(integer) 4' } }],
      },
    },
  ],
};
