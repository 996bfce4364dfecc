import { describe, expect, it, vi } from 'vitest';
import { AdjustableClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { late } from '../engine/late.js';
import { EngineHost } from './engine-host.js';
import type { FromWorker } from './protocol.js';
import { restoreSaved } from './restore.js';
import { memoryState } from './saved-state.js';
import { MAX_IMPORT_BYTES } from './protocol.js';
import type { MemoryAofDir } from '../engine/aof.js';

function dataset(e: Engine): string[] {
  const c = e.createClient();
  const out: string[] = [];
  for (const db of e.dbs) {
    for (const [k, o] of db.dict) {
      e.execute(c, ['SELECT', String(db.id)]);
      out.push(`${db.id} ${k} ${o.type} ${db.expires.get(k) ?? -1} ${JSON.stringify(e.execute(c, ['DUMP', k]))}`);
    }
  }
  return out.sort();
}

/**
 * A host as the worker has it: journaling into memoryState, late parts loaded; `snapshots`
 * false: the page goes away before a snapshot is stored.
 */
function host(state = memoryState(), snapshots = true, aofInMemory = false) {
  const out: FromWorker[] = [];
  const h = new EngineHost((m) => out.push(m), {
    engine: { late },
    autosave: (image, journalFrom) => {
      if (snapshots) state.save({ snapshot: Buffer.concat(image), ahead: 0, pausedAt: null }, journalFrom);
    },
    journal: (entry) => state.append({ ...entry, ahead: 0, pausedAt: null }),
    aofInMemory,
  });
  h.start();
  h.handle({ type: 'open', id: 1 });
  /** The answers of `type` once there are `n` (files.ts comes in its own chunk: they are late). */
  const answers = async <T extends FromWorker['type']>(type: T, n = 1) => {
    await vi.waitFor(() => expect(out.filter((m) => m.type === type).length).toBe(n));
    return out.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  };
  return { h, out, state, answers };
}

describe('dump.rdb in and out', () => {
  it('downloads the dataset as an RDB file that another engine loads, and loads one in place of the data', async () => {
    const a = host();
    for (const argv of [
      ['SET', 's', 'v', 'EX', '1000'],
      ['RPUSH', 'l', 'a', 'b'],
      ['SELECT', '4'],
      ['HSET', 'h', 'f', '1'],
      ['ZADD', 'z', '1', 'm'],
    ])
      a.h.handle({ type: 'run', id: 2, clientId: 3, argv });
    a.h.handle({ type: 'export', id: 5, format: 'rdb' });
    const [exported] = await a.answers('exported');
    const bytes = exported!.bytes;
    expect(bytes.subarray(0, 9)).toEqual(new TextEncoder().encode('REDIS0010'));

    const b = host(memoryState(), false);
    b.h.handle({ type: 'run', id: 2, clientId: 3, argv: ['SET', 'old', 'gone'] });
    b.h.handle({ type: 'import', id: 6, files: [{ name: 'dump.rdb', bytes }] });
    expect(await b.answers('imported')).toEqual([{ type: 'imported', id: 6, keys: 4 }]);
    expect(dataset(b.h.engine)).toEqual(dataset(a.h.engine));
    // Kept at once: a reload before any snapshot finds the loaded data from the journal.
    await Promise.resolve();
    expect(b.state.dataset).toBeUndefined();
    const reloaded = new Engine({ late });
    await restoreSaved(b.state, new AdjustableClock(), reloaded);
    expect(dataset(reloaded)).toEqual(dataset(a.h.engine));
  });

  it('a bad file changes nothing and says why', async () => {
    const b = host();
    b.h.handle({ type: 'run', id: 2, clientId: 3, argv: ['SET', 'keep', 'me'] });
    const truncated = new TextEncoder().encode('REDIS0010\xfa\x09redis-ver');
    const newer = new TextEncoder().encode('REDIS0099');
    b.h.handle({ type: 'import', id: 7, files: [{ name: 'dump.rdb', bytes: truncated }] });
    b.h.handle({ type: 'import', id: 8, files: [{ name: 'dump.rdb', bytes: newer }] });
    b.h.handle({ type: 'import', id: 9, files: [{ name: 'dump.rdb', bytes: new TextEncoder().encode('hello') }] });
    b.h.handle({ type: 'import', id: 10, files: [{ name: 'dump.rdb', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1) }] });
    const answers = await b.answers('imported', 4);
    expect(answers.map((m) => m.problem)).toEqual([
      { kind: 'unreadable', name: 'dump.rdb', reason: expect.stringMatching(/./) as unknown },
      { kind: 'unreadable', name: 'dump.rdb', reason: expect.stringMatching(/version/i) as unknown },
      { kind: 'not-data', name: 'dump.rdb' },
      { kind: 'too-large', mb: 256 },
    ]);
    expect(dataset(b.h.engine)).toEqual([expect.stringMatching(/^0 keep string -1 /)]);
  });

  it('loads an AOF file, and an AOF directory by its manifest, as Redis loads them at start', async () => {
    // The AOF the browser's engine writes with appendonly yes: a base, then a rewrite, then more.
    const a = host(memoryState(), true, true);
    const run = (...argv: string[]) => a.h.handle({ type: 'run', id: 2, clientId: 3, argv });
    run('SET', 'early', '1');
    run('CONFIG', 'SET', 'appendonly', 'yes');
    run('RPUSH', 'l', 'a', 'b');
    run('BGREWRITEAOF');
    run('SELECT', '2');
    run('HSET', 'h', 'f', 'v');
    run('SET', 'ttl', 'x', 'EX', '500');
    const dir = a.h.engine.aof!.dir as MemoryAofDir;
    const files = [...dir.files].map(([name, bytes]) => ({ name, bytes }));
    expect(files.map((f) => f.name).sort()).toEqual(['appendonly.aof.2.base.rdb', 'appendonly.aof.2.incr.aof', 'appendonly.aof.manifest']);

    const b = host();
    // Read first: what they hold, and nothing changes.
    b.h.handle({ type: 'run', id: 2, clientId: 3, argv: ['SET', 'here', '1'] });
    b.h.handle({ type: 'import', id: 5, files, check: true });
    expect(await b.answers('imported')).toEqual([{ type: 'imported', id: 5, keys: 4 }]);
    expect(dataset(b.h.engine)).toEqual([expect.stringMatching(/^0 here string/)]);
    b.h.handle({ type: 'import', id: 6, files });
    expect((await b.answers('imported', 2))[1]).toEqual({ type: 'imported', id: 6, keys: 4 });
    expect(dataset(b.h.engine)).toEqual(dataset(a.h.engine));

    // One file of commands (what a .redis download or a Redis 6 appendonly.aof holds).
    const c = host();
    const commands = new TextEncoder().encode('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*3\r\n$4\r\nSADD\r\n$1\r\ns\r\n$1\r\nm\r\n');
    c.h.handle({ type: 'import', id: 7, files: [{ name: 'appendonly.aof', bytes: commands }] });
    expect(await c.answers('imported')).toEqual([{ type: 'imported', id: 7, keys: 2 }]);

    // What cannot be loaded changes nothing.
    const incr = files.find((f) => f.name.endsWith('.incr.aof'))!;
    c.h.handle({ type: 'import', id: 8, files: files.filter((f) => f !== incr) });
    c.h.handle({ type: 'import', id: 9, files: [{ name: 'cut.aof', bytes: commands.subarray(0, commands.length - 3) }] });
    c.h.handle({ type: 'import', id: 10, files: [incr, { name: 'other.aof', bytes: commands }] });
    c.h.handle({ type: 'import', id: 11, files: [{ name: 'notes.txt', bytes: new TextEncoder().encode('SET k v') }] });
    const answers = await c.answers('imported', 5);
    expect(answers.slice(1).map((m) => m.problem)).toEqual([
      { kind: 'missing', name: 'appendonly.aof.2.incr.aof' },
      { kind: 'cut', name: 'cut.aof', at: 27 },
      { kind: 'needs-manifest' },
      { kind: 'not-data', name: 'notes.txt' },
    ]);
    expect(dataset(c.h.engine).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(['0 k string', '0 s set']);
  });
});
