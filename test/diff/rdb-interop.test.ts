// RDB interoperability with a real redis-server 7.0: its dump.rdb loads here, and what we
// write loads in redis-server (and passes redis-check-rdb), with the same keys, values and
// expiries. Where key order is fixed (one key per database) our bytes equal Redis's bytes.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { createString, type RObj, type StringObj } from '../../src/engine/objects.js';
import { loadSnapshot, snapshot } from '../../src/engine/persistence.js';
import { RdbError, readRdb, writeRdb, type RdbDatabase } from '../../src/engine/rdb.js';
import type { Reply } from '../../src/engine/reply.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { FileSnapshotStorage } from '../../src/server/file-storage.js';
import { RespConnection, startRealRedis, type RealRedis } from './harness.js';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanups.reverse()) await f();
  cleanups = [];
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdb-interop-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function redisIn(dir: string, extra: string[] = []): Promise<{ redis: RealRedis; conn: RespConnection }> {
  const redis = await startRealRedis(['--dir', dir, '--dbfilename', 'dump.rdb', ...extra]);
  const conn = await RespConnection.connect(redis.port);
  cleanups.push(async () => {
    conn.close();
    await redis.stop();
  });
  return { redis, conn };
}

async function cmd(conn: RespConnection, ...argv: string[]): Promise<Reply> {
  const raw = await conn.send(argv);
  const p = parseReply(raw);
  if (p === null) throw new Error(`unparsable reply ${raw}`);
  return p.reply;
}

async function ok(conn: RespConnection, ...argv: string[]): Promise<void> {
  const r = await cmd(conn, ...argv);
  expect(r.t, `${argv.join(' ')} → ${JSON.stringify(r)}`).not.toBe('error');
}

/** n pseudo-random bytes: incompressible. */
function noise(n: number, seed = 1): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += String.fromCharCode(x >>> 24);
  }
  return s;
}

function readDump(dir: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dir, 'dump.rdb')));
}

/** Values of many shapes: every length form, integer encodings, LZF-friendly and not. */
const VALUES: [string, string][] = [
  ['plain', 'value'],
  ['', 'empty key'],
  ['empty value', ''],
  ['\x00bin\xff\r\n', '\xec\x95\x88\x00\xff'],
  ['i0', '0'],
  ['i-1', '-1'],
  ['i127', '127'],
  ['i128', '128'],
  ['i-129', '-129'],
  ['i32767', '32767'],
  ['i32768', '32768'],
  ['imax32', '2147483647'],
  ['imin32', '-2147483648'],
  ['i2^31', '2147483648'],
  ['imax64', '9223372036854775807'],
  ['imin64', '-9223372036854775808'],
  ['lead0', '007'],
  ['minus0', '-0'],
  ['plus', '+1'],
  ['12345', 'an integer key'],
  ['x100', 'x'.repeat(100)],
  ['abc', 'abc'.repeat(1000)],
  ['text', 'the quick brown fox jumps over the lazy dog; '.repeat(40)],
  ['csv', Array.from({ length: 2000 }, (_, i) => String(i * 7)).join(',')],
  ['noise300', noise(300)],
  ['noise20k', noise(20_000, 5)],
  ['exactly20', 'a'.repeat(20)],
  ['exactly21', 'a'.repeat(21)],
  ['k'.repeat(90), 'long compressible key'],
];

describe('redis-server → our reader', () => {
  it('reads a real dump with every string form, expiries and several databases', async () => {
    const dir = tempDir();
    const { conn } = await redisIn(dir);
    for (const [k, v] of VALUES) await ok(conn, 'SET', k, v);
    await ok(conn, 'SET', 'px', 'v', 'PX', '100000');
    await ok(conn, 'SET', 'exat', 'v', 'EXAT', '4000000000');
    await ok(conn, 'SET', 'counter', '10');
    await ok(conn, 'INCRBY', 'counter', '2147483647');
    await ok(conn, 'SET', 'appended', 'abc');
    await ok(conn, 'APPEND', 'appended', '123');
    await ok(conn, 'SELECT', '5');
    await ok(conn, 'SET', 'db5', 'five', 'PX', '500000');
    await ok(conn, 'SET', 'shared', 'in 5');
    await ok(conn, 'SELECT', '15');
    await ok(conn, 'SET', 'shared', 'in 15');

    // What Redis says the expiries are, to the millisecond.
    const expiries = new Map<string, number>();
    for (const [db, key] of [
      ['0', 'px'],
      ['0', 'exat'],
      ['5', 'db5'],
    ] as const) {
      await ok(conn, 'SELECT', db);
      const r = await cmd(conn, 'PEXPIRETIME', key);
      expiries.set(`${db}/${key}`, Number((r as { v: number }).v));
    }
    expect(await cmd(conn, 'SAVE')).toEqual({ t: 'simple', v: 'OK' });

    const contents = readRdb(readDump(dir), { now: Date.now() });
    expect(contents.version).toBe(10);
    expect(contents.aux.get('redis-ver')).toBe('7.0.15');
    expect(contents.aux.get('redis-bits')).toBe('64');
    expect(contents.aux.get('aof-base')).toBe('0');
    expect(contents.checksum).not.toBe(0n);

    const got = new Map(contents.keys.map((k) => [`${k.db}/${k.key}`, k]));
    const want = new Map<string, string>(VALUES.map(([k, v]) => [`0/${k}`, v]));
    want.set('0/px', 'v');
    want.set('0/exat', 'v');
    want.set('0/counter', '2147483657');
    want.set('0/appended', 'abc123');
    want.set('5/db5', 'five');
    want.set('5/shared', 'in 5');
    want.set('15/shared', 'in 15');
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [id, value] of want) {
      const k = got.get(id)!;
      expect((k.value as StringObj).value, id).toBe(value);
      expect(k.expireAt, id).toBe(expiries.get(id) ?? -1);
    }
    expect(contents.sizes.get(0)).toEqual([VALUES.length + 4, 2]);
    expect(contents.sizes.get(5)).toEqual([2, 1]);

    // And the engine loads it.
    const engine = new Engine();
    expect(loadSnapshot(engine, readDump(dir))).toEqual({ loaded: want.size, expired: 0 });
    expect((engine.dbs[15]!.dict.get('shared') as StringObj).value).toBe('in 15');
    expect(engine.dbs[5]!.expires.get('db5')).toBe(expiries.get('5/db5'));
  });

  it('reads a dump saved with rdbcompression no and rdbchecksum no', async () => {
    const dir = tempDir();
    // rdbchecksum is an immutable config: only at start.
    const { conn } = await redisIn(dir, ['--rdbchecksum', 'no']);
    await ok(conn, 'CONFIG', 'SET', 'rdbcompression', 'no');
    await ok(conn, 'SET', 'long', 'y'.repeat(500));
    await ok(conn, 'SET', 'n', '-5');
    await ok(conn, 'SAVE');
    const bytes = readDump(dir);
    const c = readRdb(bytes, { now: Date.now() });
    expect(c.checksum).toBe(0n);
    expect(c.keys.map((k) => [k.key, (k.value as StringObj).value]).sort()).toEqual([
      ['long', 'y'.repeat(500)],
      ['n', '-5'],
    ]);
  });

  it('rejects a dump holding types the engine does not have yet, naming the type', async () => {
    const dir = tempDir();
    const { conn } = await redisIn(dir);
    await ok(conn, 'HSET', 'h', 'f', 'v');
    await ok(conn, 'SAVE');
    expect(() => readRdb(readDump(dir), { now: 0 })).toThrow(RdbError);
    expect(() => readRdb(readDump(dir), { now: 0 })).toThrow(/key 'h' in db 0: RDB type 16 \(hash \(listpack\)\)/);
  });

  it('detects a corrupted real dump by its checksum', async () => {
    const dir = tempDir();
    const { conn } = await redisIn(dir);
    await ok(conn, 'SET', 'k', 'some value');
    await ok(conn, 'SAVE');
    const bytes = readDump(dir);
    const at = bytes.length - 12; // inside "some value"
    bytes[at] = bytes[at]! ^ 0x20;
    expect(() => readRdb(bytes, { now: 0 })).toThrow(/Wrong RDB checksum/);
  });

  it('reads the LRU idle times and LFU counters Redis saves under those policies', async () => {
    const dir = tempDir();
    const { conn } = await redisIn(dir, ['--maxmemory-policy', 'allkeys-lru']);
    await ok(conn, 'SET', 'k', 'v');
    await ok(conn, 'SAVE');
    const lru = readRdb(readDump(dir), { now: 0 }).keys[0]!;
    expect(lru.idle).toBeGreaterThanOrEqual(0);
    expect(lru.freq).toBe(-1);
    await ok(conn, 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    await ok(conn, 'SET', 'k', 'v');
    await ok(conn, 'SAVE');
    const lfu = readRdb(readDump(dir), { now: 0 }).keys[0]!;
    expect(lfu.freq).toBeGreaterThanOrEqual(0);
    expect(lfu.idle).toBe(-1);
  });
});

describe('our writer → redis-server', () => {
  it('writes the same bytes as redis-server when the key order is fixed', async () => {
    // One key per database, so that dict order cannot differ.
    const data: [string, string, boolean][] = [
      ['a', 'x'.repeat(100), false],
      ['b', 'abcabcabcabcabcabcabcabcabcabcabc', true],
      ['12', '-2147483648', false],
      ['text', 'the quick brown fox jumps over the lazy dog; '.repeat(30), true],
      ['csv', Array.from({ length: 500 }, (_, i) => String(i)).join(','), false],
      ['noise', noise(5000, 9), false],
      ['runs', 'aaaaabbbbbcccccdddddeeeee'.repeat(50) + noise(40, 3) + 'z'.repeat(300), true],
      ['bin', '\x00\x01\x02'.repeat(200) + '\xff'.repeat(100), false],
      ['big', 'abcdefghij'.repeat(3000), false],
      ['int64', '9223372036854775807', true],
    ];
    const dir = tempDir();
    const { conn } = await redisIn(dir);
    const dbs: RdbDatabase[] = Array.from({ length: 16 }, () => ({ dict: new Map(), expires: new Map() }));
    for (let i = 0; i < data.length; i++) {
      const [k, v, ttl] = data[i]!;
      await ok(conn, 'SELECT', String(i));
      await ok(conn, 'SET', k, v, ...(ttl ? ['PX', String(1_000_000 + i)] : []));
      const when = ttl ? Number(((await cmd(conn, 'PEXPIRETIME', k)) as { v: number }).v) : undefined;
      const d = dbs[i]! as { dict: Map<string, RObj>; expires: Map<string, number> };
      d.dict.set(k, createString(v, 0));
      if (when !== undefined) d.expires.set(k, when);
    }
    await ok(conn, 'SAVE');
    const real = readDump(dir);
    const aux = readRdb(real, { now: 0 }).aux;
    const ours = writeRdb(dbs, { ctime: Number(aux.get('ctime')), usedMem: Number(aux.get('used-mem')) });
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(real).toString('hex'));

    await ok(conn, 'CONFIG', 'SET', 'rdbcompression', 'no');
    await ok(conn, 'SAVE');
    const real2 = readDump(dir);
    const aux2 = readRdb(real2, { now: 0 }).aux;
    const ours2 = writeRdb(dbs, {
      ctime: Number(aux2.get('ctime')),
      usedMem: Number(aux2.get('used-mem')),
      compression: false,
    });
    expect(Buffer.from(ours2).toString('hex')).toBe(Buffer.from(real2).toString('hex'));
  });

  it('SAVE through FileSnapshotStorage makes a dump.rdb that redis-server loads', async () => {
    const dir = tempDir();
    const engine = new Engine({ storage: new FileSnapshotStorage(dir) });
    const now = Date.now();
    const put = (db: number, k: string, v: string, when?: number) => {
      engine.dbs[db]!.put(k, createString(v, now));
      if (when !== undefined) engine.dbs[db]!.expires.set(k, when);
    };
    for (const [k, v] of VALUES) put(0, k, v);
    put(0, 'ttl', 'soon', now + 600_000);
    put(0, 'expired', 'gone', now - 1000); // Redis drops it while loading
    put(3, 'db3', 'three', now + 900_000);
    put(15, 'last', '\xff'.repeat(64));
    for (let i = 0; i < 2000; i++) put(7, `key:${i}`, i % 3 === 0 ? String(i) : `value-${i}-`.repeat(i % 7));
    const c = engine.createClient();
    expect(engine.execute(c, ['SAVE'])).toEqual({ t: 'simple', v: 'OK' });

    const check = spawnSync('redis-check-rdb', [join(dir, 'dump.rdb')], { encoding: 'latin1' });
    expect(check.stdout).toContain('RDB looks OK!');
    expect(check.stdout).toContain('Checksum OK');
    expect(check.status).toBe(0);

    const { conn } = await redisIn(dir);
    const info = await cmd(conn, 'INFO', 'persistence');
    expect((info as { v: string }).v).toContain(`rdb_last_load_keys_loaded:${VALUES.length + 3 + 2000}`);
    expect((info as { v: string }).v).toContain('rdb_last_load_keys_expired:1');
    expect(await cmd(conn, 'DBSIZE')).toEqual({ t: 'int', v: VALUES.length + 1 });
    for (const [k, v] of VALUES) expect(await cmd(conn, 'GET', k), k).toEqual({ t: 'bulk', v });
    expect(await cmd(conn, 'GET', 'expired')).toEqual({ t: 'bulk', v: null });
    expect(await cmd(conn, 'PEXPIRETIME', 'ttl')).toEqual({ t: 'int', v: now + 600_000 });
    const pttl = (await cmd(conn, 'PTTL', 'ttl')) as { v: number };
    expect(pttl.v).toBeGreaterThan(590_000);
    expect(pttl.v).toBeLessThanOrEqual(600_000);
    expect(await cmd(conn, 'PTTL', 'plain')).toEqual({ t: 'int', v: -1 });
    expect(await cmd(conn, 'OBJECT', 'ENCODING', 'imax64')).toEqual({ t: 'bulk', v: 'int' });
    expect(await cmd(conn, 'OBJECT', 'ENCODING', 'abc')).toEqual({ t: 'bulk', v: 'raw' });

    await ok(conn, 'SELECT', '3');
    expect(await cmd(conn, 'GET', 'db3')).toEqual({ t: 'bulk', v: 'three' });
    expect(await cmd(conn, 'PEXPIRETIME', 'db3')).toEqual({ t: 'int', v: now + 900_000 });
    await ok(conn, 'SELECT', '7');
    expect(await cmd(conn, 'DBSIZE')).toEqual({ t: 'int', v: 2000 });
    expect(await cmd(conn, 'GET', 'key:1234')).toEqual({ t: 'bulk', v: 'value-1234-'.repeat(1234 % 7) });
    expect(await cmd(conn, 'GET', 'key:999')).toEqual({ t: 'bulk', v: '999' });
    await ok(conn, 'SELECT', '15');
    expect(await cmd(conn, 'GET', 'last')).toEqual({ t: 'bulk', v: '\xff'.repeat(64) });

    // And back: Redis saves what it loaded, we read the same data.
    await ok(conn, 'SAVE');
    const again = new Engine();
    loadSnapshot(again, readDump(dir));
    for (let i = 0; i < 16; i++) {
      const mine = engine.dbs[i]!;
      const theirs = again.dbs[i]!;
      for (const [k, o] of theirs.dict) {
        expect((o as StringObj).value).toBe((mine.dict.get(k) as StringObj).value);
        expect(theirs.expires.get(k)).toBe(mine.expires.get(k));
      }
      expect(theirs.dict.size).toBe(mine.dict.size - (i === 0 ? 1 : 0));
    }
  });

  it('redis-server loads our dumps without compression and without checksum', async () => {
    const engine = new Engine({ config: { rdbcompression: 'no', rdbchecksum: 'no' } });
    engine.dbs[2]!.put('k', createString('z'.repeat(1000), 0));
    engine.dbs[2]!.put('n', createString('42', 0));
    const dir = tempDir();
    writeFileSync(join(dir, 'dump.rdb'), snapshot(engine));
    const { conn } = await redisIn(dir);
    await ok(conn, 'SELECT', '2');
    expect(await cmd(conn, 'GET', 'k')).toEqual({ t: 'bulk', v: 'z'.repeat(1000) });
    expect(await cmd(conn, 'GET', 'n')).toEqual({ t: 'bulk', v: '42' });
  });

  it('saves LRU idle times that redis-server turns into OBJECT IDLETIME', async () => {
    const now = Date.now();
    const engine = new Engine({ config: { 'maxmemory-policy': 'allkeys-lru' } });
    engine.dbs[0]!.put('idle', createString('v', now - 100_000));
    const dir = tempDir();
    writeFileSync(join(dir, 'dump.rdb'), snapshot(engine));
    const { conn } = await redisIn(dir, ['--maxmemory-policy', 'allkeys-lru']);
    const idle = (await cmd(conn, 'OBJECT', 'IDLETIME', 'idle')) as { v: number };
    expect(idle.v).toBeGreaterThanOrEqual(99);
    expect(idle.v).toBeLessThanOrEqual(102);
  });
});
