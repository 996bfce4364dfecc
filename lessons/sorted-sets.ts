import type { Lesson } from '../src/lessons/model.js';

// Sorted sets as rankings: the scores set (Alice 100, Bob 90, Charlie 80) with ZINCRBY, ZRANK
// and ZSCORE, then the leaderboard (1500 / 1300 / 1700) read from the top with ZREVRANGE.

export const lesson: Lesson = {
  id: 'sorted-sets',
  title: { ko: '정렬된 집합: 순위표', en: 'Sorted sets: a leaderboard' },
  summary: {
    ko: '멤버마다 점수가 붙는 정렬된 집합으로 점수판과 순위표를 만들고, 점수를 올리고 순위를 물어봅니다.',
    en: 'Build a scoreboard and a leaderboard with sorted sets, where every member carries a score; raise scores and ask for ranks.',
  },
  level: 2,
  prerequisites: ['sets'],
  steps: [
    {
      text: {
        ko: '정렬된 집합의 멤버는 각자 **점수**를 가지고, 항상 점수 순으로 정렬되어 있습니다. `ZADD`에는 점수를 먼저, 멤버를 나중에 적습니다.\n\n`ZRANGE`는 낮은 점수부터 보여 주고, `WITHSCORES`를 붙이면 점수도 함께 나옵니다.',
        en: 'Each member of a sorted set has a **score**, and the set is always ordered by it. `ZADD` takes the score first, then the member.\n\n`ZRANGE` lists from the lowest score up; add `WITHSCORES` to see the scores too.',
      },
      commands: ['ZADD scores 100 Alice 90 Bob 80 Charlie', 'ZRANGE scores 0 -1 WITHSCORES'],
      pythonCode: `r.zadd("scores", {"Alice": 100, "Bob": 90, "Charlie": 80})
print(r.zrange("scores", 0, -1, withscores=True))
# [(b'Charlie', 80.0), (b'Bob', 90.0), (b'Alice', 100.0)]`,
      hints: [{ ko: 'redis-py는 딕셔너리 `{멤버: 점수}`를 받지만, 명령에서는 `점수 멤버` 순서입니다.', en: 'redis-py takes a dict `{member: score}`, but the command itself wants `score member`.' }],
      solution: ['ZADD scores 100 Alice 90 Bob 80 Charlie', 'ZRANGE scores 0 -1 WITHSCORES'],
      check: {
        all: [
          { key: 'scores', type: 'zset', length: 3, score: ['Charlie', 80] },
          { reply: { command: 'ZRANGE scores 0 -1 WITHSCORES', equals: '1) "Charlie"\n2) "80"\n3) "Bob"\n4) "90"\n5) "Alice"\n6) "100"' } },
        ],
      },
    },
    {
      text: {
        ko: 'Bob이 문제를 하나 더 풀어 3점을 얻었습니다. `ZINCRBY`는 점수를 더하고 새 점수를 돌려주며, 순서도 알아서 다시 맞춥니다.',
        en: 'Bob solved one more problem and earns 3 points. `ZINCRBY` adds to the score, answers the new one, and the order follows by itself.',
      },
      commands: ['ZINCRBY scores 3 Bob', 'ZRANGE scores 0 -1 WITHSCORES'],
      pythonCode: `r.zincrby("scores", 3, "Bob")  # 93.0`,
      hints: [{ ko: '`ZINCRBY`의 인자 순서는 `키 증가량 멤버`입니다.', en: 'The arguments of `ZINCRBY` are `key increment member`.' }],
      solution: ['ZINCRBY scores 3 Bob'],
      check: { key: 'scores', score: ['Bob', 93] },
    },
    {
      text: {
        ko: '`ZRANK`는 낮은 점수부터 셌을 때 몇 번째인지(0부터), `ZSCORE`는 점수를 알려 줍니다. Bob은 Charlie 다음이므로 순위는 `1`입니다.',
        en: '`ZRANK` tells the position counting from the lowest score (starting at 0), and `ZSCORE` the score. Bob comes after Charlie, so his rank is `1`.',
      },
      commands: ['ZRANK scores Bob', 'ZSCORE scores Bob'],
      pythonCode: `print(r.zrank("scores", "Bob"))   # 1
print(r.zscore("scores", "Bob"))  # 93.0`,
      hints: [{ ko: '없는 멤버의 순위나 점수를 물으면 `(nil)`이 나옵니다.', en: 'Ask about a member that is not there and you get `(nil)`.' }],
      solution: ['ZRANK scores Bob', 'ZSCORE scores Bob'],
      check: {
        all: [
          { reply: { command: 'ZRANK scores Bob', equals: '(integer) 1' } },
          { reply: { command: 'ZSCORE scores Bob', equals: '"93"' } },
        ],
      },
    },
    {
      text: {
        ko: '게임 순위표에서는 높은 점수가 위입니다. `ZREVRANGE`는 높은 점수부터 보여 주므로 `0 2`로 상위 3명을 뽑을 수 있습니다.',
        en: 'On a game leaderboard the highest score is on top. `ZREVRANGE` lists from the highest score down, so `0 2` picks the top three.',
      },
      commands: ['ZADD leaderboard 1500 Alice 1300 Bob 1700 Charlie', 'ZREVRANGE leaderboard 0 2 WITHSCORES'],
      pythonCode: `r.zadd("leaderboard", {"Alice": 1500, "Bob": 1300, "Charlie": 1700})
top3 = r.zrevrange("leaderboard", 0, 2, withscores=True)
# [(b'Charlie', 1700.0), (b'Alice', 1500.0), (b'Bob', 1300.0)]`,
      hints: [{ ko: 'Redis 6.2부터는 `ZRANGE leaderboard 0 2 REV WITHSCORES`로도 같은 결과를 얻습니다.', en: 'Since Redis 6.2, `ZRANGE leaderboard 0 2 REV WITHSCORES` gives the same.' }],
      solution: ['ZADD leaderboard 1500 Alice 1300 Bob 1700 Charlie', 'ZREVRANGE leaderboard 0 2 WITHSCORES'],
      check: {
        all: [
          { key: 'leaderboard', length: 3, score: ['Charlie', 1700] },
          { reply: { command: 'ZREVRANGE leaderboard 0 2', equals: '1) "Charlie"\n2) "1700"\n3) "Alice"\n4) "1500"\n5) "Bob"\n6) "1300"' } },
        ],
      },
    },
    {
      text: {
        ko: '순위를 위에서부터 세려면 `ZREVRANK`를 씁니다. Alice는 Charlie 다음이니 `1`, 곧 2등입니다. 화면에 보여 줄 때는 1을 더하세요.',
        en: 'To count ranks from the top, use `ZREVRANK`. Alice is behind Charlie, so `1`: second place. Add one before you show it to people.',
      },
      commands: ['ZREVRANK leaderboard Alice', 'ZREVRANK leaderboard Charlie'],
      pythonCode: `rank = r.zrevrank("leaderboard", "Alice")  # 1 (counting from 0)
print(f"Alice is #{rank + 1}")`,
      hints: [{ ko: '`ZRANK`와 `ZREVRANK`의 답을 더하면 항상 (멤버 수 - 1)입니다.', en: '`ZRANK` plus `ZREVRANK` of a member always equals the member count minus one.' }],
      solution: ['ZREVRANK leaderboard Alice'],
      check: { reply: { command: 'ZREVRANK leaderboard Alice', equals: '(integer) 1' } },
    },
  ],
};
