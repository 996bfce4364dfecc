import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { createString } from '../engine/objects.js';
import { loadFromStorage } from '../engine/persistence.js';
import { FileSnapshotStorage } from './file-storage.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'file-storage-'));
  dirs.push(d);
  return d;
}

describe('FileSnapshotStorage', () => {
  it('has nothing to load before the first save', () => {
    const s = new FileSnapshotStorage(tempDir());
    expect(s.load()).toBeNull();
  });

  it('writes <dir>/<dbfilename> atomically and reads it back', () => {
    const dir = tempDir();
    const s = new FileSnapshotStorage(dir, 'my.rdb');
    expect(s.path).toBe(join(dir, 'my.rdb'));
    s.save(Uint8Array.from([1, 2, 3]));
    s.save(Uint8Array.from([4, 5]));
    expect(Array.from(s.load()!)).toEqual([4, 5]);
    expect(Array.from(readFileSync(join(dir, 'my.rdb')))).toEqual([4, 5]);
    // No temporary file is left behind.
    expect(readdirSync(dir)).toEqual(['my.rdb']);
  });

  it('defaults to dump.rdb and fails loudly when the directory is missing', () => {
    const dir = tempDir();
    expect(new FileSnapshotStorage(dir).path).toBe(join(dir, 'dump.rdb'));
    const missing = new FileSnapshotStorage(join(dir, 'nope'));
    expect(() => missing.save(Uint8Array.from([1]))).toThrow();
    expect(missing.load()).toBeNull();
  });

  it("fails with Redis's log line and leaves no temporary file", () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'dump.rdb'));
    const s = new FileSnapshotStorage(dir);
    expect(() => s.save(Uint8Array.from([1]))).toThrow(
      `Error moving temp DB file temp-${process.pid}.rdb on the final destination dump.rdb (in server root dir ${dir}): Is a directory`,
    );
    expect(readdirSync(dir)).toEqual(['dump.rdb']);
    const missing = new FileSnapshotStorage(join(dir, 'nope'));
    expect(() => missing.save(Uint8Array.from([1]))).toThrow(
      `Failed opening the temp RDB file temp-${process.pid}.rdb (in server root dir ${join(dir, 'nope')}) for saving: No such file or directory`,
    );
  });

  it('lets an engine save with SAVE and another load at start-up', () => {
    const dir = tempDir();
    const a = new Engine({ storage: new FileSnapshotStorage(dir) });
    a.dbs[1]!.put('k', createString('v'), 0);
    expect(a.execute(a.createClient(), ['SAVE'])).toEqual({ t: 'simple', v: 'OK' });
    const b = new Engine({ storage: new FileSnapshotStorage(dir) });
    expect(loadFromStorage(b)).toEqual({ loaded: 1, expired: 0 });
    expect(b.dbs[1]!.dict.get('k')).toMatchObject({ type: 'string', value: 'v' });
  });

  it('makes SAVE fail with ERR when the file cannot be written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    // A "directory" that is a regular file: the temp file cannot be created.
    const e = new Engine({ storage: new FileSnapshotStorage(join(dir, 'file')) });
    expect(e.execute(e.createClient(), ['SAVE'])).toEqual({ t: 'error', v: 'ERR' });
  });
});
