// HASH group, part 1: every command's replies and errors against the real server, listpack
// hashes (insertion order, so every reply compares byte for byte), RESP3, course scenarios.
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';
import { makeList, resp3 } from './strings-support.js';

const MAX = '9223372036854775807';
const MIN = '-9223372036854775808';
const KO = '\xec\x95\x88'; // 안 in UTF-8

describe('HSET, HMSET, HSETNX, HGET, HMGET', () => {
  const d = useDiff();

  it('set, update, read', () =>
    d.run([
      ['HSET', 'h', 'a', '1', 'b', '2'],
      ['HSET', 'h', 'a', '10', 'c', '3'],
      ['HSET', 'h', 'a', '11', 'a', '12'],
      ['hset', 'h', 'd', '4'],
      ['HGET', 'h', 'a'],
      ['HGET', 'h', 'zz'],
      ['HGET', 'nokey', 'a'],
      ['HMSET', 'h', 'e', '5', 'b', '20'],
      ['HMGET', 'h', 'a', 'zz', 'b', 'e', 'a'],
      ['HMGET', 'nokey', 'a', 'b'],
      ['HGETALL', 'h'],
      ['HLEN', 'h'],
      ['TYPE', 'h'],
      ['OBJECT', 'ENCODING', 'h'],
    ]));

  it('HSETNX', () =>
    d.run([
      ['HSETNX', 'h', 'a', '1'],
      ['HSETNX', 'h', 'a', '2'],
      ['HSETNX', 'h', 'b', ''],
      ['HGETALL', 'h'],
      ['HSETNX', 'new', 'f', 'v'],
      ['HGETALL', 'new'],
    ]));

  it('arity errors, including an odd number of HSET arguments', () =>
    d.run([
      ['HSET', 'h', 'a', '1', 'b'],
      ['HSET', 'h', 'a'],
      ['HSET', 'h'],
      ['HMSET', 'h', 'a', '1', 'b'],
      ['HMSET', 'h', 'a'],
      ['HSETNX', 'h', 'a'],
      ['HSETNX', 'h', 'a', 'b', 'c'],
      ['HGET', 'h'],
      ['HGET', 'h', 'a', 'b'],
      ['HMGET', 'h'],
      ['EXISTS', 'h'],
      ['HDEL', 'h'],
      ['HLEN'],
      ['HLEN', 'h', 'x'],
      ['HSTRLEN', 'h'],
      ['HEXISTS', 'h'],
      ['HKEYS'],
      ['HVALS', 'a', 'b'],
      ['HGETALL'],
      ['HINCRBY', 'h', 'f'],
      ['HINCRBYFLOAT', 'h', 'f', '1', '2'],
      ['HRANDFIELD'],
      ['HSCAN', 'h'],
    ]));

  it('binary-safe fields and values: empty, NUL, non-ASCII', () =>
    d.run([
      ['HSET', 'h', '', '', KO, '\xff', '\x00', 'a\x00b', 'f', '\r\n'],
      ['HGET', 'h', ''],
      ['HGET', 'h', KO],
      ['HGET', 'h', '\x00'],
      ['HGET', 'h', '\x00\x00'],
      ['HSTRLEN', 'h', KO],
      ['HSTRLEN', 'h', '\x00'],
      ['HEXISTS', 'h', ''],
      ['HGETALL', 'h'],
      ['HKEYS', 'h'],
      ['HVALS', 'h'],
      ['HSET', KO, KO, KO],
      ['HGETALL', KO],
    ]));

  it('integer-looking fields are just bytes', () =>
    d.run([
      ['HSET', 'h', '1', 'a', '10', 'b', '-5', 'c', MAX, 'd', MIN, 'e'],
      ['HGET', 'h', '01'],
      ['HGET', 'h', '+1'],
      ['HGET', 'h', '1'],
      ['HGET', 'h', '-5'],
      ['HGET', 'h', '-05'],
      ['HGET', 'h', MIN],
      ['HSET', 'h', '01', 'x'],
      ['HGETALL', 'h'],
      ['HSET', 'n', 'a', '12345678901234567890', 'b', '-123', 'c', '007', 'd', '1.50'],
      ['HSTRLEN', 'n', 'a'],
      ['HSTRLEN', 'n', 'b'],
      ['HSTRLEN', 'n', 'c'],
      ['HSTRLEN', 'n', 'd'],
      ['HVALS', 'n'],
    ]));

  it('WRONGTYPE for every command on a string and a list', async () => {
    await makeList(d, 'l');
    const steps: string[][] = [['SET', 's', 'v']];
    for (const k of ['s', 'l']) {
      steps.push(
        ['HSET', k, 'a', '1'],
        ['HMSET', k, 'a', '1'],
        ['HSETNX', k, 'a', '1'],
        ['HGET', k, 'a'],
        ['HMGET', k, 'a'],
        ['HDEL', k, 'a'],
        ['HLEN', k],
        ['HSTRLEN', k, 'a'],
        ['HEXISTS', k, 'a'],
        ['HKEYS', k],
        ['HVALS', k],
        ['HGETALL', k],
        ['HINCRBY', k, 'a', '1'],
        ['HINCRBYFLOAT', k, 'a', '1'],
        ['HRANDFIELD', k],
        ['HRANDFIELD', k, '1'],
        ['HRANDFIELD', k, '-1', 'WITHVALUES'],
        ['HSCAN', k, '0'],
      );
    }
    steps.push(['HSET', 's', 'a', '1', 'b'], ['HINCRBY', 's', 'a', 'x'], ['HSCAN', 's', 'x'], ['HRANDFIELD', 's', 'x'], ['GET', 's']);
    await d.run(steps);
  });

  it('writes keep the TTL', () =>
    d.run([
      ['HSET', 'h', 'a', '1'],
      ['EXPIRE', 'h', '1000'],
      ['HSET', 'h', 'b', '2'],
      ['HSETNX', 'h', 'c', '3'],
      ['HINCRBY', 'h', 'a', '1'],
      ['HINCRBYFLOAT', 'h', 'a', '1.5'],
      ['HDEL', 'h', 'b'],
      ['TTL', 'h'],
      ['HGETALL', 'h'],
    ]));
});

describe('HDEL, HLEN, HSTRLEN, HEXISTS, HKEYS, HVALS, HGETALL', () => {
  const d = useDiff();

  it('delete fields, then the key once empty', () =>
    d.run([
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
      ['HDEL', 'h', 'a', 'a', 'zz'],
      ['HLEN', 'h'],
      ['HGETALL', 'h'],
      ['HDEL', 'h', 'b', 'c', 'b', 'zz'],
      ['EXISTS', 'h'],
      ['HDEL', 'h', 'a'],
      ['HDEL', 'nokey', 'a', 'b'],
      ['HSET', 'h', 'x', '1'],
      ['HKEYS', 'h'],
    ]));

  it('missing keys', () =>
    d.run([
      ['HLEN', 'x'],
      ['HSTRLEN', 'x', 'f'],
      ['HEXISTS', 'x', 'f'],
      ['HKEYS', 'x'],
      ['HVALS', 'x'],
      ['HGETALL', 'x'],
      ['HSET', 'h', 'f', 'v'],
      ['HSTRLEN', 'h', 'nof'],
      ['HEXISTS', 'h', 'nof'],
      ['HEXISTS', 'h', 'f'],
      ['HEXISTS', 'h', 'F'],
    ]));

  it('insertion order, updates in place, re-added fields at the end', () =>
    d.run([
      ['HSET', 'h', 'b', '1', 'a', '2', 'c', '3', 'd', '4'],
      ['HSET', 'h', 'a', '20'],
      ['HDEL', 'h', 'b'],
      ['HSET', 'h', 'b', '10'],
      ['HINCRBY', 'h', 'c', '5'],
      ['HGETALL', 'h'],
      ['HKEYS', 'h'],
      ['HVALS', 'h'],
      ['HSCAN', 'h', '0'],
    ]));

  it('RESP3: HGETALL is a map, empty ones too; nils are nulls', async () => {
    await resp3(d);
    await d.run([
      ['HGETALL', 'x'],
      ['HKEYS', 'x'],
      ['HGET', 'x', 'f'],
      ['HMGET', 'x', 'f', 'g'],
      ['HSET', 'h', 'a', '1', 'b', '2'],
      ['HGETALL', 'h'],
      ['HKEYS', 'h'],
      ['HVALS', 'h'],
      ['HMGET', 'h', 'a', 'zz'],
      ['HLEN', 'h'],
      ['HRANDFIELD', 'x'],
      ['HRANDFIELD', 'x', '2'],
      ['HRANDFIELD', 'h', '5', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '2', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '0', 'WITHVALUES'],
      ['HSCAN', 'h', '0'],
      ['HSCAN', 'x', '0'],
      ['HINCRBYFLOAT', 'h', 'a', '0.5'],
    ]);
  });
});

describe('HINCRBY', () => {
  const d = useDiff();

  it('counts from a missing field and key', () =>
    d.run([
      ['HINCRBY', 'h', 'n', '1'],
      ['HINCRBY', 'h', 'n', '-10'],
      ['HINCRBY', 'h', 'n', '0'],
      ['HINCRBY', 'h', 'm', '-5'],
      ['HGETALL', 'h'],
      ['HINCRBY', 'h', 'n', '9007199254740991'],
      ['HINCRBY', 'h', 'n', '100'],
      ['HGET', 'h', 'n'],
    ]));

  it('int64 limits and overflow', () =>
    d.run([
      ['HINCRBY', 'h', 'a', MAX],
      ['HINCRBY', 'h', 'a', '1'],
      ['HINCRBY', 'h', 'a', '0'],
      ['HINCRBY', 'h', 'a', MIN],
      ['HINCRBY', 'h', 'b', MIN],
      ['HINCRBY', 'h', 'b', '-1'],
      ['HINCRBY', 'h', 'b', MAX],
      ['HSET', 'h', 'c', '5000000000000000000'],
      ['HINCRBY', 'h', 'c', '5000000000000000000'],
      ['HINCRBY', 'h', 'c', '-5000000000000000000'],
      ['HINCRBY', 'h', 'c', '-9000000000000000000'],
      ['HINCRBY', 'h', 'c', '-9000000000000000000'],
      ['HGETALL', 'h'],
    ]));

  it('errors: increment first, then type, then stored value', () =>
    d.run([
      ['SET', 's', 'v'],
      ['HINCRBY', 's', 'f', 'x'],
      ['HINCRBY', 's', 'f', '1'],
      ['HINCRBY', 'h', 'f', '9223372036854775808'],
      ['HINCRBY', 'h', 'f', '1.5'],
      ['HINCRBY', 'h', 'f', ''],
      ['HINCRBY', 'h', 'f', ' 1'],
      ['HINCRBY', 'h', 'f', '01'],
      ['HINCRBY', 'h', 'f', '-0'],
      ['HINCRBY', 'h', 'f', '+1'],
      ['EXISTS', 'h'],
      ['HSET', 'h', 'a', '1.5', 'b', ' 1', 'c', '01', 'd', '', 'e', 'abc', 'f', '9223372036854775808', 'g', '-0'],
      ['HINCRBY', 'h', 'a', '1'],
      ['HINCRBY', 'h', 'b', '1'],
      ['HINCRBY', 'h', 'c', '1'],
      ['HINCRBY', 'h', 'd', '1'],
      ['HINCRBY', 'h', 'e', '1'],
      ['HINCRBY', 'h', 'f', '1'],
      ['HINCRBY', 'h', 'g', '1'],
      ['HINCRBY', 'h', 'e', 'x'],
      ['HGETALL', 'h'],
    ]));
});

describe('HINCRBYFLOAT', () => {
  const d = useDiff();

  it('long double arithmetic and formatting', () =>
    d.run([
      ['HINCRBYFLOAT', 'h', 'f', '0.1'],
      ['HINCRBYFLOAT', 'h', 'f', '0.2'],
      ['HINCRBYFLOAT', 'h', 'f', '-0.3'],
      ['HINCRBYFLOAT', 'h', 'g', '10.5'],
      ['HINCRBYFLOAT', 'h', 'g', '-5.0e3'],
      ['HINCRBYFLOAT', 'h', 'g', '0x10'],
      ['HINCRBYFLOAT', 'h', 'g', '1e-20'],
      ['HINCRBYFLOAT', 'h', 'i', '3'],
      ['HINCRBYFLOAT', 'h', 'i', '1.23456789012345678'],
      ['HINCRBYFLOAT', 'h', 'big', '1e40'],
      ['HINCRBYFLOAT', 'h', 'huge', '1e4000'],
      ['HINCRBYFLOAT', 'h', 'huge', '1'],
      ['HSET', 'h', 'n', '5', 'm', MAX],
      ['HINCRBYFLOAT', 'h', 'n', '0.5'],
      ['HINCRBYFLOAT', 'h', 'm', '1'],
      ['HINCRBYFLOAT', 'h', 'neg', '-0'],
      ['HGET', 'h', 'f'],
      ['OBJECT', 'ENCODING', 'h'],
    ]));

  it('its own order of errors', () =>
    d.run([
      ['SET', 's', 'v'],
      ['HINCRBYFLOAT', 's', 'f', 'abc'],
      ['HINCRBYFLOAT', 's', 'f', 'inf'],
      ['HINCRBYFLOAT', 's', 'f', '-inf'],
      ['HINCRBYFLOAT', 's', 'f', 'Infinity'],
      ['HINCRBYFLOAT', 's', 'f', 'nan'],
      ['HINCRBYFLOAT', 's', 'f', ''],
      ['HINCRBYFLOAT', 's', 'f', ' 1'],
      ['HINCRBYFLOAT', 's', 'f', '1e99999'],
      ['HINCRBYFLOAT', 's', 'f', '1'],
      ['HSET', 'h', 'a', 'abc', 'b', 'inf', 'c', ' 1', 'd', '', 'e', '-inf', 'f', '1e5000', 'g', 'nan'],
      ['HINCRBYFLOAT', 'h', 'a', '1'],
      ['HINCRBYFLOAT', 'h', 'a', 'inf'],
      ['HINCRBYFLOAT', 'h', 'b', '1'],
      ['HINCRBYFLOAT', 'h', 'c', '1'],
      ['HINCRBYFLOAT', 'h', 'd', '1'],
      ['HINCRBYFLOAT', 'h', 'e', '1'],
      ['HINCRBYFLOAT', 'h', 'f', '1'],
      ['HINCRBYFLOAT', 'h', 'g', '1'],
      ['HSET', 'h', 'max', '1.18e4932'],
      ['HINCRBYFLOAT', 'h', 'max', '1.18e4932'],
      ['HGETALL', 'h'],
    ]));
});

describe('HRANDFIELD: deterministic cases', () => {
  const d = useDiff();

  it('count 0, counts covering the whole hash, single-field hashes', () =>
    d.run([
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
      ['HRANDFIELD', 'h', '0'],
      ['HRANDFIELD', 'h', '0', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '3'],
      ['HRANDFIELD', 'h', '4', 'WITHVALUES'],
      ['HRANDFIELD', 'h', MAX],
      ['HRANDFIELD', 'h', '4611686018427387903', 'WITHVALUES'],
      ['HSET', 'one', 'f', 'v'],
      ['HRANDFIELD', 'one'],
      ['HRANDFIELD', 'one', '1'],
      ['HRANDFIELD', 'one', '-3'],
      ['HRANDFIELD', 'one', '-3', 'WITHVALUES'],
      ['HRANDFIELD', 'one', '5', 'withvalues'],
      ['HRANDFIELD', 'nokey'],
      ['HRANDFIELD', 'nokey', '5'],
      ['HRANDFIELD', 'nokey', '-5', 'WITHVALUES'],
    ]));

  it('errors: count first, then the option, then ranges, then the key', () =>
    d.run([
      ['SET', 's', 'v'],
      ['HSET', 'h', 'a', '1'],
      ['HRANDFIELD', 'h', 'x'],
      ['HRANDFIELD', 'h', '1.5'],
      ['HRANDFIELD', 'h', ''],
      ['HRANDFIELD', 'h', MIN],
      ['HRANDFIELD', 'h', '9223372036854775808'],
      ['HRANDFIELD', 'h', '1', 'WITHVALUE'],
      ['HRANDFIELD', 'h', '1', 'WITHVALUES', 'x'],
      ['HRANDFIELD', 'h', '1', 'x', 'y'],
      ['HRANDFIELD', 'nokey', '1', 'x'],
      ['HRANDFIELD', 's', '1', 'x'],
      ['HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES'],
      ['HRANDFIELD', 'h', MIN, 'WITHVALUES'],
      ['HRANDFIELD', 'nokey', '4611686018427387904', 'WITHVALUES'],
      ['HRANDFIELD', 's', '4611686018427387904', 'WITHVALUES'],
      ['HRANDFIELD', 's', '-2'],
    ]));
});

describe('HSCAN on listpack hashes', () => {
  const d = useDiff();

  it('returns everything with cursor 0, MATCH filters fields', () =>
    d.run([
      ['HSET', 'h', 'a1', 'x', 'b1', 'a1', 'a2', 'z', KO, '1', '', 'e'],
      ['HSCAN', 'h', '0'],
      ['HSCAN', 'h', '12345'],
      ['HSCAN', 'h', '0', 'MATCH', 'a*'],
      ['HSCAN', 'h', '0', 'MATCH', '*1', 'COUNT', '1'],
      ['HSCAN', 'h', '0', 'COUNT', '1000', 'MATCH', 'zz*'],
      ['HSCAN', 'h', '0', 'MATCH', '*'],
      ['HSCAN', 'h', '0', 'match', '\xec*'],
      ['HSCAN', 'h', '0', 'MATCH', 'a*', 'MATCH', 'b*'],
      ['HSCAN', 'h', '18446744073709551615'],
      ['HSCAN', 'h', '-1'],
    ]));

  it('errors and a missing key', () =>
    d.run([
      ['HSET', 'h', 'a', '1'],
      ['HSCAN', 'h', 'x'],
      ['HSCAN', 'h', '18446744073709551616'],
      ['HSCAN', 'h', ' 1'],
      ['HSCAN', 'h', '0', 'COUNT', '0'],
      ['HSCAN', 'h', '0', 'COUNT', '-1'],
      ['HSCAN', 'h', '0', 'COUNT', 'x'],
      ['HSCAN', 'h', '0', 'COUNT'],
      ['HSCAN', 'h', '0', 'MATCH'],
      ['HSCAN', 'h', '0', 'TYPE', 'string'],
      ['HSCAN', 'h', '0', 'NOVALUES'],
      ['HSCAN', 'h', '0', 'COUNT', '5', 'junk'],
      ['HSCAN', 'nokey', '0'],
      ['HSCAN', 'nokey', '0', 'COUNT', '0', 'junk'],
      ['HSCAN', 'nokey', 'x'],
    ]));
});

describe('course scenarios', () => {
  const d = useDiff();

  it('user01 and user02 with name and age', () =>
    d.run([
      ['HSET', 'user01', 'name', 'Kim', 'age', '30'],
      ['HSET', 'user02', 'name', 'Lee', 'age', '25'],
      ['HGET', 'user01', 'name'],
      ['HGET', 'user02', 'age'],
      ['HGETALL', 'user01'],
      ['HMGET', 'user02', 'name', 'age'],
      ['HKEYS', 'user01'],
      ['HVALS', 'user02'],
      ['HLEN', 'user01'],
      ['HEXISTS', 'user01', 'email'],
    ]));

  it("'hat:56854717' quantity and npurchased", () =>
    d.run([
      ['HSET', 'hat:56854717', 'quantity', '199', 'npurchased', '0'],
      ['HGET', 'hat:56854717', 'quantity'],
      ['HINCRBY', 'hat:56854717', 'quantity', '-1'],
      ['HINCRBY', 'hat:56854717', 'npurchased', '1'],
      ['HGETALL', 'hat:56854717'],
    ]));

  it('sessions:<id> set from a mapping, read, deleted', () =>
    d.run([
      ['HSET', 'sessions:8c8a3d4e', 'user_id', '42', 'created', '1700000000', 'ip', '127.0.0.1'],
      ['HGETALL', 'sessions:8c8a3d4e'],
      ['EXPIRE', 'sessions:8c8a3d4e', '1800'],
      ['TTL', 'sessions:8c8a3d4e'],
      ['DEL', 'sessions:8c8a3d4e'],
      ['HGETALL', 'sessions:8c8a3d4e'],
      ['EXISTS', 'sessions:8c8a3d4e'],
    ]));

  it("'user:1' with name, email and age", async () => {
    await d.run([
      ['HSET', 'user:1', 'name', 'Alice', 'email', 'alice@example.com', 'age', '29'],
      ['HINCRBY', 'user:1', 'age', '1'],
      ['HGET', 'user:1', 'age'],
      ['HGETALL', 'user:1'],
      ['OBJECT', 'ENCODING', 'user:1'],
    ]);
    await resp3(d);
    await d.run([['HGETALL', 'user:1']]);
  });
});
