// BGSAVE under the TCP server: a snapshot job stepped between requests, so that clients keep
// being answered while it runs, and the file is the dataset as it was when BGSAVE answered.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { createString } from '../../src/engine/objects.js';
import { MemorySnapshotStorage } from '../../src/engine/persistence.js';
import { RdbWriter, readRdb, writeRdb } from '../../src/engine/rdb.js';
import type { RunningServer } from '../../src/server/server.js';
import { FileSnapshotStorage } from '../../src/server/file-storage.js';
import { RespConnection } from '../diff/harness.js';
import { startOurs } from './raw.js';

/** Decoded keys (db, TTL and value bytes), sorted: files compare by content, not encoding. */
function image(bytes: Uint8Array): string[] {
  const out: string[] = [];
  // One writer for every key (each owns an LZF table): values compare uncompressed.
  const w = new RdbWriter({ compression: false });
  for (const k of readRdb(bytes, { now: 0, verifyChecksum: true }).keys) {
    out.push(`${k.db} ${k.expireAt} ${Buffer.from(w.keyValue(k.key, k.value).takeChunk()).toString('latin1')}`);
  }
  return out.sort();
}

/** The entries of one sorted image missing from the other, both ways (empty when they are equal). */
function difference(a: string[], b: string[]): string[] {
  const inB = new Set(b);
  const inA = new Set(a);
  return [...a.filter((x) => !inB.has(x)).map((x) => '- ' + x), ...b.filter((x) => !inA.has(x)).map((x) => '+ ' + x)];
}

function fill(engine: Engine, n: number): void {
  const db0 = engine.dbs[0]!;
  const db2 = engine.dbs[2]!;
  for (let i = 0; i < n; i++) db0.put(`key:${i}`, createString(`value-${i}-${'x'.repeat(i % 40)}`), 0);
  for (let i = 0; i < 1000; i++) db2.put(`other:${i}`, createString(String(i)), 0);
  for (let i = 0; i < n; i += 7) db0.expires.set(`key:${i}`, Date.now() + 3_600_000);
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Enough keys for the save to take many turns of the event loop. */
const KEYS = 200_000;

describe('BGSAVE with many keys', () => {
  // Filling, saving and decoding twice that many keys takes seconds on a busy 2-core machine.
  it('answers another client while it runs, and saves the dataset as it was when it started', { timeout: 90_000 }, async () => {
    const storage = new MemorySnapshotStorage();
    const started = await startOurs({ storage });
    server = started.server;
    const engine = started.engine;
    const lines: string[] = [];
    engine.log = (_level, message) => lines.push(message);
    fill(engine, KEYS);

    const admin = await RespConnection.connect(server.port);
    const writer = await RespConnection.connect(server.port);
    const oracle = writeRdb(engine.dbs, { ctime: 0, usedMem: 0 });
    expect(await admin.send(['BGSAVE'])).toBe('+Background saving started\r\n');
    expect(await admin.send(['BGSAVE'])).toBe('-ERR Background save already in progress\r\n');
    expect(await admin.send(['BGSAVE', 'SCHEDULE'])).toBe('-ERR Background save already in progress\r\n');
    expect(await admin.send(['SAVE'])).toBe('-ERR Background save already in progress\r\n');
    expect(await admin.send(['INFO', 'persistence'])).toContain('rdb_bgsave_in_progress:1\r\n');

    // Writes of every kind while the save runs: each reply's latency is measured.
    const latencies: number[] = [];
    let i = 0;
    while (engine.bgsave !== null) {
      const n = (i * 7919) % KEYS;
      const argv =
        i % 5 === 0
          ? ['SET', `key:${n}`, 'changed']
          : i % 5 === 1
            ? ['DEL', `key:${n}`]
            : i % 5 === 2
              ? ['LPUSH', `new:${i}`, 'x']
              : i % 5 === 3
                ? ['PEXPIRE', `key:${n}`, '1']
                : ['PING'];
      const t0 = performance.now();
      await writer.send(argv);
      latencies.push(performance.now() - t0);
      i++;
    }
    await expect.poll(() => lines).toContain('Background saving terminated with success');
    expect(lines).toContain('DB saved on disk');
    expect(lines.some((l) => /^Background saving started by pid \d+$/.test(l))).toBe(true);
    expect(await admin.send(['INFO', 'persistence'])).toContain('rdb_bgsave_in_progress:0\r\n');

    const saved = storage.load();
    expect(saved).not.toBeNull();
    const got = image(saved!);
    const want = image(oracle);
    expect(difference(got, want)).toEqual([]);
    expect(got.length).toBe(want.length);
    // Many writes were answered during the save (it did not run in one piece).
    expect(latencies.length).toBeGreaterThan(10);
    latencies.sort((a, b) => a - b);
    const max = latencies[latencies.length - 1]!;
    const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
    // A figure, not an assertion: on a shared machine one slow turn says nothing (bench/bgsave.ts measures).
    console.log(`BGSAVE of ${KEYS} keys: ${latencies.length} replies during the save, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  });

  it('BGSAVE inside EXEC is scheduled, and the cron starts it once the transaction is over', async () => {
    const storage = new MemorySnapshotStorage();
    const started = await startOurs({ storage });
    server = started.server;
    const engine = started.engine;
    const lines: string[] = [];
    engine.log = (_level, message) => lines.push(message);
    fill(engine, 1000);
    const c = await RespConnection.connect(server.port);
    expect(await c.send(['MULTI'])).toBe('+OK\r\n');
    expect(await c.send(['BGSAVE'])).toBe('+QUEUED\r\n');
    expect(await c.send(['SET', 'key:1', 'in-exec'])).toBe('+QUEUED\r\n');
    expect(await c.send(['EXEC'])).toBe('*2\r\n+Background saving scheduled\r\n+OK\r\n');
    await expect.poll(() => lines).toContain('Background saving terminated with success');
    const saved = readRdb(storage.load()!, { now: 0 }).keys.find((k) => k.db === 0 && k.key === 'key:1');
    expect(saved?.value).toMatchObject({ type: 'string', value: 'in-exec' });
  });

  it("a FLUSHALL kills the save as it kills Redis's child, and SAVE works again", async () => {
    const storage = new MemorySnapshotStorage();
    const started = await startOurs({ storage });
    server = started.server;
    const engine = started.engine;
    const lines: string[] = [];
    engine.log = (_level, message) => lines.push(message);
    fill(engine, 100_000);
    const c = await RespConnection.connect(server.port);
    expect(await c.send(['BGSAVE'])).toBe('+Background saving started\r\n');
    expect(await c.send(['FLUSHALL'])).toBe('+OK\r\n');
    expect(lines).toContain('Background saving terminated by signal 10');
    expect(await c.send(['INFO', 'persistence'])).toMatch(/rdb_bgsave_in_progress:0\r\n[^]*rdb_last_bgsave_status:ok\r\n/);
    expect(await c.send(['SAVE'])).toBe('+OK\r\n');
    expect(readRdb(storage.load()!, { now: 0 }).keys).toEqual([]);
  });

  it('writes dump.rdb without blocking; a SHUTDOWN meanwhile kills it and saves at once, as Redis does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bgsave-test-'));
    try {
      const storage = new FileSnapshotStorage(dir);
      const started = await startOurs({ storage });
      server = started.server;
      const engine = started.engine;
      const lines: string[] = [];
      engine.log = (_level, message) => lines.push(message);
      fill(engine, 50_000);
      const c = await RespConnection.connect(server.port);
      const first = writeRdb(engine.dbs, { ctime: 0, usedMem: 0 });
      expect(await c.send(['BGSAVE'])).toBe('+Background saving started\r\n');
      expect(await c.send(['SET', 'key:1', 'changed'])).toBe('+OK\r\n');
      await expect.poll(() => lines).toContain('Background saving terminated with success');
      expect(difference(image(readFileSync(storage.path)), image(first))).toEqual([]);

      const second = writeRdb(engine.dbs, { ctime: 0, usedMem: 0 });
      expect(await c.send(['BGSAVE'])).toBe('+Background saving started\r\n');
      lines.length = 0;
      expect(await c.send(['SHUTDOWN'])).toBe('<connection closed>');
      expect(lines.slice(0, 4)).toEqual([
        'User requested shutdown...',
        'There is a child saving an .rdb. Killing it!',
        'Saving the final RDB snapshot before exiting.',
        'DB saved on disk',
      ]);
      expect(difference(image(readFileSync(storage.path)), image(second))).toEqual([]);
      // The killed save's temporary file does not stay behind (nor replace the snapshot).
      await expect.poll(() => readdirSync(dir)).toEqual(['dump.rdb']);
      expect(difference(image(readFileSync(storage.path)), image(second))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
