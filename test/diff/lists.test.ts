// LIST group, part 1: LPUSH/RPUSH/LPUSHX/RPUSHX, LPOP/RPOP (with count), LLEN, LINDEX, LRANGE,
// LSET, LINSERT, LREM, LTRIM; deletion of emptied lists, OBJECT ENCODING, RESP3 replies, arity,
// WRONGTYPE, and the course's task-queue examples.
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';
import { expectEncoding, expectExists, resp3 } from './strings-support.js';

const HANGUL = '\xec\x95\x88'; // 안 in UTF-8
const I64_MAX = '9223372036854775807';
const I64_MIN = '-9223372036854775808';

describe('course examples', () => {
  const d = useDiff();

  it('task list: LPUSH/RPUSH, LPOP/RPOP, LRANGE of other and missing lists', () =>
    d.run([
      ['LPUSH', 'tasks', 'write code'],
      ['RPUSH', 'tasks', 'test code'],
      ['LPOP', 'tasks'],
      ['RPOP', 'tasks'],
      ['EXISTS', 'tasks'],
      ['RPUSH', 'tasks', 'write code', 'review code', 'test code'],
      ['LRANGE', 'tasks', '0', '-1'],
      ['LPUSH', 'other_tasks', 'write code 2'],
      ['LRANGE', 'other_tasks', '0', '-1'],
      ['LRANGE', 'no_exist_tasks', '0', '-1'],
      ['TYPE', 'tasks'],
      ['OBJECT', 'ENCODING', 'tasks'],
    ]));

  it('job queue: RPUSH jobs from producers, a worker LPOPs until nil', () =>
    d.run([
      ['RPUSH', 'job_queue', 'job1'],
      ['RPUSH', 'job_queue', 'job2'],
      ['RPUSH', 'job_queue', 'job3'],
      ['LPOP', 'job_queue'],
      ['RPUSH', 'job_queue', 'job4'],
      ['RPUSH', 'job_queue', 'job5'],
      ['RPUSH', 'job_queue', 'job6'],
      ['RPUSH', 'job_queue', 'job7'],
      ['RPUSH', 'job_queue', 'job8'],
      ['LLEN', 'job_queue'],
      ['LPOP', 'job_queue'],
      ['LPOP', 'job_queue'],
      ['LPOP', 'job_queue'],
      ['LPOP', 'job_queue'],
      ['LPOP', 'job_queue'],
      ['LPOP', 'job_queue'],
      ['LPOP', 'job_queue'],
      ['LPOP', 'job_queue'],
      ['EXISTS', 'job_queue'],
    ]));
});

describe('LPUSH / RPUSH / LPUSHX / RPUSHX', () => {
  const d = useDiff();

  it('push order, lengths, binary and empty elements', () =>
    d.run([
      ['LPUSH', 'l', 'a', 'b', 'c'],
      ['RPUSH', 'l', 'x', 'y'],
      ['LRANGE', 'l', '0', '-1'],
      ['LPUSH', 'l', ''],
      ['RPUSH', 'l', HANGUL, '\xff\x00\r\n'],
      ['LRANGE', 'l', '0', '-1'],
      ['RPUSH', '', ''],
      ['LRANGE', '', '0', '-1'],
      ['LLEN', ''],
      ['lpush', 'l', 'lower'],
      ['LINDEX', 'l', '0'],
    ]));

  it('integers keep their exact text (no canonical reformatting)', () =>
    d.run([
      ['RPUSH', 'n', '007', '-0', '+1', '1.0', I64_MAX, I64_MIN, '9223372036854775808', '00', '0', ' 1', '1e3'],
      ['LRANGE', 'n', '0', '-1'],
      ['LPOS', 'n', '0'],
      ['LPOS', 'n', '-0'],
    ]));

  it('X variants only push onto existing lists', () =>
    d.run([
      ['LPUSHX', 'l', 'a'],
      ['RPUSHX', 'l', 'a', 'b'],
      ['EXISTS', 'l'],
      ['RPUSH', 'l', 'm'],
      ['LPUSHX', 'l', 'a', 'b'],
      ['RPUSHX', 'l', 'y', 'z'],
      ['LRANGE', 'l', '0', '-1'],
    ]));

  it('WRONGTYPE and arity', () =>
    d.run([
      ['SET', 's', 'v'],
      ['LPUSH', 's', 'a'],
      ['RPUSH', 's', 'a'],
      ['LPUSHX', 's', 'a'],
      ['RPUSHX', 's', 'a'],
      ['LPUSH', 'l'],
      ['RPUSH', 'l'],
      ['LPUSHX', 'l'],
      ['RPUSHX'],
      ['GET', 's'],
    ]));

  it('a list is a quicklist at every size, and keeps its TTL when pushed to', async () => {
    await d.run([['RPUSH', 'l', 'a']]);
    await expectEncoding(d, 'l');
    const many = Array.from({ length: 300 }, (_, i) => 'element-' + i);
    await d.run([
      ['RPUSH', 'l', ...many],
      ['LLEN', 'l'],
    ]);
    await expectEncoding(d, 'l');
    await d.run([['RPUSH', 'big', 'x'.repeat(10000)]]);
    await expectEncoding(d, 'big');
    await d.run([
      ['EXPIRE', 'l', '1000'],
      ['LPUSH', 'l', 'z'],
      ['TTL', 'l'],
      ['LPOP', 'l'],
      ['TTL', 'l'],
    ]);
  });
});

describe('LPOP / RPOP', () => {
  const d = useDiff();

  it('single pops and deletion of the emptied list', async () => {
    await d.run([
      ['RPUSH', 'l', 'a', 'b', 'c'],
      ['LPOP', 'l'],
      ['RPOP', 'l'],
      ['LPOP', 'l'],
      ['LPOP', 'l'],
      ['RPOP', 'l'],
      ['TYPE', 'l'],
    ]);
    await expectExists(d, 'l', false);
  });

  it('with count: order, clamping, count 0, missing key', () =>
    d.run([
      ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
      ['LPOP', 'l', '2'],
      ['RPOP', 'l', '2'],
      ['LPOP', 'l', '0'],
      ['RPOP', 'l', '0'],
      ['LRANGE', 'l', '0', '-1'],
      ['RPOP', 'l', '10'],
      ['EXISTS', 'l'],
      ['LPOP', 'l', '1'],
      ['RPOP', 'l', '0'],
      ['LPOP', 'l'],
      ['RPUSH', 'l', 'a', 'b'],
      ['LPOP', 'l', I64_MAX],
      ['EXISTS', 'l'],
    ]));

  it('count errors: negative, not an integer, overflow; checked before the key', () =>
    d.run([
      ['RPUSH', 'l', 'a'],
      ['LPOP', 'l', '-1'],
      ['RPOP', 'l', '-1'],
      ['LPOP', 'l', 'abc'],
      ['LPOP', 'l', ''],
      ['LPOP', 'l', '1.5'],
      ['LPOP', 'l', '9223372036854775808'],
      ['LPOP', 'l', I64_MIN],
      ['LPOP', 'missing', '-1'],
      ['SET', 's', 'v'],
      ['LPOP', 's', '-1'],
      ['LPOP', 's', '0'],
      ['LPOP', 's'],
      ['RPOP', 's', '3'],
      ['LLEN', 'l'],
    ]));

  it('arity: more than one count argument', () => d.run([['RPUSH', 'l', 'a'], ['LPOP', 'l', '1', '2'], ['RPOP', 'l', '1', '2'], ['LPOP'], ['RPOP']]));

  it('RESP3: nulls for missing keys, arrays for counts', async () => {
    await resp3(d);
    await d.run([
      ['LPOP', 'missing'],
      ['LPOP', 'missing', '0'],
      ['RPOP', 'missing', '2'],
      ['RPUSH', 'l', 'a', 'b', 'c'],
      ['LPOP', 'l', '0'],
      ['LPOP', 'l', '1'],
      ['RPOP', 'l'],
      ['RPOP', 'l', '5'],
      ['RPOP', 'l'],
    ]);
  });
});

describe('LLEN / LINDEX / LRANGE', () => {
  const d = useDiff();

  it('LLEN', () => d.run([['LLEN', 'l'], ['RPUSH', 'l', 'a', 'b'], ['LLEN', 'l'], ['SET', 's', 'v'], ['LLEN', 's'], ['LLEN'], ['LLEN', 'a', 'b']]));

  it('LINDEX: positive, negative, out of range, errors in Redis order', () =>
    d.run([
      ['RPUSH', 'l', 'a', 'b', 'c'],
      ['LINDEX', 'l', '0'],
      ['LINDEX', 'l', '2'],
      ['LINDEX', 'l', '3'],
      ['LINDEX', 'l', '-1'],
      ['LINDEX', 'l', '-3'],
      ['LINDEX', 'l', '-4'],
      ['LINDEX', 'l', I64_MAX],
      ['LINDEX', 'l', I64_MIN],
      ['LINDEX', 'l', '4294967296'],
      ['LINDEX', 'l', 'x'],
      ['LINDEX', 'l', '1.0'],
      ['LINDEX', 'l', '9223372036854775808'],
      ['LINDEX', 'missing', '0'],
      ['LINDEX', 'missing', 'x'],
      ['SET', 's', 'v'],
      ['LINDEX', 's', '0'],
      ['LINDEX', 's', 'x'],
      ['LINDEX', 'l'],
    ]));

  it('LRANGE: every index case', () => {
    const ranges: [string, string][] = [
      ['0', '-1'],
      ['0', '0'],
      ['1', '2'],
      ['-2', '-1'],
      ['-100', '100'],
      ['2', '1'],
      ['5', '10'],
      ['4', '4'],
      ['-1', '-2'],
      ['0', '-6'],
      ['0', '-5'],
      ['-5', '0'],
      [I64_MIN, I64_MAX],
      [I64_MAX, I64_MIN],
      ['3', I64_MAX],
      ['-9007199254740993', '9007199254740993'],
    ];
    return d.run([['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'], ...ranges.map(([s, e]) => ['LRANGE', 'l', s, e])]);
  });

  it('LRANGE: errors (indexes are parsed before the key is looked up)', () =>
    d.run([
      ['RPUSH', 'l', 'a'],
      ['SET', 's', 'v'],
      ['LRANGE', 'l', 'x', '1'],
      ['LRANGE', 'l', '0', 'y'],
      ['LRANGE', 'l', '', '1'],
      ['LRANGE', 'l', '0', '9223372036854775808'],
      ['LRANGE', 'missing', 'x', '1'],
      ['LRANGE', 's', 'x', '1'],
      ['LRANGE', 's', '0', '1'],
      ['LRANGE', 'missing', '0', '1'],
      ['LRANGE', 'l', '0'],
      ['LRANGE', 'l', '0', '1', '2'],
    ]));

  it('RESP3: LINDEX out of range and missing key', async () => {
    await resp3(d);
    await d.run([
      ['RPUSH', 'l', 'a'],
      ['LINDEX', 'l', '5'],
      ['LINDEX', 'missing', '0'],
      ['LRANGE', 'missing', '0', '-1'],
      ['LRANGE', 'l', '0', '-1'],
    ]);
  });
});

describe('LSET', () => {
  const d = useDiff();

  it('replaces by index, negative too', () =>
    d.run([
      ['RPUSH', 'l', 'a', 'b', 'c'],
      ['LSET', 'l', '0', 'A'],
      ['LSET', 'l', '-1', 'C'],
      ['LSET', 'l', '1', ''],
      ['LSET', 'l', '-2', HANGUL],
      ['LRANGE', 'l', '0', '-1'],
    ]));

  it('errors: no such key, index out of range, not an integer, WRONGTYPE — in Redis order', () =>
    d.run([
      ['LSET', 'missing', '0', 'x'],
      ['LSET', 'missing', 'abc', 'x'],
      ['RPUSH', 'l', 'a', 'b'],
      ['LSET', 'l', '2', 'x'],
      ['LSET', 'l', '-3', 'x'],
      ['LSET', 'l', I64_MAX, 'x'],
      ['LSET', 'l', I64_MIN, 'x'],
      ['LSET', 'l', 'abc', 'x'],
      ['LSET', 'l', '9223372036854775808', 'x'],
      ['SET', 's', 'v'],
      ['LSET', 's', '0', 'x'],
      ['LSET', 's', 'abc', 'x'],
      ['LSET', 'l', '0'],
      ['LRANGE', 'l', '0', '-1'],
    ]));
});

describe('LINSERT', () => {
  const d = useDiff();

  it('BEFORE and AFTER the first occurrence of the pivot, any case', () =>
    d.run([
      ['RPUSH', 'l', 'a', 'b', 'a', 'c'],
      ['LINSERT', 'l', 'BEFORE', 'a', 'x'],
      ['LINSERT', 'l', 'AFTER', 'a', 'y'],
      ['LINSERT', 'l', 'after', 'c', 'z'],
      ['LINSERT', 'l', 'Before', 'x', ''],
      ['LINSERT', 'l', 'AFTER', '', HANGUL],
      ['LRANGE', 'l', '0', '-1'],
    ]));

  it('missing pivot is -1, missing key is 0, errors', () =>
    d.run([
      ['LINSERT', 'missing', 'BEFORE', 'a', 'x'],
      ['EXISTS', 'missing'],
      ['RPUSH', 'l', 'a'],
      ['LINSERT', 'l', 'BEFORE', 'zz', 'x'],
      ['LINSERT', 'l', 'MIDDLE', 'a', 'x'],
      ['LINSERT', 'missing', 'MIDDLE', 'a', 'x'],
      ['LINSERT', 'l', 'BEFORE\x00junk', 'a', 'x'],
      ['LINSERT', 'l', 'BEFOREX', 'a', 'x'],
      ['SET', 's', 'v'],
      ['LINSERT', 's', 'BEFORE', 'a', 'x'],
      ['LINSERT', 's', 'MIDDLE', 'a', 'x'],
      ['LINSERT', 'l', 'BEFORE', 'a'],
      ['LRANGE', 'l', '0', '-1'],
    ]));
});

describe('LREM', () => {
  const d = useDiff();

  it('count > 0 from the head, < 0 from the tail, 0 for all', () =>
    d.run([
      ['RPUSH', 'l', 'a', 'b', 'a', 'c', 'a', 'b', 'a'],
      ['LREM', 'l', '2', 'a'],
      ['LRANGE', 'l', '0', '-1'],
      ['LREM', 'l', '-1', 'b'],
      ['LRANGE', 'l', '0', '-1'],
      ['LREM', 'l', '0', 'a'],
      ['LRANGE', 'l', '0', '-1'],
      ['LREM', 'l', '5', 'nothing'],
      ['LREM', 'l', '0', 'c'],
      ['LREM', 'l', '0', 'b'],
      ['EXISTS', 'l'],
    ]));

  it('extreme counts, missing key, errors', () =>
    d.run([
      ['RPUSH', 'l', 'x', 'y', 'x', 'x'],
      ['LREM', 'l', I64_MIN, 'y'],
      ['LREM', 'l', I64_MAX, 'nope'],
      ['LRANGE', 'l', '0', '-1'],
      ['LREM', 'l', I64_MIN, 'x'],
      ['EXISTS', 'l'],
      ['LREM', 'missing', '0', 'x'],
      ['LREM', 'missing', 'abc', 'x'],
      ['LREM', 'l', '9223372036854775808', 'x'],
      ['SET', 's', 'v'],
      ['LREM', 's', '0', 'x'],
      ['LREM', 's', 'abc', 'x'],
      ['LREM', 's', '0'],
    ]));
});

describe('LTRIM', () => {
  const d = useDiff();

  it('every index case, on fresh lists', async () => {
    const ranges: [string, string][] = [
      ['0', '-1'],
      ['1', '-1'],
      ['0', '1'],
      ['-2', '-1'],
      ['-100', '100'],
      ['2', '1'],
      ['5', '10'],
      ['4', '4'],
      ['-1', '-2'],
      ['0', '-6'],
      [I64_MIN, I64_MAX],
      [I64_MAX, I64_MIN],
      ['1', '2'],
    ];
    for (const [s, e] of ranges) {
      await d.run([
        ['DEL', 'l'],
        ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
        ['LTRIM', 'l', s, e],
        ['LRANGE', 'l', '0', '-1'],
        ['EXISTS', 'l'],
      ]);
    }
  });

  it('errors and missing key', () =>
    d.run([
      ['LTRIM', 'missing', '0', '1'],
      ['EXISTS', 'missing'],
      ['LTRIM', 'missing', 'x', '1'],
      ['RPUSH', 'l', 'a'],
      ['LTRIM', 'l', '0', 'y'],
      ['LTRIM', 'l', '9223372036854775808', '0'],
      ['SET', 's', 'v'],
      ['LTRIM', 's', '0', '1'],
      ['LTRIM', 's', 'x', '1'],
      ['LTRIM', 'l', '0'],
      ['LRANGE', 'l', '0', '-1'],
    ]));
});
