import type { Lesson } from '../src/lessons/model.js';

// PyHats.com from the documents: three limited-edition hats as hashes in database 1, a purchase
// as two HINCRBYs, a discount with HINCRBYFLOAT (HINCRBY refuses a decimal price), the purchase
// made all-or-nothing with MULTI/EXEC, then safe against a second buyer with WATCH (optimistic
// locking), and UNWATCH when a hat is sold out.

// The ids the documents' random.seed(444) + getrandbits(32) gives, in the order black, maroon, green.
const BLACK = 'hat:1326692461';
const MAROON = 'hat:1236154736';
const HAT = 'hat:56854717';

export const lesson: Lesson = {
  id: 'hat-shop',
  title: { ko: '모자 가게: 트랜잭션과 WATCH', en: 'The hat shop: transactions and WATCH' },
  summary: {
    ko: '한정판 모자 가게를 해시로 꾸리고, 구매를 MULTI/EXEC 트랜잭션으로 묶은 뒤, 두 손님이 동시에 사려 할 때 WATCH로 충돌을 잡아내요.',
    en: 'Run a limited-edition hat shop on hashes, wrap a purchase in a MULTI/EXEC transaction, then catch two buyers colliding with WATCH.',
  },
  level: 3,
  prerequisites: ['hashes', 'strings-counters'],
  db: 1,
  setup: [
    `HSET ${BLACK} color black price 49.99 style fitted quantity 1000 npurchased 0`,
    `HSET ${MAROON} color maroon price 59.99 style hipster quantity 500 npurchased 0`,
    `HSET ${HAT} color green price 99.99 style baseball quantity 200 npurchased 0`,
  ],
  steps: [
    {
      text: {
        ko: '가게의 모자 세 종류는 **1번 데이터베이스**에 해시로 준비되어 있어요(문서에서도 `redis.Redis(db=1)`로 연결해요). 키 이름의 `hat:` 접두사는 가게 안의 네임스페이스 역할을 해요.\n\n`SELECT 1`로 옮긴 뒤 초록색 야구 모자를 살펴보세요.',
        en: "The shop's three hats are waiting as hashes in **database 1** (the documents connect with `redis.Redis(db=1)` too). The `hat:` prefix works as the shop's namespace.\n\nMove there with `SELECT 1` and look at the green baseball hat.",
      },
      commands: ['SELECT 1', 'KEYS hat:*', `HGETALL ${HAT}`],
      pythonCode: `import random

random.seed(444)  # the same ids every time: black, maroon, green
hats = {f"hat:{random.getrandbits(32)}": hat for hat in (
    {"color": "black", "price": 49.99, "style": "fitted", "quantity": 1000, "npurchased": 0},
    {"color": "maroon", "price": 59.99, "style": "hipster", "quantity": 500, "npurchased": 0},
    {"color": "green", "price": 99.99, "style": "baseball", "quantity": 200, "npurchased": 0},
)}

r = redis.Redis(db=1)
with r.pipeline() as pipe:  # three HSETs in one round trip
    for h_id, hat in hats.items():
        pipe.hset(h_id, mapping=hat)
    pipe.execute()
print(r.hgetall("${HAT}"))`,
      hints: [
        {
          ko: '`HGETALL`이 `(empty array)`라면 아직 0번 데이터베이스에 있는 거예요. 프롬프트에 `[1]`이 보여야 해요.',
          en: 'If `HGETALL` shows `(empty array)`, you are still in database 0; the prompt should end in `[1]`.',
        },
        { ko: '모자가 안 보이면 **리셋**으로 가게를 다시 차리세요.', en: 'No hats at all? Press **Reset** to set the shop up again.' },
      ],
      solution: ['SELECT 1', 'KEYS hat:*', `HGETALL ${HAT}`],
      check: { reply: { command: `HGETALL ${HAT}`, matches: /"color"\n *2\) "green"/ } },
    },
    {
      text: {
        ko: '손님이 구매 버튼을 누르면 재고(`quantity`)는 1 줄고 판매량(`npurchased`)은 1 늘어야 해요. `HINCRBY`에 음수를 주면 줄어들어요.',
        en: 'When someone presses Buy, the stock (`quantity`) goes down by one and the sales count (`npurchased`) up by one. A negative `HINCRBY` subtracts.',
      },
      commands: [`HINCRBY ${HAT} quantity -1`, `HINCRBY ${HAT} npurchased 1`],
      pythonCode: `r.hincrby("${HAT}", "quantity", -1)   # 199
r.hincrby("${HAT}", "npurchased", 1)  # 1`,
      hints: [{ ko: '값을 잘못 바꿨다면 **리셋**을 누르고 1단계부터 다시 하세요.', en: 'Numbers off? Press **Reset** and start again from step 1.' }],
      solution: [`HINCRBY ${HAT} quantity -1`, `HINCRBY ${HAT} npurchased 1`],
      check: {
        all: [
          { key: HAT, field: ['quantity', '199'] },
          { key: HAT, field: ['npurchased', '1'] },
        ],
      },
    },
    {
      text: {
        ko: '이번에는 가격이에요. 초록 모자를 10달러 할인해 봐요. `HINCRBY`는 필드 값을 **64비트 정수**로 읽을 수 있을 때만 동작해요. `99.99`는 정수가 아니므로 `HINCRBY`는 `ERR hash value is not an integer` 오류로 거절해요.\n\n소수에는 `HINCRBYFLOAT`를 써요. 음수를 주면 빼기가 되고, 바뀐 값을 문자열로 돌려줘요. 다른 자료형에도 같은 계열의 명령이 있어요. 문자열 키에는 `INCR`, `INCRBY`, `INCRBYFLOAT`, 정렬된 집합에는 `ZINCRBY`예요.',
        en: 'Next, the price: take 10 dollars off the green hat. `HINCRBY` works only when the field reads as a **64-bit integer**; `99.99` does not, so `HINCRBY` refuses with `ERR hash value is not an integer`.\n\nFor decimals there is `HINCRBYFLOAT`. A negative amount subtracts, and the new value comes back as a string. Other types have the same family of commands: `INCR`, `INCRBY` and `INCRBYFLOAT` for string keys, `ZINCRBY` for sorted sets.',
      },
      commands: [`HINCRBY ${HAT} price 1`, `HINCRBYFLOAT ${HAT} price -10`, `HGET ${HAT} price`],
      pythonCode: `try:
    r.hincrby("${HAT}", "price", 1)
except redis.ResponseError as e:
    print(e)  # hash value is not an integer

print(r.hincrbyfloat("${HAT}", "price", -10))  # 89.99`,
      hints: [
        {
          ko: '한 번 더 누르면 10달러가 또 빠져요. 원래 가격으로 돌리려면 `HINCRBYFLOAT hat:56854717 price 10`을 실행하세요.',
          en: 'Each press takes off another 10 dollars. To restore the price, run `HINCRBYFLOAT hat:56854717 price 10`.',
        },
        {
          ko: '돈은 센트 단위 정수(`9999`)로 저장하는 방법도 있어요. 그러면 `HINCRBY`를 쓸 수 있고 소수 계산의 반올림 오차도 피할 수 있어요.',
          en: 'Another way to store money is whole cents (`9999`): then `HINCRBY` works and decimal rounding never comes up.',
        },
      ],
      solution: [`HINCRBY ${HAT} price 1`, `HINCRBYFLOAT ${HAT} price -10`],
      check: {
        all: [
          { reply: { command: `HINCRBY ${HAT} price 1`, equals: '(error) ERR hash value is not an integer' } },
          { reply: { command: `HINCRBYFLOAT ${HAT} price -10`, matches: /^"\d+(\.\d+)?"$/ } },
        ],
      },
    },
    {
      text: {
        ko: '두 명령 사이에 서버가 멈추면 재고만 줄고 판매는 기록되지 않을 수 있어요. **트랜잭션**으로 묶으면 둘 다 실행되거나 둘 다 실행되지 않아요.\n\n`MULTI` 다음의 명령은 바로 실행되지 않고 `QUEUED`로 쌓였다가, `EXEC`에서 한꺼번에, 다른 클라이언트의 명령이 끼어들 틈 없이 실행돼요.',
        en: "If the server stopped between the two commands, the stock could drop without the sale being counted. A **transaction** makes them all-or-nothing.\n\nAfter `MULTI`, commands are not run but queued (`QUEUED`); `EXEC` runs them together, with no other client's command in between.",
      },
      commands: ['MULTI', `HINCRBY ${HAT} quantity -1`, `HINCRBY ${HAT} npurchased 1`, 'EXEC'],
      pythonCode: `pipe = r.pipeline(transaction=True)  # MULTI ... EXEC around the queue
pipe.hincrby("${HAT}", "quantity", -1)
pipe.hincrby("${HAT}", "npurchased", 1)
print(pipe.execute())  # [198, 2]`,
      hints: [
        { ko: '`EXEC`의 답은 쌓였던 명령들의 답을 순서대로 담은 목록이에요.', en: "The answer of `EXEC` lists the queued commands' replies in order." },
        { ko: '쌓인 명령을 버리려면 `DISCARD`를 써요.', en: '`DISCARD` throws the queue away.' },
      ],
      solution: ['MULTI', `HINCRBY ${HAT} quantity -1`, `HINCRBY ${HAT} npurchased 1`, 'EXEC'],
      check: {
        all: [{ reply: { command: 'EXEC', equals: '1) (integer) 198\n2) (integer) 2' } }, { key: HAT, field: ['quantity', '198'] }],
      },
    },
    {
      text: {
        ko: '트랜잭션만으로는 부족한 경우가 있어요. 재고를 **확인한 뒤** 사는데, 확인과 구매 사이에 다른 손님이 먼저 사 버리면 어떻게 될까요? 마지막 하나가 두 번 팔릴 수 있어요.\n\n`WATCH`는 키를 지켜보다가, `EXEC` 전에 누군가 그 키를 바꾸면 트랜잭션을 취소해요. 잠그지 않고 충돌만 감지하는 **낙관적 잠금**이에요. 먼저 지켜보기 시작하고 재고를 확인하세요.',
        en: 'Sometimes a transaction is not enough. You **check** the stock, then buy; what if another buyer gets in between? The last hat could be sold twice.\n\n`WATCH` keeps an eye on keys and cancels the transaction if anyone changes them before `EXEC`: **optimistic locking**, detecting conflicts instead of locking. Start watching, then check the stock.',
      },
      commands: [`WATCH ${HAT}`, `HGET ${HAT} quantity`],
      pythonCode: `with r.pipeline() as pipe:
    pipe.watch("${HAT}")  # after watch(), the pipeline runs each command at once
    nleft = pipe.hget("${HAT}", "quantity")  # read now, outside the transaction
    print(nleft)  # b'198'
# leaving the with block resets the pipeline, and the watch ends with it`,
      hints: [
        {
          ko: '`HGET`은 트랜잭션 밖에서 실행하므로 답을 바로 받아 판단에 쓸 수 있어요.',
          en: '`HGET` runs outside the transaction, so its answer is there right away to decide with.',
        },
      ],
      solution: [`WATCH ${HAT}`, `HGET ${HAT} quantity`],
      check: {
        all: [{ reply: { command: `WATCH ${HAT}`, client: 1, equals: 'OK' } }, { reply: { command: `HGET ${HAT} quantity`, client: 1, matches: /^"\d+"$/ } }],
      },
    },
    {
      text: {
        ko: '이제 다른 손님이 등장해요. **두 번째 터미널**을 열어 그 손님이 되어 보세요. 새 터미널은 새 연결이라 0번 데이터베이스에서 시작하므로 `SELECT 1`부터 해요.\n\n이 손님은 `WATCH` 없이 바로 같은 모자를 사요.',
        en: 'Enter another buyer. Open a **second terminal** and play them. A new terminal is a new connection that starts in database 0, so begin with `SELECT 1`.\n\nThis buyer just buys the same hat, no `WATCH`.',
      },
      commands: [
        { client: 2, line: 'SELECT 1' },
        { client: 2, line: `HINCRBY ${HAT} quantity -1` },
        { client: 2, line: `HINCRBY ${HAT} npurchased 1` },
      ],
      pythonCode: `# another process, another connection
other = redis.Redis(db=1)
other.hincrby("${HAT}", "quantity", -1)
other.hincrby("${HAT}", "npurchased", 1)`,
      hints: [
        {
          ko: '답이 `(integer) 1`이라면 0번 데이터베이스에 새 해시를 만든 거예요. 두 번째 터미널에서 `SELECT 1` 후 다시 하세요.',
          en: 'An answer of `(integer) 1` means you made a new hash in database 0: run `SELECT 1` in the second terminal and try again.',
        },
      ],
      solution: [
        { client: 2, line: 'SELECT 1' },
        { client: 2, line: `HINCRBY ${HAT} quantity -1` },
        { client: 2, line: `HINCRBY ${HAT} npurchased 1` },
      ],
      check: { reply: { command: `HINCRBY ${HAT} npurchased 1`, client: 2, matches: /^\(integer\) ([2-9]|\d\d+)$/ } },
    },
    {
      text: {
        ko: '**첫 번째 터미널**로 돌아와 원래 손님의 구매를 마저 진행하세요. 지켜보던 키가 그사이 바뀌었으므로 `EXEC`는 아무것도 실행하지 않고 `(nil)`을 돌려줘요. redis-py라면 여기서 `WatchError`가 나요.',
        en: "Back in the **first terminal**, finish the original buyer's purchase. The watched key changed in the meantime, so `EXEC` runs nothing and answers `(nil)`. In redis-py this is where `WatchError` is raised.",
      },
      commands: ['MULTI', `HINCRBY ${HAT} quantity -1`, `HINCRBY ${HAT} npurchased 1`, 'EXEC'],
      pythonCode: `other = redis.Redis(db=1)  # the second buyer's connection

with r.pipeline() as pipe:
    pipe.watch("${HAT}")
    nleft = pipe.hget("${HAT}", "quantity")
    # Meanwhile the other connection writes the hat. To keep the lesson's numbers it only
    # writes back the same stock: WATCH notices any write, even one that changes nothing.
    other.hset("${HAT}", "quantity", nleft)
    try:
        pipe.multi()
        pipe.hincrby("${HAT}", "quantity", -1)
        pipe.hincrby("${HAT}", "npurchased", 1)
        pipe.execute()  # EXEC answers nil: nothing ran
    except redis.WatchError:
        print("someone else bought it first: check again")`,
      hints: [
        {
          ko: '`EXEC`가 성공했다면 `WATCH`가 빠졌거나 두 번째 손님이 구매하기 전에 실행한 거예요. 4단계부터 다시 해 보세요.',
          en: 'Did `EXEC` succeed? Then the `WATCH` was missing or ran after the second buyer. Go back to step 4.',
        },
      ],
      solution: ['MULTI', `HINCRBY ${HAT} quantity -1`, `HINCRBY ${HAT} npurchased 1`, 'EXEC'],
      check: { reply: { command: 'EXEC', client: 1, equals: '(nil)' } },
    },
    {
      text: {
        ko: '충돌이 나면 처음부터 다시 시도하면 돼요: 지켜보고, 확인하고, 트랜잭션을 보내요. 이번에는 끼어든 사람이 없으니 성공해요. (`EXEC`가 끝나면 `WATCH`도 풀려요.)\n\n문서의 `buyitem()` 함수가 바로 이 과정을 `while True` 반복으로 감싼 거예요.',
        en: "After a conflict, simply try again from the top: watch, check, send the transaction. Nobody interferes this time, so it goes through (and `EXEC` ends the `WATCH`).\n\nThe documents' `buyitem()` is exactly this, wrapped in a `while True` loop.",
      },
      commands: [`WATCH ${HAT}`, `HGET ${HAT} quantity`, 'MULTI', `HINCRBY ${HAT} quantity -1`, `HINCRBY ${HAT} npurchased 1`, 'EXEC'],
      pythonCode: `class OutOfStockError(Exception):
    """Every hat of this kind is sold."""

def buy_item(r: redis.Redis, item_id: str) -> None:
    with r.pipeline() as pipe:
        while True:
            try:
                pipe.watch(item_id)
                left = int(pipe.hget(item_id, "quantity"))
                if left <= 0:
                    pipe.unwatch()
                    raise OutOfStockError(item_id)
                pipe.multi()
                pipe.hincrby(item_id, "quantity", -1)
                pipe.hincrby(item_id, "npurchased", 1)
                pipe.execute()
                return
            except redis.WatchError:
                continue  # somebody changed it: look again`,
      hints: [
        {
          ko: '`WATCH`는 `MULTI`보다 먼저 실행해야 해요. `MULTI` 안에서는 `WATCH`를 쓸 수 없어요.',
          en: '`WATCH` must come before `MULTI`; it is not allowed inside one.',
        },
      ],
      solution: [`WATCH ${HAT}`, `HGET ${HAT} quantity`, 'MULTI', `HINCRBY ${HAT} quantity -1`, `HINCRBY ${HAT} npurchased 1`, 'EXEC'],
      check: {
        all: [{ reply: { command: 'EXEC', client: 1, matches: /^1\) \(integer\) \d+\n2\) \(integer\) \d+$/ } }, { key: HAT, field: ['npurchased', '4'] }],
      },
    },
    {
      text: {
        ko: '모자가 다 팔렸다면 어떨까요? 적갈색(maroon) 힙스터 모자가 방금 매진되었다고 생각해 보세요. 재고를 확인해 보니 `0`이면 트랜잭션을 보내지 않고 `UNWATCH`로 지켜보기를 멈춘 뒤 "품절"을 알려요.',
        en: 'And when a hat is sold out? Say the maroon hipster hat just sold its last one. You check the stock, see `0`, send no transaction, stop watching with `UNWATCH`, and show "sold out".',
      },
      commands: [`HSET ${MAROON} quantity 0`, `WATCH ${MAROON}`, `HGET ${MAROON} quantity`, 'UNWATCH'],
      pythonCode: `r.hset("${MAROON}", "quantity", 0)  # the last maroon hat is gone

with r.pipeline() as pipe:
    pipe.watch("${MAROON}")
    if int(pipe.hget("${MAROON}", "quantity")) <= 0:
        pipe.unwatch()  # no transaction to send: stop watching
        print("sold out")  # buy_item() raises OutOfStockError here`,
      hints: [{ ko: '`UNWATCH`는 이 연결이 지켜보던 모든 키를 놓아 줘요.', en: '`UNWATCH` lets go of every key this connection was watching.' }],
      solution: [`HSET ${MAROON} quantity 0`, `WATCH ${MAROON}`, `HGET ${MAROON} quantity`, 'UNWATCH'],
      check: {
        all: [{ reply: { command: `HGET ${MAROON} quantity`, equals: '"0"' } }, { reply: { command: 'UNWATCH', equals: 'OK' } }],
      },
    },
    {
      challenge: true,
      text: {
        ko: '이번 손님은 **검은색** 모자를 사려고 해요. 세 `hat:*` 키 가운데 어느 것이 검은 모자인지 찾아낸 다음, 앞에서 배운 안전한 방법으로 한 개를 판매하세요. 지켜보기(`WATCH`)와 재고 확인을 거쳐, 재고는 1 줄이고 판매량은 1 늘리는 트랜잭션을 보내면 돼요. `EXEC`의 답은 `999`와 `1`이어야 해요.',
        en: 'This customer wants the **black** hat. Find out which of the three `hat:*` keys it is, then sell one the safe way you just learned: watch it (`WATCH`), check the stock, and send a transaction that takes one off the stock and adds one to the sales. `EXEC` must answer `999` and `1`.',
      },
      commands: [],
      hints: [
        {
          ko: '1단계에서 모자 키 세 개를 나열했어요. 키마다 `color` 필드를 읽어 보세요.',
          en: "Step 1 listed the three hat keys; read each one's `color` field.",
        },
        {
          ko: '순서는 8단계와 같고 키만 달라요. `EXEC`가 `(nil)`이면 그사이 누군가 키를 바꾼 것이니 `WATCH`부터 다시 하세요.',
          en: 'The same order as step 8, with another key. If `EXEC` answers `(nil)`, someone changed the key: start again from `WATCH`.',
        },
      ],
      solution: [
        'KEYS hat:*',
        `HGET ${BLACK} color`,
        `WATCH ${BLACK}`,
        `HGET ${BLACK} quantity`,
        'MULTI',
        `HINCRBY ${BLACK} quantity -1`,
        `HINCRBY ${BLACK} npurchased 1`,
        'EXEC',
      ],
      check: {
        all: [
          { reply: { command: 'EXEC', client: 1, equals: '1) (integer) 999\n2) (integer) 1' } },
          { reply: { command: `WATCH ${BLACK}`, client: 1, equals: 'OK' } },
          { key: BLACK, field: ['npurchased', '1'] },
        ],
      },
    },
  ],
};
