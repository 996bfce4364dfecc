import type { Lesson } from '../src/lessons/model.js';

// The documents' "serialization workarounds": the nested restaurant 484272 cannot go into a hash
// as it is, so (1) JSON in one string, (2) flattened `:`-delimited keys, (3) a flat hash.

const JSON_VALUE =
  '{"name": "Ravagh", "type": "Persian", "address": {"street": {"line1": "11 E 30th St", "line2": "APT 1"}, "city": "New York", "state": "NY", "zip": 10016}}';

export const lesson: Lesson = {
  id: 'structured-data',
  title: { ko: '중첩된 데이터 저장하기', en: 'Storing nested data' },
  summary: {
    ko: '파이썬의 중첩 딕셔너리는 해시에 그대로 들어가지 않아요. JSON 문자열, `:`로 이은 키, 평평한 해시, 세 가지 방법을 비교해요.',
    en: 'A nested Python dict does not fit into a hash as it is. Compare three ways: a JSON string, `:`-joined keys, and a flat hash.',
  },
  level: 3,
  prerequisites: ['hashes'],
  steps: [
    {
      text: {
        ko: '식당 484272는 주소 안에 거리가, 거리 안에 두 줄이 있는 **중첩** 구조예요. 해시의 값은 문자열뿐이라 `r.hset(484272, mapping=restaurant)`는 `DataError`가 나요.\n\n첫 번째 방법: 통째로 **JSON 문자열**로 바꿔 키 하나에 저장해요. 읽을 때는 `json.loads()`로 되돌려요.',
        en: 'Restaurant 484272 is **nested**: a street inside the address, two lines inside the street. Hash values can only be strings, so `r.hset(484272, mapping=restaurant)` raises `DataError`.\n\nWay one: turn the whole thing into a **JSON string** under one key, and `json.loads()` it back when reading.',
      },
      commands: [`SET 484272 '${JSON_VALUE}'`, 'GET 484272'],
      pythonCode: `import json

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
r.set(484272, json.dumps(restaurant_484272))
print(json.loads(r.get(484272))["address"]["city"])  # New York`,
      hints: [
        {
          ko: '간단하지만, 우편번호 하나를 바꾸려 해도 전체를 읽고 고쳐서 다시 써야 해요.',
          en: 'Simple, but changing just the zip code means reading, editing and writing back the whole thing.',
        },
      ],
      solution: [`SET 484272 '${JSON_VALUE}'`, 'GET 484272'],
      check: { key: '484272', type: 'string', equals: JSON_VALUE },
    },
    {
      text: {
        ko: '두 번째 방법: 중첩을 펼쳐 **경로를 `:`로 이은 키**마다 값을 하나씩 저장해요. 문서의 `setflat_skeys()`가 하는 일이에요. 필요한 값만 바로 읽고 쓸 수 있어요.',
        en: "Way two: flatten it and store each value under a key made of its **path joined with `:`**, which is what the documents' `setflat_skeys()` does. Any single value can be read or written directly.",
      },
      commands: [
        'MSET 484272:name Ravagh 484272:type Persian 484272:address:street:line1 "11 E 30th St" 484272:address:street:line2 "APT 1" 484272:address:city "New York" 484272:address:state NY 484272:address:zip 10016',
        'KEYS 484272:*',
        'GET 484272:address:street:line1',
      ],
      pythonCode: `import json

restaurant_484272 = json.loads(r.get(484272))  # the dict stored as JSON in step 1

def setflat_skeys(r, obj: dict, prefix: str, delim: str = ":", *, _autopfix="") -> None:
    for key, value in obj.items():
        key = _autopfix + key
        if isinstance(value, (str, bytes, float, int)):
            r.set(f"{prefix}{delim}{key}", value)
        elif isinstance(value, dict):
            setflat_skeys(r, value, prefix, delim, _autopfix=f"{key}{delim}")
        else:
            raise TypeError(f"Unsupported value type: {type(value)}")

setflat_skeys(r, restaurant_484272, 484272)
print(r.get("484272:address:street:line1"))  # b'11 E 30th St'`,
      hints: [
        {
          ko: '키가 일곱 개로 늘어나요. 식당 전체를 지우려면 일곱 개를 모두 지워야 해요.',
          en: 'That makes seven keys: deleting the restaurant means deleting all seven.',
        },
      ],
      solution: [
        'MSET 484272:name Ravagh 484272:type Persian 484272:address:street:line1 "11 E 30th St" 484272:address:street:line2 "APT 1" 484272:address:city "New York" 484272:address:state NY 484272:address:zip 10016',
        'GET 484272:address:street:line1',
      ],
      check: { all: [{ key: '484272:address:zip', equals: '10016' }, { reply: { command: 'GET 484272:address:street:line1', equals: '"11 E 30th St"' } }] },
    },
    {
      text: {
        ko: '세 번째 방법: `:`로 이은 경로를 **해시의 필드 이름**으로 써요. 식당 하나가 키 하나에 모이고, 필드 하나만 읽거나 바꿀 수 있으며, `DEL` 한 번으로 지워져요. 깊이가 얕은 데이터에 잘 맞아요.',
        en: 'Way three: use the `:`-joined paths as **field names of one hash**. The restaurant stays one key, single fields can be read or changed, and one `DEL` removes it. A good fit for shallow data.',
      },
      commands: [
        'HSET restaurant:484272 name Ravagh type Persian address:street:line1 "11 E 30th St" address:city "New York" address:zip 10016',
        'HGET restaurant:484272 address:city',
        'HSET restaurant:484272 address:zip 10017',
      ],
      pythonCode: `import json

restaurant_484272 = json.loads(r.get(484272))  # the dict stored as JSON in step 1

def flatten(obj: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in obj.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}:"))
        else:
            flat[f"{prefix}{key}"] = value
    return flat

r.hset("restaurant:484272", mapping=flatten(restaurant_484272))
r.hset("restaurant:484272", "address:zip", 10017)  # one field, nothing else touched
print(r.hget("restaurant:484272", "address:city"))  # b'New York'`,
      hints: [{ ko: '`HGETALL restaurant:484272`로 필드 전체를 볼 수 있어요.', en: '`HGETALL restaurant:484272` shows every field.' }],
      solution: [
        'HSET restaurant:484272 name Ravagh type Persian address:street:line1 "11 E 30th St" address:city "New York" address:zip 10016',
        'HGET restaurant:484272 address:city',
        'HSET restaurant:484272 address:zip 10017',
      ],
      check: {
        all: [
          { key: 'restaurant:484272', type: 'hash', field: ['address:zip', '10017'] },
          { reply: { command: 'HGET restaurant:484272 address:city', equals: '"New York"' } },
        ],
      },
    },
    {
      text: {
        ko: '세 방법을 나란히 놓고 보세요. `TYPE`이 저장 방식을 보여 줘요.\n\n- **JSON 문자열**: 통째로 읽고 쓸 때 가장 간단해요.\n- **`:`로 이은 키**: 값마다 만료를 따로 줄 수 있지만 키가 많아져요.\n- **해시**: 한 키 안에서 필드별로 다룰 수 있어요. 깊은 중첩이나 목록은 JSON이 나아요.',
        en: 'Put the three side by side; `TYPE` shows how each is stored.\n\n- **JSON string**: simplest when you always read and write the whole thing.\n- **`:`-joined keys**: each value can have its own expiry, but keys multiply.\n- **Hash**: field by field within one key. Deep nesting or lists fit JSON better.',
      },
      commands: ['TYPE 484272', 'TYPE 484272:address:city', 'TYPE restaurant:484272', 'HGETALL restaurant:484272'],
      pythonCode: `for key in ("484272", "484272:address:city", "restaurant:484272"):
    print(key, r.type(key))`,
      hints: [{ ko: '`TYPE`은 키가 없으면 `none`이라고 답해요.', en: '`TYPE` answers `none` for a missing key.' }],
      solution: ['TYPE 484272', 'TYPE restaurant:484272'],
      check: { all: [{ reply: { command: 'TYPE 484272', equals: 'string' } }, { reply: { command: 'TYPE restaurant:484272', equals: 'hash' } }] },
    },
    {
      challenge: true,
      text: {
        ko: '식당이 같은 건물의 다른 호실로 옮겼어요. 주소의 둘째 줄(`line2`)이 `APT 2`가 돼요. 2단계의 `:`로 이은 키와 3단계의 해시, **두 저장 방식 모두에서** 이 값을 고치세요(해시에는 이 필드가 아직 없어요). 다른 값은 건드리지 마세요.',
        en: "The restaurant moved to another suite in the same building: the second address line (`line2`) becomes `APT 2`. Update it in **both** step 2's `:`-joined keys and step 3's hash (the hash has no such field yet). Leave every other value alone.",
      },
      commands: [],
      hints: [
        {
          ko: '두 방식 모두 경로는 같아요. `address`, `street`, `line2`를 `:`로 이으면 돼요. 다만 한쪽은 키 이름의 일부이고, 다른 쪽은 해시의 필드 이름이에요.',
          en: 'The path is the same in both: `address`, `street` and `line2` joined with `:`. In one it is part of the key name, in the other a field name of the hash.',
        },
        { ko: '`APT 2`에는 공백이 있으니 따옴표로 감싸세요.', en: '`APT 2` has a space: quote it.' },
      ],
      solution: ['SET 484272:address:street:line2 "APT 2"', 'HSET restaurant:484272 address:street:line2 "APT 2"'],
      check: {
        all: [
          { key: '484272:address:street:line2', equals: 'APT 2' },
          { key: 'restaurant:484272', field: ['address:street:line2', 'APT 2'] },
          { key: 'restaurant:484272', field: ['address:zip', '10017'] },
        ],
      },
    },
  ],
};
