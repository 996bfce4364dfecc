// RDB interoperability with a real redis-server 7.0: its dump.rdb loads here, and what we
// write loads in redis-server (and passes redis-check-rdb), with the same keys, values and
// expiries. Where key order is fixed (one key per database) our bytes equal Redis's bytes.
// Collections (lists, hashes, sets, sorted sets) of every encoding go both ways, compared with
// LRANGE / HGETALL / SMEMBERS / ZRANGE WITHSCORES and OBJECT ENCODING on the real server.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Deque } from '../../src/engine/ds/deque.js';
import { ZSet } from '../../src/engine/ds/zset.js';
import { Engine } from '../../src/engine/engine.js';
import { formatDouble } from '../../src/engine/numbers.js';
import { createString, lruClock, type RObj, type StringObj } from '../../src/engine/objects.js';
import { loadSnapshot, snapshot } from '../../src/engine/persistence.js';
import {
  DEFAULT_ENCODING_LIMITS,
  RDB_TYPE_HASH_ZIPLIST,
  RDB_TYPE_HASH_ZIPMAP,
  RDB_TYPE_LIST,
  RDB_TYPE_LIST_QUICKLIST,
  RDB_TYPE_LIST_ZIPLIST,
  RDB_TYPE_SET,
  RDB_TYPE_ZSET,
  RDB_TYPE_ZSET_ZIPLIST,
  RdbWriter,
  readRdb,
  writeRdb,
  type RdbDatabase,
} from '../../src/engine/rdb.js';
import { encodeZiplist, encodeZipmap } from '../../src/engine/rdb-encodings.js';
import type { Reply } from '../../src/shared/reply.js';
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

  it('loads streams (RDB type 19) with their consumer groups', async () => {
    const dir = tempDir();
    const { conn } = await redisIn(dir);
    for (let i = 1; i <= 130; i++) await cmd(conn, 'XADD', 'st', `${i}-1`, 'f', String(i), 'g', 'x'.repeat(i));
    await ok(conn, 'XDEL', 'st', '7-1');
    await ok(conn, 'XGROUP', 'CREATE', 'st', 'grp', '0');
    await ok(conn, 'XREADGROUP', 'GROUP', 'grp', 'alice', 'COUNT', '2', 'STREAMS', 'st', '>');
    await ok(conn, 'SAVE');
    const loaded = readRdb(readDump(dir), { now: 0 }).keys.find((k) => k.key === 'st')!;
    expect(ourView(loaded.value)).toEqual(await redisView(conn, 'st'));
    const s = loaded.value.type === 'stream' ? loaded.value.value : null;
    expect(s?.nodes.length).toBe(3); // what XINFO STREAM's radix-tree-keys says on the server (4096-byte nodes)
    expect(s?.groups?.get('grp')?.pel.size).toBe(2);
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
      d.dict.set(k, createString(v));
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
      engine.dbs[db]!.put(k, createString(v), 0);
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
    // What is left of the 600 s at the clock read after asking (however long the load took).
    expect(pttl.v).toBeGreaterThanOrEqual(now + 600_000 - Date.now());
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
    engine.dbs[2]!.put('k', createString('z'.repeat(1000)), 0);
    engine.dbs[2]!.put('n', createString('42'), 0);
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
    engine.dbs[0]!.put('idle', createString('v'), lruClock(now - 100_000));
    const dir = tempDir();
    writeFileSync(join(dir, 'dump.rdb'), snapshot(engine));
    const { conn } = await redisIn(dir, ['--maxmemory-policy', 'allkeys-lru']);
    const idle = (await cmd(conn, 'OBJECT', 'IDLETIME', 'idle')) as { v: number };
    // 100 s, plus the seconds the save and the load took, within the LRU clock's 1 s steps.
    expect(idle.v).toBeGreaterThanOrEqual(99);
    expect(idle.v).toBeLessThanOrEqual(100 + Math.ceil((Date.now() - now) / 1000) + 1);
  });
});

// ---------------------------------------------------------------------------------------------
// Collections: lists, hashes, sets, sorted sets
// ---------------------------------------------------------------------------------------------

/** A collection built two ways: by commands on redis-server, and directly as our object. */
interface Spec {
  key: string;
  /** Commands that build the key on redis-server (the key is appended after the command name). */
  redis: string[][];
  obj: () => RObj;
  /** OBJECT ENCODING Redis reports. */
  enc: string;
  /** Redis's bytes are reproducible (no hash-table order, lists built by RPUSH). */
  exact: boolean;
}

const EDGE = [
  'a',
  '',
  '0',
  '-0',
  '01',
  '+1',
  '127',
  '128',
  '-4096',
  '-4097',
  '32768',
  '-8388609',
  '2147483648',
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775808',
  '\x00\xff\r\n',
  '\xec\x95\x88',
  'x'.repeat(63),
  'y'.repeat(64),
  'z'.repeat(300),
];

const ZPAIRS: [string, number][] = [
  ['pinf', Infinity],
  ['ninf', -Infinity],
  ['negzero', -0],
  ['zero', 0],
  ['half', 1.5],
  ['third', 1 / 3],
  ['big', 2 ** 60],
  ['bigger', 2 ** 62 + 2048],
  ['neg', -123456789],
  ['tiny', 5e-324],
  ['\x00\xff', 7],
  ['', 7],
];

function list(items: string[]): RObj {
  return { type: 'list', value: Deque.from(items) };
}
function hash(pairs: [string, string][], enc: 'listpack' | 'hashtable'): RObj {
  return { type: 'hash', value: new Map(pairs), enc };
}
function set(members: string[], enc: 'intset' | 'hashtable'): RObj {
  return { type: 'set', value: new Set(members), enc };
}
function zset(pairs: [string, number][], enc: 'listpack' | 'skiplist'): RObj {
  const z = new ZSet();
  for (const [m, s] of pairs) z.add(m, s);
  return { type: 'zset', value: z, enc };
}

/** Commands with many arguments, in batches. */
function batched(cmd: string, args: string[], per = 500, step = 1): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < args.length; i += per * step) out.push([cmd, ...args.slice(i, i + per * step)]);
  return out;
}

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const BIG = range(5000, (i) => `item-${i}`);
const LPUSHED = range(3000, (i) => `left-${i}`);
const HPAIRS: [string, string][] = EDGE.filter((v) => v.length <= 64).map((v, i) => (i % 2 ? [v, `v${i}`] : [`f${i}`, v]));
const HBIG: [string, string][] = range(600, (i) => `field:${i}`).map((f, i) => [f, String(i * 3)]);
// Members after the 129th go straight into the skiplist, so -0 stays -0 there (a listpack
// would have stored it as 0, and a conversion keeps that 0).
const ZBIG: [string, number][] = [...range(200, (i) => `m${i}`).map((m, i): [string, number] => [m, i / 7]), ...ZPAIRS];
const zaddArgs = (pairs: [string, number][]) => pairs.flatMap(([m, s]) => [formatDouble(s), m]);

const SPECS: Spec[] = [
  { key: 'list:small', redis: [['RPUSH', ...EDGE]], obj: () => list(EDGE), enc: 'quicklist', exact: true },
  { key: 'list:big', redis: batched('RPUSH', BIG), obj: () => list(BIG), enc: 'quicklist', exact: true },
  {
    key: 'list:big-element',
    redis: [['RPUSH', 'a', 'h'.repeat(10_000), 'b', 'c']],
    obj: () => list(['a', 'h'.repeat(10_000), 'b', 'c']),
    enc: 'quicklist',
    exact: true,
  },
  {
    key: 'list:lpush',
    redis: batched('LPUSH', LPUSHED),
    obj: () => list(LPUSHED.slice().reverse()),
    enc: 'quicklist',
    exact: false,
  },
  { key: 'hash:listpack', redis: [['HSET', ...HPAIRS.flat()]], obj: () => hash(HPAIRS, 'listpack'), enc: 'listpack', exact: true },
  { key: 'hash:big', redis: batched('HSET', HBIG.flat(), 500, 2), obj: () => hash(HBIG, 'hashtable'), enc: 'hashtable', exact: false },
  {
    key: 'hash:long-value',
    redis: [['HSET', 'f', 'v'.repeat(100)]],
    obj: () => hash([['f', 'v'.repeat(100)]], 'hashtable'),
    enc: 'hashtable',
    exact: true,
  },
  {
    key: 'set:int16',
    redis: [['SADD', '5', '-3', '0', '32767', '-32768']],
    obj: () => set(['5', '-3', '0', '32767', '-32768'], 'intset'),
    enc: 'intset',
    exact: true,
  },
  { key: 'set:int32', redis: [['SADD', '1', '70000', '-2147483648']], obj: () => set(['1', '70000', '-2147483648'], 'intset'), enc: 'intset', exact: true },
  {
    key: 'set:int64',
    redis: [['SADD', '9223372036854775807', '-9223372036854775808', '2147483648', '7']],
    obj: () => set(['9223372036854775807', '-9223372036854775808', '2147483648', '7'], 'intset'),
    enc: 'intset',
    exact: true,
  },
  { key: 'set:strings', redis: [['SADD', ...EDGE]], obj: () => set(EDGE, 'hashtable'), enc: 'hashtable', exact: false },
  { key: 'set:one', redis: [['SADD', 'member']], obj: () => set(['member'], 'hashtable'), enc: 'hashtable', exact: true },
  {
    key: 'set:many-ints',
    redis: batched(
      'SADD',
      range(600, (i) => String(i * 11)),
    ),
    obj: () =>
      set(
        range(600, (i) => String(i * 11)),
        'hashtable',
      ),
    enc: 'hashtable',
    exact: false,
  },
  { key: 'zset:listpack', redis: [['ZADD', ...zaddArgs(ZPAIRS)]], obj: () => zset(ZPAIRS, 'listpack'), enc: 'listpack', exact: true },
  { key: 'zset:skiplist', redis: [['ZADD', ...zaddArgs(ZBIG)]], obj: () => zset(ZBIG, 'skiplist'), enc: 'skiplist', exact: true },
  {
    key: 'zset:long-member',
    redis: [['ZADD', '-0', 'm'.repeat(100), 'inf', 'x', '-inf', 'y']],
    obj: () =>
      zset(
        [
          ['m'.repeat(100), -0],
          ['x', Infinity],
          ['y', -Infinity],
        ],
        'skiplist',
      ),
    enc: 'skiplist',
    exact: true,
  },
];

async function build(conn: RespConnection, spec: Spec): Promise<void> {
  for (const [name, ...args] of spec.redis) await ok(conn, name!, spec.key, ...args);
}

function bulks(r: Reply): string[] {
  expect(r.t).toBe('array');
  return (r as { v: Reply[] }).v.map((x) => (x as { v: string }).v);
}

/** What redis-server says a key holds: comparable contents and its encoding. */
async function redisView(conn: RespConnection, key: string): Promise<{ contents: unknown; enc: string }> {
  const type = ((await cmd(conn, 'TYPE', key)) as { v: string }).v;
  const enc = ((await cmd(conn, 'OBJECT', 'ENCODING', key)) as { v: string }).v;
  switch (type) {
    case 'list':
      return { contents: bulks(await cmd(conn, 'LRANGE', key, '0', '-1')), enc };
    case 'hash': {
      const flat = bulks(await cmd(conn, 'HGETALL', key));
      const pairs: [string, string][] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
      // A listpack keeps insertion order; a table's order is its own.
      return { contents: enc === 'listpack' ? pairs : pairs.sort(), enc };
    }
    case 'set': {
      const members = bulks(await cmd(conn, 'SMEMBERS', key));
      // An intset lists members ascending; a table's order is its own.
      return { contents: enc === 'intset' ? members : members.sort(), enc };
    }
    case 'zset': {
      const flat = bulks(await cmd(conn, 'ZRANGE', key, '0', '-1', 'WITHSCORES'));
      const pairs: [string, string][] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
      return { contents: pairs, enc };
    }
    case 'stream': {
      const entries: string[] = [];
      const r = (await cmd(conn, 'XRANGE', key, '-', '+')) as unknown as { v: { v: [{ v: string }, Reply] }[] };
      for (const e of r.v) entries.push(e.v[0].v, ...bulks(e.v[1]));
      return { contents: entries, enc };
    }
    default:
      throw new Error(`unexpected type ${type} of ${key}`);
  }
}

/** Our object in the form redisView gives (scores printed as Redis prints them). */
function ourView(o: RObj): { contents: unknown; enc: string } {
  switch (o.type) {
    case 'string':
      return { contents: o.value, enc: 'string' };
    case 'list':
      return { contents: o.value.toArray(), enc: 'quicklist' };
    case 'hash': {
      const pairs = [...o.value];
      return { contents: o.enc === 'listpack' ? pairs : pairs.sort(), enc: o.enc };
    }
    case 'stream': {
      const entries: string[] = [];
      o.value.range(0n, 0n, 0xffffffffffffffffn, 0xffffffffffffffffn, false, (e) => {
        entries.push(`${e.ms}-${e.seq}`, ...e.fields);
        return true;
      });
      return { contents: entries, enc: 'stream' };
    }
    case 'set': {
      const members = [...o.value];
      if (o.enc === 'intset') members.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      else members.sort();
      return { contents: members, enc: o.enc };
    }
    case 'zset':
      return { contents: [...o.value].map(([m, s]) => [m, formatDouble(s)]), enc: o.enc };
  }
}

/** Our object as Redis would hold it after loading (a listpack zset has no -0). */
function asLoaded(o: RObj): { contents: unknown; enc: string } {
  const v = ourView(o);
  if (o.type === 'zset' && o.enc === 'listpack') {
    v.contents = (v.contents as [string, string][]).map(([m, s]) => [m, s === '-0' ? '0' : s]);
  }
  return v;
}

describe('collections: redis-server → our reader', () => {
  it('reads lists, hashes, sets and sorted sets of every encoding from a real dump', async () => {
    const dir = tempDir();
    const { conn } = await redisIn(dir);
    for (const spec of SPECS) await build(conn, spec);
    // A list whose nodes were split and merged by inserts and removals.
    await ok(conn, 'RPUSH', 'list:edited', ...BIG);
    await ok(conn, 'LINSERT', 'list:edited', 'BEFORE', 'item-2500', 'q'.repeat(7000));
    await ok(conn, 'LREM', 'list:edited', '0', 'item-10');
    await ok(conn, 'LTRIM', 'list:edited', '5', '-5');
    await ok(conn, 'LSET', 'list:edited', '100', '12345');
    // A list with compressed interior nodes.
    await ok(conn, 'CONFIG', 'SET', 'list-compress-depth', '1');
    await ok(conn, 'RPUSH', 'list:compressed', ...BIG);
    await ok(conn, 'SAVE');

    const contents = readRdb(readDump(dir), { now: Date.now() });
    expect(contents.emptyKeysSkipped).toBe(0);
    const got = new Map(contents.keys.map((k) => [k.key, k.value]));
    expect(got.size).toBe(SPECS.length + 2);
    for (const spec of SPECS) {
      const theirs = await redisView(conn, spec.key);
      expect(theirs.enc, spec.key).toBe(spec.enc);
      expect(ourView(got.get(spec.key)!), spec.key).toEqual(theirs);
      expect(asLoaded(spec.obj()), spec.key).toEqual(theirs);
    }
    for (const key of ['list:edited', 'list:compressed']) {
      expect(ourView(got.get(key)!), key).toEqual(await redisView(conn, key));
    }

    // And the engine loads it.
    const engine = new Engine();
    expect(loadSnapshot(engine, readDump(dir))).toEqual({ loaded: SPECS.length + 2, expired: 0 });
    for (const spec of SPECS) {
      expect(ourView(engine.dbs[0]!.dict.get(spec.key)!), spec.key).toEqual(await redisView(conn, spec.key));
    }
  });

  it('reads collections saved under small thresholds and without compression', async () => {
    const dir = tempDir();
    const { conn } = await redisIn(dir, [
      '--list-max-listpack-size',
      '3',
      '--hash-max-listpack-entries',
      '2',
      '--zset-max-listpack-entries',
      '2',
      '--set-max-intset-entries',
      '2',
      '--rdbcompression',
      'no',
    ]);
    await ok(conn, 'RPUSH', 'l', ...range(10, String));
    await ok(conn, 'HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    await ok(conn, 'SADD', 's', '1', '2', '3');
    await ok(conn, 'ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    await ok(conn, 'SAVE');
    const limits = { ...DEFAULT_ENCODING_LIMITS, hashMaxListpackEntries: 2, zsetMaxListpackEntries: 2, setMaxIntsetEntries: 2 };
    const got = new Map(readRdb(readDump(dir), { now: 0, limits }).keys.map((k) => [k.key, k.value]));
    for (const key of ['l', 'h', 's', 'z']) expect(ourView(got.get(key)!), key).toEqual(await redisView(conn, key));
  });
});

describe('collections: our writer → redis-server', () => {
  it('writes the same bytes as redis-server for collections with a fixed order', async () => {
    const exact = SPECS.filter((s) => s.exact);
    expect(exact.length).toBeLessThanOrEqual(16);
    const dir = tempDir();
    const { conn } = await redisIn(dir);
    const dbs: RdbDatabase[] = Array.from({ length: 16 }, () => ({ dict: new Map(), expires: new Map() }));
    for (let i = 0; i < exact.length; i++) {
      await ok(conn, 'SELECT', String(i));
      await build(conn, exact[i]!);
      (dbs[i]!.dict as Map<string, RObj>).set(exact[i]!.key, exact[i]!.obj());
    }
    await ok(conn, 'SAVE');
    const real = readDump(dir);
    const aux = readRdb(real, { now: 0 }).aux;
    const ours = writeRdb(dbs, { ctime: Number(aux.get('ctime')), usedMem: Number(aux.get('used-mem')) });
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(real).toString('hex'));
  });

  it('writes compressed quicklist nodes as redis-server does (list-compress-depth, rdbcompression no)', async () => {
    const dir = tempDir();
    const { conn } = await redisIn(dir, ['--list-compress-depth', '2', '--rdbcompression', 'no']);
    const nums = range(9000, (i) => String(i * i));
    const dbs: RdbDatabase[] = Array.from({ length: 3 }, () => ({ dict: new Map(), expires: new Map() }));
    const lists: [string, string[]][] = [
      ['text', BIG],
      ['nums', nums],
      ['mixed', [...range(300, (i) => `short ${i}`), 'w'.repeat(9000), ...range(3000, (i) => `tail ${i}`)]],
    ];
    for (let i = 0; i < lists.length; i++) {
      const [key, items] = lists[i]!;
      await ok(conn, 'SELECT', String(i));
      for (const args of batched('RPUSH', items)) await ok(conn, args[0]!, key, ...args.slice(1));
      (dbs[i]!.dict as Map<string, RObj>).set(key, list(items));
    }
    await ok(conn, 'SAVE');
    const real = readDump(dir);
    const aux = readRdb(real, { now: 0 }).aux;
    const ours = writeRdb(dbs, {
      ctime: Number(aux.get('ctime')),
      usedMem: Number(aux.get('used-mem')),
      compression: false,
      listCompressDepth: 2,
    });
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(real).toString('hex'));
  });

  it('SAVE makes a dump.rdb with every collection that redis-server loads (deep sanitization on)', async () => {
    const configs: Record<string, string>[] = [{}, { 'list-compress-depth': '1', rdbcompression: 'no', 'list-max-listpack-size': '-1' }];
    for (const config of configs) {
      const dir = tempDir();
      const engine = new Engine({ storage: new FileSnapshotStorage(dir), config });
      const now = Date.now();
      for (const spec of SPECS) engine.dbs[0]!.put(spec.key, spec.obj(), 0);
      engine.dbs[0]!.put('list:lpush-like', list(LPUSHED), 0);
      engine.dbs[4]!.put('hash:ttl', hash([['f', 'v']], 'listpack'), 0);
      engine.dbs[4]!.expires.set('hash:ttl', now + 500_000);
      const c = engine.createClient();
      expect(engine.execute(c, ['SAVE'])).toEqual({ t: 'simple', v: 'OK' });

      const check = spawnSync('redis-check-rdb', [join(dir, 'dump.rdb')], { encoding: 'latin1' });
      expect(check.stdout).toContain('RDB looks OK!');
      expect(check.status).toBe(0);

      const { conn } = await redisIn(dir, ['--sanitize-dump-payload', 'yes', ...Object.entries(config).flatMap(([k, v]) => [`--${k}`, v])]);
      const info = ((await cmd(conn, 'INFO', 'persistence')) as { v: string }).v;
      expect(info).toContain(`rdb_last_load_keys_loaded:${SPECS.length + 2}`);
      for (const [key, obj] of engine.dbs[0]!.dict) {
        expect(await redisView(conn, key), key).toEqual(asLoaded(obj));
      }
      await ok(conn, 'SELECT', '4');
      expect(await cmd(conn, 'PEXPIRETIME', 'hash:ttl')).toEqual({ t: 'int', v: now + 500_000 });
      expect(await cmd(conn, 'HGET', 'hash:ttl', 'f')).toEqual({ t: 'bulk', v: 'v' });

      // And back: Redis saves what it loaded, we read the same collections.
      await ok(conn, 'SAVE');
      const again = new Engine({ config });
      expect(loadSnapshot(again, readDump(dir)).loaded).toBe(SPECS.length + 2);
      for (const [key, obj] of engine.dbs[0]!.dict) {
        expect(ourView(again.dbs[0]!.dict.get(key)!), key).toEqual(asLoaded(obj));
      }
    }
  });

  it('picks the same encodings as redis-server when loading under other thresholds', async () => {
    const objs: [string, RObj][] = [
      [
        'h-lp3',
        hash(
          [
            ['a', '1'],
            ['b', '2'],
            ['c', '3'],
          ],
          'listpack',
        ),
      ],
      [
        'h-ht2',
        hash(
          [
            ['a', '1'],
            ['b', '2'],
          ],
          'hashtable',
        ),
      ],
      ['h-ht-long', hash([['a', 'x'.repeat(20)]], 'hashtable')],
      ['s-int3', set(['1', '2', '3'], 'intset')],
      ['s-ht-ints', set(['1', '2'], 'hashtable')],
      ['s-ht-mixed', set(['1', 'b'], 'hashtable')],
      [
        'z-lp3',
        zset(
          [
            ['a', 1],
            ['b', 2],
            ['c', 3],
          ],
          'listpack',
        ),
      ],
      [
        'z-sk2',
        zset(
          [
            ['a', -0],
            ['b', 2],
          ],
          'skiplist',
        ),
      ],
      ['z-sk-long', zset([['m'.repeat(20), 1]], 'skiplist')],
    ];
    const file = writeRdb([{ dict: new Map(objs), expires: new Map() }], { ctime: 0, usedMem: 0 });
    const settings: [string, string][] = [
      ['hash-max-listpack-entries', '2'],
      ['hash-max-listpack-value', '16'],
      ['set-max-intset-entries', '2'],
      ['zset-max-listpack-entries', '2'],
      ['zset-max-listpack-value', '16'],
    ];
    const limits = {
      hashMaxListpackEntries: 2,
      hashMaxListpackValue: 16,
      setMaxIntsetEntries: 2,
      zsetMaxListpackEntries: 2,
      zsetMaxListpackValue: 16,
    };
    for (const [name, useLimits] of [
      ['defaults', DEFAULT_ENCODING_LIMITS],
      ['small', limits],
    ] as const) {
      const dir = tempDir();
      writeFileSync(join(dir, 'dump.rdb'), file);
      const { conn } = await redisIn(dir, name === 'small' ? settings.flatMap(([k, v]) => [`--${k}`, v]) : []);
      const got = new Map(readRdb(file, { now: 0, limits: useLimits }).keys.map((k) => [k.key, k.value]));
      for (const [key] of objs) expect(ourView(got.get(key)!), `${name} ${key}`).toEqual(await redisView(conn, key));
    }
  });

  it('redis-server loads the older types we read (ziplists, zipmaps, string scores) as we do', async () => {
    const w = new RdbWriter().header().selectDb(0);
    w.byte(RDB_TYPE_LIST).string('list1').len(3).string('a').string('12').string('x'.repeat(100));
    w.byte(RDB_TYPE_LIST_ZIPLIST).string('list10').blob(encodeZiplist(EDGE));
    w.byte(RDB_TYPE_LIST_QUICKLIST)
      .string('list14')
      .len(2)
      .blob(encodeZiplist(BIG.slice(0, 300)))
      .blob(encodeZiplist(EDGE));
    w.byte(RDB_TYPE_HASH_ZIPMAP)
      .string('hash9')
      .blob(
        encodeZipmap(
          [
            ['name', 'redis'],
            ['n', '1'],
            ['long', 'L'.repeat(300)],
          ],
          2,
        ),
      );
    w.byte(RDB_TYPE_HASH_ZIPMAP)
      .string('hash9small')
      .blob(encodeZipmap([['a', 'b']]));
    w.byte(RDB_TYPE_HASH_ZIPLIST).string('hash13').blob(encodeZiplist(HPAIRS.flat()));
    w.byte(RDB_TYPE_ZSET).string('zset3').len(4);
    w.string('a').byte(3).raw('1.5').string('b').byte(254).string('c').byte(255).string('d').byte(2).raw('-0');
    w.byte(RDB_TYPE_ZSET_ZIPLIST)
      .string('zset12')
      .blob(encodeZiplist(['a', '-inf', 'b', '1', 'c', '2.5', 'e', '9223372036854775807', 'd', 'inf']));
    w.byte(RDB_TYPE_SET).string('set2').len(3).string('3').string('1').string('2');
    const file = w.finish();
    const dir = tempDir();
    writeFileSync(join(dir, 'dump.rdb'), file);
    const { conn } = await redisIn(dir, ['--sanitize-dump-payload', 'yes']);
    const got = new Map(readRdb(file, { now: 0 }).keys.map((k) => [k.key, k.value]));
    expect(got.size).toBe(9);
    for (const [key, obj] of got) expect(ourView(obj), key).toEqual(await redisView(conn, key));
  });
});
