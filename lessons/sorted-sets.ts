import type { Lesson } from '../src/lessons/model.js';

// Sorted sets as rankings: the scores set (Alice 100, Bob 90, Charlie 80) with ZINCRBY, ZRANK
// and ZSCORE, then the leaderboard (1500 / 1300 / 1700) read from the top with ZREVRANGE, and
// last a geospatial index of the capitals (GEOADD / GEODIST / GEOSEARCH), which is a zset too.

export const lesson: Lesson = {
  id: 'sorted-sets',
  title: { ko: '정렬된 집합: 순위표', en: 'Sorted sets: a leaderboard' },
  summary: {
    ko: '멤버마다 점수가 붙는 정렬된 집합으로 점수판과 순위표를 만들고, 점수를 올리고 순위를 물어봐요. 마지막으로 같은 구조에 수도들의 위치를 담아 거리를 재요.',
    en: 'Build a scoreboard and a leaderboard with sorted sets, where every member carries a score; raise scores and ask for ranks. Last, put the capitals on a map in the same structure and measure distances.',
  },
  level: 2,
  prerequisites: ['sets'],
  steps: [
    {
      text: {
        ko: '정렬된 집합의 멤버는 각자 **점수**를 가지고, 항상 점수 순으로 정렬되어 있어요. `ZADD`에는 점수를 먼저, 멤버를 나중에 적어요.\n\n`ZRANGE`는 낮은 점수부터 보여 주고, `WITHSCORES`를 붙이면 점수도 함께 나와요.',
        en: 'Each member of a sorted set has a **score**, and the set is always ordered by it. `ZADD` takes the score first, then the member.\n\n`ZRANGE` lists from the lowest score up; add `WITHSCORES` to see the scores too.',
      },
      commands: ['ZADD scores 100 Alice 90 Bob 80 Charlie', 'ZRANGE scores 0 -1 WITHSCORES'],
      pythonCode: `r.zadd("scores", {"Alice": 100, "Bob": 90, "Charlie": 80})
print(r.zrange("scores", 0, -1, withscores=True))
# [(b'Charlie', 80.0), (b'Bob', 90.0), (b'Alice', 100.0)]`,
      hints: [
        {
          ko: 'redis-py는 딕셔너리 `{멤버: 점수}`를 받지만, 명령에서는 `점수 멤버` 순서예요.',
          en: 'redis-py takes a dict `{member: score}`, but the command itself wants `score member`.',
        },
      ],
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
        ko: 'Bob이 문제를 하나 더 풀어 3점을 얻었어요. `ZINCRBY`는 점수를 더하고 새 점수를 돌려주며, 순서도 알아서 다시 맞춰요.',
        en: 'Bob solved one more problem and earns 3 points. `ZINCRBY` adds to the score, answers the new one, and the order follows by itself.',
      },
      commands: ['ZINCRBY scores 3 Bob', 'ZRANGE scores 0 -1 WITHSCORES'],
      pythonCode: `r.zincrby("scores", 3, "Bob")  # 93.0`,
      hints: [{ ko: '`ZINCRBY`의 인자 순서는 `키 증가량 멤버`예요.', en: 'The arguments of `ZINCRBY` are `key increment member`.' }],
      solution: ['ZINCRBY scores 3 Bob'],
      check: { key: 'scores', score: ['Bob', 93] },
    },
    {
      text: {
        ko: '`ZRANK`는 낮은 점수부터 셌을 때 몇 번째인지(0부터), `ZSCORE`는 점수를 알려 줘요. Bob은 Charlie 다음이므로 순위는 `1`이에요.',
        en: '`ZRANK` tells the position counting from the lowest score (starting at 0), and `ZSCORE` the score. Bob comes after Charlie, so his rank is `1`.',
      },
      commands: ['ZRANK scores Bob', 'ZSCORE scores Bob'],
      pythonCode: `print(r.zrank("scores", "Bob"))   # 1
print(r.zscore("scores", "Bob"))  # 93.0`,
      hints: [{ ko: '없는 멤버의 순위나 점수를 물으면 `(nil)`이 나와요.', en: 'Ask about a member that is not there and you get `(nil)`.' }],
      solution: ['ZRANK scores Bob', 'ZSCORE scores Bob'],
      check: {
        all: [{ reply: { command: 'ZRANK scores Bob', equals: '(integer) 1' } }, { reply: { command: 'ZSCORE scores Bob', equals: '"93"' } }],
      },
    },
    {
      text: {
        ko: '게임 순위표에서는 높은 점수가 위예요. `ZREVRANGE`는 높은 점수부터 보여 주므로 `0 2`로 상위 3명을 뽑을 수 있어요.',
        en: 'On a game leaderboard the highest score is on top. `ZREVRANGE` lists from the highest score down, so `0 2` picks the top three.',
      },
      commands: ['ZADD leaderboard 1500 Alice 1300 Bob 1700 Charlie', 'ZREVRANGE leaderboard 0 2 WITHSCORES'],
      pythonCode: `r.zadd("leaderboard", {"Alice": 1500, "Bob": 1300, "Charlie": 1700})
top3 = r.zrevrange("leaderboard", 0, 2, withscores=True)
# [(b'Charlie', 1700.0), (b'Alice', 1500.0), (b'Bob', 1300.0)]`,
      hints: [
        {
          ko: 'Redis 6.2부터는 `ZRANGE leaderboard 0 2 REV WITHSCORES`로도 같은 결과를 얻어요.',
          en: 'Since Redis 6.2, `ZRANGE leaderboard 0 2 REV WITHSCORES` gives the same.',
        },
        {
          ko: '점수에 작성 시각(유닉스 시간)을 넣으면 타임라인이 돼요. `ZREVRANGE timeline:alice 0 9`가 최신 글 10개예요.',
          en: 'Use the posting time (Unix seconds) as the score and a sorted set becomes a timeline: `ZREVRANGE timeline:alice 0 9` is the ten newest posts.',
        },
      ],
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
        ko: '순위를 위에서부터 세려면 `ZREVRANK`를 써요. Alice는 Charlie 다음이니 `1`, 곧 2등이에요. 화면에 보여 줄 때는 1을 더하세요.',
        en: 'To count ranks from the top, use `ZREVRANK`. Alice is behind Charlie, so `1`: second place. Add one before you show it to people.',
      },
      commands: ['ZREVRANK leaderboard Alice', 'ZREVRANK leaderboard Charlie'],
      pythonCode: `rank = r.zrevrank("leaderboard", "Alice")  # 1 (counting from 0)
print(f"Alice is #{rank + 1}")`,
      hints: [
        {
          ko: '`ZRANK`와 `ZREVRANK`의 답을 더하면 항상 (멤버 수 - 1)이에요.',
          en: '`ZRANK` plus `ZREVRANK` of a member always equals the member count minus one.',
        },
      ],
      solution: ['ZREVRANK leaderboard Alice'],
      check: { reply: { command: 'ZREVRANK leaderboard Alice', equals: '(integer) 1' } },
    },
    {
      text: {
        ko: '정렬된 집합은 지도에도 쓰여요. `GEOADD`는 **경도, 위도, 이름** 순으로 장소를 받아, 좌표를 **지오해시**라는 숫자 하나로 바꿔 점수로 저장해요. 그래서 `TYPE`은 `zset`이라고 답하고, `ZRANGE` 같은 정렬된 집합 명령도 그대로 통해요.\n\n첫 레슨에서 저장한 나라들의 수도를 넣어 봐요. `GEODIST`는 두 곳 사이의 거리를, `GEOSEARCH`는 한 곳에서 주어진 반경 안에 있는 장소를 가까운 순으로 찾아 줘요.',
        en: 'Sorted sets hold maps, too. `GEOADD` takes places as **longitude, latitude, name**, turns each pair of coordinates into a single number called a **geohash**, and stores it as the score. That is why `TYPE` answers `zset`, and sorted-set commands such as `ZRANGE` work on it as well.\n\nAdd the capitals of the countries from the first lesson. `GEODIST` gives the distance between two places, and `GEOSEARCH` finds the places within a radius of one of them, nearest first.',
      },
      commands: [
        'GEOADD capitals 15.9819 45.8150 Zagreb 10.7522 59.9139 Oslo 2.3522 48.8566 Paris 35.5018 33.8938 Beirut -77.3554 25.0443 Nassau',
        'GEODIST capitals Zagreb Paris km',
        'GEOSEARCH capitals FROMMEMBER Zagreb BYRADIUS 1500 km ASC',
        'TYPE capitals',
      ],
      pythonCode: `r.geoadd("capitals", [  # one flat list: longitude, latitude, name, ...
    15.9819, 45.8150, "Zagreb", 10.7522, 59.9139, "Oslo", 2.3522, 48.8566, "Paris",
    35.5018, 33.8938, "Beirut", -77.3554, 25.0443, "Nassau",
])
print(r.geodist("capitals", "Zagreb", "Paris", unit="km"))  # 1079.8818
print(r.geosearch("capitals", member="Zagreb", radius=1500, unit="km", sort="ASC"))
# [b'Zagreb', b'Paris']
print(r.type("capitals"))  # b'zset'`,
      hints: [
        {
          ko: '좌표는 경도가 먼저예요. 위도를 먼저 적으면 오류 없이 엉뚱한 곳에 찍혀요.',
          en: 'Longitude comes first. Put the latitude first and the place lands somewhere else, without any error.',
        },
        {
          ko: '`GEOPOS capitals Paris`로 저장된 좌표를 읽어 보면, 지오해시로 바꾸면서 생긴 아주 작은 오차가 보여요.',
          en: 'Read a position back with `GEOPOS capitals Paris`: the geohash leaves a tiny rounding error in the coordinates.',
        },
      ],
      solution: [
        'GEOADD capitals 15.9819 45.8150 Zagreb 10.7522 59.9139 Oslo 2.3522 48.8566 Paris 35.5018 33.8938 Beirut -77.3554 25.0443 Nassau',
        'GEODIST capitals Zagreb Paris km',
        'GEOSEARCH capitals FROMMEMBER Zagreb BYRADIUS 1500 km ASC',
      ],
      check: {
        all: [
          { key: 'capitals', type: 'zset', length: 5, member: 'Paris' },
          { reply: { command: 'GEODIST capitals Zagreb Paris km', equals: '"1079.8818"' } },
          { reply: { command: 'GEOSEARCH capitals FROMMEMBER Zagreb BYRADIUS 1500 km ASC', equals: '1) "Zagreb"\n2) "Paris"' } },
        ],
      },
    },
    {
      challenge: true,
      text: {
        ko: 'Bob이 한 판에서 450점을 따냈어요. `leaderboard`의 Bob 점수에 450점을 **더하고**, 위에서부터 센 Bob의 순위를 물어보세요. 이제 Bob이 1등이니 답은 `(integer) 0`이어야 해요.',
        en: "Bob scored 450 points in one game. **Add** them to his score in `leaderboard`, then ask for Bob's rank counted from the top. He is first now, so the answer must be `(integer) 0`.",
      },
      commands: [],
      hints: [
        {
          ko: '점수를 덮어쓰지 않고 더하는 명령은 2단계에서 배웠어요. 인자 순서는 `키 증가량 멤버`예요.',
          en: 'The command that adds to a score instead of replacing it was in step 2: `key increment member`.',
        },
        { ko: '위에서부터 센 순위는 5단계의 명령이고, 0부터 세어요.', en: "Ranks from the top are step 5's command, counting from 0." },
      ],
      solution: ['ZINCRBY leaderboard 450 Bob', 'ZREVRANK leaderboard Bob'],
      check: {
        all: [{ key: 'leaderboard', score: ['Bob', 1750] }, { reply: { command: 'ZREVRANK leaderboard Bob', equals: '(integer) 0' } }],
      },
    },
  ],
};
