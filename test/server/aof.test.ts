// The append only file on disk, between `npm run serve` and Debian's redis-server 7.0.15: the
// multi-part AOF ours writes (at start, after CONFIG SET appendonly yes, across BGREWRITEAOF)
// loads into real Redis with the same dataset and passes redis-check-aof, the files real Redis
// writes load into ours, and a truncated tail is handled as Redis handles it.

import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RespConnection, freePort } from '../diff/harness.js';
import { readDataset } from '../diff/dataset-support.js';
import { commandFor, messages, root, serve, tempDir, TIMEOUT, type Kind } from './processes.js';

/** What the server on `port` holds, read whole (dataset-support.ts). */
async function dataset(port: number): Promise<string[]> {
  const c = await RespConnection.connect(port);
  try {
    return await readDataset(c);
  } finally {
    c.close();
  }
}

/** A workload with every type and what propagation rewrites: expiries, pops, scripts, groups. */
const WORKLOAD: string[][] = [
  ['SET', 'plain', 'v'],
  ['SET', 'ttl', 'v', 'EX', '1000'],
  ['SET', 'n', '10'],
  ['INCRBY', 'n', '5'],
  ['INCRBYFLOAT', 'f', '1.25'],
  ['APPEND', 'plain', '-more'],
  ['SET', 'bin', '\x00\xff\r\n안녕'],
  ['RPUSH', 'l', 'a', 'b', 'c', 'd'],
  ['LPOP', 'l'],
  ['BLMOVE', 'l', 'l2', 'RIGHT', 'LEFT', '0'],
  ['SADD', 's', 'x', 'y', 'z', '1', '2'],
  ['SPOP', 's', '2'],
  ['SADD', 'ints', '1', '2', '3'],
  ['HSET', 'h', 'f1', '1', 'f2', 'two'],
  ['HINCRBYFLOAT', 'h', 'f1', '0.5'],
  ['ZADD', 'z', '1', 'a', '2.5', 'b', '-inf', 'c', '10', 'd'],
  ['ZPOPMAX', 'z'],
  ['GEOADD', 'geo', '13.361389', '38.115556', 'Palermo'],
  ['PFADD', 'hll', 'a', 'b', 'c'],
  ['EXPIRE', 'h', '5000'],
  ['PEXPIREAT', 'z', String(Date.now() + 9_000_000)],
  ['MULTI'],
  ['SET', 'tx1', '1'],
  ['INCR', 'tx1'],
  ['EXEC'],
  ['EVAL', "redis.call('SET', KEYS[1], ARGV[1]); redis.call('RPUSH', 'fromlua', ARGV[1]); return 1", '1', 'lua', 'val'],
  ['FUNCTION', 'LOAD', "#!lua name=mylib\nredis.register_function('incr2', function(keys) return redis.call('INCRBY', keys[1], 2) end)"],
  ['FCALL', 'incr2', '1', 'n'],
  ['XADD', 'x', '1-1', 'f', 'v'],
  ['XADD', 'x', '2-1', 'f', 'w'],
  ['XADD', 'x', '3-*', 'g', 'z'],
  ['XGROUP', 'CREATE', 'x', 'grp', '0'],
  ['XREADGROUP', 'GROUP', 'grp', 'alice', 'COUNT', '2', 'STREAMS', 'x', '>'],
  ['XREADGROUP', 'GROUP', 'grp', 'bob', 'NOACK', 'STREAMS', 'x', '>'],
  ['XCLAIM', 'x', 'grp', 'carol', '0', '1-1'],
  ['XACK', 'x', 'grp', '2-1'],
  ['SELECT', '3'],
  ['SET', 'in3', 'three'],
  ['SWAPDB', '3', '5'],
  ['SET', 'gone', 'x'],
  ['DEL', 'gone'],
  ['SELECT', '0'],
  ['SET', 'past', 'x'],
  ['EXPIREAT', 'past', '1'],
];

/** More writes after a rewrite: they go to the new incremental file. */
const AFTER: string[][] = [
  ['RPUSH', 'l', 'after'],
  ['SET', 'later', 'v', 'PX', '7000000'],
  ['ZINCRBY', 'z', '3', 'a'],
  ['XADD', 'x', 'MAXLEN', '~', '1', '9-1', 'f', 'v'],
  ['SELECT', '5'],
  ['FLUSHDB'],
  ['SELECT', '0'],
  ['SET', 'again', '1'],
];

async function runAll(port: number, steps: string[][]): Promise<void> {
  const c = await RespConnection.connect(port);
  try {
    for (const argv of steps) {
      const r = await c.send(argv);
      if (r.startsWith('-')) throw new Error(`${argv.join(' ')}: ${r}`);
    }
  } finally {
    c.close();
  }
}

/** INFO persistence's value of `field`. */
async function infoField(port: number, field: string): Promise<string> {
  const c = await RespConnection.connect(port);
  try {
    const text = await c.send(['INFO', 'persistence']);
    return new RegExp(`^${field}:(.*)\\r$`, 'm').exec(text)?.[1] ?? '';
  } finally {
    c.close();
  }
}

/** Waits for a BGREWRITEAOF (real Redis's runs in a child) to be over. */
async function rewritten(port: number): Promise<void> {
  await expect.poll(() => infoField(port, 'aof_rewrite_in_progress'), { timeout: 30_000 }).toBe('0');
  await expect.poll(() => infoField(port, 'aof_rewrite_scheduled'), { timeout: 30_000 }).toBe('0');
}

/** The workload, a rewrite, more writes; the dataset as it stands; then the server is killed. */
async function writeAndKill(kind: Kind, dir: string, args: string[]): Promise<string[]> {
  const s = await serve(kind, dir, ['--save', '', ...args]);
  await runAll(s.port, WORKLOAD.slice(0, 20));
  if (!args.includes('yes')) {
    // Turned on while running: the first rewrite makes the base from what is there.
    await runAll(s.port, [['CONFIG', 'SET', 'appendonly', 'yes']]);
    await rewritten(s.port);
  }
  await runAll(s.port, WORKLOAD.slice(20));
  await runAll(s.port, [['BGREWRITEAOF']]);
  await rewritten(s.port);
  await runAll(s.port, AFTER);
  const data = await dataset(s.port);
  // A kill, not a shutdown: what is in the files is what every reply promised.
  s.child.kill('SIGKILL');
  await s.exited;
  return data;
}

function checkAof(dir: string): { status: number | null; out: string } {
  const r = spawnSync('redis-check-aof', [join(dir, 'appendonlydir', 'appendonly.aof.manifest')], { encoding: 'latin1' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('the AOF on disk, ours and real Redis 7.0.15', () => {
  for (const start of [['--appendonly', 'yes'], [], ['--appendonly', 'yes', '--aof-use-rdb-preamble', 'no']]) {
    const how = start.length === 0 ? 'turned on with CONFIG SET' : start.length === 2 ? 'on from the start' : 'with its base as commands';
    it(
      `ours writes (AOF ${how}, rewritten once, killed) what real Redis loads as the same dataset, and redis-check-aof accepts`,
      async () => {
        const dir = tempDir();
        const ours = await writeAndKill('ours', dir, start);
        // The first files (made at start, or by CONFIG SET) are replaced by the rewrite's.
        const base = start.includes('no') ? 'appendonly.aof.2.base.aof' : 'appendonly.aof.2.base.rdb';
        expect(readdirSync(join(dir, 'appendonlydir')).sort()).toEqual([base, 'appendonly.aof.2.incr.aof', 'appendonly.aof.manifest']);
        const check = checkAof(dir);
        expect(check.out).toContain('is valid');
        expect(check.status).toBe(0);
        const real = await serve('real', dir, ['--save', '', ...(start.length === 0 ? ['--appendonly', 'yes'] : start)]);
        expect(await dataset(real.port)).toEqual(ours);
        expect(ours.length).toBeGreaterThan(15);
      },
      TIMEOUT,
    );
  }

  it(
    'ours loads the files real Redis wrote (base as commands, rewrite, incremental tail) into the same dataset',
    async () => {
      const dir = tempDir();
      const args = ['--appendonly', 'yes', '--aof-use-rdb-preamble', 'no'];
      const real = await writeAndKill('real', dir, args);
      const ours = await serve('ours', dir, ['--save', '', ...args]);
      expect(await dataset(ours.port)).toEqual(real);
    },
    TIMEOUT,
  );

  it(
    'ours loads the files real Redis wrote (base, rewrite, incremental tail) into the same dataset',
    async () => {
      const dir = tempDir();
      const real = await writeAndKill('real', dir, ['--appendonly', 'yes']);
      const ours = await serve('ours', dir, ['--save', '', '--appendonly', 'yes']);
      expect(await dataset(ours.port)).toEqual(real);
      expect(messages(ours.out()).filter((m) => m.includes('DB loaded from'))).toEqual([
        expect.stringMatching(/^M \* DB loaded from base file appendonly\.aof\.2\.base\.rdb: [\d.]+ seconds$/),
        expect.stringMatching(/^M \* DB loaded from incr file appendonly\.aof\.2\.incr\.aof: [\d.]+ seconds$/),
        expect.stringMatching(/^M \* DB loaded from append only file: [\d.]+ seconds$/),
      ]);
    },
    TIMEOUT,
  );

  it(
    'a truncated last command: cut off and loaded with aof-load-truncated yes, refused with no, as real Redis does',
    async () => {
      const made = tempDir();
      await writeAndKill('real', made, ['--appendonly', 'yes']);
      const incr = join(made, 'appendonlydir', 'appendonly.aof.2.incr.aof');
      const whole = statSync(incr).size;
      appendFileSync(incr, '*3\r\n$3\r\nSET\r\n$4\r\nhalf');
      const results = await Promise.all(
        (['real', 'ours'] as Kind[]).map(async (kind) => {
          const dir = tempDir();
          cpSync(made, dir, { recursive: true });
          const s = await serve(kind, dir, ['--save', '', '--appendonly', 'yes']);
          const data = await dataset(s.port);
          s.child.kill('SIGKILL');
          const log = messages(s.out()).filter((m) => m.includes('runcat') || m.includes('short read'));
          const size = statSync(join(dir, 'appendonlydir', 'appendonly.aof.2.incr.aof')).size;
          const refusing = tempDir();
          cpSync(made, refusing, { recursive: true });
          const [cmd, argv] = commandFor(kind, [
            '--port',
            String(await freePort()),
            '--dir',
            refusing,
            '--save',
            '',
            '--appendonly',
            'yes',
            '--aof-load-truncated',
            'no',
          ]);
          const r = spawnSync(cmd, argv, { cwd: root, encoding: 'latin1', timeout: 60_000 });
          return { data, log, size, refusedWith: r.status, unexpectedEnd: /Unexpected end of file reading the append only file/.test(r.stdout) };
        }),
      );
      const [real, ours] = results;
      expect(ours).toEqual(real);
      expect(ours!.size).toBe(whole);
      expect(ours!.refusedWith).toBe(1);
      expect(ours!.unexpectedEnd).toBe(true);
      expect(ours!.log).toEqual([
        'M # !!! Warning: short read while loading the AOF file appendonly.aof.2.incr.aof!!!',
        `M # !!! Truncating the AOF appendonly.aof.2.incr.aof at offset ${whole} !!!`,
        'M # AOF appendonly.aof.2.incr.aof loaded anyway because aof-load-truncated is enabled',
      ]);
    },
    TIMEOUT,
  );

  it(
    'CONFIG SET appendonly and BGREWRITEAOF answer as real Redis; the manifest names the same files',
    async () => {
      const results = await Promise.all(
        (['real', 'ours'] as Kind[]).map(async (kind) => {
          const dir = tempDir();
          const s = await serve(kind, dir, ['--save', '']);
          const c = await RespConnection.connect(s.port);
          const replies = [await c.send(['SET', 'k', 'v']), await c.send(['CONFIG', 'SET', 'appendonly', 'yes'])];
          await rewritten(s.port);
          replies.push(await c.send(['INFO', 'persistence']).then((t) => (/aof_enabled:(\d)/.exec(t) ?? [])[1] ?? ''));
          replies.push(await c.send(['BGREWRITEAOF']));
          await rewritten(s.port);
          replies.push(await c.send(['CONFIG', 'SET', 'appendonly', 'no']), await c.send(['CONFIG', 'GET', 'appendonly']));
          c.close();
          s.child.kill('SIGKILL');
          const manifest = readFileSync(join(dir, 'appendonlydir', 'appendonly.aof.manifest'), 'latin1');
          return { replies, manifest };
        }),
      );
      const [real, ours] = results;
      expect(ours).toEqual(real);
      expect(ours!.replies[3]).toBe('+Background append only file rewriting started\r\n');
    },
    TIMEOUT,
  );
});
