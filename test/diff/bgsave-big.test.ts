// BGSAVE of big values written in parts (engine/snapshot-value.ts), with writes to those very
// keys while they are being written: the dump.rdb our server leaves loads into the real
// redis-server 7.0.15 with the dataset as it was when BGSAVE answered. The reference is a real
// redis-server given the same commands before the save; every key is compared with
// DEBUG DIGEST-VALUE, and DBSIZE too.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endBackgroundSave, stepBackgroundSave } from '../../src/engine/persistence.js';
import { PARTS_MIN_BYTES, PARTS_MIN_ELEMENTS } from '../../src/engine/snapshot-value.js';
import { FileSnapshotStorage } from '../../src/server/file-storage.js';
import type { RunningServer } from '../../src/server/server.js';
import { exchange, startOurs } from '../server/raw.js';
import { RespConnection, startRealRedis, type RealRedis } from './harness.js';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanups.reverse()) await f();
  cleanups = [];
});

async function real(extra: string[] = []): Promise<{ redis: RealRedis; conn: RespConnection }> {
  const redis = await startRealRedis(['--enable-debug-command', 'yes', ...extra]);
  const conn = await RespConnection.connect(redis.port);
  cleanups.push(async () => {
    conn.close();
    await redis.stop();
  });
  return { redis, conn };
}

/** Elements of each collection: enough for its encoding to span several 4 ms slices. */
const N = PARTS_MIN_ELEMENTS * 8;
/** Stream entries (slower to encode). */
const S = PARTS_MIN_ELEMENTS * 3;

/** Big values of every kind, built by commands of up to 1000 elements, and small keys around. */
function seed(): string[][] {
  const cmds: string[][] = [];
  for (let i = 0; i < 200; i++) cmds.push(['SET', `small:${i}`, `v${i}`]);
  for (let from = 0; from < N; from += 1000) {
    const zadd = ['ZADD', 'big:zset'];
    const hset = ['HSET', 'big:hash'];
    const sadd = ['SADD', 'big:set'];
    const rpush = ['RPUSH', 'big:list'];
    for (let i = from; i < from + 1000; i++) {
      zadd.push(String((i * 7919) % 10007), `member:${i}`);
      hset.push(`field:${i}`, `value:${i % 300}`);
      sadd.push(`m${i}`);
      rpush.push(i % 4 === 0 ? String(i) : `item:${i}`);
    }
    cmds.push(zadd, hset, sadd, rpush);
  }
  for (let i = 1; i <= S; i++) cmds.push(['XADD', 'big:stream', `${i}-1`, 'sensor', String(i % 10), 'value', String(i)]);
  cmds.push(['XGROUP', 'CREATE', 'big:stream', 'g', '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '50', 'STREAMS', 'big:stream', '>']);
  cmds.push(['SET', 'big:text', 'all work and no play makes jack a dull boy '.repeat((4 * PARTS_MIN_BYTES) / 40)]);
  let noise = '';
  let r = 99;
  for (let i = 0; i < PARTS_MIN_BYTES * 2; i++) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    noise += String.fromCharCode(r >>> 24);
  }
  cmds.push(['SET', 'big:noise', noise], ['PEXPIRE', 'big:hash', '3600000']);
  return cmds;
}

/** A change to `key` (by its kind), the `n`th: each kind has changes that touch what is not written yet. */
function change(key: string, n: number): string[] {
  switch (key) {
    case 'big:zset':
      return n % 3 === 2 ? ['ZREM', key, `member:${N - 1 - n}`] : ['ZADD', key, String(-n), `member:${(n * 37) % N}`];
    case 'big:hash':
      return n % 2 === 0 ? ['HSET', key, `field:${N - 1 - n}`, 'changed'] : ['HDEL', key, `field:${N - 2 - n}`];
    case 'big:set':
      return n % 2 === 0 ? ['SREM', key, `m${N - 1 - n}`] : ['SADD', key, `new${n}`];
    case 'big:list':
      return n % 2 === 0 ? ['RPOP', key] : ['LSET', key, String(N - 100 - n), 'changed'];
    case 'big:stream':
      return n % 3 === 0 ? ['XADD', key, '*', 'new', String(n)] : n % 3 === 1 ? ['XDEL', key, `${S - n}-1`] : ['XACK', key, 'g', `${n + 1}-1`];
    case 'big:text':
      return ['APPEND', key, 'more'];
    default:
      return n % 2 === 0 ? ['SET', key, 'replaced'] : ['DEL', key];
  }
}

describe('BGSAVE of big values', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('writes the dataset as it was at the start, writes to the keys being written notwithstanding; redis-server loads it', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bgsave-big-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const storage = new FileSnapshotStorage(dir);
    const started = await startOurs({ storage });
    server = started.server;
    const engine = started.engine;
    engine.log = () => {};
    // The test steps the save itself (a few keys' worth at a time, as the server's slices do),
    // so that the writes surely land while each big value is being written, however fast or
    // busy the machine is; test/server/bgsave.test.ts covers the server's own stepping.
    engine.onBackgroundSave = () => {};
    const ours = await RespConnection.connect(server.port);
    const reference = await real();
    for (const argv of seed()) {
      const [a, b] = await Promise.all([ours.send(argv), reference.conn.send(argv)]);
      expect(a).toBe(b);
    }
    const keys = (await reference.conn.send(['KEYS', '*'])).split('\r\n').filter((l) => l !== '' && !/^[*$]/.test(l));
    const digests = new Map<string, string>();
    for (const k of keys) digests.set(k, await reference.conn.send(['DEBUG', 'DIGEST-VALUE', k]));

    expect(await ours.send(['BGSAVE'])).toBe('+Background saving started\r\n');
    // Change the key being written, whichever it is, and a small one, until the save ends.
    const changedMidway = new Map<string, number>();
    let n = 0;
    for (;;) {
      const chunks = stepBackgroundSave(engine, 64);
      if (chunks !== null) {
        storage.save(Buffer.concat(chunks));
        endBackgroundSave(engine, null);
        break;
      }
      const key = engine.bgsave!.job.keyInParts;
      if (key !== null) {
        const count = changedMidway.get(key) ?? 0;
        changedMidway.set(key, count + 1);
        const reply = await ours.send(change(key, count));
        expect(reply.startsWith('-'), `${key}: ${reply}`).toBe(false);
      }
      await ours.send(['SET', `small:${n % 300}`, `changed:${n}`]);
      n++;
    }
    expect([...changedMidway.keys()].sort()).toEqual(['big:hash', 'big:list', 'big:noise', 'big:set', 'big:stream', 'big:text', 'big:zset']);
    expect(await ours.send(['INFO', 'persistence'])).toContain('rdb_last_bgsave_status:ok\r\n');

    const loaded = await real(['--dir', dir, '--dbfilename', 'dump.rdb']);
    expect(await loaded.conn.send(['DBSIZE'])).toBe(`:${keys.length}\r\n`);
    for (const k of keys) expect(await loaded.conn.send(['DEBUG', 'DIGEST-VALUE', k]), k).toBe(digests.get(k));
    const ttl = Number((await loaded.conn.send(['PTTL', 'big:hash'])).slice(1));
    expect(ttl).toBeGreaterThan(3_000_000);
  });
});

describe('BGSAVE while a background save runs', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  // bgsaveCommand checks child_type == CHILD_TYPE_RDB first: SCHEDULE only schedules behind
  // another kind of child (an AOF rewrite), so with a save running it is refused like BGSAVE.
  // The commands go in one write, so that both servers read them while their save runs (the
  // real one's child sleeps rdb-key-save-delay per key; ours has keys enough for many slices).
  it('answers BGSAVE, BGSAVE SCHEDULE, SAVE and MULTI/BGSAVE/EXEC as redis-server 7.0.15', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bgsave-sched-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const started = await startOurs({ storage: new FileSnapshotStorage(dir) });
    server = started.server;
    started.engine.log = () => {};
    const ours = await RespConnection.connect(server.port);
    const reference = await real(['--dir', dir, '--dbfilename', 'real.rdb', '--rdb-key-save-delay', '100000']);
    for (let from = 0; from < 50_000; from += 1000) {
      const mset = ['MSET'];
      for (let i = from; i < from + 1000; i++) mset.push(`k${i}`, `v${i}`);
      await ours.send(mset);
    }
    await reference.conn.send(['MSET', 'a', '1', 'b', '2']);
    const cmds = [
      ['BGSAVE'],
      ['BGSAVE', 'SCHEDULE'],
      ['bgsave', 'schedule'],
      ['BGSAVE'],
      ['SAVE'],
      ['MULTI'],
      ['BGSAVE', 'SCHEDULE'],
      ['EXEC'],
      ['BGSAVE', 'x'],
    ];
    const raw = cmds.map((argv) => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')).join('');
    const replies = (port: number) => exchange(port, [raw], { quiet: 300 }).then((e) => e.data);
    const [want, got] = await Promise.all([replies(reference.redis.port), replies(server.port)]);
    expect(want).toBe(
      '+Background saving started\r\n' +
        '-ERR Background save already in progress\r\n'.repeat(4) +
        '+OK\r\n+QUEUED\r\n*1\r\n-ERR Background save already in progress\r\n-ERR syntax error\r\n',
    );
    expect(got).toBe(want);
  });
});
