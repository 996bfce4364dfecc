// A SnapshotStorage on disk, for `npm run serve`: the snapshot is `<dir>/<dbfilename>`
// (dump.rdb by default), a real RDB file that redis-server can load and vice versa. Writes go
// to a temporary file in the same directory, flushed to disk, then renamed over the old
// snapshot, so a crash never leaves a half-written dump (what Redis's rdbSave does).

import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SnapshotStorage } from '../engine/engine.js';
import { strerror } from './log.js';

export class FileSnapshotStorage implements SnapshotStorage {
  readonly dir: string;
  readonly filename: string;

  constructor(dir = '.', filename = 'dump.rdb') {
    this.dir = resolve(dir);
    this.filename = filename;
  }

  /** Absolute path of the snapshot file. */
  get path(): string {
    return join(this.dir, this.filename);
  }

  /**
   * rdbSave's steps, failing as it does: the error thrown carries the line Redis logs (the
   * engine logs it), and the temporary file never stays behind.
   */
  save(snapshot: Uint8Array): void {
    const tmpName = `temp-${process.pid}.rdb`;
    const tmp = join(this.dir, tmpName);
    // A killed background save may still be writing a file of this name: start a new one.
    unlinkQuietly(tmp);
    let fd: number;
    try {
      fd = openSync(tmp, 'w');
    } catch (e) {
      throw new Error(`Failed opening the temp RDB file ${tmpName} (in server root dir ${this.dir}) for saving: ${strerror(e)}`, { cause: e });
    }
    let op = 'rdbSaveRio';
    try {
      let off = 0;
      while (off < snapshot.length) off += writeSync(fd, snapshot, off, snapshot.length - off);
      op = 'fsync';
      fsyncSync(fd);
      op = 'fclose';
      closeSync(fd);
      fd = -1;
    } catch (e) {
      if (fd !== -1) closeQuietly(fd);
      unlinkQuietly(tmp);
      throw new Error(`Write error saving DB on disk(${op}): ${strerror(e)}`, { cause: e });
    }
    this.moveIntoPlace(tmp, tmpName);
    // Make the rename itself durable (Redis's fsyncFileDir); not every platform allows it.
    try {
      fd = openSync(this.dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // directories cannot be opened or synced here (Windows): the rename is done anyway
    }
  }

  /**
   * save()'s steps without blocking, for a background save. The temporary file has save()'s
   * name (Redis's child writes temp-<pid>.rdb too), but each save creates a new one, so that one
   * killed meanwhile (FLUSHALL, SHUTDOWN) writes to a file nobody sees, which it removes only if
   * it is still there; the snapshot is replaced only if the save is still `wanted()` at the end.
   */
  async saveInBackground(chunks: readonly Uint8Array[], wanted: () => boolean): Promise<void> {
    const tmpName = `temp-${process.pid}.rdb`;
    const tmp = join(this.dir, tmpName);
    let fh: FileHandle | null;
    let ino: number;
    try {
      await unlink(tmp).catch(() => {});
      fh = await open(tmp, 'w');
      ino = (await fh.stat()).ino;
    } catch (e) {
      throw new Error(`Failed opening the temp RDB file ${tmpName} (in server root dir ${this.dir}) for saving: ${strerror(e)}`, { cause: e });
    }
    let op = 'rdbSaveRio';
    try {
      for (const chunk of chunks) {
        let off = 0;
        while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
      }
      op = 'fsync';
      await fh.sync();
      op = 'fclose';
      await fh.close();
      fh = null;
    } catch (e) {
      if (fh !== null) await fh.close().catch(() => {});
      await unlink(tmp).catch(() => {});
      throw new Error(`Write error saving DB on disk(${op}): ${strerror(e)}`, { cause: e });
    }
    if (!wanted()) {
      const now = await stat(tmp).catch(() => null);
      if (now !== null && now.ino === ino) await unlink(tmp).catch(() => {});
      return;
    }
    // At once after the check: nothing can save in between.
    this.moveIntoPlace(tmp, tmpName);
    try {
      const dir = await open(this.dir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch {
      // directories cannot be opened or synced here (Windows): the rename is done anyway
    }
  }

  /** The snapshot's bytes, or null when there is no snapshot file yet. */
  load(): Uint8Array | null {
    try {
      const b = readFileSync(this.path);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /** rename(2) of the finished temp file over the snapshot; on failure the temp file goes. */
  private moveIntoPlace(tmp: string, tmpName: string): void {
    try {
      renameSync(tmp, this.path);
    } catch (e) {
      unlinkQuietly(tmp);
      throw new Error(`Error moving temp DB file ${tmpName} on the final destination ${this.filename} (in server root dir ${this.dir}): ${strerror(e)}`, {
        cause: e,
      });
    }
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // the write error is what gets reported
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
