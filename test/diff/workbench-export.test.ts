// A workbench script exported as a `.redis` file runs as it is with `redis-cli < file` against
// the real Redis 7.0, and prints what the workbench prints for the same script in redis-cli's
// raw form (a redis-cli reading a file, not a terminal, prints replies raw).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSession } from '../../src/cli/session.js';
import { WorkbenchConnection } from '../../src/ui/workbench/connection.js';
import { runScript, scriptLines, type Card } from '../../src/ui/workbench/runner.js';
import { exportScript } from '../../src/ui/workbench/script-file.js';
import { engineRig } from '../engine-rig.js';
import { startRealRedis, type RealRedis } from './harness.js';

const SCRIPT = `# a leaderboard, a hash and a few mistakes
ZADD board 10 ann 20 "bob smith" 15 '안녕'
ZRANGE board 0 -1 WITHSCORES
HSET user:1 name "Kim \\"K\\"" age 30
HGETALL user:1

INCR user:1
SET counter 41
INCR counter
GET "counter"
DEL nope
LPUSH list a b c
LRANGE list 0 -1
NOSUCHCOMMAND x
GET`;

let real: RealRedis;
beforeAll(async () => {
  real = await startRealRedis();
});
afterAll(async () => {
  await real.stop();
});

describe('an exported script', () => {
  it('runs through the real redis-cli against the real redis-server, with the workbench’s output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbench-'));
    const file = join(dir, 'script.redis');
    writeFileSync(file, exportScript(SCRIPT));
    const cli = spawnSync('sh', ['-c', `redis-cli -h 127.0.0.1 -p ${real.port} < "${file}"`], { encoding: 'utf8', timeout: 10_000 });
    expect(cli.status).toBe(0);
    // No "#" line reached the server: every error is one the script meant.
    expect(cli.stdout).not.toContain("unknown command '#'");

    const rig = await engineRig();
    try {
      const cards: Card[] = [];
      await runScript(
        scriptLines(SCRIPT),
        new WorkbenchConnection(rig.engine),
        new CliSession({ specs: rig.engine.commands, mode: 'raw' }),
        { mode: 'each', stopOnError: false },
        (c) => cards.push(c),
      );
      expect(cards.map((c) => c.output).join('')).toBe(cli.stdout);
    } finally {
      rig.close();
    }
    const check = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(real.port), 'GET', 'counter'], { encoding: 'utf8' });
    expect(check.stdout).toBe('42\n');
  });
});
