// SHUTDOWN's error paths against the real server (never a SHUTDOWN that would succeed: that
// would stop the shared redis-server). The successful paths are tested on our TCP server in
// test/server/server.test.ts.
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

describe('SHUTDOWN (error paths)', () => {
  const d = useDiff();

  it('ABORT with no shutdown in progress', () =>
    d.run([
      ['SHUTDOWN', 'ABORT'],
      ['shutdown', 'abort', 'ABORT'],
      ['SHUTDOWN', 'abort\x00tail'],
    ]));

  it('rejects unknown options and illegal combinations', () =>
    d.run([
      ['SHUTDOWN', 'SAVE', 'NOSAVE'],
      ['SHUTDOWN', 'nosave', 'save'],
      ['SHUTDOWN', 'NOSAVE', 'ABORT'],
      ['SHUTDOWN', 'NOW', 'ABORT'],
      ['SHUTDOWN', 'FORCE', 'ABORT'],
      ['SHUTDOWN', 'ABORT', 'SAVE'],
      ['SHUTDOWN', 'foo'],
      ['SHUTDOWN', ''],
      ['SHUTDOWN', 'NOSAVE', 'NOW', 'bogus'],
      ['SHUTDOWN', 'savex'],
    ]));

  it('is refused inside MULTI', () => d.run([['MULTI'], ['SHUTDOWN', 'NOSAVE'], ['EXEC']]));
});
