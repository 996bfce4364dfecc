// STRING group, part 4: the proto-max-bulk-len limit (set to its 1 MB minimum on both sides so
// the limit is reachable without half a gigabyte): SETRANGE, APPEND and LCS's table.
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

const LIMIT = 1024 * 1024;

describe('proto-max-bulk-len', () => {
  const d = useDiff({
    redisArgs: ['--proto-max-bulk-len', String(LIMIT)],
    engine: { config: { 'proto-max-bulk-len': String(LIMIT) } },
  });

  it('SETRANGE up to the limit and past it', () =>
    d.run([
      ['SETRANGE', 'k', String(LIMIT), 'x'],
      ['SETRANGE', 'k', String(LIMIT - 2), 'xyz'],
      ['SETRANGE', 'k', String(LIMIT - 1), 'x'],
      ['STRLEN', 'k'],
      ['GETRANGE', 'k', '-3', '-1'],
      ['GETRANGE', 'k', '0', '3'],
      ['SETRANGE', 'k', String(LIMIT - 1), 'y'],
      ['SETRANGE', 'k', String(LIMIT), 'y'],
      ['SETRANGE', 'k', String(LIMIT), ''],
      ['GETRANGE', 'k', '-2', '-1'],
    ]));

  it('APPEND up to the limit and past it', () =>
    d.run([
      ['SETRANGE', 'k', String(LIMIT - 10), 'abc'],
      ['APPEND', 'k', 'x'.repeat(7)],
      ['APPEND', 'k', 'y'],
      ['APPEND', 'k', ''],
      ['STRLEN', 'k'],
      ['APPEND', 'new', 'x'.repeat(1000)],
    ]));

  it('LCS refuses a table larger than the limit', () =>
    d.run([
      ['MSET', 'a', 'ab'.repeat(250), 'b', 'ba'.repeat(250), 'c', 'ab'.repeat(300), 'e', 'x'],
      ['LCS', 'a', 'b', 'LEN'],
      ['LCS', 'a', 'c', 'LEN'],
      ['LCS', 'c', 'c'],
      ['LCS', 'c', 'e', 'IDX'],
      ['LCS', 'a', 'a', 'IDX', 'MINMATCHLEN', '100', 'WITHMATCHLEN'],
    ]));
});
