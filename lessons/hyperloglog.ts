import type { Lesson } from '../src/lessons/model.js';

// The documents' HyperLogLog example: PFADD the numbers 0..999 to `views`, PFCOUNT answers an
// estimate (1001, not 1000), duplicates do not count, and PFMERGE joins two counters.

const THOUSAND = Array.from({ length: 1000 }, (_, i) => String(i)).join(' ');

export const lesson: Lesson = {
  id: 'hyperloglog',
  title: { ko: 'HyperLogLog: 근사치로, 아주 적은 메모리로 세기', en: 'HyperLogLog: counting roughly, in very little memory' },
  summary: {
    ko: '서로 다른 방문자가 몇 명인지 세되, 방문자 목록은 저장하지 않아요. 오차를 조금 받아들이는 대신 메모리는 거의 들지 않아요.',
    en: 'Count how many different visitors there were without keeping the list of them: a small error in exchange for almost no memory.',
  },
  level: 2,
  prerequisites: ['sets'],
  steps: [
    {
      text: {
        ko: '집합(Set)으로도 서로 다른 방문자를 셀 수 있지만, 방문자가 수백만 명이면 그만큼 메모리를 써요. **HyperLogLog**는 원소를 저장하지 않고 개수만 **추정**하며, 키 하나가 최대 12KB 정도예요.\n\n`PFADD`로 방문자를 넣어 봐요. 추정값이 바뀌었으면 `1`, 그대로면 `0`이 돌아와요.',
        en: 'A set can count distinct visitors too, but with millions of them it uses that much memory. A **HyperLogLog** keeps no elements, only an **estimate** of how many there were, in at most about 12 KB per key.\n\nAdd some visitors with `PFADD`. It answers `1` if the estimate changed, `0` if not.',
      },
      commands: ['PFADD visitors alice bob carol', 'PFADD visitors alice', 'PFCOUNT visitors'],
      pythonCode: `r.pfadd("visitors", "alice", "bob", "carol")  # 1
r.pfadd("visitors", "alice")                  # 0: seen before
print(r.pfcount("visitors"))                  # 3`,
      hints: [
        {
          ko: '`alice`를 다시 넣어도 개수는 늘지 않아요. 집합처럼 중복을 무시해요.',
          en: 'Adding `alice` again does not raise the count: like a set, duplicates are ignored.',
        },
      ],
      solution: ['PFADD visitors alice bob carol', 'PFADD visitors alice', 'PFCOUNT visitors'],
      check: { reply: { command: 'PFCOUNT visitors', equals: '(integer) 3' } },
    },
    {
      text: {
        ko: '문서의 예제처럼 `views`에 0부터 999까지 숫자 1000개를 넣어 봐요. redis-py의 `r.pfadd("views", *range(1000))`와 같은 명령이에요. 명령이 길어서 **실행** 버튼을 쓰는 편이 편해요.',
        en: 'As in the documents, add the 1000 numbers 0 to 999 to `views`: the same command as redis-py\'s `r.pfadd("views", *range(1000))`. It is a long line, so the **Run** button is easier than typing.',
      },
      commands: [`PFADD views ${THOUSAND}`],
      pythonCode: `r.pfadd("views", *range(1000))`,
      hints: [
        {
          ko: 'HyperLogLog도 겉으로는 문자열 키예요. `TYPE views`는 `string`이라고 답해요.',
          en: 'On the outside a HyperLogLog is a string key: `TYPE views` answers `string`.',
        },
        {
          ko: '`(integer) 0`이 나왔다면 `views`에 이미 같은 숫자들이 있던 거예요. `DEL views` 후 다시 실행하세요.',
          en: 'Got `(integer) 0`? `views` already held these numbers: `DEL views` and run it again.',
        },
      ],
      solution: [`PFADD views ${THOUSAND}`],
      check: { all: [{ key: 'views', type: 'string' }, { reply: { command: 'PFADD views', equals: '(integer) 1' } }] },
    },
    {
      text: {
        ko: '이제 세어 봐요. 1000개를 넣었는데 `PFCOUNT`는 **1001**이라고 답해요. 틀린 게 아니라 추정이기 때문이에요. 표준 오차는 약 0.81%로, 수백만 단위에서는 충분히 쓸 만한 정확도예요.\n\n정확한 숫자가 꼭 필요하면 집합을, 대략적인 숫자면 충분하고 메모리가 아깝다면 HyperLogLog를 고르세요.',
        en: 'Now count. You added 1000 numbers and `PFCOUNT` says **1001**. Not a bug: it is an estimate, with a standard error of about 0.81%, plenty for counts in the millions.\n\nNeed the exact number? Use a set. A close number is enough and memory matters? HyperLogLog.',
      },
      commands: ['PFCOUNT views', 'STRLEN views'],
      pythonCode: `print(r.pfcount("views"))  # 1001: close to 1000`,
      hints: [
        {
          ko: '`STRLEN views`로 이 카운터가 차지하는 바이트 수를 볼 수 있어요. 1000개의 숫자를 저장하는 것보다 훨씬 작아요.',
          en: '`STRLEN views` shows how many bytes the counter takes: far fewer than the 1000 numbers themselves.',
        },
      ],
      solution: ['PFCOUNT views'],
      check: { reply: { command: 'PFCOUNT views', equals: '(integer) 1001' } },
    },
    {
      text: {
        ko: '이미 본 숫자를 다시 넣으면 추정값은 변하지 않아요. 여러 카운터를 합칠 때는 `PFMERGE`를 써요. 어제와 오늘의 방문자를 합쳐 "이틀 동안의 순 방문자"를 구하는 식이에요.',
        en: 'Adding numbers seen before leaves the estimate alone. To combine counters, use `PFMERGE`: yesterday\'s and today\'s visitors merged into "distinct visitors over two days".',
      },
      commands: ['PFADD views 1 2 3', 'PFMERGE views:all views visitors', 'PFCOUNT views:all'],
      pythonCode: `r.pfadd("views", 1, 2, 3)  # 0: nothing new
r.pfmerge("views:all", "views", "visitors")
print(r.pfcount("views:all"))`,
      hints: [
        {
          ko: '`PFCOUNT views visitors`처럼 키를 여러 개 주면 합친 결과를 저장하지 않고 바로 세어요.',
          en: 'Giving `PFCOUNT` several keys (`PFCOUNT views visitors`) counts their union without storing it.',
        },
      ],
      solution: ['PFADD views 1 2 3', 'PFMERGE views:all views visitors', 'PFCOUNT views:all'],
      check: {
        all: [
          { reply: { command: 'PFADD views 1 2 3', equals: '(integer) 0' } },
          { key: 'views:all', type: 'string' },
          { reply: { command: 'PFCOUNT views:all', matches: /^\(integer\) 10\d\d$/ } },
        ],
      },
    },
    {
      challenge: true,
      text: {
        ko: '1단계의 `visitors`가 어제 방문자라고 생각해 보세요. 오늘은 bob, dave, erin이 왔어요. 오늘 방문자를 `visitors:today`에 넣고, 합친 키를 따로 저장하지 않은 채 **이틀 동안 온 서로 다른 방문자 수**를 세어 보세요. 답은 `(integer) 5`여야 해요.',
        en: "Say step 1's `visitors` are yesterday's visitors. Today bob, dave and erin came. Put today's visitors in `visitors:today`, then count **the distinct visitors over both days** without storing a merged key. The answer must be `(integer) 5`.",
      },
      commands: [],
      hints: [
        { ko: 'bob은 이틀 다 왔으니 한 번만 세야 해요.', en: 'bob came on both days and counts once.' },
        { ko: '4단계의 힌트를 보세요. 세는 명령에 키를 여러 개 줄 수 있어요.', en: "See step 4's hint: the counting command takes several keys." },
      ],
      solution: ['PFADD visitors:today bob dave erin', 'PFCOUNT visitors visitors:today'],
      check: {
        all: [{ key: 'visitors:today', type: 'string' }, { reply: { equals: '(integer) 5' } }],
      },
    },
  ],
};
