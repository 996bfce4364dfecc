// The aclfile on disk for `npm run serve`: read whole for the users at start and ACL LOAD,
// written by ACL SAVE to `<path>.tmp-<pid>-<ms>` and renamed over the file, so that a crash
// leaves the old file or the new one (what Redis's ACLSaveToFile does). Paths are the aclfile
// parameter as given, relative to the working directory (--dir's), as Redis opens them.

import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import type { AclFileStorage } from '../engine/engine.js';
import { strerror } from './log.js';

export class FileAclStorage implements AclFileStorage {
  load(path: string): Uint8Array {
    try {
      const b = readFileSync(path);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      // fopen(3) opens a directory for reading and only the reads fail: Redis then loads it as
      // an empty file.
      if ((e as NodeJS.ErrnoException).code === 'EISDIR') return new Uint8Array(0);
      throw new Error(strerror(e), { cause: e });
    }
  }

  save(path: string, bytes: Uint8Array): void {
    const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
    let fd: number;
    try {
      fd = openSync(tmp, 'w', 0o644);
    } catch (e) {
      throw new Error(`Opening temp ACL file for ACL SAVE: ${strerror(e)}`, { cause: e });
    }
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      closeSync(fd);
      unlinkQuietly(tmp);
      throw new Error(`Writing ACL file for ACL SAVE: ${strerror(e)}`, { cause: e });
    }
    closeSync(fd);
    try {
      renameSync(tmp, path);
    } catch (e) {
      unlinkQuietly(tmp);
      throw new Error(`Renaming ACL file for ACL SAVE: ${strerror(e)}`, { cause: e });
    }
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
