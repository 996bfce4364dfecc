// SET group, part 1: SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS, SMOVE; intset and
// hashtable encodings at their thresholds; the course documents' examples; WRONGTYPE, arity,
// RESP3 reply types and the dirty counter. Hashtable replies compare unordered (Redis's hash
// order); intset replies compare exactly (ascending integers).
import { afterEach, describe, expect, it } from 'vitest';
import { useDiff } from './harness.js';
import { expectSameDirty, expectSameMembers, range } from './sets-support.js';
import { makeList, resp3 } from './strings-support.js';

const U = (...argv: string[]) => ({ argv, unordered: true });
const INT64_MAX = '9223372036854775807';
const INT64_MIN = '-9223372036854775808';

describe('course examples', () => {
  const d = useDiff();

  it('tags: SMEMBERS, SINTER, SUNION, SDIFF', () =>
    d.run([
      ['SADD', 'tags', 'python', 'fastapi', 'redis'],
      ['SADD', 'tags2', 'python', 'django', 'redis'],
      ['SADD', 'tags3', 'python', 'django', 'fastapi'],
      U('SMEMBERS', 'tags'),
      U('SINTER', 'tags', 'tags2'),
      U('SUNION', 'tags', 'tags2'),
      U('SDIFF', 'tags', 'tags2'),
      U('SINTER', 'tags', 'tags2', 'tags3'),
      U('SUNION', 'tags', 'tags2', 'tags3'),
      U('SDIFF', 'tags3', 'tags', 'tags2'),
      ['SCARD', 'tags'],
      ['OBJECT', 'ENCODING', 'tags'],
      ['TYPE', 'tags'],
    ]));

  it('tags:post:1 and tags:post:2', () =>
    d.run([
      ['SADD', 'tags:post:1', 'python', 'backend', 'api'],
      U('SMEMBERS', 'tags:post:1'),
      ['SINTER', 'tags:post:1', 'tags:post:2'],
      U('SUNION', 'tags:post:1', 'tags:post:2'),
      ['SADD', 'tags:post:2', 'python', 'redis', 'api', 'cache'],
      U('SINTER', 'tags:post:1', 'tags:post:2'),
      U('SUNION', 'tags:post:1', 'tags:post:2'),
      U('SDIFF', 'tags:post:2', 'tags:post:1'),
      ['SINTERCARD', '2', 'tags:post:1', 'tags:post:2'],
    ]));

  it('visitors per day: SADD of a date key, SMEMBERS, SCARD', () =>
    d.run([
      ['SADD', '2019-03-10', 'dan', 'jon', 'alex'],
      U('SMEMBERS', '2019-03-10'),
      ['SCARD', '2019-03-10'],
      ['SADD', '2019-03-10', 'dan', 'eve'],
      ['SCARD', '2019-03-10'],
      ['SISMEMBER', '2019-03-10', 'jon'],
      ['SISMEMBER', '2019-03-10', 'bob'],
      ['SADD', '2019-03-11', 'dan', 'bob'],
      U('SUNION', '2019-03-10', '2019-03-11'),
      ['SINTER', '2019-03-10', '2019-03-11'],
      ['SUNIONSTORE', 'visitors:week', '2019-03-10', '2019-03-11'],
      ['SCARD', 'visitors:week'],
    ]));
});

describe('SADD, SREM, SCARD, SISMEMBER, SMISMEMBER', () => {
  const d = useDiff();

  it('adds members, counting only new ones', () =>
    d.run([
      ['SADD', 's', 'a', 'b', 'c'],
      ['SADD', 's', 'a', 'd', 'd', 'e'],
      ['SADD', 's', 'a'],
      ['SCARD', 's'],
      U('SMEMBERS', 's'),
      ['sadd', 's', 'f'],
      ['SCARD', 'missing'],
      ['EXISTS', 's'],
    ]));

  it('keeps bytes exactly: empty, binary and non-ASCII members and keys', () =>
    d.run([
      ['SADD', '', ''],
      ['SADD', '', '\xec\x95\x88', '\xff', '\x00', 'a\x00b', '\r\n', ' '],
      U('SMEMBERS', ''),
      ['SISMEMBER', '', ''],
      ['SISMEMBER', '', 'a'],
      ['SISMEMBER', '', 'a\x00b'],
      ['SISMEMBER', '', 'a\x00'],
      ['SMISMEMBER', '', '\xec\x95\x88', '\xec\x95', '\xff', ''],
      ['SREM', '', '\x00', 'a'],
      ['SCARD', ''],
      ['SADD', '\xec\x95\x88', 'x'],
      ['SMEMBERS', '\xec\x95\x88'],
    ]));

  it('SREM counts removals and deletes an emptied set', () =>
    d.run([
      ['SREM', 'missing', 'a'],
      ['SADD', 's', 'a', 'b', 'c'],
      ['SREM', 's', 'x'],
      ['SREM', 's', 'a', 'a', 'x'],
      ['SCARD', 's'],
      ['SREM', 's', 'b', 'c', 'b', 'zz'],
      ['EXISTS', 's'],
      ['TYPE', 's'],
      ['SCARD', 's'],
      ['SADD', 'n', '1', '2', '3'],
      ['SREM', 'n', '2', '02', '2.0', '+3', '3'],
      ['SMEMBERS', 'n'],
      ['SREM', 'n', '1'],
      ['EXISTS', 'n'],
    ]));

  it('SISMEMBER and SMISMEMBER, missing keys included', () =>
    d.run([
      ['SISMEMBER', 'missing', 'a'],
      ['SMISMEMBER', 'missing', 'a', 'b'],
      ['SADD', 's', 'a', '1', '-1'],
      ['SISMEMBER', 's', 'a'],
      ['SISMEMBER', 's', 'A'],
      ['SISMEMBER', 's', '1'],
      ['SISMEMBER', 's', '01'],
      ['SMISMEMBER', 's', 'a', 'b', '1', '-1', '-01', 'a'],
      ['SADD', 'i', '1', '2', '3'],
      ['SISMEMBER', 'i', '2'],
      ['SISMEMBER', 'i', '2 '],
      ['SISMEMBER', 'i', 'x'],
      ['SMISMEMBER', 'i', '3', '4', '1', ''],
    ]));

  it('answers WRONGTYPE on other types', async () => {
    await d.run([['SET', 'str', 'x']]);
    await makeList(d, 'list');
    await d.run([
      ['SADD', 'str', 'a'],
      ['SREM', 'str', 'a'],
      ['SCARD', 'str'],
      ['SISMEMBER', 'str', 'a'],
      ['SMISMEMBER', 'str', 'a'],
      ['SMEMBERS', 'str'],
      ['SADD', 'list', 'a'],
      ['SMEMBERS', 'list'],
      ['GET', 'str'],
      ['SADD', 's', 'a'],
      ['GET', 's'],
      ['INCR', 's'],
      ['LPUSH', 's', 'x'],
    ]);
  });

  it('checks arity', () =>
    d.run([
      ['SADD'],
      ['SADD', 'k'],
      ['SREM', 'k'],
      ['SCARD'],
      ['SCARD', 'a', 'b'],
      ['SISMEMBER', 'k'],
      ['SISMEMBER', 'k', 'a', 'b'],
      ['SMISMEMBER', 'k'],
      ['SMEMBERS'],
      ['SMEMBERS', 'a', 'b'],
      ['SPOP'],
      ['SRANDMEMBER'],
      ['SMOVE', 'a', 'b'],
      ['SMOVE', 'a', 'b', 'c', 'd'],
      ['SINTER'],
      ['SINTERCARD', '1'],
      ['SINTERSTORE', 'd'],
      ['SUNION'],
      ['SUNIONSTORE', 'd'],
      ['SDIFF'],
      ['SDIFFSTORE', 'd'],
      ['SSCAN', 'k'],
      ['EXISTS', 'k', 'a', 'b', 'd'],
    ]));

  it('keeps the TTL of a set it adds to or removes from', () =>
    d.run([
      ['SADD', 's', 'a', 'b'],
      ['EXPIRE', 's', '1000'],
      ['SADD', 's', 'c'],
      ['TTL', 's'],
      ['SREM', 's', 'a'],
      ['TTL', 's'],
    ]));

  it('counts changes like Redis (server.dirty)', () =>
    expectSameDirty(d, [
      ['SADD', 's', 'a', 'b', 'c', 'a'],
      ['SADD', 's', 'a'],
      ['SREM', 's', 'a', 'x', 'b'],
      ['SREM', 's', 'c'],
      ['SREM', 's', 'c'],
      ['SADD', 'i', '1', '2', '3'],
      ['SMOVE', 'i', 'j', '1'],
      ['SMOVE', 'i', 'j', '9'],
      ['SADD', 'j', '2'],
      ['SMOVE', 'i', 'j', '2'],
      ['SINTERSTORE', 'd', 'i', 'j'],
      ['SUNIONSTORE', 'd', 'i', 'j'],
      ['SDIFFSTORE', 'd', 'j', 'i'],
      ['SDIFFSTORE', 'd', 'j', 'j'],
      ['SDIFFSTORE', 'd', 'j', 'j'],
      ['SINTERSTORE', 'd', 'nokey'],
      ['SPOP', 'j'],
      ['SADD', 'p', '1', '2', '3', '4', '5', '6', '7'],
      ['SPOP', 'p', '2'],
      ['SPOP', 'p', '0'],
      ['SPOP', 'p', '100'],
    ]));
});

describe('encodings', () => {
  const d = useDiff();

  afterEach(async () => {
    await d.pair.real.send(['CONFIG', 'SET', 'set-max-intset-entries', '512']);
  });

  it('an intset while every member is an int64 string2ll accepts', () =>
    d.run([
      ['SADD', 'i', '5', '-3', '100', '0', INT64_MAX, INT64_MIN, '42'],
      ['OBJECT', 'ENCODING', 'i'],
      ['SMEMBERS', 'i'],
      ['SADD', 'i', '-9223372036854775807', '9223372036854775806', '7'],
      ['SMEMBERS', 'i'],
      ['SINTER', 'i'],
      ['SUNION', 'i'],
      ['SADD', 'i', '9223372036854775808'],
      ['OBJECT', 'ENCODING', 'i'],
      U('SMEMBERS', 'i'),
    ]));

  it('members that are not canonical integers make a hashtable', async () => {
    for (const m of ['01', '-0', '+1', ' 1', '1 ', '1.0', '', '0x1', '1e3', '-', INT64_MIN.slice(0, -1) + '9', '00']) {
      await d.run([
        ['SADD', 'a', '1', '2'],
        ['OBJECT', 'ENCODING', 'a'],
        ['SADD', 'a', m],
        ['OBJECT', 'ENCODING', 'a'],
        ['SADD', 'b', m],
        ['OBJECT', 'ENCODING', 'b'],
        ['DEL', 'a', 'b'],
      ]);
    }
  });

  it('converts past set-max-intset-entries (512), never back', () =>
    d.run([
      ['SADD', 's', ...range(1, 512)],
      ['OBJECT', 'ENCODING', 's'],
      ['SADD', 's', '512'],
      ['OBJECT', 'ENCODING', 's'],
      ['SMEMBERS', 's'],
      ['SADD', 's', '513'],
      ['OBJECT', 'ENCODING', 's'],
      ['SREM', 's', '513', '1', '2', '3'],
      ['OBJECT', 'ENCODING', 's'],
      ['SCARD', 's'],
      ['SADD', 't', ...range(1, 513)],
      ['OBJECT', 'ENCODING', 't'],
      ['SADD', 'u', 'x'],
      ['SREM', 'u', 'x'],
      ['SADD', 'u', '1'],
      ['OBJECT', 'ENCODING', 'u'],
      ['SADD', 'v', 'x', '1'],
      ['SREM', 'v', 'x'],
      ['OBJECT', 'ENCODING', 'v'],
    ]));

  it('CONFIG SET set-max-intset-entries applies to later writes', async () => {
    await d.run([
      ['SADD', 'old', '1', '2', '3', '4', '5'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '3'],
      ['OBJECT', 'ENCODING', 'old'],
      ['SADD', 'old', '1'],
      ['OBJECT', 'ENCODING', 'old'],
      ['SADD', 'old', '6'],
      ['OBJECT', 'ENCODING', 'old'],
      ['SADD', 'n', '1', '2', '3'],
      ['OBJECT', 'ENCODING', 'n'],
      ['SADD', 'n', '4'],
      ['OBJECT', 'ENCODING', 'n'],
      ['SADD', 'm', '1', '2', '3', '4'],
      ['OBJECT', 'ENCODING', 'm'],
      ['SADD', 'p', '1', '2'],
      ['SADD', 'q', '2', '3'],
      ['SUNIONSTORE', 'u', 'p', 'q'],
      ['OBJECT', 'ENCODING', 'u'],
      ['SADD', 'q', '4'],
      ['SUNIONSTORE', 'u', 'p', 'q'],
      ['OBJECT', 'ENCODING', 'u'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '0'],
      ['SADD', 'z', '1'],
      ['OBJECT', 'ENCODING', 'z'],
      ['SMOVE', 'p', 'zz', '1'],
      ['OBJECT', 'ENCODING', 'zz'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '512'],
    ]);
  });

  it('COPY keeps the encoding', () =>
    d.run([
      ['SADD', 'i', '3', '1', '2'],
      ['COPY', 'i', 'i2'],
      ['OBJECT', 'ENCODING', 'i2'],
      ['SMEMBERS', 'i2'],
      ['SADD', 'h', 'a', '1'],
      ['SREM', 'h', 'a'],
      ['COPY', 'h', 'h2'],
      ['OBJECT', 'ENCODING', 'h2'],
      ['SMEMBERS', 'h2'],
    ]));
});

describe('SMOVE', () => {
  const d = useDiff();

  it('moves a member, creating and deleting keys', () =>
    d.run([
      ['SADD', 'src', 'a', 'b'],
      ['SMOVE', 'src', 'dst', 'a'],
      ['SMEMBERS', 'src'],
      ['SMEMBERS', 'dst'],
      ['OBJECT', 'ENCODING', 'dst'],
      ['SMOVE', 'src', 'dst', 'x'],
      ['EXISTS', 'dst'],
      ['SMOVE', 'src', 'dst', 'b'],
      ['EXISTS', 'src'],
      U('SMEMBERS', 'dst'),
      ['SMOVE', 'dst', 'dst', 'a'],
      ['SMOVE', 'dst', 'dst', 'zz'],
      ['SCARD', 'dst'],
    ]));

  it('a member already in the destination still leaves the source', () =>
    d.run([
      ['SADD', 'src', 'a', 'b'],
      ['SADD', 'dst', 'a'],
      ['SMOVE', 'src', 'dst', 'a'],
      ['SMEMBERS', 'src'],
      ['SMEMBERS', 'dst'],
    ]));

  it('the destination encoding follows the moved member', () =>
    d.run([
      ['SADD', 'src', '5', 'x', '7'],
      ['SMOVE', 'src', 'ints', '5'],
      ['OBJECT', 'ENCODING', 'ints'],
      ['SMOVE', 'src', 'ints', '7'],
      ['SMEMBERS', 'ints'],
      ['SMOVE', 'src', 'ints', 'x'],
      ['OBJECT', 'ENCODING', 'ints'],
      U('SMEMBERS', 'ints'),
      ['SADD', 'a', 'q'],
      ['SMOVE', 'a', 'b', 'q'],
      ['OBJECT', 'ENCODING', 'b'],
    ]));

  it('WRONGTYPE unless the source is missing', async () => {
    await d.run([['SET', 'str', 'x']]);
    await d.run([
      ['SMOVE', 'missing', 'str', 'a'],
      ['SMOVE', 'str', 'missing', 'a'],
      ['SMOVE', 'str', 'str', 'a'],
      ['SADD', 's', 'a'],
      ['SMOVE', 's', 'str', 'a'],
      ['SMOVE', 's', 'str', 'zz'],
      ['SMOVE', 'str', 's', 'a'],
      ['SMEMBERS', 's'],
      ['GET', 'str'],
    ]);
  });

  it('keeps the destination TTL, and the source TTL while it has members', () =>
    d.run([
      ['SADD', 'src', 'a', 'b'],
      ['SADD', 'dst', 'c'],
      ['EXPIRE', 'src', '500'],
      ['EXPIRE', 'dst', '1000'],
      ['SMOVE', 'src', 'dst', 'a'],
      ['TTL', 'src'],
      ['TTL', 'dst'],
      ['SMOVE', 'src', 'new', 'b'],
      ['TTL', 'new'],
      ['TTL', 'src'],
    ]));
});

describe('RESP3 reply types', () => {
  const d = useDiff();

  it('sets as ~, members and counts as before', async () => {
    await resp3(d);
    await d.run([
      ['SMEMBERS', 'missing'],
      ['SINTER', 'missing', 'x'],
      ['SUNION', 'missing'],
      ['SDIFF', 'missing'],
      ['SADD', 's', '3', '1', '2'],
      ['SMEMBERS', 's'],
      ['SINTER', 's', 's'],
      ['SUNION', 's', 'missing'],
      ['SDIFF', 's', 'missing'],
      ['SMISMEMBER', 's', '1', '9'],
      ['SISMEMBER', 's', '1'],
      ['SCARD', 's'],
      ['SINTERCARD', '1', 's'],
      ['SADD', 'h', 'a', 'b'],
      U('SMEMBERS', 'h'),
      U('SUNION', 'h', 's'),
      ['SPOP', 'missing'],
      ['SRANDMEMBER', 'missing'],
      ['SPOP', 'missing', '3'],
      ['SPOP', 's', '0'],
      ['SRANDMEMBER', 'missing', '3'],
      ['SRANDMEMBER', 's', '0'],
      ['SRANDMEMBER', 's', '5'],
      ['SSCAN', 's', '0'],
      ['SSCAN', 'missing', '0'],
      ['SPOP', 's', '10'],
    ]);
  });
});

describe('SMEMBERS on larger sets', () => {
  const d = useDiff();

  it('sorted integers up to the threshold, any order past it', async () => {
    const ints = range(-300, 211).reverse();
    await d.run([['SADD', 'i', ...ints], ['SCARD', 'i'], ['SMEMBERS', 'i'], ['SADD', 'h', ...range(0, 700, 'm')], U('SMEMBERS', 'h')]);
    const members = await expectSameMembers(d, 'h');
    expect(members.length).toBe(701);
  });
});
