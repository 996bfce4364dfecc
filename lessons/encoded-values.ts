import type { Lesson } from '../src/lessons/model.js';

// The documents' values that the client transforms before Redis sees them: the card record
// encrypted with Fernet under `user:1000`, the bz2-compressed "i have a lot to talk about" * 10000
// under `msg:500`, and YAML as another serialization of restaurant 484272.
//
// The values are real (made offline with Python 3, cryptography 38, bz2 and PyYAML 6):
// - FERNET_TOKEN is Fernet(FERNET_KEY).encrypt(json.dumps(info).encode("utf-8")), so the key in
//   the pythonCode really decrypts what the SET line stores;
// - MSG_500 is exactly bz2.compress(("i have a lot to talk about" * 10000).encode("utf-8")),
//   122 bytes, written as a redis-cli double-quoted string (\xHH for every byte that is not
//   plain printable ASCII, and for ` $ { } so the line stays a plain String.raw);
// - YAML_LINE holds yaml.dump(restaurant_484272) with PyYAML's default (block) style.

const FERNET_KEY = '4Sf8O4Ev2yIvkDd6fzpHLqO5jRvzEpFdMA8fD0We0do=';
const FERNET_TOKEN =
  'gAAAAABrApvvL7Lz7QYYQPV6JDW1jvQEW-8OpTtAVpajrbNTl4LdYsWIF1-vBzKxzLz72RR6IwOwIy2chqyIiSqa5ulPq_Y4Jd4VGycMgp-HWsuKr61JXJ0UdIJBXw5YMiEnSEE8UdJLUV6wndnof9mD-T_iR-R5vA==';
const SET_USER_1000 = `SET user:1000 "${FERNET_TOKEN}"`;

const SET_MSG_500 = String.raw`SET msg:500 "BZh91AY&SY\xdaM\x1eu\x01\x11o\x91\x80@\x002l\x87\x000\x01\x18\x01\x03@\xd0 h\x1a\x01J\xa3j\x9e\x89\x8d\x04*6\x10\xa8\xd8B\xa3\x02\x15\x1d\x84*?\x84*6\x08Tp\x10\xa8\xec!Q\x81\x0a\x8fB\x15\x18\x10\xa8\xc0\x85G\x81\x0a\x8c\x08Th!Q\xa0\x85F\x82\x15\x1e\x04*:\x08T\x60B\xa3\xd0\x85G\x01\x0a\x8eB\x15\x1b\x08T|.\xe4\x8ap\xa1!\xb4\x9a<\xea"`;

const SET_YAML = String.raw`SET 484272:yaml "address:\n  city: New York\n  state: NY\n  street:\n    line1: 11 E 30th St\n    line2: APT 1\n  zip: 10016\nname: Ravagh\ntype: Persian\n"`;

export const lesson: Lesson = {
  id: 'encoded-values',
  title: { ko: '클라이언트가 바꿔 넣는 값: 암호화와 압축', en: 'Values the client encodes: encryption and compression' },
  summary: {
    ko: 'Redis는 값의 뜻을 모른 채 바이트만 저장해요. 암호화한 카드 정보, 압축한 긴 메시지, YAML로 바꾼 딕셔너리를 차례로 넣어 보고 서버에 실제로 무엇이 남는지 확인해요.',
    en: 'Redis stores bytes without knowing what they mean. Store an encrypted card record, a compressed long message and a dict turned into YAML, and see what the server actually keeps.',
  },
  level: 3,
  prerequisites: ['structured-data'],
  steps: [
    {
      text: {
        ko: '카드 번호 같은 민감한 정보는 어느 서버에도 평문으로 남겨서는 안 돼요. 캐시로 쓰는 Redis도 마찬가지예요. 그래서 **클라이언트가 먼저 암호화하고** 그 결과만 보내요.\n\n파이썬 쪽에서는 이런 순서로 진행돼요.\n\n- 카드 딕셔너리에는 리스트(`exp`)가 들어 있어 그대로는 보낼 수 없으니, `json.dumps()`로 문자열부터 만들어요.\n- `cryptography` 패키지의 **Fernet**(AES-128-CBC 암호화에 HMAC 서명을 더한 방식)으로 그 바이트를 암호화해요.\n- 그렇게 나온 토큰을 `user:1000`에 `SET`해요.\n\n아래 `SET`에는 실제로 그렇게 만든 토큰이 들어 있어요. 저장한 다음 `GET`으로 읽어 보세요. 서버에 있는 것은 알아볼 수 없는 `gAAAAA…` 문자열뿐이에요.',
        en: 'Sensitive data such as a card number must never sit in plain text on any server, and Redis used as a cache is no exception. So the **client encrypts first** and sends only the result.\n\nOn the Python side it goes like this:\n\n- The card dict holds a list (`exp`), so it cannot be sent as it is: `json.dumps()` turns it into a string first.\n- **Fernet** from the `cryptography` package (AES-128-CBC encryption plus an HMAC signature) encrypts those bytes.\n- The resulting token is `SET` under `user:1000`.\n\nThe `SET` below carries a token made exactly that way. Store it, then read it back with `GET`: all the server holds is an unreadable `gAAAAA…` string.',
      },
      commands: [SET_USER_1000, 'GET user:1000'],
      pythonCode: `import json

import redis
from cryptography.fernet import Fernet

r = redis.Redis(host="localhost", port=6379, db=0)

# In real code: key = Fernet.generate_key(), kept in a secret store and never in Redis.
# This is the key that made the token in the SET line, so the decryption in the next step works.
cipher = Fernet(b"${FERNET_KEY}")

info = {
    "cardnum": 2211849528391929,
    "exp": [2020, 9],
    "cv2": 842,
}
r.set("user:1000", cipher.encrypt(json.dumps(info).encode("utf-8")))
print(r.get("user:1000"))  # b'gAAAAA...' (a new token every time: new timestamp, new random IV)`,
      hints: [
        {
          ko: '토큰은 직접 치지 말고 실행 버튼을 쓰세요. 한 글자만 달라져도 복호화가 실패해요.',
          en: 'Use the Run button rather than typing the token: a single changed character makes decryption fail.',
        },
        {
          ko: 'Fernet 토큰은 늘 `gAAAAA`로 시작해요. 첫 바이트가 버전 번호 0x80이고, 그 뒤에 오는 타임스탬프의 앞자리 바이트들이 0이기 때문이에요.',
          en: 'Fernet tokens always start with `gAAAAA`: the first byte is the version number 0x80, and the leading bytes of the timestamp after it are zero.',
        },
      ],
      solution: [SET_USER_1000, 'GET user:1000'],
      check: {
        all: [{ key: 'user:1000', type: 'string', length: 164 }, { reply: { command: 'GET user:1000', matches: /^"gAAAAA/ } }],
      },
    },
    {
      text: {
        ko: 'Redis가 아는 것은 이 값이 164바이트짜리 문자열이라는 사실 하나예요. 59바이트였던 JSON은 토큰이 되면서 길어졌어요. 버전(1바이트), 만든 시각(8), 무작위 IV(16), 암호문(64), 변조를 잡아내는 HMAC(32)을 이어 붙인 121바이트를 URL-safe base64로 적으면 164자가 돼요.\n\n`GETRANGE`로 앞부분을 잘라 봐도 평문은 어디에도 없어요. 복호화는 키를 가진 **클라이언트**만 할 수 있어요. 키가 없으면 `dump.rdb` 파일을 손에 넣든 `MONITOR`로 오가는 명령을 지켜보든 보이는 것은 토큰뿐이에요.\n\n읽는 쪽은 저장할 때의 역순이에요. `GET`으로 토큰을 받고, 복호화하고, `json.loads()`로 딕셔너리를 되살려요.',
        en: 'All Redis knows is that this value is a 164-byte string. The 59-byte JSON grew on its way into a token: a version (1 byte), the creation time (8), a random IV (16), the ciphertext (64) and an HMAC that catches tampering (32) make 121 bytes, which are 164 characters in URL-safe base64.\n\nCut out the beginning with `GETRANGE`: still no plain text anywhere. Only the **client** that holds the key can decrypt. Without it, whoever gets hold of `dump.rdb` or watches the traffic with `MONITOR` sees nothing but the token.\n\nReading goes in the reverse order of writing: `GET` the token, decrypt it, and bring the dict back with `json.loads()`.',
      },
      commands: ['STRLEN user:1000', 'GETRANGE user:1000 0 5'],
      pythonCode: `import json

from cryptography.fernet import Fernet

cipher = Fernet(b"${FERNET_KEY}")  # the key of step 1, which made the token

token = r.get("user:1000")
print(len(token))  # 164

plain = cipher.decrypt(token)  # InvalidToken with the wrong key or a changed byte
print(plain)  # b'{"cardnum": 2211849528391929, "exp": [2020, 9], "cv2": 842}'

card = json.loads(plain)
print(card["exp"])  # [2020, 9]`,
      hints: [
        {
          ko: '`STRLEN`은 글자 수가 아니라 **바이트 수**를 세어요. 토큰은 ASCII라서 둘이 같을 뿐이에요.',
          en: '`STRLEN` counts **bytes**, not characters; the token is ASCII, so the two happen to agree.',
        },
        {
          ko: '`cipher.decrypt(token, ttl=60)`처럼 `ttl`을 주면 만든 지 60초가 넘은 토큰은 거부해요. 토큰 안의 타임스탬프를 쓰는 기능이에요.',
          en: 'Give `cipher.decrypt(token, ttl=60)` a `ttl` and it rejects tokens older than 60 seconds, using the timestamp inside the token.',
        },
      ],
      solution: ['STRLEN user:1000', 'GETRANGE user:1000 0 5'],
      check: {
        all: [{ reply: { command: 'STRLEN user:1000', equals: '(integer) 164' } }, { reply: { command: 'GETRANGE user:1000 0 5', equals: '"gAAAAA"' } }],
      },
    },
    {
      text: {
        ko: '이번에는 대역폭과 메모리를 아끼는 쪽이에요. `"i have a lot to talk about"`을 10,000번 이어 붙인 메시지는 260,000바이트예요. 같은 말이 계속 반복되니 압축이 아주 잘 돼요.\n\n파이썬에서 `bz2.compress()`로 압축한 결과를 그대로 `msg:500`에 넣으면, 서버로 가는 데이터도 서버가 들고 있는 데이터도 122바이트예요. 약 2,131분의 1로 줄었어요. 그 대가로 압축하고 푸는 CPU 시간은 클라이언트가 써요.\n\n아래 `SET`은 그 122바이트를 redis-cli 문법으로 적은 거예요. 큰따옴표 안의 `\\xHH`는 바이트 하나를 16진수로 쓴 표기예요. 직접 치지 말고 실행 버튼을 누르세요.',
        en: 'Now the other way round: saving bandwidth and memory. The message `"i have a lot to talk about"` repeated 10,000 times is 260,000 bytes, and that much repetition compresses extremely well.\n\nCompress it with `bz2.compress()` in Python and store the result as `msg:500`: 122 bytes travel to the server and 122 bytes stay there, about 2,131 times fewer. The price is the CPU time the client spends compressing and decompressing.\n\nThe `SET` below spells those 122 bytes in redis-cli syntax: inside double quotes, `\\xHH` is one byte written in hex. Don\'t type it; press Run.',
      },
      commands: [SET_MSG_500, 'STRLEN msg:500'],
      pythonCode: `import bz2

blob = "i have a lot to talk about" * 10000
print(len(blob.encode("utf-8")))  # 260000

r.set("msg:500", bz2.compress(blob.encode("utf-8")))
print(r.strlen("msg:500"))  # 122
print(260_000 / 122)  # 2131.1475409836066 times fewer bytes`,
      hints: [
        {
          ko: '파이썬에서 `len(r.get("msg:500"))`을 해도 122가 나와요. 같은 값을 받아 와서 세는 거예요.',
          en: '`len(r.get("msg:500"))` in Python says 122 as well: it fetches the same value and counts it.',
        },
        {
          ko: 'bz2는 압축률이 높은 대신 느린 편이에요. 자주 읽고 쓰는 값이라면 `zlib`처럼 더 빠른 알고리즘이 나을 수 있어요.',
          en: 'bz2 squeezes hard but is on the slow side. For values read and written often, a faster algorithm such as `zlib` may pay off better.',
        },
      ],
      solution: [SET_MSG_500, 'STRLEN msg:500'],
      check: {
        all: [{ key: 'msg:500', type: 'string', length: 122 }, { reply: { command: 'STRLEN msg:500', equals: '(integer) 122' } }],
      },
    },
    {
      text: {
        ko: 'Redis 문자열은 **바이너리 세이프**해요. 0x00을 포함한 어떤 바이트든 길이와 함께 저장했다가 그대로 돌려줘요. 값이 꼭 텍스트일 필요는 없어요.\n\n`GET`으로 읽어 보면 redis-cli는 화면에 찍을 수 없는 바이트를 `\\xda`나 `\\n`처럼 이스케이프해서 보여 줘요. 보여 주는 방식일 뿐 값이 바뀐 것은 아니에요. redis-py는 같은 122바이트를 `bytes`로 받아 오고, `bz2.decompress()`로 풀면 원래 메시지와 한 글자도 다르지 않아요.\n\n`GETRANGE msg:500 0 9`는 모든 bz2 데이터가 시작하는 머리글 `BZh91AY&SY`를 보여 줘요. 그렇다고 서버가 이것이 bz2라는 걸 아는 것은 아니에요. Redis에게는 그냥 바이트예요.\n\n아니면 아래의 **파이썬으로 실행**을 눌러 보세요. 프로그램이 같은 122바이트를 읽어 압축을 풀고, `True`가 나오면 메시지가 하나도 빠짐없이 돌아온 거예요.',
        en: 'Redis strings are **binary-safe**: any bytes, 0x00 included, are stored with their length and handed back unchanged. A value does not have to be text.\n\nRead it with `GET`: redis-cli escapes the bytes it cannot print, as `\\xda` or `\\n`. That is only how it is displayed; the value itself is untouched. redis-py receives the same 122 bytes as `bytes`, and `bz2.decompress()` gives back the original message, identical to the last character.\n\n`GETRANGE msg:500 0 9` shows `BZh91AY&SY`, the header every bz2 stream starts with. That does not mean the server knows it is bz2: to Redis, these are just bytes.\n\nOr press **Run in Python** below: the program reads the same 122 bytes and decompresses them, and `True` says the message came back whole.',
      },
      commands: ['GET msg:500', 'GETRANGE msg:500 0 9'],
      pythonCode: `import bz2

blob = "i have a lot to talk about" * 10000  # the message of step 3

raw = r.get("msg:500")
print(raw[:10])  # b'BZh91AY&SY'

rblob = bz2.decompress(raw).decode("utf-8")
print(rblob == blob)  # True

# A client made with decode_responses=True would try to turn these bytes into str
# and raise UnicodeDecodeError: read binary values with a client that keeps bytes.`,
      hints: [
        {
          ko: '`redis-cli --raw`로 접속하면 이스케이프하지 않고 바이트를 그대로 출력해요. 바이너리 값이면 화면이 깨져 보여요.',
          en: 'Connect with `redis-cli --raw` and the bytes are printed as they are, unescaped; with a binary value the screen fills with garbage.',
        },
      ],
      solution: ['GET msg:500', 'GETRANGE msg:500 0 9'],
      // At the terminal, or in Python, where only decompressing shows the message came back whole.
      check: {
        any: [
          {
            all: [{ reply: { command: 'GET msg:500', matches: /^"BZh91AY&SY\\xdaM/ } }, { reply: { command: 'GETRANGE msg:500 0 9', equals: '"BZh91AY&SY"' } }],
          },
          { all: [{ reply: { command: 'GET msg:500', matches: /^"BZh91AY&SY\\xdaM/ } }, { printed: { includes: 'True' } }] },
        ],
      },
    },
    {
      text: {
        ko: '직렬화 형식이 JSON만 있는 것은 아니에요. 형식은 클라이언트가 고르고, Redis는 어떤 형식이든 바이트로 받아 둘 뿐이에요. 앞 레슨의 식당 484272를 이번에는 **YAML**로 바꿔 넣어 봐요. PyYAML의 `yaml.dump()`는 중첩을 들여쓰기로 표현해요.\n\n`GET`으로 읽으면 줄바꿈이 `\\n`으로 보여요. 읽는 쪽에서는 `yaml.safe_load()`로 딕셔너리를 되살려요. 다른 사람이 쓴 데이터라면 꼭 `safe_load`를 쓰세요. `yaml.load()`에 `yaml.Loader`를 넘기면 임의의 파이썬 객체까지 만들어 낼 수 있어요.',
        en: "JSON is not the only serialization format. The client picks one, and Redis simply keeps whatever it gets as bytes. This time, store restaurant 484272 from the previous lesson as **YAML**: PyYAML's `yaml.dump()` shows nesting by indentation.\n\n`GET` shows the line breaks as `\\n`. The reader brings the dict back with `yaml.safe_load()`. For data someone else wrote, always use `safe_load`: `yaml.load()` given `yaml.Loader` can build arbitrary Python objects.",
      },
      commands: [SET_YAML, 'GET 484272:yaml'],
      pythonCode: `import yaml  # python -m pip install PyYAML

restaurant_484272 = {
    "name": "Ravagh",
    "type": "Persian",
    "address": {
        "street": {"line1": "11 E 30th St", "line2": "APT 1"},
        "city": "New York",
        "state": "NY",
        "zip": 10016,
    },
}
r.set("484272:yaml", yaml.dump(restaurant_484272))

restored = yaml.safe_load(r.get("484272:yaml"))
print(restored == restaurant_484272)  # True
print(restored["address"]["street"]["line2"])  # APT 1`,
      hints: [
        {
          ko: '`yaml.dump()`는 키를 이름순으로 정렬해요. 그래서 `address`가 맨 앞에 와요.',
          en: '`yaml.dump()` sorts the keys by name, which is why `address` comes first.',
        },
        {
          ko: 'JSON이든 YAML이든 암호문이든 Redis에게는 모두 같은 문자열 타입이에요. `TYPE 484272:yaml`을 쳐 보세요.',
          en: 'JSON, YAML or ciphertext: to Redis they are all the same string type. Try `TYPE 484272:yaml`.',
        },
      ],
      solution: [SET_YAML, 'GET 484272:yaml'],
      check: {
        all: [{ key: '484272:yaml', type: 'string' }, { reply: { command: 'GET 484272:yaml', matches: /\\nname: Ravagh\\n/ } }],
      },
    },
    {
      challenge: true,
      text: {
        ko: '한국어 인사말 `안녕`을 `greeting:ko` 키에 저장하고, 이 값이 몇 **바이트**인지 Redis에게 물어보세요. 글자는 두 개지만 답은 `2`가 아니에요.',
        en: 'Store the Korean greeting `안녕` under the key `greeting:ko`, then ask Redis how many **bytes** it takes. It is two letters, but the answer is not `2`.',
      },
      commands: [],
      hints: [
        {
          ko: '2단계의 힌트처럼 길이를 재는 명령은 바이트를 세어요. UTF-8에서 한글 한 글자는 3바이트예요.',
          en: "As step 2's hint says, the length command counts bytes. In UTF-8 a Hangul syllable takes 3 bytes.",
        },
        {
          ko: '한글을 입력하기 어렵다면 큰따옴표 안에 `\\xHH`로 바이트를 적으세요. UTF-8로 `안`은 `EC 95 88`, `녕`은 `EB 85 95`예요.',
          en: 'No Korean keyboard? Write the bytes as `\\xHH` inside double quotes. In UTF-8, `안` is `EC 95 88` and `녕` is `EB 85 95`.',
        },
      ],
      solution: [String.raw`SET greeting:ko "\xec\x95\x88\xeb\x85\x95"`, 'STRLEN greeting:ko'],
      check: {
        all: [{ key: 'greeting:ko', equals: '안녕' }, { reply: { command: 'STRLEN greeting:ko', equals: '(integer) 6' } }],
      },
    },
  ],
};
