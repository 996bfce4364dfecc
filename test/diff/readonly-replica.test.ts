// A read-only replica's refusals (processCommand and scriptCall with repl_slave_ro): the
// browser's engine answers so in a tab that does not own the stored data. Real Redis is made a
// replica of a master that is not there (it never syncs, and stays read-only).
import { beforeEach, describe, it } from 'vitest';
import { useDiff } from './harness.js';

describe('a read-only replica', () => {
  const d = useDiff({ redisArgs: ['--replicaof', '127.0.0.1', '1'] });
  beforeEach(() => {
    d.engine.replicaReadOnly = true;
  });

  it('refuses writes, and a transaction that queued one; reads and the rest go on', () =>
    d.run([
      ['SET', 'k', 'v'],
      ['GET', 'k'],
      ['DEL', 'k'],
      ['FLUSHALL'],
      ['PING'],
      ['MULTI'],
      ['GET', 'k'],
      ['SET', 'k', 'v'],
      ['EXEC'],
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
      ['EVAL', "return redis.call('GET', 'k')", '0'],
      ['EVAL', "return redis.call('SET', 'k', 'v')", '0'],
      ['EVAL', "return redis.pcall('SET', 'k', 'v')", '0'],
      ['PUBLISH', 'ch', 'm'],
      ['SELECT', '3'],
    ]));
});
